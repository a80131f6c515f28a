"""verify_credentials: every register credential in the database against its register.

Reads ``credentials`` joined with ``practitioners`` (the claimed name) and
``clinics`` (region = US state for NPI licence states), decides a verdict per row
(registers/checks.py), writes status, checked_at, register_url, register_name and
evidence back in one batch, and appends to ``credential_status_history`` only
when a credential's status differs from its last history row.

Evidence is a JSON object. Text the crawler stored there is kept under "text";
this module owns the keys "register" (details of the check), and, at top level for
the rules engine, "prescriber_annotation" (NMC/HCPC/GPhC independent prescriber),
"licence_state_match" (NPI: a taxonomy licence state equals the clinic's state) and
"lookup" ("number" or "name": how the register was searched, set when it was).

Handled kinds: gmc, nmc, gdc, gphc, hcpc, npi (checked), jccp / saveface (also
``membership`` rows whose issuer or value names JCCP or Save Face), and
state_license, cqc, ahpra, pwz, imc (no source yet: unverifiable). A network failure of
the online NPI client leaves the row untouched and is counted in ``errors``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from core.identifiers import normalise
from items import REGISTER_KINDS
from registers.checks import (
    Verdict,
    VoluntaryIndex,
    check_npi,
    check_uk,
    check_voluntary,
    register_url,
    unverifiable,
)
from registers.npi import NpiClient, NpiError
from registers.uk import STATUTORY_KINDS, VOLUNTARY_KINDS

OWN_KEYS = ("register", "prescriber_annotation", "licence_state_match", "lookup")
_VOLUNTARY_NAMES = re.compile(r"\b(jccp|save\s*face)\b", re.IGNORECASE)
_SELECT = """
    SELECT c.id, c.kind, c.value, c.issuer, c.format_valid, c.evidence,
           p.name, cl.name, cl.region
    FROM credentials c
    LEFT JOIN practitioners p ON p.id = c.practitioner_id
    LEFT JOIN clinics cl ON cl.id = c.clinic_id
    WHERE c.kind IN ({marks}) ORDER BY c.id
"""


def register_kind(kind: str, value: str | None, issuer: str | None) -> str | None:
    """The register a credential row is checked against, or None when it is not ours."""
    if kind in REGISTER_KINDS or kind in VOLUNTARY_KINDS:
        return kind
    if kind == "membership":
        match = _VOLUNTARY_NAMES.search(f"{issuer or ''} {value or ''}")
        if match:
            return "jccp" if match.group(1).lower() == "jccp" else "saveface"
    return None


def snapshots(db: sqlite_utils.Database) -> dict[str, str]:
    """kind -> imported_at of every snapshot with at least one row."""
    return dict(db.execute(
        "SELECT kind, imported_at FROM register_snapshots WHERE rows > 0"
    ).fetchall())


def _merge_evidence(old: str | None, verdict: Verdict, kind: str,
                    format_valid: int | None) -> str:
    try:
        data = json.loads(old) if old else {}
    except ValueError:
        data = None
    if not isinstance(data, dict):
        data = {"text": old}
    for key in OWN_KEYS:
        data.pop(key, None)
    details = {"kind": kind, "source": verdict.source, **verdict.details}
    if format_valid == 0:
        details["format_valid"] = False
    data["register"] = details
    if verdict.prescriber_annotation is not None:
        data["prescriber_annotation"] = verdict.prescriber_annotation
    if verdict.licence_state_match is not None:
        data["licence_state_match"] = verdict.licence_state_match
    if verdict.lookup is not None:
        data["lookup"] = verdict.lookup
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


class _Run:
    def __init__(self, db: sqlite_utils.Database, client: NpiClient | None):
        self.db = db
        self.client = client
        self.loaded = snapshots(db)
        self.voluntary = VoluntaryIndex(db)

    def check(self, kind: str, raw_value: str, person: str | None, clinic: str | None,
              region: str | None) -> tuple[Verdict, str]:
        """The verdict and the normalised number; only an NPI may name an organisation."""
        claimed = person or (clinic if kind in VOLUNTARY_KINDS else None)  # clinics join Save Face too
        number = normalise(kind, raw_value) if kind in (*STATUTORY_KINDS, "npi") else raw_value
        if kind in STATUTORY_KINDS:
            return check_uk(self.db, kind, number, claimed, self.loaded.get(kind)), number
        if kind in VOLUNTARY_KINDS:
            at = self.loaded.get(kind)
            return check_voluntary(self.voluntary, kind, number, claimed, at), number
        if kind == "npi":
            at = self.loaded.get("nppes")
            return check_npi(self.db, number, person or clinic, region, nppes_at=at,
                             client=self.client), number
        return unverifiable(f"no register source for {kind}"), number


def _last_statuses(db: sqlite_utils.Database) -> dict[str, str]:
    return dict(db.execute(
        "SELECT credential_id, status FROM credential_status_history WHERE id IN "
        "(SELECT MAX(id) FROM credential_status_history GROUP BY credential_id)"
    ).fetchall())


def _write(db: sqlite_utils.Database, updates: list[tuple], history: list[tuple]) -> None:
    with db.atomic():
        db.conn.executemany(
            "UPDATE credentials SET status = ?, checked_at = ?, register_url = ?, "
            "register_name = ?, evidence = ? WHERE id = ?", updates,
        )
        db.conn.executemany(
            "INSERT INTO credential_status_history (credential_id, status, checked_at, source) "
            "VALUES (?, ?, ?, ?)", history,
        )


def verify_credentials(db: sqlite_utils.Database, *, npi_client: NpiClient | None = None,
                       now: datetime | None = None) -> dict[str, Any]:
    """Check every register credential; return counts by status and what was written."""
    checked_at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    kinds = sorted({*REGISTER_KINDS, *VOLUNTARY_KINDS, "membership"})
    rows = db.execute(_SELECT.format(marks=", ".join("?" for _ in kinds)), kinds).fetchall()
    run = _Run(db, npi_client)
    last = _last_statuses(db)
    updates: list[tuple] = []
    history: list[tuple] = []
    by_status: Counter[str] = Counter()
    errors: list[str] = []
    for cid, kind, value, issuer, fmt, evidence, person, clinic, region in rows:
        reg = register_kind(kind, value, issuer)
        if reg is None:
            continue
        try:
            verdict, number = run.check(reg, value or "", person, clinic, region)
        except NpiError as exc:
            errors.append(f"{cid}: {exc}")
            continue
        by_status[verdict.status] += 1
        updates.append((verdict.status, checked_at, register_url(reg, number),
                        verdict.register_name, _merge_evidence(evidence, verdict, reg, fmt), cid))
        if last.get(cid) != verdict.status:
            history.append((cid, verdict.status, checked_at, verdict.source))
    _write(db, updates, history)
    return {
        "checked": len(updates), "by_status": dict(sorted(by_status.items())),
        "history_rows": len(history), "errors": len(errors), "error_messages": errors[:20],
        "online_requests": npi_client.requests_made if npi_client else 0,
        "snapshots": run.loaded, "checked_at": checked_at,
    }
