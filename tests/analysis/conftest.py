"""Fixtures for analysis tests: a fresh database and a builder for direct inserts."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
import sqlite_utils

from db.schema import open_db

UNSET: Any = object()


class Builder:
    """Insert clinics, prices, practitioners and credentials with short calls."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._ids = itertools.count(1)

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):05d}"

    def clinic(self, country: str = "GB", postcode: str | None = "SW1A 1AA",
               locality: str | None = "London", region: str | None = None,
               name: str | None = None, **extra: Any) -> str:
        cid = extra.pop("id", None) or self._id("c")
        row = {"id": cid, "site": f"{cid}.example", "branch": "", "name": name or f"Clinic {cid}",
               "website": f"https://{cid}.example/", "country": country, "postcode": postcode,
               "locality": locality, "region": region, **extra}
        self.db["clinics"].insert(row)
        return cid

    def price(self, clinic_id: str, treatment: str = "hair_mesotherapy",
              amount: float | None = 100.0,
              currency: str = "GBP", unit: str = "session", sessions: int | None = None,
              quantity: float | None = None, per_session: Any = UNSET, from_price: int = 0,
              **extra: Any) -> str:
        pid = extra.pop("id", None) or self._id("p")
        if per_session is UNSET:
            per_session = _per_session(amount, unit, sessions)
        self.db["prices"].insert({
            "id": pid, "clinic_id": clinic_id, "treatment": treatment, "treatment_text": treatment,
            "amount": amount, "currency": currency, "unit": unit, "sessions": sessions,
            "quantity": quantity, "per_session": per_session, "from_price": from_price,
            "source_url": f"https://{clinic_id}.example/prices", **extra})
        return pid

    def practitioner(self, clinic_id: str, name: str, **extra: Any) -> str:
        pid = extra.pop("id", None) or self._id("r")
        self.db["practitioners"].insert({"id": pid, "clinic_id": clinic_id, "name": name,
                                         "source_url": f"https://{clinic_id}.example/team",
                                         **extra})
        return pid

    def credential(self, practitioner_id: str | None, clinic_id: str, kind: str, value: str,
                   evidence: Any = None, **extra: Any) -> str:
        cid = extra.pop("id", None) or self._id("k")
        if isinstance(evidence, dict):
            evidence = json.dumps(evidence)
        self.db["credentials"].insert({"id": cid, "practitioner_id": practitioner_id,
                                       "clinic_id": clinic_id, "kind": kind, "value": value,
                                       "format_valid": 1, "status": "not_checked",
                                       "evidence": evidence, **extra})
        return cid

    def signal(self, clinic_id: str, kind: str, value: str, text: str = "", page: str = "/",
               seen: str = "2026-03-01T09:00:00Z") -> str:
        sid = self._id("s")
        self.db["signals"].insert({"id": sid, "clinic_id": clinic_id, "kind": kind, "value": value,
                                   "text": text or f"{kind} {value}", "last_seen": seen,
                                   "source_url": f"https://{clinic_id}.example{page}"})
        return sid

    def page(self, clinic_id: str, page: str = "/", fetched_at: str = "2026-03-01T09:00:00Z",
             kind: str = "home") -> None:
        self.db["pages"].insert({"url": f"https://{clinic_id}.example{page}", "site": f"{clinic_id}.example",
                                 "clinic_id": clinic_id, "page_kind": kind, "fetched_at": fetched_at,
                                 "status": 200}, replace=True)


def _per_session(amount: float | None, unit: str, sessions: int | None) -> float | None:
    if amount is None:
        return None
    if unit in ("session", "treatment"):
        return amount
    if unit == "course" and sessions:
        return amount / sessions
    return None


@pytest.fixture
def db(tmp_path) -> sqlite_utils.Database:
    database = open_db(str(tmp_path / "test.db"))
    yield database
    database.close()


@pytest.fixture
def build(db) -> Builder:
    return Builder(db)
