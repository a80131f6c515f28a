"""Address guard for register clients: refuse private, loopback and link-local hosts.

Register base URLs come from settings and command-line flags, so a mistyped or
hostile value could point a client at the operator's own network. Before each
request the host is resolved and every address it resolves to is checked with
``ipaddress``; any private, loopback, link-local, reserved, multicast or
unspecified address is refused unless ``allow_private=True`` (tests and the
sample web need loopback). Redirects are checked the same way by the client.

The address test itself is core/netaddr.py, shared with the crawler's
resolver guard (registers/ must not import the crawler, which needs Twisted).
"""

from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

from core.netaddr import address_refusal

ALLOWED_SCHEMES = ("http", "https")


class BlockedAddress(ValueError):
    """A URL that must not be fetched (scheme, missing host or a non-public address)."""


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise BlockedAddress(f"cannot resolve {host}: {exc.strerror or exc}") from None
    return sorted({info[4][0] for info in infos})


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise :class:`BlockedAddress` unless ``url`` may be fetched."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedAddress(f"unsupported URL scheme {parts.scheme or '(none)'!r}")
    host = parts.hostname
    if not host:
        raise BlockedAddress(f"URL has no host: {url}")
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    for ip in resolve(host, port):
        why = address_refusal(ip)
        if why:
            raise BlockedAddress(f"refused {host}: {why} (use --allow-private to allow)")


class GuardedRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target passes the same address guard as the first URL."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913
        check_url(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class CachedPacedClient:
    """What the register API clients (NPI Registry, CQC) share: answers cached in the
    ``register_cache`` table for ``cache_ttl`` seconds, at most one request every
    ``min_interval`` seconds, and an opener whose redirects pass the address guard."""

    def __init__(self, *, db, min_interval: float, cache_ttl: float, timeout: float, retries: int,
                 allow_private: bool, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.db = db
        self.min_interval = max(0.0, min_interval)
        self.cache_ttl = cache_ttl
        self.timeout = timeout
        self.retries = retries
        self.allow_private = allow_private
        self.clock = clock
        self.sleep = sleep
        self.requests_made = 0
        self.cache_hits = 0
        self._last_request: float | None = None
        self._opener = urllib.request.build_opener(GuardedRedirects(allow_private))

    def _cache_get(self, url: str) -> str | None:
        if self.db is None or self.cache_ttl <= 0:
            return None
        row = self.db.execute(
            "SELECT fetched_at, body FROM register_cache WHERE url = ?", [url]
        ).fetchone()
        if row is None or self.clock() - row[0] >= self.cache_ttl:
            return None
        return row[1]

    def _cache_put(self, url: str, body: str) -> None:
        if self.db is None or self.cache_ttl <= 0:
            return
        with self.db.atomic():
            self.db.execute(
                "INSERT OR REPLACE INTO register_cache (url, fetched_at, body) VALUES (?, ?, ?)",
                [url, self.clock(), body],
            )

    def _wait_turn(self) -> None:
        if self._last_request is not None:
            wait = self._last_request + self.min_interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last_request = time.monotonic()
