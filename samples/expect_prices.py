"""Which low prices the sample web expects PRICE-01 for: can the documented rule see them?

The generator decides which rows are far below their region (``PriceRow.outlier``,
30-42 % of the regional base). Whether a careful reader applying docs/rules.md can
*show* it depends on the rest of the world, so this module looks at every clinic of
the world the way analysis/norms.py does, from the generator's own data:

* one figure per clinic and (treatment, currency, basis), its lowest unit price;
  bases ``session`` (single sessions), ``course`` (per session of a course of N),
  ``area``/``unit``/``ml``/``syringe`` (per unit); "from" prices never count;
* region levels from most to least local: GB postcode area, city (US: with the
  state), US state, country; a level has a norm with at least ``NORMS_MIN_N`` clinics;
* an outlier row is expected when the most local norm has ``PRICE_01_MIN_N``
  clinics and the row is below both ``PRICE_01_MEDIAN_FRACTION`` x median and the
  ``PRICE_01_PERCENTILE`` percentile (the default mode, ``both``; the percentile
  test only where the norm is large enough for it, see analysis/rules/price.py);
  or, with no such norm, when its per-session figure is below the provisional national floor
  (``PRICE_01_FLOORS``). Otherwise the rule has no evidence to show, so the
  finding is not expected (for example 6 Irish clinics have no norm, and an Irish
  PRP price of EUR 140 is above the EUR 120 floor).

Thresholds are read from analysis.settings.DEFAULTS so the two cannot drift apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from analysis.settings import DEFAULTS
from samples.model import Clinic, PriceRow, SiteSpec

SESSION_UNITS = ("session", "treatment", "consultation")
PER_UNIT = ("area", "unit", "ml", "syringe")


def basis_and_price(row: PriceRow) -> tuple[str, float] | None:
    """(basis, unit price) of a comparable row, else None."""
    if row.amount is None or row.amount <= 0 or row.from_price or row.treatment == "other":
        return None
    if row.unit in SESSION_UNITS:
        return "session", row.amount
    if row.unit == "course":
        return ("course", row.amount / row.sessions) if row.sessions else None
    if row.unit in PER_UNIT:
        quantity = row.quantity if row.quantity is not None else 1.0
        return (row.unit, row.amount / quantity) if quantity > 0 else None
    return None


def region_keys(c: Clinic) -> list[str]:
    """The clinic's region keys, most local first (analysis/norms.py LEVELS_SQL)."""
    cc, loc = c.country.upper(), c.locality.strip().lower()
    keys = [f"GB:{c.region}"] if cc == "GB" and c.postcode else []
    keys.append(f"US:{c.region}:{loc}" if cc == "US" else f"{cc}:{loc}")
    if cc == "US":
        keys.append(f"US:{c.region}")
    return keys + [cc]


def quantile(values: list[float], q: int) -> float:
    """Linear interpolation between closest ranks, integer index arithmetic (as in SQL)."""
    pos = q * (len(values) - 1)
    j, d = divmod(pos, 100)
    upper = values[j + 1] if d else values[j]
    return (values[j] * (100 - d) + upper * d) / 100


class PriceNorms:
    """The world's norms as the analysis would compute them from the truth data."""

    def __init__(self, specs: Iterable[SiteSpec]):
        groups: dict[tuple, list[float]] = defaultdict(list)
        for spec in specs:
            for c in spec.clinics:
                for (treatment, currency, basis), value in _clinic_values(c).items():
                    for key in region_keys(c):
                        groups[(treatment, currency, basis, key)].append(value)
        self.groups = {k: sorted(v) for k, v in groups.items()}

    def norm(self, c: Clinic, treatment: str, currency: str, basis: str) -> list[float] | None:
        """Sorted clinic figures of the most local region with enough clinics."""
        for key in region_keys(c):
            values = self.groups.get((treatment, currency, basis, key), [])
            if len(values) >= DEFAULTS["NORMS_MIN_N"]:
                return values
        return None

    def flags(self, c: Clinic, row: PriceRow) -> bool:
        """Would PRICE-01 (default settings) flag this row?"""
        comparable = basis_and_price(row)
        if comparable is None:
            return False
        basis, price = comparable
        values = self.norm(c, row.treatment, row.currency, basis)
        if values is not None and len(values) >= DEFAULTS["PRICE_01_MIN_N"]:
            median = quantile(values, 50)
            q = DEFAULTS["PRICE_01_PERCENTILE"]
            limit = DEFAULTS["PRICE_01_MEDIAN_FRACTION"] * median
            if q * (len(values) - 1) >= 100:  # else the percentile is pinned to the minimum
                limit = min(limit, quantile(values, q))
            return price < limit
        floor = DEFAULTS["PRICE_01_FLOORS"].get(row.treatment, {}).get(row.currency)
        return basis in ("session", "course") and floor is not None and price < floor


def _clinic_values(c: Clinic) -> dict[tuple[str, str, str], float]:
    values: dict[tuple[str, str, str], float] = {}
    for row in c.prices:
        comparable = basis_and_price(row)
        if comparable is None:
            continue
        key = (row.treatment, row.currency, comparable[0])
        values[key] = min(values.get(key, comparable[1]), comparable[1])
    return values
