"""Normalise items: derived price figures and canonical register numbers.

Page objects already normalise what they read; this stage guarantees the
invariants the database and the rules rely on, whatever produced the item
(page objects, directory spiders, imported listings).
"""

from __future__ import annotations

from core.identifiers import format_valid, normalise
from extract.price_units import per_session
from items import REGISTER_KINDS, PageItem, Price

def derive_per_session(price: Price) -> float | None:
    """``prices.per_session`` of a stored price (extract/price_units.py has the definition)."""
    return per_session(price.amount, price.unit, price.sessions)


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
