"""Run Scrapy crawls from Python: settings assembly, one reactor, several spiders in order.

``LOOPBACK_PROFILE`` is for the bundled sample web and tests only: no delays,
more concurrency, loopback allowed. Real crawls keep settings.py's manners.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.reactor import install_reactor
from twisted.internet import defer

from db.schema import open_db
from db.store import get_crawl, mark_interrupted

LOOPBACK_PROFILE: dict[str, Any] = {
    "CLINICWATCH_ALLOW_PRIVATE": True,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
    "DOWNLOAD_TIMEOUT": 15,
}

# A step returns (spider class, spider kwargs), or None to skip; it runs when its turn comes,
# so it can read what earlier steps wrote (e.g. seeds discovered by the listings spider).
Step = Callable[[], "tuple[type, dict] | None"]


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
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # the CLI's handler serves
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def apply_render(settings: Settings) -> None:
    """Turn the browser on for ``CLINICWATCH_RENDER`` auto/always (crawl/render.py); ``auto``
    without Chromium renders nothing and says so, ``always`` without it is an error."""
    from crawl import render

    mode = settings.get("CLINICWATCH_RENDER", "auto")
    if mode not in render.MODES:
        raise ValueError(f"CLINICWATCH_RENDER must be one of {', '.join(render.MODES)}, not {mode!r}")
    if mode == "never" or "PLAYWRIGHT_LAUNCH_OPTIONS" in settings:
        return
    try:
        settings.setdict(render.playwright_settings(settings.getbool("CLINICWATCH_ALLOW_PRIVATE")),
                         priority="cmdline")
    except RuntimeError as exc:
        if mode == "always":
            raise
        logging.getLogger(__name__).warning("%s; no page is rendered in this crawl", exc)
        settings.set("CLINICWATCH_RENDER", "never", priority="cmdline")


def run_steps(db_path: str, steps: list[Step], settings: Settings) -> list[dict]:
    """Run spiders one after another in one reactor; return each crawl's `crawls` row."""
    apply_render(settings)
    db = open_db(db_path)  # schema first, so a failed start still leaves a valid file
    mark_interrupted(db)  # callers hold the run lock: nothing else is crawling into this file
    db.close()
    process = CrawlerProcess(settings)
    crawl_ids: list[int | None] = []
    failures: list[BaseException] = []

    @defer.inlineCallbacks
    def sequence():
        try:
            for step in steps:
                planned = step()
                if planned is None:
                    continue
                spidercls, kwargs = planned
                crawler = process.create_crawler(spidercls)
                yield process.crawl(crawler, **kwargs)
                crawl_ids.append(getattr(crawler.spider, "crawl_id", None))
        except Exception as exc:  # noqa: BLE001 - reported to the caller after the reactor stops
            failures.append(exc)
        finally:
            from twisted.internet import reactor

            reactor.callLater(0, reactor.stop)

    install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
    from twisted.internet import reactor

    reactor.callWhenRunning(sequence)
    process.start(stop_after_crawl=False)
    if failures:
        raise RuntimeError(f"crawl failed: {failures[0]}") from failures[0]
    db = open_db(db_path)
    try:
        rows = []
        for crawl_id in crawl_ids:
            if crawl_id is None:
                raise RuntimeError("a crawl did not start (see the log above)")
            rows.append(get_crawl(db, crawl_id) or {})
        return rows
    finally:
        db.close()


def crawl_sites(seeds_path: str, db_path: str, *, allow_private: bool = False, loopback: bool = False,
                overrides: dict[str, Any] | None = None, log_level: str = "WARNING") -> dict:
    """Crawl the seeds into the database; return the `crawls` row of this crawl."""
    from spiders.sites import SitesSpider

    settings = build_settings(db_path, allow_private=allow_private, loopback=loopback,
                              overrides=overrides, log_level=log_level)
    return run_steps(db_path, [lambda: (SitesSpider, {"seeds": seeds_path})], settings)[0]
