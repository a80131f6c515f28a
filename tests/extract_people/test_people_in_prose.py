"""People where real clinic sites put them: in running text. One case per failure class of the
real-text development set (devset/README.md), in our own words."""

from __future__ import annotations

import pytest

from spiders.pages import extract_page


def people(url: str, *paragraphs: str, title: str = "About the clinic") -> list[tuple[str | None, str]]:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    return sorted((p.title, p.name) for p in extract_page(html.encode(), url).practitioners)


CLINIC = "https://willowskin.example/about"


@pytest.mark.parametrize("paragraph, expected", [
    # a title with a family name only
    ("Dr Okafor has a special interest in scalp conditions and sees patients on Tuesdays.",
     [("Dr", "Okafor")]),
    # a possessive does not belong to the name
    ("Book a visit to meet Dr. Lindqvist's team of injectors.", [("Dr", "Lindqvist")]),
    # a first-name-only practitioner tied to her role
    ("Our lead nurse injector, Priya, looks after every new client.", [(None, "Priya")]),
    ("During your assessment with Tomasz, a qualified trichologist, he examines the scalp.", [(None, "Tomasz")]),
    ("NP Marisol reviews every treatment plan.", [(None, "Marisol")]),
    # first person on a practitioner's own site
    ("Hello, I'm Harriet Olsen, an aesthetic nurse prescriber based in Bath.", [(None, "Harriet Olsen")]),
    # an initial inside the name
    ("El Dr. Tomás R. Ibarra atiende en la clínica desde 2015.", [("Dr", "Tomás R. Ibarra")]),
])
def test_names_in_running_text(paragraph, expected):
    assert people(CLINIC, paragraph) == expected


def test_a_patient_quote_names_nobody():
    assert people(CLINIC, "“Dr Okafor was lovely and explained everything,” says one client.") == []


def test_an_article_quotes_outside_experts_and_their_short_names():
    url = "https://dailyglow.example/news/2024/03/02/filler-warning"
    got = people(url, "Demand is rising, says Dr Ines Carvalho of the Lisbon Face Institute.",
                 "Dr Carvalho added that most complications are avoidable.",
                 "Gareth Pryce, spokesperson for a surgeons' association, agreed.", title="Filler warning")
    assert got == []


def test_a_clinic_page_keeps_its_own_quoted_director():
    got = people(CLINIC, "“We take our time,” says our medical director Dr Ines Carvalho.")
    assert got == [("Dr", "Ines Carvalho")]
