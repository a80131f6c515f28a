"""One clinic, one row: fold listing-only clinics into the clinic they describe.

A clinic seen through its website and through listings is already one row when
the listing carries the website (same site key). Listings without a website are
keyed by phone or name + postcode (pipelines/identity.listing_site); here they
are merged into a website clinic with the same normalised phone, or the same
postcode and a name that matches fuzzily (rapidfuzz token_set_ratio >= 88).
Every source URL is kept on the surviving row; a chain's branches are never
merged with each other (different branch keys, different postcodes).
"""

from __future__ import annotations

import sqlite_utils
from rapidfuzz import fuzz

from core.text import ascii_key as fold

NAME_THRESHOLD = 88
FILL_COLUMNS = ("phone", "email", "address", "locality", "region", "postcode", "country",
                "latitude", "longitude")


def _postcode(value: str | None) -> str:
    return "".join((value or "").split()).upper()


def find_target(db: sqlite_utils.Database, row: dict) -> str | None:
    """The website clinic this listing-only row describes, or None."""
    if row["phone"]:
        hit = db.execute(
            "SELECT id FROM clinics WHERE phone = ? AND site NOT LIKE 'phone:%' AND site NOT LIKE 'name:%' "
            "AND id != ? LIMIT 1", [row["phone"], row["id"]]).fetchone()
        if hit:
            return hit[0]
    postcode = _postcode(row["postcode"])
    if not postcode:
        return None
    best, best_score = None, NAME_THRESHOLD
    for cand in db.query(
            "SELECT id, name, postcode FROM clinics WHERE site NOT LIKE 'phone:%' AND site NOT LIKE 'name:%' "
            "AND replace(upper(postcode), ' ', '') = ?", [postcode]):
        score = fuzz.token_set_ratio(fold(row["name"]), fold(cand["name"]))
        if score >= best_score:
            best, best_score = cand["id"], score
    return best


def merge_clinics(db: sqlite_utils.Database) -> int:
    """Merge listing-only clinics into website clinics; return how many rows were folded."""
    merged = 0
    orphans = list(db.query("SELECT * FROM clinics WHERE site LIKE 'phone:%' OR site LIKE 'name:%'"))
    with db.atomic():
        for row in orphans:
            target = find_target(db, row)
            if target is None:
                continue
            sets = ", ".join(f"{c} = COALESCE({c}, ?)" for c in FILL_COLUMNS)
            db.execute(f"UPDATE clinics SET {sets} WHERE id = ?", [row[c] for c in FILL_COLUMNS] + [target])
            db.execute("UPDATE OR IGNORE clinic_sources SET clinic_id = ? WHERE clinic_id = ?", [target, row["id"]])
            db.execute("DELETE FROM clinic_sources WHERE clinic_id = ?", [row["id"]])
            db.execute("DELETE FROM clinics WHERE id = ?", [row["id"]])
            merged += 1
    return merged
