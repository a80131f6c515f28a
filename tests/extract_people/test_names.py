"""Names, titles, post-nominals, professions and prescriber status, from tables."""

from __future__ import annotations

import pytest

from extract.credentials import detect_prescriber, detect_profession, looks_like_name, parse_name

# (text, title, name, postnominals)
NAMES = [
    ("Dr Jane Smith", "Dr", "Jane Smith", None),
    ("Dr. Jane Smith", "Dr", "Jane Smith", None),
    ("DR Jane Smith", None, "DR Jane Smith", None),
    ("Dr Jane Smith MBBS MRCS", "Dr", "Jane Smith", "MBBS MRCS"),
    ("Dr Jane Smith MBBS, MRCS", "Dr", "Jane Smith", "MBBS, MRCS"),
    ("Dr Jane Smith BSc (Hons) MBChB", "Dr", "Jane Smith", "BSc (Hons) MBChB"),
    ("Dr Jane Smith - Medical Director", "Dr", "Jane Smith", None),
    ("Dr Jane Smith | Aesthetic Doctor", "Dr", "Jane Smith", None),
    ("Dr Jane Smith: Founder", "Dr", "Jane Smith", None),
    ("Mr Ali Khan BDS (Hons) MJDF", "Mr", "Ali Khan", "BDS (Hons) MJDF"),
    ("Mr. Ali Khan", "Mr", "Ali Khan", None),
    ("Mrs Helen O'Brien RGN", "Mrs", "Helen O'Brien", "RGN"),
    ("Miss Chloe Evans", "Miss", "Chloe Evans", None),
    ("Ms Priya Patel MPharm IP", "Ms", "Priya Patel", "MPharm IP"),
    ("Nurse Emma Clarke RGN NMP", "Nurse", "Emma Clarke", "RGN NMP"),
    ("Nurse Emma Clarke", "Nurse", "Emma Clarke", None),
    ("Sister Mary Doyle RGN", "Nurse", "Mary Doyle", "RGN"),
    ("Prof John Hughes FRCS", "Prof", "John Hughes", "FRCS"),
    ("Professor John Hughes", "Prof", "John Hughes", None),
    ("Prof. Dr. med. Hans Weber", "Prof", "Hans Weber", None),
    ("Dr. med. Anna Müller", "Dr", "Anna Müller", None),
    ("Dr. med. dent. Jörg Becker", "Dr", "Jörg Becker", None),
    ("Dr med Katrin Schäfer", "Dr", "Katrin Schäfer", None),
    ("Frau Dr. med. Lena Vogel", "Dr", "Lena Vogel", None),
    ("Dra. María García López", "Dr", "María García López", None),
    ("Dra María José Ruiz", "Dr", "María José Ruiz", None),
    ("Dr. Javier Fernández", "Dr", "Javier Fernández", None),
    ("lek. med. Anna Kowalska", "Lek", "Anna Kowalska", None),
    ("lek. Piotr Nowak", "Lek", "Piotr Nowak", None),
    ("Lek. med. Katarzyna Wiśniewska", "Lek", "Katarzyna Wiśniewska", None),
    ("lek. dent. Tomasz Zieliński", "Lek", "Tomasz Zieliński", None),
    ("dr n. med. Ewa Lewandowska", "Dr", "Ewa Lewandowska", None),
    ("Cristina Caridi, MD", None, "Cristina Caridi", "MD"),
    ("Sarah Jones RN, BSN", None, "Sarah Jones", "RN, BSN"),
    ("Amy Lee, MSN, FNP-BC", None, "Amy Lee", "MSN, FNP-BC"),
    ("Mark Davis, PA-C", None, "Mark Davis", "PA-C"),
    ("Kelly Ortiz, LE", None, "Kelly Ortiz", "LE"),
    ("Jessica Park, DO", None, "Jessica Park", "DO"),
    ("Rosa Diaz, NP-C", None, "Rosa Diaz", "NP-C"),
    ("Laura Chen, APRN, FNP-C", None, "Laura Chen", "APRN, FNP-C"),
    ("Stephen McCarthy", None, "Stephen McCarthy", None),
    ("Stephen McCarthy, PA-C", None, "Stephen McCarthy", "PA-C"),
    ("Anne-Marie Dubois", None, "Anne-Marie Dubois", None),
    ("Ludwig van der Berg", None, "Ludwig van der Berg", None),
    ("Jane SMITH", None, "Jane SMITH", None),
    ("Jane Smith, RGN", None, "Jane Smith", "RGN"),
    ("Jane Smith RGN", None, "Jane Smith", "RGN"),
    ("Jane Smith, RN", None, "Jane Smith", "RN"),
    ("Dr Jane Smith\nAesthetic Doctor", "Dr", "Jane Smith", None),
    ("  Dr\xa0Jane  Smith  ", "Dr", "Jane Smith", None),
]


