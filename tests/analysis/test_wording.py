"""Messages a consumer reads: amounts in their currency, treatments and regions by name."""

from __future__ import annotations

import pytest

from analysis import labels, scope
from analysis.norms import compute_norms
from analysis.rules import run_rules


@pytest.mark.parametrize("amount,currency,text", [
    (45, "GBP", "£45"), (1200, "EUR", "€1,200"), (12.5, "USD", "$12.50"),
    (1234567.891, "GBP", "£1,234,567.89"), (300, "PLN", "PLN 300"), (99.999, "GBP", "£100"),
])
def test_money(amount, currency, text):
    assert labels.money(amount, currency) == text


@pytest.mark.parametrize("level,key,city,text", [
    ("postcode_area", "GB:SW", None, "the SW postcode area"),
    ("state", "US:CA", None, "California"),
    ("state", "US:ZZ", None, "ZZ"),
    ("city", "DE:berlin", "Berlin", "Berlin"),
    ("country", "DE", None, "Germany"),
    ("country", "GB", None, "the UK"),
])
def test_region_label(level, key, city, text):
    assert labels.region_label(level, key, city) == text


def test_treatment_names_mid_sentence():
    assert labels.treatment_name("prp_hair", start=False) == "PRP for hair"
    assert labels.treatment_name("dermal_filler", start=False) == "dermal filler"


def message(db, rule_id):
    rows = [r["message"] for r in db.query("SELECT message FROM flags WHERE rule_id = ?",
                                           [rule_id])]
    assert len(rows) == 1, rows
    return rows[0]


def test_price_01_message_has_the_numbers(db, build):
    for amount in [100, 110, 120, 120, 120, 125, 125, 140, 150, 160, 170, 180, 190]:
        build.price(build.clinic(postcode="SW4 1AA"), amount=amount)
    build.price(build.clinic(postcode="SW2 1AA"), amount=45)
    compute_norms(db, today="2026-05-01")
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    assert message(db, "PRICE-01") == (
        "Hair mesotherapy at £45 a session is 64% below the median of £125 for 14 clinics "
        "in the SW postcode area.")


def test_price_01_message_for_a_course_in_a_us_state(db, build):
    for i in range(9):
        build.price(build.clinic("US", None, f"Town {i}", "TX"), "prp_hair", 3000 + 300 * i,
                    "USD", unit="course", sessions=3)
    build.price(build.clinic("US", None, "Austin", "TX"), "prp_hair", 1050, "USD",
                unit="course", sessions=3)
    compute_norms(db, today="2026-05-01")
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    assert message(db, "PRICE-01") == (
        "PRP for hair at $350 a session in a course ($1,050 for a course of 3) is 74% below "
        "the median of $1,350 a session for courses at 10 clinics in Texas.")


def test_price_01_message_for_a_floor_and_several_rows(db, build):
    c = build.clinic("ES", None, "Madrid", "ES")
    build.price(c, "prp_hair", 90, "EUR")
    build.price(c, "prp_hair", 240, "EUR", unit="course", sessions=3)
    compute_norms(db, today="2026-05-01")
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    assert message(db, "PRICE-01") == (
        "PRP for hair at €90 a session is below €120 a session, the provisional national "
        "floor we use where too few clinics nearby can be compared. Another of its prices "
        "for this treatment is also far below.")


def test_register_and_prescriber_messages(db, build):
    c = build.clinic(name="Glow Skin", country="GB")
    build.price(c, "botulinum_toxin", amount=180)
    r = build.practitioner(c, "Jane Smith", profession="nurse")
    build.credential(r, c, "nmc", "99Z9999Z", status="not_found")
    compute_norms(db, today="2026-05-01")
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    assert message(db, "UK-REG-02") == (
        "The NMC PIN 99Z9999Z given for Jane Smith at Glow Skin was not found on the "
        "NMC (Nursing and Midwifery Council) register.")
    assert message(db, "UK-POM-01") == (
        "Glow Skin offers anti-wrinkle injections (botulinum toxin), a prescription-only "
        "medicine, but the one person it names is not a doctor, dentist or prescribing nurse "
        "or pharmacist, so nobody named can prescribe it.")


