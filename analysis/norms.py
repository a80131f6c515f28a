"""Price norms: robust local statistics per treatment, currency and unit basis.

Everything is computed in SQL over the whole database (temp tables, window
functions), so 1,000,000 prices never become Python lists. Steps:

1. ``_cw_levels``: each clinic's region keys, one row per level, ranked from
   most to least local: UK postcode area (1), city (2), US state (3), country (4).
2. ``_cw_units``: every price with a comparable unit price, and its basis.
   ``session`` basis: a single session, unit session/treatment/consultation
   (``per_session``, else ``amount``). ``course`` basis: the per-session figure of
   a course (``per_session``, else ``amount / sessions``). Courses are sold at a
   discount per session, so they are compared only with other courses: mixing
   them into the single-session norm would make ordinary course prices look cheap.
   ``area``/``unit``/``ml``/``syringe``/``graft`` basis: ``amount / quantity`` (``amount``
   when quantity is empty: "£200 per area" buys one).
3. ``_cw_values``: one figure per clinic and (treatment, currency, basis): the
   clinic's LOWEST unit price among prices with ``from_price = 0``. "From" prices
   are lower bounds, so they never enter norms (PRICE-02 reports them).
   Regions (``_cw_regions``) and (treatment, currency, basis) triples (``_cw_tcb``)
   get integer ids first, so the big window sort compares integers, not text.
4. ``price_norms``: n, median, p10, p25, p75, min, max per group with at least
   NORMS_MIN_N clinics. Percentiles use linear interpolation between closest
   ranks (numpy's default; Python's ``statistics.quantiles(method="inclusive")``):
   for p and n sorted values x[0..n-1], j = p*(n-1) div 100, d = p*(n-1) mod 100,
   q = (x[j]*(100-d) + x[j+1]*d) / 100, all index arithmetic in integers.
5. ``price_positions``: for every comparable price (from-prices included, marked),
   the most local norm of its clinic's regions, the ratio to its median and the band.
   Its secondary indexes are dropped and rebuilt around the bulk insert.

Same inputs give the same rows; only ``computed_at`` changes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.schema import page_cache
from db.schema import ensure_schema
from analysis.settings import resolve

PERCENTILES = {"p10": 10, "p25": 25, "median": 50, "p75": 75}

_COUNTRY = "CASE WHEN upper(trim(country)) = 'UK' THEN 'GB' ELSE upper(trim(country)) END"
_AREA = (
    "CASE WHEN substr(pc, 1, 1) BETWEEN 'A' AND 'Z' THEN CASE WHEN substr(pc, 2, 1) "
    "BETWEEN 'A' AND 'Z' THEN substr(pc, 1, 2) ELSE substr(pc, 1, 1) END END"
)
LEVELS_SQL = f"""
CREATE TEMP TABLE _cw_levels AS
WITH c AS (
  SELECT id, {_COUNTRY} AS cc, upper(trim(coalesce(postcode, ''))) AS pc,
         trim(coalesce(locality, '')) AS loc, upper(trim(coalesce(region, ''))) AS st
  FROM clinics
)
SELECT id AS clinic_id, 'postcode_area' AS level, 1 AS rank, 'GB:' || {_AREA} AS region_key,
       NULL AS city_name FROM c WHERE cc = 'GB' AND {_AREA} IS NOT NULL
UNION ALL
SELECT id, 'city', 2, cc || ':' || CASE WHEN cc = 'US' AND st != '' THEN st || ':' ELSE '' END
       || lower(loc), loc FROM c WHERE cc != '' AND loc != ''
