"""Faults survived: the crawl of a hostile sample web finishes, keeps every fact, records every failure.

Each group serves the same sample web twice on loopback: clean and with faults
(samples/faults.py). Both are crawled the same way; the fault crawl must store the
same facts as the clean one (so only the faults are under test, not extraction),
record each persistent fault URL once in `crawl_errors` with the expected reason,
duplicate nothing, stay bounded in pages and memory, and never fetch what
robots.txt disallows.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from samples.faults import EXPECTED_REASONS, FAULT_LINKS, TRANSIENT, parse_faults
from spiders.sites import canonical
from tests.evidence.evidence_util import (
    FAULT_PATH, TRAP_PATHS, child_peak_rss_mb, connect, crawl, fault_stats, snapshot,
)

pytestmark = pytest.mark.slow
CLINICS = 12
MAX_PAGES = 40
GROUPS = {
    "transient": ("slow,http5xx,ratelimit,reset,truncate", 31),
    "payload": ("huge,gzipbomb,redirects,robots,nonhtml,traps,aliases,jsonld,hostile", 32),
}
# The payload group has no slow fault; a longer timeout makes sure a 50 MB page is cut by
# DOWNLOAD_MAXSIZE, not by the clock, on a busy two-core CI machine.
GROUP_SETTINGS = {"transient": (), "payload": ("-s", "DOWNLOAD_TIMEOUT=30")}
MEMORY_LIMIT_MB = 300


@pytest.fixture(scope="module", params=list(GROUPS))
def group(request, tmp_path_factory):
    """(faults, clean web, faulty web, clean db, fault db, fault crawl result, fault crawl row)."""
    from samples.server import SampleWeb

    faults, seed = GROUPS[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    with SampleWeb(clinics=CLINICS, seed=seed) as clean, \
            SampleWeb(clinics=CLINICS, seed=seed, faults=faults) as faulty:
        clean_db, fault_db = str(tmp / "clean.db"), str(tmp / "fault.db")
        base, _ = crawl(clean.seeds_txt, clean_db, "--max-pages", str(MAX_PAGES))
        assert base.returncode == 0, base.stderr[-2000:]
        result, row = crawl(faulty.seeds_txt, fault_db, "--max-pages", str(MAX_PAGES),
                            *GROUP_SETTINGS[request.param])
        stats = fault_stats(faulty.port)
        yield {"name": request.param, "faults": parse_faults(faults), "clean": clean, "faulty": faulty,
               "clean_db": clean_db, "fault_db": fault_db, "result": result, "row": row,
               "served": stats["served"], "transient": stats["transient"], "rss": child_peak_rss_mb()}


def test_crawl_finishes(group):
    """It finishes; the only monitors allowed to object are the error and retry rates the faults cause."""
    row = group["row"]
    assert row is not None, group["result"].stderr[-3000:]
    assert row["finish_reason"] == "finished", group["result"].stderr[-3000:]
    assert row["status"] in ("finished", "monitors_failed")
    failures = json.loads(row.get("monitor_failures") or "[]")
    assert all("error rate" in f or "retry rate" in f for f in failures), failures
    assert group["result"].returncode == (0 if row["status"] == "finished" else 1)
    crashes = [line for line in group["result"].stderr.splitlines()
               if any(m in line for m in ("Spider error processing", "Error processing", "Unhandled error",
                                          "Error caught on signal handler", "Error downloading"))]
    assert crashes == []


def test_every_fact_of_the_clean_crawl_is_stored(group):
    clean = snapshot(group["clean_db"], group["clean"].port)
    faulty = snapshot(group["fault_db"], group["faulty"].port)
    for table in ("clinics", "prices", "practitioners", "credentials"):
        missing, extra = clean[table] - faulty[table], faulty[table] - clean[table]
        assert not missing and not extra, (table, sorted(missing, key=repr)[:3], sorted(extra, key=repr)[:3])
    assert clean["prices"] and clean["practitioners"]


def _errors(db: str) -> list[tuple[str, str, int | None]]:
    con = connect(db)
    try:
        return [(r["url"], r["reason"], r["status"]) for r in con.execute("SELECT url, reason, status FROM crawl_errors")]
    finally:
        con.close()


def test_each_failure_is_recorded_once_per_url_with_its_reason(group):
    errors = _errors(group["fault_db"])
    by_url = Counter(url for url, _, _ in errors)
    assert [u for u, n in by_url.items() if n > 1] == []
    reasons = {url: reason for url, reason, _ in errors}
    sites = {line.strip() for line in open(group["faulty"].seeds_txt) if line.strip()}
    expected = [path for fault in group["faults"] for path, _ in FAULT_LINKS.get(fault, [])
                if EXPECTED_REASONS.get(path)]
    assert expected
    for site in sites:
        for path in expected:
            url = site.rstrip("/") + path
            assert url in reasons, (url, sorted(reasons)[:5])
            assert re.search(EXPECTED_REASONS[path], reasons[url]), (url, reasons[url])


def test_real_pages_recover_no_new_errors(group):
    """Transient faults on real pages are retried away: no error a clean crawl does not also have."""
    for fault in set(group["faults"]) & set(TRANSIENT):
        assert group["transient"].get(fault, 0) >= 1, (fault, group["transient"])  # they did happen
    port_clean, port_fault = str(group["clean"].port), str(group["faulty"].port)
    clean = {u.replace(port_clean, "P") for u, _, _ in _errors(group["clean_db"])}
    faulty = {u.replace(port_fault, "P") for u, _, _ in _errors(group["fault_db"]) if FAULT_PATH not in u}
    assert faulty <= clean, sorted(faulty - clean)[:5]


def test_nothing_is_duplicated(group):
    con = connect(group["fault_db"])
    try:
        urls = [r[0] for r in con.execute("SELECT url FROM pages")]
        dupes = [k for k, n in Counter(canonical(u) for u in urls).items() if n > 1]
        assert dupes == []
        price_keys = con.execute("SELECT count(*), count(DISTINCT clinic_id || treatment || "
                                 "coalesce(treatment_text,'') || unit || coalesce(sessions,'') || "
                                 "coalesce(quantity,'')) FROM prices").fetchone()
        assert price_keys[0] == price_keys[1]
        clinics = con.execute("SELECT count(*), count(DISTINCT site || '|' || branch) FROM clinics").fetchone()
        assert clinics[0] == clinics[1]
    finally:
        con.close()


def test_pages_and_traps_stay_bounded(group):
    con = connect(group["fault_db"])
    try:
        per_site = con.execute("SELECT max(n) FROM (SELECT count(*) n FROM pages GROUP BY site)").fetchone()[0]
    finally:
        con.close()
    assert per_site <= MAX_PAGES
    traps = Counter(key.split(" ")[0] for key in group["served"]
                    if any(key.split(" ", 1)[1].startswith(p) for p in TRAP_PATHS))
    assert all(n <= MAX_PAGES for n in traps.values()), traps


def test_robots_disallowed_urls_and_image_links_are_never_fetched(group):
    if "robots" not in group["faults"]:
        pytest.skip("robots fault not in this group")
    fetched = [k for k in group["served"] if "/_fault/private/" in k or k.endswith(".png")]
    assert fetched == []


def test_the_same_page_under_other_urls_is_stored_once(group):
    if "aliases" not in group["faults"]:
        pytest.skip("aliases fault not in this group")
    con = connect(group["fault_db"])
    try:
        urls = [r[0] for r in con.execute("SELECT url FROM pages")]
    finally:
        con.close()
    assert [u for u in urls if "sessionid" in u or "utm_" in u or u.endswith("index.html")] == []


def test_memory_stays_bounded(group):
    """50 MB pages and gzip bombs are cut at DOWNLOAD_MAXSIZE (4 MB): the crawl process stays small."""
    assert group["rss"] < MEMORY_LIMIT_MB, f"peak RSS {group['rss']:.0f} MB"


# --- hostile text (the `hostile` fault page: payloads, control characters, 1 MB fields, 1e309) ---

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_TEXT_COLUMNS = {"prices": ("treatment_text", "price_text", "evidence"),
                 "practitioners": ("name", "title", "role", "postnominals"),
                 "credentials": ("value", "evidence"), "clinics": ("name", "address", "phone", "email"),
                 "pages": ("notes",)}


def _hostile(group):
    if "hostile" not in group["faults"]:
        pytest.skip("hostile fault not in this group")
    return connect(group["fault_db"])


def test_hostile_page_is_stored_with_clean_bounded_text(group):
    con = _hostile(group)
    try:
        stored = {r["treatment_text"]: r["amount"] for r in con.execute(
            "SELECT treatment_text, amount FROM prices WHERE source_url LIKE '%/_fault/hostile-prices'")}
        assert stored.get("Nightfall Hair Mesotherapy") == 150.0, stored
        for table, columns in _TEXT_COLUMNS.items():
            for column in columns:
                for (value,) in con.execute(f"SELECT [{column}] FROM [{table}] WHERE [{column}] IS NOT NULL"):
                    assert not _CONTROL.search(value), (table, column, value[:80])
                    assert len(value) <= 2001, (table, column, len(value))
        bad = con.execute("SELECT count(*) FROM prices WHERE amount < 0 OR amount > 1000000 OR "
                          "amount != amount OR per_session < 0 OR per_session > 1000000").fetchone()[0]
        assert bad == 0
    finally:
        con.close()


def test_exponent_prices_are_refused_not_misread(group):
    con = _hostile(group)
    try:
        amounts = {r["treatment_text"]: r["amount"] for r in con.execute(
            "SELECT treatment_text, amount FROM prices WHERE source_url LIKE '%/_fault/hostile-prices'")}
    finally:
        con.close()
    misread = {t: a for t, a in amounts.items() if t.startswith(("Aurora", "Orbit")) and a is not None}
    assert misread == {}


def test_datasette_shows_script_payloads_as_text(group):
    import asyncio

    from datasette.app import Datasette

    con = _hostile(group)
    con.close()
    ds = Datasette([group["fault_db"]])
    html = asyncio.run(ds.client.get("/fault/prices?_search=&treatment_text__contains=Lumen")).text
    assert "Lumen Skin booster" in html
    assert "<script>alert(3)" not in html and "&lt;script&gt;alert(3)" in html
