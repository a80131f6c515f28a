"""Finding rules, case by case: each scenario says which severities a rule emits."""

from __future__ import annotations

import json

import pytest

from analysis.registry import RULES
from analysis.rules import run_rules
from analysis.norms import compute_norms
from tests.analysis.care_cases import CARE_CASES

NOW = "2026-03-01T10:00:00+00:00"


def norm_clinics(build, amounts, **clinic):
    """Clinics that each sell hair mesotherapy at one of ``amounts`` (no practitioners needed)."""
    for amount in amounts:
        build.price(build.clinic(**clinic), amount=amount)


def course_clinics(build, per_session, n):
    """``n`` clinics selling one session at 100 and a course of 10 at ``per_session`` each."""
    for _ in range(n):
        c = build.clinic()
        build.price(c, amount=100)
        build.price(c, amount=per_session * 10, unit="course", sessions=10)


def _cheap_session_and_course(build):
    c = build.clinic()
    build.practitioner(c, "Dr A Smith", profession="doctor")
    build.price(c, amount=45)
    build.price(c, amount=400, unit="course", sessions=10)


def target(build, amount, **price):
    c = build.clinic()
    build.practitioner(c, "Dr A Smith", profession="doctor")
    return build.price(c, amount=amount, **price)


def gb_botox(build, *people, country="GB"):
    c = build.clinic(country=country, region="CA" if country == "US" else None)
    build.price(c, "botulinum_toxin", amount=200, currency="USD" if country == "US" else "GBP")
    ids = [build.practitioner(c, name, **kw) for name, kw in people]
    return c, ids


def us_botox(build, *people):
    return gb_botox(build, *people, country="US")


def cred(build, kind, profession="nurse", country="GB", **kw):
    c = build.clinic(country=country)
    r = build.practitioner(c, "Sam Lee", profession=profession)
    build.credential(r, c, kind, kw.pop("value", "12A3456B"), **kw)


