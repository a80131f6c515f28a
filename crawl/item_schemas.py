"""JSON schemas of the items, checked on every crawl by spidermon's ItemValidationPipeline.

They restate the contract in items.py and docs/data-contract.md for what
arrives at the store: vocabularies, types, no negative amounts. A page object
that starts emitting something outside the contract shows up as validation
errors in the crawl's stats and fails the ``item validation`` monitor.
"""

from __future__ import annotations

from items import CREDENTIAL_KINDS, MONEY_ROLES, PROFESSIONS, SIGNAL_KINDS, TREATMENTS, UNITS

_TEXT = {"type": ["string", "null"]}
_AMOUNT = {"type": ["number", "null"], "minimum": 0}
_CURRENCY = {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"}

PRICE = {
    "type": "object",
    "required": ["treatment", "treatment_text", "amount", "currency", "unit"],
    "properties": {
        "treatment": {"enum": list(TREATMENTS)},
        "treatment_text": _TEXT,
        "amount": _AMOUNT, "amount_max": _AMOUNT, "was_amount": _AMOUNT, "per_session": _AMOUNT,
        "quantity": _AMOUNT,
        "currency": _CURRENCY,
        "unit": {"enum": list(UNITS)},
        "sessions": {"type": ["integer", "null"], "minimum": 1},
        "from_price": {"type": "boolean"},
    },
}

CREDENTIAL = {
    "type": "object",
    "required": ["kind", "value"],
    "properties": {
        "kind": {"enum": list(CREDENTIAL_KINDS)},
        "value": {"type": "string", "minLength": 1},
        "format_valid": {"type": ["boolean", "null"]},
    },
}

PRACTITIONER = {
    "type": "object",
    "required": ["name", "credentials"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "profession": {"enum": [*PROFESSIONS, None]},
        "prescriber": {"type": ["boolean", "null"]},
        "credentials": {"type": "array", "items": CREDENTIAL},
    },
}

MONEY = {
    "type": "object",
    "required": ["role", "amount", "currency"],
    "properties": {
        "role": {"enum": [r for r in MONEY_ROLES if r != "own_price"]},
        "amount": _AMOUNT, "amount_max": _AMOUNT,
        "currency": _CURRENCY,
        "treatment": {"enum": [*TREATMENTS, None]},
        "text": {"type": ["string", "null"], "maxLength": 300},
    },
}

BOOKING_LINK = {
    "type": "object",
    "required": ["platform", "name", "url"],
    "properties": {
        "platform": {"type": "string", "pattern": "^[a-z0-9_]+$"},
        "name": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https?://"},
    },
}

SIGNAL = {
    "type": "object",
    "required": ["kind", "value", "text"],
    "properties": {
        "kind": {"enum": list(SIGNAL_KINDS)},
        "value": {"type": "string", "minLength": 1},
        "text": {"type": "string", "maxLength": 300},
    },
}

PAGE_ITEM = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["url", "site", "seed_url", "fetched_at", "status", "extract"],
    "properties": {
        "url": {"type": "string", "pattern": "^https?://"},
        "site": {"type": "string", "minLength": 1},
        "status": {"type": "integer", "minimum": 200, "maximum": 299},
        "fetched_at": {"type": "string"},
        "extract": {
            "type": "object",
            "required": ["clinic", "prices", "practitioners"],
            "properties": {
                "prices": {"type": "array", "items": PRICE},
                "practitioners": {"type": "array", "items": PRACTITIONER},
                "money": {"type": "array", "items": MONEY},
                "booking": {"type": "array", "items": BOOKING_LINK},
                "signals": {"type": "array", "items": SIGNAL},
                "clinic": {"type": "object", "properties": {
                    "country": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$"},
                    "latitude": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
                    "longitude": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
                }},
            },
        },
    },
}

CRAWL_ERROR_ITEM = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["url", "reason", "at"],
    "properties": {
        "url": {"type": "string", "minLength": 1},
        "reason": {"type": "string", "minLength": 1},
        "status": {"type": ["integer", "null"]},
    },
}
