"""The `listings` spider: discover clinics in an area from OpenStreetMap (Overpass API).

It builds one Overpass QL query for an area name or a bounding box over the tags
aesthetic and hair clinics carry, posts it, and yields one ListingItem per
element. Elements with a website become seeds for the `sites` spider
(clinicwatch/discover.py writes them); all are stored as clinics with their OSM
source so the map shows clinics without websites too. OSM data is ODbL: the
source link is kept on every row.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import scrapy
from scrapy.http import FormRequest

from items import CrawlErrorItem, ListingItem

OVERPASS_URL = "https://overpass-api.de/api/interpreter"
OSM_URL = "https://www.openstreetmap.org/{type}/{id}"

# Overpass tag filters for aesthetic and hair clinics, joined as a union.
TAG_FILTERS = [
    '"healthcare"="clinic"',
    '"amenity"="clinic"',
    '"amenity"="doctors"',
    '"shop"="beauty"',
    '"beauty"',
    '"healthcare:speciality"~"dermatology|plastic_surgery|cosmetic|aesthetic|trichology",i',
]
_BBOX = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def parse_area(area: str) -> tuple[str, tuple[float, float, float, float] | None]:
    """("bbox", (south, west, north, east)) for "s,w,n,e", else ("name", None)."""
    m = _BBOX.match(area or "")
    if not m:
        if not (area or "").strip():
            raise ValueError("empty area: give a place name or a bounding box south,west,north,east")
        return "name", None
    s, w, n, e = (float(x) for x in m.groups())
    if not (-90 <= s < n <= 90 and -180 <= w < e <= 180):
        raise ValueError(f"bad bounding box {area!r}: expected south,west,north,east with south<north, west<east")
    return "bbox", (s, w, n, e)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_query(area: str, timeout: int = 90) -> str:
    kind, bbox = parse_area(area)
    if kind == "bbox":
        scope = "({},{},{},{})".format(*bbox)
        head = ""
    else:
        head = f"area[name={_quote(area.strip())}][boundary~\"administrative|postal_code\"]->.a;\n"
        scope = "(area.a)"
    union = "\n".join(f"  nwr[{f}]{scope};" for f in TAG_FILTERS)
    return f"[out:json][timeout:{timeout}];\n{head}(\n{union}\n);\nout center tags;"


def element_to_listing(el: dict, fetched_at: str) -> ListingItem | None:
    tags = el.get("tags") or {}
    name = tags.get("name") or tags.get("name:en") or tags.get("brand")
    if not name:
        return None
    lat = el.get("lat", (el.get("center") or {}).get("lat"))
    lon = el.get("lon", (el.get("center") or {}).get("lon"))
    website = tags.get("website") or tags.get("contact:website") or tags.get("url")
    street = " ".join(x for x in (tags.get("addr:housenumber"), tags.get("addr:street")) if x)
    return ListingItem(
        source="osm", source_url=OSM_URL.format(type=el.get("type", "node"), id=el.get("id")),
        name=name, website=website, phone=tags.get("phone") or tags.get("contact:phone"),
        email=tags.get("email") or tags.get("contact:email"), address=street or None,
        locality=tags.get("addr:city"), postcode=tags.get("addr:postcode"),
        country=(tags.get("addr:country") or "").upper() or None,
        latitude=lat, longitude=lon, fetched_at=fetched_at,
        tags={k: v for k, v in tags.items() if k.startswith(("healthcare", "amenity", "shop", "beauty"))},
    )


class ListingsSpider(scrapy.Spider):
    name = "listings"

    def __init__(self, area: str | None = None, overpass_url: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.overpass_url = overpass_url or OVERPASS_URL

    async def start(self):
        query = build_query(self.area)
        yield FormRequest(self.overpass_url, formdata={"data": query}, callback=self.parse,
                          errback=self.on_error, dont_filter=True, meta={"query": query})

    def parse(self, response):
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            data = json.loads(response.text)
        except ValueError:
            yield CrawlErrorItem(url=response.url, site=None, at=now, status=response.status,
                                 reason="Overpass answer is not JSON")
            return
        if data.get("remark"):  # runtime errors come back as HTTP 200 with a remark
            yield CrawlErrorItem(url=response.url, site=None, at=now, status=response.status,
                                 reason=f"Overpass remark: {str(data['remark'])[:300]}")
        for el in data.get("elements") or []:
            listing = element_to_listing(el, now)
            if listing is not None:
                self.crawler.stats.inc_value("clinicwatch/listings")
                yield listing

    def on_error(self, failure):
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        yield CrawlErrorItem(url=failure.request.url, site=None, at=now,
                             reason=f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500])
