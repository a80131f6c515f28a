"""A live check: one website crawled now, judged against the norms already in the database.

The order is the scheduled job's (crawl -> verify -> positions -> findings), run in a scratch
database beside a copy of what the judgement needs from the main one (price norms, register
snapshots, the NPI cache), because:

* one site must not recompute the world's norms (analysis.norms.position_prices places its
  prices against the published norms, unchanged);
* the rules then see this clinic only, so nobody else's findings are touched;
* ``--no-store`` leaves the main database byte-identical: it is only ever opened read-only.

Unless ``store`` is off, what was found is then copied into the main database in the store
pipeline's own upsert modes (db/store.py), under a ``crawls`` row of kind ``live``, and the
clinic's findings replace only its own (analysis.store.save_clinic_findings). The report is
publish.report.check, the builder behind /check and `clinicwatch check`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlite_utils

from db.schema import open_db

log = logging.getLogger(__name__)
KIND = "live"
# What the judgement reads from the main database (read-only): norms and registers.
REFERENCE_TABLES = ("price_norms", "register_entries", "npi_registry", "register_snapshots",
                    "register_cache", "care_locations")
# What a live check stores: (table, primary key, db.store mode), as the store pipeline writes them.
STORED = (("clinics", ("id",), "fill"), ("practitioners", ("id",), "fill"),
          ("credentials", ("id",), "fill"), ("prices", ("id",), "replace"),
          ("money", ("id",), "replace"), ("price_observations", ("price_id", "crawl_id"), "replace"),
          ("pages", ("url",), "replace"), ("clinic_sources", ("clinic_id", "source", "url"), "fill"),
          ("price_positions", ("price_id",), "replace"), ("signals", ("id",), "fill"),
          ("care_matches", ("clinic_id", "register"), "replace"))
APPENDED = ("crawl_errors", "credential_status_history")  # autoincrement ids: new rows only
CRAWL_ID_COLUMNS = ("last_crawl_id", "crawl_id")
CRAWL_COLUMNS = ("spider", "started_at", "finished_at", "status", "finish_reason", "seeds", "sites",
                 "pages", "items", "errors", "bytes", "pdfs", "rendered", "monitor_failures")
FLAG_COLUMNS = ("id, clinic_id, practitioner_id, price_id, credential_id, rule_id, rule_version, "
                "severity, message, evidence_url, evidence")


class LiveCheckFailed(Exception):
    """The site could not be checked; the message is one line for the consumer."""


def copy_reference(main_path: str, scratch: str) -> dict[str, int]:
    """Copy REFERENCE_TABLES from the main database (opened read-only) into the scratch one."""
    conn = sqlite3.connect(scratch, uri=True)
    copied: dict[str, int] = {}
    try:
        conn.execute("ATTACH DATABASE ? AS src", [Path(main_path).resolve().as_uri() + "?mode=ro"])
        for table in REFERENCE_TABLES:
            theirs = [r[1] for r in conn.execute(f"PRAGMA src.table_info([{table}])")]
            ours = {r[1] for r in conn.execute(f"PRAGMA main.table_info([{table}])")}
            cols = ", ".join(f"[{c}]" for c in theirs if c in ours)
            if cols:
                cur = conn.execute(f"INSERT INTO main.[{table}] ({cols}) SELECT {cols} FROM src.[{table}]")
                copied[table] = cur.rowcount
        conn.commit()
        conn.execute("DETACH DATABASE src")
    finally:
        conn.close()
    return copied


def live_settings(scratch: str, url: str, *, allow_private: bool, overrides: dict | None, log_level: str):
    """The crawl's settings: settings.py's manners, the live progress line instead of the periodic
    one, and the loopback profile only for a loopback target the operator allowed."""
    from urllib.parse import urlsplit

    from clinicwatch.crawl import build_settings
    from core.netaddr import address_refusal
    from crawl.netguard import is_local_name

    host = urlsplit(url).hostname or ""
    loopback = allow_private and (is_local_name(host) or (address_refusal(host) or "").startswith("loopback"))
    settings = build_settings(scratch, allow_private=allow_private, loopback=loopback,
                              overrides=overrides, log_level=log_level)
    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions.pop("crawl.monitors.CrawlProgress", None)
    extensions["crawl.live_progress.LiveProgress"] = 510
    settings.set("EXTENSIONS", extensions, priority="cmdline")
    return settings


def failure_reason(db: sqlite_utils.Database, crawl: dict) -> str:
    """Why nothing was read: the first crawl error, in words."""
    from db.store import error_kind

    row = db.execute("SELECT reason FROM crawl_errors ORDER BY id LIMIT 1").fetchone()
    if row:
        kind = error_kind(row[0])
        return row[0][:200] if kind == row[0].split(":", 1)[0][:80] else kind
    return f"no page could be read (crawl {crawl.get('status')}: {crawl.get('finish_reason')})"


def judge(db: sqlite_utils.Database, settings, *, npi_client=None, now: dt.datetime | None = None) -> dict:
    """Verification, positions against the copied norms, and the rules, all in the scratch db."""
    from analysis.norms import position_prices
    from analysis.rules import run_rules
    from analysis.settings import from_settings
    from registers.care_match import match_care_registers
    from registers.verify import verify_credentials

    moment = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    analysis_settings = from_settings(settings)
    return {"verification": verify_credentials(db, npi_client=npi_client),
            "care_registers": match_care_registers(db),
            "positions": position_prices(db, analysis_settings, today=moment.date()),
            "findings": run_rules(db, analysis_settings, now=moment)}


def _rows(scratch: sqlite_utils.Database, table: str, crawl_id: int, *, drop: tuple[str, ...] = ()) -> list[dict]:
    out = []
    for row in scratch.query(f"SELECT * FROM [{table}]"):
        for col in CRAWL_ID_COLUMNS:
            if col in row and row[col] is not None:
                row[col] = crawl_id
        out.append({k: v for k, v in row.items() if k not in drop})
    return out


def store(main_path: str, scratch: sqlite_utils.Database, crawl: dict, clinic_ids: list[str],
          since: float = 0.0) -> int:
    """Copy the scratch database's findings into the main one; return the new crawl id."""
    from analysis.store import save_clinic_findings
    from db.store import upsert_rows

    main = open_db(main_path)
    try:
        with main.conn:
            cols = [c for c in CRAWL_COLUMNS if c in crawl]
            cur = main.conn.execute(
                f"INSERT INTO crawls ({', '.join(cols)}, kind) VALUES ({', '.join('?' * len(cols))}, ?)",
                [crawl[c] for c in cols] + [KIND])
            crawl_id = int(cur.lastrowid)
            for table, pk, mode in STORED:
                upsert_rows(main, table, _rows(scratch, table, crawl_id), pk=pk, mode=mode)
            fresh = [dict(r) for r in scratch.query(  # NPI answers fetched by this check
                "SELECT * FROM register_cache WHERE fetched_at >= ?", [since])]
            upsert_rows(main, "register_cache", fresh, pk=("url",), mode="replace")
            for table in APPENDED:
                rows = _rows(scratch, table, crawl_id, drop=("id",))
                if rows:
                    main[table].insert_all(rows)
        flags = scratch.execute(f"SELECT {FLAG_COLUMNS} FROM flags ORDER BY id").fetchall()
        stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        save_clinic_findings(main, flags, stamp, clinic_ids)
        return crawl_id
    finally:
        main.close()


