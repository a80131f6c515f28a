"""Who works at a sample clinic, per country, with practitioner scenarios injected.

Clean clinics are kept clean on purpose: every UK clinic selling toxin names a
prescriber with a valid, active registration; every US clinic selling toxin or
filler names an MD/DO/NP/PA; every titled UK practitioner shows a number. A
scenario breaks exactly one of those promises (see docs/sample-web.md).
"""

from __future__ import annotations

from samples.model import Cred, Person
from samples.people import (PeopleMaker, break_number, gdc_number, gmc_number, gphc_number,
                            hcpc_number, nmc_pin, npi_number, state_license)

_REG_LABELS = {"gmc": ("GMC No.", "GMC:", "GMC number"), "nmc": ("NMC PIN", "NMC:", "NMC Pin No."),
               "gdc": ("GDC No.", "GDC:"), "gphc": ("GPhC No.", "GPhC registration"),
               "hcpc": ("HCPC:", "HCPC No.")}
_UK_NUMBER = {"gmc": gmc_number, "nmc": nmc_pin, "gdc": gdc_number, "gphc": gphc_number,
              "hcpc": hcpc_number}


def _uk(m: PeopleMaker, kind: str, profession: str, **kw) -> Person:
    p = m.person(profession, **kw)
    return m.register(p, kind, m.rng.choice(_REG_LABELS[kind]), _UK_NUMBER[kind])


def uk_prescriber(m: PeopleMaker, kind: str | None = None) -> Person:
    rng = m.rng
    kind = kind or rng.choices(("gmc", "nmc", "gdc", "gphc", "hcpc"), (5, 4, 2, 1, 0.5))[0]
    if kind == "gmc":
        female = rng.random() < 0.6
        surgeon = rng.random() < 0.2
        title = ("Miss" if female else "Mr") if surgeon else "Dr"
        role = "Consultant Plastic Surgeon" if surgeon else rng.choice(
            ("Medical Director", "Aesthetic Doctor", "Lead Clinician", "Hair Restoration Doctor"))
        stated = True if rng.random() < 0.4 else None
        if stated:
            role += " and prescriber"
        return _uk(m, "gmc", "doctor", female=female, title=title, role=role, prescriber=stated,
                   postnominals=rng.choice(("MBBS", "MBChB", "MBBS MRCS", "MBChB MRCGP")))
    if kind == "nmc":
        return _uk(m, "nmc", "nurse", title="Nurse" if rng.random() < 0.5 else None, prescriber=True,
                   role=rng.choice(("Independent Nurse Prescriber", "Lead Aesthetic Nurse Prescriber")),
                   postnominals=rng.choice(("RGN", "RGN, NMP", "")))
    if kind == "gdc":
        return _uk(m, "gdc", "dentist", title="Dr", role="Dentist and Facial Aesthetics Practitioner",
                   postnominals="BDS")
    if kind == "gphc":
        return _uk(m, "gphc", "pharmacist", prescriber=True, role="Pharmacist Independent Prescriber",
                   postnominals="MPharm")
    return _uk(m, "hcpc", "hcpc_professional", prescriber=True, role="Paramedic Independent Prescriber")


def uk_helper(m: PeopleMaker) -> Person:
    if m.rng.random() < 0.5:
        stated = False if m.rng.random() < 0.5 else None
        role = "Aesthetic Nurse (non-prescriber)" if stated is False else "Aesthetic Nurse"
        return _uk(m, "nmc", "nurse", role=role, prescriber=stated, postnominals="RGN")
    return aesthetician(m)


def aesthetician(m: PeopleMaker) -> Person:
    p = m.person("aesthetician", role=m.rng.choice(("Senior Skin Therapist", "Aesthetician",
                                                    "Skin Specialist")))
    p.credentials.append(Cred("diploma", m.rng.choice(
        ("Level 4 Diploma in Skin Rejuvenation", "Level 3 Diploma in Beauty Therapy",
         "Level 5 Diploma in Aesthetic Practice")), None, None, "Qualifications:"))
    return p


def uk_roster(m: PeopleMaker, scenario: str | None) -> list[Person]:
    rng = m.rng
    if scenario == "no_practitioner":
        return []
    if scenario == "toxin_without_prescriber":
        helper = _uk(m, "nmc", "nurse", role="Aesthetic Nurse (non-prescriber)", prescriber=False)
        return [helper, aesthetician(m)]
    people = [uk_prescriber(m, "nmc" if scenario == "title_without_registration" else None)]
    for _ in range(rng.choice((0, 1, 1, 2))):
        people.append(uk_helper(m) if rng.random() < 0.7 else uk_prescriber(m))
    if scenario == "title_without_registration":
        people.append(m.person("doctor", title="Dr", role="Aesthetic Doctor"))
    elif scenario in ("fake_number", "not_on_register", "inactive_registration", "name_mismatch"):
        victim = uk_prescriber(m) if rng.random() < 0.5 else _uk(m, "nmc", "nurse", role="Aesthetic Nurse")
        apply_register_scenario(m, victim, scenario)
        people.append(victim)
    elif scenario == "conditions":
        victim = _uk(m, "nmc", "nurse", role="Aesthetic Nurse")
        victim.register_state = "conditions"
        people.append(victim)
    return people


