"""A toxin row naming one injection site is priced per area (devset class: toxin price lists
whose rows name the lines treated, not "1 area"). Cases in our own words."""

from __future__ import annotations

import pytest

from core.text import fold
from extract import price_units as pu
from spiders.pages import extract_page


@pytest.mark.parametrize("label, expected", [
    ("Lines on the forehead", ("area", 1.0)),
    ("Frown lines between the brows", ("area", 1.0)),
    ("Crow's feet", ("area", 1.0)),
    ("Gummy smile", ("area", 1.0)),
    ("Rides du lion", ("area", 1.0)),
    ("Zornesfalte", ("area", 1.0)),
    ("Patas de gallo", ("area", 1.0)),
    # two sites, a count of its own, or no site at all: not one area
    ("Forehead and frown", None),
    ("Frown, forehead, crow's feet", None),
    ("Forehead (2 areas)", None),
    ("Excessive sweating, both underarms", None),
    ("Anti-wrinkle treatment", None),
])
def test_one_named_injection_site_is_one_area(label, expected):
    b = pu.toxin_site_basis(fold(label))
    assert ((b.unit, b.quantity) if b else None) == expected


def test_a_toxin_list_by_site_gives_area_prices_and_other_treatments_keep_sessions():
    body = ("<h1>Anti-wrinkle injections</h1><p>Forehead lines from £115</p><p>Crow's feet from £125</p>"
            "<h2>Chemical peel</h2><p>Chin and neck peel £90</p>").encode()
    ex = extract_page(b"<html><head><title>Anti-wrinkle injections</title></head><body>" + body + b"</body></html>",
                      "https://facecare.example/anti-wrinkle")
    got = {(p.amount, p.treatment, p.unit, p.quantity) for p in ex.prices}
    assert (115.0, "botulinum_toxin", "area", 1.0) in got
    assert (125.0, "botulinum_toxin", "area", 1.0) in got
    assert all(unit != "area" for amount, _, unit, _ in got if amount == 90.0)
