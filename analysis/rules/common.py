"""Helpers shared by rule modules: row iteration, JSON evidence, SQL fragments."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

# SQL fragments (constants, no data) reused by several rules.
COUNTRY = "CASE WHEN upper(trim(c.country)) = 'UK' THEN 'GB' ELSE upper(trim(c.country)) END"
UK_KINDS = ("gmc", "nmc", "gdc", "gphc", "hcpc", "cqc")
CLINIC_COLS = (
    "c.id AS clinic_id, c.name AS clinic_name, c.site, c.branch, c.website, "
    "c.region AS clinic_region"
)


def json_flag(name: str, alias: str = "cr") -> str:
    """SQL: the boolean ``$.name`` of a credential's evidence when it is JSON, else NULL."""
    return (
        f"CASE WHEN json_valid({alias}.evidence) AND json_type({alias}.evidence) = 'object' "
        f"THEN json_extract({alias}.evidence, '$.{name}') END"
    )


def rows(db: sqlite_utils.Database, sql: str, params: Mapping[str, Any] | None = None
         ) -> Iterator[dict[str, Any]]:
    """Stream a query's rows as dicts."""
    cursor = db.conn.execute(sql, dict(params or {}))
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row))


def parse_json(text: str | None) -> Any:
    """Evidence stored as JSON, or the text itself when it is not JSON."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def in_list(values: tuple[str, ...] | list[str]) -> str:
    """JSON for ``IN (SELECT value FROM json_each(:param))``."""
    return json.dumps(list(values))


def and_list(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
