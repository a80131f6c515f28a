"""The `sites_redis` spider: the `sites` spider for several workers sharing one Redis.

scrapy-redis puts the request queue and the duplicate filter in Redis, so any
worker may fetch any page. What the `sites` spider keeps per process moves to
Redis too, keyed under CLINICWATCH_REDIS_PREFIX:

* ``<prefix>:seeds``       list of seeds (JSON) pushed by the coordinator; workers pop them
* ``<prefix>:seen:<site>`` canonical URLs already scheduled for a site (cross-worker dedupe)
* ``<prefix>:scheduled``   hash site -> pages scheduled (the per-site page cap)
* ``<prefix>:hints``       hash site -> country learned from the site's pages
* ``<prefix>:workers``     set of live workers; ``<prefix>:stats`` hash worker -> final stats

Idle workers look at the shared queue every CLINICWATCH_WORKER_POLL seconds.
Request meta carries the seed, so a worker that never saw a site's home page
can still parse its pages. A worker closes after CLINICWATCH_WORKER_IDLE
seconds with no seed, no queued request and nothing in flight (0: never);
Scrapy checks idleness on its 5-second heartbeat, so keep it above 5.
"""

from __future__ import annotations

import json
import os
import socket
import time

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from twisted.internet import task

from core.text import site_key
from spiders.seeds import Seed
from spiders.sites import SitesSpider, SiteState, canonical


class RedisSitesSpider(SitesSpider):
    name = "sites_redis"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        import redis

        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.prefix = crawler.settings.get("CLINICWATCH_REDIS_PREFIX", "clinicwatch")
        spider.server = redis.Redis.from_url(crawler.settings.get("REDIS_URL"))
        spider.max_idle = crawler.settings.getfloat("CLINICWATCH_WORKER_IDLE", 20)
        spider.worker_id = f"{socket.gethostname()}:{os.getpid()}"
        spider.last_active = time.monotonic()
        spider.poll = crawler.settings.getfloat("CLINICWATCH_WORKER_POLL", 1.0)
        spider.poller = None
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_response, signal=signals.response_received)
        crawler.signals.connect(spider.on_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    def on_opened(self, spider=None):
        if self.poll > 0:
            self.poller = task.LoopingCall(self.poke)
            self.poller.start(self.poll, now=False)

    def on_closed(self, spider=None, reason=None):
        if self.poller is not None and self.poller.running:
            self.poller.stop()

    def poke(self) -> None:
        """Ask the engine for the next request now: an idle engine only looks every 5 s.

        Without this, the worker that pops the seeds does most of a small crawl before the
        others look at the shared queue (ecosystem.md pitfall 4). Uses the engine's slot,
        which is private Scrapy API; if it moves, workers fall back to the 5 s heartbeat.
        """
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    async def start(self):
        for request in self.seed_requests():
            yield request

    def seed_requests(self, batch: int = 100):
        """Requests for seeds popped from Redis (each seed goes to exactly one worker)."""
        for raw in self.server.lpop(self.key("seeds"), batch) or []:
            data = json.loads(raw)
            seed = Seed(url=data["url"], name=data.get("name"), line=data.get("line", 0))
            key = site_key(seed.url)
            if not self.server.sadd(self.key("seen", key), canonical(seed.url)):
                continue  # the same site twice in the seed list
            self.server.hincrby(self.key("scheduled"), key, 1)
            self.sites[key] = SiteState(seed=seed)
            self.crawler.stats.inc_value("clinicwatch/sites")
            yield self._request(seed.url, key, depth=0, priority=100)

    def _request(self, url: str, key: str, depth: int, priority: int):
        request = super()._request(url, key, depth, priority)
        seed = self.sites[key].seed
        request.meta.update(seed_url=seed.url, seed_name=seed.name)
        return request

    def _state(self, meta: dict) -> SiteState:
        key = meta["site"]
        if key not in self.sites:
            self.sites[key] = SiteState(seed=Seed(url=meta["seed_url"], name=meta.get("seed_name")))
        state = self.sites[key]
        if "country" not in state.hints:
            country = self.server.hget(self.key("hints"), key)
            if country:
                state.hints["country"] = country.decode()
        return state

    def parse(self, response):
        state = self._state(response.meta)
        had_country = "country" in state.hints
        yield from super().parse(response)
        if not had_country and "country" in state.hints:
            self.server.hsetnx(self.key("hints"), response.meta["site"], state.hints["country"])

    def claim_links(self, key: str, state: SiteState, candidates: list[tuple[int, str, str]]):
        """As SitesSpider.claim_links, with `seen` and the per-site cap shared by every worker."""
        if not candidates:
            return
        with self.server.pipeline() as pipe:
            for _, _, canonical_url in candidates:
                pipe.sadd(self.key("seen", key), canonical_url)
            fresh = [(score, url) for (score, url, _), new in zip(candidates, pipe.execute(), strict=True) if new]
        fresh.sort(key=lambda c: -c[0])
        for score, url in fresh:
            if self.server.hincrby(self.key("scheduled"), key, 1) > self.max_pages:
                self.crawler.stats.inc_value("clinicwatch/links_over_site_cap")
                break
            yield score, url

    def on_response(self, response, request, spider=None):
        self.last_active = time.monotonic()

    def on_idle(self, spider=None):
        requests = list(self.seed_requests())
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            self.last_active = time.monotonic()
        if self.max_idle and time.monotonic() - self.last_active >= self.max_idle:
            return  # nothing to do for long enough: let the spider close
        raise DontCloseSpider


class WorkerReport:
    """Extension for workers: register while running, leave final stats for the writer."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.server = None
        self.prefix = crawler.settings.get("CLINICWATCH_REDIS_PREFIX", "clinicwatch")
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider):
        import redis

        self.server = redis.Redis.from_url(self.crawler.settings.get("REDIS_URL"))
        self.server.sadd(f"{self.prefix}:workers", self.worker)
        self.server.sadd(f"{self.prefix}:workers_seen", self.worker)

    def closed(self, spider, reason):
        from crawl.record import FAILURES_STAT

        stats = self.crawler.stats.get_stats()
        keep = {k: v for k, v in stats.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        keep["finish_reason"] = reason
        keep[FAILURES_STAT] = [f"{self.worker}: {f}" for f in stats.get(FAILURES_STAT) or []]
        with self.server.pipeline() as pipe:
            pipe.hset(f"{self.prefix}:stats", self.worker, json.dumps(keep))
            pipe.srem(f"{self.prefix}:workers", self.worker)
            pipe.execute()
        self.server.close()
