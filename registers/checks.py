"""One credential against one register: pure-ish checks that return a :class:`Verdict`.

Each check reads the imported snapshot tables (or the NPI client) and decides
one of: verified, not_found, name_mismatch, inactive, conditions, unverifiable.
Identity comes first (a number that belongs to someone else says nothing about
the claimant), then the register status. ``unverifiable`` always carries a
``reason``; nothing is ever ``verified`` without a register entry in hand.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from core.identifiers import npi_luhn_ok
from registers.names import NAME_MATCH_THRESHOLD, name_match, name_tokens
from registers.npi import NpiApiError, NpiClient, NpiRecord
from registers.uk import prescriber_annotation, split_annotations

REGISTER_URLS = {
    "gmc": "https://www.gmc-uk.org/doctors/{number}",
    "nmc": "https://www.nmc.org.uk/registration/search-the-register/",
    "gdc": "https://olr.gdc-uk.org/searchregister",
    "gphc": "https://www.pharmacyregulation.org/registers",
    "hcpc": "https://www.hcpc-uk.org/check-the-register/",
    "jccp": "https://www.jccp.org.uk/",
    "saveface": "https://www.saveface.co.uk/",
    "npi": "https://npiregistry.cms.hhs.gov/provider-view/{number}",
    "cqc": "https://www.cqc.org.uk/location/{number}",
    "ahpra": "https://www.ahpra.gov.au/Registration/Registers-of-Practitioners.aspx",
    "pwz": "https://rejestr.nil.org.pl/",
    "imc": "https://www.medicalcouncil.ie/public-information/check-the-register/",
}
# Registers whose licence lets us republish the name they hold (NPPES is public domain;
# GMC forbids republishing; the others' terms are unknown, so no).
REPUBLISH_NAME = frozenset({"npi"})
_OUR_STATUS = {"clear": "verified", "conditions": "conditions", "inactive": "inactive"}


@dataclass
class Verdict:
    status: str
    source: str
    details: dict[str, Any] = field(default_factory=dict)
    register_name: str | None = None
    prescriber_annotation: bool | None = None
    licence_state_match: bool | None = None
    lookup: str | None = None  # "number" or "name": how the register was searched


def register_url(kind: str, number: str) -> str | None:
    template = REGISTER_URLS.get(kind)
    if template is None:
        return None
    if "{number}" in template and not (number and number.replace("-", "").isalnum()):
        return None
    return template.format(number=number)


def unverifiable(reason: str, source: str = "none", **details: Any) -> Verdict:
    return Verdict("unverifiable", source, {"reason": reason, **details})


def _identity(claimed: str | None, registered: str | None) -> tuple[str | None, dict[str, Any]]:
    """None when names agree; else a status (name_mismatch / unverifiable) and details."""
    if not name_tokens(claimed):
        return "unverifiable", {"reason": "no name to compare with the register entry"}
    score = name_match(claimed, registered)
    details = {"name_score": score, "name_threshold": NAME_MATCH_THRESHOLD}
    return (None if score >= NAME_MATCH_THRESHOLD else "name_mismatch"), details


def check_uk(db: sqlite_utils.Database, kind: str, number: str, claimed: str | None,
             snapshot_at: str | None) -> Verdict:
    """A statutory UK register number against the imported snapshot of ``kind``."""
    source = f"snapshot:{kind}"
    if snapshot_at is None:
        return unverifiable(f"no {kind.upper()} snapshot loaded")
    row = db.execute(
        "SELECT name, status, our_status, annotations FROM register_entries "
        "WHERE kind = ? AND number = ? ORDER BY id LIMIT 1", [kind, number],
    ).fetchone()
    base = {"snapshot_imported_at": snapshot_at}
    if row is None:
        return Verdict("not_found", source, base, lookup="number")
    return _entry_verdict(kind, claimed, row, source, base, "number")


def _entry_verdict(kind: str, claimed: str | None, row: sqlite3.Row | tuple, source: str,
                   base: dict[str, Any], lookup: str) -> Verdict:
    name, wording, ours, annotations = row
    problem, details = _identity(claimed, name)
    details = {**base, **details, "register_status": wording}
    if problem:
        return Verdict(problem, source, details, lookup=lookup)
    prescriber = prescriber_annotation(kind, split_annotations(annotations))
    if ours == "unknown":
        details["reason"] = "register status wording not in our vocabulary"
    status = _OUR_STATUS.get(ours, "unverifiable")
    register_name = name if kind in REPUBLISH_NAME else None
    return Verdict(status, source, details, register_name, prescriber, lookup=lookup)


class VoluntaryIndex:
    """Name-keyed lookups on the JCCP / Save Face snapshots, loaded once per run."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._entries: dict[str, list[tuple]] = {}

    def entries(self, kind: str) -> list[tuple]:
        if kind not in self._entries:
            self._entries[kind] = self.db.execute(
                "SELECT number, name, status, our_status, annotations FROM register_entries "
                "WHERE kind = ?", [kind],
            ).fetchall()
        return self._entries[kind]

    def by_number(self, kind: str, number: str) -> tuple | None:
        return next((e for e in self.entries(kind) if number and e[0] == number), None)

    def by_name(self, kind: str, claimed: str | None) -> tuple | None:
        """The best name match at or above the threshold."""
        entries = self.entries(kind)
        scored = [(name_match(claimed, e[1]), e) for e in entries]
        scored = [s for s in scored if s[0] >= NAME_MATCH_THRESHOLD]
        return max(scored, key=lambda s: s[0])[1] if scored else None


