"""Client for the CQC public API (api.service.cqc.org.uk/public/v1): location lists and records.

The API wants a free subscription key in the ``Ocp-Apim-Subscription-Key`` header;
it is read from the environment (``CQC_SUBSCRIPTION_KEY``) and never stored or
logged. Without one the client refuses to start with a message saying where to get
one. Endpoints used: ``/locations`` (pages of ``{locationId, locationName,
postalCode}``, followed by ``nextPageUri``) and ``/locations/{id}`` (one full record).
The list cannot be filtered by postcode on the server (it takes region, local
authority, service type... as query parameters), so :func:`fetch_cqc` filters the
listed postcodes itself before asking for the records it needs.

Manners are the NPI client's (registers/npi.py): at least ``min_interval`` seconds
between requests, the address guard of registers/net.py on every URL and redirect,
retries with exponential backoff on 429 (honouring ``Retry-After``) and 5xx, and
answers cached in ``register_cache`` by URL for ``cache_ttl`` seconds. Defaults come
from ``CLINICWATCH_CQC_URL``, ``CLINICWATCH_CQC_MIN_INTERVAL`` and
``CLINICWATCH_CQC_CACHE_TTL``.

Only a walk of the whole, unfiltered list to its last page records a ``cqc``
snapshot in ``register_snapshots``: a partial fetch refreshes the locations it
read, but cannot say that a clinic elsewhere is missing from the register.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

import sqlite_utils

from core import __version__
from core.nations import postcode_key
from registers.care import cqc_location, save_locations
from registers.net import BlockedAddress, CachedPacedClient, check_url
from registers.nppes import record_snapshot

DEFAULT_CQC_URL = os.environ.get("CLINICWATCH_CQC_URL", "https://api.service.cqc.org.uk/public/v1")
DEFAULT_MIN_INTERVAL = float(os.environ.get("CLINICWATCH_CQC_MIN_INTERVAL", "0.5"))
DEFAULT_CACHE_TTL = float(os.environ.get("CLINICWATCH_CQC_CACHE_TTL", str(7 * 24 * 3600)))
KEY_ENV = "CQC_SUBSCRIPTION_KEY"
KEY_HEADER = "Ocp-Apim-Subscription-Key"
KEY_PORTAL = "https://api-portal.service.cqc.org.uk/"
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_BODY = 8 * 1024 * 1024
MAX_RETRY_AFTER = 120.0
USER_AGENT = f"clinicwatch/{__version__} (register verification)"


class CqcError(RuntimeError):
    """The API could not answer (network, refusal, or a body that is not what we expect)."""


class CqcKeyMissing(CqcError):
    """No subscription key in the environment."""


class CqcClient(CachedPacedClient):
    """Read location lists and records; see the module docstring for the manners kept."""

    def __init__(self, *, key: str | None = None, base_url: str = DEFAULT_CQC_URL,
                 db: sqlite_utils.Database | None = None,
                 min_interval: float = DEFAULT_MIN_INTERVAL, cache_ttl: float = DEFAULT_CACHE_TTL,
                 timeout: float = 30.0, retries: int = 3, allow_private: bool = False,
                 clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep):
        key = key if key is not None else os.environ.get(KEY_ENV, "")
        if not key.strip():
            raise CqcKeyMissing(f"no CQC API key: set {KEY_ENV} (a free key from {KEY_PORTAL})")
        self._key = key.strip()
        super().__init__(db=db, min_interval=min_interval, cache_ttl=cache_ttl, timeout=timeout,
                         retries=retries, allow_private=allow_private, clock=clock, sleep=sleep)
        self.base_url = base_url.rstrip("/")

    # --- public API ---------------------------------------------------------------

    def location(self, location_id: str) -> dict[str, Any] | None:
        """The full record of one location, or None when the API does not know the id."""
        location_id = location_id.strip()
        if not location_id:
            raise ValueError("empty location id")
        body = self.get_json(f"{self.base_url}/locations/{quote(location_id, safe='-')}")
        if body is None:
            return None
        if not isinstance(body, dict) or "locationId" not in body:
            raise CqcError(f"location {location_id}: the answer is not a location record")
        return body

    def list_pages(self, filters: dict[str, str] | None = None, *, per_page: int = 1000,
                   max_pages: int | None = None) -> Iterator[dict[str, Any]]:
        """Pages of the location list, following ``nextPageUri`` until the last one."""
        params = {**(filters or {}), "page": "1", "perPage": str(per_page)}
        url: str | None = f"{self.base_url}/locations?{urlencode(sorted(params.items()))}"
        pages = 0
        while url and (max_pages is None or pages < max_pages):
            page = self.get_json(url)
            if not isinstance(page, dict) or not isinstance(page.get("locations"), list):
                raise CqcError(f"not a location list page: {url}")
            pages += 1
            yield page
            url = self._next(page)

    def _next(self, page: dict[str, Any]) -> str | None:
        uri = page.get("nextPageUri")
        if not uri or not isinstance(uri, str):
            return None
        if uri.startswith(("http://", "https://")):
            return uri
        return f"{self.base_url}/{uri.lstrip('/')}"

    def get_json(self, url: str) -> Any:
        """A decoded JSON answer (cached), or None for HTTP 404."""
        cached = self._cache_get(url)
        if cached is not None:
            self.cache_hits += 1
            return json.loads(cached)
        text = self._fetch(url)
        if text is None:
            return None
        try:
            body = json.loads(text)
        except ValueError:
            raise CqcError(f"not JSON from {url}") from None
        self._cache_put(url, text)
        return body

    # --- network (cache and pacing: registers/net.py CachedPacedClient) -------------

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        try:
            asked = float(retry_after) if retry_after else None
        except ValueError:
            asked = None
        if asked is not None and asked >= 0:
            return min(asked, MAX_RETRY_AFTER)
        return max(self.min_interval, 0.5) * 2 ** (attempt - 1)

    def _fetch(self, url: str) -> str | None:
        """GET with pacing, guard and retries; None for 404."""
        check_url(url, allow_private=self.allow_private)
        last_error, retry_after = "no attempt", None
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self._backoff(attempt, retry_after))
            self._wait_turn()
            self.requests_made += 1
            try:
                return self._get_once(url)
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    return None
                if exc.code in (401, 403):
                    raise CqcError(f"CQC API refused the key (HTTP {exc.code}): check "
                                   f"{KEY_ENV}") from None
                last_error, retry_after = f"HTTP {exc.code}", exc.headers.get("Retry-After")
                if exc.code not in RETRY_STATUSES:
                    break
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if isinstance(getattr(exc, "reason", None), BlockedAddress):
                    raise exc.reason from None
                last_error, retry_after = str(getattr(exc, "reason", exc)), None
        raise CqcError(f"CQC API unreachable ({last_error}): {url}")

    def _get_once(self, url: str) -> str:
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT, "Accept": "application/json", KEY_HEADER: self._key})
        with self._opener.open(request, timeout=self.timeout) as response:
            data = response.read(MAX_BODY + 1)
        if len(data) > MAX_BODY:
            raise CqcError(f"body larger than {MAX_BODY} bytes: {url}")
        return data.decode("utf-8", errors="replace")


def _listed_ids(client: CqcClient, postcode: str | None, filters: dict[str, str],
                max_pages: int | None, stats: dict[str, Any]) -> list[str]:
    prefix = postcode_key(postcode)
    ids: list[str] = []
    last_page = None
    for page in client.list_pages(filters, max_pages=max_pages):
        stats["pages"] += 1
        last_page = page
        for row in page["locations"]:
            if not isinstance(row, dict) or not row.get("locationId"):
                continue
            if prefix and not postcode_key(row.get("postalCode")).startswith(prefix):
                continue
            ids.append(str(row["locationId"]))
    stats["complete_list"] = last_page is not None and not last_page.get("nextPageUri")
    return ids


def fetch_cqc(db: sqlite_utils.Database, client: CqcClient, *, location_ids: tuple[str, ...] = (),
              postcode: str | None = None, filters: dict[str, str] | None = None,
              max_pages: int | None = None, now: datetime | None = None) -> dict[str, Any]:
    """Fetch locations (by id, or listed and kept by postcode prefix) into ``care_locations``."""
    imported_at = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    stats: dict[str, Any] = {"pages": 0, "listed": 0, "saved": 0, "unknown": [],
                             "complete_list": False, "snapshot": False}
    ids = list(dict.fromkeys(i.strip() for i in location_ids if i.strip()))
    listing = postcode is not None or filters is not None or not ids
    if listing:
        listed = _listed_ids(client, postcode, dict(filters or {}), max_pages, stats)
        stats["listed"] = len(listed)
        ids += listed
    rows = []
    for location_id in dict.fromkeys(ids):
        record = client.location(location_id)
        if record is None:
            stats["unknown"].append(location_id)
            continue
        rows.append(cqc_location(record, imported_at, f"CQC API {client.base_url}"))
    with db.atomic():
        stats["saved"] = save_locations(db, rows)
    if listing and stats["complete_list"] and not filters and postcode is None:
        total = db.execute("SELECT count(*) FROM care_locations WHERE register = 'cqc'").fetchone()[0]
        record_snapshot(db, "cqc", f"CQC API {client.base_url}", imported_at, total)
        stats["snapshot"] = True
    stats["requests"], stats["cache_hits"] = client.requests_made, client.cache_hits
    return stats
