"""US rules: who may inject (US-ROLE-01..03) and NPI checks (US-NPI-01).

In every state, injecting neurotoxins and fillers is the practice of medicine:
a clinic must resolve to a doctor (MD/DO), nurse practitioner or physician
assistant. "Top" below means practitioners with profession doctor,
nurse_practitioner or physician_assistant.

US-ROLE-01 needs positive evidence that an aesthetician or medical assistant
is the injector: their role mentions injecting (whoever else is named: a
supervising doctor does not make it lawful for them to inject), or, when no
top is named, they are the only clinical staff named (no injector role on
anyone, no nurse). Otherwise the clinic gets US-ROLE-03 (amber) only. The
three rules can fire together: ROLE-01/02 are about a named person, ROLE-03
about the clinic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule
from analysis.rules.common import (
    CLINIC_COLS, COUNTRY, in_list, json_flag, parse_json, people_phrase, rows,
)
from analysis.rules.uk import credential_hit, credential_hits

TOP = ("doctor", "nurse_practitioner", "physician_assistant")
NON_INJECTORS = ("aesthetician", "medical_assistant")
INJECTOR_ROLE = re.compile(r"inject|botox|toxin|filler|neuromodulator", re.I)

US_SQL = f"""
SELECT {CLINIC_COLS},
  (SELECT min(source_url) FROM prices WHERE clinic_id = c.id
     AND treatment IN (SELECT value FROM json_each(:inj))) AS source_url,
  (SELECT json_group_array(DISTINCT treatment) FROM (SELECT treatment FROM prices
     WHERE clinic_id = c.id AND treatment IN (SELECT value FROM json_each(:inj))
     ORDER BY treatment)) AS treatments,
  (SELECT json_group_array(json_object('id', p.id, 'name', p.name, 'profession', p.profession,
     'role', p.role, 'source_url', p.source_url))
     FROM (SELECT * FROM practitioners WHERE clinic_id = c.id ORDER BY id) p) AS people
FROM clinics c
WHERE {COUNTRY} = 'US' AND EXISTS (SELECT 1 FROM prices WHERE clinic_id = c.id
  AND treatment IN (SELECT value FROM json_each(:inj)))
ORDER BY c.id
"""


def injectable_clinics(db: sqlite_utils.Database, s: Mapping[str, Any]
                       ) -> Iterator[dict[str, Any]]:
    """US clinics offering injectables, with their named people; ``tops`` names the tops."""
    for r in rows(db, US_SQL, {"inj": in_list(s["US_INJECTABLE_TREATMENTS"])}):
        r["people"] = parse_json(r["people"]) or []
        r["tops"] = [p for p in r["people"] if p["profession"] in TOP]
        r["label"] = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
        names = [labels.treatment_name(t, start=False) for t in parse_json(r["treatments"])]
        r["what"] = people_phrase(names)
        yield r


def us_clinics(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """US clinics offering injectables, with their named people, lacking any top."""
    return (r for r in injectable_clinics(db, s) if not r["tops"])


def _evidence(r: Mapping[str, Any], s: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    people = r["people"][: s["EVIDENCE_MAX_ITEMS"]]
    return {"source_url": r["source_url"], "treatments": parse_json(r["treatments"]),
            "practitioners": people, **extra}


@rule("US-ROLE-01", 2, severities=("red",), title="Injector is an aesthetician or assistant",
      settings=("US_INJECTABLE_TREATMENTS",))
def role_not_allowed(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in injectable_clinics(db, s):
        for p in non_injector_injectors(r["people"], bool(r["tops"])):
            by_role = bool(INJECTOR_ROLE.search(p["role"] or ""))
            who = labels.PROFESSION_NAMES[p["profession"]]
            message = (
                f"{r['label']} offers {r['what']}, and the person named to give them, "
                f"{p['name']}, is {who}, who may not inject in any US state"
            )
            if r["tops"]:
                message += ", even under a doctor's supervision."
            else:
                message += "; no doctor, nurse practitioner or physician assistant is named."
            yield Hit("red", message, r["clinic_id"], practitioner_id=p["id"],
                      evidence_url=p["source_url"] or r["source_url"],
                      evidence=_evidence(r, s, injector=p, injector_by_role=by_role,
                                         supervisors_named=len(r["tops"])))


def non_injector_injectors(people: list[dict[str, Any]], tops_named: bool
                           ) -> list[dict[str, Any]]:
    """Aestheticians / medical assistants shown as injectors (see the module docstring)."""
    by_role = [p for p in people if INJECTOR_ROLE.search(p["role"] or "")]
    alone = not tops_named and not by_role and not any(p["profession"] == "nurse" for p in people)
    return [p for p in people if p["profession"] in NON_INJECTORS and (p in by_role or alone)]


@rule("US-ROLE-02", 1, severities=("amber",), title="Nurse injector with no named supervisor",
      settings=("US_INJECTABLE_TREATMENTS",))
def nurse_unsupervised(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in us_clinics(db, s):
        for p in r["people"]:
            if p["profession"] != "nurse":
                continue
            message = (
                f"{r['label']} offers {r['what']} by a registered nurse, {p['name']}, but names "
                "no supervising doctor, nurse practitioner or physician assistant, "
                "whom US rules require for nurse injectors."
            )
            yield Hit("amber", message, r["clinic_id"], practitioner_id=p["id"],
                      evidence_url=p["source_url"] or r["source_url"],
                      evidence=_evidence(r, s, nurse=p))


@rule("US-ROLE-03", 1, severities=("amber",), title="No doctor, NP or PA named",
      settings=("US_INJECTABLE_TREATMENTS",))
def no_prescriber(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in us_clinics(db, s):
        message = (
            f"{r['label']} offers {r['what']} but names no doctor, nurse practitioner or "
            "physician assistant, so we could not check who is licensed to give or "
            "supervise these injections."
        )
        yield Hit("amber", message, r["clinic_id"], evidence_url=r["source_url"],
                  evidence=_evidence(r, s, practitioners_named=len(r["people"])))


NPI_RED = {
    "not_found": "was not found in the NPPES NPI Registry",
    "inactive": "is deactivated in the NPPES NPI Registry",
    "name_mismatch": "belongs to someone else in the NPPES NPI Registry",
}
NPI_CONDITION = (
    "(cr.format_valid = 0 OR cr.status IN ('not_found', 'inactive', 'name_mismatch') "
    f"OR {json_flag('licence_state_match')} = 0)"
)


@rule("US-NPI-01", 1, severities=("red", "amber"), title="NPI invalid, not found or wrong state")
def npi_problem(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in credential_hits(db, NPI_CONDITION, ("npi",)):
        answer = parse_json(r["register_evidence"])
        reasons = []
        if r["format_valid"] == 0:
            reasons.append("is not a valid NPI (10 digits with a check digit)")
        if r["status"] in NPI_RED:
            reasons.append(NPI_RED[r["status"]])
        if isinstance(answer, dict) and answer.get("licence_state_match") is False:
            code = (r["clinic_region"] or "").strip().upper()
            state = labels.US_STATES.get(code, "the clinic's state")
            reasons.append(f"lists no licence in {state}")
        if not reasons:
            continue
        who = f" given for {r['practitioner_name']}" if r["practitioner_name"] else ""
        clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
        message = f"The NPI {r['value']}{who} at {clinic} {people_phrase(reasons)}."
        yield credential_hit("red" if r["status"] in NPI_RED else "amber", message, r)
