"""Datasette plugin: private register tables never give up their rows.

metadata.yml hides register_entries, npi_registry and register_cache and denies
their table pages (``allow: false``), but arbitrary SQL could still select from
them. Every connection Datasette opens therefore gets an SQLite authorizer that
answers SQLITE_IGNORE to any column read from those tables: queries still run
(counts work), every value comes back NULL.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

try:
    from registers.schema import PRIVATE_TABLES
except ImportError:  # registers/ not in this build
    PRIVATE_TABLES = ("register_entries", "npi_registry", "register_cache")

PRIVATE = frozenset(name.lower() for name in PRIVATE_TABLES)


def authorizer(action: int, arg1: str | None, arg2: str | None, dbname: str | None,
               source: str | None) -> int:
    if action == sqlite3.SQLITE_READ and arg1 and arg1.lower() in PRIVATE:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.set_authorizer(authorizer)
