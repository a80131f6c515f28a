"""NPPES records: one typed shape for API results (both eras) and NPPES file rows.

The API has served two record formats (see tests/registers/data/NOTES.md): older
output with integer ``number`` and epoch seconds, current v2.1 output with string
numbers, epoch milliseconds as strings, ``null`` licence/state and ``"--"``
placeholders. :func:`parse_response` accepts both and never relies on key order.
An ``Errors`` body (served with HTTP 200) raises :class:`NpiApiError`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

PLACEHOLDERS = ("", "--", "N/A")
_MS_EPOCH_FLOOR = 10**11  # larger epochs are milliseconds (10**11 s is the year 5138)


class NpiError(Exception):
    """Any failure to get an answer from the NPI Registry."""


class NpiApiError(NpiError):
    """The API answered with an ``Errors`` body (HTTP 200)."""

    def __init__(self, errors: list[dict[str, Any]]):
        self.errors = errors
        text = "; ".join(
            f"{e.get('description', '?')} (field {e.get('field', '?')}, error {e.get('number', '?')})"
            for e in errors
        )
        super().__init__(f"NPI Registry refused the query: {text}")


class NpiResponseError(NpiError):
    """The API answered with something that is not an NPI Registry body."""


def clean(value: Any) -> str | None:
    """Text without surrounding space; None for null, empty and placeholder values."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text in PLACEHOLDERS else text


def epoch_to_iso(value: Any) -> str | None:
    """Epoch seconds or milliseconds (int or digit string) to ISO 8601 UTC."""
    text = clean(value)
    if text is None or not text.isdigit():
        return None
    number = int(text)
    if number >= _MS_EPOCH_FLOOR:
        number //= 1000
    return datetime.fromtimestamp(number, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entity_type_code(value: Any) -> int | None:
    """'NPI-1' / '1' / 1 -> 1 (individual); 'NPI-2' / '2' -> 2 (organisation)."""
    text = clean(value)
    if text is None:
        return None
    digit = text.upper().removeprefix("NPI-")
    return int(digit) if digit in ("1", "2") else None


@dataclass
class NpiRecord:
    npi: str
    entity_type: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    middle_name: str | None = None
    organization_name: str | None = None
    credential: str | None = None
    status: str | None = None  # API basic.status: "A" = active
    state: str | None = None  # practice location state
    taxonomies: list[dict[str, Any]] = field(default_factory=list)
    created: str | None = None
    last_updated: str | None = None
    deactivation_date: str | None = None
    reactivation_date: str | None = None

    @property
    def display_name(self) -> str | None:
        if self.entity_type == 2:
            return self.organization_name
        parts = [self.first_name, self.middle_name, self.last_name]
        return " ".join(p for p in parts if p) or self.organization_name

    @property
    def active(self) -> bool:
        """Listed and not deactivated (or reactivated on or after its deactivation)."""
        if self.status is not None and self.status != "A":
            return False
        if not self.deactivation_date:
            return True
        return bool(self.reactivation_date) and self.reactivation_date >= self.deactivation_date

    def licence_states(self) -> list[str]:
        return sorted({t["state"] for t in self.taxonomies if t.get("state")})

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> NpiRecord:
        """From an ``npi_registry`` table row."""
        return cls(
            npi=row["npi"], entity_type=row.get("entity_type"),
            first_name=row.get("first_name"), last_name=row.get("last_name"),
            middle_name=row.get("middle_name"), organization_name=row.get("organization_name"),
            credential=row.get("credential"), state=row.get("state"),
            taxonomies=json.loads(row.get("taxonomies") or "[]"),
            deactivation_date=row.get("deactivation_date"),
            reactivation_date=row.get("reactivation_date"),
        )


def _location_state(addresses: Any) -> str | None:
    if not isinstance(addresses, list):
        return None
    dicts = [a for a in addresses if isinstance(a, dict)]
    for address in dicts:
        if str(address.get("address_purpose", "")).upper() == "LOCATION":
            return clean(address.get("state"))
    return clean(dicts[0].get("state")) if dicts else None


def _taxonomy(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": clean(raw.get("code")),
        "desc": clean(raw.get("desc")),
        "primary": raw.get("primary") in (True, "Y", "true", "True"),
        "state": clean(raw.get("state")),
        "license": clean(raw.get("license")),
    }


def parse_result(raw: dict[str, Any]) -> NpiRecord:
    """One element of ``results`` (either era) to an :class:`NpiRecord`."""
    basic = raw.get("basic") if isinstance(raw.get("basic"), dict) else {}
    number = clean(raw.get("number"))
    if number is None:
        raise NpiResponseError("result without a number")
    taxonomies = raw.get("taxonomies") if isinstance(raw.get("taxonomies"), list) else []
    return NpiRecord(
        npi=number,
        entity_type=entity_type_code(raw.get("enumeration_type")),
        first_name=clean(basic.get("first_name")),
        last_name=clean(basic.get("last_name")),
        middle_name=clean(basic.get("middle_name")),
        organization_name=clean(basic.get("organization_name")),
        credential=clean(basic.get("credential")),
        status=clean(basic.get("status")),
        state=_location_state(raw.get("addresses")),
        taxonomies=[_taxonomy(t) for t in taxonomies if isinstance(t, dict)],
        created=epoch_to_iso(raw.get("created_epoch")),
        last_updated=epoch_to_iso(raw.get("last_updated_epoch")),
    )


def parse_response(body: Any) -> list[NpiRecord]:
    """A decoded API body to records; ``Errors`` bodies raise :class:`NpiApiError`."""
    if not isinstance(body, dict):
        raise NpiResponseError(f"expected a JSON object, got {type(body).__name__}")
    if "Errors" in body:
        errors = body["Errors"] if isinstance(body["Errors"], list) else [body["Errors"]]
        raise NpiApiError([e if isinstance(e, dict) else {"description": str(e)} for e in errors])
    results = body.get("results")
    if not isinstance(results, list):
        raise NpiResponseError("body has neither results nor Errors")
    return [parse_result(r) for r in results if isinstance(r, dict)]
