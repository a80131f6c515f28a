"""Network manners: refuse private, loopback and link-local addresses unless allowed.

Listings and clinic websites found on the web can point anywhere, including at
the operator's own network. Two guards close that door:

* ``GuardedResolver`` (Scrapy ``DNS_RESOLVER``) resolves every host name and
  refuses answers in private ranges, so redirects and links are covered too.
  Names under ``.localhost`` resolve to 127.0.0.1 (RFC 6761), which is how the
  bundled sample web is reached; they are loopback, so they are refused too
  unless ``CLINICWATCH_ALLOW_PRIVATE`` is set (``--allow-private``).
* ``UrlGuardMiddleware`` refuses non-HTTP schemes and IP-literal URLs in private
  ranges before any connection is made (IP literals skip the resolver).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from core.netaddr import address_refusal

ALLOWED_SCHEMES = ("http", "https")


def is_local_name(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


def url_refusal(url: str, allow_private: bool) -> str | None:
    """Why a URL must not be fetched (scheme or IP literal), or None. No DNS lookups."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"unsupported URL scheme {parts.scheme or '(none)'!r}: only http and https are fetched"
    host = parts.hostname
    if not host:
        return "URL has no host"
    if allow_private:
        return None
    if is_local_name(host):
        return f"refused: {host} is a loopback name (use --allow-private to allow)"
    why = address_refusal(host.strip("[]"))
    if why:
        return f"refused: {why} (use --allow-private to allow)"
    return None


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver plus .localhost names and the private-address refusal."""

    allow_private = False

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow_private = crawler.settings.getbool("CLINICWATCH_ALLOW_PRIVATE")
        return resolver

    def getHostByName(self, name, timeout=()):
        if is_local_name(name):
            d = defer.succeed("127.0.0.1")
        else:
            d = super().getHostByName(name, timeout)
        return d.addCallback(self._check, name)

    def _check(self, ip: str, name: str) -> str:
        if not self.allow_private:
            why = address_refusal(ip)
            if why:
                raise DNSLookupError(f"refused: {name} resolves to {why} (use --allow-private to allow)")
        return ip


class UrlGuardMiddleware:
    """Downloader middleware: scheme and IP-literal checks before any connection."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getbool("CLINICWATCH_ALLOW_PRIVATE"))

    def process_request(self, request, spider=None):
        why = url_refusal(request.url, self.allow_private)
        if why:
            raise IgnoreRequest(why)
        return None
