"""Stable ids: a re-crawl or another source lands on the same row.

A clinic is keyed by its site (registered website host) and branch; children
by their parent id plus their natural key. Amounts are never part of a key, so
a changed price updates its row (history lives in price_observations).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import phonenumbers

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _digest(*parts: object) -> str:
    raw = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def fold(text: str | None) -> str:
    """Lower-case ASCII words joined by single spaces: 'Dr. José  Pérez' -> 'dr jose perez'."""
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", ascii_text.lower()).strip()


def clinic_id(site: str, branch: str | None = "") -> str:
    return _digest("clinic", site, branch or "")


def practitioner_id(clinic: str, name: str) -> str:
    return _digest("practitioner", clinic, fold(name))


def credential_id(clinic: str, practitioner: str | None, kind: str, value: str) -> str:
    return _digest("credential", clinic, practitioner or "", kind, fold(value))


def price_id(clinic: str, treatment: str, treatment_text: str | None, unit: str,
             sessions: int | None, quantity: float | None) -> str:
    qty = None if quantity is None else round(float(quantity), 3)
    return _digest("price", clinic, treatment, fold(treatment_text), unit, sessions, qty)


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
    return f"name:{fold(name)}|{fold(postcode)}"
