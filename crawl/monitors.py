"""Monitoring every crawl: spidermon monitors, progress on stderr, the crawl's verdict.

* ``CrawlMonitorSuite`` (spidermon, at spider close): item schemas
  (crawl/item_schemas.py), finish reason, error and retry rates, and field
  coverage: the share of crawled sites with at least one price / credential
  and the share of prices with an amount. Thresholds are CLINICWATCH_MONITOR_*
  settings. Failures are stored in the stats by ``RecordFailures``.
* ``CrawlProgress`` (extension): keeps the coverage stats up to date as items
  arrive, prints a progress line every CLINICWATCH_PROGRESS_INTERVAL seconds
  and a summary at the end, on stderr (the CLI logs only warnings).
The crawl's verdict is written by crawl/record.py, the one owner of the ``crawls`` row.
"""

from __future__ import annotations

import logging
import sys
import time
import warnings

from scrapy import signals
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import FinishReasonMonitor, ItemValidationMonitor
from spidermon.core.actions import Action
from twisted.internet import task

from crawl.record import FAILURES_STAT
from items import CrawlErrorItem, PageItem

log = logging.getLogger(__name__)
# spidermon 1.27 logs through Spider.log(), deprecated by scrapy/scrapy#7739; no fixed release yet.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=Warning)
COVERAGE = "clinicwatch/coverage/"