UNION ALL
SELECT id, 'state', 3, 'US:' || st, NULL FROM c WHERE cc = 'US' AND st != ''
UNION ALL
SELECT id, 'country', 4, cc, NULL FROM c WHERE cc != ''
"""

UNITS_SQL = """
CREATE TEMP TABLE _cw_units AS
SELECT * FROM (
  SELECT id AS price_id, clinic_id, treatment, upper(trim(currency)) AS currency,
    CASE WHEN unit IN ('session', 'treatment', 'consultation') THEN 'session'
         WHEN unit IN ('course', 'area', 'unit', 'ml', 'syringe', 'graft') THEN unit END AS basis,
    CASE WHEN unit IN ('session', 'treatment', 'consultation') THEN coalesce(per_session, amount)
         WHEN unit = 'course' THEN coalesce(per_session,
              CASE WHEN sessions > 0 THEN amount * 1.0 / sessions END)
         WHEN unit IN ('area', 'unit', 'ml', 'syringe', 'graft') THEN
              CASE WHEN quantity IS NULL THEN amount WHEN quantity > 0 THEN amount / quantity END
    END AS unit_price,
    CASE WHEN from_price THEN 1 ELSE 0 END AS from_price
  FROM prices
  WHERE amount IS NOT NULL AND amount > 0 AND coalesce(trim(currency), '') != ''
    AND treatment NOT IN (SELECT value FROM json_each(:excluded))
)
WHERE basis IS NOT NULL AND unit_price > 0
"""

# Integer ids for regions and (treatment, currency, basis): the big sort compares ints.
REGIONS_SQL = [
    """CREATE TEMP TABLE _cw_regions (rid INTEGER PRIMARY KEY, level TEXT, rank INTEGER,
         region_key TEXT, label TEXT)""",
    """INSERT INTO _cw_regions (level, rank, region_key, label)
       SELECT level, min(rank), region_key, cw_region_label(level, region_key, min(city_name))
       FROM _cw_levels GROUP BY level, region_key ORDER BY level, region_key""",
    """CREATE TEMP TABLE _cw_clinic_regions AS
       SELECT l.clinic_id, r.rid, r.rank FROM _cw_levels l
       JOIN _cw_regions r ON r.level = l.level AND r.region_key = l.region_key""",
    "CREATE INDEX temp._cw_clinic_regions_i ON _cw_clinic_regions (clinic_id, rank)",
]

VALUES_SQL = [
    """CREATE TEMP TABLE _cw_tcb (tid INTEGER PRIMARY KEY, treatment TEXT, currency TEXT,
         basis TEXT, UNIQUE (treatment, currency, basis))""",
    """INSERT INTO _cw_tcb (treatment, currency, basis)
       SELECT DISTINCT treatment, currency, basis FROM _cw_units ORDER BY 1, 2, 3""",
    """CREATE TEMP TABLE _cw_values AS
       SELECT u.clinic_id, t.tid, min(u.unit_price) AS value
       FROM _cw_units u JOIN _cw_tcb t USING (treatment, currency, basis)
       WHERE u.from_price = 0 GROUP BY u.clinic_id, t.tid""",
]


def _quantile_sql(name: str) -> str:
    """SUM(...) picking and weighting the two ranks around the percentile :q_<name>."""
    pos = f"(:q_{name} * (n - 1))"
    j, d = f"({pos} / 100)", f"({pos} % 100)"
    return (
        f"SUM(CASE WHEN rn = {j} + 1 THEN value * (100 - {d}) "
        f"WHEN rn = {j} + 2 THEN value * {d} ELSE 0 END) / 100.0 AS {name}"
    )


def _needed_ranks() -> str:
    """SQL condition keeping only the ranks any statistic reads (first, last, around each q)."""
    parts = [f"(rn - 1 - (:q_{name} * (n - 1)) / 100) IN (0, 1)" for name in PERCENTILES]
    return " OR ".join(["rn = 1", "rn = n", *parts])


# One sort: row_number and the partition size share the window w.
NORMS_SQL = f"""
INSERT INTO price_norms (treatment, currency, basis, level, region_key, region_label,
  n, median, p10, p25, p75, min_value, max_value, computed_at)
