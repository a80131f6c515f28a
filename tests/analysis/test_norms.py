"""Price norms: percentiles, region levels and fallback, what counts, repeatability."""

from __future__ import annotations

import statistics

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.norms import compute_norms
from db.schema import ensure_schema

DAY = "2026-01-02"


def norm(db, level, treatment="hair_mesotherapy", basis="session"):
    rows = list(db.query(
        "SELECT * FROM price_norms WHERE level = ? AND treatment = ? AND basis = ?",
        [level, treatment, basis]))
    assert len(rows) <= 1
    return rows[0] if rows else None


def position(db, price_id):
    return db["price_positions"].get(price_id)


def fresh_memory_db():
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    return db


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=100, max_value=500_000), min_size=8, max_size=70))
def test_percentiles_match_python_reference(cents):
    db = fresh_memory_db()
    values = [c / 100 for c in cents]
    for i, value in enumerate(values):
        db["clinics"].insert({"id": f"c{i}", "site": f"s{i}", "country": "DE",
                              "locality": "Berlin"})
        db["prices"].insert({"id": f"p{i}", "clinic_id": f"c{i}", "treatment": "prp_hair",
                             "amount": value, "per_session": value, "currency": "EUR",
                             "unit": "session"})
    compute_norms(db, today=DAY)
    row = norm(db, "country", "prp_hair")
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    assert row["n"] == len(values)
    assert row["median"] == pytest.approx(statistics.median(values), rel=1e-12)
    assert row["p10"] == pytest.approx(cuts[9], rel=1e-12)
    assert row["p25"] == pytest.approx(cuts[24], rel=1e-12)
    assert row["p75"] == pytest.approx(cuts[74], rel=1e-12)
    assert (row["min_value"], row["max_value"]) == (min(values), max(values))


def test_postcode_area_norm_and_labels(db, build):
    for i, pc in enumerate(["SW1A 1AA", "sw3 4hh", "SW19 2BB", "SE1 7PB", "M1 1AE", "M14 5TQ",
                            "SW5 0AA", "SW7 2AZ", "SW11 1AA", "SW12 1AA"]):
        build.price(build.clinic(postcode=pc, locality="London"), amount=100 + i)
    compute_norms(db, today=DAY)
    keys = {r["region_key"]: r for r in db.query(
        "SELECT * FROM price_norms WHERE level = 'postcode_area'")}
    # 7 SW clinics are below the minimum of 8: no SW norm; lower the minimum to see them
    assert keys == {}
    compute_norms(db, {"NORMS_MIN_N": 2}, today=DAY)
    keys = {r["region_key"]: r for r in db.query(
        "SELECT * FROM price_norms WHERE level = 'postcode_area'")}
    assert sorted(keys) == ["GB:M", "GB:SW"]
    assert keys["GB:SW"]["n"] == 7 and keys["GB:M"]["n"] == 2
    assert keys["GB:SW"]["region_label"] == "the SW postcode area"
    assert norm(db, "country")["region_label"] == "the UK"
    assert norm(db, "city")["region_label"] == "London"


def test_falls_back_from_postcode_area_to_country(db, build):
    target = None
    # 5 clinics in SW (too few), 10 more spread over other areas and cities
    for i in range(5):
        pid = build.price(build.clinic(postcode=f"SW{i} 1AA", locality="London"), amount=120)
        target = target or pid
    for i in range(10):
        build.price(build.clinic(postcode=f"B{i} 1AA", locality=f"Town{i}"), amount=80 + i)
    stats = compute_norms(db, today=DAY)
    assert norm(db, "postcode_area")["region_key"] == "GB:B"  # B has 10 clinics, SW only 5
    pos = position(db, target)
    assert pos["norm_level"] == "country" and pos["norm_region_key"] == "GB"
    assert pos["norm_n"] == 15 and pos["norm_region_label"] == "the UK"
    assert stats["positions_by_level"] == {"country": 5, "postcode_area": 10}


def test_us_uses_city_then_state(db, build):
    la = [build.price(build.clinic("US", None, "Los Angeles", "CA"), amount=300, currency="USD")
          for _ in range(8)]
    sf = build.price(build.clinic("US", None, "San Francisco", "ca"), amount=150, currency="USD")
    compute_norms(db, today=DAY)
    assert position(db, la[0])["norm_region_key"] == "US:CA:los angeles"
    pos = position(db, sf)
    assert (pos["norm_level"], pos["norm_region_key"]) == ("state", "US:CA")
    assert pos["norm_region_label"] == "California"
    assert pos["ratio_to_median"] == pytest.approx(0.5)
    assert pos["pct_vs_median"] == pytest.approx(-50.0)
    assert pos["band"] == "below_p10"


