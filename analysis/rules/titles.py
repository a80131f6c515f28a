"""UK-REG-05: a protected title or profession with no matching register number.

Amber when the site gives no number of a matching kind (we cannot check: the
site may simply not print it). Red only with positive evidence: the verifier
searched the matching register by name and found nobody, recorded as a
credential of that kind with status ``not_found`` and evidence JSON
``{"lookup": "name"}`` (such rows are not counted as numbers given).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule
from analysis.rules.common import CLINIC_COLS, COUNTRY, in_list, json_flag, parse_json, rows
from analysis.rules.uk import register_name

# Which register numbers back a profession or a title.
PROFESSION_KINDS = {
    "doctor": ("gmc",), "dentist": ("gdc",), "nurse": ("nmc",), "nurse_practitioner": ("nmc",),
    "pharmacist": ("gphc",), "hcpc_professional": ("hcpc",),
}
TITLE_KINDS = {"dr": ("gmc", "gdc"), "doctor": ("gmc", "gdc"), "nurse": ("nmc",)}

NAME_LOOKUP = f"coalesce({json_flag('lookup')}, '') = 'name'"
TITLES_SQL = f"""
SELECT p.id AS practitioner_id, p.name, p.title, p.profession, p.source_url, {CLINIC_COLS},
  lower(replace(trim(coalesce(p.title, '')), '.', '')) AS title_key,
  (SELECT json_group_array(DISTINCT cr.kind) FROM credentials cr WHERE cr.practitioner_id = p.id
     AND cr.value != '' AND NOT {NAME_LOOKUP}) AS kinds_given,
  (SELECT json_group_array(json_object('kind', cr.kind, 'register_url', cr.register_url,
     'checked_at', cr.checked_at)) FROM credentials cr WHERE cr.practitioner_id = p.id
     AND cr.status = 'not_found' AND {NAME_LOOKUP}) AS failed_lookups
FROM practitioners p JOIN clinics c ON c.id = p.clinic_id
WHERE {COUNTRY} = 'GB' AND (p.profession IN (SELECT value FROM json_each(:professions))
  OR lower(replace(trim(coalesce(p.title, '')), '.', '')) IN (SELECT value FROM json_each(:titles)))
ORDER BY p.id
"""


def expected_kinds(profession: str | None, title_key: str) -> tuple[str, ...]:
    """Register kinds that would back this profession (else this title)."""
    return PROFESSION_KINDS.get(profession or "") or TITLE_KINDS.get(title_key, ())


@rule("UK-REG-05", 1, severities=("red", "amber"),
      title="Protected title or profession with no matching register number")
def title_without_number(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    params = {"professions": in_list(sorted(PROFESSION_KINDS)),
              "titles": in_list(sorted(TITLE_KINDS))}
    for r in rows(db, TITLES_SQL, params):
        expected = expected_kinds(r["profession"], r["title_key"])
        given = set(parse_json(r["kinds_given"]) or [])
        if not expected or given & set(expected):
            continue
        failed = [f for f in parse_json(r["failed_lookups"]) or [] if f["kind"] in expected]
        yield Hit(
            "red" if failed else "amber", title_message(r, expected, failed), r["clinic_id"],
            practitioner_id=r["practitioner_id"],
            evidence_url=(failed[0]["register_url"] if failed else None) or r["source_url"],
            evidence={"source_url": r["source_url"], "title": r["title"],
                      "profession": r["profession"], "expected_registers": list(expected),
                      "numbers_given": sorted(given), "failed_name_lookups": failed},
        )


def title_message(r: Mapping[str, Any], expected: tuple[str, ...], failed: list) -> str:
    clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
    if r["profession"] in PROFESSION_KINDS:
        claim = f"is described as {labels.PROFESSION_NAMES[r['profession']]}"
    else:
        claim = f"uses the title {r['title'].strip()}"
    numbers = " or ".join(labels.REGISTER_NAMES[k][0] for k in expected)
    text = f"{r['name']} at {clinic} {claim}, but no {numbers} is given"
    if failed:
        where = " or ".join(register_name(f["kind"]) for f in failed)
        return f"{text}, and a search of the {where} by name found nobody of that name."
    return f"{text}, so we could not check the registration."
