"""The sample world's care registers: CQC locations (England) and the HIS register (Scotland).

Decided per site on its own random stream (``cw:{seed}:site:{index}:care``), so every
other choice of the world stays as it was:

* some English single-clinic sites offer hair transplants (a priced row, added before
  the pages are planned);
* most English clinics are CQC locations, listed under their own name, or, when the site
  prints its CQC location id in the footer, under an unrelated provider-style name (so
  only the printed id can match them); a few hair-transplant clinics are missing from the
  register or listed as deregistered (ENG-CQC-02 expected);
* most Glasgow clinics (the world's Scottish place) are on the HIS register; the rest are
  missing (SCO-HIS-01 expected when a doctor, dentist, nurse or pharmacist is named).

``cqc_records`` and ``his_rows`` write the register files (samples/register_files.py);
``care_findings`` is ground truth for the two rules (samples/truth.py).
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from core.nations import uk_nation
from samples.model import Clinic, PriceRow, SiteSpec
from samples.pricing import price_value
from samples.world import LAST_NAMES, REGION_FACTOR

HAIR_TRANSPLANT_SHARE = 0.35  # English single-clinic sites that offer hair transplants
HAIR_TRANSPLANT_BASE = 4200.0  # GBP, one FUE/FUT procedure
HAIR_TRANSPLANT_NAMES = ("FUE Hair Transplant", "FUT Hair Transplant", "Sapphire FUE Hair Transplant",
                         "DHI Hair Transplant")
PRINT_ID_SHARE = 0.35  # listed English single-clinic sites that print their CQC location id
MISSING_SURGERY_SHARE = 0.4  # hair-transplant clinics not (or no longer) registered
DEREGISTERED_SHARE = 0.35  # of those: listed, but deregistered
MISSING_SCOTTISH_SHARE = 0.3
HIS_PROFESSIONS = ("doctor", "dentist", "nurse", "nurse_practitioner", "pharmacist")
SURGERY = ("hair_transplant", "thread_lift", "liposuction")


def nation(clinic: Clinic) -> str | None:
    return uk_nation(clinic.postcode) if clinic.country == "GB" else None


def _location_id(rng: random.Random) -> str:
    return f"1-{rng.randint(100_000_000, 9_999_999_999)}"


def _hair_row(rng: random.Random, region_factor: float) -> PriceRow:
    amount = price_value(HAIR_TRANSPLANT_BASE * region_factor * rng.uniform(0.85, 1.15), "GBP")
    return PriceRow(treatment="hair_transplant", text=rng.choice(HAIR_TRANSPLANT_NAMES),
                    amount=amount, currency="GBP", unit="treatment", shape="treatment")


def add_care(seed: int, index: int, template: str, clinics: list[Clinic]) -> None:
    """Hair-transplant prices and register listings for the UK clinics of one site."""
    rng = random.Random(f"cw:{seed}:site:{index}:care")
    single = template != "chain" and len(clinics) == 1
    for clinic in clinics:
        where = nation(clinic)
        if where not in ("england", "scotland"):
            continue
        clinic.care_id = _location_id(rng) if where == "england" else f"SC{rng.randint(10_000, 99_999)}"
        clinic.care_name = clinic.name
        if where == "scotland":
            clinic.care_status = "" if rng.random() < MISSING_SCOTTISH_SHARE else "registered"
            continue
        if single and rng.random() < HAIR_TRANSPLANT_SHARE:
            rows = clinic.prices
            at = next((i for i, r in enumerate(rows) if r.treatment not in ("prp_hair", "hair_mesotherapy")),
                      len(rows))
            rows.insert(at, _hair_row(rng, REGION_FACTOR.get(clinic.region, 1.0)))
        clinic.care_status = "registered"
        if any(r.treatment in SURGERY for r in clinic.prices) and rng.random() < MISSING_SURGERY_SHARE:
            clinic.care_status = "deregistered" if rng.random() < DEREGISTERED_SHARE else ""
        elif single and rng.random() < PRINT_ID_SHARE:
            clinic.print_care_id = True
            clinic.care_name = f"{rng.choice(LAST_NAMES['en'])} Medical Services Ltd"


def care_findings(clinic: Clinic) -> list[tuple[str, str]]:
    """ENG-CQC-02 / SCO-HIS-01 as the rules should report them for one clinic."""
    where = nation(clinic)
    if where == "england" and clinic.care_status != "registered" and any(
            r.treatment in SURGERY for r in clinic.prices):
        return [("ENG-CQC-02", "")]
    if where == "scotland" and clinic.care_status != "registered" and any(
            p.profession in HIS_PROFESSIONS for p in clinic.people):
        return [("SCO-HIS-01", "")]
    return []


def care_tags(spec: SiteSpec) -> list[str]:
    """Scenario tags: ``not_on_cqc_register``, ``cqc_deregistered``, ``not_on_his_register``."""
    tags = []
    for clinic in spec.clinics:
        for rule_id, _ in care_findings(clinic):
            tag = ("not_on_his_register" if rule_id == "SCO-HIS-01" else
                   "cqc_deregistered" if clinic.care_status == "deregistered" else "not_on_cqc_register")
            if tag not in tags:
                tags.append(tag)
    return tags


def _cqc_record(clinic: Clinic) -> dict:
    """A location record in the CQC API's shape (the fields our importer and matcher read)."""
    record = {
        "locationId": clinic.care_id, "providerId": "1-" + clinic.care_id[2:][::-1],
        "organisationType": "Location", "type": "Independent Healthcare Org",
        "name": clinic.care_name,
        "registrationStatus": "Registered" if clinic.care_status == "registered" else "Deregistered",
        "registrationDate": "2019-04-01", "postalAddressLine1": clinic.street,
        "postalAddressTownCity": clinic.locality, "postalCode": clinic.postcode,
        "mainPhoneNumber": clinic.phone.replace(" ", ""), "region": "England",
        "relationships": [], "locationTypes": [],
        "regulatedActivities": [{"name": "Surgical procedures", "code": "RA7", "contacts": []},
                                {"name": "Treatment of disease, disorder or injury", "code": "RA5",
                                 "contacts": []}],
        "gacServiceTypes": [{"name": "Doctors consultation service",
                             "description": "Doctors consultation service"}],
        "inspectionCategories": [{"code": "H3", "primary": "true", "name": "Independent consulting doctors"}],
        "specialisms": [], "inspectionAreas": [],
        "currentRatings": {"overall": {"rating": "No published rating", "useOfResources": {},
                                       "keyQuestionRatings": []}},
        "reports": [{"linkId": "00000000-0000-0000-0000-000000000000", "reportDate": "2022-03-01"}],
    }
    if clinic.care_status == "deregistered":
        record["deregistrationDate"] = "2024-06-30"
        record["regulatedActivities"] = []
    return record


