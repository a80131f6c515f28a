"""Register numbers from text: valid, malformed, and look-alikes that must not match."""

from __future__ import annotations

import pytest

from extract.credentials import find_memberships, find_registrations, find_training, postnominal_credentials

# (text, country, [(kind, value, format_valid, issuer)])
FOUND = [
    # GMC
    ("GMC: 1234567", "GB", [("gmc", "1234567", True, None)]),
    ("GMC 1234567", "GB", [("gmc", "1234567", True, None)]),
    ("GMC No. 7012345", "GB", [("gmc", "7012345", True, None)]),
    ("GMC number 7012345", "GB", [("gmc", "7012345", True, None)]),
    ("GMC Reg: 6123456", "GB", [("gmc", "6123456", True, None)]),
    ("GMC registration number: 6123456", "GB", [("gmc", "6123456", True, None)]),
    ("GMC Ref No 4567890", "GB", [("gmc", "4567890", True, None)]),
    ("(GMC 4567890)", "GB", [("gmc", "4567890", True, None)]),
    ("GMC#4567890", "GB", [("gmc", "4567890", True, None)]),
    ("gmc: 4567890", "GB", [("gmc", "4567890", True, None)]),
    ("GMC 456 7890", "GB", [("gmc", "4567890", True, None)]),
    ("registered with the General Medical Council (GMC) under number 7654321", "GB", [("gmc", "7654321", True, None)]),
    ("General Medical Council no. 7654321", "GB", [("gmc", "7654321", True, None)]),
    ("GMC number is 7654321", "GB", [("gmc", "7654321", True, None)]),
    ("Registration 7654321 (GMC)", "GB", [("gmc", "7654321", True, None)]),
    ("GMC No. 123456", "GB", [("gmc", "123456", False, None)]),
    ("GMC: 12345678", "GB", [("gmc", "12345678", False, None)]),
    ("GMC 0000", "GB", [("gmc", "0000", False, None)]),
    ("GMC 12345678901", "GB", [("gmc", "12345678901", False, None)]),
    ("GMC 1234567A", "GB", [("gmc", "1234567A", False, None)]),
    ("GDC: 998750X", "GB", [("gdc", "998750X", False, None)]),
    # NMC
    ("NMC PIN 12A3456E", "GB", [("nmc", "12A3456E", True, None)]),
    ("NMC PIN: 12A3456E", "GB", [("nmc", "12A3456E", True, None)]),
    ("NMC pin: 12a3456e", "GB", [("nmc", "12A3456E", True, None)]),
    ("NMC: 98B7654C", "GB", [("nmc", "98B7654C", True, None)]),
    ("NMC No. 01A2345N", "GB", [("nmc", "01A2345N", True, None)]),
    ("NMC registration 05I1234S", "GB", [("nmc", "05I1234S", True, None)]),
    ("NMC 12A 3456E", "GB", [("nmc", "12A3456E", True, None)]),
    ("Nursing and Midwifery Council PIN 76Y1234E", "GB", [("nmc", "76Y1234E", True, None)]),
    ("NMC: I2A345GE", "GB", [("nmc", "12A345GE", False, None)]),
    ("NMC PIN 12A345E", "GB", [("nmc", "12A345E", False, None)]),
    ("NMC PIN: O9C1234X", "GB", [("nmc", "09C1234X", True, None)]),
    ("NMC PIN 1234567", "GB", [("nmc", "1234567", False, None)]),
    ("NMC PIN: 12AB3456", "GB", [("nmc", "12AB3456", False, None)]),
    # GDC
    ("GDC 123456", "GB", [("gdc", "123456", True, None)]),
    ("GDC No: 81234", "GB", [("gdc", "81234", True, None)]),
    ("GDC number 262626", "GB", [("gdc", "262626", True, None)]),
    ("General Dental Council (GDC) registration 77123", "GB", [("gdc", "77123", True, None)]),
    ("GDC 12", "GB", []),
    ("GDC 1234567", "GB", [("gdc", "1234567", False, None)]),
    # GPhC
    ("GPhC 2071234", "GB", [("gphc", "2071234", True, None)]),
    ("GPhC registration number: 2212345", "GB", [("gphc", "2212345", True, None)]),
    ("GPhC No 1123456", "GB", [("gphc", "1123456", False, None)]),
    ("GPHC: 2000001", "GB", [("gphc", "2000001", True, None)]),
    ("General Pharmaceutical Council number 2054321", "GB", [("gphc", "2054321", True, None)]),
    # HCPC
    ("HCPC PA123456", "GB", [("hcpc", "PA123456", True, None)]),
    ("HCPC: PA 123456", "GB", [("hcpc", "PA123456", True, None)]),
    ("HCPC registration PH12345", "GB", [("hcpc", "PH12345", True, None)]),
    ("HCPC No. CH004567", "GB", [("hcpc", "CH004567", True, None)]),
    ("HCPC: PYL123456", "GB", [("hcpc", "PYL123456", True, None)]),
    ("HCPC ODP12345", "GB", [("hcpc", "ODP12345", True, None)]),
    ("HCPC: XX123456", "GB", [("hcpc", "XX123456", False, None)]),
    # NPI
    ("NPI: 1508353780", "US", [("npi", "1508353780", True, None)]),
    ("NPI 1508353780", "US", [("npi", "1508353780", True, None)]),
    ("NPI #1508353780", "US", [("npi", "1508353780", True, None)]),
    ("NPI Number: 1760485387", "US", [("npi", "1760485387", True, None)]),
    ("NPI: 1508353781", "US", [("npi", "1508353781", False, None)]),
    ("NPI: 150835378", "US", [("npi", "150835378", False, None)]),
    ("NPI 3508353780", "US", [("npi", "3508353780", False, None)]),
    # state licences
    ("NY License 311227", "US", [("state_license", "311227", True, "NY")]),
    ("CA License A123456", "US", [("state_license", "A123456", True, "CA")]),
    ("California License A123456", "US", [("state_license", "A123456", True, "CA")]),
    ("Texas RN License #123456", "US", [("state_license", "123456", True, "TX")]),
    ("FL RN License: RN9876543", "US", [("state_license", "RN9876543", True, "FL")]),
    ("Florida APRN License No. APRN1234567", "US", [("state_license", "APRN1234567", True, "FL")]),
    ("License #A123456 (CA)", "US", [("state_license", "A123456", True, "CA")]),
    ("Licensed in California (A123456)", "US", [("state_license", "A123456", True, "CA")]),
    ("New York Medical License 311227", "US", [("state_license", "311227", True, "NY")]),
    ("AZ Esthetician License #E-12345", "US", [("state_license", "E-12345", True, "AZ")]),
    ("RN License #: 2345678", "US", [("state_license", "2345678", True, None)]),
    ("Nevada Nursing License 123", "US", []),
    # CQC / AHPRA
    ("CQC provider ID 1-123456789", "GB", [("cqc", "1-123456789", True, None)]),
    ("CQC registered, location ID: 1-1234567890", "GB", [("cqc", "1-1234567890", True, None)]),
    ("Registered with the Care Quality Commission (Provider ID 1-101234567)", "GB", [("cqc", "1-101234567", True, None)]),
    ("Location ID: 1-2345678901", "GB", [("cqc", "1-2345678901", True, None)]),
    ("AHPRA MED0001234567", "AU", [("ahpra", "MED0001234567", True, None)]),
    ("AHPRA registration: NMW0001234567", "AU", [("ahpra", "NMW0001234567", True, None)]),
    ("Registration number MED0009876543", "AU", [("ahpra", "MED0009876543", True, None)]),
    ("AHPRA: MED000123", "AU", [("ahpra", "MED000123", False, None)]),
    # several in one text, in order
    ("Dr Jane Smith (GMC 1234567) and Nurse Amy Brown (NMC 12A3456E)", "GB",
     [("gmc", "1234567", True, None), ("nmc", "12A3456E", True, None)]),
    ("NPI 1508353780 · NY License 311227", "US",
     [("npi", "1508353780", True, None), ("state_license", "311227", True, "NY")]),
    ("GMC 1234567. GMC 1234567 again", "GB", [("gmc", "1234567", True, None)]),
]