WITH obs AS (
  SELECT v.tid, cr.rid, v.value, row_number() OVER w AS rn,
    count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n
  FROM _cw_values v JOIN _cw_clinic_regions cr ON cr.clinic_id = v.clinic_id
  WINDOW w AS (PARTITION BY v.tid, cr.rid ORDER BY v.value)
), picked AS MATERIALIZED (
  SELECT * FROM obs WHERE n >= :min_n AND ({_needed_ranks()})
), stats AS (
  SELECT tid, rid, n,
    {", ".join(_quantile_sql(name) for name in ("median", "p10", "p25", "p75"))},
    sum(CASE WHEN rn = 1 THEN value END) AS min_value,
    sum(CASE WHEN rn = n THEN value END) AS max_value
  FROM picked GROUP BY tid, rid
)
SELECT t.treatment, t.currency, t.basis, r.level, r.region_key, r.label, s.n, s.median,
  s.p10, s.p25, s.p75, s.min_value, s.max_value, :today
FROM stats s JOIN _cw_tcb t ON t.tid = s.tid JOIN _cw_regions r ON r.rid = s.rid
ORDER BY t.treatment, t.currency, t.basis, r.level, r.region_key
"""

CHOICE_SQL = [
    """CREATE TEMP TABLE _cw_norm_ids (tid INTEGER, rid INTEGER, norm_rowid INTEGER,
         PRIMARY KEY (tid, rid))""",
    """INSERT INTO _cw_norm_ids SELECT t.tid, r.rid, pn.rowid FROM price_norms pn
       JOIN _cw_tcb t ON t.treatment = pn.treatment AND t.currency = pn.currency
         AND t.basis = pn.basis
       JOIN _cw_regions r ON r.level = pn.level AND r.region_key = pn.region_key""",
    # the most local region of the clinic that has a norm for this (treatment, currency, basis)
    """CREATE TEMP TABLE _cw_choice AS
       SELECT g.clinic_id, g.tid, (SELECT k.norm_rowid FROM _cw_clinic_regions cr
         JOIN _cw_norm_ids k ON k.tid = g.tid AND k.rid = cr.rid
         WHERE cr.clinic_id = g.clinic_id ORDER BY cr.rank LIMIT 1) AS norm_rowid
       FROM (SELECT DISTINCT u.clinic_id, t.tid FROM _cw_units u
             JOIN _cw_tcb t USING (treatment, currency, basis)) g""",
    "CREATE INDEX temp._cw_choice_i ON _cw_choice (clinic_id, tid)",
]

POSITIONS_SQL = """
INSERT INTO price_positions (price_id, clinic_id, treatment, currency, basis, unit_price,
  from_price, norm_level, norm_region_key, norm_region_label, norm_n, norm_median, norm_p10,
  norm_p25, norm_p75, ratio_to_median, pct_vs_median, band, computed_at)
SELECT u.price_id, u.clinic_id, u.treatment, u.currency, u.basis, u.unit_price, u.from_price,
  pn.level, pn.region_key, pn.region_label, pn.n, pn.median, pn.p10, pn.p25, pn.p75,
  u.unit_price / pn.median, round((u.unit_price / pn.median - 1) * 100, 1),
  CASE WHEN pn.median IS NULL THEN NULL WHEN u.unit_price < pn.p10 THEN 'below_p10'
       WHEN u.unit_price < pn.p25 THEN 'p10_p25' WHEN u.unit_price <= pn.p75 THEN 'p25_p75'
       ELSE 'above_p75' END,
  :today
