"""Seed files: one URL per line, or CSV with at least `name,website` columns.

Bad lines are returned as problems (line number and reason), never silently
dropped and never fatal: one broken row must not stop a crawl of thousands.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from core.text import site_key
from crawl.netguard import ALLOWED_SCHEMES

MAX_URL_LENGTH = 2048


@dataclass(frozen=True)
class Seed:
    url: str
    name: str | None = None
    line: int = 0


def clean_url(raw: str) -> tuple[str | None, str | None]:
    """(url, None) for a usable seed URL, else (None, reason)."""
    text = (raw or "").strip().strip("\"'<>")
    if not text:
        return None, "empty"
    if len(text) > MAX_URL_LENGTH:
        return None, f"URL longer than {MAX_URL_LENGTH} characters"
    if any(ord(c) < 32 for c in text):
        return None, "URL contains control characters"
    if "://" not in text:
        if ":" in text.split("/")[0] and not text.split("/")[0].split(":")[-1].isdigit():
            return None, f"unsupported URL scheme in {text[:60]!r}"
        text = "http://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return None, f"unsupported URL scheme {parts.scheme!r}: only http and https are crawled"
    if not parts.hostname or " " in parts.netloc:
        return None, f"no valid host in {text[:60]!r}"
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None, f"bad port in {text[:60]!r}"
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, "")), None


def _looks_like_csv_header(first: str) -> bool:
    cols = [c.strip().lower() for c in next(csv.reader([first]), [])]
    return "website" in cols or "url" in cols


def parse_seeds(text: str) -> tuple[list[Seed], list[tuple[int, str]]]:
    """Seeds and problems [(line number, reason)] from a seed file's text."""
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    seeds: list[Seed] = []
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    if _looks_like_csv_header(first):
        rows = csv.DictReader(io.StringIO(text))
        rows.fieldnames = [(f or "").strip().lower() for f in rows.fieldnames or []]
        entries = (
            (rows.line_num, (r.get("website") or r.get("url") or ""), (r.get("name") or "").strip())
            for r in rows
        )
    else:
        entries = ((i, ln, "") for i, ln in enumerate(lines, 1) if not ln.lstrip().startswith("#"))
    for number, raw, name in entries:
        if not (raw or "").strip():
            if name:
                problems.append((number, f"{name!r} has no website"))
            continue
        url, why = clean_url(raw)
        if why:
            problems.append((number, why))
            continue
        key = site_key(url)
        if key in seen:
            continue
        seen.add(key)
        seeds.append(Seed(url=url, name=name or None, line=number))
    return seeds, problems


def read_seeds(path: str | Path) -> tuple[list[Seed], list[tuple[int, str]]]:
    """Read a seed file; raises OSError/UnicodeDecodeError for unreadable files."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return parse_seeds(text)
