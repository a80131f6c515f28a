"""Shared by the price readers (lines, tables): label cleaning and Price construction."""

from __future__ import annotations

import re

from extract import price_lines as pl
from extract import price_units as pu
from extract import treatments
from extract.prices import MONEY, PriceParse
from items import Price

_TRAIL = re.compile(
    r"(?:[\s:;,–—\-|.·•…_=*>]|\b(?:from|ab|von|desde|od|da|dès|a partir de|à partir de|a partire da|"
    r"starting at|was|now|only|nur|statt|jetzt|vorher|antes|ahora|bylo|byla|teraz|zamiast|price|preis|precio|cena|"
    r"prix|prezzo|fiyat|cost|costs)\b)+$",
    re.I,
)
_LEAD = re.compile(r"^[\s:;,–—\-|.·•…_=*>]+")


def is_variant(text: str) -> bool:
    """A label that only states a basis: "1 area", "Course of 6", "per session", "20 units"."""
    folded = pu.fold(text)
    return bool(pu.basis(folded)) and treatments.best(text) is None and len(folded.split()) <= 6


def clean_label(text: str) -> str:
    """A label as written, without separators, dot leaders, old prices and trailing "from"/"price" words."""
    money = MONEY.search(text)
    if money:
        text = text[: money.start()]
    return _LEAD.sub("", _TRAIL.sub("", pl.norm(text))).strip()


def to_price(parse: PriceParse, treatment: str, name: str, evidence: str) -> Price:
    unit, sessions, quantity, per_session = parse.unit, parse.sessions, parse.quantity, parse.per_session
    if treatment == "consultation":
        unit, sessions, quantity, per_session = "consultation", None, None, None
    elif unit == "consultation":
        unit, per_session = "session", parse.amount
    return Price(
        treatment=treatment, treatment_text=name[:200], amount=parse.amount, currency=parse.currency,
        unit=unit, sessions=sessions, quantity=quantity, per_session=per_session,
        from_price=parse.from_price, amount_max=parse.amount_max, was_amount=parse.was_amount,
        price_text=parse.text or None, evidence=pl.norm(evidence)[:300],
    )