@pytest.mark.parametrize(("text", "title", "name", "post"), NAMES, ids=[r[0].strip() for r in NAMES])
def test_parse_name(text, title, name, post):
    parsed = parse_name(text)
    assert (parsed.title, parsed.name, parsed.postnominals) == (title, name, post)


def test_parse_name_keeps_role():
    assert parse_name("Dr Jane Smith - Medical Director").rest == "Medical Director"


# (name, titled, looks like a person)
LOOKS = [
    ("Jane Smith", False, True),
    ("María García López", False, True),
    ("Sarah", False, False),
    ("Sarah", True, True),
    ("Botox Treatments", False, False),
    ("Our Team", False, False),
    ("Meet The Team", False, False),
    ("Glow Aesthetics", False, False),
    ("Opening Hours", False, False),
    ("Book Now", False, False),
    ("Dermal Filler Prices", False, False),
    ("Contact Us", False, False),
    ("Skin Clinic London", False, False),
    ("Anti Wrinkle Injections", False, False),
    ("jane smith", False, False),
    ("Jane Smith 2024", False, False),
    ("Ludwig van der Berg", False, True),
    ("Anne-Marie Dubois", False, True),
    ("Sinéad O'Connor", False, True),
    ("Katarzyna Wiśniewska", False, True),
    ("Hair Loss Clinic", False, False),
    ("Privacy Policy", False, False),
    ("Follow Us", False, False),
    ("One Two Three Four Five Six", False, False),
    ("Quick Links", False, False),
    ("Free Consultation", False, False),
]


@pytest.mark.parametrize(("name", "titled", "ok"), LOOKS, ids=[f"{r[0]}-{'titled' if r[1] else 'bare'}" for r in LOOKS])
def test_looks_like_name(name, titled, ok):
    assert looks_like_name(name, titled=titled) is ok


