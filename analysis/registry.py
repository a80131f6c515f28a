"""The rule registry: each finding rule is a small function registered under an id.

A rule function takes ``(db, settings)`` and yields :class:`Hit` objects; the
runner stamps them with the rule's id and version and turns them into flag
rows. Rules declare the settings they read so docs and tests can list them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils
import yaml

SEVERITIES = ("red", "amber", "info")
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per call


@dataclass(frozen=True)
class Hit:
    """One finding as a rule reports it."""

    severity: str
    message: str
    clinic_id: str | None
    practitioner_id: str | None = None
    price_id: str | None = None
    credential_id: str | None = None
    evidence_url: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)


RuleFunc = Callable[[sqlite_utils.Database, Mapping[str, Any]], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    version: int
    severities: tuple[str, ...]
    title: str
    func: RuleFunc
    settings: tuple[str, ...] = ()


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    version: int,
    *,
    severities: tuple[str, ...],
    title: str,
    settings: tuple[str, ...] = (),
) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as rule ``rule_id`` at ``version``."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"rule registered twice: {rule_id}")
        if not set(severities) <= set(SEVERITIES):
            raise ValueError(f"unknown severity in {rule_id}: {severities}")
        RULES[rule_id] = Rule(rule_id, version, severities, title, func, settings)
        return func

    return register


SOURCES_FILE = Path(__file__).with_name("rule_sources.yml")


@lru_cache(maxsize=1)
def rule_sources() -> dict[str, dict[str, str]]:
    """rule id -> {"name", "url"}: the law, regulator or guidance each rule comes from."""
    data = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8")) or {}
    for rule_id, source in data.items():
        if not isinstance(source, dict) or not source.get("name") or not str(source.get("url", "")).startswith(
                ("http://", "https://")):
            raise ValueError(f"{SOURCES_FILE.name}: {rule_id} needs a name and an http(s) url")
    return data


def flag_id(rule_id: str, hit: Hit) -> str:
    """Stable id of a finding: its rule and subjects, never its wording or numbers."""
    key = "|".join(
        [rule_id, hit.clinic_id or "", hit.practitioner_id or "", hit.price_id or "",
         hit.credential_id or ""]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def flag_row(rule: Rule, hit: Hit) -> tuple[Any, ...]:
    """The columns of _cw_new_flags for one hit (see analysis/store.py)."""
    if hit.severity not in rule.severities:
        raise ValueError(f"{rule.id} returned severity {hit.severity!r}")
    return (
        flag_id(rule.id, hit), hit.clinic_id, hit.practitioner_id, hit.price_id,
        hit.credential_id, rule.id, rule.version, hit.severity, hit.message,
        hit.evidence_url, _ENCODE(hit.evidence),
    )
