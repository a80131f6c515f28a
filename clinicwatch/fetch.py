"""Fetch one page outside Scrapy (for `clinicwatch extract URL`), with the same manners:
our user agent, http(s) only, private addresses refused unless allowed, size and time bounds."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import settings
from clinicwatch.cliutil import CliError
from crawl.netguard import address_refusal, is_local_name, url_refusal

MAX_BYTES = settings.DOWNLOAD_MAXSIZE
TIMEOUT = settings.DOWNLOAD_TIMEOUT


def _check_resolved(host: str, allow_private: bool) -> None:
    if allow_private or is_local_name(host):
        return
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise CliError(f"cannot resolve {host}: {exc.strerror}") from None
    for info in infos:
        why = address_refusal(info[4][0])
        if why:
            raise CliError(f"refused: {host} resolves to {why} (use --allow-private to allow)")


def fetch_page(url: str, *, allow_private: bool) -> tuple[bytes, str | None, str]:
    """(body, content type, final URL). Raises CliError with a one-line reason."""
    why = url_refusal(url, allow_private)
    if why:
        raise CliError(why, 2)
    host = urlsplit(url).hostname or ""
    _check_resolved(host, allow_private)
    target = url
    if is_local_name(host):  # RFC 6761: *.localhost is loopback; keep the Host header
        parts = urlsplit(url)
        target = url.replace(parts.netloc, f"127.0.0.1:{parts.port or 80}", 1)
    request = urllib.request.Request(target, headers={"User-Agent": settings.USER_AGENT, "Host": urlsplit(url).netloc})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise CliError(f"page larger than {MAX_BYTES} bytes: {url}")
            return body, response.headers.get("Content-Type"), url
    except urllib.error.HTTPError as exc:
        raise CliError(f"HTTP {exc.code} for {url}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise CliError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None
