"""Regulated wording, sentence by sentence: what each signal kind must find and what it must not.

Every sentence here is written for this table; each negative is a look-alike of a positive (a
safeguard, another treatment, another subject).
"""

from __future__ import annotations

import pytest

from extract.signals import product_named, products_named, text_signals
from spiders.pages.clinic_page import extract_page

FOUND = [
    ("video-consult-prescriber", "Book a video consultation with our prescriber and start your anti-wrinkle course this week.",
     ("remote_prescribing", "toxin")),
    ("no-consultation-needed", "No consultation needed: walk in for anti-wrinkle injections any Saturday.",
     ("remote_prescribing", "no_consultation")),
    ("prescriber-approves-remotely", "A prescriber approves your toxin plan remotely once you send the online form.",
     ("remote_prescribing", "toxin")),
    ("prescriber-on-call", "Our prescriber is on call by phone for every wrinkle relaxing appointment.",
     ("remote_prescribing", "toxin")),
    ("sixteen-plus-filler", "Lip filler for 16+ clients with parental consent.", ("under_18", "for 16")),
    ("prom-offer", "Prom season offer: lip filler and a glow facial for the big night.", ("under_18", "prom season offer")),
    ("school-leavers", "Anti-wrinkle and filler packages for school leavers this summer.", ("under_18", "school leavers")),
    ("two-for-one", "Two for one on anti-wrinkle areas this month.", ("promotion", "two_for_one")),
    ("second-area-free", "Book toxin for your forehead and get a second area free.", ("promotion", "two_for_one")),
    ("botox-party", "Host a Botox party with your friends in our lounge.", ("promotion", "party")),
    ("flash-sale", "Flash sale on dermal filler: 20% off, ends Sunday.", ("promotion", "time_limited")),
    ("competition", "Enter our summer competition to win a lip filler treatment.", ("promotion", "prize")),
    ("voucher-site", "Our anti-wrinkle deal is live on Groupon now.", ("promotion", "voucher_site")),
    ("we-come-to-you", "Mobile aesthetics: we come to you for toxin and filler.", ("mobile_setting", "mobile aesthetics")),
    ("home-visits", "Lip filler home visits across the county.", ("mobile_setting", "home visits")),
    ("hotel-clinic-days", "Filler clinic days at the Grand Hotel every first Monday.", ("mobile_setting", "clinic days at the grand hotel")),
    ("korean-botox", "We use Korean botox for a softer result.", ("toxin_product", "Korean toxin")),
    ("unlicensed-brand", "Anti-wrinkle treatment with Nabota, from £99.", ("toxin_product", "Nabota")),
    ("licensed-brand", "We use Bocouture for every anti-wrinkle treatment.", ("toxin_product", "Bocouture")),
    ("tourism-transfers", "Our hair transplant package includes VIP airport transfers and three nights at a hotel.",
     ("hair_tourism", "vip airport transfers")),
    ("tourism-international", "Hair transplant for international patients, with an interpreter at every step.",
     ("hair_tourism", "international patients")),
    ("tourism-german", "Haartransplantation in Istanbul mit Flughafentransfer und zwei Hotelübernachtungen.",
     ("hair_tourism", "flughafentransfer")),
    ("tourism-spanish", "Trasplante capilar con traslado al aeropuerto y hotel incluido.",
     ("hair_tourism", "traslado al aeropuerto")),
    ("tourism-turkish", "Saç ekimi paketimize havalimanı transferi ve otel konaklaması dahildir.",
     ("hair_tourism", "havalimanı transferi")),
    ("technicians-extract", "Our skilled technicians carry out the extraction of every hair transplant graft.",
     ("technician_led", "technicians")),
    ("implantation-by-technicians", "In each hair transplant, implantation is performed by our technicians.",
     ("technician_led", "technicians")),
    ("mega-session", "Up to 6,500 grafts in a single session.", ("graft_count", "6500")),
]

