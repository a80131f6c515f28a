"""Property tests: the credential and clinic functions take any text without raising."""

from __future__ import annotations

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import clinic_address as ca
from extract import credentials as cr
from extract.people import extract_practitioners
from items import CREDENTIAL_KINDS, PROFESSIONS

# text biased towards the tokens the regexes care about
_WORDS = st.sampled_from(["Dr", "Nurse", "GMC", "NMC", "PIN", "NPI", "License", "CA", "Texas", "RN", "MD", "No.",
                          "#", ":", "(", ")", ",", "1234567", "12A3456E", "1-123456789", "Jane", "Smith", "\n",
                          "prescriber", "non-prescribing", "Level 7 Diploma in", "JCCP", "£199", "M1 4BT"])
_TEXT = st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, st.sampled_from([None, "GB", "US", "DE", "PL"]))
def test_credential_functions_take_any_text(text, country):
    for cred in cr.find_registrations(text, country) + cr.find_memberships(text) + cr.find_training(text):
        assert cred.kind in CREDENTIAL_KINDS and cred.value
    parsed = cr.parse_name(text)
    assert isinstance(parsed.name, str)
    assert cr.detect_profession(text, parsed.postnominals, country, title=parsed.title) in PROFESSIONS
    assert cr.detect_prescriber(text) in (True, False, None)
    assert cr.looks_like_name(parsed.name) in (True, False)


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.sampled_from([None, "GB", "US", "IE", "DE"]))
def test_address_and_phone_take_any_text(text, country):
    addr = ca.parse_address(text, country)
    assert addr.postcode is None or addr.postcode.strip() == addr.postcode
    phone = ca.normalise_phone(text, country)
    assert phone is None or phone.startswith("+")


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_people_extraction_takes_any_card(text):
    doc = lxml.html.document_fromstring(f"<html><body><main><div><h3>{text}</h3><p>{text}</p></div></main></body></html>")
    for person in extract_practitioners(doc, [], url="http://x.test/team/", country="GB"):
        assert person.name and person.profession in PROFESSIONS
