"""The hostile sample web: named, seeded faults layered over the normal sample sites.

``make_app(..., faults="slow,http5xx")`` (and ``clinicwatch sample-web serve --faults``)
installs :func:`middleware`, which sits in front of the normal site handler. A fault
acts in one of three ways, so the ground truth (truth.jsonl) stays exact:

* **transient** on real pages (``slow``, ``http5xx``, ``ratelimit``, ``reset``,
  ``truncate``): a seeded third of each site's pages fails on its first attempt(s),
  at most ``RETRY_TIMES`` (2) times, then serves normally. A crawler that retries
  stores every fact in the truth.
* **persistent** on extra URLs under ``/_fault/`` that the home page links to (every
  fault): each always fails the same way and must become one ``crawl_errors`` row
  with its reason. They carry no clinic facts, so truth is unchanged.
* **presentation** of real pages (``charset``, ``jsonld``, ``aliases``): the same facts
  served with a missing or lying charset, broken JSON-LD, or under several URLs.

``hostile`` adds a page of hostile text (script payloads, control characters, 1 MB
fields, RTL and emoji, 1e309 and negative prices). Its facts are *not* in the truth.

``GET /_faults.json`` on any host returns the fault plan and how often each fault URL
was served (for tests: e.g. robots-disallowed URLs must never be fetched).
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import re
import socket
import struct
import zlib
from collections import Counter
from collections.abc import Iterable

from aiohttp import web

FAULTS = ("slow", "http5xx", "ratelimit", "reset", "truncate", "charset", "huge", "gzipbomb",
          "redirects", "robots", "traps", "jsonld", "aliases", "nonhtml", "hostile")
TRANSIENT = ("slow", "http5xx", "ratelimit", "reset", "truncate")
PREFIX = "/_fault/"
SLOW_SECONDS = 5.0  # past the tests' DOWNLOAD_TIMEOUT=3, well under the default 20
HUGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 256 * 1024 * 1024  # what the gzip bomb inflates to (about 250 KB on the wire)

# Persistent fault URLs linked from each home page: fault -> [(path, link text)].
FAULT_LINKS: dict[str, list[tuple[str, str]]] = {
    "slow": [("/_fault/slow", "Slow page")],
    "http5xx": [("/_fault/unavailable", "Unavailable"), ("/_fault/broken", "Broken")],
    "ratelimit": [("/_fault/ratelimited", "Busy")],
    "reset": [("/_fault/reset", "Reset")],
    "truncate": [("/_fault/truncated", "Cut short")],
    "huge": [("/_fault/huge", "Archive"), ("/_fault/huge-declared", "Big archive")],
    "gzipbomb": [("/_fault/bomb", "Compressed")],
    "redirects": [("/_fault/loop/a", "Loop"), ("/_fault/chain/9", "Long chain"),
                  ("/_fault/chain/2", "Short chain")],
    "robots": [("/_fault/private/area", "Members")],
    "traps": [("/events/2026/11/", "Events"), ("/offers/?area=face", "Offers")],
    "aliases": [("/?utm_source=newsletter", "Home again"), ("/index.html", "Index"),
                ("/?sessionid=4f2a", "Session")],
    "nonhtml": [("/_fault/price-list", "Price list (PDF)"), ("/_fault/price-menu.png", "Menu"),
                ("/_fault/brochure", "Brochure")],
    "hostile": [("/_fault/hostile-prices", "Special prices")],
}
# Expected crawl_errors reason (regex) per persistent fault URL; None: no error row.
EXPECTED_REASONS: dict[str, str | None] = {
    "/_fault/slow": r"TimeoutError|took longer than",
    "/_fault/unavailable": r"^HTTP 503$",
    "/_fault/broken": r"^HTTP 500$",
    "/_fault/ratelimited": r"^HTTP 429$",
    "/_fault/reset": r"ConnectionLost|ConnectionDone|ResponseFailed|ConnectionRefused|Reset|lost",
    "/_fault/truncated": r"ResponseFailed|DataLoss|PotentialDataLoss|ConnectionLost",
    "/_fault/huge": r"maxsize|max size|MAXSIZE|Cancelled",
    "/_fault/huge-declared": r"maxsize|max size|MAXSIZE|Cancelled",
    "/_fault/bomb": r"maxsize|max size|MAXSIZE|exceed",
    "/_fault/loop/a": r"max redirections",
    "/_fault/chain/9": r"max redirections",
    "/_fault/private/area": r"robots",
    "/_fault/price-list": r"not HTML \(application/pdf|PDF has no|PDF not readable",
    "/_fault/price-menu.png": None,  # image links are never requested (LinkExtractor deny_extensions)
    "/_fault/brochure": r"not HTML \(application/pdf|PDF has no|PDF not readable",
}
_BODY_END = re.compile(rb"</body\s*>", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset[^>]*>", re.I)
_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
        b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def parse_faults(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """Fault names from "a,b" or an iterable; "all" means every fault. Raises ValueError."""
    if not spec:
        return ()
    names = [n.strip().lower() for n in (spec.split(",") if isinstance(spec, str) else spec)]
    names = [n for n in names if n]
    if "all" in names:
        return FAULTS
    unknown = [n for n in names if n not in FAULTS]
    if unknown:
        raise ValueError(f"unknown fault {unknown[0]!r}; known: {', '.join(FAULTS)}, all")
    return tuple(dict.fromkeys(names))


def _draw(seed: int, *parts: str) -> int:
    digest = hashlib.sha1("|".join((str(seed), *parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big")


def hit_first(seed: int, fault: str, host: str, path: str) -> bool:
    """Whether a real page fails on its first attempt(s) under a transient fault (a third do)."""
    return path not in ("/robots.txt", "/sitemap.xml") and _draw(seed, fault, host, path) % 3 == 0


def charset_mode(seed: int, host: str) -> str:
    """How a site under the charset fault lies: 'missing' or 'wrong' (header says latin-1)."""
    return ("missing", "wrong")[_draw(seed, "charset", host) % 2]


_BOMB: list[bytes] = []


def gzip_bomb() -> bytes:
    """A gzip member of BOMB_BYTES zeros, built once (about 0.3 s)."""
    if not _BOMB:
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = bytes(1024 * 1024)
        parts = [comp.compress(chunk) for _ in range(BOMB_BYTES // len(chunk))]
        _BOMB.append(b"".join(parts) + comp.flush())
    return _BOMB[0]


def _html(title: str, body: str) -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body>{body}</body></html>").encode()


def _links_html(faults: tuple[str, ...]) -> bytes:
    items = "".join(f"<li><a href='{path}'>{text}</a></li>"
                    for fault in faults for path, text in FAULT_LINKS.get(fault, []))
    return f"<ul class='more'>{items}</ul>".encode() if items else b""


# --- pages served for fault URLs -------------------------------------------------------------

def _hostile_page() -> bytes:
    """Prices and people wrapped in hostile text. Nothing here is in truth.jsonl."""
    big = "Nebula Mesotherapy " + "x" * (1024 * 1024)
    rows = [  # names no real sample page uses, so no real price row is overwritten
        ("Nightfall Hair Mesotherapy <script>alert('x')</script>", "£150"),
        ("Aurora Botox\x00\x07 three areas \u202eesrever\u202c", "£1e309"),
        ("Comet Dermal filler 💉✨ 1ml", "-£250"),
        ("Zenith PRP hair \u0645\u0639\u0627\u0644\u062c\u0629 \u05d8\u05d9\u05e4\u05d5\u05dc", "£99999999999"),
        (big, "£200"),
        ("Orbit Microneedling <img src=x onerror=alert(1)>", "£1.5e3"),
        ("Nova Skin booster", "£NaN"),
        ("Lumen Skin booster &lt;script&gt;alert(3)&lt;/script&gt;", "£180"),
    ]
    cells = "".join(f"<tr><td>{t}</td><td>{p}</td></tr>" for t, p in rows)
    team = ("<h2>Our team</h2><p>Dr Ａｌｉｃｅ \u202eevil\u202c Smith <b onmouseover=alert(2)>GMC 1234567</b>"
            "</p><p>Nurse Zoë 👩‍⚕️ Brown\x1b[31m NMC 12A3456E</p>")
    return _html("Special prices", f"<h1>Prices</h1><table>{cells}</table>{team}")


def _trap_page(path: str, query: dict) -> bytes:
    """An events calendar (prev/next month forever) or a faceted listing (combinations forever)."""
    if path.startswith("/events/"):
        parts = [int(p) for p in path.strip("/").split("/")[1:3] if p.isdigit()] or [2026, 11]
        year, month = (parts + [11])[:2]
        nxt = (year + month // 12, month % 12 + 1)
        prv = (year - (month == 1), (month - 2) % 12 + 1)
        links = "".join(f"<a href='/events/{y}/{m:02d}/'>{y}-{m:02d}</a> " for y, m in (prv, nxt))
        return _html(f"Events {year}-{month:02d}", f"<h1>Events</h1><p>No events.</p>{links}")
    facets = {"area": ("face", "hair", "body", "neck"), "size": ("s", "m", "l"), "view": ("grid", "list")}
    links = []
    for name, values in facets.items():
        for value in values:
            combo = {**query, name: value}
            qs = "&".join(f"{k}={v}" for k, v in sorted(combo.items()))
            links.append(f"<a href='/offers/?{qs}'>{name}: {value}</a>")
    return _html("Offers", "<h1>Offers</h1><p>Nothing matches.</p>" + " ".join(links))


async def _stream(request: web.Request, total: int, declared: bool) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
    if declared:
        resp.content_length = total
    await resp.prepare(request)
    chunk = b"<p>" + b"archive " * 131072 + b"</p>"
    sent = 0
    try:
        while sent < total:
            await resp.write(chunk)
            sent += len(chunk)
        await resp.write_eof()
    except (ConnectionError, asyncio.CancelledError, RuntimeError):
        pass
    return resp


def _abort(request: web.Request) -> None:
    """Close the connection with a TCP reset (SO_LINGER 0)."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def _truncated(request: web.Request, body: bytes, ctype: str) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": ctype})
    resp.content_length = len(body)
    await resp.prepare(request)
    await resp.write(body[: max(1, len(body) // 2)])
    await asyncio.sleep(0.05)
    _abort(request)
    return resp


async def _persistent(request: web.Request, slow: float) -> web.StreamResponse:
    path = request.path
    if path == "/_fault/slow":
        await asyncio.sleep(slow)
        return web.Response(body=_html("Slow", "<p>late</p>"), content_type="text/html")
    if path in ("/_fault/unavailable", "/_fault/broken"):
        return web.Response(status=503 if path.endswith("unavailable") else 500, text="down")
    if path == "/_fault/ratelimited":
        return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
    if path == "/_fault/reset":
        _abort(request)
        return web.Response(text="")
    if path == "/_fault/truncated":
        return await _truncated(request, _html("Cut", "<p>" + "cut " * 4000 + "</p>"), "text/html")
    if path in ("/_fault/huge", "/_fault/huge-declared"):
        return await _stream(request, HUGE_BYTES, declared=path.endswith("declared"))
    if path == "/_fault/bomb":
        return web.Response(body=gzip_bomb(), headers={"Content-Encoding": "gzip",
                                                       "Content-Type": "text/html; charset=utf-8"})
    if path.startswith("/_fault/loop/"):
        raise web.HTTPFound("/_fault/loop/" + ("b" if path.endswith("/a") else "a"))
    if path.startswith("/_fault/chain/"):
        left = int(path.rsplit("/", 1)[1] or 0) if path.rsplit("/", 1)[1].isdigit() else 0
        raise web.HTTPFound(f"/_fault/chain/{left - 1}" if left > 0 else "/")
    if path in ("/_fault/price-list", "/_fault/brochure"):
        return web.Response(body=_PDF, content_type="application/pdf")
    if path == "/_fault/price-menu.png":
        return web.Response(body=_PNG, content_type="image/png")
    if path == "/_fault/hostile-prices":
        return web.Response(body=_hostile_page(), content_type="text/html", charset="utf-8")
    return web.Response(status=404, text="no such fault page")


# --- real pages: transient failures and presentation faults -----------------------------------

async def _transient(request: web.Request, fault: str, attempt: int, handler, slow: float):
    """The failure a real page shows on its `attempt`-th (1-based) request, or None to serve it."""
    if fault == "slow" and attempt == 1:
        await asyncio.sleep(slow)
        return None  # the crawler gave up long ago; serve normally
    if fault == "http5xx" and attempt <= 2:
        return web.Response(status=(500, 502)[attempt - 1], text="try again")
    if fault == "ratelimit" and attempt == 1:
        return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
    if fault == "reset" and attempt == 1:
        _abort(request)
        return web.Response(text="")
    if fault == "truncate" and attempt == 1:
        resp = await handler(request)
        return await _truncated(request, _plain_body(resp), resp.headers.get("Content-Type", "text/html"))
    return None


_BROKEN_JSONLD = (b"<script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
                  b"\"@type\": \"MedicalClinic\", \"name\": </script>"
                  b"<script type='application/ld+json'>{\"@type\": \"Offer\", \"price\": {\"x\": [1e999]}, "
                  b"\"priceCurrency\": 42, \"offers\": \"none\"}</script>"
                  b"<script type='application/ld+json'>[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]</script>")


def _decorate(resp: web.StreamResponse, request: web.Request, faults: tuple[str, ...],
              seed: int) -> web.StreamResponse:
    """Rewrite a normal response: fault links on home pages, robots rules, charset and JSON-LD lies."""
    if not isinstance(resp, web.Response) or resp.body is None or resp.status != 200:
        return resp
    body, ctype = _plain_body(resp), resp.headers.get("Content-Type", "")
    path = request.path
    if path == "/robots.txt" and "robots" in faults:
        body += b"\nUser-agent: *\nDisallow: /_fault/private/\n"
    if "html" not in ctype:
        return _rebuild(resp, body, ctype)
    if path == "/":
        body = _inject(body, _links_html(faults))
    if "jsonld" in faults:
        body = _inject(body, _BROKEN_JSONLD)
    if "charset" in faults:
        body = _META_CHARSET.sub(b"", body)
        mode = charset_mode(seed, request.host.split(":")[0].lower())
        ctype = "text/html" if mode == "missing" else "text/html; charset=iso-8859-1"
    return _rebuild(resp, body, ctype)


def _plain_body(resp: web.Response) -> bytes:
    body = bytes(resp.body or b"")
    if resp.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body


def _inject(body: bytes, snippet: bytes) -> bytes:
    match = None
    for match in _BODY_END.finditer(body):
        pass
    if match is None:
        return body + snippet
    return body[: match.start()] + snippet + body[match.start():]


def _rebuild(resp: web.Response, body: bytes, ctype: str) -> web.Response:
    headers = {k: v for k, v in resp.headers.items()
               if k.lower() not in ("content-length", "content-type", "content-encoding")}
    headers["Content-Type"] = ctype
    return web.Response(status=resp.status, body=body, headers=headers)


def _is_trap(path: str) -> bool:
    return path.startswith("/events/") or path.startswith("/offers/")


def middleware(faults: str | Iterable[str] | None, seed: int, *, slow_seconds: float = SLOW_SECONDS):
    """An aiohttp middleware serving the named faults over the normal sample sites."""
    active = parse_faults(faults)
    transient = [f for f in TRANSIENT if f in active]
    attempts: Counter = Counter()
    served: Counter = Counter()
    failed: Counter = Counter()  # transient failures served, per fault

    @web.middleware
    async def fault_layer(request: web.Request, handler):
        host, path = request.host.split(":")[0].lower(), request.path
        if path == "/_faults.json":
            return web.json_response({"faults": list(active), "seed": seed,
                                      "served": {f"{h} {p}": n for (h, p), n in served.items()},
                                      "transient": dict(failed)})
        if path.startswith(PREFIX) or (_is_trap(path) and "traps" in active):
            served[(host, request.path_qs)] += 1
            if _is_trap(path):
                return web.Response(body=_trap_page(path, dict(request.query)), content_type="text/html")
            return await _persistent(request, slow_seconds)
        if "aliases" in active and (path.endswith("/index.html") or request.query_string):
            request = request.clone(rel_url=path.removesuffix("index.html") or "/")
        if transient and hit_first(seed, "any", host, request.path_qs):
            fault = transient[_draw(seed, "which", host, request.path_qs) % len(transient)]
            attempts[(host, request.path_qs)] += 1
            if fault == "slow" and attempts[(host, request.path_qs)] == 1:
                failed[fault] += 1  # counted now: the handler may be cancelled when the client gives up
            failure = await _transient(request, fault, attempts[(host, request.path_qs)], handler,
                                       slow_seconds)
            if failure is not None:
                failed[fault] += 1
                return failure
        return _decorate(await handler(request), request, active, seed)

    fault_layer.faults = active  # type: ignore[attr-defined]
    return fault_layer

