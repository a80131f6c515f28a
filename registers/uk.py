"""UK statutory and voluntary register snapshots: import and status vocabulary.

None of GMC, NMC, GDC, GPhC, HCPC, JCCP or Save Face offers a public API, so an
operator saves a snapshot as CSV with the documented columns
``number,name,status,annotations`` (see docs/registers.md) and imports it with
``clinicwatch registers import KIND FILE``. An import replaces that kind's earlier
snapshot in one transaction (a failed import leaves the old one in place).

:func:`map_status` turns a register's own wording into ``clear``, ``conditions``,
``inactive`` or ``unknown``. Order matters: wording that means "cannot practise"
wins over "conditions", which wins over "clear"; wording we do not recognise is
``unknown`` (verified never follows from it). Annotations can only make a status
worse, never better.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from core.identifiers import normalise
from registers.names import name_key
from registers.nppes import record_snapshot

STATUTORY_KINDS = ("gmc", "nmc", "gdc", "gphc", "hcpc")
VOLUNTARY_KINDS = ("jccp", "saveface")  # keyed by name; number may be empty
UK_KINDS = STATUTORY_KINDS + VOLUNTARY_KINDS
COLUMNS = ("number", "name", "status", "annotations")

_INACTIVE = re.compile(
    r"suspen|struck off|strike off|\berase|erasure|remov|lapse|revok|expired|deregist"
    r"|not registered|no longer registered|unregistered|not currently practi|deceased"
    r"|relinquish|without a licen|not accredited|no longer accredited"
)
_CONDITIONS = re.compile(
    r"condition|undertaking|caution|warning|restrict|sanction pending|interim order|limited"
)
_KIND_INACTIVE = {
    "nmc": re.compile(r"interim"),  # NMC interim orders of any sort: not clear to practise
}
_KIND_CONDITIONS = {
    "gmc": re.compile(r"provisional"),  # licensed, but only in approved foundation posts
}
_CLEAR = {
    "gmc": re.compile(r"^(fully )?registered with (a )?licen[cs]e( to practi[sc]e)?$"),
    "nmc": re.compile(r"^(effective registration|registered|on the register)$"),
    "gdc": re.compile(r"^(registered|on the register|active)$"),
    "gphc": re.compile(r"^(registered|on the register|active)$"),
    "hcpc": re.compile(r"^(registered|on the register|active)$"),
    "jccp": re.compile(r"^(registered|registrant|active|current|approved)$"),
    "saveface": re.compile(r"^(accredited|active|member|registered|current)$"),
}
_PRESCRIBER = {
    "nmc": re.compile(r"\bv300\b|independent(\s*/\s*supplementary)?\s+prescrib"),
    "hcpc": re.compile(r"^ip$|independent prescrib"),
    "gphc": re.compile(r"independent(\s*/\s*supplementary)?\s+prescrib"),
}
_SPACE = re.compile(r"\s+")


class SnapshotFormatError(ValueError):
    """A snapshot file without the documented columns, or not CSV."""


def _words(text: str | None) -> str:
    return _SPACE.sub(" ", (text or "").strip().casefold()).strip(" .")


def split_annotations(text: str | None) -> list[str]:
    return [a.strip() for a in (text or "").split(";") if a.strip()]


def _severity(kind: str, text: str) -> str | None:
    if _INACTIVE.search(text) or (kind in _KIND_INACTIVE and _KIND_INACTIVE[kind].search(text)):
        return "inactive"
    if _CONDITIONS.search(text) or (kind in _KIND_CONDITIONS and _KIND_CONDITIONS[kind].search(text)):
        return "conditions"
    return None


def map_status(kind: str, wording: str | None, annotations: list[str] | None = None) -> str:
    """A register's wording (+ annotations) -> clear | conditions | inactive | unknown."""
    text = _words(wording)
    status = _severity(kind, text)
    if status is None:
        clear = _CLEAR.get(kind)
        status = "clear" if clear and clear.match(text) else "unknown"
    rank = {"clear": 0, "unknown": 1, "conditions": 2, "inactive": 3}
    for note in annotations or []:
        worse = _severity(kind, _words(note))
        if worse and rank[worse] > rank[status]:
            status = worse
    return status


def prescriber_annotation(kind: str, annotations: list[str]) -> bool | None:
    """True/False for registers that annotate prescribers (NMC, HCPC, GPhC); else None."""
    pattern = _PRESCRIBER.get(kind)
    if pattern is None:
        return None
    return any(pattern.search(_words(a)) for a in annotations)


def entry_number(kind: str, raw: str | None) -> str:
    raw = (raw or "").strip()
    return normalise(kind, raw) if raw and kind in STATUTORY_KINDS else raw


@dataclass
class ImportResult:
    kind: str
    rows: int
    skipped: int


def _rows(kind: str, reader: csv.DictReader, imported_at: str, source: str):
    for raw in reader:
        name = (raw.get("name") or "").strip()
        number = entry_number(kind, raw.get("number"))
        if not name or (kind in STATUTORY_KINDS and not number):
            yield None
            continue
        status = (raw.get("status") or "").strip()
        annotations = "; ".join(split_annotations(raw.get("annotations")))
        our = map_status(kind, status, split_annotations(annotations))
        yield (kind, number, name, name_key(name), status, our, annotations, imported_at, source)


def _check_header(kind: str, fields: list[str] | None) -> None:
    needed = ("name", "status") if kind in VOLUNTARY_KINDS else ("number", "name", "status")
    missing = [c for c in needed if c not in (fields or [])]
    if missing:
        raise SnapshotFormatError(
            f"missing column(s) {', '.join(missing)}: expected header {','.join(COLUMNS)}"
        )


_INSERT = ("INSERT INTO register_entries (kind, number, name, name_key, status, our_status, "
           "annotations, imported_at, source_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _load(db: sqlite_utils.Database, kind: str, handle, imported_at: str, source: str,
          batch_size: int) -> tuple[int, int]:
    """Delete the old snapshot and insert the new one; the caller owns the transaction."""
    reader = csv.DictReader(handle)
    reader.fieldnames = [f.strip().lower() for f in reader.fieldnames or []]
    _check_header(kind, reader.fieldnames)
    db.execute("DELETE FROM register_entries WHERE kind = ?", [kind])
    rows = skipped = 0
    batch: list[tuple] = []
    for values in _rows(kind, reader, imported_at, source):
        if values is None:
            skipped += 1
            continue
        batch.append(values)
        if len(batch) >= batch_size:
            db.conn.executemany(_INSERT, batch)
            rows, batch = rows + len(batch), []
    db.conn.executemany(_INSERT, batch)
    return rows + len(batch), skipped


def import_snapshot(db: sqlite_utils.Database, kind: str, path: str | Path, *,
                    now: datetime | None = None, batch_size: int = 1000) -> ImportResult:
    """Replace the ``kind`` snapshot in ``register_entries`` with the rows of ``path``."""
    if kind not in UK_KINDS:
        raise ValueError(f"unknown register kind {kind!r}")
    imported_at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle, db.atomic():
            rows, skipped = _load(db, kind, handle, imported_at, str(path), batch_size)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise SnapshotFormatError(f"unreadable CSV: {exc}") from None
    record_snapshot(db, kind, str(path), imported_at, rows)
    return ImportResult(kind, rows, skipped)
