"""Incremental recrawls: a persistent HTTP cache that always revalidates.

Scrapy's ``HttpCacheMiddleware`` stores every page with its validators (ETag,
Last-Modified). On the next crawl each request goes out as a conditional GET
(If-None-Match / If-Modified-Since); a ``304 Not Modified`` answer costs a few
hundred bytes and the middleware hands the stored page to the spider, which
parses it again, so every fact on an unchanged page is "still seen" (last_seen,
price_observations) through the one normal code path. Parsing costs ~1 ms a
page; the download is what costs the clinic's server and our bandwidth.

Two things differ from Scrapy's ``RFC2616Policy`` (see docs/ops.md):

* a stored page is never "fresh": Scrapy's heuristic (a tenth of the age since
  Last-Modified) would skip pages changed months ago for weeks, and a monitor
  must see a price change on the next crawl;
* a 5xx answer is an error, not a reason to serve the stored page (which would
  hide an outage as "still seen").

The cache lives next to the database (``<db>-httpcache``) unless HTTPCACHE_DIR
is set, so each database has its own and scrapyd jobs find theirs.
"""

from __future__ import annotations

import os
from importlib import import_module

from scrapy.extensions.httpcache import DbmCacheStorage, RFC2616Policy

CACHE_SUFFIX = "-httpcache"
MAX_CACHED_BODY = 1024 * 1024  # bigger bodies are no clinic page worth keeping; refetched in full


def cache_dir_for(db_path: str) -> str:
    """The cache directory that belongs to a database file."""
    return os.path.abspath(db_path) + CACHE_SUFFIX


class RevalidatePolicy(RFC2616Policy):
    """RFC 2616 caching that revalidates every stored page on every crawl."""

    def should_cache_response(self, response, request) -> bool:
        if response.status != 200 or len(response.body) > MAX_CACHED_BODY:
            return False
        cc = self._parse_cachecontrol(response)
        if b"no-store" in cc:
            return False
        return b"ETag" in response.headers or b"Last-Modified" in response.headers

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304


class DbCacheStorage(DbmCacheStorage):
    """One SQLite file per spider (crawl/sqlitedbm.py) under ``<CLINICWATCH_DB>-httpcache``,
    unless HTTPCACHE_DIR is given. One batched write per response instead of six files."""

    def __init__(self, settings):  # not super(): it would create Scrapy's default cache dir
        explicit = settings.get("HTTPCACHE_DIR")
        if explicit and explicit != "httpcache":  # "httpcache": Scrapy's relative default
            self.cachedir = os.path.abspath(explicit)
        else:
            self.cachedir = cache_dir_for(settings.get("CLINICWATCH_DB") or "clinicwatch.db")
        os.makedirs(self.cachedir, exist_ok=True)
        self.expiration_secs = settings.getint("HTTPCACHE_EXPIRATION_SECS")
        self.dbmodule = import_module(settings.get("HTTPCACHE_DBM_MODULE") or "crawl.sqlitedbm")
        self.db = None
