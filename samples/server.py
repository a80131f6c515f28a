"""The sample web over HTTP: one aiohttp app serving every site, routed by Host.

``make_app`` builds the app (host table only; pages are rendered on request and
kept in an LRU cache), ``SampleWeb`` runs it in a background thread on a free
loopback port and writes seeds, truth and register snapshots, and
``write_outputs`` writes those files without serving. HTTP behaviour: ETag and
Last-Modified with 304 answers, gzip on request, per-site charset, 301 from the
non-canonical www/bare host, unknown host -> 404.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import email.utils
import gzip
import hashlib
import json
import tempfile
import threading
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from aiohttp import web

from samples.generator import generate_site, hosts, iter_sites
from samples.register_files import write_registers
from samples.render import SHAPES, lastmod, render_path, resolve
from samples.expect_prices import PriceNorms
from samples.truth import truth_record

WORLD_KEY = web.AppKey("sample_world", object)


class World:
    """What the handler needs: host table, version, port, counters."""

    def __init__(self, clinics: int, seed: int, price_version: int, faults: Any = None, shape: str = "lean"):
        self.clinics, self.seed, self.price_version = clinics, seed, price_version
        self.shape = shape  # samples/render.SHAPES
        self.faults = faults  # hostile modes live in samples/faults.py (a middleware)
        self.port: int | None = None
        self.hosts: dict[str, tuple[int, bool]] = {}
        for ident in hosts(seed, clinics):
            self.hosts[ident.host] = (ident.index, True)
            alt = ident.site if ident.host.startswith("www.") else f"www.{ident.site}"
            self.hosts[alt] = (ident.index, False)
        self._lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.bytes: Counter[str] = Counter()
        self.by_url: Counter[str] = Counter()

    def record(self, kind: str, url: str, size: int) -> None:
        with self._lock:
            self.requests[kind] += 1
            self.bytes[kind] += size
            self.by_url[url] += 1

    def stats(self) -> dict[str, dict[str, int]]:
        with self._lock:
            return {"requests": dict(self.requests), "bytes": dict(self.bytes),
                    "by_url": dict(self.by_url)}


@lru_cache(maxsize=4096)
def _rendered(seed: int, index: int, version: int, port: int | None, path: str, shape: str = "lean"):
    spec = generate_site(seed, index, version)
    status, ctype, body = render_path(spec, path, port, shape)
    etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    day = dt.datetime.fromisoformat(lastmod(spec) + "T08:00:00+00:00")
    state, page = resolve(spec, path.split("?", 1)[0]) if path.startswith("/") else ("missing", None)
    kind = page.kind if page and status == 200 else {301: "redirect", 404: "not_found"}.get(status, "file")
    if path in ("/robots.txt", "/sitemap.xml"):
        kind = path[1:].split(".")[0]
    return status, ctype, body, etag, day, kind


def _not_modified(request: web.Request, etag: str, modified: dt.datetime) -> bool:
    inm = request.headers.get("If-None-Match")
    if inm:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = request.headers.get("If-Modified-Since")
    if ims:
        try:
            return modified <= email.utils.parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


async def _handle(request: web.Request) -> web.StreamResponse:
    world: World = request.app[WORLD_KEY]
    host = request.host.rsplit(":", 1)[0].lower().rstrip(".") if request.host else ""
    entry = world.hosts.get(host)
    if request.method not in ("GET", "HEAD"):
        return web.Response(status=405, text="Method Not Allowed")
    if entry is None:
        world.record("unknown_host", f"{host}{request.path_qs}", 0)
        return web.Response(status=404, text="Unknown host\n")
    index, canonical = entry
    port = world.port if world.port is not None else request.url.port
    spec = generate_site(world.seed, index, world.price_version)
    if not canonical:
        world.record("redirect", f"{host}{request.path_qs}", 0)
        raise web.HTTPMovedPermanently(f"http://{spec.host}:{port}{request.path_qs}")
    status, ctype, body, etag, modified, kind = _rendered(
        world.seed, index, world.price_version, port, request.path, world.shape)
    url = f"{spec.site}{request.path_qs}"
    if status == 301:
        world.record("redirect", url, 0)
        raise web.HTTPMovedPermanently(body.decode() + (f"?{request.query_string}" if request.query_string else ""))
    headers = {"Server": spec.server_name, "Cache-Control": "max-age=600", "Vary": "Accept-Encoding"}
    if status == 200:
        headers.update({"ETag": etag, "Last-Modified": email.utils.format_datetime(modified, usegmt=True)})
        if _not_modified(request, etag, modified):
            world.record("not_modified", url, 0)
            return web.Response(status=304, headers=headers)
    if "gzip" in request.headers.get("Accept-Encoding", "") and len(body) > 256:
        body = gzip.compress(body, mtime=0)
        headers["Content-Encoding"] = "gzip"
    world.record(kind, url, len(body))
    headers["Content-Type"] = ctype
    return web.Response(status=status, body=body, headers=headers)


def make_app(clinics: int, seed: int = 7, price_version: int = 0, faults: Any = None,
             shape: str = "lean") -> web.Application:
    """The sample web as one aiohttp app; ``faults`` names hostile modes (samples/faults.py),
    ``shape`` the page shape ("lean" or "cms": real-sized CMS chrome, samples/cms.py)."""
    if clinics < 1:
        raise ValueError(f"clinics must be >= 1: {clinics}")
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}: {shape}")
    from samples.faults import middleware  # hostile modes: samples/faults.py

    app = web.Application(middlewares=[middleware(faults, seed)] if faults else [])
    app[WORLD_KEY] = World(clinics, seed, price_version, faults, shape)
    app.router.add_route("*", "/{tail:.*}", _handle)
    return app


def write_outputs(out_dir: str | Path, clinics: int, seed: int, port: int | None,
                  price_version: int = 0) -> dict[str, Path]:
    """seeds.csv, seeds.txt, truth.jsonl and registers/ for the world; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    specs = list(iter_sites(clinics, seed, price_version))
    norms = PriceNorms(specs)
    records = [truth_record(s, port, norms) for s in specs]
    paths = {"seeds_csv": out / "seeds.csv", "seeds_txt": out / "seeds.txt",
             "truth": out / "truth.jsonl"}
    with open(paths["seeds_csv"], "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(("name", "website"))
        writer.writerows((r["name"], r["website"]) for r in records)
    paths["seeds_txt"].write_text("".join(r["website"] + "\n" for r in records), encoding="utf-8")
    with open(paths["truth"], "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    paths["registers_dir"] = write_registers(out, specs, seed)
    return paths


class SampleWeb:
    """Serve the sample web on 127.0.0.1 in a background thread while the context is open."""

    def __init__(self, clinics: int = 120, seed: int = 7, price_version: int = 0,
                 out_dir: str | Path | None = None, host: str = "127.0.0.1", port: int = 0,
                 faults: Any = None, shape: str = "lean"):
        self.clinics, self.seed, self.price_version = clinics, seed, price_version
        self.bind_host, self.bind_port = host, port
        self._tmp = tempfile.TemporaryDirectory(prefix="sample-web-") if out_dir is None else None
        self.out_dir = Path(self._tmp.name if self._tmp else out_dir)
        self.port = 0
        self.app = make_app(clinics, seed, price_version, faults, shape)
        self.world: World = self.app[WORLD_KEY]
        self._loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    def __enter__(self) -> SampleWeb:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._startup())
            except BaseException as exc:  # reported to the starting thread
                errors.append(exc)
                ready.set()
                return
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="sample-web", daemon=True)
        self._thread.start()
        ready.wait(30)
        if errors:
            raise errors[0]
        try:
            self.write()
        except BaseException:
            self.stop()
            raise

    async def _startup(self) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.bind_host, self.bind_port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.world.port = self.port

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        self._loop.close()
        self._thread = None
        if self._tmp:
            self._tmp.cleanup()

    def write(self) -> None:
        paths = write_outputs(self.out_dir, self.clinics, self.seed, self.port, self.price_version)
        self.seeds_csv, self.seeds_txt = paths["seeds_csv"], paths["seeds_txt"]
        self.truth_path, self.registers_dir = paths["truth"], paths["registers_dir"]

    def set_price_version(self, version: int) -> None:
        """Serve price version ``version`` from now on and rewrite truth.jsonl for it."""
        self.price_version = version
        self.world.price_version = version
        self.write()

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def stats(self) -> dict[str, dict[str, int]]:
        return self.world.stats()
