"""Vetting analysis: price norms in SQL, finding rules as data, flags with history.

``analyse(db)`` recomputes ``price_norms`` and ``price_positions``
(analysis/norms.py), then runs every rule (analysis/rules/) and replaces the
current findings in ``flags``, keeping episodes in ``flags_history``
(analysis/store.py). Both steps are idempotent: same inputs, same rows,
apart from timestamps. Thresholds: analysis/settings.py; rules: docs/rules.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlite_utils


def analyse(
    db: sqlite_utils.Database,
    settings: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Compute norms, then findings; return both summaries."""
    from analysis.norms import compute_norms
    from analysis.rules import run_rules

    moment = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    norms = compute_norms(db, settings, today=moment.date())
    findings = run_rules(db, settings, now=moment)
    return {"norms": norms, "findings": findings}