# look-alikes: none of these is a register number
NOT_FOUND = [
    ("Call 020 7946 0958", "GB"),
    ("Tel: 0161 496 0000", "GB"),
    ("+44 7700 900123", "GB"),
    ("(212) 555-0142", "US"),
    ("Company No. 12345678", "GB"),
    ("Registered in England and Wales, company number 09876543", "GB"),
    ("VAT GB123456789", "GB"),
    ("VAT Reg No: GB 123 4567 89", "GB"),
    ("Registered office: 12 High Street, Leeds LS1 4AB", "GB"),
    ("Botox from £199, 3 areas £299", "GB"),
    ("Price: $1,234,567", "US"),
    ("Open since 12/03/2015", "GB"),
    ("Updated 2024-06-01", "GB"),
    ("Over 1234567 happy clients", "GB"),
    ("Order ref 1234567", "GB"),
    ("Registered nurse with 12 years experience", "GB"),
    ("All our doctors are GMC registered", "GB"),
    ("Our nurses are on the NMC register.", "GB"),
    ("NMC registered nurse", "GB"),
    ("Find us at 1234 Main Street", "US"),
    ("ZIP 90210", "US"),
    ("Licensed and insured", "US"),
    ("Fully licensed med spa since 2010", "US"),
    ("We accept licences to 2025", "GB"),
    ("HCPC registered paramedic", "GB"),
    ("CQC registered clinic", "GB"),
    ("Reg. charity 1234567", "GB"),
    ("ICO registration ZA123456", "GB"),
    ("Steuernummer 12/345/67890", "DE"),
    ("NIP 123-456-78-90", "PL"),
    ("CIF B12345678", "ES"),
    ("Tel. 030 1234567", "DE"),
    ("GMC: pending", "GB"),
    ("NPI: coming soon", "US"),
    ("", None),
]


