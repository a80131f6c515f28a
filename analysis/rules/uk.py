"""UK rules: prescribers for prescription-only medicines, register numbers and titles.

UK-POM-01: a GB clinic offering botulinum toxin must name someone who can
prescribe it. A prescriber is a practitioner with ``prescriber = 1``, or with
profession doctor or dentist, or with a credential whose evidence JSON has
``prescriber_annotation: true``. Red when people are named and none of them is
a prescriber; amber ("we could not check") when nobody is named at all.

UK-REG-01..04 read the verifier's answer for a register number: a malformed
number is UK-REG-01 only (it cannot be on the register, so UK-REG-02 stays
quiet); not found or another name is UK-REG-02 (red); a registration that is
not active is UK-REG-03 (red); one with conditions is UK-REG-04 (amber: the
person may practise, within limits the register states).

UK-REG-05: a protected title or profession with no register number of a
matching kind is amber (unverifiable: the site may simply not print it). It is
red only with positive evidence: the verifier searched the matching register
by name and found nobody (a credential of that kind with status ``not_found``
and evidence JSON ``{"lookup": "name"}``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule
from analysis.rules.common import (
    CLINIC_COLS, COUNTRY, UK_KINDS, in_list, json_flag, parse_json, rows,
)

PRESCRIBER = (
    "(p.prescriber = 1 OR p.profession IN ('doctor', 'dentist') OR EXISTS (SELECT 1 FROM "
    f"credentials cr WHERE cr.practitioner_id = p.id AND {json_flag('prescriber_annotation')} = 1))"
)

POM_SQL = f"""
SELECT {CLINIC_COLS},
  (SELECT json_group_array(json_object('id', p.id, 'name', p.name, 'profession', p.profession,
     'prescriber', {PRESCRIBER})) FROM (SELECT * FROM practitioners WHERE clinic_id = c.id
     ORDER BY id LIMIT :max_items) p) AS people,
  (SELECT count(*) FROM practitioners p WHERE p.clinic_id = c.id) AS named,
  (SELECT count(*) FROM practitioners p WHERE p.clinic_id = c.id AND {PRESCRIBER}) AS prescribers,
  (SELECT json_group_array(id) FROM (SELECT id FROM prices WHERE clinic_id = c.id
     AND treatment IN (SELECT value FROM json_each(:pom)) ORDER BY id LIMIT :max_items))
     AS price_ids,
  (SELECT min(source_url) FROM prices WHERE clinic_id = c.id
     AND treatment IN (SELECT value FROM json_each(:pom))) AS source_url,
  (SELECT min(treatment) FROM prices WHERE clinic_id = c.id
     AND treatment IN (SELECT value FROM json_each(:pom))) AS treatment
FROM clinics c
WHERE {COUNTRY} = 'GB' AND EXISTS (SELECT 1 FROM prices WHERE clinic_id = c.id
  AND treatment IN (SELECT value FROM json_each(:pom)))
ORDER BY c.id
"""


@rule(
    "UK-POM-01", 1, severities=("red", "amber"),
    title="Prescription-only medicine with no identifiable prescriber",
    settings=("UK_POM_TREATMENTS",),
)
def pom_without_prescriber(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    params = {"pom": in_list(s["UK_POM_TREATMENTS"]), "max_items": s["EVIDENCE_MAX_ITEMS"]}
    for r in rows(db, POM_SQL, params):
        if r["prescribers"]:
            continue
        clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
        what = labels.treatment_name(r["treatment"], start=False)
        if r["named"]:
            severity = "red"
            who = ("the one person it names is not" if r["named"] == 1
                   else f"none of the {r['named']} people it names is")
            message = (
                f"{clinic} offers {what}, a prescription-only medicine, but {who} a doctor, "
                "dentist or prescribing nurse or pharmacist, so nobody named can prescribe it."
            )
        else:
            severity = "amber"
            message = (
                f"{clinic} offers {what}, a prescription-only medicine, but does not name "
                "who treats you, so we could not check that a prescriber is involved."
            )
        yield Hit(
            severity, message, r["clinic_id"], evidence_url=r["source_url"],
            evidence={"source_url": r["source_url"], "price_ids": parse_json(r["price_ids"]),
                      "practitioners_named": r["named"], "practitioners": parse_json(r["people"])},
        )


CRED_SQL = f"""
SELECT cr.id AS credential_id, cr.kind, cr.value, cr.status, cr.format_valid, cr.register_url,
  cr.register_name, cr.checked_at, cr.evidence AS register_evidence, cr.source_url,
  cr.practitioner_id, p.name AS practitioner_name, {CLINIC_COLS}