def _clinics(specs: Iterable[SiteSpec], where: str) -> Iterable[Clinic]:
    for spec in specs:
        for clinic in spec.clinics:
            if clinic.care_id and nation(clinic) == where and clinic.care_status:
                yield clinic


def cqc_records(specs: Iterable[SiteSpec], seed: int) -> list[dict]:
    """Listed English clinics plus unrelated filler locations, sorted by id like an extract."""
    records = [_cqc_record(c) for c in _clinics(specs, "england")]
    rng = random.Random(f"cw:{seed}:cqc-fillers")
    for j in range(max(5, len(records) // 2)):
        filler = Clinic(branch="", name=f"{rng.choice(LAST_NAMES['en'])} House Surgery",
                        street=f"{rng.randint(1, 200)} Station Road", locality="York",
                        region="YO", postcode=f"YO{rng.randint(1, 30)} {rng.randint(1, 9)}AB",
                        country="GB", phone="01904 496000", email="", lat=0.0, lon=0.0)
        filler.care_id, filler.care_name = f"1-9{j:08d}", filler.name
        filler.care_status = "registered" if rng.random() < 0.9 else "deregistered"
        records.append(_cqc_record(filler))
    records.sort(key=lambda r: r["locationId"])
    return records


HIS_FIELDS = ("service_number", "service_name", "provider_name", "address", "town", "postcode",
              "service_type", "status", "registration_date", "phone", "website")


def his_rows(specs: Iterable[SiteSpec], seed: int) -> list[dict]:
    """Listed Scottish clinics plus filler services, in the CSV columns registers/care.py reads."""
    rows = [{"service_number": c.care_id, "service_name": c.care_name, "provider_name": "",
             "address": c.street, "town": c.locality, "postcode": c.postcode,
             "service_type": "Independent Clinic", "status": "Registered",
             "registration_date": "2018-09-01", "phone": c.phone, "website": ""}
            for c in _clinics(specs, "scotland")]
    rng = random.Random(f"cw:{seed}:his-fillers")
    for j in range(max(5, len(rows) // 2)):
        rows.append({"service_number": f"SC{200_000 + j}",
                     "service_name": f"{rng.choice(LAST_NAMES['en'])} Dental Care",
                     "provider_name": "", "address": f"{rng.randint(1, 90)} George Street",
                     "town": "Edinburgh", "postcode": f"EH{rng.randint(1, 17)} {rng.randint(1, 9)}QN",
                     "service_type": "Independent Clinic", "status": "Registered",
                     "registration_date": "2017-04-01", "phone": "", "website": ""})
    rows.sort(key=lambda r: r["service_number"])
    return rows
