"""Match clinics to the care registers of their nation: CQC (England), HIS (Scotland).

For each UK clinic the nation comes from its postcode (core/nations.py): English
clinics are looked up on the CQC register, Scottish ones on the HIS register; Welsh
and Northern Irish clinics, and clinics with no postcode, are looked up on neither.

Order of evidence, strongest first:

1. ``printed_id``: a CQC location id the site prints (a ``credentials`` row of kind
   ``cqc``, see extract/registrations.py) that is on the imported register. Score 1.
2. ``postcode_name``: a location with the same postcode (compared without spaces, in
   capitals) whose name, or provider name, is like the clinic's. The score is
   rapidfuzz's token-set ratio over the name tokens of registers/names.py, with
   company words ("Ltd", "Limited", "LLP") dropped, so "Glow Aesthetics" matches
   "Glow Aesthetics Ltd" (1.0) and "Glow Aesthetics Leeds" (1.0). The best candidate
   at or above the threshold (:data:`DEFAULT_THRESHOLD`, ``CLINICWATCH_CARE_NAME_THRESHOLD``,
   or ``--care-name-threshold``) wins; a registered location beats a deregistered one
   with the same score.
3. ``none``: nothing matched; ``score`` keeps the best name score seen (or NULL).

The match keeps the location's status, so "matched a deregistered location" stays
visible. A register with no imported snapshot (``register_snapshots``) gives no
rows at all: those clinics were *not checked*, which is not the same as not found.
Every run replaces ``care_matches`` in one transaction.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import sqlite_utils
from rapidfuzz import fuzz

from core.identifiers import normalise
from core.nations import postcode_key, uk_nation
from registers.names import name_tokens

DEFAULT_THRESHOLD = float(os.environ.get("CLINICWATCH_CARE_NAME_THRESHOLD", "0.85"))
REGISTER_OF_NATION = {"england": "cqc", "scotland": "his"}
COMPANY_WORDS = frozenset("ltd limited llp plc co company uk the and of".split())
_STATUS_RANK = {"registered": 0}

_CLINICS = """
SELECT id, name, postcode FROM clinics
WHERE upper(trim(coalesce(country, ''))) IN ('GB', 'UK') ORDER BY id
"""


def clinic_name_tokens(name: str | None) -> list[str]:
    return [t for t in name_tokens(name) if t not in COMPANY_WORDS]


def clinic_name_score(claimed: str | None, registered: str | None) -> float:
    """Similarity in 0-1 of a clinic's name and a register's location or provider name."""
    a, b = clinic_name_tokens(claimed), clinic_name_tokens(registered)
    if not a or not b:
        return 0.0
    return round(fuzz.token_set_ratio(" ".join(a), " ".join(b)) / 100.0, 3)


def care_snapshots(db: sqlite_utils.Database) -> dict[str, str]:
    """register -> imported_at, for the care registers with an imported snapshot."""
    return dict(db.execute(
        "SELECT kind, imported_at FROM register_snapshots WHERE kind IN ('cqc', 'his')"
    ).fetchall())


def _printed_ids(db: sqlite_utils.Database) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {}
    for clinic_id, value in db.execute(
        "SELECT clinic_id, value FROM credentials WHERE kind = 'cqc' ORDER BY id"
    ).fetchall():
        ids.setdefault(clinic_id, []).append(normalise("cqc", value or ""))
    return ids


def _location(db: sqlite_utils.Database, register: str, location_id: str) -> tuple | None:
    return db.execute(
        "SELECT location_id, status FROM care_locations WHERE register = ? AND location_id = ?",
        [register, location_id],
    ).fetchone()


def _by_postcode(db: sqlite_utils.Database, register: str, key: str) -> list[tuple]:
    return db.execute(
        "SELECT location_id, name, provider_name, status FROM care_locations "
        "WHERE register = ? AND postcode_key = ? ORDER BY location_id", [register, key],
    ).fetchall()


def match_clinic(db: sqlite_utils.Database, register: str, name: str | None, postcode: str | None,
                 printed: list[str], threshold: float) -> tuple[str | None, str, float | None, str | None]:
    """(location_id, method, score, status) for one clinic on one register."""
    for location_id in printed:
        found = _location(db, register, location_id)
        if found:
            return found[0], "printed_id", 1.0, found[1]
    key = postcode_key(postcode)
    best: tuple[float, int, str, str | None] | None = None
    for location_id, loc_name, provider, status in _by_postcode(db, register, key) if key else []:
        score = max(clinic_name_score(name, loc_name), clinic_name_score(name, provider))
        candidate = (score, -_STATUS_RANK.get(status or "", 1), location_id, status)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best and best[0] >= threshold:
        return best[2], "postcode_name", best[0], best[3]
    return None, "none", (best[0] if best else None), None


def match_care_registers(db: sqlite_utils.Database, *, threshold: float = DEFAULT_THRESHOLD,
                         now: datetime | None = None) -> dict[str, Any]:
    """Match every English/Scottish clinic to its nation's register; replace ``care_matches``."""
    if not 0 < threshold <= 1:
        raise ValueError(f"care name threshold must be in (0, 1]: {threshold}")
    matched_at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    loaded = care_snapshots(db)
    printed = _printed_ids(db)
    rows: list[tuple] = []
    counts: dict[str, Counter[str]] = {register: Counter() for register in sorted(loaded)}
    for clinic_id, name, postcode in db.execute(_CLINICS).fetchall():
        register = REGISTER_OF_NATION.get(uk_nation(postcode) or "")
        if register not in loaded:
            continue
        ids = printed.get(clinic_id, []) if register == "cqc" else []
        location_id, method, score, status = match_clinic(db, register, name, postcode, ids, threshold)
        rows.append((clinic_id, register, location_id, method, score, status, matched_at))
        counts[register][method] += 1
    with db.atomic():
        db.execute("DELETE FROM care_matches")
        db.conn.executemany(
            "INSERT INTO care_matches (clinic_id, register, location_id, method, score, status, "
            "matched_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows,
        )
    return {"snapshots": loaded, "matched_at": matched_at,
            "by_register": {r: dict(sorted(c.items())) for r, c in counts.items()}}
