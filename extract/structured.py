"""schema.org structured data: JSON-LD, microdata and RDFa through extruct.

``load`` returns a flat list of nodes (dicts) in one uniform shape whatever the
syntax: ``@type`` is always a list of bare type names ("MedicalClinic", not
"http://schema.org/MedicalClinic"), ``@graph`` containers are unpacked, and
nested nodes stay nested (a Physician inside ``employee`` is also returned at top
level so callers can ask for every Person on the page). Malformed blocks are
skipped and reported, never raised.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

import extruct

log = logging.getLogger(__name__)

_SCHEMA_PREFIX = re.compile(r"^https?://schema\.org/", re.I)
_LD_BLOCK = re.compile(
    r"<script[^>]+type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S
)
_MARKERS = [
    ("microdata", "itemscope", re.compile(r"\bitemscope\b", re.I)),
    ("rdfa", "vocab", re.compile(r"\b(?:typeof|vocab)\s*=", re.I)),  # RDFa (lite); og: meta tags alone are not
    ("rdfa", "typeof", re.compile(r"\b(?:typeof|vocab)\s*=", re.I)),
]


def _types(node: dict) -> list[str]:
    raw = node.get("@type") or node.get("type") or []
    if isinstance(raw, str):
        raw = [raw]
    out = []
    for t in raw:
        if isinstance(t, str):
            out.append(_SCHEMA_PREFIX.sub("", t).rsplit("/", 1)[-1])
    return out


def _walk(value: Any, out: list[dict], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(value, list):
        for v in value:
            _walk(v, out, depth + 1)
        return
    if not isinstance(value, dict):
        return
    if "@graph" in value:
        _walk(value["@graph"], out, depth + 1)
    types = _types(value)
    if types:
        value["@type"] = types
        out.append(value)
    for key, child in value.items():
        if key in ("@graph", "@context"):
            continue
        if isinstance(child, (dict, list)):
            _walk(child, out, depth + 1)


def _lenient_jsonld(html: str, errors: list[str]) -> list[Any]:
    """Parse JSON-LD blocks one by one, so one broken block does not hide the others."""
    data = []
    for raw in _LD_BLOCK.findall(html):
        text = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
        if not text:
            continue
        try:
            data.append(json.loads(text, strict=False))
        except ValueError:
            # common real-web breakage: trailing commas
            try:
                data.append(json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False))
            except ValueError as exc:
                errors.append(f"malformed JSON-LD block skipped: {exc.msg} at char {exc.pos}")
    return data


def load(html: str, url: str, errors: list[str] | None = None) -> list[dict]:
    """All schema.org nodes on a page, flattened (see module docstring)."""
    errors = errors if errors is not None else []
    nodes: list[dict] = []
    _walk(_lenient_jsonld(html, errors), nodes)
    # Microdata and RDFa parsing re-reads the whole page (RDFa through rdflib: ~6 ms a page);
    # only pages that carry their markers pay for it.
    low = html.lower()  # one C-level pass; a marker regex runs only where its word occurs
    syntaxes = list(dict.fromkeys(name for name, word, marker in _MARKERS if word in low and marker.search(html)))
    if not syntaxes:
        return nodes
    try:
        data = extruct.extract(html, base_url=url, syntaxes=syntaxes, uniform=True, errors="log")
    except Exception as exc:  # extruct raises assorted lxml/rdflib errors on broken pages
        errors.append(f"microdata/RDFa not readable: {type(exc).__name__}")
        return nodes
    for syntax in syntaxes:
        _walk(data.get(syntax) or [], nodes)
    return nodes


def of_type(nodes: Iterable[dict], *types: str) -> Iterator[dict]:
    """Nodes having any of the given types (bare names)."""
    wanted = set(types)
    for node in nodes:
        if wanted.intersection(node.get("@type", ())):
            yield node


def text_value(value: Any) -> str | None:
    """A property value as text: handles {"@value"}, {"name"}, lists and numbers."""
    if value is None:
        return None
    if isinstance(value, list):
        for v in value:
            t = text_value(v)
            if t:
                return t
        return None
    if isinstance(value, dict):
        for key in ("@value", "name", "value", "text", "@id"):
            if value.get(key) not in (None, ""):
                return text_value(value[key])
        return None
    text = str(value).strip()
    return text or None