def report(db: sqlite_utils.Database, url: str, clinic_ids: list[str]) -> dict[str, Any]:
    from core.text import site_key
    from publish.report import check

    if len(clinic_ids) == 1:
        return check(db.conn, clinic=clinic_ids[0])
    result = check(db.conn, q=site_key(url))
    return result if result["status"] != "no_match" else check(db.conn, clinic=clinic_ids[0])


def live_check(db_path: str, url: str, *, store_result: bool = True, allow_private: bool = False,
               overrides: dict | None = None, npi_url: str | None = None,
               log_level: str = "WARNING") -> dict[str, Any]:
    """Crawl ``url`` now and return the check result with a ``live`` summary.

    Raises LiveCheckFailed when no page of the site could be read. Runs Scrapy's reactor, so
    call it once per process (the CLI; the web worker runs the CLI as a subprocess).
    """
    from clinicwatch.crawl import run_steps
    from registers.npi import DEFAULT_NPI_URL, NpiClient
    from spiders.sites import SitesSpider

    started, since = time.monotonic(), time.time()
    with tempfile.TemporaryDirectory(prefix="clinicwatch-live-") as tmp:
        scratch_path = str(Path(tmp) / "live.db")
        open_db(scratch_path).close()
        copied = copy_reference(db_path, scratch_path) if Path(db_path).is_file() else {}
        seeds = Path(tmp) / "seeds.txt"
        seeds.write_text(url + "\n", encoding="utf-8")
        settings = live_settings(scratch_path, url, allow_private=allow_private, overrides=overrides,
                                 log_level=log_level)
        crawl = run_steps(scratch_path, [lambda: (SitesSpider, {"seeds": str(seeds)})], settings)[0]
        db = open_db(scratch_path)
        try:
            clinic_ids = [r[0] for r in db.execute("SELECT id FROM clinics ORDER BY id")]
            if not crawl.get("pages") or not clinic_ids or not db.execute("SELECT 1 FROM pages").fetchone():
                raise LiveCheckFailed(f"cannot check {url}: {failure_reason(db, crawl)}")
            client = NpiClient(base_url=npi_url or DEFAULT_NPI_URL, db=db, allow_private=allow_private)
            judged = judge(db, settings, npi_client=client)
            crawl_id = store(db_path, db, crawl, clinic_ids, since) if store_result else None
            result = report(db, url, clinic_ids)
            result["live"] = {
                "url": url, "crawl_id": crawl_id, "stored": crawl_id is not None,
                "pages": db.execute("SELECT count(*) FROM pages").fetchone()[0], "errors": crawl.get("errors"), "clinic_ids": clinic_ids,
                "prices": db.execute("SELECT count(*) FROM prices").fetchone()[0],
                "findings": judged["findings"]["findings"],
                "norms_available": copied.get("price_norms", 0),
                "npi_requests": judged["verification"]["online_requests"],
                "seconds": round(time.monotonic() - started, 1),
            }
            return result
        finally:
            db.close()
