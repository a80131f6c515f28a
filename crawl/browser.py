"""The browser download handler: scrapy-playwright, started only when a page needs it.

scrapy-playwright starts Playwright (a Node driver process) when the engine starts, once per
URL scheme, whether or not any page is ever rendered. Most crawls render nothing (a client-
rendered site is the exception), so this handler starts it at the first request marked
``playwright`` instead; requests without the mark go to Scrapy's own HTTP handler as before.
Configured by crawl/render.py (``DOWNLOAD_HANDLERS``).
"""

from __future__ import annotations

import asyncio

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from twisted.internet import defer


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        self._started = False
        self._start_lock: asyncio.Lock | None = None

    async def _maybe_launch_in_thread(self) -> None:  # engine_started: nothing to start yet
        return None

    def _engine_started(self):
        return defer.succeed(None)

    async def _download_request(self, request, spider=None):
        if not self._started:
            if self._start_lock is None:
                self._start_lock = asyncio.Lock()
            async with self._start_lock:
                if not self._started:
                    await ScrapyPlaywrightDownloadHandler._launch(self)
                    self._started = True
        return await super()._download_request(request, spider)
