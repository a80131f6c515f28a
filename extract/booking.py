"""Booking platforms a clinic links to: where else it lists its treatments and prices.

The platforms are data (extract/booking_platforms.yml). ``booking_links(links)`` takes a page's
links as (URL, text) and returns one BookingLink per platform, with the first link to it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

from items import BookingLink


@lru_cache(maxsize=1)
def platforms() -> dict[str, tuple[str, str]]:
    """host -> (platform id, display name)."""
    data = yaml.safe_load(resources.files("extract").joinpath("booking_platforms.yml").read_text("utf-8"))
    return {host.lower(): (p["id"], p["name"]) for p in data["platforms"] for host in p["hosts"]}


def platform_of(url: str) -> tuple[str, str] | None:
    """(id, name) of the booking platform a URL points to, if any (subdomains count)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    known = platforms()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        hit = known.get(".".join(labels[i:]))
        if hit:
            return hit
    return None


def booking_links(links: list[tuple[str, str]]) -> list[BookingLink]:
    out: dict[str, BookingLink] = {}
    for url, _text in links:
        hit = platform_of(url)
        if hit and hit[0] not in out:
            out[hit[0]] = BookingLink(platform=hit[0], name=hit[1], url=url)
    return list(out.values())
