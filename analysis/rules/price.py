"""Price rules: PRICE-01 (far below the local norm), PRICE-02 (not comparable)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule
from analysis.rules.common import rows

PRICE_01_SQL = """
SELECT pp.*, p.amount, p.unit, p.sessions, p.quantity, p.source_url, p.treatment_text
FROM price_positions pp JOIN prices p ON p.id = pp.price_id
WHERE pp.from_price = 0 AND pp.norm_median IS NOT NULL AND pp.norm_n >= :min_n
  AND pp.unit_price < CASE :mode
    WHEN 'fraction' THEN :fraction * pp.norm_median
    WHEN 'percentile' THEN pp.{pcol}
    WHEN 'either' THEN max(:fraction * pp.norm_median, pp.{pcol})
    ELSE min(:fraction * pp.norm_median, pp.{pcol}) END
ORDER BY pp.price_id
"""
PERCENTILE_COLUMNS = {10: "norm_p10", 25: "norm_p25", 50: "norm_median"}


@rule(
    "PRICE-01", 1, severities=("amber",), title="Price far below the local norm",
    settings=("PRICE_01_MEDIAN_FRACTION", "PRICE_01_PERCENTILE", "PRICE_01_MODE",
              "PRICE_01_MIN_N", "NORMS_MIN_N"),
)
def price_below_norm(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    pcol = PERCENTILE_COLUMNS[s["PRICE_01_PERCENTILE"]]
    params = {"min_n": s["PRICE_01_MIN_N"], "mode": s["PRICE_01_MODE"],
              "fraction": float(s["PRICE_01_MEDIAN_FRACTION"])}
    for r in rows(db, PRICE_01_SQL.format(pcol=pcol), params):
        yield Hit(
            "amber", price_01_message(r), r["clinic_id"], price_id=r["price_id"],
            evidence_url=r["source_url"], evidence=_price_01_evidence(r, s),
        )


def price_01_message(r: Mapping[str, Any]) -> str:
    cur, basis = r["currency"], r["basis"]
    below = (1 - r["unit_price"] / r["norm_median"]) * 100
    what = f"{labels.money(r['unit_price'], cur)} {labels.BASIS_PHRASES[basis]}"
    if r["unit"] == "course" and r["sessions"]:
        what += f" ({labels.money(r['amount'], cur)} for a course of {r['sessions']})"
    return (
        f"{labels.treatment_name(r['treatment'])} at {what} is {labels.percent(below)} below "
        f"the median of {labels.money(r['norm_median'], cur)} for "
        f"{labels.plural(r['norm_n'], 'clinic')} in {r['norm_region_label']}."
    )


def _price_01_evidence(r: Mapping[str, Any], s: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "source_url": r["source_url"], "treatment_text": r["treatment_text"],
        "unit_price": r["unit_price"], "currency": r["currency"], "basis": r["basis"],
        "ratio_to_median": r["ratio_to_median"],
        "norm": {"level": r["norm_level"], "region_key": r["norm_region_key"],
                 "region": r["norm_region_label"], "n": r["norm_n"],
                 "median": r["norm_median"], "p10": r["norm_p10"], "p25": r["norm_p25"],
                 "p75": r["norm_p75"]},
        "thresholds": {"mode": s["PRICE_01_MODE"], "percentile": s["PRICE_01_PERCENTILE"],
                       "median_fraction": s["PRICE_01_MEDIAN_FRACTION"],
                       "min_n": s["PRICE_01_MIN_N"]},
    }


PRICE_02_SQL = """
SELECT p.id AS price_id, p.clinic_id, p.treatment, p.treatment_text, p.amount, p.currency,
  p.unit, p.sessions, p.from_price, p.price_text, p.source_url
FROM prices p
WHERE p.amount IS NOT NULL AND (p.from_price = 1 OR
  (p.unit = 'course' AND coalesce(p.sessions, 0) <= 0 AND p.per_session IS NULL))
ORDER BY p.id
"""


@rule("PRICE-02", 1, severities=("info",), title="Price that cannot be compared per session")
def price_not_comparable(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for r in rows(db, PRICE_02_SQL):
        yield Hit(
            "info", price_02_message(r), r["clinic_id"], price_id=r["price_id"],
            evidence_url=r["source_url"],
            evidence={"source_url": r["source_url"], "price_text": r["price_text"],
                      "treatment_text": r["treatment_text"], "amount": r["amount"],
                      "currency": r["currency"], "unit": r["unit"], "sessions": r["sessions"],
                      "from_price": bool(r["from_price"])},
        )


def price_02_message(r: Mapping[str, Any]) -> str:
    name, amount = labels.treatment_name(r["treatment"]), labels.money(r["amount"], r["currency"])
    if r["from_price"]:
        return (
            f"{name} is advertised from {amount}: a starting price, so what you would pay "
            "is not known and it is not compared with other clinics."
        )
    return (
        f"{name} is sold as a course for {amount} without saying how many sessions it "
        "includes, so it cannot be compared with other clinics' prices per session."
    )
