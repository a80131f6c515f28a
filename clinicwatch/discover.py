"""Discovery glue: listings found in an area become seeds for the sites spider."""

from __future__ import annotations

import csv
from pathlib import Path

from db.schema import open_db

SEEDS_SQL = """
SELECT DISTINCT c.name, c.website FROM clinics c
JOIN clinic_sources s ON s.clinic_id = c.id AND s.source = :source
WHERE c.website IS NOT NULL AND c.website != ''
ORDER BY c.name
"""


def write_seeds_from_listings(db_path: str, seeds_path: str | Path, source: str = "osm") -> int:
    """Write name,website rows for every listed clinic with a website; return how many."""
    db = open_db(db_path)
    try:
        rows = list(db.query(SEEDS_SQL, {"source": source}))
    finally:
        db.close()
    with open(seeds_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "website"])
        for row in rows:
            writer.writerow([row["name"], row["website"]])
    return len(rows)
