"""US scope of practice as data: which roles may inject toxin and filler, state by state.

Who may give botulinum toxin or dermal filler injections is state law, and the states
differ (a practical nurse may in some, a medical assistant under delegation in others,
nobody but a short statutory list in Nevada). A national rule would be wrong somewhere,
so US-ROLE-01 and US-ROLE-02 read this table instead of assuming one.

The table is ``analysis/data/us_scope_of_practice.csv``: one row per (state, role,
treatment group), where the group is ``toxin`` or ``filler``. Columns:

* ``may_inject``: ``yes``, ``no`` or ``unknown``. ``unknown`` when sources disagree, when
  only secondary sources (law-firm blogs, training sites) were found, or when nothing was
  found; ``notes`` says which. Red findings need a ``no`` row: positive evidence.
* ``supervision`` (only for ``yes``; ``n.a.`` otherwise): ``none`` (may inject on their
  own authority), ``physician`` (only under a doctor's supervision), ``delegation``
  (after a good-faith exam and an order by a doctor, nurse practitioner or physician
  assistant).
* ``rule``: the state's rule for that role in our own words, a clause that reads after
  "In California, ...". ``source_name`` names who says so; ``source`` holds one or more
  URLs separated by spaces; ``checked`` is the ISO date the sources were last read.

Loading validates every row against these vocabularies and stops with the file, line
and problem, so a malformed edit fails the run instead of silently switching a rule
off. The module is pure apart from reading the one file.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.places import US_STATE_NAMES

TABLE_FILE = Path(__file__).parent / "data" / "us_scope_of_practice.csv"

COLUMNS = ("state", "role", "treatment", "may_inject", "supervision", "rule", "source_name",
           "source", "checked", "notes")
ROLES = ("physician", "physician_assistant", "nurse_practitioner", "registered_nurse",
         "practical_nurse", "dentist", "esthetician", "medical_assistant")
GROUPS = ("toxin", "filler")
MAY_INJECT = ("yes", "no", "unknown")
SUPERVISION = ("none", "physician", "delegation", "n.a.")

# Our treatments -> the table's treatment groups.
TREATMENT_GROUPS = {"botulinum_toxin": "toxin", "dermal_filler": "filler"}
# Our professions (items.PROFESSIONS) -> the table's roles; nurses are split below.
PROFESSION_ROLES = {
    "doctor": "physician", "physician_assistant": "physician_assistant",
    "nurse_practitioner": "nurse_practitioner", "nurse": "registered_nurse",
    "dentist": "dentist", "aesthetician": "esthetician", "medical_assistant": "medical_assistant",
}
# A nurse shown as an LPN / LVN ("LPN", "L.V.N.", "Licensed Vocational Nurse").
PRACTICAL_NURSE = re.compile(
    r"\bL\.?\s?[PV]\.?\s?N\b\.?|licensed\s+(practical|vocational)\s+nurse", re.I)
ROLE_NAMES = {
    "physician": "a doctor", "physician_assistant": "a physician assistant",
    "nurse_practitioner": "a nurse practitioner", "registered_nurse": "a registered nurse",
    "practical_nurse": "a licensed practical or vocational nurse", "dentist": "a dentist",
    "esthetician": "an aesthetician", "medical_assistant": "a medical assistant",
}
_URL = re.compile(r"https?://\S+\Z")


class ScopeTableError(ValueError):
    """A malformed scope-of-practice table: the message names the file, line and problem."""


@dataclass(frozen=True)
class ScopeRow:
    state: str
    role: str
    treatment: str
    may_inject: str
    supervision: str
    rule: str
    source_name: str
    sources: tuple[str, ...]
    checked: str
    notes: str = ""

    def evidence(self) -> dict[str, Any]:
        """The row as a finding's evidence shows it."""
        return {"state": self.state, "role": self.role, "treatment": self.treatment,
                "may_inject": self.may_inject, "supervision": self.supervision,
                "rule": self.rule, "source_name": self.source_name,
                "source": list(self.sources), "checked": self.checked}


class ScopeTable:
    """Rows by (state, role, treatment group)."""

    def __init__(self, rows: Iterable[ScopeRow]):
        self.rows = {(r.state, r.role, r.treatment): r for r in rows}
        self.states = frozenset(state for state, _, _ in self.rows)

    def get(self, state: str | None, role: str | None, group: str) -> ScopeRow | None:
        return self.rows.get(((state or "").strip().upper(), role or "", group))

    def __len__(self) -> int:
        return len(self.rows)


