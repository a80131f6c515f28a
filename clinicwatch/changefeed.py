"""Render rows of the ``changes`` table (db/history.py) as text, JSON Feed 1.1 and Atom.

Pure functions: rows in, text out. Entry ids are stable (``urn:clinicwatch:change:<id>``),
so a feed reader shows each change once however often the feed is rebuilt.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from xml.etree import ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_TITLE = "clinicwatch: what changed"


def _feed_id(db_path: str) -> str:
    return f"urn:clinicwatch:changes:{os.path.basename(db_path)}"


def _updated(rows: list[dict]) -> str:
    stamps = [r["detected_at"] for r in rows if r.get("detected_at")]
    return max(stamps) if stamps else datetime.now(timezone.utc).isoformat(timespec="seconds")


def _rfc3339(stamp: str) -> str:
    value = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat(timespec="seconds")


def text_report(rows: list[dict], pair: tuple[dict, dict] | None) -> str:
    """Lines for a terminal: one header, one line per change, grouped by kind."""
    if pair is None:
        return "fewer than two completed crawls: nothing to compare yet"
    latest, previous = pair
    head = f"changes from crawl {previous['id']} to crawl {latest['id']}: {len(rows)}"
    lines = [head] + [f"  {r['kind']:<16} {r['summary']}" for r in sorted(rows, key=lambda r: (r["kind"],
                                                                                            r["summary"]))]
    return "\n".join(lines)


def json_feed(rows: list[dict], db_path: str) -> dict:
    """A JSON Feed 1.1 document; each item carries the raw row under ``_clinicwatch``."""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED_TITLE,
        "description": f"Changes between crawls in {os.path.basename(db_path)}",
        "items": [{
            "id": f"urn:clinicwatch:change:{r['id']}",
            "title": f"{r['kind'].replace('_', ' ')}: {r['summary']}",
            "content_text": r["summary"],
            "date_published": _rfc3339(r["detected_at"]),
            "tags": [r["kind"]],
            **({"url": r["url"]} if r.get("url") else {}),
            "_clinicwatch": r,
        } for r in rows],
    }


def atom_feed(rows: list[dict], db_path: str) -> str:
    """An Atom 1.0 document (RFC 4287) as text."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", _feed_id(db_path))
    _sub(feed, "title", FEED_TITLE)
    _sub(feed, "updated", _rfc3339(_updated(rows)))
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    _sub(author, "name", "clinicwatch")
    for r in rows:
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        _sub(entry, "id", f"urn:clinicwatch:change:{r['id']}")
        _sub(entry, "title", f"{r['kind'].replace('_', ' ')}: {r['summary']}")
        _sub(entry, "updated", _rfc3339(r["detected_at"]))
        ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=r["kind"])
        if r.get("url"):
            ET.SubElement(entry, f"{{{ATOM_NS}}}link", href=r["url"])
        _sub(entry, "summary", r["summary"])
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    el.text = text
    return el
