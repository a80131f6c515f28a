"""ENG-CQC-02 and SCO-HIS-01 findings: their words, evidence and links (cases in care_cases.py)."""

from __future__ import annotations

import json

from analysis.rules import run_rules
from tests.analysis.care_cases import deregistered_hair, his_unlisted_nurse, unlisted_hair

NOW = "2026-03-01T10:00:00+00:00"


def only_flag(db, rule_id):
    (flag,) = list(db.query("SELECT * FROM flags WHERE rule_id = ?", [rule_id]))
    return flag, json.loads(flag["evidence"])


def test_cqc02_names_the_treatment_words_and_price_page(db, build):
    unlisted_hair(build)
    run_rules(db, now=NOW)
    flag, evidence = only_flag(db, "ENG-CQC-02")
    assert flag["message"] == (
        'Crown Hair Clinic offers hair transplant ("FUE hair transplant"), which in England may '
        "only be done at premises registered with the Care Quality Commission (CQC), but we did "
        "not find it on the CQC register.")
    assert flag["evidence_url"] == evidence["source_url"]
    assert evidence["source_url"].endswith(".example/prices")
    assert (evidence["words"], evidence["treatments"], evidence["match_method"]) == (
        ["FUE hair transplant"], ["hair_transplant"], "none")
    assert flag["price_id"] == evidence["prices"][0]["id"]


def test_cqc02_deregistered_match_links_the_location(db, build):
    deregistered_hair(build)
    run_rules(db, now=NOW)
    flag, evidence = only_flag(db, "ENG-CQC-02")
    assert flag["message"].endswith(
        "but the CQC location it matches, Crown Hair Clinic (1-200000003), is deregistered "
        "since 2024-05-01.")
    assert evidence["location_url"] == "https://www.cqc.org.uk/location/1-200000003"
    assert evidence["location_status"] == "deregistered"


def test_his01_names_the_professionals(db, build):
    his_unlisted_nurse(build)
    run_rules(db, now=NOW)
    flag, evidence = only_flag(db, "SCO-HIS-01")
    assert flag["message"].startswith("Glasgow Glow names Fiona MacLeod (nurse). In Scotland a clinic")
    assert "Healthcare Improvement Scotland (HIS)" in flag["message"]
    assert [p["profession"] for p in evidence["practitioners"]] == ["nurse"]
    assert flag["evidence_url"].endswith(".example/team")
    assert evidence["rule_source"].startswith("https://healthcareimprovementscotland.scot/")
