"""Client-rendered sites: tell them apart, and render them in a real browser, bounded and guarded.

Some clinic sites (React/Vue/Next builds, Wix-style app shells) send an empty app root and
their content as an inline JSON state that a script turns into the page. Their text, prices,
people and even their links exist only after the script runs. ``looks_client_rendered`` says
when a fetched page is such a shell; the spider then fetches it again through Chromium
(scrapy-playwright driving Debian's ``chromium``), within per-site and per-crawl limits
(spiders/sites.py), and reads the rendered DOM like any page.

``--render auto|never|always`` (setting ``CLINICWATCH_RENDER``): ``auto`` renders shells only,
``always`` renders every page, ``never`` no page. ``playwright_settings`` is what turns the
browser on; it is only added when rendering can happen, so a crawl that never renders never
starts a browser.

The browser fetches by itself, past Scrapy's resolver, so ``abort_request`` is its network
guard: only http(s) documents, scripts and data requests (no images, fonts, media, styles)
to hosts whose every address passes the same private-address rule as the crawl
(core/netaddr.py; loopback only with ``--allow-private``).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
from urllib.parse import urlsplit

from core.netaddr import address_refusal

MODES = ("auto", "never", "always")
DEFAULT_CHROMIUM = "/usr/bin/chromium"
_ALLOWED_TYPES = frozenset({"document", "script", "xhr", "fetch"})

# An app root that a script fills, and the inline state objects of common front-end frameworks.
_APP_ROOT = re.compile(
    rb"<(?:div|main|section)[^>]+id=[\"'](?:root|app|__next|__nuxt|___gatsby|svelte|main-app)[\"'][^>]*>\s*</"
    rb"|<app-root|data-reactroot|ng-version=", re.I)
_STATE = re.compile(rb"__INITIAL_STATE__|__NEXT_DATA__|__NUXT__|__APOLLO_STATE__|__PRELOADED_STATE__|"
                    rb"window\.__data\b|wix-warmup-data", re.I)
_TAG = re.compile(rb"<[^>]*>")
_SCRIPT_OR_STYLE = re.compile(rb"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
MIN_TEXT = 200  # visible characters in <body> below which a page with an app root is a shell


def looks_client_rendered(body: bytes) -> bool:
    """An app shell: an empty app root (or an inline framework state) and next to no visible text."""
    if not (_APP_ROOT.search(body) or _STATE.search(body)):
        return False
    start = body.lower().find(b"<body")
    visible = _TAG.sub(b" ", _SCRIPT_OR_STYLE.sub(b" ", body[start if start >= 0 else 0:]))
    return len(b" ".join(visible.split())) < MIN_TEXT


def chromium_path() -> str | None:
    """Debian's Chromium (installed by the project's Makefile), or one on PATH."""
    for candidate in (DEFAULT_CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and shutil.which(candidate):
            return candidate
    return None


def playwright_settings(allow_private: bool, *, timeout_ms: int = 20_000) -> dict:
    """Scrapy settings that route requests marked ``playwright`` through headless Chromium."""
    configure(allow_private)
    path = chromium_path()
    if path is None:
        raise RuntimeError("rendering needs Chromium: apt-get install chromium (make venv does), "
                           "or crawl with --render never")
    handler = "crawl.browser.LazyPlaywrightHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": path, "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        },
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 2,
        "PLAYWRIGHT_ABORT_REQUEST": "crawl.render.abort_request",
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": "crawl.render.browser_headers",
    }


async def browser_headers(*, browser_type_name: str, playwright_request, scrapy_request_data: dict) -> dict:
    """The browser's own headers with the crawl's User-Agent (it names the project and a contact
    URL). Scrapy's full header set is not used: Chromium aborts a navigation whose
    Accept-Encoding it did not choose itself."""
    headers = await playwright_request.all_headers()
    agent = scrapy_request_data["headers"].get("User-Agent")
    if agent:
        headers["user-agent"] = agent.decode("latin-1") if isinstance(agent, bytes) else agent
    return headers


_allow_private = False
_verdicts: dict[str, bool] = {}  # host -> may the browser reach it


def configure(allow_private: bool) -> None:
    global _allow_private
    _allow_private = allow_private
    _verdicts.clear()


async def abort_request(request) -> bool:
    """scrapy-playwright's PLAYWRIGHT_ABORT_REQUEST: True for every request the browser must not make."""
    if request.resource_type not in _ALLOWED_TYPES:
        return True
    parts = urlsplit(request.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return True
    host = parts.hostname.lower()
    if host not in _verdicts:
        _verdicts[host] = await _host_allowed(host)
    return not _verdicts[host]


# Analytics, tag managers and ad networks: never needed to render a page's content.
_TRACKERS = re.compile(r"(?:^|\.)(?:googletagmanager|google-analytics|doubleclick|googlesyndication|facebook|"
                       r"fbcdn|hotjar|clarity\.ms|tiktok|snapchat|pinterest|linkedin|bing|criteo|taboola|"
                       r"outbrain|segment|mixpanel|hubspot|intercom|tawk|zendesk|trustpilot)\.")
DNS_TIMEOUT = 3.0  # seconds: a host the browser cannot resolve quickly is left out, not waited for


async def _host_allowed(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return _allow_private  # RFC 6761: loopback
    if _TRACKERS.search(host + "."):
        return False
    try:
        infos = await asyncio.wait_for(
            asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM), DNS_TIMEOUT)
    except (OSError, asyncio.TimeoutError):
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and (_allow_private or all(address_refusal(ip) is None for ip in addresses))
