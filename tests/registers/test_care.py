"""CQC/HIS file imports (the real CQC record shapes) and matching clinics to locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from registers.care import CareFormatError, import_care_file
from registers.care_match import clinic_name_score, match_care_registers

DATA = Path(__file__).parent / "data" / "cqc"
REGISTERED = DATA / "location-1-125856395-registered-care-home.json"
DEREGISTERED = DATA / "location-1-134558905-deregistered.json"
HIS_HEADER = "service_number,service_name,provider_name,address,town,postcode,service_type,status\n"


def one_line(path: Path) -> str:
    return json.dumps(json.loads(path.read_text()))


def location(db, location_id: str) -> dict:
    cur = db.execute("SELECT * FROM care_locations WHERE location_id = ?", [location_id])
    return dict(zip([d[0] for d in cur.description], cur.fetchone()))


def test_cqc_json_lines_keep_fields_and_count_bad_lines(db, tmp_path):
    path = tmp_path / "cqc.jsonl"
    path.write_text("\n".join([one_line(REGISTERED), "not json", "[1, 2]", '{"name": "No id"}',
                               "", one_line(DEREGISTERED)]) + "\n")
    result = import_care_file(db, "cqc", path)
    assert (result.rows, result.skipped) == (2, 3)
    assert result.problems == ["line 2: not JSON (Expecting value)",
                               "line 3: not a JSON object but list", "line 4: no locationId"]
    row = location(db, "1-125856395")
    assert (row["name"], row["postcode_key"], row["status"], row["rating"], row["report_date"]) == (
        "Lucerne House", "EX28TU", "registered", "Outstanding", "2019-10-31")
    assert [a["code"] for a in json.loads(row["regulated_activities"])] == ["RA2", "RA5"]
    assert json.loads(row["service_types"])[0] == "Nursing homes"
    gone = location(db, "1-134558905")
    assert (gone["status"], gone["deregistration_date"], gone["regulated_activities"]) == (
        "deregistered", "2016-11-28", "[]")
    assert db.execute("SELECT kind, rows FROM register_snapshots").fetchall() == [("cqc", 2)]


@pytest.mark.parametrize("shape", ["pretty-object", "array"])
def test_cqc_one_object_or_array(db, tmp_path, shape):
    path = tmp_path / "cqc.json"
    if shape == "array":
        path.write_text(f"[{REGISTERED.read_text()}, {DEREGISTERED.read_text()}]")
    else:
        path.write_text(REGISTERED.read_text())
    assert import_care_file(db, "cqc", path).rows == (2 if shape == "array" else 1)


def test_cqc_record_with_almost_nothing(db, tmp_path):
    path = tmp_path / "cqc.jsonl"
    path.write_text('{"locationId": "1-111111111", "currentRatings": {}, "specialisms": [],'
                    ' "inspectionCategories": [{"primary": "true"}], "reports": [{}]}\n')
    assert import_care_file(db, "cqc", path).rows == 1
    row = location(db, "1-111111111")
    assert (row["name"], row["status"], row["rating"], row["postcode_key"]) == (None, None, None, "")


def test_import_replaces_the_earlier_snapshot(db, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(one_line(REGISTERED) + "\n")
    second.write_text(one_line(DEREGISTERED) + "\n")
    import_care_file(db, "cqc", first)
    import_care_file(db, "cqc", second)
    assert db.execute("SELECT location_id FROM care_locations").fetchall() == [("1-134558905",)]


def test_broken_array_is_a_format_error(db, tmp_path):
    path = tmp_path / "cqc.json"
    path.write_text('[{"locationId": "1-1"}, ')
    with pytest.raises(CareFormatError, match="JSON array"):
        import_care_file(db, "cqc", path)


def test_his_csv_import(db, tmp_path):
    path = tmp_path / "his.csv"
    path.write_text(HIS_HEADER + "SC1234,Glow Aesthetics,Glow Ltd,1 High Street,Glasgow,G2 4JR,"
                    "Independent Clinic,Registered\n,No Number,,,,,,\n")
    result = import_care_file(db, "his", path)
    assert (result.rows, result.skipped, result.problems) == (1, 1, ["line 3: no service_number"])
    row = location(db, "SC1234")
    assert (row["register"], row["postcode_key"], row["status"], row["type"]) == (
        "his", "G24JR", "registered", "Independent Clinic")


def test_his_csv_without_required_columns(db, tmp_path):
    path = tmp_path / "his.csv"
    path.write_text("name,postcode\nX,G1 1AA\n")
    with pytest.raises(CareFormatError, match="service_number"):
        import_care_file(db, "his", path)


@pytest.mark.parametrize(
    ("claimed", "registered", "at_least", "below"),
    [("Glow Aesthetics", "Glow Aesthetics Ltd", 1.0, None),
     ("Glow Aesthetics", "GLOW AESTHETICS LEEDS", 1.0, None),
     ("Glow Aesthetic Clinic", "Glow Aesthetics Clinic", 0.9, None),
     ("Glow Aesthetics", "Harbour Dental Practice", None, 0.5),
     ("Glow Aesthetics", None, None, 0.01)],
    ids=["company-word", "branch-suffix", "typo", "another-clinic", "no-name"],
)
def test_clinic_name_score(claimed, registered, at_least, below):
    score = clinic_name_score(claimed, registered)
    assert at_least is None or score >= at_least
    assert below is None or score < below


def add_clinic(db, clinic_id, name, postcode, country="GB"):
    db["clinics"].insert({"id": clinic_id, "site": f"{clinic_id}.example", "name": name,
                          "postcode": postcode, "country": country})


def cqc_file(tmp_path, *records) -> Path:
    path = tmp_path / "cqc.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_matching_methods(db, tmp_path):
    import_care_file(db, "cqc", cqc_file(
        tmp_path,
        {"locationId": "1-100000001", "name": "Glow Aesthetics Ltd", "postalCode": "LS1 4AP",
         "registrationStatus": "Registered"},
        {"locationId": "1-100000002", "name": "Renew Hair Clinic", "postalCode": "M1 4BT",
         "registrationStatus": "Deregistered"},
        {"locationId": "1-100000003", "name": "Different Name", "postalCode": "B3 2NS",
         "registrationStatus": "Registered"},
    ))
    add_clinic(db, "by-postcode", "Glow Aesthetics", "ls1 4ap")
    add_clinic(db, "deregistered", "Renew Hair Clinic", "M1 4BT")
    add_clinic(db, "printed", "Oak Skin", "B3 2NS")
    db["credentials"].insert({"id": "cr1", "clinic_id": "printed", "kind": "cqc",
                              "value": "1-100000003"})
    add_clinic(db, "nothing", "Pure Skin", "SW1A 1AA")
    add_clinic(db, "scottish", "Glasgow Glow", "G2 4JR")  # HIS not imported: not checked
    add_clinic(db, "welsh", "Cardiff Glow", "CF10 1EP")
    add_clinic(db, "american", "Glow Med Spa", "90001", country="US")
    stats = match_care_registers(db)
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT clinic_id, register, location_id, method, score, status FROM care_matches")}
    assert rows == {
        "by-postcode": ("cqc", "1-100000001", "postcode_name", 1.0, "registered"),
        "deregistered": ("cqc", "1-100000002", "postcode_name", 1.0, "deregistered"),
        "printed": ("cqc", "1-100000003", "printed_id", 1.0, "registered"),
        "nothing": ("cqc", None, "none", None, None),
    }
    assert stats["by_register"] == {"cqc": {"none": 1, "postcode_name": 2, "printed_id": 1}}


def test_matching_threshold_and_his(db, tmp_path):
    path = tmp_path / "his.csv"
    path.write_text(HIS_HEADER + "SC1,Glasgow Glow Clinic,,,Glasgow,G2 4JR,Independent Clinic,"
                    "Registered\nSC2,Bloom Aesthetics,,,Glasgow,G1 1AA,Independent Clinic,Registered\n")
    import_care_file(db, "his", path)
    add_clinic(db, "near", "Glasgow Glow", "G2 4JR")
    add_clinic(db, "other-name", "Velvet Skin", "G1 1AA")
    match_care_registers(db, threshold=0.85)
    rows = dict(db.execute("SELECT clinic_id, method FROM care_matches").fetchall())
    assert rows == {"near": "postcode_name", "other-name": "none"}
    with pytest.raises(ValueError):
        match_care_registers(db, threshold=0)