CASES = {
    # PRICE-01: ten clinics at 100 give median 100, p10 100
    "price01-far-below": ("PRICE-01", None, ["amber"],
                          lambda b: (norm_clinics(b, [100] * 10), target(b, 59))),
    # 9 clinics: p10 lies between the two lowest (40 and 45), so it is not tested and
    # both are flagged (before, only the cheapest could ever be below p10)
    "price01-second-cheapest-small-norm": ("PRICE-01", None, ["amber", "amber"],
                                           lambda b: (norm_clinics(b, [100] * 7 + [40]),
                                                      target(b, 45))),
    # 11 clinics: p10 is the second lowest figure (45 itself): only 40 is below it
    "price01-percentile-tested-from-11": ("PRICE-01", None, ["amber"],
                                          lambda b: (norm_clinics(b, [100] * 9 + [40]),
                                                     target(b, 45))),
    "price01-bottom-tenth-only": ("PRICE-01", None, [],
                                  lambda b: (norm_clinics(b, [100] * 10), target(b, 70))),
    "price01-percentile-mode": ("PRICE-01", {"PRICE_01_MODE": "percentile"}, ["amber"],
                                lambda b: (norm_clinics(b, [100] * 10), target(b, 70))),
    "price01-fraction-mode-not-below": ("PRICE-01", {"PRICE_01_MODE": "fraction"}, [],
                                        lambda b: (norm_clinics(b, [100] * 10), target(b, 61))),
    "price01-either-mode": ("PRICE-01", {"PRICE_01_MODE": "either"}, ["amber"],
                            lambda b: (norm_clinics(b, [100] * 10), target(b, 99))),
    "price01-too-few-clinics-no-floor": ("PRICE-01", {"PRICE_01_FLOORS": {}}, [],
                                         lambda b: (norm_clinics(b, [100] * 6), target(b, 20))),
    "price01-min-n-setting": ("PRICE-01", {"PRICE_01_MIN_N": 20, "PRICE_01_FLOORS": {}}, [],
                              lambda b: (norm_clinics(b, [100] * 10), target(b, 20))),
    # no norm with enough clinics: the provisional floor (GBP hair mesotherapy: 60 a session)
    "price01-below-floor-too-few-clinics": ("PRICE-01", None, ["amber"],
                                            lambda b: (norm_clinics(b, [100] * 6), target(b, 55))),
    "price01-above-floor-too-few-clinics": ("PRICE-01", None, [],
                                            lambda b: (norm_clinics(b, [100] * 6), target(b, 61))),
    "price01-floor-not-used-with-a-norm": ("PRICE-01",
                                           {"PRICE_01_FLOORS": {"hair_mesotherapy": {"GBP": 90}}},
                                           [], lambda b: (norm_clinics(b, [100] * 10),
                                                          target(b, 80))),
    "price01-no-floor-for-this-treatment": ("PRICE-01", None, [],
                                            lambda b: target(b, 5, treatment="botulinum_toxin",
                                                             unit="area", quantity=1)),
    "price01-floor-other-currency": ("PRICE-01", None, [],
                                     lambda b: target(b, 5, currency="PLN")),
    "price01-from-price-not-compared": ("PRICE-01", None, [],
                                        lambda b: (norm_clinics(b, [100] * 10),
                                                   target(b, 20, from_price=1))),
    "price01-course-below-course-norm": ("PRICE-01", None, ["amber"],
                                        lambda b: (course_clinics(b, 100, 10),
                                                   target(b, 500, unit="course", sessions=10))),
    # 58 a session in a course is far below single sessions (100) but not other courses (75)
    "price01-course-not-against-sessions": ("PRICE-01", None, [],
                                            lambda b: (course_clinics(b, 75, 10),
                                                       target(b, 580, unit="course",
                                                              sessions=10))),
    # a session price and the course built on it: one finding for the treatment
    "price01-session-and-course-one-finding": ("PRICE-01", None, ["amber"],
                                               lambda b: (course_clinics(b, 90, 10),
                                                          _cheap_session_and_course(b))),
    # PRICE-02
    "price02-from": ("PRICE-02", None, ["info"], lambda b: b.price(b.clinic(), from_price=1)),
    "price02-course-no-sessions": ("PRICE-02", None, ["info"],
                                   lambda b: b.price(b.clinic(), unit="course", amount=600)),
    "price02-course-with-sessions": ("PRICE-02", None, [],
                                     lambda b: b.price(b.clinic(), unit="course", sessions=6)),
    "price02-poa": ("PRICE-02", None, [], lambda b: b.price(b.clinic(), amount=None, from_price=1)),
    # UK-POM-01
    "pom-nobody-named": ("UK-POM-01", None, ["amber"], lambda b: gb_botox(b)),
    "pom-aesthetician-only": ("UK-POM-01", None, ["red"],
                              lambda b: gb_botox(b, ("Amy Jones", {"profession": "aesthetician"}),
                                                 ("Bo Li", {"profession": "unknown"}))),
    "pom-nurse-prescriber": ("UK-POM-01", None, [],
                             lambda b: gb_botox(b, ("Ann Ray", {"profession": "nurse",
                                                                "prescriber": 1}))),
    "pom-dentist": ("UK-POM-01", None, [],
                    lambda b: gb_botox(b, ("Dr Q", {"profession": "dentist"}))),
    "pom-annotation-on-register": ("UK-POM-01", None, [], lambda b: _annotated_nurse(b)),
    "pom-not-uk": ("UK-POM-01", None, [], lambda b: us_botox(b)),
    # UK-REG-01..03
    "reg01-bad-format": ("UK-REG-01", None, ["amber"], lambda b: cred(b, "nmc", format_valid=0)),
    "reg01-good-format": ("UK-REG-01", None, [], lambda b: cred(b, "nmc")),
    "reg01-npi-not-uk": ("UK-REG-01", None, [], lambda b: cred(b, "npi", format_valid=0)),
    "reg02-not-found": ("UK-REG-02", None, ["red"], lambda b: cred(b, "nmc", status="not_found")),
    "reg02-name-mismatch": ("UK-REG-02", None, ["red"],
                            lambda b: cred(b, "gmc", "doctor", status="name_mismatch")),
    "reg02-verified": ("UK-REG-02", None, [], lambda b: cred(b, "nmc", status="verified")),
    "reg02-unverifiable": ("UK-REG-02", None, [], lambda b: cred(b, "nmc", status="unverifiable")),
    "reg03-inactive": ("UK-REG-03", None, ["red"], lambda b: cred(b, "nmc", status="inactive")),
    "reg02-malformed-number-not-found": ("UK-REG-02", None, [],
                                         lambda b: cred(b, "gdc", "dentist", value="998750X",
                                                        format_valid=0, status="not_found")),
    "reg01-malformed-number-not-found": ("UK-REG-01", None, ["amber"],
                                         lambda b: cred(b, "gdc", "dentist", value="998750X",
                                                        format_valid=0, status="not_found")),
    "reg03-conditions-is-reg04": ("UK-REG-03", None, [],
                                  lambda b: cred(b, "nmc", status="conditions")),
    "reg03-verified": ("UK-REG-03", None, [], lambda b: cred(b, "nmc", status="verified")),
    # UK-REG-04
    "reg04-conditions": ("UK-REG-04", None, ["amber"],
                         lambda b: cred(b, "nmc", status="conditions")),
    "reg04-inactive-is-reg03": ("UK-REG-04", None, [],
                                lambda b: cred(b, "nmc", status="inactive")),
    "reg04-verified": ("UK-REG-04", None, [], lambda b: cred(b, "gmc", "doctor",
                                                             status="verified")),
    "reg04-not-uk": ("UK-REG-04", None, [], lambda b: cred(b, "npi", "doctor", "US",
                                                           status="conditions")),
    # UK-REG-05
    "reg05-doctor-no-number": ("UK-REG-05", None, ["amber"],
                               lambda b: b.practitioner(b.clinic(), "Dr Z", title="Dr",
                                                        profession="doctor")),
    "reg05-doctor-with-gmc": ("UK-REG-05", None, [], lambda b: cred(b, "gmc", "doctor")),
    "reg05-nurse-with-wrong-kind": ("UK-REG-05", None, ["amber"],
                                    lambda b: cred(b, "gmc", "nurse")),
    "reg05-title-dr-dentist-number": ("UK-REG-05", None, [],
                                      lambda b: _titled(b, "Dr.", "unknown", "gdc")),
    "reg05-name-lookup-failed": ("UK-REG-05", None, ["red"], lambda b: _name_lookup_failed(b)),
    "reg05-not-uk": ("UK-REG-05", None, [],
                     lambda b: b.practitioner(b.clinic("US"), "Dr Z", title="Dr",
                                              profession="doctor")),
    "reg05-aesthetician": ("UK-REG-05", None, [],
                           lambda b: b.practitioner(b.clinic(), "Kim", profession="aesthetician")),
    # US-ROLE-01..03
    "role01-aesthetician-alone": ("US-ROLE-01", None, ["red"],
                                  lambda b: us_botox(b, ("Kim", {"profession": "aesthetician"}))),
    "role01-with-doctor": ("US-ROLE-01", None, [],
                           lambda b: us_botox(b, ("Kim", {"profession": "aesthetician"}),
                                              ("Dr P", {"profession": "doctor"}))),
    "role01-injector-role-beside-doctor": ("US-ROLE-01", None, ["red"],
                                           lambda b: us_botox(b, ("Kim", {
                                               "profession": "aesthetician",
                                               "role": "Licensed Esthetician and Injector"}),
                                               ("Dr P", {"profession": "doctor"}))),
    "role01-assistant-botox-role-beside-np": ("US-ROLE-01", None, ["red"],
                                              lambda b: us_botox(b, ("Kim", {
                                                  "profession": "medical_assistant",
                                                  "role": "Medical Assistant and Botox Injector"}),
                                                  ("Mo", {"profession": "nurse_practitioner"}))),
    "role01-nurse-injector-role-not-counted": ("US-ROLE-01", None, [],
                                               lambda b: us_botox(b, ("Lou", {
                                                   "profession": "nurse",
                                                   "role": "Registered Nurse Injector"}),
                                                   ("Kim", {"profession": "aesthetician"}))),
    "role01-facialist-beside-nurse": ("US-ROLE-01", None, [],
                                      lambda b: us_botox(b, ("Kim", {"profession": "aesthetician",
                                                                     "role": "Facialist"}),
                                                         ("Lou", {"profession": "nurse"}))),
    "role01-named-injector": ("US-ROLE-01", None, ["red"],
                              lambda b: us_botox(b, ("Kim", {"profession": "medical_assistant",
                                                             "role": "Lead Injector"}),
                                                 ("Lou", {"profession": "nurse"}))),
    "role02-nurse-alone": ("US-ROLE-02", None, ["amber"],
                           lambda b: us_botox(b, ("Lou", {"profession": "nurse"}))),
    "role02-nurse-with-np": ("US-ROLE-02", None, [],
                             lambda b: us_botox(b, ("Lou", {"profession": "nurse"}),
                                                ("Mo", {"profession": "nurse_practitioner"}))),
    "role03-nobody": ("US-ROLE-03", None, ["amber"], lambda b: us_botox(b)),
    "role03-pa": ("US-ROLE-03", None, [],
                  lambda b: us_botox(b, ("Mo", {"profession": "physician_assistant"}))),
    "role03-no-injectables": ("US-ROLE-03", None, [],
                              lambda b: b.price(b.clinic("US", region="TX"), "prp_hair")),
    "role03-uk": ("US-ROLE-03", None, [], lambda b: gb_botox(b)),
    # US-NPI-01
    "npi-bad-format": ("US-NPI-01", None, ["amber"],
                       lambda b: cred(b, "npi", "doctor", "US", format_valid=0)),
    "npi-not-found": ("US-NPI-01", None, ["red"],
                      lambda b: cred(b, "npi", "doctor", "US", status="not_found")),
    "npi-inactive": ("US-NPI-01", None, ["red"],
                     lambda b: cred(b, "npi", "doctor", "US", status="inactive")),
    "npi-wrong-state": ("US-NPI-01", None, ["amber"],
                        lambda b: cred(b, "npi", "doctor", "US", status="verified",
                                       evidence={"licence_state_match": False})),
    "npi-verified": ("US-NPI-01", None, [],
                     lambda b: cred(b, "npi", "doctor", "US", status="verified",
                                    evidence={"licence_state_match": True})),
    "npi-plain-text-evidence": ("US-NPI-01", None, [],
                                lambda b: cred(b, "npi", "doctor", "US", evidence="NPI: 1234")),
    # GEN-NOPRAC-01
    "noprac-prices-nobody": ("GEN-NOPRAC-01", None, ["amber"], lambda b: b.price(b.clinic())),
    "noprac-someone-named": ("GEN-NOPRAC-01", None, [], lambda b: target(b, 100)),
    "noprac-no-prices": ("GEN-NOPRAC-01", None, [], lambda b: b.clinic()),
    **CARE_CASES,  # ENG-CQC-02, SCO-HIS-01 (tests/analysis/care_cases.py)
}


