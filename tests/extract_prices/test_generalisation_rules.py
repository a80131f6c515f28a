"""Rules added while testing the extractor on blind, real-shaped pages (blind-price-* fixtures).

Each row names one general rule with a small invented example; the golden fixtures hold the
whole pages. Rows: find_prices on text, extract_prices on HTML snippets, classify on names.
"""

from __future__ import annotations

import lxml.html
import pytest

from extract import treatments
from extract.price_blocks import extract_prices
from extract.prices import find_prices, parse_price


def _prices(text: str, cur: str | None = "GBP") -> list[tuple]:
    return [(p.amount, p.unit, p.sessions, p.from_price) for _, _, p in find_prices(text, default_currency=cur)]


TEXT = [
    pytest.param("1 area ........................ £175", [(175.0, "area", None, False)], id="dot-leaders"),
    pytest.param("Syringe … 1 seringue ……… 350 €", [(350.0, "syringe", None, False)], id="ellipsis-leaders"),
    pytest.param("Face mesotherapy x 4 £340", [(340.0, "course", 4, False)], id="x-count-before-sign"),
    pytest.param("Polynucleotides x3 - £450", [(450.0, "course", 3, False)], id="x3-not-a-range"),
    pytest.param("Course of 4 – £420", [(420.0, "course", 4, False)], id="count-not-range-low"),
    pytest.param("£150-200", [(150.0, "session", None, False)], id="bare-range-still-read"),
    pytest.param("£180 single / £480 course of 3 / £900 course of 6",
                 [(180.0, "session", None, False), (480.0, "course", 3, False), (900.0, "course", 6, False)],
                 id="spaced-slash-separates-offers"),
    pytest.param("Profhilo €350 per session / 2 sessions for €650",
                 [(350.0, "session", None, False), (650.0, "course", 2, False)], id="n-sessions-for"),
    pytest.param("PRP 300 € / séance", [(300.0, "session", None, False)], id="spaced-slash-per-kept"),
    pytest.param("Profhilo: £320 per session - save £50 when you book two",
                 [(320.0, "session", None, False)], id="save-after-basis-is-no-deposit"),
    pytest.param("A £30 booking fee is taken on the day", [], id="booking-fee"),
    pytest.param("Refer a friend and you both receive £20 credit", [], id="credit"),
    pytest.param("Payments as low as $0 down", [], id="finance-down-payment"),
    pytest.param("Starting ₹ 4,999*", [(4999.0, "session", None, True)], id="starting-is-from"),
    pytest.param("3er-Paket 1.050 €", [(1050.0, "course", 3, False)], id="german-3er-paket"),
]


@pytest.mark.parametrize(("text", "expected"), TEXT)
def test_find_prices_rules(text, expected):
    assert _prices(text) == expected