FROM _cw_units u
JOIN _cw_tcb t USING (treatment, currency, basis)
JOIN _cw_choice c ON c.clinic_id = u.clinic_id AND c.tid = t.tid
LEFT JOIN price_norms pn ON pn.rowid = c.norm_rowid
ORDER BY u.price_id
"""

TEMP_TABLES = ("_cw_levels", "_cw_regions", "_cw_clinic_regions", "_cw_units", "_cw_tcb",
               "_cw_values", "_cw_norm_ids", "_cw_choice")


def compute_norms(
    db: sqlite_utils.Database,
    settings: Mapping[str, Any] | None = None,
    today: dt.date | str | None = None,
) -> dict[str, Any]:
    """Recompute price_norms and price_positions; return counts."""
    s = resolve(settings)
    day = (today or dt.datetime.now(dt.timezone.utc).date())
    day = day.isoformat() if isinstance(day, dt.date) else str(day)
    ensure_schema(db)
    db.conn.create_function("cw_region_label", 3, labels.region_label, deterministic=True)
    params = {f"q_{name}": q for name, q in PERCENTILES.items()}
    params.update(today=day, min_n=s["NORMS_MIN_N"])
    _drop_temp(db)
    try:
        with page_cache(db, s["CACHE_MB"]), db.conn:
            db.execute(LEVELS_SQL)
            _run_all(db, REGIONS_SQL)
            db.execute(UNITS_SQL, {"excluded": json.dumps(list(s["NORMS_EXCLUDE_TREATMENTS"]))})
            _run_all(db, VALUES_SQL)
            db.execute("DELETE FROM price_norms")
            db.execute(NORMS_SQL, params)
            _run_all(db, CHOICE_SQL)
            _refill_positions(db, day)
        return _stats(db)
    finally:
        _drop_temp(db)


def _run_all(db: sqlite_utils.Database, statements: list[str]) -> None:
    for statement in statements:
        db.execute(statement)


def _refill_positions(db: sqlite_utils.Database, day: str) -> None:
    """Replace price_positions; secondary indexes are rebuilt after (much faster in bulk)."""
    indexes = [
        row for row in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'price_positions' AND sql IS NOT NULL ORDER BY name"
        )
    ]
    for name, _ in indexes:
        db.execute(f"DROP INDEX [{name}]")
    db.execute("DELETE FROM price_positions")
    db.execute(POSITIONS_SQL, {"today": day})
    for _, sql in indexes:
        db.execute(sql)


def _drop_temp(db: sqlite_utils.Database) -> None:
    for name in TEMP_TABLES:
        db.execute(f"DROP TABLE IF EXISTS temp.{name}")


def _stats(db: sqlite_utils.Database) -> dict[str, Any]:
    by_level = dict(
        db.execute("SELECT level, count(*) FROM price_norms GROUP BY level ORDER BY level")
    )
    used = dict(
        db.execute(
            "SELECT coalesce(norm_level, 'none'), count(*) FROM price_positions "
            "GROUP BY 1 ORDER BY 1"
        )
    )
    return {
        "comparable_prices": db.execute("SELECT count(*) FROM _cw_units").fetchone()[0],
        "clinic_values": db.execute("SELECT count(*) FROM _cw_values").fetchone()[0],
        "norms": sum(by_level.values()),
        "norms_by_level": by_level,
        "positions": sum(used.values()),
        "positions_by_level": used,
    }


def position_prices(
    db: sqlite_utils.Database,
    settings: Mapping[str, Any] | None = None,
    today: dt.date | str | None = None,
) -> dict[str, Any]:
    """Place every price of ``db`` against the ``price_norms`` already in it, norms unchanged.

    For a live check (clinicwatch/live.py): the database holds one newly read site and a copy
    of the published norms. One site must never move the norms everybody else is judged
    against, so steps 1-3 and 5 of ``compute_norms`` run as they are and step 4 does not.
    """
    s = resolve(settings)
    day = (today or dt.datetime.now(dt.timezone.utc).date())
    day = day.isoformat() if isinstance(day, dt.date) else str(day)
    ensure_schema(db)
    db.conn.create_function("cw_region_label", 3, labels.region_label, deterministic=True)
    _drop_temp(db)
    try:
        with db.conn:
            db.execute(LEVELS_SQL)
            _run_all(db, REGIONS_SQL)
            db.execute(UNITS_SQL, {"excluded": json.dumps(list(s["NORMS_EXCLUDE_TREATMENTS"]))})
            _run_all(db, VALUES_SQL)
            _run_all(db, CHOICE_SQL)
            _refill_positions(db, day)
        return _stats(db)
    finally:
        _drop_temp(db)
