"""Client for the US NPI Registry API v2.1 (npiregistry.cms.hhs.gov).

Owns: building queries (``version=2.1`` always; ``limit`` 1-200, ``skip`` 0-1000),
polite pacing (at least ``min_interval`` seconds between requests), a response
cache with expiry in SQLite (``register_cache``), the address guard, and turning
bodies into :class:`~registers.npi_records.NpiRecord`. Every answer is HTTP 200,
including ``Errors`` bodies, so the body decides (see npi_records).

Defaults come from the environment (``CLINICWATCH_NPI_URL``,
``CLINICWATCH_NPI_MIN_INTERVAL`` seconds, ``CLINICWATCH_NPI_CACHE_TTL`` seconds)
and can be overridden per client; nothing here is specific to tests.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import sqlite_utils

from core import __version__
from registers.net import BlockedAddress, CachedPacedClient, check_url
from registers.npi_records import (
    NpiApiError,
    NpiError,
    NpiRecord,
    NpiResponseError,
    parse_response,
)

__all__ = ["NpiClient", "NpiError", "NpiApiError", "NpiResponseError", "NpiPage", "NpiRecord"]

DEFAULT_NPI_URL = os.environ.get("CLINICWATCH_NPI_URL", "https://npiregistry.cms.hhs.gov/api/")
DEFAULT_MIN_INTERVAL = float(os.environ.get("CLINICWATCH_NPI_MIN_INTERVAL", "1.0"))
DEFAULT_CACHE_TTL = float(os.environ.get("CLINICWATCH_NPI_CACHE_TTL", str(7 * 24 * 3600)))
API_VERSION = "2.1"
MAX_LIMIT = 200
MAX_SKIP = 1000
MAX_BODY = 4 * 1024 * 1024
RETRY_STATUSES = (429, 500, 502, 503, 504)
USER_AGENT = f"clinicwatch/{__version__} (register verification)"


@dataclass
class NpiPage:
    records: list[NpiRecord]
    skip: int
    limit: int

    @property
    def last(self) -> bool:
        """Fewer rows than asked for, or the API's skip cap reached: no next page."""
        return len(self.records) < self.limit or self.skip + self.limit > MAX_SKIP


class NpiClient(CachedPacedClient):
    """Look up NPIs and search by name; see the module docstring for the manners kept."""

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_NPI_URL,
        db: sqlite_utils.Database | None = None,
        min_interval: float = DEFAULT_MIN_INTERVAL,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        timeout: float = 20.0,
        retries: int = 2,
        allow_private: bool = False,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ):
        super().__init__(db=db, min_interval=min_interval, cache_ttl=cache_ttl, timeout=timeout,
                         retries=retries, allow_private=allow_private, clock=clock, sleep=sleep)
        self.base_url = base_url

    # --- public API ---------------------------------------------------------------

    def lookup(self, number: str) -> NpiRecord | None:
        """The record for one NPI, or None when the registry lists nothing for it."""
        number = str(number).strip()
        if len(number) != 10 or not number.isdigit():
            raise ValueError(f"an NPI is 10 digits: {number!r}")
        records = self.query({"number": number})
        return next((r for r in records if r.npi == number), None)

    def search(self, *, limit: int = 10, skip: int = 0, **criteria: str) -> NpiPage:
        """One page of a search (first_name, last_name, state, taxonomy_description...)."""
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be 1-{MAX_LIMIT}: {limit}")
        if not 0 <= skip <= MAX_SKIP:
            raise ValueError(f"skip must be 0-{MAX_SKIP}: {skip}")
        params = {k: v for k, v in criteria.items() if v not in (None, "")}
        if not params:
            raise ValueError("a search needs at least one criterion")
        params.update(limit=str(limit), skip=str(skip))
        return NpiPage(self.query(params), skip=skip, limit=limit)

    def search_all(self, *, page_size: int = MAX_LIMIT, max_records: int = MAX_SKIP + MAX_LIMIT,
                   **criteria: str) -> list[NpiRecord]:
        """Page through a search until a short page, ``max_records`` or the skip cap."""
        records: list[NpiRecord] = []
        skip = 0
        while skip <= MAX_SKIP and len(records) < max_records:
            page = self.search(limit=page_size, skip=skip, **criteria)
            records.extend(page.records)
            if page.last:
                break
            skip += page_size
        return records[:max_records]

    def query(self, params: dict[str, str]) -> list[NpiRecord]:
        """Records for raw query parameters (``version`` is added)."""
        url = self.url_for(params)
        cached = self._cache_get(url)
        if cached is not None:
            self.cache_hits += 1
            return parse_response(json.loads(cached))
        body_text = self._fetch(url)
        try:
            body = json.loads(body_text)
        except ValueError:
            raise NpiResponseError(f"not JSON from {url}") from None
        records = parse_response(body)  # raises on Errors: those are not cached
        self._cache_put(url, body_text)
        return records

    def url_for(self, params: dict[str, str]) -> str:
        query = urlencode(sorted({**params, "version": API_VERSION}.items()))
        sep = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{sep}{query}"

    # --- network (cache and pacing: registers/net.py CachedPacedClient) -------------

    def _fetch(self, url: str) -> str:
        """GET with pacing, guard and retries on 429/5xx and network errors."""
        check_url(url, allow_private=self.allow_private)
        last_error = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(max(self.min_interval, 0.5) * 2 ** (attempt - 1))
            self._wait_turn()
            self.requests_made += 1
            try:
                return self._get_once(url)
            except urllib.error.HTTPError as exc:
                last_error = f"HTTP {exc.code}"
                if exc.code not in RETRY_STATUSES:
                    break
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if isinstance(getattr(exc, "reason", None), BlockedAddress):
                    raise exc.reason from None
                last_error = str(getattr(exc, "reason", exc))
        raise NpiError(f"NPI Registry unreachable ({last_error}): {url}")

    def _get_once(self, url: str) -> str:
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        with self._opener.open(request, timeout=self.timeout) as response:
            data = response.read(MAX_BODY + 1)
        if len(data) > MAX_BODY:
            raise NpiResponseError(f"body larger than {MAX_BODY} bytes: {url}")
        return data.decode("utf-8", errors="replace")