# (role text, postnominals, country, title, registers, profession)
PROFESSIONS = [
    ("Medical Director", None, "GB", "Dr", (), "doctor"),
    ("Aesthetic Doctor", None, "GB", None, (), "doctor"),
    ("", "MBBS MRCS", "GB", None, (), "doctor"),
    ("", "MBChB", "GB", None, (), "doctor"),
    ("", "MD", "US", None, (), "doctor"),
    ("", "DO", "US", None, (), "doctor"),
    ("Board-certified dermatologist", None, "US", None, (), "doctor"),
    ("Plastic surgeon", None, "GB", "Mr", (), "doctor"),
    ("GP with special interest in aesthetics", None, "GB", None, (), "doctor"),
    ("Cosmetic dentist", None, "GB", "Dr", (), "dentist"),
    ("", "BDS", "GB", "Dr", (), "dentist"),
    ("", "BDS (Hons) MJDF", "GB", "Mr", (), "dentist"),
    ("Dentist", None, "GB", None, (), "dentist"),
    ("Facial aesthetics", None, "GB", "Dr", ("gdc",), "dentist"),
    ("", "DDS", "US", None, (), "dentist"),
    ("Zahnärztin", None, "DE", "Dr", (), "dentist"),
    ("lekarz dentysta", None, "PL", "Lek", (), "dentist"),
    ("Odontóloga", None, "ES", "Dr", (), "dentist"),
    ("Prescribing pharmacist", None, "GB", None, (), "pharmacist"),
    ("", "MPharm", "GB", None, (), "pharmacist"),
    ("Aesthetic practitioner", None, "GB", None, ("gphc",), "pharmacist"),
    ("Pharmacist prescriber", None, "GB", "Dr", (), "pharmacist"),
    ("Aesthetic Nurse", None, "GB", None, (), "nurse"),
    ("Lead Aesthetic Nurse Prescriber", None, "GB", None, (), "nurse"),
    ("", "RGN", "GB", None, (), "nurse"),
    ("", "RGN NMP", "GB", None, (), "nurse"),
    ("Aesthetic practitioner", None, "GB", None, ("nmc",), "nurse"),
    ("Nurse", None, "GB", "Nurse", (), "nurse"),
    ("", None, "GB", "Nurse", (), "nurse"),
    ("Registered Nurse", None, "US", None, (), "nurse"),
    ("", "RN, BSN", "US", None, (), "nurse"),
    ("", "RN", "US", None, (), "nurse"),
    ("Nurse injector", "RN", "US", None, (), "nurse"),
    ("Krankenschwester", None, "DE", None, (), "nurse"),
    ("Enfermera estética", None, "ES", None, (), "nurse"),
    ("Pielęgniarka", None, "PL", None, (), "nurse"),
    ("Family Nurse Practitioner", None, "US", None, (), "nurse_practitioner"),
    ("", "MSN, FNP-BC", "US", None, (), "nurse_practitioner"),
    ("", "APRN, FNP-C", "US", None, (), "nurse_practitioner"),
    ("", "NP-C", "US", None, (), "nurse_practitioner"),
    ("", "RN, BSN, NP", "US", None, (), "nurse_practitioner"),
    ("Advanced Nurse Practitioner", None, "GB", None, ("nmc",), "nurse_practitioner"),
    ("Nurse Practitioner", None, "US", "Nurse", (), "nurse_practitioner"),
    ("Physician Assistant", None, "US", None, (), "physician_assistant"),
    ("", "PA-C", "US", None, (), "physician_assistant"),
    ("Physician Associate", None, "GB", None, (), "physician_assistant"),
    ("", "PA", "US", None, (), "physician_assistant"),
    ("Licensed Esthetician", None, "US", None, (), "aesthetician"),
    ("", "LE", "US", None, (), "aesthetician"),
    ("Aesthetician", None, "GB", None, (), "aesthetician"),
    ("Beauty therapist", None, "GB", None, (), "aesthetician"),
    ("Aesthetic Practitioner", None, "GB", None, (), "aesthetician"),
    ("Licensed & Certified Aesthetic Therapist", None, "AE", None, (), "aesthetician"),
    ("Kosmetikerin", None, "DE", None, (), "aesthetician"),
    ("Kosmetolog", None, "PL", None, (), "aesthetician"),
    ("Esteticista", None, "ES", None, (), "aesthetician"),
    ("Medical Assistant", None, "US", None, (), "medical_assistant"),
    ("", "CMA", "US", None, (), "medical_assistant"),
    ("", "MA", "US", None, (), "medical_assistant"),
    ("", "MA", "GB", None, (), "unknown"),
    ("Paramedic and aesthetic practitioner", None, "GB", None, (), "hcpc_professional"),
    ("Aesthetic practitioner", None, "GB", None, ("hcpc",), "hcpc_professional"),
    ("Physiotherapist", None, "GB", None, (), "hcpc_professional"),
    ("Fachärztin für Dermatologie", None, "DE", "Dr", (), "doctor"),
    ("Fachärztin für Dermatologie", None, "DE", None, (), "doctor"),
    ("Médica estética", None, "ES", "Dr", (), "doctor"),
    ("Médico estético", None, "ES", None, (), "doctor"),
    ("Lekarz medycyny estetycznej", None, "PL", "Lek", (), "doctor"),
    ("", None, "PL", "Lek", (), "doctor"),
    ("Clinic owner", None, "GB", "Dr", ("gmc",), "doctor"),
    ("Practice manager", None, "GB", None, (), "unknown"),
    ("", None, "GB", None, (), "unknown"),
    ("", None, "GB", "Mrs", (), "unknown"),
    ("Skin specialist", None, "GB", None, (), "aesthetician"),
    ("Injector", "RN", "US", None, ("state_license",), "nurse"),
    ("Aesthetic injector", None, "US", None, ("npi",), "unknown"),
    ("Medical Director", "MD", "US", None, ("npi", "state_license"), "doctor"),
]


@pytest.mark.parametrize(("text", "post", "country", "title", "regs", "profession"), PROFESSIONS,
                         ids=[f"{r[0] or '-'}|{r[1] or '-'}|{r[3] or '-'}|{','.join(r[4]) or '-'}" for r in PROFESSIONS])
def test_detect_profession(text, post, country, title, regs, profession):
    assert detect_profession(text, post, country, title=title, registers=regs) == profession


PRESCRIBER = [
    ("Independent nurse prescriber", True),
    ("Emma is an independent prescriber", True),
    ("RGN, NMP", True),
    ("qualified non-medical prescriber (V300)", True),
    ("V300 prescribing qualification", True),
    ("V 300", True),
    ("Prescribing nurse", True),
    ("prescribing pharmacist", True),
    ("Pharmacist prescriber", True),
    ("MPharm IP", True),
    ("She can prescribe all our treatments", True),
    ("qualified to prescribe", True),
    ("Non-prescribing nurse", False),
    ("non prescriber", False),
    ("She is not a prescriber; treatments are prescribed by Dr Smith", False),
    ("Emma does not prescribe", False),
    ("Emma doesn't prescribe", False),
    ("Aesthetic nurse", None),
    ("Medical Director", None),
    ("Prescription skincare available", None),
    ("Botox is a prescription-only medicine", None),
    ("", None),
    ("IPL photofacial", None),
    ("Independent clinic in Leeds", None),
]


@pytest.mark.parametrize(("text", "expected"), PRESCRIBER, ids=[r[0] or "empty" for r in PRESCRIBER])
def test_detect_prescriber(text, expected):
    assert detect_prescriber(text) is expected