def _tuples(creds):
    return [(c.kind, c.value, c.format_valid, c.issuer) for c in creds]


@pytest.mark.parametrize(("text", "country", "expected"), FOUND, ids=[r[0] for r in FOUND])
def test_find_registrations(text, country, expected):
    assert _tuples(find_registrations(text, country)) == expected


@pytest.mark.parametrize(("text", "country"), NOT_FOUND, ids=[r[0] or "empty" for r in NOT_FOUND])
def test_look_alikes_are_not_registrations(text, country):
    assert find_registrations(text, country) == []


def test_evidence_keeps_the_source_text():
    [cred] = find_registrations("Dr Jane Smith is on the register, GMC No. 1234567, since 2009.", "GB")
    assert "GMC No. 1234567" in cred.evidence


GAPS = [
    pytest.param("Dr Smith 1234567", "GB", [("gmc", "1234567", True, None)],
                 id="bare-7-digits-after-a-doctor", marks=pytest.mark.xfail(strict=True, reason="no register named")),
    pytest.param("PIN 12A3456E", "GB", [("nmc", "12A3456E", True, None)],
                 id="pin-without-NMC", marks=pytest.mark.xfail(strict=True, reason="register not named")),
    pytest.param("Colegiado nº 282812345", "ES", [("colegiado", "282812345", None, None)],
                 id="spanish-colegiado", marks=pytest.mark.xfail(strict=True, reason="no kind for Spanish colleges")),
]

