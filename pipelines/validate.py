"""Validate items: scraped text is hostile input.

Strips control characters, bounds field sizes, rejects non-finite, negative or
absurd amounts and values outside the vocabularies. Nothing is dropped silently:
every correction is appended to the extract's ``errors`` (kept in pages.notes).
"""

from __future__ import annotations

import math
import re
from dataclasses import fields, is_dataclass

from items import CREDENTIAL_KINDS, PROFESSIONS, TREATMENTS, UNITS, CrawlErrorItem, ListingItem, PageItem

MAX_TEXT = 2000  # characters kept of any scraped text field
MAX_AMOUNT = 1_000_000.0
MAX_LIST = 500  # prices or practitioners per page
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def clean_text(value, limit: int = MAX_TEXT):
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub("", value).strip()
    if len(text) > limit:
        text = text[:limit] + "…"
    return text or None


def clean_amount(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or number < 0 or number > MAX_AMOUNT:
        return None
    return round(number, 2)


def _clean_strings(obj) -> None:
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str):
            setattr(obj, f.name, clean_text(value))


def validate_extract(extract) -> list[str]:
    """Clean an extract in place; return notes about what was corrected."""
    notes: list[str] = []
    _clean_strings(extract.clinic)
    extract.clinic.credentials = [c for c in extract.clinic.credentials[:MAX_LIST] if _valid_credential(c)]
    for coord in ("latitude", "longitude"):
        v = clean_amount_signed(getattr(extract.clinic, coord), 180.0)
        setattr(extract.clinic, coord, v)
    kept = []
    for price in extract.prices[:MAX_LIST]:
        _clean_strings(price)
        for name in ("amount", "amount_max", "was_amount", "per_session", "quantity"):
            raw = getattr(price, name)
            value = clean_amount(raw)
            if raw is not None and value is None:
                notes.append(f"price {price.treatment_text!r}: {name} {raw!r} rejected")
            setattr(price, name, value)
        if price.treatment not in TREATMENTS:
            price.treatment = "other"
        if price.unit not in UNITS:
            notes.append(f"price {price.treatment_text!r}: unknown unit {price.unit!r}")
            continue
        if price.currency and not _CURRENCY.match(price.currency):
            price.currency = None
        if not isinstance(price.sessions, int) or not 0 < price.sessions < 100:
            price.sessions = None
        kept.append(price)
    extract.prices = kept
    people = []
    for person in extract.practitioners[:MAX_LIST]:
        _clean_strings(person)
        if not person.name:
            continue
        if person.profession not in PROFESSIONS:
            person.profession = None
        person.credentials = [c for c in person.credentials if _valid_credential(c)]
        people.append(person)
    extract.practitioners = people
    return notes


def clean_amount_signed(value, bound: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and -bound <= number <= bound else None


def _valid_credential(cred) -> bool:
    if not is_dataclass(cred):
        return False
    _clean_strings(cred)
    return cred.kind in CREDENTIAL_KINDS and bool(cred.value)


class ValidatePipeline:
    def process_item(self, item):
        if isinstance(item, CrawlErrorItem):
            item.reason = clean_text(item.reason, 500) or "unknown error"
            return item
        if isinstance(item, PageItem):
            item.extract.errors.extend(validate_extract(item.extract))
        elif isinstance(item, ListingItem):
            _clean_strings(item)
            item.latitude = clean_amount_signed(item.latitude, 90.0)
            item.longitude = clean_amount_signed(item.longitude, 180.0)
        return item
