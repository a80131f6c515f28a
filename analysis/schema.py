"""The analysis' tables (price_norms, price_positions, flags_history) are created by migration
``020_analysis`` in db/migrations.py; this module keeps the bulk-step cache helper.
``page_cache`` sizes SQLite's cache for the bulk steps (PRAGMA values cannot be bound as
parameters; it is an int).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

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
