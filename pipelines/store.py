"""Store items: turn pages into rows with stable ids and hand them to db/ in batches.

The crawl's `crawls` row belongs to crawl/record.py; this pipeline only tags rows with its
id. Rows are buffered and written every CLINICWATCH_BATCH_SIZE items in one
transaction, so a killed crawl leaves whole batches only.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from urllib.parse import urlsplit

from db import store
from db.schema import open_db
from items import CrawlErrorItem, ListingItem, PageItem
from pipelines import identity
from core.text import site_key

AUTHORITATIVE_PAGES = ("home", "location", "contact")
CLINIC_FIELDS = ("name", "website", "phone", "email", "address", "locality", "region", "postcode",
                 "country", "latitude", "longitude")


def site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def page_rows(item: PageItem, crawl_id: int | None) -> dict[str, list[dict]]:
    """Rows for every table one page touches."""
    ex, seen = item.extract, item.fetched_at
    branch = ex.clinic.branch or ""
    cid = identity.clinic_id(item.site, branch)
    info = {f: getattr(ex.clinic, f) for f in CLINIC_FIELDS}
    info["website"] = info["website"] if branch else site_root(item.seed_url)
    if not branch and item.seed_name and ex.page_kind != "home":
        info["name"] = info["name"] or item.seed_name
    clinic = {"id": cid, "site": item.site, "branch": branch, **info,
              "first_seen": seen, "last_seen": seen, "last_crawl_id": crawl_id}
    target = "clinics:fill" if ex.page_kind in AUTHORITATIVE_PAGES else "clinics:keep"
    rows: dict[str, list[dict]] = {target: [clinic], "practitioners": [], "credentials": [],
                                   "prices": [], "price_observations": []}
    for person in ex.practitioners:
        pid = identity.practitioner_id(cid, person.name)
        rows["practitioners"].append({
            "id": pid, "clinic_id": cid, "name": person.name, "title": person.title,
            "postnominals": person.postnominals, "profession": person.profession,
            "prescriber": None if person.prescriber is None else int(person.prescriber),
            "role": person.role, "source_url": item.url, "first_seen": seen, "last_seen": seen,
            "last_crawl_id": crawl_id,
        })
        for cred in person.credentials:
            rows["credentials"].append(_credential_row(cred, cid, pid, item.url, seen, crawl_id))
    for cred in ex.clinic.credentials:  # clinic-level numbers (CQC provider/location ids)
        rows["credentials"].append(_credential_row(cred, cid, None, item.url, seen, crawl_id))
    for price in ex.prices:
        prid = identity.price_id(cid, price.treatment, price.treatment_text, price.unit,
                                 price.sessions, price.quantity)
        row = {k: v for k, v in asdict(price).items()}
        row.update(id=prid, clinic_id=cid, from_price=int(bool(price.from_price)),
                   source_url=item.url, first_seen=seen, last_seen=seen, last_crawl_id=crawl_id)
        rows["prices"].append(row)
        if crawl_id is not None:
            rows["price_observations"].append({
                "price_id": prid, "crawl_id": crawl_id, "amount": price.amount,
                "per_session": price.per_session, "currency": price.currency, "seen_at": seen,
            })
    rows["money"] = [{
        "id": identity.money_id(cid, m.role, m.amount, m.currency, item.url), "clinic_id": cid, "role": m.role,
        "amount": m.amount, "amount_max": m.amount_max, "currency": m.currency, "treatment": m.treatment,
        "text": m.text, "source_url": item.url, "first_seen": seen, "last_seen": seen, "last_crawl_id": crawl_id,
    } for m in ex.money]
    rows["signals"] = [{
        "id": identity.signal_id(cid, sg.kind, sg.value, item.url), "clinic_id": cid, "kind": sg.kind,
        "value": sg.value, "text": sg.text, "source_url": item.url, "first_seen": seen, "last_seen": seen,
        "last_crawl_id": crawl_id,
    } for sg in ex.signals]
    rows["pages"] = [{
        "url": item.url, "site": item.site, "clinic_id": cid, "page_kind": ex.page_kind,
        "status": item.status, "fetched_at": seen, "crawl_id": crawl_id,
        "prices": len(ex.prices), "practitioners": len(ex.practitioners),
        "notes": json.dumps(ex.errors, ensure_ascii=False) if ex.errors else None,
    }]
    rows["clinic_sources"] = [{"clinic_id": cid, "source": "website", "url": site_root(item.seed_url),
                               "first_seen": seen, "last_seen": seen}]
    rows["clinic_sources"] += [{"clinic_id": cid, "source": f"booking:{b.platform}", "url": b.url,
                                "first_seen": seen, "last_seen": seen} for b in ex.booking]
    return rows


def _credential_row(cred, cid: str, pid: str | None, url: str, seen: str, crawl_id: int | None) -> dict:
    return {
        "id": identity.credential_id(cid, pid, cred.kind, cred.value),
        "practitioner_id": pid, "clinic_id": cid, "kind": cred.kind, "value": cred.value,
        "issuer": cred.issuer,
        "format_valid": None if cred.format_valid is None else int(cred.format_valid),
        "evidence": cred.evidence, "source_url": url, "first_seen": seen,
        "last_seen": seen, "last_crawl_id": crawl_id,
    }


def listing_rows(item: ListingItem, crawl_id: int | None) -> dict[str, list[dict]]:
    """A listed clinic lands on the same row as its website's clinic (same site key)."""
    phone = identity.e164(item.phone, item.country)
    website = item.website if item.website and "://" in item.website else (
        f"http://{item.website}" if item.website else None)
    site = identity.listing_site(site_key(website) if website else None, phone, item.name, item.postcode)
    cid = identity.clinic_id(site, "")
    seen = item.fetched_at
    clinic = {"id": cid, "site": site, "branch": "", "name": item.name,
              "website": site_root(website) if website else None, "phone": phone, "email": item.email,
              "address": item.address, "locality": item.locality, "region": item.region,
              "postcode": item.postcode, "country": item.country, "latitude": item.latitude,
              "longitude": item.longitude, "first_seen": seen, "last_seen": seen, "last_crawl_id": crawl_id}
    return {"clinics:keep": [clinic],
            "clinic_sources": [{"clinic_id": cid, "source": item.source, "url": item.source_url,
                                "first_seen": seen, "last_seen": seen}]}


