"""US rules: who may inject (US-ROLE-01..03) and NPI checks (US-NPI-01).

Injecting neurotoxins and fillers is the practice of medicine: a clinic must resolve to a
doctor (MD/DO), nurse practitioner or physician assistant ("top" below: practitioners
with profession doctor, nurse_practitioner or physician_assistant). Who else may inject,
and under whom, is state law: US-ROLE-01 and US-ROLE-02 read the state table in
analysis/scope.py (``clinics.region`` holds the state code) and quote the state's rule
with its source and date.

US-ROLE-01 needs positive evidence that an aesthetician, medical assistant or practical
nurse (LPN/LVN) is the injector: their role mentions injecting (whoever else is named),
or, for aestheticians and medical assistants when no top is named, they are the only
clinical staff named (no injector role on anyone, no nurse). It is red only where the
state's row says the role may not inject (``no``); amber where the row is ``unknown`` or
the state is not in the table ("we could not confirm"); silent where every row says
``yes``. US-ROLE-02 (amber) names a nurse at a clinic with no top, quoting the state's
rule; it is silent only where the state lets that nurse inject on their own authority
(``yes`` with supervision ``none``). US-ROLE-03 does not read the table: no state in it
lets anyone inject without a doctor, NP or PA behind them. The three rules can fire
together: ROLE-01/02 are about a named person, ROLE-03 about the clinic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels, scope
from analysis.registry import Hit, rule
from analysis.rules.common import (
    CLINIC_COLS, COUNTRY, and_list, in_list, json_flag, parse_json, rows,
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
     'role', p.role, 'postnominals', p.postnominals, 'source_url', p.source_url))
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
        r["what"] = and_list(names)
        yield r


def us_clinics(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """US clinics offering injectables, with their named people, lacking any top."""
    return (r for r in injectable_clinics(db, s) if not r["tops"])


def _evidence(r: Mapping[str, Any], s: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    people = r["people"][: s["EVIDENCE_MAX_ITEMS"]]
    return {"source_url": r["source_url"], "treatments": parse_json(r["treatments"]),
            "practitioners": people, **extra}


def _scope(r: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    """The clinic's state rows for person ``p`` and the treatments offered (see analysis/scope)."""
    table = scope.default_table()
    role = scope.table_role(p["profession"], p["role"], p.get("postnominals"))
    code = (r["clinic_region"] or "").strip().upper()
    groups = sorted({scope.TREATMENT_GROUPS[t] for t in parse_json(r["treatments"])
                     if t in scope.TREATMENT_GROUPS}, key=scope.GROUPS.index)
    rows = [table.get(code, role, g) for g in groups] or [None]
    return {"code": code, "state": labels.US_STATES.get(code), "role": role,
            "listed": code in table.states, "rows": rows, "verdict": scope.verdict(rows)}


def state_rule(sc: Mapping[str, Any]) -> str:
    """ "In Texas, <rule> (<source>, checked <date>)." or why we cannot say. """
    rows = [x for x in sc["rows"] if x is not None]
    if not sc["state"]:
        return "The clinic's state is not known, so we could not check its rules."
    if not rows:
        return (f"We have not yet checked {sc['state']}'s rules; the states we have checked "
                "either forbid this or leave it unclear.")
    bad = [x for x in rows if x.may_inject == sc["verdict"]] or rows
    parts = {(x.rule, x.source_name, x.checked) for x in bad}
    if len(parts) == 1:
        x = bad[0]
        return f"In {sc['state']}, {x.rule} ({x.source_name}, checked {x.checked})."
    said = "; ".join(f"for {x.treatment}, {x.rule} ({x.source_name}, checked {x.checked})"
                     for x in bad)
    return f"In {sc['state']}: {said}."


def _scope_evidence(sc: Mapping[str, Any]) -> dict[str, Any]:
    return {"state": sc["code"] or None, "role": sc["role"], "state_listed": sc["listed"],
            "scope_verdict": sc["verdict"],
            "scope_rows": [x.evidence() for x in sc["rows"] if x is not None]}


@rule("US-ROLE-01", 3, severities=("red", "amber"),
      title="Injector's role may not inject in the clinic's state",
      settings=("US_INJECTABLE_TREATMENTS",))
def role_not_allowed(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in injectable_clinics(db, s):
        for p in non_injector_injectors(r["people"], bool(r["tops"])):
            sc = _scope(r, p)
            if sc["verdict"] == "yes":
                continue  # the state's table allows this role (US-ROLE-03 covers a missing top)
            who = scope.ROLE_NAMES.get(sc["role"] or "", labels.PROFESSION_NAMES[p["profession"]])
            message = (f"{r['label']} offers {r['what']}, and the person named to give them, "
                       f"{p['name']}, is {who}")
            if sc["verdict"] == "no":
                message += ". " + state_rule(sc)
            else:
                message += f", and we could not confirm that {sc['state'] or 'the state'} "
                message += "allows that. " + state_rule(sc)
            if not r["tops"]:
                message += " No doctor, nurse practitioner or physician assistant is named."
            yield Hit("red" if sc["verdict"] == "no" else "amber", message, r["clinic_id"],
                      practitioner_id=p["id"], evidence_url=p["source_url"] or r["source_url"],
                      evidence=_evidence(r, s, injector=p,
                                         injector_by_role=bool(INJECTOR_ROLE.search(p["role"] or "")),
                                         supervisors_named=len(r["tops"]), **_scope_evidence(sc)))


def non_injector_injectors(people: list[dict[str, Any]], tops_named: bool
                           ) -> list[dict[str, Any]]:
    """Aestheticians / medical assistants shown as injectors (see the module docstring), and
    practical nurses (LPN/LVN) whose role mentions injecting."""
    by_role = [p for p in people if INJECTOR_ROLE.search(p["role"] or "")]
    alone = not tops_named and not by_role and not any(p["profession"] == "nurse" for p in people)
    out = []
    for p in people:
        if p["profession"] in NON_INJECTORS and (p in by_role or alone):
            out.append(p)
        elif p in by_role and scope.table_role(p["profession"], p["role"],
                                               p.get("postnominals")) == "practical_nurse":
            out.append(p)
    return out


@rule("US-ROLE-02", 2, severities=("amber",), title="Nurse injector with no named supervisor",
      settings=("US_INJECTABLE_TREATMENTS",))
def nurse_unsupervised(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in us_clinics(db, s):
        for p in r["people"]:
            if p["profession"] != "nurse":
                continue
            sc = _scope(r, p)
            rows = [x for x in sc["rows"] if x is not None]
            if sc["verdict"] == "yes" and all(x.supervision == "none" for x in rows):
                continue  # this state lets this nurse inject on their own authority
            message = (
                f"{r['label']} offers {r['what']} and names {scope.ROLE_NAMES[sc['role']]}, "
                f"{p['name']}, but no doctor, nurse practitioner or physician assistant to "
                "examine patients and supervise the injections. " + state_rule(sc)
            )
            yield Hit("amber", message, r["clinic_id"], practitioner_id=p["id"],
                      evidence_url=p["source_url"] or r["source_url"],
                      evidence=_evidence(r, s, nurse=p, **_scope_evidence(sc)))


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
        message = f"The NPI {r['value']}{who} at {clinic} {and_list(reasons)}."
        yield credential_hit("red" if r["status"] in NPI_RED else "amber", message, r)
