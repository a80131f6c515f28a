"""Price rules: PRICE-01 (far below the local norm), PRICE-02 (not comparable).

PRICE-01 compares each comparable price (``price_positions``, from-prices excluded)
with the most local norm of its basis; single sessions and courses have separate
norms (see analysis/norms.py). In the default mode ``both`` a price must be below
the fraction of the median and below the percentile; the percentile test is skipped
when the norm is too small for it to mean anything: with p x (n - 1) < 100 (n <= 10
for p10) the percentile lies between the two lowest figures, so only the single
cheapest clinic could ever pass it (it nearly always does) and a second clinic far
below the median never could. Where no norm has ``PRICE_01_MIN_N`` clinics it
falls back to the provisional national floor per session for the treatment and
currency (``PRICE_01_FLOORS``, research section d), applied to single sessions and
to courses' per-session figures. A clinic gets one finding per treatment and
currency, however many of its price rows are far below (a session price and the
course built on it are one pricing decision): the finding's price is the first
row in basis order (single session, course, then per-unit bases), and its evidence
lists every row below.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from itertools import groupby
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule
from analysis.rules.common import rows

BASIS_ORDER = ("session", "course", "area", "unit", "ml", "syringe", "graft")
_BASIS_RANK = " ".join(f"WHEN '{b}' THEN {i}" for i, b in enumerate(BASIS_ORDER))
# A usable norm: enough clinics. Else a floor for per-session bases, when one is set.
PRICE_01_SQL = """
SELECT * FROM (
  SELECT pp.*, p.amount, p.unit, p.sessions, p.quantity, p.source_url, p.treatment_text,
    CASE WHEN pp.norm_median IS NOT NULL AND pp.norm_n >= :min_n THEN 'norm'
         WHEN pp.basis IN ('session', 'course') THEN 'floor' END AS test,
    json_extract(:floors, '$."' || pp.treatment || '"."' || pp.currency || '"') AS floor
  FROM price_positions pp JOIN prices p ON p.id = pp.price_id
  WHERE pp.from_price = 0
)
WHERE (test = 'norm' AND unit_price < CASE :mode
    WHEN 'fraction' THEN :fraction * norm_median
    WHEN 'percentile' THEN {pcol}
    WHEN 'either' THEN max(:fraction * norm_median, {pcol})
    WHEN 'both' THEN CASE WHEN :q * (norm_n - 1) < 100 THEN :fraction * norm_median
                          ELSE min(:fraction * norm_median, {pcol}) END END)
  OR (test = 'floor' AND floor > 0 AND unit_price < floor)
ORDER BY clinic_id, treatment, currency,
  CASE basis {basis_rank} END, price_id
"""
PERCENTILE_COLUMNS = {10: "norm_p10", 25: "norm_p25", 50: "norm_median"}


@rule(
    "PRICE-01", 2, severities=("amber",), title="Price far below the local norm",
    settings=("PRICE_01_MEDIAN_FRACTION", "PRICE_01_PERCENTILE", "PRICE_01_MODE",
              "PRICE_01_MIN_N", "PRICE_01_FLOORS", "NORMS_MIN_N"),
)
def price_below_norm(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    pcol = PERCENTILE_COLUMNS[s["PRICE_01_PERCENTILE"]]
    params = {"min_n": s["PRICE_01_MIN_N"], "mode": s["PRICE_01_MODE"],
              "fraction": float(s["PRICE_01_MEDIAN_FRACTION"]), "q": s["PRICE_01_PERCENTILE"],
              "floors": json.dumps(s["PRICE_01_FLOORS"])}
    found = rows(db, PRICE_01_SQL.format(pcol=pcol, basis_rank=_BASIS_RANK), params)
    for _, group in groupby(found, key=lambda r: (r["clinic_id"], r["treatment"], r["currency"])):
        below = list(group)
        first = below[0]
        message = price_01_message(first)
        if len(below) == 2:
            message += " Another of its prices for this treatment is also far below."
        elif len(below) > 2:
            message += f" {len(below) - 1} other prices for this treatment are also far below."
        yield Hit(
            "amber", message, first["clinic_id"], price_id=first["price_id"],
            evidence_url=first["source_url"],
            evidence={**_price_01_evidence(first, s),
                      "prices_below": [_row_evidence(r) for r in below]},
        )


def price_01_message(r: Mapping[str, Any]) -> str:
    cur, basis = r["currency"], r["basis"]
    what = f"{labels.money(r['unit_price'], cur)} {labels.BASIS_PHRASES[basis]}"
    if r["unit"] == "course" and r["sessions"]:
        what += f" ({labels.money(r['amount'], cur)} for a course of {r['sessions']})"
    name = labels.treatment_name(r["treatment"])
    if r["test"] == "floor":
        return (
            f"{name} at {what} is below {labels.money(r['floor'], cur)} a session, the "
            "provisional national floor we use where too few clinics nearby can be compared."
        )
    below = (1 - r["unit_price"] / r["norm_median"]) * 100
    clinics = labels.plural(r["norm_n"], "clinic")
    of = f"a session for courses at {clinics}" if basis == "course" else f"for {clinics}"
    return (
        f"{name} at {what} is {labels.percent(below)} below the median of "
        f"{labels.money(r['norm_median'], cur)} {of} in {r['norm_region_label']}."
    )


def _row_evidence(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"price_id": r["price_id"], "treatment_text": r["treatment_text"],
            "amount": r["amount"], "unit": r["unit"], "sessions": r["sessions"],
            "quantity": r["quantity"], "basis": r["basis"], "unit_price": r["unit_price"],
            "test": r["test"], "ratio_to_median": r["ratio_to_median"], "floor": r["floor"]}


def _price_01_evidence(r: Mapping[str, Any], s: Mapping[str, Any]) -> dict[str, Any]:
    norm = None
    if r["test"] == "norm":
        norm = {"level": r["norm_level"], "region_key": r["norm_region_key"],
                "region": r["norm_region_label"], "n": r["norm_n"], "median": r["norm_median"],
                "p10": r["norm_p10"], "p25": r["norm_p25"], "p75": r["norm_p75"]}
    return {
        "source_url": r["source_url"], "treatment_text": r["treatment_text"],
        "unit_price": r["unit_price"], "currency": r["currency"], "basis": r["basis"],
        "test": r["test"], "ratio_to_median": r["ratio_to_median"] if norm else None,
        "norm": norm, "floor": r["floor"] if r["test"] == "floor" else None,
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
