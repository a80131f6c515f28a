"""Distributed crawls: workers push items to a Redis list; one writer stores them.

SQLite wants one writer. Workers (spiders/redis_sites.py) run validate and
normalise, then this pipeline appends each item as JSON to ``<prefix>:items``;
the writer (clinicwatch/distributed.py) pops them and hands them to the same
StorePipeline a single-process crawl uses, so both write identical rows.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from items import ClinicInfo, Credential, CrawlErrorItem, PageExtract, PageItem, Practitioner, Price


def encode_item(item) -> str | None:
    """JSON for a PageItem or CrawlErrorItem; None for anything else."""
    if isinstance(item, PageItem):
        return json.dumps({"kind": "page", "item": asdict(item)}, ensure_ascii=False)
    if isinstance(item, CrawlErrorItem):
        return json.dumps({"kind": "error", "item": asdict(item)}, ensure_ascii=False)
    return None


def _clinic(data: dict) -> ClinicInfo:
    creds = [Credential(**c) for c in data.get("credentials", [])]
    return ClinicInfo(**{**data, "credentials": creds})


def _extract(data: dict) -> PageExtract:
    people = []
    for person in data.get("practitioners", []):
        creds = [Credential(**c) for c in person.get("credentials", [])]
        people.append(Practitioner(**{**person, "credentials": creds}))
    return PageExtract(
        clinic=_clinic(data.get("clinic") or {}),
        prices=[Price(**p) for p in data.get("prices", [])],
        practitioners=people,
        page_kind=data.get("page_kind"),
        errors=list(data.get("errors", [])),
    )


def decode_item(text: str | bytes) -> PageItem | CrawlErrorItem:
    """The item encode_item wrote (raises ValueError on anything else)."""
    message = json.loads(text)
    data = message.get("item") or {}
    if message.get("kind") == "page":
        return PageItem(**{**data, "extract": _extract(data.get("extract") or {})})
    if message.get("kind") == "error":
        return CrawlErrorItem(**data)
    raise ValueError(f"not a clinicwatch item message: {str(text)[:80]!r}")


def items_key(prefix: str) -> str:
    return f"{prefix}:items"


class RedisQueuePipeline:
    """Last pipeline of a worker: RPUSH the item to the shared list (no SQLite in workers)."""

    def __init__(self, redis_url: str, prefix: str):
        self.redis_url = redis_url
        self.key = items_key(prefix)
        self.server = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("REDIS_URL"), crawler.settings.get("CLINICWATCH_REDIS_PREFIX"))

    def open_spider(self, spider=None):
        import redis

        self.server = redis.Redis.from_url(self.redis_url)

    def process_item(self, item):
        message = encode_item(item)
        if message is not None:
            self.server.rpush(self.key, message)
        return item

    def close_spider(self, spider=None):
        if self.server is not None:
            self.server.close()
