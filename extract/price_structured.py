"""Prices from schema.org nodes: Offer, AggregateOffer, (Unit)PriceSpecification, OfferCatalog.

Input is the flattened node list of extract.structured.load. A priced offer is read
once, whichever way it is reached: Service/Product/MedicalProcedure ``offers``,
OfferCatalog ``itemListElement`` -> Offer ``itemOffered`` (with its own nested
``offers``), or a free-standing Offer. ``unitText``/``unitCode``/``referenceQuantity``
give the basis, ``priceType`` "FromPrice"/"MinimumPrice" a from-price.
"""

from __future__ import annotations

import re
from typing import Any

from extract import price_units as pu
from extract import prices as pp
from extract import treatments
from extract.structured import text_value
from items import Price

_UNIT_TEXT = {
    "unit": "unit", "units": "unit", "u": "unit", "iu": "unit", "syringe": "syringe", "syringes": "syringe",
    "ml": "ml", "mlt": "ml", "milliliter": "ml", "millilitre": "ml", "area": "area", "areas": "area",
    "zone": "area", "treatment": "treatment", "procedure": "treatment", "session": "session",
    "consultation": "consultation", "course": "course", "package": "course",
}
_QUANTITY_UNITS = ("unit", "syringe", "ml", "area")
_OWNER_KEYS = ("offers", "makesOffer")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: Any) -> list[str]:
    return node.get("@type", []) if isinstance(node, dict) else []


def _name(node: Any) -> str | None:
    if not isinstance(node, dict):
        return text_value(node)
    return text_value(node.get("name")) or text_value(node.get("serviceType"))


def structured_prices(nodes: list[dict], default_currency: str | None) -> list[Price]:
    """Every priced offer in the schema.org nodes, each once."""
    seen: set[int] = set()
    out: list[Price] = []
    for node in nodes:
        for key in _OWNER_KEYS:
            for offer in _as_list(node.get(key)):
                if isinstance(offer, dict) and id(offer) not in seen:
                    seen.add(id(offer))
                    name = _item_name(offer) or _name(offer) or (None if _is_party(node) else _name(node))
                    out += _offer_prices(offer, name, default_currency)
    for node in nodes:
        types = set(_types(node))
        if types & {"Offer", "AggregateOffer"} and id(node) not in seen:
            seen.add(id(node))
            out += _offer_prices(node, _item_name(node) or _name(node), default_currency)
    return out


def _is_party(node: dict) -> bool:
    """An organisation, place or person: its name is no treatment name."""
    if any(k in node for k in ("address", "telephone", "geo", "jobTitle")):
        return True
    return any(re.search(r"Organization|Business|Clinic|Store|Place|Person|Physician|Dentist|Spa|Salon|Hospital", t)
               for t in _types(node))


def _item_name(offer: dict) -> str | None:
    item = offer.get("itemOffered")
    for it in _as_list(item):
        name = _name(it)
        if name:
            return name
    return None


def _offer_prices(offer: dict, name: str | None, default_currency: str | None) -> list[Price]:
    if not name:
        return []
    specs = [s for s in _as_list(offer.get("priceSpecification")) if isinstance(s, dict)]
    currency = text_value(offer.get("priceCurrency"))
    out: list[Price] = []
    for spec in specs:
        price = _price(name, spec, text_value(spec.get("priceCurrency")) or currency, default_currency, offer)
        if price:
            out.append(price)
    if not out:
        price = _price(name, offer, currency, default_currency, offer)
        if price:
            out.append(price)
    return out


def _amount(raw: Any, currency: str | None) -> float | None:
    text = text_value(raw)
    if text is None:
        return None
    parse = pp.parse_price(text, default_currency=currency, bare=True)
    return parse.amount if parse else None


def _price(name: str, spec: dict, currency: str | None, default: str | None, offer: dict) -> Price | None:
    currency = (currency or "").upper() or None
    if currency not in pp.KNOWN_CURRENCIES:
        currency = default if default in pp.KNOWN_CURRENCIES else None
    low = _amount(spec.get("lowPrice") or spec.get("minPrice"), currency)
    high = _amount(spec.get("highPrice") or spec.get("maxPrice"), currency)
    amount = _amount(spec.get("price"), currency)
    if amount is None:
        amount, high = low, high if low is not None and high and high > low else None
    if amount is None or currency is None:
        return None
    unit, quantity, sessions = _basis(spec, f"{name} {text_value(offer.get('description')) or ''}")
    treatment = treatments.classify(name, text_value(offer.get("description")) or "") or "other"
    if treatment == "consultation":
        unit, quantity, sessions = "consultation", None, None
    ptype = (text_value(spec.get("priceType")) or "").lower()
    per_session = pu.per_session(amount, unit, sessions)
    return Price(
        treatment=treatment, treatment_text=name.strip(), amount=amount, currency=currency, unit=unit,
        sessions=sessions, quantity=quantity, per_session=per_session,
        from_price="from" in ptype or "minimum" in ptype or spec.get("minPrice") is not None,
        amount_max=high, price_text=text_value(spec.get("price")), evidence="schema.org Offer",
    )


def _basis(spec: dict, name: str) -> tuple[str, float | None, int | None]:
    raw = (text_value(spec.get("unitText")) or text_value(spec.get("unitCode")) or "").strip().lower()
    ref = spec.get("referenceQuantity")
    qty = None
    if isinstance(ref, dict):
        qty = _float(ref.get("value"))
        raw = raw or (text_value(ref.get("unitText")) or text_value(ref.get("unitCode")) or "").lower()
    unit = _UNIT_TEXT.get(raw.rstrip("s") if raw not in _UNIT_TEXT else raw)
    if unit is None:
        parse = pp.parse_price("£1", context=name)
        unit = parse.unit if parse else "session"
        return unit, parse.quantity if parse else None, parse.sessions if parse else None
    if unit == "course":
        return unit, None, int(qty) if qty else None
    return unit, (qty or 1.0) if unit in _QUANTITY_UNITS else None, None


def _float(value: Any) -> float | None:
    try:
        return float(text_value(value) or "")
    except ValueError:
        return None
