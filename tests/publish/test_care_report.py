"""The report's registered-premises line: CQC for English clinics, HIS for Scottish ones.

Builds its own small database with the real importer and matcher: an English clinic on
the CQC register, one not found, one matched to a deregistered location, a Scottish clinic
before any HIS snapshot, a Welsh and a US clinic (no line at all).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest
from datasette.app import Datasette

from db.schema import open_db
from publish.report import check, care_registration
from publish.serve import PUBLISH_DIR, metadata_for
from registers.care import import_care_file
from registers.care_match import match_care_registers

CLINICS = {  # id: (name, postcode, country)
    "e1": ("Crown Hair Clinic", "LS1 4AP", "GB"),
    "e2": ("Oak Skin Clinic", "M1 4BT", "GB"),
    "e3": ("Velvet Hair", "B3 2NS", "GB"),
    "s1": ("Glasgow Glow", "G2 4JR", "GB"),
    "w1": ("Cardiff Glow", "CF10 1EP", "GB"),
    "u1": ("Glow Med Spa", "90001", "US"),
}


@pytest.fixture(scope="module")
def care_db(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("care")
    path = str(tmp / "clinicwatch.db")
    db = open_db(path)
    for cid, (name, postcode, country) in CLINICS.items():
        db["clinics"].insert({"id": cid, "site": f"{cid}.example", "branch": "", "name": name,
                              "postcode": postcode, "country": country, "locality": "Town"})
    locations = tmp / "cqc.jsonl"
    locations.write_text("".join(json.dumps(r) + "\n" for r in (
        {"locationId": "1-300000001", "name": "Crown Hair Clinic Ltd", "postalCode": "LS1 4AP",
         "registrationStatus": "Registered"},
        {"locationId": "1-300000003", "name": "Velvet Hair", "postalCode": "B3 2NS",
         "registrationStatus": "Deregistered", "deregistrationDate": "2024-01-31"},
    )))
    import_care_file(db, "cqc", locations)
    match_care_registers(db)
    db.close()
    return path


@pytest.fixture
def conn(care_db):
    c = sqlite3.connect(f"file:{care_db}?mode=ro", uri=True)
    yield c
    c.close()


@pytest.mark.parametrize(
    ("clinic_id", "status", "text", "url"),
    [
        ("e1", "registered", "CQC registered: Crown Hair Clinic Ltd.",
         "https://www.cqc.org.uk/location/1-300000001"),
        ("e2", "not_found", "Not found on the Care Quality Commission (CQC) register.", None),
        ("e3", "not_registered", "On the CQC register as deregistered, not as registered.",
         "https://www.cqc.org.uk/location/1-300000003"),
        ("s1", "not_checked", "Not checked: we have no copy of the Healthcare Improvement "
         "Scotland (HIS) register yet.", None),
    ],
    ids=["england-registered", "england-not-found", "england-deregistered", "scotland-not-checked"],
)
def test_care_registration(conn, clinic_id, status, text, url):
    care = check(conn, clinic=clinic_id)["report"]["care_register"]
    assert (care["status"], care["text"], care["url"]) == (status, text, url)


@pytest.mark.parametrize("clinic_id", ["w1", "u1"], ids=["wales", "united-states"])
def test_no_line_outside_england_and_scotland(conn, clinic_id):
    assert check(conn, clinic=clinic_id)["report"]["care_register"] is None


def test_english_clinic_before_any_cqc_snapshot_is_not_checked(tmp_path):
    db = open_db(str(tmp_path / "t.db"))
    db["clinics"].insert({"id": "e9", "site": "e9.example", "name": "New Clinic",
                          "postcode": "SW1A 1AA", "country": "UK"})
    db.close()
    conn = sqlite3.connect(str(tmp_path / "t.db"))
    clinic = dict(zip(("id", "postcode", "country"), ("e9", "SW1A 1AA", "UK")))
    assert care_registration(conn, clinic)["status"] == "not_checked"
    conn.close()


def test_check_page_and_json_show_the_line(care_db):
    ds = Datasette([], immutables=[care_db], metadata=metadata_for(care_db),
                   plugins_dir=str(PUBLISH_DIR / "plugins"),
                   template_dir=str(PUBLISH_DIR / "templates"))
    page = asyncio.run(ds.client.get("/check?clinic=e1"))
    assert page.status_code == 200
    assert 'id="care-register" data-status="registered"' in page.text
    assert 'href="https://www.cqc.org.uk/location/1-300000001"' in page.text
    missing = asyncio.run(ds.client.get("/check?clinic=e2")).text
    assert "Not found on the Care Quality Commission (CQC) register." in missing
    assert 'id="care-register"' not in asyncio.run(ds.client.get("/check?clinic=w1")).text
    data = asyncio.run(ds.client.get("/check.json?clinic=e3")).json()
    assert data["report"]["care_register"]["status"] == "not_registered"


def test_cli_text_has_the_line(conn):
    from clinicwatch.commands.publish import render_text

    text = render_text(check(conn, clinic="e1"))
    assert "CQC registered: Crown Hair Clinic Ltd. <https://www.cqc.org.uk/location/1-300000001>" in text
