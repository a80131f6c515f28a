"""What changed between the last two crawls: the ``changes`` table and its feed rows.

History itself lives where it is written: ``crawls`` (one row a crawl),
``price_observations`` (a price per crawl), first_seen/last_seen on clinics,
practitioners and credentials, ``credential_status_history`` (registers) and
``flags_history`` (analysis). This module compares the latest crawl L of the
``sites`` spider that ran to its end (finish_reason ``finished``) with the one
before it, P, and materialises the differences in ``changes`` so Datasette
(read-only, immutable) can browse them:

==================  ==========================================================
kind                meaning
==================  ==========================================================
clinic_new          first seen during L
clinic_gone         seen by P, not by L
price_up/down       same price row, amount moved by more than ``threshold``
price_new/gone      a price appeared / disappeared at a clinic seen by both
finding_new         a findings episode opened since L started (flags_history)
finding_cleared     a findings episode closed since L started
status_changed      a register verdict differs from the previous one, since L started
==================  ==========================================================

Findings and verdicts are computed after the crawl (``clinicwatch run``), so
``refresh_changes`` is called again after analysis; it replaces L's rows.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import sqlite_utils

from db.schema import ensure_schema


KINDS = ("clinic_new", "clinic_gone", "price_up", "price_down", "price_new", "price_gone",
         "finding_new", "finding_cleared", "status_changed")
COLUMNS = ("id", "crawl_id", "previous_crawl_id", "kind", "clinic_id", "subject_id", "summary",
           "old_value", "new_value", "change", "url", "detected_at")


def _ts(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def last_two_crawls(db: sqlite_utils.Database) -> tuple[dict, dict] | None:
    """(latest, previous) completed `sites` crawls, or None when fewer than two."""
    rows = list(db.query(
        "SELECT * FROM crawls WHERE spider = 'sites' AND finish_reason = 'finished' "
        "AND kind != 'live' ORDER BY id DESC LIMIT 2"))
    return (rows[0], rows[1]) if len(rows) == 2 else None


def _row(kind: str, latest: dict, previous: dict, subject: str, summary: str, *,
         clinic_id: str | None, old=None, new=None, change: float | None = None,
         url: str | None = None, at: str | None = None) -> dict:
    key = hashlib.sha1(f"{latest['id']}|{kind}|{subject}".encode()).hexdigest()[:16]
    return {"id": key, "crawl_id": latest["id"], "previous_crawl_id": previous["id"], "kind": kind,
            "clinic_id": clinic_id, "subject_id": subject, "summary": summary, "old_value": old,
            "new_value": new, "change": change, "url": url,
            "detected_at": at or latest.get("finished_at") or latest["started_at"]}


def clinic_changes(db: sqlite_utils.Database, latest: dict, previous: dict) -> list[dict]:
    started = _ts(latest["started_at"])
    out = []
    for c in db.query("SELECT id, name, site, website, first_seen, last_crawl_id FROM clinics "
                      "WHERE last_crawl_id IN (?, ?)", [latest["id"], previous["id"]]):
        label = c["name"] or c["site"]
        if c["last_crawl_id"] == previous["id"]:
            out.append(_row("clinic_gone", latest, previous, c["id"], f"{label}: not seen in this crawl",
                            clinic_id=c["id"], url=c["website"]))
        elif (_ts(c["first_seen"]) or started) >= started:
            out.append(_row("clinic_new", latest, previous, c["id"], f"{label}: new clinic",
                            clinic_id=c["id"], url=c["website"], at=c["first_seen"]))
    return out


PRICE_PAIRS = """
    SELECT p.id, p.clinic_id, p.treatment_text, p.source_url, c.name AS clinic, c.site,
           cur.price_id IS NOT NULL AS in_latest, old.price_id IS NOT NULL AS in_previous,
           cur.amount AS new, old.amount AS old, coalesce(cur.currency, old.currency) AS currency
    FROM prices p JOIN clinics c ON c.id = p.clinic_id
    LEFT JOIN price_observations cur ON cur.price_id = p.id AND cur.crawl_id = :latest
    LEFT JOIN price_observations old ON old.price_id = p.id AND old.crawl_id = :previous
    WHERE (cur.price_id IS NOT NULL OR old.price_id IS NOT NULL) AND c.last_crawl_id = :latest
      AND c.id IN (SELECT p2.clinic_id FROM price_observations o2 JOIN prices p2 ON p2.id = o2.price_id
                   WHERE o2.crawl_id = :previous)
