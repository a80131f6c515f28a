"""Generator: determinism, coverage, scenario/finding consistency, price versions."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter

import pytest

from core.identifiers import format_valid
from items import CREDENTIAL_KINDS, PROFESSIONS, TREATMENTS, UNITS
from samples import generator
from samples.generator import ALL_TEMPLATES, generate_site, iter_sites
from samples.truth import truth_record

_DIGEST = (
    "import hashlib, sys\n"
    "from samples.generator import iter_sites\n"
    "h = hashlib.sha256()\n"
    "for s in iter_sites(30, 11):\n"
    "    for p in s.pages:\n"
    "        h.update(s.render(p.path, 8765)[2])\n"
    "    h.update(s.render('/robots.txt', 8765)[2])\n"
    "print(h.hexdigest())\n"
)


def _digest_in_subprocess(hashseed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    out = subprocess.run([sys.executable, "-c", _DIGEST], capture_output=True, text=True, env=env,
                         cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))), check=True)
    return out.stdout.strip()


def test_same_bytes_across_processes_and_hash_seeds():
    assert _digest_in_subprocess("1") == _digest_in_subprocess("2")


def test_fresh_build_renders_identical_bytes():
    for index in range(12):
        a, b = generator._build(7, index), generator._build(7, index)
        for page in a.pages:
            assert a.render(page.path, 9000) == b.render(page.path, 9000), (a.host, page.path)


def test_different_seed_gives_a_different_world():
    assert [s.host for s in iter_sites(10, 7)] != [s.host for s in iter_sites(10, 8)]


def test_all_templates_and_countries_appear_at_demo_size():
    specs = list(iter_sites(120, 7))
    templates = Counter(s.template for s in specs)
    assert set(templates) == set(ALL_TEMPLATES) and len(ALL_TEMPLATES) >= 8
    assert min(templates.values()) >= 5
    countries = Counter(s.country for s in specs)
    assert countries["GB"] == 48 and countries["US"] == 30 and countries["PL"] == 12
    assert {"IE", "DE", "ES", "AE"} <= set(countries)
    assert 4 <= templates["chain"] <= 8


def test_hosts_are_unique_localhost_names():
    specs = list(iter_sites(400, 7))
    sites = [s.site for s in specs]
    assert len(set(sites)) == len(sites)
    assert all(s.site.endswith(".localhost") and not s.site.startswith("www.") for s in specs)
    assert any(s.host.startswith("www.") for s in specs)


def test_truth_uses_the_contract_vocabularies():
    for spec in iter_sites(120, 7):
        rec = truth_record(spec, 8765)
        for p in rec["prices"]:
            assert p["treatment"] in TREATMENTS and p["unit"] in UNITS
            assert p["amount"] is None or p["amount"] > 0
            if p["unit"] == "course" and p["sessions"]:
                assert p["per_session"] == pytest.approx(p["amount"] / p["sessions"], abs=0.01)
            if p["unit"] in ("area", "unit", "ml", "syringe"):
                assert p["per_session"] is None and p["quantity"]
        for pr in rec["practitioners"]:
            assert pr["profession"] in PROFESSIONS
            assert pr["title"] in ("Dr", "Nurse", "Mr", "Miss", None)
            for c in pr["credentials"]:
                assert c["kind"] in CREDENTIAL_KINDS
                assert c["format_valid"] == format_valid(c["kind"], c["value"])


def test_register_numbers_are_unique_in_the_world():
    values = Counter(c.value for s in iter_sites(300, 7) for cl in s.clinics for p in cl.people
                     for c in p.credentials if c.kind in ("gmc", "nmc", "gdc", "gphc", "hcpc", "npi"))
    assert values and max(values.values()) == 1


# Information findings that ordinary price lists give (a toxin price per area with no product
# named, a toxin brand beside a price): no scenario makes them, truth derives them from the rows.
FROM_PRICE_LISTS = ("PRICE-03", "UK-ADV-POM-01")


def test_clean_sites_expect_no_findings_and_scenarios_do():
    for spec in iter_sites(120, 7):
        findings = [f for f in truth_record(spec, None)["expected_findings"] if f["rule_id"] not in FROM_PRICE_LISTS]
        assert bool(findings) == bool(spec.scenarios), (spec.site, spec.scenarios, findings)
        rules = {f["rule_id"] for f in findings}
        tags = {t.split(":")[0] for t in spec.scenarios}
        if "low_price" in tags:
            assert "PRICE-01" in rules
        if "no_practitioner" in tags:
            assert "GEN-NOPRAC-01" in rules
        if "membership_not_listed" in tags:
            assert "UK-REG-06" in rules
        for tag in spec.scenarios:
            if tag.startswith("notice:") and tag != "notice:UK-AGE-01":  # Scotland is outside the Act
                assert tag.removeprefix("notice:") in rules, (spec.site, tag)
        if "toxin_without_prescriber" in tags:
            assert "UK-POM-01" in rules
        if "rn_without_supervisor" in tags:
            assert {"US-ROLE-02", "US-ROLE-03"} <= rules
        if "fake_number" in tags:
            assert rules & {"UK-REG-01", "US-NPI-01"}


def test_low_outliers_are_below_half_the_regional_median():
    rows: dict[tuple[str, str], list[tuple[float, bool]]] = {}
    for spec in iter_sites(240, 7):
        for c in spec.clinics:
            for r in c.prices:
                if r.unit == "session" and r.amount and r.treatment in ("prp_hair", "hair_mesotherapy"):
                    rows.setdefault((c.region, r.treatment), []).append((r.amount, r.outlier))
    checked = 0
    for key, values in rows.items():
        amounts = sorted(a for a, _ in values)
        median = amounts[len(amounts) // 2]
        for amount, outlier in values:
            assert (amount < 0.5 * median) == outlier, (key, amount, median)
            checked += outlier
    assert checked >= 5


def test_uk_areas_have_enough_comparable_prices_for_norms():
    count: Counter = Counter()
    for spec in iter_sites(120, 7):
        for c in spec.clinics:
            if c.country == "GB" and any(r.treatment == "prp_hair" and r.per_session for r in c.prices):
                count[c.region] += 1
    assert set(count) == {"SW", "M", "B", "LS", "G"}
    assert min(count.values()) >= 8


def test_price_version_changes_about_a_tenth_of_sites_and_nothing_else():
    changed = 0
    n = 300
    for index in range(n):
        a, b = generate_site(7, index, 0), generate_site(7, index, 1)
        ta, tb = truth_record(a, 1), truth_record(b, 1)
        if ta["prices"] != tb["prices"]:
            changed += 1
            assert [p["treatment_text"] for p in ta["prices"]] == [p["treatment_text"] for p in tb["prices"]]
        else:
            for page in a.pages:
                assert a.render(page.path, 1) == b.render(page.path, 1)
        assert ta["practitioners"] == tb["practitioners"]
    assert 0.05 * n <= changed <= 0.16 * n


def test_changed_pages_differ_and_version_is_cumulative():
    for index in range(300):
        v1 = truth_record(generate_site(7, index, 1), 1)
        if v1["prices"] != truth_record(generate_site(7, index, 0), 1)["prices"]:
            v2 = truth_record(generate_site(7, index, 2), 1)
            assert v1["prices"] == v2["prices"] or v2["price_version"] == 2
            spec0, spec1 = generate_site(7, index, 0), generate_site(7, index, 1)
            page = next(p["page"] for p, q in zip(truth_record(spec0, 1)["prices"], v1["prices"]) if p != q)
            assert spec0.render(page, 1) != spec1.render(page, 1)
            return
    pytest.fail("no site changed in version 1")


def test_generate_site_is_lazy_for_large_worlds():
    spec = generate_site(7, 9999)
    assert spec.index == 9999 and spec.render("/", 1)[0] == 200
    digest = hashlib.sha1(spec.render("/", 1)[2]).hexdigest()
    generator._cached.cache_clear()
    assert hashlib.sha1(generate_site(7, 9999).render("/", 1)[2]).hexdigest() == digest
