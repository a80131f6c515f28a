"""End to end: start the sample web on loopback, crawl it with the real spider, check the database.

The crawl runs as `clinicwatch crawl` in a subprocess, exactly as an operator
runs it; only the politeness delays are set to zero for loopback.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest

from clinicwatch.evaluate import db_counters, load_truth, prf, truth_counters
from db.schema import open_db
from spiders.sites import canonical
from tests.conftest import run_cli

pytestmark = pytest.mark.slow
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=32",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]
CLINICS = 40


@pytest.fixture(scope="module")
def web():
    from samples.server import SampleWeb

    with SampleWeb(clinics=CLINICS, seed=11) as sample:
        yield sample


@pytest.fixture(scope="module")
def crawled(web, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("crawl") / "crawl.db")
    first = run_cli("crawl", "--seeds", str(web.seeds_csv), "--db", db, "--allow-private", "--json", *FAST)
    assert first.returncode == 0, first.stderr[-3000:]
    return db, json.loads(first.stdout)


def counts(db: str) -> dict:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"select count(*) from [{t}]").fetchone()[0]
                for t in ("clinics", "prices", "practitioners", "credentials", "pages", "clinic_sources")}
    finally:
        con.close()


def test_crawl_finishes_and_records_itself(crawled):
    db, row = crawled
    assert row["status"] == "finished" and row["finish_reason"] == "finished"
    assert row["sites"] == CLINICS and row["pages"] >= CLINICS * 3


def test_database_matches_ground_truth(crawled, web):
    db, _ = crawled
    expected = truth_counters(load_truth(web.truth_path))
    con = open_db(db)
    found = db_counters(con)
    for measure in ("prices", "practitioners", "registrations"):
        score = prf(expected[measure], found[measure])
        missed = list((expected[measure] - found[measure]).elements())[:5]
        extra = list((found[measure] - expected[measure]).elements())[:5]
        assert score["precision"] >= 0.95 and score["recall"] >= 0.95, (measure, score, missed, extra)


def test_every_site_is_a_clinic_with_provenance(crawled, web):
    db, _ = crawled
    con = open_db(db)
    truth_sites = {t["site"] for t in load_truth(web.truth_path)}
    assert {r[0] for r in con.execute("select distinct site from clinics")} == truth_sites
    missing = con.execute("select count(*) from prices where source_url is null or first_seen is null").fetchone()[0]
    assert missing == 0


def test_external_links_are_never_followed_and_duplicates_collapse(crawled, web):
    db, _ = crawled
    con = open_db(db)
    truth_sites = {t["site"] for t in load_truth(web.truth_path)}
    urls = [r[0] for r in con.execute("select url from pages")]
    assert {canonical(u).split("/")[0].split(":")[0].removeprefix("www.") for u in urls} <= truth_sites
    dupes = [k for k, n in Counter(canonical(u) for u in urls).items() if n > 1]
    assert dupes == []
    assert not [u for u in urls if "utm_" in u]


def test_crawling_twice_adds_no_duplicate_rows(crawled, web, tmp_path):
    db, _ = crawled
    before = counts(db)
    again = run_cli("crawl", "--seeds", str(web.seeds_csv), "--db", db, "--allow-private", *FAST)
    assert again.returncode == 0, again.stderr[-3000:]
    assert counts(db) == before
    con = open_db(db)
    assert con.execute("select count(*) from crawls where status = 'finished'").fetchone()[0] == 2
    per_price = con.execute("select max(n), min(n) from (select count(*) n from price_observations group by price_id)").fetchone()
    assert per_price == (2, 2)


def test_loopback_is_refused_without_allow_private(web, tmp_path):
    db = str(tmp_path / "refused.db")
    result = run_cli("crawl", "--seeds", str(web.seeds_txt), "--db", db, "--json", *FAST)
    con = open_db(db)
    assert con.execute("select count(*) from pages").fetchone()[0] == 0
    reasons = [r[0] for r in con.execute("select reason from crawl_errors")]
    assert reasons and all("refused" in r and "--allow-private" in r for r in reasons)
    assert result.returncode in (0, 1)


def test_pdf_price_lists_are_read_with_their_page(crawled, web):
    """Sites that publish their prices as a PDF: the crawl fetches it, reads it with the same
    extraction and keeps URL#page=N as the source of each price; the crawl row counts the PDFs."""
    from samples.generator import iter_sites

    db, row = crawled
    pdf_sites = [s for s in iter_sites(CLINICS, 11) if s.price_pdf]
    assert pdf_sites, "the sample web should publish some price lists as PDFs"
    assert row["pdfs"] == len(pdf_sites)
    con = sqlite3.connect(db)
    try:
        for spec in pdf_sites:
            sources = {r[0] for r in con.execute(
                "SELECT p.source_url FROM prices p JOIN clinics c ON c.id = p.clinic_id WHERE c.site = ?",
                [spec.site])}
            assert sources and all(s.split("#")[0].endswith(spec.price_pdf) and s.endswith("#page=1")
                                   for s in sources), (spec.site, sources)
    finally:
        con.close()

