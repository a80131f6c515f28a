"""Clinic details: postcodes per country, phone normalisation, country inference, names, branches."""

from __future__ import annotations

import lxml.html
import pytest

from extract import clinic_address as ca
from extract.clinic_info import branch_from_url, clean_title, extract_clinic

# (address text, country hint, street, locality, region, postcode, country)
ADDRESSES = [
    ("12 High Street, Manchester M1 4BT", None, "12 High Street", "Manchester", None, "M1 4BT", "GB"),
    ("12 High Street, Manchester, M14BT", None, "12 High Street", "Manchester", None, "M1 4BT", "GB"),
    ("Suite 4, 22 Harley Street\nLondon\nW1G 9PL\nUnited Kingdom", None, "Suite 4, 22 Harley Street", "London", None, "W1G 9PL", "GB"),
    ("3 Park Row, Leeds LS1 5HD", "GB", "3 Park Row", "Leeds", None, "LS1 5HD", "GB"),
    ("Unit 2, 40 Bold Street, Liverpool, L1 4DS", None, "Unit 2, 40 Bold Street", "Liverpool", None, "L1 4DS", "GB"),
    ("14 Merrion Square, Dublin 2, D02 X285", None, "14 Merrion Square", "Dublin 2", None, "D02 X285", "IE"),
    ("5 Patrick Street, Cork T12 R2YK", "IE", "5 Patrick Street", "Cork", None, "T12 R2YK", "IE"),
    ("123 Main St, Austin, TX 78701", None, "123 Main St", "Austin", "TX", "78701", "US"),
    ("450 Park Ave, Suite 12\nNew York, NY 10022-1234", None, "450 Park Ave, Suite 12", "New York", "NY", "10022", "US"),
    ("9000 Sunset Blvd, West Hollywood, CA 90069, USA", None, "9000 Sunset Blvd", "West Hollywood", "CA", "90069", "US"),
    ("Hauptstraße 5, 10115 Berlin", "DE", "Hauptstraße 5", "Berlin", None, "10115", "DE"),
    ("Königsallee 60\n40212 Düsseldorf\nDeutschland", None, "Königsallee 60", "Düsseldorf", None, "40212", "DE"),
    ("Hauptstraße 32, Hamburg, 20140", "DE", "Hauptstraße 32", "Hamburg", None, "20140", "DE"),
    ("Maximilianstraße 8, 80539 München", "DE", "Maximilianstraße 8", "München", None, "80539", "DE"),
    ("Calle de Serrano 41, 28001 Madrid, España", None, "Calle de Serrano 41", "Madrid", None, "28001", "ES"),
    ("Passeig de Gràcia 55, 08007 Barcelona", "ES", "Passeig de Gràcia 55", "Barcelona", None, "08007", "ES"),
    ("ul. Marszałkowska 10, 00-590 Warszawa", None, "ul. Marszałkowska 10", "Warszawa", None, "00-590", "PL"),
    ("ul. Piotrkowska 21, Kraków, 31-942", None, "ul. Piotrkowska 21", "Kraków", None, "31-942", "PL"),
    ("ul. Długa 5\n80-827 Gdańsk\nPolska", None, "ul. Długa 5", "Gdańsk", None, "80-827", "PL"),
]


@pytest.mark.parametrize(("text", "hint", "street", "locality", "region", "postcode", "country"), ADDRESSES,
                         ids=[r[0].split("\n")[0] for r in ADDRESSES])
def test_parse_address(text, hint, street, locality, region, postcode, country):
    assert tuple(ca.parse_address(text, hint)) == (street, locality, region, postcode, country)


def test_no_postcode_falls_back_to_the_town_line():
    assert ca.fallback_locality("Glow Dubai\nOffice 102, Al Khaleej Street\nDubai\nTel: +971 4 555 0015") == (
        "Office 102, Al Khaleej Street", "Dubai", None, None, None)


NOT_POSTCODES = [
    ("Botox from £199, 3 areas for £299", None),
    ("Open Mon-Fri 9-17", None),
    ("Call 0161 496 0000", "GB"),
    ("Company number 12345678", "GB"),
]