def test_us_role_and_npi_messages(db, build):
    c = build.clinic("US", None, "Miami", "FL", name="Sun Med Spa")
    build.price(c, "botulinum_toxin", amount=12, currency="USD", unit="unit", quantity=1)
    build.price(c, "dermal_filler", amount=700, currency="USD", unit="syringe", quantity=1)
    r = build.practitioner(c, "Kim Lo", profession="aesthetician")
    build.credential(r, c, "npi", "1234567893", status="verified",
                     evidence={"licence_state_match": False})
    compute_norms(db, today="2026-05-01")
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    row = scope.default_table().get("FL", "esthetician", "toxin")
    assert row.may_inject == "unknown"  # Florida: only secondary sources (the table's notes)
    assert message(db, "US-ROLE-01") == (
        "Sun Med Spa offers anti-wrinkle injections (botulinum toxin) and dermal filler, and "
        "the person named to give them, Kim Lo, is an aesthetician, and we could not confirm "
        f"that Florida allows that. In Florida, {row.rule} ({row.source_name}, checked "
        f"{row.checked}). No doctor, nurse practitioner or physician assistant is named.")
    assert message(db, "US-NPI-01") == (
        "The NPI 1234567893 given for Kim Lo at Sun Med Spa lists no licence in Florida.")


def test_conditions_message_quotes_the_register(db, build):
    c = build.clinic(name="Glow Skin", country="GB")
    r = build.practitioner(c, "Jane Smith", profession="nurse")
    build.credential(r, c, "nmc", "12A3456B", status="conditions",
                     evidence={"register": {"register_status": "Conditions of practice order"}})
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    assert message(db, "UK-REG-04") == (
        "The NMC PIN 12A3456B given for Jane Smith at Glow Skin is on the NMC (Nursing and "
        "Midwifery Council) register, but the register shows conditions or limits on this "
        'registration (it says "Conditions of practice order").')


def test_role_01_message_when_a_doctor_is_named(db, build):
    c = build.clinic("US", None, "Los Angeles", "CA", name="Sunset Skin")
    build.price(c, "botulinum_toxin", amount=12, currency="USD", unit="unit", quantity=1)
    build.practitioner(c, "Dr Ann Park", profession="doctor", role="Medical Director")
    build.practitioner(c, "Kim Lo", profession="aesthetician",
                       role="Licensed Esthetician and Injector")
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    row = scope.default_table().get("CA", "esthetician", "toxin")
    assert (row.may_inject, row.source_name) == ("no", "Medical Board of California FAQ")
    assert message(db, "US-ROLE-01") == (
        "Sunset Skin offers anti-wrinkle injections (botulinum toxin), and the person named "
        f"to give them, Kim Lo, is an aesthetician. In California, {row.rule} (Medical Board "
        "of California FAQ, checked 2026-12-07).")


def test_role_02_message_names_the_state_rule(db, build):
    c = build.clinic("US", None, "Houston", "TX", name="Lone Star Skin")
    build.price(c, "dermal_filler", amount=700, currency="USD", unit="syringe", quantity=1)
    build.practitioner(c, "Lou Diaz", profession="nurse", role="Registered Nurse Injector")
    run_rules(db, now="2026-05-01T00:00:00+00:00")
    row = scope.default_table().get("TX", "registered_nurse", "filler")
    assert (row.may_inject, row.supervision) == ("yes", "delegation")
    assert message(db, "US-ROLE-02") == (
        "Lone Star Skin offers dermal filler and names a registered nurse, Lou Diaz, but no "
        "doctor, nurse practitioner or physician assistant to examine patients and supervise "
        f"the injections. In Texas, {row.rule} (Texas Medical Board rule 22 TAC 193.17, "
        "checked 2026-12-07).")