def _rate(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


@monitors.name("Crawl health")
class CrawlHealthMonitor(Monitor):
    """Error and retry rates, and field coverage, against CLINICWATCH_MONITOR_* thresholds."""

    longMessage = False  # our messages say it all

    def _setting(self, name: str) -> float:
        return self.data.crawler.settings.getfloat(f"CLINICWATCH_MONITOR_{name}")

    def _judged(self) -> bool:
        return self.data.stats.get("downloader/request_count", 0) >= self._setting("MIN_REQUESTS")

    @monitors.name("error rate")
    def test_error_rate(self):
        self._rate_at_most("clinicwatch/errors", "MAX_ERROR_RATE", "error rate", "errors")

    @monitors.name("retry rate")
    def test_retry_rate(self):
        self._rate_at_most("retry/count", "MAX_RETRY_RATE", "retry rate", "retries")

    def _rate_at_most(self, stat: str, setting: str, label: str, noun: str) -> None:
        requests = self.data.stats.get("downloader/request_count", 0)
        count = self.data.stats.get(stat, 0)
        limit = self._setting(setting)
        rate = _rate(count, requests)
        if self._judged():
            self.assertLessEqual(rate, limit, f"{label} {rate:.0%} ({count} {noun} / {requests} "
                                 f"requests) above {limit:.0%}")

    @monitors.name("price coverage")
    def test_price_coverage(self):
        self._coverage("sites_with_prices", "sites", "MIN_PRICE_COVERAGE", "sites with prices")

    @monitors.name("credential coverage")
    def test_credential_coverage(self):
        self._coverage("sites_with_credentials", "sites", "MIN_CREDENTIAL_COVERAGE",
                       "sites with credentials")

    @monitors.name("price amount coverage")
    def test_amount_coverage(self):
        self._coverage("prices_with_amount", "prices", "MIN_PRICE_AMOUNT_COVERAGE", "prices with an amount")

    def _coverage(self, part: str, whole: str, setting: str, label: str) -> None:
        if not str(getattr(self.data.spider, "name", "")).startswith("sites"):
            self.skipTest("coverage applies to the clinic-site spiders only")
        stats = self.data.stats
        have, total = stats.get(COVERAGE + part, 0), stats.get(COVERAGE + whole, 0)
        minimum = self._setting(setting)
        if not self._judged():  # too small to judge shares; a crawl that read no site still fails
            self.assertGreater(stats.get(COVERAGE + "sites", 0), 0, "no site could be crawled")
            return
        share = _rate(have, total)
        self.assertGreaterEqual(share, minimum, f"{label}: {share:.0%} ({have}/{total}) below "
                                f"{minimum:.0%}")


class RecordFailures(Action):
    """Put '<monitor>: <reason>' for every failed monitor in the crawl stats."""

    def run_action(self):
        failures = []
        for result in self.result.monitors_failed_results:
            reason = (result.reason or result.error or "failed").strip().splitlines()[-1]
            failures.append(f"{result.item.monitor_name} / {result.item.method_name}: {reason}")
        self.data.crawler.stats.set_value(FAILURES_STAT, failures)


class CrawlMonitorSuite(MonitorSuite):
    monitors = [CrawlHealthMonitor, FinishReasonMonitor, ItemValidationMonitor]
    monitors_failed_actions = [RecordFailures]


class SiteTally:
    """Per-site coverage and outstanding requests, from signals (pure bookkeeping)."""

    def __init__(self):
        self.sites: set[str] = set()
        self.priced: set[str] = set()
        self.credentialed: set[str] = set()
        self.prices = 0
        self.amounts = 0
        self.outstanding: dict[str, int] = {}

    def page(self, item: PageItem) -> None:
        self.sites.add(item.site)
        ex = item.extract
        if ex.prices:
            self.priced.add(item.site)
        if any(p.credentials for p in ex.practitioners):
            self.credentialed.add(item.site)
        self.prices += len(ex.prices)
        self.amounts += sum(1 for p in ex.prices if p.amount is not None)

    def coverage(self) -> dict[str, int]:
        return {"sites": len(self.sites), "sites_with_prices": len(self.priced),
                "sites_with_credentials": len(self.credentialed), "prices": self.prices,
                "prices_with_amount": self.amounts}

    def sites_done(self) -> int:
        return sum(1 for n in self.outstanding.values() if n <= 0)


class CrawlProgress:
    """Coverage stats as items arrive; progress lines and a final summary on stderr."""

    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.stats = crawler.stats
        self.interval = interval
        self.tally = SiteTally()
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler, crawler.settings.getfloat("CLINICWATCH_PROGRESS_INTERVAL", 30))
        for handler, signal in ((ext.opened, signals.spider_opened), (ext.closed, signals.spider_closed),
                                (ext.item, signals.item_scraped), (ext.scheduled, signals.request_scheduled),
                                (ext.finished, signals.response_received),
                                (ext.dropped, signals.request_dropped)):
            crawler.signals.connect(handler, signal=signal)
        return ext

    def opened(self, spider):
        self.started = time.monotonic()
        if self.interval > 0:
            self.loop = task.LoopingCall(self.report)
            self.loop.start(self.interval, now=False)

    def _move(self, request, step: int) -> None:
        site = request.meta.get("site")
        if site:
            self.tally.outstanding[site] = self.tally.outstanding.get(site, 0) + step

    def scheduled(self, request, spider=None):
        if not request.meta.get("retry_times"):  # a retry is the same request again
            self._move(request, 1)

    def finished(self, response, request, spider=None):
        self._move(request, -1)

    def dropped(self, request, spider=None):
        self._move(request, -1)

    def item(self, item, response=None, spider=None):
        if isinstance(item, PageItem):
            self.tally.page(item)
        elif isinstance(item, CrawlErrorItem) and item.site and item.status is None:
            # no response reached the spider for this request (network error, robots refusal)
            self.tally.outstanding[item.site] = self.tally.outstanding.get(item.site, 0) - 1
        for key, value in self.tally.coverage().items():
            self.stats.set_value(COVERAGE + key, value)

    def line(self) -> str:
        s = self.stats
        return (f"{s.get_value('response_received_count', 0)} pages, "
                f"{s.get_value('item_scraped_count', 0)} items, "
                f"{self.tally.sites_done()}/{s.get_value('clinicwatch/sites', 0)} sites done, "
                f"{s.get_value('clinicwatch/errors', 0)} errors, "
                f"{s.get_value('clinicwatch/pdfs_read', 0)} PDFs read, "
                f"{s.get_value('clinicwatch/rendered', 0)} pages rendered, "
                f"{s.get_value('downloader/response_bytes', 0) / 1e6:.1f} MB downloaded")

    def report(self) -> None:
        print(f"progress: {self.line()} ({time.monotonic() - self.started:.0f}s)", file=sys.stderr,
              flush=True)

    def closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        failures = self.stats.get_value(FAILURES_STAT) or []
        verdict = f"{len(failures)} monitor(s) FAILED" if failures else "monitors ok"
        print(f"crawl summary: {reason}; {self.line()}; "
              f"{self.stats.get_value('retry/count', 0)} retries, "
              f"{self.stats.get_value('httpcache/revalidate', 0)} pages unchanged (304); {verdict} "
              f"({time.monotonic() - self.started:.0f}s)", file=sys.stderr, flush=True)
