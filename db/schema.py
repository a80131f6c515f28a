"""The public data contract: tables, columns, indexes, full-text search.

Schema changes are migrations: numbered, applied once, recorded in
``_migrations``. ``ensure_schema`` is idempotent and cheap, so every entry
point calls it. Column names are public (Datasette users see them); see
docs/data-contract.md for their meaning.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

TABLES: dict[str, str] = {
    "clinics": """
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        branch TEXT NOT NULL DEFAULT '',
        name TEXT, website TEXT, phone TEXT, email TEXT,
        address TEXT, locality TEXT, region TEXT, postcode TEXT, country TEXT,
        latitude REAL, longitude REAL,
        first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    """,
    "practitioners": """
        id TEXT PRIMARY KEY,
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        name TEXT NOT NULL, title TEXT, postnominals TEXT, profession TEXT,
        prescriber INTEGER, role TEXT,
        source_url TEXT, first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    """,
    "credentials": """
        id TEXT PRIMARY KEY,
        practitioner_id TEXT REFERENCES practitioners(id),
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        kind TEXT NOT NULL, value TEXT NOT NULL, issuer TEXT,
        format_valid INTEGER,
        status TEXT NOT NULL DEFAULT 'not_checked',
        checked_at TEXT, register_url TEXT, register_name TEXT,
        evidence TEXT, source_url TEXT, first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    """,
    "prices": """
        id TEXT PRIMARY KEY,
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        treatment TEXT NOT NULL, treatment_text TEXT,
        amount REAL, amount_max REAL, was_amount REAL, currency TEXT,
        unit TEXT NOT NULL, sessions INTEGER, quantity REAL,
        per_session REAL, from_price INTEGER NOT NULL DEFAULT 0,
        price_text TEXT, source_url TEXT, evidence TEXT,
        first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    """,
    "price_observations": """
        price_id TEXT NOT NULL REFERENCES prices(id),
        crawl_id INTEGER NOT NULL,
        amount REAL, per_session REAL, currency TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (price_id, crawl_id)
    """,
    "flags": """
        id TEXT PRIMARY KEY,
        clinic_id TEXT REFERENCES clinics(id),
        practitioner_id TEXT, price_id TEXT, credential_id TEXT,
        rule_id TEXT NOT NULL, rule_version INTEGER NOT NULL,
        severity TEXT NOT NULL, message TEXT NOT NULL,
        evidence_url TEXT, evidence TEXT,
        created_at TEXT NOT NULL, updated_at TEXT
    """,
    "crawls": """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        spider TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running', finish_reason TEXT,
        seeds TEXT, sites INTEGER, pages INTEGER, items INTEGER, errors INTEGER,
        bytes INTEGER, monitor_failures TEXT
    """,
    "pages": """
        url TEXT PRIMARY KEY,
        site TEXT NOT NULL, clinic_id TEXT, page_kind TEXT,
        status INTEGER, fetched_at TEXT, crawl_id INTEGER,
        prices INTEGER, practitioners INTEGER, notes TEXT
    """,
    "crawl_errors": """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        crawl_id INTEGER, url TEXT NOT NULL, site TEXT,
        reason TEXT NOT NULL, status INTEGER, at TEXT NOT NULL
    """,
    "clinic_sources": """
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        source TEXT NOT NULL, url TEXT NOT NULL,
        first_seen TEXT, last_seen TEXT,
        PRIMARY KEY (clinic_id, source, url)
    """,
}

INDEXES = [
    ("practitioners", ["clinic_id"]),
    ("credentials", ["practitioner_id"]),
    ("credentials", ["clinic_id"]),
    ("credentials", ["kind", "value"]),
    ("prices", ["clinic_id"]),
    ("prices", ["treatment", "currency", "unit"]),
    ("flags", ["clinic_id"]),
    ("flags", ["rule_id"]),
    ("pages", ["site"]),
    ("pages", ["clinic_id"]),
    ("crawl_errors", ["crawl_id"]),
    ("clinics", ["site"]),
    ("clinics", ["postcode"]),
]

FTS = {
    "clinics": ["name", "website", "address", "locality", "postcode"],
    "practitioners": ["name", "role", "postnominals"],
}


def _m001_base(db: sqlite_utils.Database) -> None:
    for name, columns in TABLES.items():
        db.execute(f"CREATE TABLE IF NOT EXISTS [{name}] ({columns})")
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)
    for table, cols in FTS.items():
        if not db[table].detect_fts():
            db[table].enable_fts(cols, create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def _area(module: str) -> Callable[[sqlite_utils.Database], None]:
    """A migration owned by another area's schema module (tables only, no behaviour)."""

    def migrate(db: sqlite_utils.Database) -> None:
        importlib.import_module(module).migrate(db)

    return migrate


# Append new migrations here; never edit an applied one.
MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("001_base", _m001_base),
    ("010_registers", _area("registers.schema")),
    ("020_analysis", _area("analysis.schema")),
    ("030_history", _area("db.history")),
]


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
    for name, migrate in MIGRATIONS:
        if name in done:
            continue
        with db.atomic():
            migrate(db)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))", [name]
            )
        applied.append(name)
    return applied


def open_db(path: str) -> sqlite_utils.Database:
    db = connect(path)
    ensure_schema(db)
    return db
