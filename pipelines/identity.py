"""Stable ids: a re-crawl or another source lands on the same row.

A clinic is keyed by its site (registered website host) and branch; children
by their parent id plus their natural key. Amounts are never part of a key, so
a changed price updates its row (history lives in price_observations).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