SILENT = [
    ("face-to-face-required", "We never prescribe toxin remotely; every anti-wrinkle plan starts with a face-to-face consultation."),
    ("online-then-in-person", "Start with an online consultation, then see our prescriber in clinic before any anti-wrinkle treatment."),
    ("online-hair-loss", "Online consultations are available for hair loss assessments."),
    ("over-18-only", "All injectable treatments are for clients aged 18 and over."),
    ("under-18-refused", "We do not treat anyone under 18 with filler, even with parental consent."),
    ("other-treatment-16", "Microneedling is suitable from 16 with parental consent."),
    ("discount-not-injectable", "20% off microneedling courses booked this month."),
    ("gift-vouchers", "Gift vouchers are available for every treatment."),
    ("market-competition", "Where there is less competition, filler prices tend to be lower."),
    ("hotel-parking", "Free parking is available at the hotel next door."),
    ("no-home-visits", "We do not offer home visits: all injectable treatments take place in our clinic."),
    ("mobile-phone", "Text our mobile for a filler appointment."),
    ("technicians-not", "Technicians never perform the extraction; our surgeon does every step of the hair transplant."),
    ("grafts-small", "We cap every hair transplant session at 3,000 grafts."),
    ("grafts-two-sessions", "7,000 grafts over two sessions, a year apart."),
    ("grafts-no-session", "Our surgeons have transplanted 250,000 grafts since 2010."),
]


@pytest.mark.parametrize("case,sentence,expected", FOUND, ids=[c[0] for c in FOUND])
def test_signal_found(case, sentence, expected):
    assert expected in [(s.kind, s.value) for s in text_signals(sentence)]
    assert all(s.text == sentence for s in text_signals(sentence))


@pytest.mark.parametrize("case,sentence", SILENT, ids=[c[0] for c in SILENT])
def test_look_alike_is_silent(case, sentence):
    assert [(s.kind, s.value) for s in text_signals(sentence) if s.kind != "toxin_product"] == []


@pytest.mark.parametrize("text,expected", [
    ("Azzalure, 1 area", ("Azzalure", True)),
    ("BOTOX® Cosmetic", ("Botox", True)),
    ("korean-botox", ("Korean toxin", False)),
    ("Botulax 100u", ("Botulax", False)),
    ("Anti-wrinkle injections", None),
    ("Botulinum toxin", None),
])
def test_product_named(text, expected):
    assert product_named(text) == expected


def test_every_product_of_a_sentence_once():
    assert products_named("Bocouture or Azzalure; Bocouture again") == [("Bocouture", True), ("Azzalure", True)]


PAGE = """<html><head><title>Offers | Example Aesthetics</title></head><body>
<nav><a href="/">Two for one on anti-wrinkle injections</a></nav>
<div class="hero"><h1>Summer offers</h1>
<p>Lip filler from 16 with parental consent. Book a <strong>video consultation</strong> with our prescriber.</p></div>
<ul><li>Anti-wrinkle, 1 area: £150</li><li>Bocouture only, never imported brands.</li></ul>
<script>var s = "Korean botox party";</script>
</body></html>"""


def test_page_signals_skip_menus_and_scripts():
    ex = extract_page(PAGE, "https://example-aesthetics.test/offers")
    found = {(s.kind, s.value) for s in ex.signals}
    assert ("under_18", "from 16") in found
    assert ("remote_prescribing", "prescriber") in found
    assert ("toxin_product", "Bocouture") in found
    assert not any(s.kind == "promotion" for s in ex.signals)  # the menu's wording is chrome
    assert ("toxin_product", "Korean toxin") not in found  # script text is never read


def test_an_article_keeps_only_the_products_it_names():
    article = PAGE.replace("<title>Offers", "<title>Blog: are prom offers safe?")
    ex = extract_page(article, "https://example-aesthetics.test/blog/are-prom-offers-safe")
    assert {s.kind for s in ex.signals} == {"toxin_product"}


def test_a_page_without_trigger_words_costs_one_scan():
    ex = extract_page("<html><body><p>Opening hours: 9 to 5.</p></body></html>", "https://x.test/")
    assert ex.signals == [] and ex.errors == []
