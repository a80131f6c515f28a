"""Every rule says where it comes from, and docs/rules.md describes every rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.registry import rule_sources
from analysis.rules import RULES

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_a_source(rule_id):
    source = rule_sources()[rule_id]
    assert source["name"].strip() and source["url"].startswith(("https://", "http://"))


def test_no_source_for_a_rule_that_does_not_exist():
    assert set(rule_sources()) <= set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_docs_table_lists_every_rule_with_its_version_and_severities(rule_id):
    rule = RULES[rule_id]
    row = next((line for line in DOCS.splitlines() if line.startswith(f"| {rule_id} |")), None)
    assert row, f"docs/rules.md has no row for {rule_id}"
    cells = [c.strip() for c in row.split("|")]
    assert cells[2] == str(rule.version)
    assert set(cells[3].replace(" ", "").split("/")) == set(rule.severities)
