"""Writing findings: the flags table (current) and flags_history (episodes).

One run replaces the set of current findings idempotently: new rows are staged
in a temp table, then merged set-wise. A flag keeps its ``created_at`` while it
stays; ``updated_at`` is when its content (severity, message, evidence, version)
last changed, so unchanged findings are not rewritten; ``flags_history.last_seen``
is the last run that produced it. Findings no longer produced
are deleted from ``flags`` and their open history episode gets ``cleared_at``.
A finding that comes back later opens a new episode.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from typing import Any

import sqlite_utils

BATCH = 5000
COLUMNS = (
    "id, clinic_id, practitioner_id, price_id, credential_id, rule_id, rule_version, "
    "severity, message, evidence_url, evidence"
)

STAGE_SQL = f"CREATE TEMP TABLE _cw_new_flags ({COLUMNS})"
STAGE_INSERT = f"INSERT INTO _cw_new_flags ({COLUMNS}) VALUES ({', '.join('?' * 11)})"
# Bulk-load first, index after; a rule that repeats a subject keeps its first hit.
STAGE_INDEX = [
    "CREATE INDEX temp._cw_new_flags_id ON _cw_new_flags (id)",
    """DELETE FROM _cw_new_flags WHERE EXISTS (SELECT 1 FROM _cw_new_flags d
         WHERE d.id = _cw_new_flags.id AND d.rowid < _cw_new_flags.rowid)""",
    # a narrow copy for the history steps: scanning the wide one (evidence) is slow
    """CREATE TEMP TABLE _cw_new_keys AS SELECT id, rule_id, rule_version, clinic_id, severity,
         message FROM _cw_new_flags""",
    "CREATE UNIQUE INDEX temp._cw_new_keys_id ON _cw_new_keys (id)",
]
CONTENT = ("clinic_id", "practitioner_id", "price_id", "credential_id", "rule_id", "rule_version",
           "severity", "message", "evidence_url", "evidence")

MERGE_SQL = [
    # current findings: insert or refresh, keeping created_at
    f"""INSERT INTO flags ({COLUMNS}, created_at, updated_at)
        SELECT {COLUMNS}, :now, :now FROM _cw_new_flags WHERE true ORDER BY id
        ON CONFLICT (id) DO UPDATE SET
          {", ".join(f"{c} = excluded.{c}" for c in CONTENT)}, updated_at = excluded.updated_at
        WHERE ({", ".join(f"flags.{c}" for c in CONTENT)})
          IS NOT ({", ".join(f"excluded.{c}" for c in CONTENT)})""",
    "DELETE FROM flags WHERE id NOT IN (SELECT id FROM _cw_new_keys)",
    # history: refresh open episodes, open new ones, close the stale ones
    """UPDATE flags_history SET last_seen = :now, severity = n.severity, message = n.message,
         rule_version = n.rule_version
       FROM _cw_new_keys n WHERE flags_history.flag_id = n.id
         AND flags_history.cleared_at IS NULL""",
    """INSERT INTO flags_history (flag_id, rule_id, rule_version, clinic_id, severity, message,
         first_seen, last_seen)
       SELECT id, rule_id, rule_version, clinic_id, severity, message, :now, :now
       FROM _cw_new_keys n WHERE NOT EXISTS (SELECT 1 FROM flags_history h
         WHERE h.flag_id = n.id AND h.cleared_at IS NULL)
       ORDER BY id""",
    """UPDATE flags_history SET cleared_at = :now WHERE cleared_at IS NULL
         AND flag_id NOT IN (SELECT id FROM _cw_new_keys)""",
]


def save_findings(
    db: sqlite_utils.Database, rows: Iterable[tuple[Any, ...]], now: str
) -> dict[str, int]:
    """Replace current findings with ``rows`` (see registry.flag_row); return counts."""
    _drop(db)
    try:
        with db.conn:
            db.execute(STAGE_SQL)
            it = iter(rows)
            while batch := list(islice(it, BATCH)):
                db.conn.executemany(STAGE_INSERT, batch)
            for statement in STAGE_INDEX:
                db.execute(statement)
            counts = _counts(db)
            for statement in MERGE_SQL:
                db.execute(statement, {"now": now} if ":now" in statement else {})
        return counts
    finally:
        _drop(db)


def _drop(db: sqlite_utils.Database) -> None:
    for name in ("_cw_new_flags", "_cw_new_keys"):
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")


def _counts(db: sqlite_utils.Database) -> dict[str, int]:
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "findings": one("SELECT count(*) FROM _cw_new_keys"),
        "new": one("SELECT count(*) FROM _cw_new_keys WHERE id NOT IN (SELECT id FROM flags)"),
        "cleared": one("SELECT count(*) FROM flags WHERE id NOT IN (SELECT id FROM _cw_new_keys)"),
    }


# The same merge limited to some clinics (a live check's): other clinics' findings stay as they are.
_SCOPE = "clinic_id IN (SELECT value FROM json_each(:scope))"
SCOPED_MERGE_SQL = [
    MERGE_SQL[0],
    f"DELETE FROM flags WHERE {_SCOPE} AND id NOT IN (SELECT id FROM _cw_new_keys)",
    MERGE_SQL[2],
    MERGE_SQL[3],
    f"""UPDATE flags_history SET cleared_at = :now WHERE cleared_at IS NULL AND {_SCOPE}
         AND flag_id NOT IN (SELECT id FROM _cw_new_keys)""",
]


def save_clinic_findings(
    db: sqlite_utils.Database, rows: Iterable[tuple[Any, ...]], now: str, clinic_ids: Iterable[str]
) -> dict[str, int]:
    """Replace the current findings of ``clinic_ids`` only with ``rows`` (rows of other clinics
    are ignored); findings of every other clinic and their history stay as they are."""
    scope = json.dumps(sorted(set(clinic_ids)))
    _drop(db)
    try:
        with db.conn:
            db.execute(STAGE_SQL)
            db.conn.executemany(STAGE_INSERT, list(rows))
            db.execute(f"DELETE FROM _cw_new_flags WHERE NOT ({_SCOPE})", {"scope": scope})
            for statement in STAGE_INDEX:
                db.execute(statement)
            counts = _counts(db)
            counts["cleared"] = db.execute(
                f"SELECT count(*) FROM flags WHERE {_SCOPE} AND id NOT IN (SELECT id FROM _cw_new_keys)",
                {"scope": scope}).fetchone()[0]
            for statement in SCOPED_MERGE_SQL:
                params = {"now": now} if ":now" in statement else {}
                if ":scope" in statement:
                    params["scope"] = scope
                db.execute(statement, params)
        return counts
    finally:
        _drop(db)