def check_voluntary(index: VoluntaryIndex, kind: str, number: str, claimed: str | None,
                    snapshot_at: str | None) -> Verdict:
    """A JCCP / Save Face claim: found by number when given, else by name."""
    if snapshot_at is None:
        return unverifiable(f"no {kind} snapshot loaded")
    source = f"snapshot:{kind}"
    base = {"snapshot_imported_at": snapshot_at}
    entry = index.by_number(kind, number)
    if entry is not None:
        return _entry_verdict(kind, claimed, entry[1:], source, base, "number")
    if not name_tokens(claimed):
        return unverifiable("no name to look up", source, **base)
    entry = index.by_name(kind, claimed)
    if entry is None:
        return Verdict("not_found", source, base, lookup="name")
    return _entry_verdict(kind, claimed, entry[1:], source, base, "name")


def _npi_verdict(record: NpiRecord, claimed: str | None, region: str | None,
                 source: str) -> Verdict:
    registered = record.display_name
    states = record.licence_states()
    clinic_state = (region or "").strip().upper() or None
    match = (clinic_state in states) if clinic_state and states else None
    details = {"entity_type": record.entity_type, "credential": record.credential,
               "licence_states": states, "clinic_state": clinic_state, "active": record.active}
    if record.deactivation_date:
        details["deactivation_date"] = record.deactivation_date
        details["reactivation_date"] = record.reactivation_date
    if not record.active:  # NPPES blanks the names of deactivated NPIs
        return Verdict("inactive", source, details, registered, None, match, "number")
    problem, name_details = _identity(claimed, registered)
    details.update(name_details)
    status = problem or "verified"
    return Verdict(status, source, details, registered, None, match, "number")


def check_npi(db: sqlite_utils.Database, number: str, claimed: str | None, region: str | None,
              *, nppes_at: str | None, client: NpiClient | None) -> Verdict:
    """NPPES table first; the online client only when given and the table has no row."""
    if nppes_at is not None:
        rows = list(db["npi_registry"].rows_where("npi = ?", [number], limit=1))
        if rows:
            return _npi_verdict(NpiRecord.from_row(rows[0]), claimed, region, "nppes")
    if client is None:
        if nppes_at is not None:
            return Verdict("not_found", "nppes", {"snapshot_imported_at": nppes_at}, lookup="number")
        return unverifiable("no NPPES file imported and online lookup off")
    if not npi_luhn_ok(number):
        if nppes_at is not None:
            return Verdict("not_found", "nppes", {"snapshot_imported_at": nppes_at}, lookup="number")
        return unverifiable("NPI fails the Luhn check; not looked up online", format_valid=False)
    try:
        record = client.lookup(number)
    except NpiApiError as exc:
        return unverifiable(str(exc), "npi-api")
    if record is None:
        note = "the API lists nothing for unknown and for deactivated NPIs alike"
        return Verdict("not_found", "npi-api", {"note": note}, lookup="number")
    return _npi_verdict(record, claimed, region, "npi-api")
