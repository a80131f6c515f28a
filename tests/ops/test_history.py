"""The `changes` table and feeds, from a hand-built two-crawl history."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from db import history
from db.schema import ensure_schema, open_db
from tests.conftest import run_cli

T1, T1_END = "2026-01-01T03:00:00+00:00", "2026-01-01T03:10:00+00:00"
T2, T2_END = "2026-01-08T03:00:00+00:00", "2026-01-08T03:10:00+00:00"
ANALYSED = "2026-01-08T03:11:00+00:00"


def _insert(db, table: str, rows: list[dict]) -> None:
    db[table].insert_all(rows)


@pytest.fixture
def two_crawls(db_path):
    db = open_db(db_path)
    ensure_schema(db)
    _insert(db, "crawls", [
        {"id": 1, "spider": "sites", "started_at": T1, "finished_at": T1_END, "status": "finished",
         "finish_reason": "finished"},
        {"id": 2, "spider": "sites", "started_at": T2, "finished_at": T2_END, "status": "monitors_failed",
         "finish_reason": "finished"},
        {"id": 3, "spider": "sites", "started_at": ANALYSED, "status": "failed", "finish_reason": "shutdown"},
    ])
    _insert(db, "clinics", [
        {"id": "kept", "site": "kept.example", "name": "Kept Clinic", "first_seen": T1, "last_crawl_id": 2},
        {"id": "gone", "site": "gone.example", "name": "Gone Clinic", "first_seen": T1, "last_crawl_id": 1},
        {"id": "new", "site": "new.example", "name": "New Clinic", "first_seen": T2, "last_crawl_id": 2},
    ])
    prices = [("up", 100.0, 125.0), ("down", 200.0, 170.0), ("small", 100.0, 108.0), ("same", 50.0, 50.0),
              ("poa", 80.0, None), ("dropped", 90.0, None), ("added", None, 60.0)]
    _insert(db, "prices", [{"id": pid, "clinic_id": "kept", "treatment": "other", "treatment_text": pid,
                            "unit": "session", "currency": "GBP", "source_url": f"http://kept.example/{pid}"}
                           for pid, _, _ in prices])
    obs = []
    for pid, old, new in prices:
        if pid != "added":
            obs.append({"price_id": pid, "crawl_id": 1, "amount": old, "currency": "GBP", "seen_at": T1})
        if pid != "dropped":
            obs.append({"price_id": pid, "crawl_id": 2, "amount": new, "currency": "GBP", "seen_at": T2})
    _insert(db, "price_observations", obs)
    _insert(db, "flags_history", [
        {"flag_id": "f-old", "rule_id": "PRICE-01", "rule_version": 1, "clinic_id": "kept", "severity": "red",
         "message": "far below norm", "first_seen": T1_END, "last_seen": T1_END, "cleared_at": ANALYSED},
        {"flag_id": "f-new", "rule_id": "UK-REG-02", "rule_version": 1, "clinic_id": "kept",
         "severity": "amber", "message": "not on register", "first_seen": ANALYSED, "last_seen": ANALYSED},
        {"flag_id": "f-stays", "rule_id": "PRICE-02", "rule_version": 1, "clinic_id": "kept",
         "severity": "info", "message": "from price", "first_seen": T1_END, "last_seen": ANALYSED},
    ])
    _insert(db, "credentials", [{"id": "cred", "clinic_id": "kept", "kind": "gmc", "value": "1234567"}])
    _insert(db, "credential_status_history", [
        {"credential_id": "cred", "status": "verified", "checked_at": T1_END},
        {"credential_id": "cred", "status": "inactive", "checked_at": ANALYSED},
    ])
    yield db
    db.close()


def test_changes_between_the_last_two_completed_crawls(two_crawls):
    rows = history.refresh_changes(two_crawls, threshold=0.10)
    got = sorted((r["kind"], r["subject_id"].split("#")[0], r["old_value"], r["new_value"]) for r in rows)
    assert got == [
        ("clinic_gone", "gone", None, None),
        ("clinic_new", "new", None, None),
        ("finding_cleared", "f-old", "red", None),
        ("finding_new", "f-new", None, "amber"),
        ("price_down", "down", 200.0, 170.0),
        ("price_gone", "dropped", 90.0, None),
        ("price_new", "added", None, 60.0),
        ("price_up", "up", 100.0, 125.0),
        ("status_changed", "cred", "verified", "inactive"),
    ]
    assert all(r["crawl_id"] == 2 and r["previous_crawl_id"] == 1 for r in rows)
    assert {r["kind"]: r["change"] for r in rows if r["kind"].startswith("price_")}["price_down"] == -0.15


def test_threshold_is_a_parameter_and_refresh_replaces_rows(two_crawls):
    history.refresh_changes(two_crawls, threshold=0.10)
    rows = history.refresh_changes(two_crawls, threshold=0.05)
    assert "small" in {r["subject_id"] for r in rows}
    stored = two_crawls.execute("select count(*), count(distinct id) from changes").fetchone()
    assert stored == (len(rows), len(rows))
    assert two_crawls.execute("select count(*) from latest_changes").fetchone()[0] == len(rows)


@pytest.mark.parametrize(("old", "new", "kind"), [
    (100.0, 111.0, "price_up"), (100.0, 110.0, None), (100.0, 89.0, "price_down"), (None, 10.0, None),
    (0.0, 5.0, None),
])
def test_price_kind(old, new, kind):
    assert history.price_kind(old, new, True, True, 0.10)[0] == kind


def test_one_crawl_has_no_changes(db_path):
    db = open_db(db_path)
    _insert(db, "crawls", [{"id": 1, "spider": "sites", "started_at": T1, "status": "finished",
                            "finish_reason": "finished"}])
    assert history.refresh_changes(db, 0.10) == []


def test_changes_cli_text_json_feed_and_atom(two_crawls, db_path, tmp_path):
    atom = tmp_path / "changes.atom"
    text = run_cli("changes", "--db", db_path)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == "changes from crawl 1 to crawl 2: 9"
    assert "Kept Clinic: up: 100 -> 125 GBP (+25%)" in text.stdout
    feed = run_cli("changes", "--db", db_path, "--json", "--atom", str(atom))
    assert feed.returncode == 0, feed.stderr
    doc = json.loads(feed.stdout)
    assert doc["version"] == "https://jsonfeed.org/version/1.1" and len(doc["items"]) == 9
    assert len({item["id"] for item in doc["items"]}) == 9
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(atom).getroot()
    entries = root.findall("a:entry", ns)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed" and len(entries) == 9
    assert {e.find("a:id", ns).text for e in entries} == {item["id"] for item in doc["items"]}
    assert {e.find("a:category", ns).get("term") for e in entries} >= {"price_up", "clinic_gone"}


def test_changes_cli_refuses_a_missing_database(tmp_path):
    result = run_cli("changes", "--db", str(tmp_path / "nope.db"))
    assert result.returncode == 1 and "database not found" in result.stderr
