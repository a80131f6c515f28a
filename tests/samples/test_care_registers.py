"""The sample world's CQC and HIS files agree with ground truth, and load with the real importer."""

from __future__ import annotations

import json

import pytest

from core.nations import uk_nation
from db.schema import open_db
from registers.care import import_care_file
from samples.generator import iter_sites
from samples.server import write_outputs


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("care")
    paths = write_outputs(out, clinics=200, seed=7, port=8765)
    records = [json.loads(x) for x in paths["truth"].read_text(encoding="utf-8").splitlines()]
    return paths, records


@pytest.fixture(scope="module")
def loaded(outputs, tmp_path_factory):
    paths, _ = outputs
    db = open_db(str(tmp_path_factory.mktemp("care-db") / "t.db"))
    cqc = import_care_file(db, "cqc", paths["registers_dir"] / "cqc_locations.jsonl")
    his = import_care_file(db, "his", paths["registers_dir"] / "his.csv")
    yield db, cqc, his
    db.close()


def test_files_load_without_bad_records(loaded):
    _, cqc, his = loaded
    assert cqc.rows > 20 and cqc.skipped == 0
    assert his.rows > 5 and his.skipped == 0


def test_listing_agrees_with_expected_findings(outputs, loaded):
    _, records = outputs
    db = loaded[0]
    listed = {(r, k): s for r, k, s in db.execute(
        "SELECT register, postcode_key, status FROM care_locations").fetchall()}
    seen = {"ENG-CQC-02": 0, "SCO-HIS-01": 0}
    for site in records:
        expected = {(f["branch"], f["rule_id"]) for f in site["expected_findings"]}
        for clinic in site["clinics"]:
            nation = uk_nation(clinic["postcode"]) if clinic["country"] == "GB" else None
            register = {"england": "cqc", "scotland": "his"}.get(nation or "")
            if register is None:
                continue
            key = clinic["postcode"].replace(" ", "").upper()
            rule = "ENG-CQC-02" if register == "cqc" else "SCO-HIS-01"
            if (clinic["branch"], rule) in expected:
                seen[rule] += 1
                assert listed.get((register, key)) in (None, "deregistered"), site["site"]
    assert seen["ENG-CQC-02"] >= 5 and seen["SCO-HIS-01"] >= 3


def test_printed_ids_are_in_the_footer_and_the_file(loaded):
    db = loaded[0]
    printed = [(s, c) for s in iter_sites(200, 7) for c in s.clinics if c.print_care_id]
    assert len(printed) >= 5
    for spec, clinic in printed[:5]:
        _, _, body = spec.render("/")
        assert f"CQC Location ID: {clinic.care_id}" in body.decode(spec.charset)
        name = db.execute("SELECT name FROM care_locations WHERE location_id = ?",
                          [clinic.care_id]).fetchone()[0]
        assert name.endswith("Medical Services Ltd") and name != clinic.name

