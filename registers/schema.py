"""Tables owned by registers/: snapshots, the NPPES copy, the API cache, status history.

Applied by db/schema.py as migration ``010_registers``; idempotent, so tests and
tools may also call :func:`migrate` directly after ``db.schema.open_db``.

Private tables (hidden from Datasette, see docs/registers.md): ``register_entries``
(raw UK register rows; the GMC licence forbids republishing them),
``npi_registry`` (a copy of NPPES, ~8M rows), ``register_cache`` (raw API bodies).
Public: ``register_snapshots`` (what was imported, when) and
``credential_status_history`` (our verdicts over time).
"""

from __future__ import annotations

import sqlite_utils

TABLES: dict[str, str] = {
    # One row per person on an imported UK or voluntary register snapshot.
    "register_entries": """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL, number TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL, name_key TEXT NOT NULL DEFAULT '',
        status TEXT, our_status TEXT, annotations TEXT,
        imported_at TEXT NOT NULL, source_file TEXT
    """,
    # NPPES dissemination file rows (and nothing from the online API).
    "npi_registry": """
        npi TEXT PRIMARY KEY,
        entity_type INTEGER, last_name TEXT, first_name TEXT, middle_name TEXT,
        organization_name TEXT, credential TEXT, state TEXT,
        taxonomies TEXT, licences TEXT,
        deactivation_date TEXT, reactivation_date TEXT, imported_at TEXT
    """,
    "register_cache": """
        url TEXT PRIMARY KEY,
        fetched_at REAL NOT NULL, body TEXT NOT NULL
    """,
    # The latest import of each kind: what `registers list` prints.
    "register_snapshots": """
        kind TEXT PRIMARY KEY,
        source_file TEXT, imported_at TEXT NOT NULL, rows INTEGER NOT NULL
    """,
    "credential_status_history": """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        credential_id TEXT NOT NULL, status TEXT NOT NULL,
        checked_at TEXT NOT NULL, source TEXT
    """,
}

INDEXES = [
    ("register_entries", ["kind", "number"]),
    ("register_entries", ["kind", "name_key"]),
    ("credential_status_history", ["credential_id", "id"]),
]

PRIVATE_TABLES = ("register_entries", "npi_registry", "register_cache")


def migrate(db: sqlite_utils.Database) -> None:
    """Create the registers tables and indexes if they do not exist."""
    for name, columns in TABLES.items():
        db.execute(f"CREATE TABLE IF NOT EXISTS [{name}] ({columns})")
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)
