"""Shared helpers for the evidence suite: crawls in subprocesses, snapshots, invariants, memory.

A *snapshot* is the crawled data with everything that legitimately differs between
two crawls of the same web removed (timestamps, crawl ids, the server's port), so
"the faults cost nothing" and "resume equals an uninterrupted crawl" are plain
equality checks.
"""

from __future__ import annotations

import json
import re
import resource
import sqlite3
import urllib.request
from pathlib import Path

from tests.conftest import run_cli

# Loopback crawl profile: no politeness delays, short timeout so slow faults stay cheap.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=32",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "DOWNLOAD_TIMEOUT=3"]
FAULT_PATH = "/_fault/"
TRAP_PATHS = ("/events/", "/offers/")
_VOLATILE = {"first_seen", "last_seen", "last_crawl_id", "crawl_id", "fetched_at", "seen_at", "at",
             "checked_at", "id", "source_url", "notes"}
SNAPSHOT_TABLES = {
    "clinics": ("site", "branch"),
    "prices": ("clinic_id", "treatment", "treatment_text", "unit", "sessions", "quantity"),
    "practitioners": ("clinic_id", "name"),
    "credentials": ("clinic_id", "practitioner_id", "kind", "value"),
    "pages": ("url",),
}


def crawl(seeds: Path | str, db: str, *extra: str, timeout: int = 300):
    """`clinicwatch crawl` on loopback; returns (CompletedProcess, crawls row or None)."""
    result = run_cli("crawl", "--seeds", str(seeds), "--db", db, "--allow-private", "--json",
                     *FAST, *extra, timeout=timeout)
    try:
        row = json.loads(result.stdout)
    except ValueError:
        row = None
    return result, row


def connect(db: str) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    con.row_factory = sqlite3.Row
    return con


def _is_fault_url(url: str | None) -> bool:
    return bool(url) and (FAULT_PATH in url or any(p in url for p in TRAP_PATHS))


def snapshot(db: str, port: int | None = None) -> dict[str, set]:
    """Crawled facts as sets of tuples, without volatile columns, fault pages or the port."""
    con = connect(db)
    out: dict[str, set] = {}
    strip = re.compile(rf":{port}\b") if port else None
    try:
        for table in SNAPSHOT_TABLES:
            rows = set()
            for row in con.execute(f"SELECT * FROM [{table}]"):  # noqa: S608 - fixed table names
                data = dict(row)
                if _is_fault_url(data.get("source_url") or data.get("url")):
                    continue
                items = tuple(sorted((k, _strip(v, strip)) for k, v in data.items() if k not in _VOLATILE))
                rows.add(items)
            out[table] = rows
    finally:
        con.close()
    return out


def _strip(value, pattern):
    if isinstance(value, str):
        value = value.split("#")[0]
        return pattern.sub("", value) if pattern else value
    return value


def invariants(db: str) -> list[str]:
    """Violations of what one-transaction-per-batch guarantees; [] when the file is whole."""
    con = connect(db)
    try:
        problems = []
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            problems.append(f"integrity_check: {check}")
        queries = {
            "price without clinic": "SELECT count(*) FROM prices WHERE clinic_id NOT IN (SELECT id FROM clinics)",
            "price without its page": "SELECT count(*) FROM prices WHERE source_url NOT IN (SELECT url FROM pages)",
            "practitioner without clinic":
                "SELECT count(*) FROM practitioners WHERE clinic_id NOT IN (SELECT id FROM clinics)",
            "practitioner without its page":
                "SELECT count(*) FROM practitioners WHERE source_url NOT IN (SELECT url FROM pages)",
            "credential without practitioner": "SELECT count(*) FROM credentials WHERE practitioner_id "
                                               "IS NOT NULL AND practitioner_id NOT IN (SELECT id FROM practitioners)",
            "page without clinic": "SELECT count(*) FROM pages WHERE clinic_id NOT IN (SELECT id FROM clinics)",
            "observation without price":
                "SELECT count(*) FROM price_observations WHERE price_id NOT IN (SELECT id FROM prices)",
            "page whose prices are missing": """
                SELECT count(*) FROM pages p WHERE p.prices > 0
                AND NOT EXISTS (SELECT 1 FROM prices x WHERE x.clinic_id = p.clinic_id)""",
        }
        for name, sql in queries.items():
            n = con.execute(sql).fetchone()[0]
            if n:
                problems.append(f"{n} x {name}")
        return problems
    finally:
        con.close()


def child_peak_rss_mb() -> float:
    """Peak resident memory of the largest waited-for child process so far (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def fault_stats(port: int, host: str = "localhost") -> dict:
    """The fault layer's plan and served counts (GET /_faults.json)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_faults.json", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        return json.loads(response.read())