def parse_row(raw: Mapping[str, str | None]) -> ScopeRow:
    """One CSV record -> a row; raises ValueError naming the first problem."""
    v = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    checks = (
        (v["state"] in US_STATE_NAMES or v["state"] in ("DC", "PR"),
         f"state {v['state']!r} is not a US state code"),
        (v["role"] in ROLES, f"role {v['role']!r} is not one of {ROLES}"),
        (v["treatment"] in GROUPS, f"treatment {v['treatment']!r} is not one of {GROUPS}"),
        (v["may_inject"] in MAY_INJECT, f"may_inject {v['may_inject']!r} is not one of {MAY_INJECT}"),
        (v["supervision"] in SUPERVISION,
         f"supervision {v['supervision']!r} is not one of {SUPERVISION}"),
        ((v["supervision"] == "n.a.") == (v["may_inject"] != "yes"),
         "supervision must be 'n.a.' exactly when may_inject is not 'yes'"),
        (bool(v["rule"]), "rule is empty"),
        (bool(v["source_name"]) and not set("()") & set(v["source_name"]),
         "source_name must be non-empty and without brackets (messages print it in brackets)"),
        (bool(v["source"]) and all(_URL.match(u) for u in v["source"].split()),
         f"source must be one or more http(s) URLs separated by spaces: {v['source']!r}"),
        (_iso_date(v["checked"]), f"checked {v['checked']!r} is not a YYYY-MM-DD date"),
    )
    for ok, problem in checks:
        if not ok:
            raise ValueError(problem)
    return ScopeRow(v["state"], v["role"], v["treatment"], v["may_inject"], v["supervision"],
                    v["rule"], v["source_name"], tuple(v["source"].split()), v["checked"],
                    v["notes"])


def _iso_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def parse(lines: Iterable[str], origin: str = "scope table") -> ScopeTable:
    """Parse CSV text (with its header) into a table; errors name ``origin`` and the line."""
    reader = csv.DictReader(lines)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ScopeTableError(f"{origin}: header must be {','.join(COLUMNS)}; "
                              f"got {reader.fieldnames}")
    rows: list[ScopeRow] = []
    seen: set[tuple[str, str, str]] = set()
    for raw in reader:
        where = f"{origin} line {reader.line_num}"
        if None in raw:
            raise ScopeTableError(f"{where}: more fields than the header has")
        try:
            row = parse_row(raw)
        except ValueError as exc:
            raise ScopeTableError(f"{where}: {exc}") from None
        key = (row.state, row.role, row.treatment)
        if key in seen:
            raise ScopeTableError(f"{where}: a second row for {'/'.join(key)}")
        seen.add(key)
        rows.append(row)
    if not rows:
        raise ScopeTableError(f"{origin}: no rows")
    return ScopeTable(rows)


def load(path: str | Path | None = None) -> ScopeTable:
    """Read and validate a table file (the bundled one by default)."""
    path = Path(path) if path else TABLE_FILE
    with path.open(newline="", encoding="utf-8") as fh:
        return parse(fh, str(path))


@lru_cache(maxsize=1)
def default_table() -> ScopeTable:
    return load()


def table_role(profession: str | None, role: str | None = None,
               postnominals: str | None = None) -> str | None:
    """The table's role for a practitioner; a nurse shown as an LPN/LVN is a practical nurse."""
    mapped = PROFESSION_ROLES.get(profession or "")
    if mapped == "registered_nurse" and PRACTICAL_NURSE.search(f"{role or ''} {postnominals or ''}"):
        return "practical_nurse"
    return mapped


def verdict(rows: Iterable[ScopeRow | None]) -> str:
    """``no`` if any row says no; ``yes`` only if every row exists and says yes; else ``unknown``."""
    found = list(rows)
    if any(r is not None and r.may_inject == "no" for r in found):
        return "no"
    if found and all(r is not None and r.may_inject == "yes" for r in found):
        return "yes"
    return "unknown"


# Roles the US rules read, in the order docs/rules.md shows them.
SUMMARY_ROLES = ("registered_nurse", "practical_nurse", "esthetician", "medical_assistant")


def _cell(table: ScopeTable, state: str, role: str) -> str:
    parts = []
    for group in GROUPS:
        row = table.get(state, role, group)
        text = "—" if row is None else row.may_inject + (
            f" ({row.supervision})" if row.may_inject == "yes" else "")
        parts.append(text)
    return parts[0] if len(set(parts)) == 1 else f"toxin {parts[0]}, filler {parts[1]}"


def markdown_summary(table: ScopeTable) -> str:
    """The table docs/rules.md shows: per state, what each role the rules read may do."""
    head = "| State | " + " | ".join(r.replace("_", " ") for r in SUMMARY_ROLES) + " | Checked |"
    lines = [head, "|" + "---|" * (len(SUMMARY_ROLES) + 2)]
    for state in sorted(table.states):
        checked = sorted({r.checked for r in table.rows.values() if r.state == state})
        cells = [_cell(table, state, role) for role in SUMMARY_ROLES]
        lines.append(f"| {state} | " + " | ".join(cells) + f" | {', '.join(checked)} |")
    return "\n".join(lines)
