"""Stable ids: a re-crawl or another source lands on the same row.

A clinic is keyed by its site (registered website host) and branch; children
by their parent id plus their natural key. Amounts are never part of a key, so
a changed price updates its row (history lives in price_observations).
"""

from __future__ import annotations

import hashlib

import phonenumbers

from core.text import ascii_key



def _digest(*parts: object) -> str:
    raw = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def money_id(clinic: str, role: str, amount: float | None, currency: str | None, url: str) -> str:
    return _digest("money", clinic, role, amount, currency, url)


def signal_id(clinic: str, kind: str, value: str, url: str) -> str:
    return _digest("signal", clinic, kind, value, url)


def clinic_id(site: str, branch: str | None = "") -> str:
    return _digest("clinic", site, branch or "")


def practitioner_id(clinic: str, name: str) -> str:
    return _digest("practitioner", clinic, ascii_key(name))


def credential_id(clinic: str, practitioner: str | None, kind: str, value: str) -> str:
    return _digest("credential", clinic, practitioner or "", kind, ascii_key(value))


def price_id(clinic: str, treatment: str, treatment_text: str | None, unit: str,
             sessions: int | None, quantity: float | None) -> str:
    qty = None if quantity is None else round(float(quantity), 3)
    return _digest("price", clinic, treatment, ascii_key(treatment_text), unit, sessions, qty)


def e164(phone: str | None, country: str | None = None) -> str | None:
    """A phone number in E.164 form, or None when it does not parse as a valid number."""
    if not phone:
        return None
    try:
        number = phonenumbers.parse(phone, (country or "GB").upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def listing_site(website_site: str | None, phone: str | None, name: str, postcode: str | None) -> str:
    """Site key for a listed clinic: its website host, else its phone, else name + postcode."""
    if website_site:
        return website_site
    if phone:
        return f"phone:{phone}"
    return f"name:{ascii_key(name)}|{ascii_key(postcode)}"