def _annotated_nurse(b):
    c, (r,) = gb_botox(b, ("Ann Ray", {"profession": "nurse"}))
    b.credential(r, c, "nmc", "12A3456B", status="verified",
                 evidence={"prescriber_annotation": True})


def _titled(b, title, profession, kind):
    c = b.clinic()
    r = b.practitioner(c, "Dr Q", title=title, profession=profession)
    b.credential(r, c, kind, "123456")


def _name_lookup_failed(b):
    c = b.clinic()
    r = b.practitioner(c, "Ann Ray", profession="nurse")
    b.credential(r, c, "nmc", "", status="not_found", evidence={"lookup": "name"},
                 register_url="https://register.example/search?name=Ann+Ray")


def said(kind, value, country="GB", postcode="SW1A 1AA", text="", toxin=False, stale=False):
    """A clinic whose home page shows one signal (``stale``: the page was fetched again since)."""
    def setup(b):
        c = b.clinic(country=country, postcode=postcode)
        if toxin:
            b.price(c, "botulinum_toxin", amount=180, unit="area", quantity=1)
        b.signal(c, kind, value, text)
        b.page(c, fetched_at="2026-03-02T09:00:00Z" if stale else "2026-03-01T09:00:00Z")
        return c
    return setup


def toxin_price(label, country="GB", unit="area", signal=None, page="/prices"):
    def setup(b):
        c = b.clinic(country=country, region="CA" if country == "US" else None)
        b.price(c, "botulinum_toxin", amount=180, unit=unit, quantity=1, treatment_text=label,
                currency="USD" if country == "US" else "GBP")
        b.page(c, "/prices", kind="prices")
        if signal:
            b.signal(c, "toxin_product", signal, f"We use {signal}.", page=page)
    return setup


