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


class CachedPacedClient:
    """What the register API clients (NPI Registry, CQC) share: answers cached in the
    ``register_cache`` table for ``cache_ttl`` seconds, and at most one request every
    ``min_interval`` seconds. Subclasses set ``db``, ``cache_ttl``, ``min_interval``, ``clock``,
    ``sleep`` and ``_last_request`` in their constructor."""

    db: object
    cache_ttl: float
    min_interval: float
    clock: Callable[[], float]
    sleep: Callable[[float], None]
    _last_request: float | None

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
