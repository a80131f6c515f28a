"""Money roles: only a clinic's own treatment price is a price. Cases written in our own words,
one per failure class seen on the real-text development set (devset/README.md)."""

from __future__ import annotations

import pytest

from extract import money_roles
from spiders.pages import extract_page


def page(url: str, title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>".encode()


@pytest.mark.parametrize("url, title, expected", [
    ("https://glowbar.example/blog/how-much-does-lip-filler-cost", "Lip filler costs", "editorial"),
    ("https://news.example/2024/05/11/injectables-boom", "Injectables boom", "editorial"),
    ("https://glowbar.example/terms-and-conditions", "Terms", "policy"),
    ("https://glowbar.example/prices/", "Price Guide", "service"),
    ("https://glowbar.example/anti-wrinkle", "How much is anti-wrinkle treatment?", "editorial"),
    ("https://glowbar.example/treatments/lip-filler", "Lip filler", "service"),
])
def test_page_role(url, title, expected):
    assert money_roles.page_role(url, title) == expected


@pytest.mark.parametrize("sentence, page, expected", [
    # market figures quoted by a guide, and by a clinic's own blog
    ("Across the country a single area of toxin is usually priced somewhere between £150 and £350.",
     "editorial", "market_price"),
    ("Most providers in the city ask around £300 for one syringe of lip filler these days.", "editorial",
     "market_price"),
    ("At our clinic a consultation with the trichologist is £40 and is taken off your first session.",
     "editorial", "own_price"),
    ("A booking deposit of £50 secures your appointment and comes off the final bill.", "service", "deposit"),
    ("Appointments missed without 48 hours notice are charged a £60 late cancellation fee.", "policy", "fee"),
    ("Spread the cost of your course from £45 per month with interest-free finance.", "service", "finance"),
    ("Clinics pay roughly $500 for a vial of toxin from their supplier, which explains the prices.",
     "editorial", "wholesale"),
    ("The discount voucher site ran a £79 deal on lip filler last spring for new customers only.",
     "editorial", "third_party"),
    ("For example, after two of three sessions bought at £900 you would get back £300 of it.", "policy",
     "example"),
    ("Anti-wrinkle, three areas in London £260", "service", "own_price"),
    # a spread of prices on the clinic's own treatment page is its own price list...
    ("Microneedling – prices range from £150 to £235 depending on the area treated.", "service", "own_price"),
    # ...and the same words on a guide are a market figure
    ("Microneedling – prices range from £150 to £235 depending on the area treated.", "editorial",
     "market_price"),
])
def test_role_of_a_sentence(sentence, page, expected):
    price = next(part for part in sentence.replace(",", " ").split() if part[:1] in "£$")
    assert money_roles.role_of(sentence, page, price_text=price.rstrip(".")) == expected


def test_two_amounts_in_one_sentence_keep_their_own_roles():
    """A package price and its monthly instalment side by side."""
    html = page("https://hairhouse.example/fue-hair-transplant", "FUE hair transplant",
                "FUE packages from £2,950 or spread it at £82/month over 36 months.")
    ex = extract_page(html, "https://hairhouse.example/fue-hair-transplant")
    assert [p.amount for p in ex.prices] == [2950.0]  # the instalment is no treatment price
    assert all(m.amount != 2950.0 for m in ex.money)


def test_a_cost_guide_gives_no_clinic_price_but_keeps_the_money():
    html = page("https://beautydesk.example/guides/how-much-does-botox-cost", "How much does Botox cost?",
                "Botox in the UK typically costs £150 to £350 per area depending on the practitioner.",
                "Expect to pay more in central London, where one area can reach £400.")
    ex = extract_page(html, "https://beautydesk.example/guides/how-much-does-botox-cost")
    assert ex.prices == []
    assert {(m.role, m.amount) for m in ex.money} >= {("market_price", 150.0), ("market_price", 400.0)}


def test_a_price_table_under_a_treatment_title_takes_the_treatment():
    """'Cost: from CHF 300' on a page about one treatment: the title names it."""
    html = page("https://hautpraxis.example/leistungen/botulinum", "Botulinum toxin", "Kosten", "ab 300 CHF")
    ex = extract_page(html, "https://hautpraxis.example/leistungen/botulinum")
    assert [(p.treatment, p.amount, p.currency) for p in ex.prices] == [("botulinum_toxin", 300.0, "CHF")]
