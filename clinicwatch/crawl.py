"""Run Scrapy crawls from Python: settings assembly, one reactor, summaries.

``LOOPBACK_PROFILE`` is for the bundled sample web and tests only: no delays,
more concurrency, loopback allowed. Real crawls keep settings.py's manners.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from db.schema import open_db
from db.store import get_crawl

LOOPBACK_PROFILE: dict[str, Any] = {
    "CLINICWATCH_ALLOW_PRIVATE": True,
    "DOWNLOAD_DELAY": 0,
    "RANDOMIZE_DOWNLOAD_DELAY": False,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    "DOWNLOAD_TIMEOUT": 15,
}


def build_settings(db_path: str, *, allow_private: bool = False, loopback: bool = False,
                   overrides: dict[str, Any] | None = None, log_level: str = "WARNING") -> Settings:
    settings = Settings()
    settings.setmodule("settings", priority="project")
    if loopback:
        settings.setdict(LOOPBACK_PROFILE, priority="cmdline")
    settings.set("CLINICWATCH_DB", db_path, priority="cmdline")
    if allow_private:
        settings.set("CLINICWATCH_ALLOW_PRIVATE", True, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def crawl_sites(seeds_path: str, db_path: str, *, allow_private: bool = False, loopback: bool = False,
                overrides: dict[str, Any] | None = None, log_level: str = "WARNING") -> dict:
    """Crawl the seeds into the database; return the `crawls` row of this crawl."""
    from spiders.sites import SitesSpider

    open_db(db_path).close()  # schema before the crawl, so a failed start still leaves a valid file
    settings = build_settings(db_path, allow_private=allow_private, loopback=loopback,
                              overrides=overrides, log_level=log_level)
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(SitesSpider)
    process.crawl(crawler, seeds=seeds_path)
    process.start()
    logging.getLogger(__name__).debug("crawl stats: %s", crawler.stats.get_stats())
    crawl_id = getattr(crawler.spider, "crawl_id", None)
    if crawl_id is None:
        raise RuntimeError("the crawl did not start (see the log above)")
    db = open_db(db_path)
    try:
        return get_crawl(db, crawl_id) or {}
    finally:
        db.close()