def test_each_clinic_counts_once_with_its_lowest_price(db, build):
    for i in range(8):
        c = build.clinic(country="DE", postcode=None, locality="Berlin")
        build.price(c, amount=100 + i, currency="EUR")
        build.price(c, amount=500, currency="EUR", treatment_text="premium")
    compute_norms(db, today=DAY)
    row = norm(db, "city")
    assert row["n"] == 8
    assert row["min_value"] == 100 and row["max_value"] == 107 and row["median"] == 103.5


def test_courses_are_their_own_basis(db, build):
    """A course's per-session figure is compared with courses, never with single sessions."""
    ids = []
    for i in range(8):
        c = build.clinic(country="DE", postcode=None, locality="Berlin")
        build.price(c, amount=100 + i, currency="EUR")
        ids.append(build.price(c, amount=900 - 10 * i, currency="EUR", unit="course",
                               sessions=10))  # 90, 89, ... 83 a session
    compute_norms(db, today=DAY)
    assert norm(db, "city")["median"] == 103.5
    course = norm(db, "city", basis="course")
    assert (course["n"], course["min_value"], course["max_value"]) == (8, 83, 90)
    pos = position(db, ids[0])
    assert (pos["basis"], pos["unit_price"], pos["norm_median"]) == ("course", 90, 86.5)


def test_from_prices_and_unknown_amounts_do_not_count(db, build):
    for i in range(8):
        c = build.clinic()
        build.price(c, amount=100)
        build.price(c, amount=10, from_price=1)
        build.price(c, amount=None)
        build.price(c, amount=200, unit="course", sessions=None, per_session=None)
    stats = compute_norms(db, today=DAY)
    assert norm(db, "country")["min_value"] == 100
    assert stats["comparable_prices"] == 16  # session prices and from-prices; not POA/course
    assert db["price_positions"].count_where("from_price = 1") == 8


def test_per_unit_bases_are_separate_norms(db, build):
    for i in range(8):
        c = build.clinic()
        build.price(c, "botulinum_toxin", amount=240, unit="area", quantity=2)
        build.price(c, "botulinum_toxin", amount=200, unit="unit", quantity=20 + i * 0)
        build.price(c, "botulinum_toxin", amount=250, unit="area", quantity=None)
    compute_norms(db, today=DAY)
    assert norm(db, "country", "botulinum_toxin", "area")["median"] == 120
    assert norm(db, "country", "botulinum_toxin", "unit")["median"] == 10
    assert norm(db, "country", "botulinum_toxin", "session") is None


def test_currencies_never_mix(db, build):
    for i in range(8):
        build.price(build.clinic(country="IE", postcode=None, locality="Dublin"), amount=100,
                    currency="EUR")
        build.price(build.clinic(country="IE", postcode=None, locality="Dublin"), amount=90,
                    currency="GBP")
    compute_norms(db, today=DAY)
    rows = list(db.query("SELECT currency, median FROM price_norms WHERE level = 'country' "
                         "ORDER BY currency"))
    assert rows == [{"currency": "EUR", "median": 100}, {"currency": "GBP", "median": 90}]


def test_recomputing_gives_identical_tables(db, build):
    for i in range(30):
        c = build.clinic(postcode=f"{'SW' if i % 2 else 'N'}{i} 1AA", locality=f"t{i % 3}")
        build.price(c, amount=50 + (i * 37) % 200)
        build.price(c, "prp_hair", amount=300 + (i * 53) % 400)
    compute_norms(db, today="2026-01-01")
    first = _snapshot(db)
    compute_norms(db, today="2026-02-01")
    assert _snapshot(db) == first
    days = {r["computed_at"] for r in db.query("SELECT computed_at FROM price_norms")}
    assert days == {"2026-02-01"}


def _snapshot(db):
    norms = [tuple(v for k, v in r.items() if k != "computed_at")
             for r in db.query("SELECT * FROM price_norms ORDER BY treatment, currency, basis, "
                               "level, region_key")]
    positions = [tuple(v for k, v in r.items() if k != "computed_at")
                 for r in db.query("SELECT * FROM price_positions ORDER BY price_id")]
    return norms, positions


def test_rejects_bad_settings(db):
    with pytest.raises(ValueError, match="unknown analysis setting"):
        compute_norms(db, {"NORMS_MINN": 3})
