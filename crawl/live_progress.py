"""Progress of a live check (clinicwatch/live.py): one line on stderr every half second.

A consumer waiting for one site wants to see it move, so the interval is short and the line
says what matters to them: pages read and prices found. The web worker
(publish/live_worker.py) reads these lines from the check's subprocess and shows them on the
progress page, so their shape is fixed by ``LINE_RE``.
"""

from __future__ import annotations

import re
import sys
import time

from crawl.monitors import CrawlProgress
from items import PageItem

LINE_RE = re.compile(r"^live check: (\d+) pages? fetched, (\d+) prices? found")


def progress_line(pages: int, prices: int) -> str:
    return (f"live check: {pages} page{'' if pages == 1 else 's'} fetched, "
            f"{prices} price{'' if prices == 1 else 's'} found")


class LiveProgress(CrawlProgress):
    """CrawlProgress with a consumer's line and a short interval (CLINICWATCH_LIVE_PROGRESS_INTERVAL)."""

    pages = 0

    @classmethod
    def from_crawler(cls, crawler):
        ext = super().from_crawler(crawler)
        ext.interval = crawler.settings.getfloat("CLINICWATCH_LIVE_PROGRESS_INTERVAL", 0.5)
        return ext

    def item(self, item, response=None, spider=None):
        if isinstance(item, PageItem):
            self.pages += 1
        super().item(item, response, spider)

    def report(self) -> None:
        print(f"{progress_line(self.pages, self.tally.prices)} "
              f"({time.monotonic() - self.started:.0f}s)", file=sys.stderr, flush=True)

    def closed(self, spider, reason):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.report()
