"""GEN-NOPRAC-01: a clinic that lists prices but names nobody who treats you."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule
from analysis.rules.common import CLINIC_COLS, rows

NOPRAC_SQL = f"""
SELECT {CLINIC_COLS}, (SELECT count(*) FROM prices p WHERE p.clinic_id = c.id) AS n_prices,
  (SELECT min(source_url) FROM prices p WHERE p.clinic_id = c.id) AS source_url
FROM clinics c
WHERE EXISTS (SELECT 1 FROM prices p WHERE p.clinic_id = c.id)
  AND NOT EXISTS (SELECT 1 FROM practitioners p WHERE p.clinic_id = c.id)
ORDER BY c.id
"""


@rule("GEN-NOPRAC-01", 1, severities=("amber",), title="Prices but no named practitioner")
def no_practitioner(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in rows(db, NOPRAC_SQL):
        clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
        message = (
            f"We could not find who treats you at {clinic}: its website lists "
            f"{labels.plural(r['n_prices'], 'price')} but names no practitioner, so their "
            "qualifications cannot be checked."
        )
        yield Hit("amber", message, r["clinic_id"], evidence_url=r["website"] or r["source_url"],
                  evidence={"website": r["website"], "source_url": r["source_url"],
                            "prices": r["n_prices"]})
