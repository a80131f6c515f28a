"""Import of the NPPES monthly dissemination CSV (npidata_pfile_*.csv) into ``npi_registry``.

The real file is ~10 GB and ~8M rows with 330 columns, so it is streamed with
``csv.reader``, read by column name (a header map, built once), and written in
batches of ``batch_size`` rows inside one transaction each; memory stays at one
batch. Missing columns are tolerated (their fields stay empty); only "NPI" is
required. Dates in the file are MM/DD/YYYY and are stored as ISO YYYY-MM-DD.
Rows are upserted on NPI, so a later (weekly or monthly) file updates earlier rows.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

SLOTS = range(1, 16)
COL_NPI = "NPI"
COLUMNS = {
    "entity_type": "Entity Type Code",
    "last_name": "Provider Last Name (Legal Name)",
    "first_name": "Provider First Name",
    "middle_name": "Provider Middle Name",
    "organization_name": "Provider Organization Name (Legal Business Name)",
    "credential": "Provider Credential Text",
    "state": "Provider Business Practice Location Address State Name",
    "deactivation_date": "NPI Deactivation Date",
    "reactivation_date": "NPI Reactivation Date",
}
SLOT_COLUMNS = {
    "code": "Healthcare Provider Taxonomy Code_{}",
    "license": "Provider License Number_{}",
    "state": "Provider License Number State Code_{}",
    "primary": "Healthcare Provider Primary Taxonomy Switch_{}",
}
ROW_FIELDS = ("npi", *COLUMNS, "taxonomies", "licences", "imported_at")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NPI = re.compile(r"^\d{10}$")


class NppesFormatError(ValueError):
    """The file is not an NPPES dissemination CSV (no "NPI" column, not CSV)."""


def iso_date(text: str | None) -> str | None:
    """'05/23/2005' -> '2005-05-23'; ISO dates pass through; anything else -> None."""
    text = (text or "").strip()
    match = _US_DATE.match(text)
    if match:
        month, day, year = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return text[:10] if _ISO_DATE.match(text) else None


def _header_map(header: list[str]) -> dict[str, int]:
    index = {name.strip().lstrip("\ufeff"): i for i, name in enumerate(header)}
    if COL_NPI not in index:
        raise NppesFormatError('no "NPI" column in the header: not an NPPES dissemination file')
    return index


def _getter(index: dict[str, int], row: list[str]):
    def get(column: str) -> str | None:
        i = index.get(column)
        if i is None or i >= len(row):
            return None
        value = row[i].strip()
        return value or None
    return get


def _slots(get) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    taxonomies, licences = [], []
    for n in SLOTS:
        code, number = get(SLOT_COLUMNS["code"].format(n)), get(SLOT_COLUMNS["license"].format(n))
        state = get(SLOT_COLUMNS["state"].format(n))
        if code:
            primary = (get(SLOT_COLUMNS["primary"].format(n)) or "").upper() == "Y"
            taxonomies.append({"code": code, "primary": primary, "state": state, "license": number})
        if number:
            licences.append({"number": number, "state": state})
    return taxonomies, licences


def parse_rows(rows: Iterable[list[str]], imported_at: str) -> Iterator[tuple]:
    """Header row first, then data rows -> ``npi_registry`` tuples in :data:`ROW_FIELDS` order."""
    iterator = iter(rows)
    index = _header_map(next(iterator, []))
    for row in iterator:
        get = _getter(index, row)
        npi = get(COL_NPI)
        if not npi or not _NPI.match(npi):
            continue
        taxonomies, licences = _slots(get)
        entity = get(COLUMNS["entity_type"])
        values = {key: get(col) for key, col in COLUMNS.items()}
        values["entity_type"] = int(entity) if entity in ("1", "2") else None
        for key in ("deactivation_date", "reactivation_date"):
            values[key] = iso_date(values[key])
        yield (npi, *values.values(), json.dumps(taxonomies), json.dumps(licences), imported_at)


def _write(db: sqlite_utils.Database, batch: list[tuple]) -> None:
    marks = ", ".join("?" for _ in ROW_FIELDS)
    sql = f"INSERT OR REPLACE INTO npi_registry ({', '.join(ROW_FIELDS)}) VALUES ({marks})"
    with db.atomic():
        db.conn.executemany(sql, batch)


def import_nppes_csv(db: sqlite_utils.Database, path: str | Path, *, batch_size: int = 5000,
                     now: datetime | None = None) -> int:
    """Stream an NPPES CSV into ``npi_registry``; return the number of rows written."""
    imported_at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    total = 0
    batch: list[tuple] = []
    with open(path, newline="", encoding="utf-8", errors="replace") as handle:
        try:
            for values in parse_rows(csv.reader(handle), imported_at):
                batch.append(values)
                if len(batch) >= batch_size:
                    _write(db, batch)
                    total += len(batch)
                    batch = []
        except csv.Error as exc:
            raise NppesFormatError(f"unreadable CSV: {exc}") from None
    if batch:
        _write(db, batch)
        total += len(batch)
    record_snapshot(db, "nppes", str(path), imported_at, total)
    return total


def record_snapshot(db: sqlite_utils.Database, kind: str, source: str, at: str, rows: int) -> None:
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO register_snapshots (kind, source_file, imported_at, rows) "
            "VALUES (?, ?, ?, ?)",
            [kind, source, at, rows],
        )
