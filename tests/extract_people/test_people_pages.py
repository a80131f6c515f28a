"""Practitioners from small pages: who counts as a person and whose number is whose."""

from __future__ import annotations

import lxml.html

from extract import structured
from extract.people import extract_practitioners


def _people(body: str, url: str = "https://glow.co.uk/team/", country: str | None = "GB", head: str = ""):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    doc = lxml.html.document_fromstring(html)
    people = extract_practitioners(doc, structured.load(html, url), url=url, country=country)
    return {p.name: p for p in people}


def _regs(person):
    return [(c.kind, c.value, c.format_valid) for c in person.credentials if c.kind in ("gmc", "nmc", "npi", "state_license")]


def test_numbers_stay_with_their_own_heading_in_a_flat_bio_list():
    people = _people("""<section><h2>Our team</h2>
      <h3>Dr Jane Smith</h3><p>Medical director.</p><p>GMC 1234567</p>
      <h3>Emma Clarke</h3><p>Aesthetic nurse, NMC PIN 12A3456E.</p></section>""")
    assert _regs(people["Jane Smith"]) == [("gmc", "1234567", True)]
    assert _regs(people["Emma Clarke"]) == [("nmc", "12A3456E", True)]


def test_prose_with_two_people_splits_their_numbers():
    people = _people("<main><p>Led by Dr Ahmed Khan (GMC 7654321), with Nurse Rachel Adams (NMC 98B7654C), "
                     "a non-prescribing nurse.</p></main>")
    assert _regs(people["Ahmed Khan"]) == [("gmc", "7654321", True)]
    assert _regs(people["Rachel Adams"]) == [("nmc", "98B7654C", True)]
    assert people["Rachel Adams"].prescriber is False


def test_testimonials_reviews_and_bylines_are_not_people():
    people = _people("""<main><div class="testimonial"><p>"Brilliant" — Sarah Jones, client</p></div>
      <blockquote><p>Dr Amy Lee was wonderful</p><cite>Karen Hill</cite></blockquote>
      <section><p>"Lovely nurse, great results"</p><h4>Karen Whitfield</h4><span>Google review</span></section>
      <article><p class="byline">By <span class="author">Laura Perry</span></p><h2>Five myths about filler</h2></article>
      </main>""")
    assert people == {}


def test_a_page_naming_nobody_returns_nothing():
    assert _people("<main><h1>Botox Treatments</h1><h2>Anti Wrinkle Injections</h2><h3>Opening Hours</h3>"
                   "<p>Call 0161 496 0000. Company No. 12345678.</p></main>") == {}


def test_json_ld_and_card_for_the_same_person_merge():
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Physician",
      "name": "Cristina Caridi, MD", "medicalLicense": "NY License 311227",
      "identifier": {"@type": "PropertyValue", "propertyID": "NPI", "value": "1508353780"}}</script>"""
    people = _people("<main><div class='card'><h3>Dr. Cristina Caridi</h3><p>Founder, board-certified "
                     "pediatrician. NPI 1508353780</p></div></main>", url="https://caridi.example/staff/", country="US",
                     head=head)
    assert list(people) == ["Cristina Caridi"]
    person = people["Cristina Caridi"]
    assert (person.title, person.profession) == ("Dr", "doctor")
    assert sorted(_regs(person)) == [("npi", "1508353780", True), ("state_license", "311227", True)]


def test_blog_author_in_json_ld_is_not_a_practitioner():
    head = """<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Filler myths",
      "author": {"@type": "Person", "name": "Laura Perry", "jobTitle": "Aesthetic Nurse"}}</script>"""
    assert _people("<main><p>text</p></main>", url="https://glow.co.uk/blog/filler-myths/", head=head) == {}


def test_receptionist_is_not_a_practitioner_but_a_titled_doctor_is():
    people = _people("""<div class="grid"><div class="card"><h3>Tom Green</h3><p>Receptionist</p></div>
      <div class="card"><h3>Dr Ali Shah</h3><p>Clinic lead</p></div></div>""")
    assert list(people) == ["Ali Shah"]