@pytest.mark.parametrize(("text", "hint"), NOT_POSTCODES, ids=[r[0] for r in NOT_POSTCODES])
def test_text_without_postcode(text, hint):
    assert ca.parse_address(text, hint).postcode is None


PHONES = [
    ("0161 496 0000", "GB", "+441614960000"),
    ("+44 (0)20 7946 0958", "GB", "+442079460958"),
    ("020 7946 0958", None, "+442079460958"),
    ("tel:+447700900123", "GB", "+447700900123"),
    ("(929) 425-0145", "US", "+19294250145"),
    ("(484) 357\u20111916", "US", "+14843571916"),
    ("212.555.0142", "US", "+12125550142"),
    ("+971 56 659 7878", None, "+971566597878"),
    ("030 1234567", "DE", "+49301234567"),
    ("+49 89 12345678", "DE", "+498912345678"),
    ("91 123 45 67", "ES", "+34911234567"),
    ("+48 12 555 07 04", "PL", "+48125550704"),
    ("01 234 5678", "IE", "+35312345678"),
    ("12", "GB", None),
    ("call us", "GB", None),
    ("", "GB", None),
]


@pytest.mark.parametrize(("raw", "country", "e164"), PHONES, ids=[f"{r[0] or 'empty'}-{r[1]}" for r in PHONES])
def test_normalise_phone(raw, country, e164):
    assert ca.normalise_phone(raw, country) == e164


COUNTRY_SIGNALS = [
    (ca.tld_country, "glowaesthetics.co.uk.localhost", "GB"),
    (ca.tld_country, "www.klinika.pl", "PL"),
    (ca.tld_country, "praxis-linde.de.localhost", "DE"),
    (ca.tld_country, "medspa.com.localhost", None),
    (ca.tld_country, "clinic.ie", "IE"),
    (ca.phone_country, "+44 161 496 0000", "GB"),
    (ca.phone_country, "+1 212 555 0142", "US"),
    (ca.phone_country, "0044 20 7946 0958", "GB"),
    (ca.phone_country, "+34 911 234 567", "ES"),
    (ca.phone_country, "020 7946 0958", None),
    (ca.currency_country, "Botox from £199", "GB"),
    (ca.currency_country, "Botoks od 900 zł", "PL"),
    (ca.currency_country, "Botox $12 per unit", None),
    (ca.lang_country, "en-GB", "GB"),
    (ca.lang_country, "en-US", "US"),
    (ca.lang_country, "de", "DE"),
    (ca.lang_country, "es-ES", "ES"),
    (ca.lang_country, "en", None),
    (ca.country_code, "United Kingdom", "GB"),
    (ca.country_code, "UK", "GB"),
    (ca.country_code, "us", "US"),
    (ca.country_code, "Deutschland", "DE"),
]


@pytest.mark.parametrize(("fn", "value", "country"), COUNTRY_SIGNALS,
                         ids=[f"{r[0].__name__}-{r[1]}" for r in COUNTRY_SIGNALS])
def test_country_signals(fn, value, country):
    assert fn(value) == country


TITLES = [
    ("Home | Glow Aesthetics", "Glow Aesthetics"),
    ("Glow Aesthetics | Botox and Fillers in Leeds", "Glow Aesthetics"),
    ("Prices – Skin Studio", "Skin Studio"),
    ("Welcome - Dr Smith Clinic", "Dr Smith Clinic"),
    ("Startseite | Praxis Linde", "Praxis Linde"),
    ("Glow Aesthetics", "Glow Aesthetics"),
    (None, None),
]


@pytest.mark.parametrize(("title", "name"), TITLES, ids=[str(r[0]) for r in TITLES])
def test_clean_title(title, name):
    assert clean_title(title) == name


BRANCH_URLS = [
    ("http://glow.co.uk/locations/manchester/", "manchester"),
    ("http://glow.co.uk/clinics/leeds-city-centre", "leeds-city-centre"),
    ("http://praxis.de/standorte/muenchen/", "muenchen"),
    ("http://clinica.es/sedes/madrid.html", "madrid"),
    ("http://klinika.pl/lokalizacje/krakow/", "krakow"),
    ("http://glow.co.uk/locations/", None),
    ("http://glow.co.uk/locations/index.html", None),
    ("http://glow.co.uk/our-team/", None),
    ("http://glow.co.uk/", None),
]