def membership(status, value="Save Face"):
    def setup(b):
        c = b.clinic()
        r = b.practitioner(c, "Ann Ray", profession="nurse")
        b.credential(r, c, "membership", value, issuer=value, status=status,
                     evidence={"register": {"kind": "saveface" if "Save" in value else "jccp"}, "lookup": "name"})
    return setup


def hair_trip(*extra, doctor=False, tourism=True, country="TR"):
    def setup(b):
        c = b.clinic(country=country, postcode=None)
        if tourism:
            b.signal(c, "hair_tourism", "airport transfers", "Hair transplant package with VIP airport transfers.")
        for kind, value in extra:
            b.signal(c, kind, value)
        if doctor:
            b.practitioner(c, "Op. Dr. Ali Kaya", profession="doctor")
    return setup


CASES.update({
    "pom02-video-consultation-for-toxin": ("UK-POM-02", None, ["red"], said("remote_prescribing", "toxin")),
    "pom02-prescriber-online-at-a-toxin-clinic": ("UK-POM-02", None, ["red"],
                                                  said("remote_prescribing", "prescriber", toxin=True)),
    "pom02-prescriber-online-no-toxin-offered": ("UK-POM-02", None, [], said("remote_prescribing", "prescriber")),
    "pom02-not-uk": ("UK-POM-02", None, [], said("remote_prescribing", "toxin", country="US")),
    "pom02-page-no-longer-says-it": ("UK-POM-02", None, [], said("remote_prescribing", "toxin", stale=True)),
    "age01-england": ("UK-AGE-01", None, ["red"], said("under_18", "16+")),
    "age01-unknown-postcode-taken-as-england": ("UK-AGE-01", None, ["red"], said("under_18", "16+", postcode=None)),
    "age01-scotland-outside-the-act": ("UK-AGE-01", None, [], said("under_18", "16+", postcode="G2 3AB")),
    "promo01-two-for-one": ("UK-PROMO-01", None, ["amber"], said("promotion", "two_for_one")),
    "promo01-ireland": ("UK-PROMO-01", None, [], said("promotion", "two_for_one", country="IE", postcode=None)),
    "setting01-we-come-to-you": ("UK-SETTING-01", None, ["amber"], said("mobile_setting", "we come to you")),
    "setting01-stale": ("UK-SETTING-01", None, [], said("mobile_setting", "we come to you", stale=True)),
    "product01-korean-toxin": ("UK-PRODUCT-01", None, ["red"], said("toxin_product", "Botulax")),
    "product01-licensed-brand": ("UK-PRODUCT-01", None, [], said("toxin_product", "Bocouture")),
    "price03-per-area-no-product": ("PRICE-03", None, ["info"], toxin_price("Anti-wrinkle 1 area")),
    "price03-us-per-unit-no-product": ("PRICE-03", None, ["info"], toxin_price("Neurotoxin", "US", "unit")),
    "price03-product-in-label": ("PRICE-03", None, [], toxin_price("Azzalure 1 area")),
    "price03-product-named-on-the-price-page": ("PRICE-03", None, [],
                                                toxin_price("Anti-wrinkle 1 area", signal="Bocouture")),
    "price03-product-named-on-another-page": ("PRICE-03", None, ["info"],
                                              toxin_price("Anti-wrinkle 1 area", signal="Botox", page="/team")),
    "price03-per-session": ("PRICE-03", None, [], toxin_price("Anti-wrinkle", unit="session")),
    "advpom01-brand-with-price": ("UK-ADV-POM-01", None, ["info"], toxin_price("Botox 3 areas")),
    "advpom01-generic-name-with-price": ("UK-ADV-POM-01", None, ["info"], toxin_price("Botulinum toxin, one area")),
    "advpom01-indirect-wording": ("UK-ADV-POM-01", None, [], toxin_price("Anti-wrinkle injections")),
    "advpom01-not-uk": ("UK-ADV-POM-01", None, [], toxin_price("Botox 3 areas", "US")),
    "reg06-save-face-not-listed": ("UK-REG-06", None, ["amber"], membership("not_found")),
    "reg06-jccp-not-listed": ("UK-REG-06", None, ["amber"], membership("not_found", "JCCP")),
    "reg06-listed": ("UK-REG-06", None, [], membership("verified")),
    "reg06-no-snapshot": ("UK-REG-06", None, [], membership("unverifiable")),
    "trht01-technicians": ("TR-HT-01", None, ["amber"], hair_trip(("technician_led", "technicians"), doctor=True)),
    "trht01-mega-session": ("TR-HT-01", None, ["amber"], hair_trip(("graft_count", "6000"), doctor=True)),
    "trht01-no-surgeon-named": ("TR-HT-01", None, ["amber"], hair_trip()),
    "trht01-surgeon-named": ("TR-HT-01", None, [], hair_trip(doctor=True)),
    "trht01-not-sold-abroad": ("TR-HT-01", None, [], hair_trip(("technician_led", "technicians"), tourism=False)),
})


