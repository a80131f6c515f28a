"""Rule cases for ENG-CQC-02 and SCO-HIS-01 (merged into test_rules.CASES), and their helpers.

Each setup builds clinics, imports a care register snapshot (or not) through the real
importer, and runs the real matcher, so the rules read what a run would give them.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from registers.care import import_care_file
from registers.care_match import match_care_registers

LEEDS, GLASGOW, CARDIFF = "LS1 4AP", "G2 4JR", "CF10 1EP"


def cqc_snapshot(b, *locations: tuple[str, str, str, str]) -> None:
    """Import (location id, name, postcode, status) rows as a CQC file, then match."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cqc.jsonl"
        path.write_text("".join(json.dumps({
            "locationId": i, "name": n, "postalCode": p, "registrationStatus": s,
            **({"deregistrationDate": "2024-05-01"} if s == "Deregistered" else {}),
        }) + "\n" for i, n, p, s in locations))
        import_care_file(b.db, "cqc", path)
    match_care_registers(b.db)


def his_snapshot(b, *services: tuple[str, str, str]) -> None:
    """Import (service number, name, postcode) rows as a HIS CSV, then match."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "his.csv"
        path.write_text("service_number,service_name,postcode,status\n" + "".join(
            f"{i},{n},{p},Registered\n" for i, n, p in services))
        import_care_file(b.db, "his", path)
    match_care_registers(b.db)


def hair_clinic(b, postcode=LEEDS, name="Crown Hair Clinic", treatment="hair_transplant",
                text="FUE hair transplant"):
    c = b.clinic(postcode=postcode, name=name)
    b.price(c, treatment, amount=3500.0, unit="treatment", treatment_text=text)
    return c


def unlisted_hair(b):
    hair_clinic(b)
    cqc_snapshot(b, ("1-200000001", "Another Clinic", "M1 4BT", "Registered"))


def listed_hair(b):
    hair_clinic(b)
    cqc_snapshot(b, ("1-200000002", "Crown Hair Clinic Ltd", LEEDS, "Registered"))


def deregistered_hair(b):
    hair_clinic(b)
    cqc_snapshot(b, ("1-200000003", "Crown Hair Clinic", LEEDS, "Deregistered"))


def printed_id_hair(b):
    c = hair_clinic(b, name="Crown Hair")
    b.credential(None, c, "cqc", "1-200000004")
    cqc_snapshot(b, ("1-200000004", "Registered Under Provider Name", "M1 4BT", "Registered"))


def unlisted_no_snapshot(b):
    hair_clinic(b)
    match_care_registers(b.db)


def unlisted_mesotherapy_only(b):
    hair_clinic(b, treatment="hair_mesotherapy", text="Hair mesotherapy")
    cqc_snapshot(b, ("1-200000001", "Another Clinic", "M1 4BT", "Registered"))


def unlisted_thread_lift(b):
    hair_clinic(b, name="Velvet Skin", treatment="thread_lift", text="PDO thread lift")
    cqc_snapshot(b, ("1-200000001", "Another Clinic", "M1 4BT", "Registered"))


def scottish_hair_clinic(b):
    hair_clinic(b, postcode=GLASGOW)
    cqc_snapshot(b, ("1-200000001", "Another Clinic", "M1 4BT", "Registered"))


def glasgow_clinic(b, profession="nurse", name="Glasgow Glow"):
    c = b.clinic(postcode=GLASGOW, locality="Glasgow", name=name)
    b.practitioner(c, "Fiona MacLeod", profession=profession)
    return c


def his_unlisted_nurse(b):
    glasgow_clinic(b)
    his_snapshot(b, ("SC0001", "Another Clinic", "G1 1AA"))


def his_listed_nurse(b):
    glasgow_clinic(b)
    his_snapshot(b, ("SC0002", "Glasgow Glow Clinic", GLASGOW))


def his_unlisted_aesthetician(b):
    glasgow_clinic(b, profession="aesthetician")
    his_snapshot(b, ("SC0001", "Another Clinic", "G1 1AA"))


def his_no_snapshot(b):
    glasgow_clinic(b)
    match_care_registers(b.db)


def his_english_nurse(b):
    c = b.clinic(postcode=LEEDS, name="Leeds Glow")
    b.practitioner(c, "Fiona MacLeod", profession="nurse")
    his_snapshot(b, ("SC0001", "Another Clinic", "G1 1AA"))


CARE_CASES = {
    "cqc02-hair-transplant-not-on-register": ("ENG-CQC-02", None, ["amber"], unlisted_hair),
    "cqc02-thread-lift-not-on-register": ("ENG-CQC-02", None, ["amber"], unlisted_thread_lift),
    "cqc02-matched-deregistered-location": ("ENG-CQC-02", None, ["amber"], deregistered_hair),
    "cqc02-registered-by-postcode-and-name": ("ENG-CQC-02", None, [], listed_hair),
    "cqc02-registered-by-printed-id": ("ENG-CQC-02", None, [], printed_id_hair),
    "cqc02-no-snapshot-not-checked": ("ENG-CQC-02", None, [], unlisted_no_snapshot),
    "cqc02-no-surgery-offered": ("ENG-CQC-02", None, [], unlisted_mesotherapy_only),
    "cqc02-scottish-clinic": ("ENG-CQC-02", None, [], scottish_hair_clinic),
    "his01-nurse-not-on-register": ("SCO-HIS-01", None, ["amber"], his_unlisted_nurse),
    "his01-doctor-not-on-register": ("SCO-HIS-01", None, ["amber"],
                                     lambda b: (glasgow_clinic(b, "doctor"),
                                                his_snapshot(b, ("SC1", "X", "G1 1AA")))),
    "his01-on-register": ("SCO-HIS-01", None, [], his_listed_nurse),
    "his01-aesthetician-only": ("SCO-HIS-01", None, [], his_unlisted_aesthetician),
    "his01-no-snapshot-not-checked": ("SCO-HIS-01", None, [], his_no_snapshot),
    "his01-english-clinic": ("SCO-HIS-01", None, [], his_english_nurse),
}
