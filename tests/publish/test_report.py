"""The report builder, the search and the CLI over the small test database."""

from __future__ import annotations

import json
import sqlite3

import pytest

from clinicwatch.cliutil import CliError
from clinicwatch.commands import publish as publish_cli
from publish.chart import norm_chart_svg
from publish.report import check, safe_url
from publish.search import fts_query, postcode_keys, registration_key, site_key

def main(argv: list[str]) -> int:
    """`clinicwatch check` through clinicwatch.commands.publish alone (as clinicwatch.cli.main runs it)."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="clinicwatch")
    publish_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"clinicwatch check: {exc}", file=sys.stderr)
        return exc.code


GLOW, CLEAR, EVIL = "a1a1a1a1a1a1a1a1", "c2c2c2c2c2c2c2c2", "e4e4e4e4e4e4e4e4"


@pytest.fixture
def conn(sample_db):
    c = sqlite3.connect(f"file:{sample_db}?mode=ro", uri=True)
    yield c
    c.close()


@pytest.mark.parametrize("query", [
    "Glow Aesthetics", "glow aesthetics", "glow aesth", "Glwo Aesthtics",
    "https://www.GlowAesthetics.co.uk/prices", "www.glowaesthetics.co.uk", "glowaesthetics.co.uk",
    "sw1a1aa", "SW1A 1AA", " sw1a  1aa ", "7654321", "GMC 7654321", "gmc7654321",
    "12a3456e", "NMC PIN 12A3456E", "Jane Harper", "amy lee",
], ids=lambda q: q.strip().replace(" ", "_") or "blank")
def test_forgiving_queries_find_glow(conn, query):
    result = check(conn, q=query)
    assert result["status"] == "report", result["matches"]
    assert result["report"]["clinic"]["id"] == GLOW


def test_two_branches_give_a_list(conn):
    result = check(conn, q="bright smile")
    assert result["status"] == "choose"
    assert {m["branch"] for m in result["matches"]} == {"manchester", "bristol"}


@pytest.mark.parametrize("query", [
    "nothing-here-xyz", "' OR 1=1 --", '"; DROP TABLE clinics; --', "%", "_", "*", "NEAR",
    "glow NEAR aesthetics", 'AND OR NOT "', "a* OR b*", "(((", "clinics_fts MATCH 'x'", "\\",
])
def test_hostile_queries_are_plain_text(conn, query):
    result = check(conn, q=query)
    assert result["status"] in ("no_match", "choose", "report")
    assert conn.execute("SELECT count(*) FROM clinics").fetchone()[0] == 13


def test_nonsense_says_no_match(conn):
    result = check(conn, q="zzqx qqzz")
    assert result == {"query": "zzqx qqzz", "clinic_id": None, "status": "no_match",
                      "matches": [], "report": None}


def test_glow_report_content(conn):
    r = check(conn, clinic=GLOW)["report"]
    assert [f["severity"] for f in r["findings"]] == ["red", "amber"]
    assert r["findings"][0]["rule_id"] == "PRICE-01"
    assert r["counts"] == {"red": 1, "amber": 1, "info": 0}
    creds = {c["value"]: c for p in r["practitioners"] for c in p["credentials"]}
    assert creds["7654321"]["status_text"] == "Found on the GMC (General Medical Council) register"
    assert creds["12A3456E"]["status_text"] == "Not found on the register"
    assert creds["7654321"]["register_url"].startswith("https://www.gmc-uk.org/")
    meso = next(p for p in r["prices"] if p["id"] == "pr-glow-meso")
    assert meso["norm"]["median"] == 250.0 and meso["norm"]["band"] == "below_p10"
    assert "64% below" in meso["norm"]["text"]
    course = next(p for p in r["prices"] if p["id"] == "pr-glow-course")
    assert course["per_session_text"] == "£200 a session"
    assert r["checked"]["pages"] == 3 and r["checked"]["prices"] == 3


def test_clean_clinic_says_what_was_checked(conn):
    r = check(conn, q="clearview")["report"]
    assert r["findings"] == []
    assert r["headline"].startswith("No warning signs found in what we checked")
    assert r["checked"]["sentence"] == (
        "We read 4 pages of this site on 2026-11-25; we found 1 price and 1 practitioner; "
        "2 registration numbers named, 1 of which could not be checked.")


def test_hostile_urls_are_not_links(conn):
    r = check(conn, clinic=EVIL)["report"]
    assert r["clinic"]["website_url"] is None
    assert r["findings"][0]["evidence_url"] is None
    assert r["practitioners"][0]["credentials"][0]["register_url"] is None
    assert r["sources"][0]["safe_url"] is None


@pytest.mark.parametrize("url,ok", [
    ("https://a.example/x?y=1", True), ("http://a.example", True), ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False), ('https://a"onmouseover=x', False),
    (None, False), ("//evil.example", False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_query_parsers():
    assert site_key("https://WWW.Glow.co.uk:8080/prices?x=1") == "glow.co.uk"
    assert site_key("glow aesthetics") is None
    assert registration_key("GMC No: 123 4567") == "1234567"
    assert registration_key("glow") is None
    assert postcode_keys("sw1a1aa") == (["SW1A 1AA", "SW1A1AA"], None)
    assert postcode_keys("M1") == ([], "M1")
    assert fts_query([["near"], ["a\"b"]]) == '"near" AND "a""b"*'


def test_chart_marks_price_and_quartiles():
    svg = norm_chart_svg(90, 150, 200, 250, 300, "GBP")
    assert svg.startswith("<svg") and 'class="this-price"' in svg
    assert "£250" in svg and "£150" in svg and "<script" not in svg


def test_cli_matches_json_and_text(sample_db, capsys):
    assert main(["check", "glow aesthetics", "--db", sample_db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["rule_id"] for f in data["report"]["findings"]] == ["PRICE-01", "UK-REG-02"]
    assert main(["check", "glow aesthetics", "--db", sample_db]) == 0
    text = capsys.readouterr().out
    assert "[RED] Hair mesotherapy at £90" in text and "(UK-REG-02)" in text
    assert "Found on the GMC (General Medical Council) register" in text
    assert main(["check", "zzqx", "--db", sample_db]) == 1
    assert "No clinic matches" in capsys.readouterr().out


def test_cli_errors(tmp_path, capsys):
    assert main(["check", "x", "--db", str(tmp_path / "missing.db")]) == 1
    assert "database not found" in capsys.readouterr().err
    assert main(["check", "--db", str(tmp_path / "missing.db")]) == 2


def test_the_report_names_deposits_fees_and_other_booking_platforms(conn):
    report = check(conn, clinic=GLOW)["report"]
    assert [(m["role"], m["amount_text"]) for m in report["charges"]] == [("deposit", "£50"), ("fee", "£40")]
    assert report["charges"][0]["source_url"] == "https://www.glowaesthetics.co.uk/terms"
    assert [(b["name"], b["url"]) for b in report["booking"]] == [
        ("Fresha", "https://www.fresha.com/a/glow-aesthetics-london")]
    text = publish_cli.render_text({"status": "report", "report": report})
    assert "Deposit: £50" in text and "Also bookable on" in text and "Fresha" in text


def test_hostile_charges_and_booking_links_stay_text(conn):
    report = check(conn, clinic=EVIL)["report"]
    assert report["charges"][0]["source_url"] is None and report["booking"][0]["url"] is None


def test_each_finding_says_where_its_rule_comes_from(conn):
    findings = check(conn, clinic=GLOW)["report"]["findings"]
    price01 = next(f for f in findings if f["rule_id"] == "PRICE-01")
    assert price01["source"]["url"].startswith("https://www.nhs.uk/")
    assert price01["rule_title"] == "Price far below the local norm"
    assert all(f["source"] and f["source"]["name"] for f in findings)


def test_text_report_prints_each_rule_source(sample_db, capsys):
    assert main(["check", "--db", sample_db, "--clinic", GLOW]) == 0
    out = capsys.readouterr().out
    assert "why it matters: NHS advice on choosing who does your cosmetic procedure <https://www.nhs.uk/" in out