"""


def price_changes(db: sqlite_utils.Database, latest: dict, previous: dict,
                  threshold: float) -> list[dict]:
    """Prices of clinics priced in both crawls that moved, appeared or disappeared."""
    out = []
    for r in db.query(PRICE_PAIRS, {"latest": latest["id"], "previous": previous["id"]}):
        kind, change = price_kind(r["old"] if r["in_previous"] else None,
                                  r["new"] if r["in_latest"] else None,
                                  bool(r["in_previous"]), bool(r["in_latest"]), threshold)
        if kind is None:
            continue
        what, cur = f"{r['clinic'] or r['site']}: {r['treatment_text']}", r["currency"] or ""
        if kind == "price_new":
            text = f"{what}: new price {_money(r['new'])} {cur}"
        elif kind == "price_gone":
            text = f"{what}: price {_money(r['old'])} {cur} no longer listed"
        else:
            text = f"{what}: {_money(r['old'])} -> {_money(r['new'])} {cur} ({change:+.0%})"
        out.append(_row(kind, latest, previous, r["id"], text.strip(), clinic_id=r["clinic_id"],
                        old=r["old"], new=r["new"], change=change, url=r["source_url"]))
    return out


def _money(value: float | None) -> str:
    return "POA" if value is None else f"{value:g}"


def price_kind(old: float | None, new: float | None, in_previous: bool, in_latest: bool,
               threshold: float) -> tuple[str | None, float | None]:
    """Classify one price between two crawls: (kind or None, fractional change or None)."""
    if not in_previous:
        return ("price_new", None) if in_latest else (None, None)
    if not in_latest:
        return "price_gone", None
    if old is None or new is None or old == 0:
        return None, None  # POA on either side or a zero base: no fraction to compare
    change = round((new - old) / old, 4)
    if abs(change) <= threshold:
        return None, change
    return ("price_up" if change > 0 else "price_down"), change


def finding_changes(db: sqlite_utils.Database, latest: dict, previous: dict) -> list[dict]:
    """Findings episodes opened or closed since the latest crawl started."""
    if not _has_table(db, "flags_history"):
        return []
    since = _ts(latest["started_at"])
    out = []
    for h in db.query("SELECT id, flag_id, rule_id, clinic_id, severity, message, first_seen, "
                      "cleared_at FROM flags_history ORDER BY id"):
        if h["cleared_at"] and _ts(h["cleared_at"]) >= since:
            out.append(_row("finding_cleared", latest, previous, f"{h['flag_id']}#{h['id']}",
                            f"cleared {h['rule_id']} ({h['severity']}): {h['message']}",
                            clinic_id=h["clinic_id"], old=h["severity"], at=h["cleared_at"]))
        if _ts(h["first_seen"]) >= since:
            out.append(_row("finding_new", latest, previous, f"{h['flag_id']}#{h['id']}",
                            f"new {h['rule_id']} ({h['severity']}): {h['message']}",
                            clinic_id=h["clinic_id"], new=h["severity"], at=h["first_seen"]))
    return out


STATUS_STEPS = """
    SELECT h.id, h.credential_id, h.status, h.checked_at, c.clinic_id, c.kind, c.value,
           (SELECT p.status FROM credential_status_history p WHERE p.credential_id = h.credential_id
              AND p.id < h.id ORDER BY p.id DESC LIMIT 1) AS before
    FROM credential_status_history h LEFT JOIN credentials c ON c.id = h.credential_id
    ORDER BY h.id
"""


def status_changes(db: sqlite_utils.Database, latest: dict, previous: dict) -> list[dict]:
    """Register verdicts that differ from the credential's previous verdict, since L started."""
    if not _has_table(db, "credential_status_history"):
        return []
    since = _ts(latest["started_at"])
    out = []
    for h in db.query(STATUS_STEPS):
        if h["before"] is None or h["before"] == h["status"] or _ts(h["checked_at"]) < since:
            continue
        out.append(_row("status_changed", latest, previous, f"{h['credential_id']}#{h['id']}",
                        f"{h['kind']} {h['value']}: {h['before']} -> {h['status']}",
                        clinic_id=h["clinic_id"], old=h["before"], new=h["status"],
                        at=h["checked_at"]))
    return out


def _has_table(db: sqlite_utils.Database, name: str) -> bool:
    return db[name].exists()


def compute_changes(db: sqlite_utils.Database, threshold: float) -> list[dict]:
    """Rows for ``changes`` between the last two completed crawls (empty with fewer than two)."""
    pair = last_two_crawls(db)
    if pair is None:
        return []
    latest, previous = pair
    return (clinic_changes(db, latest, previous) + price_changes(db, latest, previous, threshold)
            + finding_changes(db, latest, previous) + status_changes(db, latest, previous))


def refresh_changes(db: sqlite_utils.Database, threshold: float) -> list[dict]:
    """Recompute the latest crawl's changes and replace its rows in ``changes``; return them."""
    ensure_schema(db)
    rows = compute_changes(db, threshold)
    pair = last_two_crawls(db)
    with db.conn:
        if pair is not None:
            db.execute("DELETE FROM changes WHERE crawl_id = ?", [pair[0]["id"]])
        if rows:
            marks = ", ".join("?" for _ in COLUMNS)
            db.conn.executemany(f"INSERT OR REPLACE INTO changes ({', '.join(COLUMNS)}) VALUES ({marks})",
                                [tuple(r[c] for c in COLUMNS) for r in rows])
    return rows


def get_changes(db: sqlite_utils.Database, limit: int = 200) -> list[dict]:
    """The most recent changes across crawls, newest crawl first."""
    ensure_schema(db)
    return list(db.query("SELECT * FROM changes ORDER BY crawl_id DESC, kind, summary LIMIT ?", [limit]))