def test_conduct_finding_quotes_the_words_and_the_page(db, build):
    c = build.clinic(name="Glow Room")
    build.signal(c, "mobile_setting", "we come to you", "Lip filler at home: we come to you.")
    run_rules(db, now=NOW)
    flag = next(db.query("SELECT * FROM flags WHERE rule_id = 'UK-SETTING-01'"))
    assert 'its website says "Lip filler at home: we come to you". Homes' in flag["message"]
    assert flag["evidence_url"] == f"https://{c}.example/"
    quote = json.loads(flag["evidence"])["quotes"][0]
    assert quote == {"kind": "mobile_setting", "value": "we come to you", "words": "Lip filler at home: we come to you.",
                     "url": f"https://{c}.example/", "page": None}


def test_tr_ht_01_names_every_reason(db, build):
    hair_trip(("technician_led", "technicians"), ("graft_count", "6000"))(build)
    run_rules(db, now=NOW)
    message = next(db.query("SELECT message FROM flags WHERE rule_id = 'TR-HT-01'"))["message"]
    assert "technicians do the surgery" in message and "6,000 grafts in one session" in message
    assert "names no surgeon" in message


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_case(db, build, case):
    rule_id, overrides, expected, setup = CASES[case]
    setup(build)
    compute_norms(db, overrides, today="2026-03-01")
    stats = run_rules(db, overrides, now=NOW)
    got = [r["severity"] for r in db.query(
        "SELECT severity FROM flags WHERE rule_id = ? ORDER BY severity", [rule_id])]
    assert got == sorted(expected)
    counted = stats["rules"][rule_id]
    assert sum(v for k, v in counted.items() if k != "version") == len(expected)


