"""The one owner of a crawl's ``crawls`` row: opened when the spider opens, closed with its verdict.

``CrawlRecord`` is plain Python so the distributed writer (clinicwatch/distributed.py), which
runs no spider of its own, opens and closes its crawl the same way. ``CrawlRecordExtension``
is the Scrapy side: it opens the row at ``spider_opened`` (before the first request), gives
the id to the spider and the store pipeline, and at ``spider_closed`` (after Spidermon, whose
failures it records, and after the pipelines have flushed) writes the finish reason, the
stats, the monitor failures and the status, then refreshes the ``changes`` table with the
crawl's CLINICWATCH_PRICE_CHANGE_THRESHOLD setting. Status ``monitors_failed`` makes the CLI
exit 1; Spidermon alone keeps the exit code 0.
"""

from __future__ import annotations

import logging

from scrapy import signals

from db import history, store
from db.schema import open_db

log = logging.getLogger(__name__)
FAILURES_STAT = "clinicwatch/monitor_failures"


def crawl_status(reason: str | None, failures: list[str]) -> str:
    if reason != "finished":
        return "failed"
    return "monitors_failed" if failures else "finished"


def summarise_stats(stats: dict) -> dict:
    """The crawl-row columns from Scrapy's stats."""
    return {
        "sites": stats.get("clinicwatch/sites", 0),
        "pages": stats.get("response_received_count", 0),
        "items": stats.get("item_scraped_count", 0),
        "errors": stats.get("clinicwatch/errors", 0),
        "bytes": stats.get("downloader/response_bytes", 0),
        "pdfs": stats.get("clinicwatch/pdfs_read", 0),
        "rendered": stats.get("clinicwatch/rendered", 0),
    }


class CrawlRecord:
    """One crawl's row in ``crawls``."""

    def __init__(self, db_path: str, spider: str, seeds: str | None = None):
        self.db_path, self.spider, self.seeds = db_path, spider, seeds
        self.crawl_id: int | None = None

    def open(self) -> int:
        db = open_db(self.db_path)
        try:
            self.crawl_id = store.start_crawl(db, self.spider, self.seeds)
        finally:
            db.close()
        return self.crawl_id

    def close(self, reason: str | None, stats: dict, failures: list[str], *,
              change_threshold: float) -> dict:
        """Write the verdict and refresh ``changes``; return the finished row."""
        db = open_db(self.db_path)
        try:
            store.finish_crawl(db, self.crawl_id, status=crawl_status(reason, failures), finish_reason=reason,
                               stats=summarise_stats(stats), monitor_failures=failures)
            history.refresh_changes(db, change_threshold)
            return store.get_crawl(db, self.crawl_id) or {}
        finally:
            db.close()


class CrawlRecordExtension:
    """Scrapy extension owning the crawl row (see the module docstring)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.record: CrawlRecord | None = None
        crawler.crawl_record = self  # the store pipeline reads the crawl id through it

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    @property
    def crawl_id(self) -> int | None:
        return self.record.crawl_id if self.record else None

    def opened(self, spider):
        seeds = getattr(spider, "seeds_path", None) or getattr(spider, "area", None)
        self.record = CrawlRecord(self.crawler.settings.get("CLINICWATCH_DB"), spider.name, seeds)
        spider.crawl_id = self.record.open()

    def closed(self, spider, reason):
        stats = self.crawler.stats.get_stats()
        failures = list(stats.get(FAILURES_STAT) or [])
        for failure in failures:
            log.error("monitor failed: %s", failure)
        if self.record is not None:
            self.record.close(reason, stats, failures, change_threshold=self.crawler.settings.getfloat(
                "CLINICWATCH_PRICE_CHANGE_THRESHOLD"))