NATIONAL = [
    pytest.param("PWZ 2234567", "PL", [("pwz", "2234567", True, None)], id="pwz-valid-check-digit"),
    pytest.param("lek. med. Anna Nowak, nr PWZ: 1234567", "PL", [("pwz", "1234567", False, None)],
                 id="pwz-bad-check-digit"),
    pytest.param("numer prawa wykonywania zawodu lekarza 5425740", "PL", [("pwz", "5425740", True, None)],
                 id="pwz-in-words"),
    pytest.param("tel. 22 123 45 67, NIP 5252248481", "PL", [], id="polish-phone-and-nip-are-not-pwz"),
    pytest.param("Dr Aoife Byrne MB BCh BAO, IMC No. 123456", "IE", [("imc", "123456", True, None)], id="imc-number"),
    pytest.param("registered with the Medical Council of Ireland, registration number 412345", "IE",
                 [("imc", "412345", True, None)], id="imc-in-words"),
    pytest.param("General Medical Council 1234567", "GB", [("gmc", "1234567", True, None)],
                 id="gmc-is-not-imc"),
]


@pytest.mark.parametrize(("text", "country", "expected"), NATIONAL)
def test_national_registers(text, country, expected):
    assert _tuples(find_registrations(text, country)) == expected


@pytest.mark.parametrize(("text", "country", "expected"), GAPS)
def test_known_gaps(text, country, expected):
    assert _tuples(find_registrations(text, country)) == expected


MEMBERSHIPS = [
    ("Member of the JCCP and Save Face accredited", ["JCCP", "Save Face"]),
    ("BCAM member; ACE Group trained", ["BCAM", "ACE Group"]),
    ("member of the British Association of Cosmetic Nurses", ["BACN"]),
    ("Fellow of the AAAM", ["AAAM"]),
    ("ISHRS member for hair restoration", ["ISHRS"]),
    ("Mitglied der DGÄPC", ["DGÄPC"]),
    ("Miembro de la SEME", ["SEME"]),
    ("Saved faces are our passion", []),
    ("No memberships here", []),
]


@pytest.mark.parametrize(("text", "bodies"), MEMBERSHIPS, ids=[r[0] for r in MEMBERSHIPS])
def test_find_memberships(text, bodies):
    found = find_memberships(text)
    assert sorted(c.value for c in found) == sorted(bodies)
    assert all(c.kind == "membership" for c in found)


TRAINING = [
    ("Holds a Level 7 Diploma in Injectables from Harley Academy.", [("diploma", "Level 7 Diploma in Injectables")]),
    ("Level 7 Certificate in Aesthetic Medicine, 2019", [("diploma", "Level 7 Certificate in Aesthetic Medicine")]),
    ("PGDip in Aesthetic Medicine", [("diploma", "PGDip in Aesthetic Medicine")]),
    ("Postgraduate Diploma in Clinical Dermatology.", [("diploma", "Postgraduate Diploma in Clinical Dermatology")]),
    ("Level 4 Award in Skin Peels", [("diploma", "Level 4 Award in Skin Peels")]),
    ("Board-certified dermatologist", [("certification", "Board-certified")]),
    ("Board certified in Family Medicine.", [("certification", "Board certified in Family Medicine")]),
    ("Certified Aesthetic Nurse Specialist", [("certification", "Certified Aesthetic Nurse Specialist")]),
    ("Trained at a weekend course", []),
]


@pytest.mark.parametrize(("text", "expected"), TRAINING, ids=[r[0] for r in TRAINING])
def test_find_training(text, expected):
    assert [(c.kind, c.value) for c in find_training(text)] == expected


POSTNOMINALS = [
    ("MBBS MRCS", [("degree", "MBBS"), ("membership", "MRCS")]),
    ("BSc (Hons) MBChB", [("degree", "BSc"), ("degree", "MBChB")]),
    ("RN, BSN", [("degree", "BSN")]),
    ("MSN, FNP-BC", [("degree", "MSN")]),
    ("BDS MJDF", [("degree", "BDS"), ("membership", "MJDF")]),
    ("MPharm IP", [("degree", "MPharm")]),
    ("MD", [("degree", "MD")]),
    (None, []),
]


@pytest.mark.parametrize(("post", "expected"), POSTNOMINALS, ids=[str(r[0]) for r in POSTNOMINALS])
def test_postnominal_credentials(post, expected):
    assert [(c.kind, c.value) for c in postnominal_credentials(post)] == expected