FROM credentials cr JOIN clinics c ON c.id = cr.clinic_id
LEFT JOIN practitioners p ON p.id = cr.practitioner_id
WHERE cr.kind IN (SELECT value FROM json_each(:kinds)) AND {{condition}}
ORDER BY cr.id
"""

FORMATS = {
    "gmc": "7 digits", "nmc": "2 digits, a letter, 4 digits and a letter, like 12A3456B",
    "gdc": "digits only", "gphc": "7 digits starting with 2 (1 for premises)",
    "hcpc": "a profession code and digits, like PA12345", "cqc": "1- followed by digits",
    "npi": "10 digits starting with 1 or 2, with a valid check digit",
}


def credential_hits(db: sqlite_utils.Database, condition: str, kinds: tuple[str, ...]
                    ) -> Iterator[dict[str, Any]]:
    """Credential rows of ``kinds`` matching a constant SQL ``condition``."""
    yield from rows(db, CRED_SQL.format(condition=condition), {"kinds": in_list(kinds)})


def credential_subject(r: Mapping[str, Any]) -> str:
    number = labels.REGISTER_NAMES.get(r["kind"], (r["kind"].upper(),))[0]
    who = f" given for {r['practitioner_name']}" if r["practitioner_name"] else ""
    clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
    return f"The {number} {r['value']}{who} at {clinic}"


def credential_evidence(r: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "kind": r["kind"], "value": r["value"], "status": r["status"],
        "format_valid": r["format_valid"], "register_url": r["register_url"],
        "register_name": r["register_name"], "checked_at": r["checked_at"],
        "register_answer": parse_json(r["register_evidence"]), "source_url": r["source_url"],
    }


def credential_hit(severity: str, message: str, r: Mapping[str, Any]) -> Hit:
    return Hit(
        severity, message, r["clinic_id"], practitioner_id=r["practitioner_id"],
        credential_id=r["credential_id"], evidence_url=r["register_url"] or r["source_url"],
        evidence=credential_evidence(r),
    )


def register_name(kind: str) -> str:
    return labels.REGISTER_NAMES.get(kind, ("", f"{kind.upper()} register"))[1]


@rule("UK-REG-01", 1, severities=("amber",), title="Register number in the wrong format")
def reg_bad_format(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in credential_hits(db, "cr.format_valid = 0", UK_KINDS):
        message = (
            f"{credential_subject(r)} does not have the format of a real one "
            f"({FORMATS.get(r['kind'], 'see the register')}), so it cannot be checked."
        )
        yield credential_hit("amber", message, r)


@rule("UK-REG-02", 2, severities=("red",), title="Register number not found or for another name")
def reg_not_found(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    # A malformed number cannot be on the register: UK-REG-01 reports it, once.
    condition = ("cr.status IN ('not_found', 'name_mismatch') AND cr.value != '' "
                 "AND coalesce(cr.format_valid, 1) != 0")
    for r in credential_hits(db, condition, UK_KINDS):
        where = register_name(r["kind"])
        if r["status"] == "not_found":
            message = f"{credential_subject(r)} was not found on the {where}."
        else:
            message = f"{credential_subject(r)} belongs to someone else on the {where}."
        yield credential_hit("red", message, r)


@rule("UK-REG-03", 2, severities=("red",), title="Registration not active")
def reg_inactive(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in credential_hits(db, "cr.status = 'inactive'", UK_KINDS):
        where = register_name(r["kind"])
        message = f"{credential_subject(r)} is not an active registration on the {where}."
        yield credential_hit("red", message, r)


@rule("UK-REG-04", 1, severities=("amber",), title="Registration with conditions")
def reg_conditions(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in credential_hits(db, "cr.status = 'conditions'", UK_KINDS):
        where = register_name(r["kind"])
        wording = register_wording(r)
        says = f' (it says "{wording}")' if wording else ""
        message = (
            f"{credential_subject(r)} is on the {where}, but the register shows conditions "
            f"or limits on this registration{says}."
        )
        yield credential_hit("amber", message, r)


def register_wording(r: Mapping[str, Any]) -> str | None:
    """The register's own status wording, when the verifier recorded it."""
    answer = parse_json(r["register_evidence"])
    details = answer.get("register") if isinstance(answer, dict) else None
    wording = details.get("register_status") if isinstance(details, dict) else None
    return wording.strip() if isinstance(wording, str) and wording.strip() else None


VOLUNTARY_SQL = f"""
SELECT cr.id AS credential_id, cr.kind, cr.value, cr.issuer, cr.status, cr.format_valid, cr.register_url,
  cr.register_name, cr.checked_at, cr.evidence AS register_evidence, cr.source_url,
  cr.practitioner_id, p.name AS practitioner_name, {CLINIC_COLS}
FROM credentials cr JOIN clinics c ON c.id = cr.clinic_id
LEFT JOIN practitioners p ON p.id = cr.practitioner_id
WHERE cr.status = 'not_found' AND (cr.kind IN ('jccp', 'saveface') OR (cr.kind = 'membership'
  AND (cr.value LIKE '%jccp%' OR cr.value LIKE '%save%face%' OR cr.issuer LIKE '%jccp%'
       OR cr.issuer LIKE '%save%face%')))
ORDER BY cr.id
"""
VOLUNTARY_NAMES = {"jccp": "the JCCP register", "saveface": "the Save Face register"}


@rule("UK-REG-06", 1, severities=("amber",), title="Save Face or JCCP membership not on the register")
def voluntary_not_listed(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    """A claimed JCCP / Save Face membership the imported snapshot does not list (the verifier
    writes ``not_found`` only when a snapshot of that register is loaded and was searched)."""
    for r in rows(db, VOLUNTARY_SQL):
        answer = parse_json(r["register_evidence"])
        details = answer.get("register") if isinstance(answer, dict) else None
        kind = details.get("kind") if isinstance(details, dict) else r["kind"]
        where = VOLUNTARY_NAMES.get(kind, "the register it names")
        clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
        who = r["practitioner_name"] or clinic
        body = "JCCP" if kind == "jccp" else "Save Face"
        message = (
            f"{clinic} says {who} is a member of {body}, but {where} we imported does not list "
            f"{'them' if r['practitioner_name'] else 'the clinic'}. Check the register yourself before "
            "booking: membership can lapse, and some sites claim it without joining."
        )
        yield Hit("amber", message, r["clinic_id"], practitioner_id=r["practitioner_id"],
                  credential_id=r["credential_id"], evidence_url=r["register_url"] or r["source_url"],
                  evidence=credential_evidence(r))
