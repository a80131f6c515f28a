"""Care registers of premises: CQC locations (England) and the HIS register (Scotland).

Clinics, not people, are registered here: the Care Quality Commission registers the
locations where regulated activities (surgical procedures such as hair transplants,
treatment of disease, disorder or injury...) are carried on in England, and
Healthcare Improvement Scotland registers independent clinics where a doctor,
dentist, nurse or pharmacist works. Both land in ``care_locations`` keyed by
(register, location_id).

CQC: the public API's location records (the shape of ``GET /locations/{id}``, see
docs/registers.md), one JSON object per line, or a JSON array, or one object. Real
records are untidy: empty arrays, ``inspectionCategories[].primary`` as the string
"true", ``reportType`` missing on old reports, no rating at all; every field but
``locationId`` may be missing. A line that is not JSON, not an object or has no
location id is skipped and reported with its line number and the reason; nothing
else is lost. The data are Open Government Licence: names, ids and links may be
republished, so the table is public.

HIS publishes no bulk file, so an operator saves the register's search results as
CSV with the columns of :data:`HIS_COLUMNS` (``service_number`` and ``service_name``
required). A file import replaces that register's earlier rows in one transaction and
records the import in ``register_snapshots`` (kind ``cqc`` or ``his``); the API
client (registers/cqc.py) adds or refreshes single locations with :func:`save_locations`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from core.nations import postcode_key
from registers.nppes import record_snapshot

CARE_REGISTERS = ("cqc", "his")
COLUMNS = (
    "register", "location_id", "name", "postcode", "postcode_key", "address", "locality",
    "region", "status", "registration_date", "deregistration_date", "provider_id",
    "provider_name", "type", "regulated_activities", "service_types", "website", "phone",
    "rating", "report_date", "imported_at", "source_file",
)
HIS_COLUMNS = ("service_number", "service_name", "provider_name", "address", "town", "postcode",
               "service_type", "status", "registration_date", "phone", "website")
HIS_REQUIRED = ("service_number", "service_name")
MAX_PROBLEMS = 20  # reasons kept for the report; every bad line is still counted


class CareFormatError(ValueError):
    """A file that cannot be read as the documented shape at all."""


@dataclass
class CareImport:
    register: str
    rows: int
    skipped: int
    problems: list[str] = field(default_factory=list)  # "line 7: not JSON", first MAX_PROBLEMS


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _names(items: Any, key: str = "name") -> list[str]:
    if not isinstance(items, list):
        return []
    return [str(i[key]).strip() for i in items if isinstance(i, dict) and _text(i.get(key))]


def _status(value: Any) -> str | None:
    """'Registered' -> 'registered', 'Deregistered' -> 'deregistered'; other wording kept."""
    text = _text(value)
    return text.casefold() if text else None


def cqc_location(record: Any, imported_at: str, source: str) -> dict[str, Any]:
    """A ``care_locations`` row from one CQC API location object; ValueError when unusable."""
    if not isinstance(record, dict):
        raise ValueError(f"not a JSON object but {type(record).__name__}")
    location_id = _text(record.get("locationId"))
    if not location_id:
        raise ValueError("no locationId")
    lines = [_text(record.get(k)) for k in ("postalAddressLine1", "postalAddressLine2")]
    locality = _text(record.get("postalAddressTownCity"))
    ratings = record.get("currentRatings") if isinstance(record.get("currentRatings"), dict) else {}
    overall = ratings.get("overall") if isinstance(ratings.get("overall"), dict) else {}
    activities = record.get("regulatedActivities")
    regulated = [{"code": _text(a.get("code")), "name": _text(a.get("name"))}
                 for a in (activities if isinstance(activities, list) else []) if isinstance(a, dict)]
    services = _names(record.get("gacServiceTypes")) + _names(record.get("specialisms"))
    return {
        "register": "cqc", "location_id": location_id, "name": _text(record.get("name")),
        "postcode": _text(record.get("postalCode")),
        "postcode_key": postcode_key(_text(record.get("postalCode"))),
        "address": ", ".join(x for x in (*lines, locality) if x) or None, "locality": locality,
        "region": _text(record.get("region")), "status": _status(record.get("registrationStatus")),
        "registration_date": _text(record.get("registrationDate")),
        "deregistration_date": _text(record.get("deregistrationDate")),
        "provider_id": _text(record.get("providerId")),
        "provider_name": _text(record.get("providerName")),
        "type": _text(record.get("type")),
        "regulated_activities": json.dumps(regulated, ensure_ascii=False),
        "service_types": json.dumps(services, ensure_ascii=False),
        "website": _text(record.get("website")), "phone": _text(record.get("mainPhoneNumber")),
        "rating": _text(overall.get("rating")),
        "report_date": _text(overall.get("reportDate")) or _text(ratings.get("reportDate")),
        "imported_at": imported_at, "source_file": source,
    }


def his_location(raw: dict[str, str | None], imported_at: str, source: str) -> dict[str, Any]:
    """A ``care_locations`` row from one HIS CSV row; ValueError when unusable."""
    number = _text(raw.get("service_number"))
    name = _text(raw.get("service_name"))
    if not number or not name:
        raise ValueError("no service_number" if not number else "no service_name")
    service_type = _text(raw.get("service_type"))
    locality = _text(raw.get("town"))
    return {
        "register": "his", "location_id": number, "name": name,
        "postcode": _text(raw.get("postcode")), "postcode_key": postcode_key(raw.get("postcode")),
        "address": ", ".join(x for x in (_text(raw.get("address")), locality) if x) or None,
        "locality": locality, "region": None, "status": _status(raw.get("status")) or "registered",
        "registration_date": _text(raw.get("registration_date")), "deregistration_date": None,
        "provider_id": None, "provider_name": _text(raw.get("provider_name")), "type": service_type,
        "regulated_activities": json.dumps([]),
        "service_types": json.dumps([service_type] if service_type else []),
        "website": _text(raw.get("website")), "phone": _text(raw.get("phone")),
        "rating": None, "report_date": None, "imported_at": imported_at, "source_file": source,
    }


def read_cqc_objects(handle) -> Iterator[tuple[int, Any]]:
    """(line number, decoded value or a ValueError) for JSON lines, an array or one object.

    JSON lines are streamed (a full CQC extract is large); a file whose first non-blank
    line is not a whole JSON value (an array, a pretty-printed object) is read whole.
    """
    number, first = 0, ""
    for number, first in enumerate(handle, start=1):
        if first.strip():
            break
    if not first.strip():
        return
    try:
        value = json.loads(first)
    except ValueError as exc:
        if first.lstrip()[0] not in "[{":
            yield number, ValueError(f"not JSON ({exc.msg})")
            yield from _json_lines(handle, number)
            return
        rest = handle.read()
        yield from _whole(first, rest, number)
        return
    yield number, value
    yield from _json_lines(handle, number)


def _whole(first: str, rest: str, number: int) -> Iterator[tuple[int, Any]]:
    """One JSON value spread over lines; failing that (a bad first line of JSON lines), lines."""
    try:
        value = json.loads(first + rest)
    except ValueError as exc:
        if first.lstrip().startswith("["):
            raise CareFormatError(f"a JSON array that does not parse: {exc}") from None
        yield number, ValueError(f"not JSON ({exc.msg})")
        yield from _json_lines(io.StringIO(rest), number)
        return
    if isinstance(value, list):
        yield from enumerate(value, start=1)
    else:
        yield 1, value


def _json_lines(handle, after: int) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(handle, start=after + 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except ValueError as exc:
            yield number, ValueError(f"not JSON ({exc.msg})")


def _cqc_rows(handle, imported_at: str, source: str, result: CareImport) -> Iterator[dict]:
    for number, value in read_cqc_objects(handle):
        try:
            if isinstance(value, ValueError):
                raise value
            yield cqc_location(value, imported_at, source)
        except ValueError as exc:
            _problem(result, f"line {number}: {exc}")


def _his_rows(handle, imported_at: str, source: str, result: CareImport) -> Iterator[dict]:
    reader = csv.DictReader(handle)
    reader.fieldnames = [f.strip().lower().replace(" ", "_") for f in reader.fieldnames or []]
    missing = [c for c in HIS_REQUIRED if c not in reader.fieldnames]
    if missing:
        raise CareFormatError(f"missing column(s) {', '.join(missing)}: expected header "
                              f"{','.join(HIS_COLUMNS)}")
    for raw in reader:
        try:
            yield his_location(raw, imported_at, source)
        except ValueError as exc:
            _problem(result, f"line {reader.line_num}: {exc}")


def _problem(result: CareImport, message: str) -> None:
    result.skipped += 1
    if len(result.problems) < MAX_PROBLEMS:
        result.problems.append(message)


_INSERT = (f"INSERT OR REPLACE INTO care_locations ({', '.join(COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in COLUMNS)})")


def save_locations(db: sqlite_utils.Database, rows: Iterable[dict[str, Any]],
                   batch_size: int = 1000) -> int:
    """Insert or replace rows (by register and location id); the caller owns the transaction."""
    count = 0
    batch: list[tuple] = []
    for row in rows:
        batch.append(tuple(row[c] for c in COLUMNS))
        if len(batch) >= batch_size:
            db.conn.executemany(_INSERT, batch)
            count, batch = count + len(batch), []
    db.conn.executemany(_INSERT, batch)
    return count + len(batch)


def import_care_file(db: sqlite_utils.Database, register: str, path: str | Path, *,
                     now: datetime | None = None) -> CareImport:
    """Replace the ``register`` rows of ``care_locations`` with the records of ``path``."""
    if register not in CARE_REGISTERS:
        raise ValueError(f"unknown care register {register!r}")
    imported_at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = CareImport(register, 0, 0)
    reader = _cqc_rows if register == "cqc" else _his_rows
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle, db.atomic():
            db.execute("DELETE FROM care_locations WHERE register = ?", [register])
            result.rows = save_locations(db, reader(handle, imported_at, str(path), result))
    except (csv.Error, UnicodeDecodeError) as exc:
        raise CareFormatError(f"unreadable file: {exc}") from None
    record_snapshot(db, register, str(path), imported_at, result.rows)
    return result