def test_every_rule_has_a_case_that_fires_and_one_that_does_not():
    fires = {rule for rule, _, expected, _ in CASES.values() if expected}
    quiet = {rule for rule, _, expected, _ in CASES.values() if not expected}
    assert fires == quiet == set(RULES)


def test_flag_rows_carry_rule_version_subjects_and_evidence(db, build):
    cred(build, "gmc", "doctor", status="not_found", register_url="https://gmc.example/7654321",
         value="7654321", evidence={"register_status": "no match"})
    run_rules(db, now=NOW)
    flag = next(db.query("SELECT * FROM flags WHERE rule_id = 'UK-REG-02'"))
    assert flag["rule_version"] == RULES["UK-REG-02"].version
    assert flag["practitioner_id"] and flag["credential_id"] and flag["clinic_id"]
    assert flag["evidence_url"] == "https://gmc.example/7654321"
    evidence = json.loads(flag["evidence"])
    assert evidence["register_answer"] == {"register_status": "no match"}
    assert evidence["status"] == "not_found"


def test_price_01_is_one_finding_per_treatment_listing_every_row_below(db, build):
    course_clinics(build, 90, 10)
    c = build.clinic()
    session = build.price(c, amount=45)
    course = build.price(c, amount=400, unit="course", sessions=10)
    compute_norms(db, today="2026-03-01")
    run_rules(db, now=NOW)
    (flag,) = db.query("SELECT * FROM flags WHERE rule_id = 'PRICE-01'")
    assert flag["price_id"] == session and flag["rule_version"] == 2
    evidence = json.loads(flag["evidence"])
    assert [(p["price_id"], p["basis"], p["test"]) for p in evidence["prices_below"]] == [
        (session, "session", "norm"), (course, "course", "norm")]
    assert evidence["norm"]["n"] == 11 and evidence["floor"] is None


def test_price_01_floor_evidence(db, build):
    c = build.clinic(country="ES", postcode=None, locality="Madrid")
    build.price(c, "prp_hair", amount=90, currency="EUR")
    compute_norms(db, today="2026-03-01")
    run_rules(db, now=NOW)
    (flag,) = db.query("SELECT evidence FROM flags WHERE rule_id = 'PRICE-01'")
    evidence = json.loads(flag["evidence"])
    assert (evidence["test"], evidence["floor"], evidence["norm"]) == ("floor", 120, None)
