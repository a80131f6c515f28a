"""Golden-file tests for the page objects: one directory per case, compared field by field.

Each case under tests/fixtures/pages/<case>/ holds page.html (bytes as served),
meta.json ({"url", "content_type", "shape", "check": [sections], "xfail": reason?})
and expected.json. A failure names the case, the section and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinicwatch.evaluate import amount_key, fixture_cases, run_fixture
from items import REGISTER_KINDS
from core.text import ascii_key as fold

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
CASES = fixture_cases(FIXTURES)
PRICE_FIELDS = ("treatment", "amount", "currency", "unit", "sessions", "per_session", "from_price")


def _params():
    for case in CASES:
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        marks = [pytest.mark.xfail(reason=meta["xfail"], strict=True)] if meta.get("xfail") else []
        yield pytest.param(case, id=case.name, marks=marks)


def _price_row(p: dict) -> tuple:
    return tuple(amount_key(p.get(f)) if f in ("amount", "per_session") else p.get(f) for f in PRICE_FIELDS)


def _compare_prices(expected: list[dict], got: list[dict]) -> list[str]:
    problems = []
    exp_rows = sorted(_price_row(p) for p in expected)
    got_rows = sorted(_price_row(p) for p in got)
    for row in exp_rows:
        if row not in got_rows:
            near = [g for g in got_rows if g[1] == row[1] and g[2] == row[2]]
            fields = [f for f, a, b in zip(PRICE_FIELDS, row, near[0]) if a != b] if near else ["(missing)"]
            problems.append(f"prices: expected {dict(zip(PRICE_FIELDS, row))}; wrong fields {fields}")
        else:
            got_rows.remove(row)
    problems += [f"prices: unexpected {dict(zip(PRICE_FIELDS, row))}" for row in got_rows]
    return problems


def _cred(c: dict) -> tuple:
    return (c["kind"], str(c["value"]), c.get("format_valid"))


def _compare_people(expected: list[dict], got: list[dict]) -> list[str]:
    problems = []
    by_name = {fold(p.get("name")): p for p in got}
    for person in expected:
        found = by_name.pop(fold(person.get("name")), None)
        if found is None:
            problems.append(f"practitioners: missing {person.get('name')!r}")
            continue
        for field in ("title", "profession"):
            if field in person and person[field] != found.get(field):
                problems.append(f"practitioners[{person['name']}].{field}: expected {person[field]!r}, got {found.get(field)!r}")
        exp_regs = sorted(_cred(c) for c in person.get("credentials", []))
        stated = {c[:2] for c in exp_regs}
        got_regs = sorted(_cred(c) for c in found.get("credentials", [])
                          if c["kind"] in REGISTER_KINDS or _cred(c)[:2] in stated)
        if exp_regs != got_regs:
            problems.append(f"practitioners[{person['name']}].credentials: expected {exp_regs}, got {got_regs}")
    problems += [f"practitioners: unexpected {p.get('name')!r}" for p in by_name.values()]
    return problems


def _compare_clinic(expected: dict, got: dict) -> list[str]:
    problems = []
    for field, value in expected.items():
        have = got.get(field)
        if isinstance(value, str) and isinstance(have, str):
            same = " ".join(value.lower().split()) == " ".join(have.lower().split())
        else:
            same = value == have
        if not same:
            problems.append(f"clinic.{field}: expected {value!r}, got {have!r}")
    return problems


@pytest.mark.skipif(not CASES, reason="no golden fixtures present")
@pytest.mark.parametrize("case", list(_params()))
def test_golden_page(case):
    meta, expected, got = run_fixture(case)
    problems = []
    checks = meta.get("check", [])
    if "prices" in checks:
        problems += _compare_prices(expected.get("prices", []), got["prices"])
    if "practitioners" in checks:
        problems += _compare_people(expected.get("practitioners", []), got["practitioners"])
    if "clinic" in checks:
        problems += _compare_clinic(expected.get("clinic", {}), got["clinic"])
    assert not problems, f"{case.name} ({meta.get('shape')}):\n  " + "\n  ".join(problems)


def test_fixture_suite_is_large_and_varied():
    shapes = {json.loads((c / "meta.json").read_text())["shape"] for c in CASES}
    assert len(CASES) >= 120, f"only {len(CASES)} golden cases"
    assert len(shapes) >= 40, f"only {len(shapes)} page shapes"
