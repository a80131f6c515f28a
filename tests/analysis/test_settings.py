"""Settings are validated, and every rule declares only settings that exist."""

from __future__ import annotations

import pytest

from analysis.registry import RULES, rule
from analysis.settings import DEFAULTS, resolve


def test_overrides_apply_and_defaults_stay():
    s = resolve({"PRICE_01_MODE": "either"})
    assert s["PRICE_01_MODE"] == "either"
    assert s["PRICE_01_MEDIAN_FRACTION"] == DEFAULTS["PRICE_01_MEDIAN_FRACTION"] == 0.6
    assert DEFAULTS["PRICE_01_MODE"] == "both"


@pytest.mark.parametrize("overrides,message", [
    ({"PRICE_01_MODE": "any"}, "PRICE_01_MODE"),
    ({"PRICE_01_PERCENTILE": 5}, "PRICE_01_PERCENTILE"),
    ({"PRICE_01_MEDIAN_FRACTION": 1.5}, "PRICE_01_MEDIAN_FRACTION"),
    ({"NORMS_MIN_N": 0}, "NORMS_MIN_N"),
    ({"US_INJECTABLE_TREATMENTS": "botulinum_toxin"}, "US_INJECTABLE_TREATMENTS"),
    ({"PRICE01_MODE": "both"}, "unknown analysis setting"),
    ({"PRICE_01_FLOORS": {"prp_hair": {"EUR": 0}}}, "PRICE_01_FLOORS"),
    ({"PRICE_01_FLOORS": {"prp_hair": {"EUR": "120"}}}, "PRICE_01_FLOORS"),
    ({"PRICE_01_FLOORS": {"prp_hair": 120}}, "PRICE_01_FLOORS"),
    ({"PRICE_01_FLOORS": [("prp_hair", 120)]}, "PRICE_01_FLOORS"),
])
def test_bad_settings_are_refused(overrides, message):
    with pytest.raises(ValueError, match=message):
        resolve(overrides)


def test_rules_declare_known_settings_and_severities():
    for registered in RULES.values():
        assert set(registered.settings) <= set(DEFAULTS), registered.id
        assert registered.version >= 1


def test_a_rule_id_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="registered twice: PRICE-01"):
        rule("PRICE-01", 2, severities=("amber",), title="again")(lambda db, s: iter(()))


def test_price_floors_are_the_research_provisional_floors():
    floors = resolve()["PRICE_01_FLOORS"]
    assert floors["prp_hair"] == {"USD": 250, "GBP": 150, "EUR": 120}
    assert floors["hair_mesotherapy"] == {"USD": 100, "GBP": 60, "EUR": 50}
    assert resolve({"PRICE_01_FLOORS": {}})["PRICE_01_FLOORS"] == {}
