"""Tables the analysis owns: price_norms, price_positions, flags_history.

``migrate`` is idempotent (every statement is IF NOT EXISTS), so it can be both
registered in db/schema.py MIGRATIONS as "020_analysis" and called again by
the analysis entry points on databases created before that. The ``flags``
table itself belongs to db/schema.py. ``page_cache`` sizes SQLite's cache for
the bulk steps (PRAGMA values cannot be bound as parameters; it is an int).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

TABLES: dict[str, str] = {
    # One row per (treatment, currency, basis, region level, region) with enough clinics.
    "price_norms": """
        treatment TEXT NOT NULL, currency TEXT NOT NULL, basis TEXT NOT NULL,
        level TEXT NOT NULL, region_key TEXT NOT NULL, region_label TEXT,
        n INTEGER NOT NULL, median REAL NOT NULL, p10 REAL NOT NULL, p25 REAL NOT NULL,
        p75 REAL NOT NULL, min_value REAL NOT NULL, max_value REAL NOT NULL,
        computed_at TEXT NOT NULL,
        PRIMARY KEY (treatment, currency, basis, level, region_key)
    """,
    # One row per comparable price: the norm chosen for it and where it sits.
    "price_positions": """
        price_id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL,
        treatment TEXT NOT NULL, currency TEXT NOT NULL, basis TEXT NOT NULL,
        unit_price REAL NOT NULL, from_price INTEGER NOT NULL,
        norm_level TEXT, norm_region_key TEXT, norm_region_label TEXT,
        norm_n INTEGER, norm_median REAL, norm_p10 REAL, norm_p25 REAL, norm_p75 REAL,
        ratio_to_median REAL, pct_vs_median REAL, band TEXT,
        computed_at TEXT NOT NULL
    """,
    # One row per episode of a finding: opened when first seen, closed when cleared.
    "flags_history": """
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        flag_id TEXT NOT NULL, rule_id TEXT NOT NULL, rule_version INTEGER NOT NULL,
        clinic_id TEXT, severity TEXT NOT NULL, message TEXT NOT NULL,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, cleared_at TEXT
    """,
}

INDEXES = [
    "CREATE INDEX IF NOT EXISTS idx_price_positions_clinic ON price_positions (clinic_id)",
    "CREATE INDEX IF NOT EXISTS idx_flags_history_clinic ON flags_history (clinic_id)",
    # At most one open episode per finding; also serves look-ups by flag_id.
    "CREATE UNIQUE INDEX IF NOT EXISTS idx_flags_history_open ON flags_history (flag_id) "
    "WHERE cleared_at IS NULL",
    # Rules look up prices by treatment within a clinic.
    "CREATE INDEX IF NOT EXISTS idx_prices_clinic_treatment ON prices (clinic_id, treatment)",
]


def migrate(db: sqlite_utils.Database) -> None:
    """Create the analysis tables and indexes if missing."""
    for name, columns in TABLES.items():
        db.execute(f"CREATE TABLE IF NOT EXISTS [{name}] ({columns})")
    for statement in INDEXES:
        db.execute(statement)


@contextmanager
def page_cache(db: sqlite_utils.Database, megabytes: int) -> Iterator[None]:
    """Use a larger SQLite page cache (main and temp) for the duration of a bulk step."""
    saved = {
        name: db.execute(f"PRAGMA {name}.cache_size").fetchone()[0] for name in ("main", "temp")
    }
    for name in saved:
        db.execute(f"PRAGMA {name}.cache_size = {-1024 * int(megabytes)}")
    try:
        yield
    finally:
        for name, value in saved.items():
            db.execute(f"PRAGMA {name}.cache_size = {int(value)}")