@pytest.mark.parametrize(("url", "branch"), BRANCH_URLS, ids=[r[0] for r in BRANCH_URLS])
def test_branch_from_url(url, branch):
    assert branch_from_url(url) == branch


CHAIN_PAGE = """<html lang="en-GB"><head><title>Skin Co Leeds | Skin Co</title>
<meta property="og:site_name" content="Skin Co"></head><body>
<header><nav><a href="/locations/leeds/">Leeds</a><a href="/locations/york/">York</a></nav></header>
<main><h1>Skin Co Leeds</h1>
<div class="branch-contact"><p>4 Albion Place<br>Leeds LS1 6JL</p>
<p>Phone: <a href="tel:01134960111">0113 496 0111</a> · <a href="mailto:leeds@skinco.co.uk">leeds@skinco.co.uk</a></p></div>
</main>
<footer><address>Head office: 1 Minster Yard, York YO1 7HH</address>
<a href="tel:01904960000">01904 960000</a> <a href="mailto:hello@skinco.co.uk">hello@skinco.co.uk</a></footer>
</body></html>"""


def test_chain_location_page_reads_the_branch_not_the_head_office():
    doc = lxml.html.document_fromstring(CHAIN_PAGE)
    info = extract_clinic(doc, [], url="https://skinco.co.uk/locations/leeds/", hints={})
    assert (info.branch, info.name, info.postcode, info.locality) == ("leeds", "Skin Co Leeds", "LS1 6JL", "Leeds")
    assert (info.phone, info.email, info.country) == ("+441134960111", "leeds@skinco.co.uk", "GB")
    assert info.website == "https://skinco.co.uk/"


def test_single_site_uses_the_footer_and_obfuscated_email():
    html = CHAIN_PAGE.replace("<main>", "<main hidden>").replace('<div class="branch-contact">', "<div>")
    html = html.replace('<a href="mailto:hello@skinco.co.uk">hello@skinco.co.uk</a>', "hello [at] skinco [dot] co [dot] uk")
    html = html.replace('<a href="mailto:leeds@skinco.co.uk">leeds@skinco.co.uk</a>', "")
    html = html.replace("4 Albion Place<br>Leeds LS1 6JL", "")
    doc = lxml.html.document_fromstring(html)
    info = extract_clinic(doc, [], url="https://skinco.co.uk/contact/", hints={})
    assert (info.branch, info.postcode, info.locality, info.email) == (None, "YO1 7HH", "York", "hello@skinco.co.uk")


def test_json_ld_clinic_with_string_geo():
    nodes = [{"@type": ["MedicalBusiness", "LocalBusiness"], "name": "Caridi Concierge", "telephone": "+19294250145",
              "email": "booking@example.com", "geo": {"latitude": "40.7166", "longitude": "-73.9448"},
              "address": {"@type": "PostalAddress", "addressLocality": "Brooklyn", "addressRegion": "NY",
                          "postalCode": "11231", "addressCountry": "US"},
              "parentOrganization": {"@id": "https://example.com/#organization"}}]
    doc = lxml.html.document_fromstring("<html><body><p>hi</p></body></html>")
    info = extract_clinic(doc, nodes, url="https://example.com/", hints={})
    assert (info.name, info.phone, info.postcode, info.region, info.country) == (
        "Caridi Concierge", "+19294250145", "11231", "NY", "US")
    assert (info.latitude, info.longitude, info.branch) == (40.7166, -73.9448, None)


def test_json_ld_branch_of_a_parent_organisation():
    nodes = [{"@type": ["MedicalClinic"], "name": "Skin Co York", "parentOrganization": {"name": "Skin Co"},
              "address": {"streetAddress": "1 Minster Yard", "addressLocality": "York", "postalCode": "YO1 7HH"}}]
    doc = lxml.html.document_fromstring("<html><body><p>hi</p></body></html>")
    info = extract_clinic(doc, nodes, url="https://skinco.co.uk/york-clinic/", hints={})
    assert (info.branch, info.locality, info.country) == ("york", "York", "GB")
