"""Writers (`save_*`) and crawl bookkeeping. Batched, parameterised, one transaction a batch.

Rows are plain dicts whose keys are column names from db/schema.py; only the
columns present in a row are written, so a crawl never overwrites what
verification wrote (credential status, register links) and vice versa.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

import sqlite_utils

# How an existing row's column is updated by a new observation.
REPLACE = "replace"  # the new value wins, even when empty (prices: POA replaces an amount)
FILL = "fill"  # the new value wins when not empty
KEEP = "keep"  # the old value wins when not empty (fill gaps only)

def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _upsert_sql(table: str, columns: Sequence[str], pk: Sequence[str], mode: str) -> str:
    for col in (*columns, table):
        if not col.replace("_", "").isalnum():
            raise ValueError(f"bad identifier {col!r}")
    updates = []
    for col in columns:
        if col in pk:
            continue
        if col == "first_seen":
            expr = f"COALESCE([{table}].first_seen, excluded.first_seen)"
        elif col in ("last_seen", "last_crawl_id") or mode == REPLACE:
            expr = f"excluded.[{col}]"
        elif mode == FILL:
            expr = f"COALESCE(excluded.[{col}], [{table}].[{col}])"
        else:
            expr = f"COALESCE([{table}].[{col}], excluded.[{col}])"
        updates.append(f"[{col}] = {expr}")
    cols = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    conflict = ", ".join(f"[{c}]" for c in pk)
    action = "DO UPDATE SET " + ", ".join(updates) if updates else "DO NOTHING"
    return f"INSERT INTO [{table}] ({cols}) VALUES ({marks}) ON CONFLICT ({conflict}) {action}"


def upsert_rows(db: sqlite_utils.Database, table: str, rows: Sequence[dict],
                pk: Sequence[str] = ("id",), mode: str = FILL) -> int:
    """Upsert rows that all share the same keys. Caller owns the transaction."""
    if not rows:
        return 0
    columns = list(rows[0].keys())
    sql = _upsert_sql(table, columns, pk, mode)
    db.conn.executemany(sql, [tuple(r.get(c) for c in columns) for r in rows])
    return len(rows)


def save_batch(db: sqlite_utils.Database, batch: dict[str, list[dict]]) -> None:
    """Write one batch of rows for several tables in a single transaction.

    ``batch`` maps a write target to rows; targets are
    ``clinics:fill`` / ``clinics:keep`` (authoritative pages vs pages that only fill gaps),
    ``practitioners``, ``credentials``, ``prices``, ``price_observations``, ``pages``,
    ``crawl_errors``, ``clinic_sources``, ``money``, ``signals``.
    """
    with db.conn:
        upsert_rows(db, "clinics", batch.get("clinics:keep", []), mode=KEEP)
        upsert_rows(db, "clinics", batch.get("clinics:fill", []), mode=FILL)
        upsert_rows(db, "practitioners", batch.get("practitioners", []), mode=FILL)
        upsert_rows(db, "credentials", batch.get("credentials", []), mode=FILL)
        upsert_rows(db, "prices", batch.get("prices", []), mode=REPLACE)
        upsert_rows(db, "money", batch.get("money", []), mode=REPLACE)
        upsert_rows(db, "signals", batch.get("signals", []), mode=FILL)
        upsert_rows(db, "price_observations", batch.get("price_observations", []),
                    pk=("price_id", "crawl_id"), mode=REPLACE)
        upsert_rows(db, "pages", batch.get("pages", []), pk=("url",), mode=REPLACE)
        upsert_rows(db, "clinic_sources", batch.get("clinic_sources", []),
                    pk=("clinic_id", "source", "url"), mode=FILL)
        errors = batch.get("crawl_errors", [])
        if errors:
            cols = list(errors[0].keys())
            db.conn.executemany(
                f"INSERT INTO crawl_errors ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [tuple(e.get(c) for c in cols) for e in errors],
            )


def start_crawl(db: sqlite_utils.Database, spider: str, seeds: str | None = None) -> int:
    with db.conn:
        cur = db.conn.execute(
            "INSERT INTO crawls (spider, started_at, status, seeds) VALUES (?, ?, 'running', ?)",
            [spider, _now(), seeds],
        )
    return int(cur.lastrowid)


def mark_interrupted(db: sqlite_utils.Database) -> int:
    """Crawls still 'running' or 'closing' when a new one starts under the run lock were killed."""
    with db.conn:
        cur = db.conn.execute(
            "UPDATE crawls SET status = 'interrupted', finish_reason = COALESCE(finish_reason, 'killed') "
            "WHERE status IN ('running', 'closing')")
    return cur.rowcount


def finish_crawl(db: sqlite_utils.Database, crawl_id: int, *, status: str, finish_reason: str | None,
                 stats: dict, monitor_failures: Iterable[str] = ()) -> None:
    failures = list(monitor_failures)
    with db.conn:
        db.conn.execute(
            """UPDATE crawls SET finished_at = ?, status = ?, finish_reason = ?, sites = ?, pages = ?,
               items = ?, errors = ?, bytes = ?, pdfs = ?, rendered = ?, monitor_failures = ? WHERE id = ?""",
            [_now(), status, finish_reason, stats.get("sites"), stats.get("pages"), stats.get("items"),
             stats.get("errors"), stats.get("bytes"), stats.get("pdfs", 0), stats.get("rendered", 0),
             json.dumps(failures) if failures else None, crawl_id],
        )


def get_crawl(db: sqlite_utils.Database, crawl_id: int) -> dict | None:
    """The crawl's row, with ``error_reasons``: its commonest error reasons, most frequent first."""
    rows = list(db.query("SELECT * FROM crawls WHERE id = ?", [crawl_id]))
    if not rows:
        return None
    row = rows[0]
    row["error_reasons"] = error_reasons(db, crawl_id)
    return row


_ERROR_KINDS = (  # (words in a stored reason, how the summary says it)
    (("use --allow-private",), "refused: private or loopback address (use --allow-private to allow)"),
    (("robots.txt",), "forbidden by robots.txt"),
    (("DNSLookupError", "DNS lookup failed"), "DNS lookup failed (no such host?)"),
    (("TimeoutError", "TCPTimedOutError", "timed out", "took longer than"), "timed out"),
    (("ConnectionRefusedError", "Connection was refused"), "connection refused"),
    (("ConnectionLost", "ResponseNeverReceived", "ConnectionDone"), "connection lost"),
    (("not HTML",), "not an HTML page"),
)


def error_kind(reason: str) -> str:
    """A crawl error reason without its host, URL or numbers, so equal causes count together."""
    for words, kind in _ERROR_KINDS:
        if any(w in reason for w in words):
            return kind
    if reason.startswith("HTTP "):
        return " ".join(reason.split()[:2])  # "HTTP 404 Not Found" -> "HTTP 404"
    return reason.split(":", 1)[0][:80]


def error_reasons(db: sqlite_utils.Database, crawl_id: int, limit: int = 3) -> list[list]:
    """[[kind, count], ...] for the crawl's commonest error kinds."""
    counts: dict[str, int] = {}
    for reason, n in db.execute("SELECT reason, count(*) FROM crawl_errors WHERE crawl_id = ? GROUP BY reason",
                                [crawl_id]).fetchall():
        kind = error_kind(reason)
        counts[kind] = counts.get(kind, 0) + n
    return [[kind, n] for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def format_error_reasons(reasons: list[list]) -> str:
    """'12 × refused: ... ; 3 × HTTP 404' for the crawl summaries."""
    return "; ".join(f"{n} × {kind}" for kind, n in reasons)
