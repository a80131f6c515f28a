"""Expected findings that depend on the whole world (PRICE-01) and on register states."""

from __future__ import annotations

import statistics

import pytest

from analysis.settings import DEFAULTS
from samples.expect_prices import PriceNorms, basis_and_price, quantile, region_keys
from samples.generator import iter_sites
from samples.model import Clinic, PriceRow
from samples.truth import expected_findings, truth_record


def _clinic(country: str, region: str, locality: str, postcode: str | None,
            rows: list[PriceRow]) -> Clinic:
    return Clinic(branch="", name="x", street="1 High St", locality=locality, region=region,
                  postcode=postcode, country=country, phone="", email="", lat=0, lon=0,
                  prices=rows)


def _row(amount: float, currency: str = "EUR", treatment: str = "prp_hair", **kw) -> PriceRow:
    return PriceRow(treatment=treatment, text=treatment, amount=amount, currency=currency, **kw)


class _Spec:  # the two attributes PriceNorms reads
    def __init__(self, clinics):
        self.clinics = clinics


@pytest.fixture(scope="module", params=[7, 11, 21])
def world(request):
    specs = list(iter_sites(120, request.param))
    return specs, PriceNorms(specs)


def test_the_rule_model_flags_no_ordinary_price(world):
    """Clean clinics stay clean: only rows the generator made far below could be flagged."""
    specs, norms = world
    flagged = [(s.site, r) for s in specs for c in s.clinics for r in c.prices
               if norms.flags(c, r)]
    assert flagged and all(r.outlier for _, r in flagged)


def test_price_01_is_expected_exactly_where_the_rule_can_show_it(world):
    specs, norms = world
    for spec in specs:
        rules = {(f["rule_id"], f["subject"]) for f in expected_findings(spec, norms)}
        for c in spec.clinics:
            for r in c.prices:
                if r.outlier and norms.flags(c, r):
                    assert ("PRICE-01", r.treatment) in rules, spec.site
        low = {t.split(":")[1] for t in spec.scenarios if t.startswith("low_price:")}
        shown = {t for rule, t in rules if rule == "PRICE-01"}
        assert shown <= low, spec.site
        assert truth_record(spec, None, norms)["expected_findings"] == \
            expected_findings(spec, norms)


def test_most_uk_and_us_outliers_are_expected(world):
    """GB and US have norms at 120 sites: every outlier there is shown."""
    specs, norms = world
    outliers = [(c, r) for s in specs for c in s.clinics for r in c.prices
                if r.outlier and c.country in ("GB", "US")]
    assert outliers and all(norms.flags(c, r) for c, r in outliers)


def test_small_countries_use_the_provisional_floor():
    """Six Irish clinics: no norm; EUR 110 is below the EUR 120 PRP floor, EUR 140 is not."""
    clinics = [_clinic("IE", "IE", "Dublin", "D02 X1Y2", [_row(400 + i)]) for i in range(5)]
    low = _row(110, outlier=True)
    not_low_enough = _row(3 * 140, outlier=True, unit="course", sessions=3)
    target = _clinic("IE", "IE", "Cork", "T12 X1Y2", [low, not_low_enough])
    norms = PriceNorms([_Spec([*clinics, target])])
    assert norms.norm(target, "prp_hair", "EUR", "session") is None
    assert DEFAULTS["PRICE_01_FLOORS"]["prp_hair"]["EUR"] == 120
    assert norms.flags(target, low) is True
    assert norms.flags(target, not_low_enough) is False


def test_a_norm_replaces_the_floor_and_courses_are_their_own_basis():
    clinics = [_clinic("DE", "DE", "Berlin", "10115",
                       [_row(300 + i), _row(750, unit="course", sessions=3)]) for i in range(8)]
    session = _row(130, outlier=True)  # above the 120 floor, far below the 300s
    course = _row(3 * 140, outlier=True, unit="course", sessions=3)  # 140 vs courses at 250
    target = _clinic("DE", "DE", "Berlin", "10117", [session, course])
    norms = PriceNorms([_Spec([*clinics, target])])
    assert norms.flags(target, session) is True
    assert norms.flags(target, course) is True
    assert norms.flags(target, _row(3 * 200, unit="course", sessions=3)) is False


def test_comparable_rows_and_region_keys():
    assert basis_and_price(_row(100, from_price=True)) is None
    assert basis_and_price(_row(600, unit="course")) is None  # no session count
    assert basis_and_price(_row(600, unit="course", sessions=4)) == ("course", 150)
    assert basis_and_price(_row(30, treatment="botulinum_toxin", unit="area", quantity=2.0)) \
        == ("area", 15)
    la = _clinic("US", "CA", "Los Angeles", "90001", [])
    assert region_keys(la) == ["US:CA:los angeles", "US:CA", "US"]
    sw = _clinic("GB", "SW", "London", "SW3 4AB", [])
    assert region_keys(sw) == ["GB:SW", "GB:london", "GB"]


@pytest.mark.parametrize("values", [[1.0, 2.0, 3.0, 4.0, 10.0, 11.0, 13.5, 20.0, 40.0],
                                    [5.0, 7.0, 7.0, 9.0, 100.0, 101.0, 102.0, 150.0, 151.0, 9.5]])
def test_quantile_matches_the_inclusive_method(values):
    values = sorted(values)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    assert quantile(values, 10) == pytest.approx(cuts[9])
    assert quantile(values, 50) == pytest.approx(statistics.median(values))


def test_conditions_registrations_expect_uk_reg_04():
    findings = [f for s in iter_sites(240, 7) for f in expected_findings(s)
                if f["rule_id"] in ("UK-REG-03", "UK-REG-04")]
    kinds = {f["rule_id"] for f in findings}
    assert kinds == {"UK-REG-03", "UK-REG-04"}