def _page(body: str, title: str = "Prices", url: str = "https://clinic.test/prices/", cur: str = "GBP"):
    doc = lxml.html.document_fromstring(f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    got = extract_prices(doc, [], url=url, default_currency=cur, country=None)
    return sorted((p.treatment, p.amount, p.unit, p.sessions, p.from_price) for p in got)


BLOCKS = [
    pytest.param('<h3><button class="accordion-button">Hair treatments</button></h3>'
                 '<div class="accordion-body"><p>PRP £300</p></div>',
                 [("prp_hair", 300.0, "session", None, False)], id="button-inside-heading-is-heading"),
    pytest.param('<div role="tablist"><button role="tab" id="t1" aria-controls="p1">Scalp</button>'
                 '<button role="tab" id="t2" aria-controls="p2">Face</button></div>'
                 '<div role="tabpanel" id="p1" aria-labelledby="t1"><p>Mesotherapy £130</p></div>'
                 '<div role="tabpanel" id="p2" hidden><p>Mesotherapy £110</p></div>',
                 [("face_mesotherapy", 110.0, "session", None, False),
                  ("hair_mesotherapy", 130.0, "session", None, False)], id="tab-titles-give-context"),
    pytest.param('<div class="header-cart"><a class="cart-contents">£0.00 0 items</a></div>'
                 '<p>Lip filler 1ml £180</p>', [("dermal_filler", 180.0, "ml", None, False)], id="cart-is-chrome"),
    pytest.param('<p>Botox <span class="price">£150 – £300</span>'
                 '<span class="screen-reader-text">Price range: £150 through £300</span></p>',
                 [("botulinum_toxin", 150.0, "session", None, False)], id="screen-reader-copy-dropped"),
    pytest.param('<div><h3>HydraFacial</h3><p><span class="old-price">$225</span> '
                 '<span class="new-price">$179</span></p></div>',
                 [("other", 179.0, "session", None, False)], id="old-price-class-is-was"),
    pytest.param('<ul><li><p class="service-name">Anti-Wrinkle 3 Areas</p><p>45min</p>'
                 '<p>Includes a review</p><p>£240</p></li></ul>',
                 [("botulinum_toxin", 240.0, "area", None, False)], id="duration-and-description-skipped"),
    pytest.param("<div><p>Hair PRP</p><p>Scalp mesotherapy</p></div><div><p>£295</p><p>£130</p></div>",
                 [("hair_mesotherapy", 130.0, "session", None, False), ("prp_hair", 295.0, "session", None, False)],
                 id="two-column-layout-paired-in-order"),
    pytest.param("<p>Call +44 20 0000 0000 · Free online consultation · 24/7 support</p>",
                 [("consultation", None, "consultation", None, False)], id="free-consultation-clause"),
    pytest.param("<h2>Consultation</h2><p>Written quote free of charge on request.</p>", [],
                 id="free-needs-consultation-name"),
    pytest.param("<h2>Microneedling</h2><p>Microneedling £180</p><p>Add a serum for £25</p>",
                 [("microneedling", 180.0, "session", None, False)], id="add-on-not-borrowing-heading"),
    pytest.param("<h1>Anti-wrinkle</h1><p>Treatments start from £149.</p><ul><li>1 area - £149</li>"
                 "<li>2 areas - £199</li></ul>",
                 [("botulinum_toxin", 149.0, "area", None, False), ("botulinum_toxin", 199.0, "area", None, False)],
                 id="from-teaser-restating-a-row"),
    pytest.param("<h1>Plans</h1><div><h3>Starter</h3><p>£299 / session</p></div>",
                 [("prp_hair", 299.0, "session", None, False)], id="page-title-names-treatment"),
    pytest.param("<p><strong>Profhilo</strong><br>Two treatments four weeks apart.<br>£550</p>",
                 [("skin_booster", 550.0, "course", 2, False)], id="description-opens-with-course"),
    pytest.param("<ul><li>Anti-wrinkle (3 areas) | £250</li><li>Profhilo | 2 sessions | £500</li></ul>",
                 [("botulinum_toxin", 250.0, "area", None, False), ("skin_booster", 500.0, "course", 2, False)],
                 id="label-basis-across-pipe"),
]


@pytest.mark.parametrize(("body", "expected"), BLOCKS)
def test_block_rules(body, expected):
    title = "Hair PRP Plans | Clinic" if "Plans" in body else "Prices"
    assert _page(body, title=title) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Filler Dissolving", "other"),
    ("Hyaluronidase", "other"),
    ("GFC hair treatment", "prp_hair"),
    ("Wolumetria policzków 2 ml", "dermal_filler"),
    ("Add a hyaluronic serum", None),
    ("Refer a friend", None),
])
def test_classify_rules(name, expected):
    assert treatments.classify(name) == expected


@pytest.mark.parametrize("text", ["£1e309", "£1.5e3", "1E6 €", "$2.5e+4"], ids=["1e309", "1.5e3", "1E6", "2.5e+4"])
def test_exponent_notation_is_no_price(text):
    assert parse_price(text) is None
