"""Distributed crawl for real: redis-server on loopback, two workers, one writer, the sample web.

Every page is fetched once across the workers, and the database equals a
single-process crawl of the same web.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections import Counter

import pytest

from spiders.sites import canonical
from tests.conftest import run_cli
from tests.ops.conftest import FAST, free_port, query, wait_until

pytestmark = pytest.mark.slow
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
CLINICS = 25
WORKER_SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=4",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "CLINICWATCH_PROGRESS_INTERVAL=0",
                   "-s", "CLINICWATCH_WORKER_POLL=0.2"]
# What must be equal between the two databases (ids are derived, so rows line up).
COMPARE = {
    "clinics": "id, site, branch, name, website, phone, email, address, locality, region, postcode, country",
    "prices": "id, clinic_id, treatment, treatment_text, amount, currency, unit, sessions, quantity, per_session",
    "practitioners": "id, clinic_id, name, title, profession, prescriber, role",
    "credentials": "id, practitioner_id, clinic_id, kind, value, format_valid",
    "pages": "url, site, clinic_id, page_kind, status, prices, practitioners",  # url: canonical()
}


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    import redis

    if not shutil.which(REDIS) and not shutil.os.path.exists(REDIS):
        pytest.fail("redis-server is missing: run scripts/system-packages.sh")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([REDIS, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly",
                             "no", "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)

    def ping():
        try:
            return client.ping()
        except redis.ConnectionError:
            assert proc.poll() is None, "redis-server exited"
            return False

    try:
        wait_until(ping, 20, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        proc.terminate()
        proc.wait(20)


def page_fetches(before: dict, after: dict) -> Counter:
    """Fetches per URL between two stats snapshots, without robots.txt (each worker reads it)."""
    counts = Counter(after["by_url"]) - Counter(before["by_url"])
    return Counter({url: n for url, n in counts.items() if not url.endswith("/robots.txt")})


def table(db: str, name: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(f"select {COMPARE[name]} from {name}").fetchall()
    finally:
        con.close()
    if name == "pages":
        rows = [(canonical(r[0]), *r[1:]) for r in rows]
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def crawls(redis_url, tmp_path_factory):
    from samples.server import SampleWeb

    tmp = tmp_path_factory.mktemp("distributed")
    single, shared = str(tmp / "single.db"), str(tmp / "shared.db")
    with SampleWeb(clinics=CLINICS, seed=19) as web:
        s0 = web.stats()
        one = run_cli("crawl", "--seeds", str(web.seeds_csv), "--db", single, "--allow-private", *FAST)
        assert one.returncode == 0, one.stderr[-3000:]
        s1 = web.stats()
        two = run_cli("crawl-shared", "--redis", redis_url, "--seeds", str(web.seeds_csv), "--db", shared,
                      "--workers", "2", "--idle", "6", "--allow-private", "--json", *WORKER_SETTINGS)
        assert two.returncode == 0, two.stderr[-4000:]
        s2 = web.stats()
    return {"single": single, "shared": shared, "row": json.loads(two.stdout),
            "single_fetches": page_fetches(s0, s1), "shared_fetches": page_fetches(s1, s2)}


def test_every_page_is_fetched_once_across_workers(crawls):
    fetched = crawls["shared_fetches"]
    assert fetched and max(fetched.values()) == 1, fetched.most_common(3)
    # the same pages; which URL spelling of a page (tracking query or not) is met first may differ
    assert {canonical("http://" + u) for u in fetched} == {canonical("http://" + u)
                                                           for u in crawls["single_fetches"]}


def test_distributed_crawl_strips_tracking_parameters_like_the_single_process(crawls):
    """The sample web's menus carry ?utm_source=... links: neither crawl may request or store them."""
    for fetches in ("single_fetches", "shared_fetches"):
        tracked = [url for url in crawls[fetches] if "utm_" in url]
        assert crawls[fetches] and not tracked, (fetches, tracked[:3])
    for db in ("single", "shared"):
        assert query(crawls[db], "select count(*) from pages where url like '%utm\\_%' escape '\\'") == [(0,)]


def test_both_workers_crawled_and_one_writer_recorded_the_crawl(crawls, redis_url):
    import redis

    row = crawls["row"]
    assert row["workers"] == 2 and row["status"] == "finished" and row["sites"] == CLINICS
    client = redis.Redis.from_url(redis_url)
    try:
        per_worker = [json.loads(v).get("response_received_count", 0) for v in client.hvals("clinicwatch:stats")]
    finally:
        client.close()
    assert len(per_worker) == 2 and min(per_worker) > 0, per_worker
    assert query(crawls["shared"], "select count(*) from crawls") == [(1,)]
    assert row["pages"] == sum(per_worker)


@pytest.mark.parametrize("name", sorted(COMPARE))
def test_database_equals_a_single_process_crawl(crawls, name):
    single, shared = table(crawls["single"], name), table(crawls["shared"], name)
    assert single, f"{name} is empty"
    assert shared == single


def test_failed_coverage_on_the_whole_crawl_exits_non_zero(redis_url, tmp_path):
    from samples.server import SampleWeb

    db = str(tmp_path / "coverage.db")
    with SampleWeb(clinics=12, seed=3) as web:
        result = run_cli("crawl-shared", "--redis", redis_url, "--prefix", "cwcov", "--seeds", str(web.seeds_csv),
                         "--db", db, "--workers", "1", "--idle", "6", "--allow-private", *WORKER_SETTINGS,
                         "-s", "CLINICWATCH_MONITOR_MIN_CREDENTIAL_COVERAGE=1.0")
    assert result.returncode == 1
    (status, raw), = query(db, "select status, monitor_failures from crawls")
    failures = json.loads(raw)
    assert status == "monitors_failed" and len(failures) == 1
    assert failures[0].startswith("Crawl health / credential coverage: sites with credentials: ")
    assert f"monitor failed: {failures[0]}" in result.stderr
