"""Shared by the price readers (lines, tables): label cleaning and Price construction."""

from __future__ import annotations

import re
from dataclasses import replace

from extract import price_lines as pl
from core.text import fold
from extract import price_units as pu
from extract import treatments
from extract.prices import MONEY, PriceParse
from items import Price

_TRAIL = re.compile(
    r"(?:[\s:;,–—\-|.·•…_=*>(\[]|\b(?:from|ab|von|desde|od|da|dès|a partir de|à partir de|a partire da|"
    r"starting at|starting|was|now|only|nur|statt|jetzt|vorher|antes|ahora|było|była|bylo|byla|teraz|zamiast|price|preis|"
    r"precio|cena|prix|prezzo|fiyat|cost|costs|the|is|are)\b)+$",
    re.I,
)
_LEAD = re.compile(r"^[\s:;,–—\-|.·•…_=*>]+")


def is_variant(text: str) -> bool:
    """A label that only states a basis: "1 area", "Course of 6", "per session", "20 units"."""
    folded = fold(text)
    return bool(pu.basis(folded)) and treatments.best(text) is None and len(folded.split()) <= 6


def clean_label(text: str) -> str:
    """A label as written, without separators, dot leaders, old prices and trailing "from"/"price" words."""
    money = MONEY.search(text)
    if money:
        text = text[: money.start()]
    text = _LEAD.sub("", _TRAIL.sub("", pl.norm(text))).strip()
    return _without_basis(text)


def _without_basis(label: str) -> str:
    """"Botox 1 area" -> "Botox", "PRP capilar – Bono de 3 sesiones" -> "PRP capilar" (the row keeps the basis)."""
    folded = fold(label)
    start = pu.basis_start(folded) if len(folded) == len(label) else None
    if not start:
        return label
    head = _TRAIL.sub("", label[:start]).strip()
    return head if head and treatments.best(head) and not pu.CONSULT.search(folded) else label


def with_label_basis(parse: PriceParse, label: str) -> PriceParse:
    """A price whose own window states no basis takes the one its label states
    ("Anti-wrinkle (3 areas) | £250": the "|" cuts the window, the label still says 3 areas)."""
    if parse.unit != "session" or parse.amount is None or pu.basis(fold(parse.text)):
        return parse
    b = pu.basis(fold(label))
    if b is None or b.unit in ("session", "consultation") or b.unit == "course" and not b.sessions:
        return parse
    return replace(parse, unit=b.unit, sessions=b.sessions, quantity=b.quantity,
                   per_session=pu.per_session(parse.amount, b.unit, b.sessions))


def to_price(parse: PriceParse, treatment: str, name: str, evidence: str) -> Price:
    unit, sessions, quantity = parse.unit, parse.sessions, parse.quantity
    if treatment == "consultation":
        unit, sessions, quantity = "consultation", None, None
    elif unit == "consultation":
        unit = "session"
    per_session = pu.per_session(parse.amount, unit, sessions)
    return Price(
        treatment=treatment, treatment_text=name[:200], amount=parse.amount, currency=parse.currency,
        unit=unit, sessions=sessions, quantity=quantity, per_session=per_session,
        from_price=parse.from_price, amount_max=parse.amount_max, was_amount=parse.was_amount,
        price_text=parse.text or None, evidence=evidence_window(pl.norm(evidence), parse.text),
    )


_EVIDENCE = 300


def evidence_window(text: str, price_text: str | None) -> str:
    """At most 300 characters of the line, holding the amount: the line's start when the amount is
    in it, else the stretch around the amount (a price late in a long paragraph keeps its sentence,
    which decides its role in extract/money_roles.py)."""
    at = text.find(price_text) if price_text else -1
    if len(text) <= _EVIDENCE or at < 0 or at + len(price_text) <= _EVIDENCE:
        return text[:_EVIDENCE]
    start = max(0, min(at - 200, len(text) - _EVIDENCE))
    return text[start:start + _EVIDENCE]