def error_row(item: CrawlErrorItem, crawl_id: int | None) -> dict:
    return {"crawl_id": crawl_id, "url": item.url, "site": item.site, "reason": item.reason,
            "status": item.status, "at": item.at}


class StorePipeline:
    def __init__(self, db_path: str, batch_size: int, crawler=None, crawl_id: int | None = None):
        self.db_path = db_path
        self.batch_size = max(1, batch_size)
        self.crawler = crawler
        self.db = None
        self._crawl_id = crawl_id
        self.buffer: dict[str, list[dict]] = {}
        self.buffered = 0

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("CLINICWATCH_DB"), crawler.settings.getint("CLINICWATCH_BATCH_SIZE", 200),
                   crawler)

    @property
    def crawl_id(self) -> int | None:
        """The id crawl/record.py gave this crawl (or the one the distributed writer passed in)."""
        if self._crawl_id is None and self.crawler is not None:
            record = getattr(self.crawler, "crawl_record", None)
            self._crawl_id = record.crawl_id if record is not None else None
        return self._crawl_id

    def open_spider(self, spider=None):
        self.db = open_db(self.db_path)

    def process_item(self, item):
        if isinstance(item, PageItem):
            item.crawl_id = self.crawl_id
            for table, rows in page_rows(item, self.crawl_id).items():
                self.buffer.setdefault(table, []).extend(rows)
        elif isinstance(item, ListingItem):
            for table, rows in listing_rows(item, self.crawl_id).items():
                self.buffer.setdefault(table, []).extend(rows)
        elif isinstance(item, CrawlErrorItem):
            item.crawl_id = self.crawl_id
            self.buffer.setdefault("crawl_errors", []).append(error_row(item, self.crawl_id))
        else:
            return item
        self.buffered += 1
        if self.buffered >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        if self.buffered and self.db is not None:
            store.save_batch(self.db, self.buffer)  # page_rows builds rows of a table with one key set
        self.buffer, self.buffered = {}, 0

    def close_spider(self, spider=None):
        self.flush()  # the crawl's verdict is written after this by crawl/record.py
        if self.db is not None:
            self.db.close()
