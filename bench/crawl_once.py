"""One crawl for bench/bench_crawl.py, run in its own process: `bare` or `full`.

Usage: python bench/crawl_once.py bare|full SEEDS DB

* ``full``: the clinicwatch crawl exactly as ``clinicwatch crawl`` runs it (sites spider,
  page objects, validate/normalise/store pipelines, Spidermon and monitors, netguard),
  with the loopback profile (no delays) and the shared speed settings below.
* ``bare``: a link-following Scrapy spider with Scrapy's defaults plus the same speed
  settings, robots.txt and resolver: it fetches every same-site link and yields nothing.

Prints one JSON line: pages, seconds (wall time of the crawl itself, not imports).
"""

from __future__ import annotations

import json
import os
import sys
import time
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import scrapy  # noqa: E402
from scrapy.linkextractors import LinkExtractor  # noqa: E402

SPEED = {
    "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 4, "CONCURRENT_ITEMS": 10,
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": True,
    "TELNETCONSOLE_ENABLED": False, "REMOTE_CONTROL_ENABLED": False, "LOG_LEVEL": "WARNING",
    "CLINICWATCH_ALLOW_PRIVATE": True, "TWISTED_DNS_RESOLVER": "crawl.netguard.GuardedResolver",
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    "CLINICWATCH_MAX_PAGES_PER_SITE": 100, "CLINICWATCH_LOG_PROGRESS": False,
}


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, seeds: str, **kwargs):
        super().__init__(**kwargs)
        self.seeds = [ln.strip() for ln in open(seeds, encoding="utf-8") if ln.strip()]
        self.links = LinkExtractor()

    async def start(self):
        for url in self.seeds:
            yield scrapy.Request(url)

    def parse(self, response):
        host = urlsplit(response.url).hostname
        for link in self.links.extract_links(response):
            if urlsplit(link.url).hostname == host:
                yield scrapy.Request(link.url)


def _extra() -> dict:
    """What-if overrides for both modes: BENCH_SET="NAME=VALUE;NAME=VALUE" (e.g. HTTPCACHE_ENABLED=False)."""
    pairs = [p.split("=", 1) for p in os.environ.get("BENCH_SET", "").split(";") if "=" in p]
    return {k.strip(): v.strip() for k, v in pairs}


def run_bare(seeds: str) -> dict:
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setdict({**SPEED, **_extra()}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, seeds=seeds)
    started = time.perf_counter()
    process.start()
    return {"seconds": time.perf_counter() - started,
            "pages": crawler.stats.get_value("response_received_count", 0)}


def run_full(seeds: str, db: str) -> dict:
    from clinicwatch.crawl import crawl_sites

    started = time.perf_counter()
    row = crawl_sites(seeds, db, allow_private=True, loopback=True, overrides={**SPEED, **_extra()})
    return {"seconds": time.perf_counter() - started, "pages": row.get("pages") or 0,
            "items": row.get("items"), "status": row.get("status")}


def _what_if() -> None:
    """BENCH_WHATIF_NO_EXTRACT=1: page objects return an empty extract (locates the cost; not a fix).
    The page is still parsed once and its links handed over: the spider follows links the page
    object reads, and a crawl that follows nothing would measure nothing."""
    if os.environ.get("BENCH_WHATIF_NO_EXTRACT"):
        import lxml.html

        import spiders.sites
        from items import PageExtract
        from spiders.pages.clinic_page import decode, page_links

        def links_only(body, url, *, content_type=None, hints=None, links=None):
            if links is not None:
                links.extend(page_links(lxml.html.document_fromstring(decode(body, content_type)), url))
            return PageExtract(page_kind="other")

        spiders.sites.extract_page = links_only


def main() -> None:
    _what_if()
    mode, seeds = sys.argv[1], sys.argv[2]
    result = run_bare(seeds) if mode == "bare" else run_full(seeds, sys.argv[3])
    result.update(mode=mode, pages_per_s=result["pages"] / result["seconds"] if result["seconds"] else 0)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
