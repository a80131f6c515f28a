"""Finding rules and the runner that turns their hits into flags.

Importing this package registers every rule (see analysis/registry.py);
``run_rules`` runs them all, streams their hits into the flags tables
(analysis/store.py) and returns counts per rule and severity.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis.registry import RULES, Rule, flag_row
from analysis.rules import care, conduct, general, price, titles, uk, us  # noqa: F401  (registers rules)
from analysis.schema import page_cache
from db.schema import ensure_schema
from analysis.settings import resolve
from analysis.store import save_findings

__all__ = ["RULES", "run_rules"]


def run_rules(
    db: sqlite_utils.Database,
    settings: Mapping[str, Any] | None = None,
    now: dt.datetime | str | None = None,
) -> dict[str, Any]:
    """Run every registered rule and replace the current findings; return counts."""
    s = resolve(settings)
    stamp = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    stamp = stamp.isoformat() if isinstance(stamp, dt.datetime) else str(stamp)
    ensure_schema(db)
    counts: dict[str, Counter[str]] = {rule_id: Counter() for rule_id in sorted(RULES)}

    def all_rows() -> Iterator[tuple[Any, ...]]:
        for rule_id in sorted(RULES):
            rule: Rule = RULES[rule_id]
            for hit in rule.func(db, s):
                counts[rule_id][hit.severity] += 1
                yield flag_row(rule, hit)

    with page_cache(db, s["CACHE_MB"]):
        stats: dict[str, Any] = dict(save_findings(db, all_rows(), stamp))
    stats["rules"] = {
        rule_id: {"version": RULES[rule_id].version, **dict(sorted(c.items()))}
        for rule_id, c in counts.items()
    }
    stats["by_severity"] = dict(sorted(sum(counts.values(), Counter()).items()))
    return stats