def apply_register_scenario(m: PeopleMaker, p: Person, scenario: str) -> None:
    cred = next(c for c in p.credentials if c.kind in ("gmc", "nmc", "gdc", "gphc", "hcpc", "npi"))
    if scenario == "fake_number":
        cred.value = break_number(cred.kind, cred.value, m.rng)
        cred.format_valid = False
        p.register_state = "not_on_register"
    elif scenario == "not_on_register":
        p.register_state = "not_on_register"
    elif scenario == "inactive_registration":
        p.register_state = "inactive"
    elif scenario == "name_mismatch":
        p.register_state = "name_mismatch"
        other = m.person(p.profession)
        while other.last == p.last:
            other = m.person(p.profession)
        p.register_name = m.register_name(other)


def _us(m: PeopleMaker, profession: str, npi: bool = True, **kw) -> Person:
    p = m.person(profession, **kw)
    if npi:
        p.credentials.append(Cred("npi", npi_number(m.slot()), True, None, "NPI"))
        p.register_state = "registered"
        p.register_name = m.register_name(p)
    lic = state_license(m.slot(), m.state, profession)
    p.credentials.append(Cred("state_license", lic, True, m.state, f"{m.state} License #"))
    return p


def us_prescriber(m: PeopleMaker) -> Person:
    kind = m.rng.choices(("md", "do", "np", "pa"), (5, 1, 3, 1))[0]
    if kind in ("md", "do"):
        return _us(m, "doctor", title="Dr", postnominals=kind.upper(), role=m.rng.choice(
            ("Medical Director", "Board-Certified Dermatologist", "Hair Restoration Physician")))
    if kind == "np":
        return _us(m, "nurse_practitioner", postnominals="MSN, FNP-C", injector=True,
                   role="Nurse Practitioner and Injector")
    return _us(m, "physician_assistant", postnominals="PA-C", injector=True,
               role="Physician Assistant and Aesthetic Injector")


def us_rn(m: PeopleMaker) -> Person:
    return _us(m, "nurse", npi=m.rng.random() < 0.5, postnominals="RN, BSN", injector=True,
               role="Registered Nurse Injector")


def us_esthetician(m: PeopleMaker, injector: bool = False) -> Person:
    prof = "medical_assistant" if injector and m.rng.random() < 0.3 else "aesthetician"
    if prof == "medical_assistant":
        return m.person(prof, role="Medical Assistant and Botox Injector", injector=True)
    role = "Licensed Esthetician and Injector" if injector else "Licensed Esthetician"
    return _us(m, "aesthetician", npi=False, role=role, injector=injector)


def us_roster(m: PeopleMaker, scenario: str | None) -> list[Person]:
    rng = m.rng
    if scenario == "no_practitioner":
        return []
    if scenario == "rn_without_supervisor":
        people = [us_rn(m)]
        return people + ([us_esthetician(m)] if rng.random() < 0.5 else [])
    people = [us_prescriber(m)]
    for _ in range(rng.choice((0, 1, 2))):
        people.append(us_rn(m) if rng.random() < 0.5 else us_esthetician(m))
    if scenario == "esthetician_injector":
        people.append(us_esthetician(m, injector=True))
    elif scenario in ("fake_number", "not_on_register", "inactive_registration"):
        victim = us_prescriber(m)
        apply_register_scenario(m, victim, scenario)
        people.append(victim)
    return people


_LOCAL_DOCTOR = {
    "de": (("Fachärztin für Dermatologie", "certification"), ("Approbierte Ärztin", "degree")),
    "es": (("Licenciada en Medicina y Cirugía", "degree"), ("Máster en Medicina Estética", "degree")),
    "pl": (("lekarz medycyny estetycznej", "certification"), ("specjalista dermatolog", "certification")),
    "en": (("MB BCh BAO", "degree"), ("Specialist Dermatologist", "certification")),
}
_LOCAL_ROLE = {"de": "Ärztliche Leitung", "es": "Directora médica", "pl": "Lekarz prowadzący",
               "en": "Medical Director"}
_LOCAL_NURSE = {"de": "Kosmetikerin", "es": "Esteticista", "pl": "Kosmetolog", "en": "Aesthetic Therapist"}


def local_roster(m: PeopleMaker, scenario: str | None) -> list[Person]:
    """IE / DE / ES / PL / AE: doctors with degrees or specialist titles; no register numbers."""
    if scenario == "no_practitioner":
        return []
    lang = m.lang if m.lang in _LOCAL_DOCTOR else "en"
    text, kind = m.rng.choice(_LOCAL_DOCTOR[lang])
    doctor = m.person("doctor", title="Dr", role=_LOCAL_ROLE[lang])
    doctor.credentials.append(Cred(kind, text, None, None, ""))
    people = [doctor]
    if m.rng.random() < 0.5:
        people.append(m.person("aesthetician", role=_LOCAL_NURSE[lang]))
    return people
