"""Normalise items: derived price figures and canonical register numbers.

Page objects already normalise what they read; this stage guarantees the
invariants the database and the rules rely on, whatever produced the item
(page objects, directory spiders, imported listings).
"""

from __future__ import annotations

from extract.identifiers import format_valid, normalise
from items import REGISTER_KINDS, PageItem, Price

SESSION_UNITS = ("session", "treatment")


def derive_per_session(price: Price) -> float | None:
    """amount for a session/treatment; amount / sessions for a course; else None."""
    if price.amount is None:
        return None
    if price.unit in SESSION_UNITS:
        return price.amount
    if price.unit == "course" and price.sessions:
        return round(price.amount / price.sessions, 2)
    return None


def normalise_extract(extract) -> None:
    for price in extract.prices:
        price.per_session = derive_per_session(price)
        if price.unit == "consultation":
            price.treatment = "consultation"
    creds = [c for person in extract.practitioners for c in person.credentials]
    for cred in creds + list(extract.clinic.credentials):
        if cred.kind in REGISTER_KINDS:
            cred.value = normalise(cred.kind, cred.value)
            cred.format_valid = format_valid(cred.kind, cred.value)


class NormalisePipeline:
    def process_item(self, item):
        if isinstance(item, PageItem):
            normalise_extract(item.extract)
        return item
