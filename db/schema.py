"""The public data contract: tables, columns, indexes, full-text search.

Schema changes are migrations: numbered, frozen as literal SQL in db/migrations.py,
applied once, recorded in ``_migrations``. ``ensure_schema`` is idempotent and cheap, so every entry
point calls it. Column names are public (Datasette users see them); see
docs/data-contract.md for their meaning.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from db.migrations import MIGRATIONS

# The public tables (everything but the private register tables, see registers/schema.py).
PUBLIC_TABLES = ("clinics", "practitioners", "credentials", "prices", "price_observations", "flags",
                 "crawls", "pages", "crawl_errors", "clinic_sources", "price_norms", "price_positions",
                 "flags_history", "register_snapshots", "credential_status_history", "changes", "money",
                 "signals", "care_locations", "care_matches")


def connect(path: str, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open the database in WAL mode so Datasette can read while a crawl writes."""
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise sqlite3.OperationalError(f"cannot open database {path}: directory {parent} does not exist")
    db = sqlite_utils.Database(path)
    if not readonly:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=10000")
    db.execute("PRAGMA foreign_keys=OFF")  # rows arrive in batches; integrity is kept by ids
    return db


def ensure_schema(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations; return the names applied now."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        with db.atomic():
            for statement in statements:
                db.execute(statement)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", [name]
            )
        applied.append(name)
    return applied


def open_db(path: str) -> sqlite_utils.Database:
    db = connect(path)
    ensure_schema(db)
    return db
