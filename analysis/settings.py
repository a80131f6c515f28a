"""Analysis settings: thresholds for price norms and finding rules, by name.

Defaults live in :data:`DEFAULTS`; callers pass a dict of overrides to
:func:`resolve`, which rejects unknown names and out-of-range values so a typo
cannot silently switch a rule off. On the command line every name is a Scrapy
setting with the ``CLINICWATCH_`` prefix (``clinicwatch run -s
CLINICWATCH_PRICE_01_MEDIAN_FRACTION=0.5``): :func:`from_settings` collects them. Each rule lists the names it reads
(see analysis/rules/ and docs/rules.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Norms: a region level is used only when it has at least this many clinics.
    "NORMS_MIN_N": 8,
    # Treatments never compared (too heterogeneous to have a norm).
    "NORMS_EXCLUDE_TREATMENTS": ("other",),
    # PRICE-01: how far below the local norm a price must be.
    "PRICE_01_MEDIAN_FRACTION": 0.6,
    "PRICE_01_PERCENTILE": 10,
    "PRICE_01_MODE": "both",
    "PRICE_01_MIN_N": 8,
    # PRICE-01 fallback where no norm has PRICE_01_MIN_N clinics: provisional national
    # floors per session (single sessions and courses' per-session figures), by treatment
    # and currency. Our inference in research anchors-mission.md section (d), not sourced
    # prices; the GBP hair mesotherapy floor has no source at all. Replace them with crawl
    # distributions once a market has enough listings. {} switches the fallback off.
    "PRICE_01_FLOORS": {
        "prp_hair": {"USD": 250, "GBP": 150, "EUR": 120},
        "hair_mesotherapy": {"USD": 100, "GBP": 60, "EUR": 50},
    },
    # Treatments that need a prescriber (UK-POM-01) or a US licensed injector (US-ROLE-*).
    "UK_POM_TREATMENTS": ("botulinum_toxin",),
    "US_INJECTABLE_TREATMENTS": ("botulinum_toxin", "dermal_filler"),
    # ENG-CQC-02: treatments that need CQC-registered premises in England (surgical procedures).
    "ENG_CQC_02_TREATMENTS": ("hair_transplant", "thread_lift", "liposuction"),
    # SCO-HIS-01: professions whose presence makes a Scottish clinic register with HIS.
    "SCO_HIS_01_PROFESSIONS": ("doctor", "dentist", "nurse", "nurse_practitioner", "pharmacist"),
    # How many example ids/people a finding's evidence lists at most.
    "EVIDENCE_MAX_ITEMS": 20,
    # SQLite page cache (main and temp) while analysing, in MB: the joins over a million
    # prices thrash the 2 MB default. Restored afterwards.
    "CACHE_MB": 64,
}

PRICE_01_MODES = ("fraction", "percentile", "either", "both")
# Percentiles stored in price_norms that PRICE-01 can compare against.
STORED_PERCENTILES = (10, 25, 50)


PREFIX = "CLINICWATCH_"


def from_settings(settings) -> dict[str, Any]:
    """Overrides for every analysis setting given as ``CLINICWATCH_<NAME>`` in a Scrapy settings
    object (or a mapping), converted to the default's type (``-s`` values arrive as text)."""
    overrides: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        value = settings.get(PREFIX + key)
        if value is None:
            continue
        overrides[key] = _typed(key, value, default)
    return overrides


def _typed(key: str, value: Any, default: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        if isinstance(default, bool):
            return value.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(default, dict):
            return json.loads(value)
    except ValueError as exc:
        raise ValueError(f"analysis setting {PREFIX}{key}: cannot read {value!r} ({exc})") from None
    return value


def resolve(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return DEFAULTS updated with ``overrides``, validated."""
    settings = dict(DEFAULTS)
    for key, value in (overrides or {}).items():
        if key not in DEFAULTS:
            raise ValueError(f"unknown analysis setting: {key}")
        settings[key] = value
    _validate(settings)
    return settings


def _validate(s: Mapping[str, Any]) -> None:
    for key in ("NORMS_MIN_N", "PRICE_01_MIN_N", "EVIDENCE_MAX_ITEMS", "CACHE_MB"):
        if not isinstance(s[key], int) or s[key] < 1:
            raise ValueError(f"{key} must be a whole number of 1 or more: {s[key]!r}")
    if not 0 < float(s["PRICE_01_MEDIAN_FRACTION"]) <= 1:
        raise ValueError("PRICE_01_MEDIAN_FRACTION must be in (0, 1]")
    if s["PRICE_01_PERCENTILE"] not in STORED_PERCENTILES:
        raise ValueError(f"PRICE_01_PERCENTILE must be one of {STORED_PERCENTILES}")
    if s["PRICE_01_MODE"] not in PRICE_01_MODES:
        raise ValueError(f"PRICE_01_MODE must be one of {PRICE_01_MODES}")
    _validate_floors(s["PRICE_01_FLOORS"])
    for key in ("NORMS_EXCLUDE_TREATMENTS", "UK_POM_TREATMENTS", "US_INJECTABLE_TREATMENTS",
                "ENG_CQC_02_TREATMENTS", "SCO_HIS_01_PROFESSIONS"):
        if isinstance(s[key], str) or not all(isinstance(t, str) for t in s[key]):
            raise ValueError(f"{key} must be a list of names")


def _validate_floors(floors: Any) -> None:
    """{treatment: {currency: positive amount}}."""
    if not isinstance(floors, Mapping):
        raise ValueError("PRICE_01_FLOORS must map treatments to {currency: amount}")
    for treatment, by_currency in floors.items():
        if not isinstance(treatment, str) or not isinstance(by_currency, Mapping):
            raise ValueError("PRICE_01_FLOORS must map treatments to {currency: amount}")
        for currency, amount in by_currency.items():
            ok_amount = isinstance(amount, int | float) and not isinstance(amount, bool)
            if not (isinstance(currency, str) and ok_amount and amount > 0):
                raise ValueError(f"PRICE_01_FLOORS[{treatment!r}] needs positive amounts: "
                                 f"{currency!r}: {amount!r}")
