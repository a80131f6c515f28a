"""Client-rendered sites: detected, rendered in Debian's Chromium through scrapy-playwright,
bounded, counted, guarded, and identified with the crawl's User-Agent.

The crawls run `clinicwatch crawl` in a subprocess against loopback servers this module starts:
an app-shell clinic of our own (its content only in a JSON state a script renders) and the
CMS-shaped sample web, whose client-rendered sites carry ground truth.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import threading
from types import SimpleNamespace

import pytest
from aiohttp import web as aioweb

from crawl import render
from tests.conftest import run_cli

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(render.chromium_path() is None, reason="Chromium is installed by make venv")]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "ROBOTSTXT_OBEY=False"]

STATE = {"html": "<header><nav><a href='/prices/'>Prices</a> <a href='/team/'>Team</a></nav></header>"
                 "<main><h1>Rowan Skin</h1><p>Welcome.</p></main>"}
PAGES = {
    "/": STATE,
    "/prices/": {"html": "<main><h1>Prices</h1><table><tr><td>Lip filler 1ml</td><td>£280</td></tr>"
                         "<tr><td>Anti-wrinkle, 3 areas</td><td>£310</td></tr></table></main>"},
    "/team/": {"html": "<main><h1>Team</h1><h3>Dr Amara Nwosu</h3><p>Aesthetic doctor, GMC 7654321</p></main>"},
}
APP = """document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('root').innerHTML = window.__INITIAL_STATE__.html;
  fetch('http://10.255.255.1/collect').catch(function () {});
});"""


def _shell(state: dict) -> str:
    return ("<!doctype html><html><head><title>Rowan Skin</title><script>window.__INITIAL_STATE__ = "
            + json.dumps(state).replace("</", "<\\/") + ";</script></head><body><div id='root'></div>"
            "<script src='/app.js'></script></body></html>")


@pytest.fixture(scope="module")
def app_site():
    """An app-shell clinic on loopback; records the User-Agent of every request."""
    seen: list[tuple[str, str]] = []

    async def handle(request: aioweb.Request) -> aioweb.Response:
        seen.append((request.path, request.headers.get("User-Agent", "")))
        if request.path == "/app.js":
            return aioweb.Response(text=APP, content_type="application/javascript")
        if request.path in PAGES:
            return aioweb.Response(text=_shell(PAGES[request.path]), content_type="text/html")
        return aioweb.Response(status=404, text="no")

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    loop = asyncio.new_event_loop()
    runner_box = {}

    def serve():
        asyncio.set_event_loop(loop)
        app = aioweb.Application()
        app.router.add_route("GET", "/{tail:.*}", handle)
        runner = aioweb.AppRunner(app)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(aioweb.TCPSite(runner, "127.0.0.1", port).start())
        runner_box["runner"] = runner
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    while "runner" not in runner_box:
        threading.Event().wait(0.05)
    yield SimpleNamespace(url=f"http://rowan-app.localhost:{port}/", seen=seen)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


def _crawl(tmp_path, seeds_url: str, *extra: str):
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(seeds_url + "\n")
    db = str(tmp_path / "render.db")
    result = run_cli("crawl", "--seeds", str(seeds), "--db", db, "--allow-private", "--json", *FAST, *extra,
                     timeout=300)
    assert result.returncode in (0, 1), result.stderr[-3000:]
    return db, json.loads(result.stdout), result.stderr


def _rows(db: str, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_auto_renders_an_app_shell_and_reads_it(app_site, tmp_path):
    db, row, stderr = _crawl(tmp_path, app_site.url)
    assert row["rendered"] >= 3  # the home page, then its links, which exist only once rendered
    prices = sorted(r[0] for r in _rows(db, "SELECT amount FROM prices"))
    assert prices == [280.0, 310.0]
    assert _rows(db, "SELECT name FROM practitioners") == [("Amara Nwosu",)]
    assert _rows(db, "SELECT value FROM credentials WHERE kind = 'gmc'") == [("7654321",)]
    summary = [ln for ln in stderr.splitlines() if ln.startswith("crawl summary: ")][0]
    assert f" {row['rendered']} pages rendered, " in summary


def test_the_browser_identifies_as_the_crawl(app_site, tmp_path):
    app_site.seen.clear()
    _crawl(tmp_path, app_site.url, "--render", "always")
    agents = {agent for _, agent in app_site.seen}
    assert agents and all(a.startswith("clinicwatch/") for a in agents), agents
    assert any(path == "/app.js" for path, _ in app_site.seen)  # the script ran in the browser


def test_never_reads_only_the_shell(app_site, tmp_path):
    db, row, _ = _crawl(tmp_path, app_site.url, "--render", "never")
    assert row["rendered"] == 0
    assert _rows(db, "SELECT count(*) FROM prices") == [(0,)]  # the content exists only in the state


def test_rendering_stops_at_the_per_site_limit(app_site, tmp_path):
    _, row, _ = _crawl(tmp_path, app_site.url, "-s", "CLINICWATCH_RENDER_MAX_PER_SITE=1")
    assert row["rendered"] == 1


def test_a_bad_render_mode_is_refused(tmp_path):
    seeds = tmp_path / "s.txt"
    seeds.write_text("http://example.invalid/\n")
    result = run_cli("crawl", "--seeds", str(seeds), "--db", str(tmp_path / "x.db"), "--render", "sometimes")
    assert result.returncode == 2 and "--render" in result.stderr


# --- the browser's network guard (crawl/render.py abort_request) -------------------------------

def _verdict(url: str, kind: str = "script", allow_private: bool = False) -> bool:
    render.configure(allow_private)
    return asyncio.run(render.abort_request(SimpleNamespace(url=url, resource_type=kind)))


@pytest.mark.parametrize("url, kind, allow, aborted", [
    ("http://clinic.localhost:8000/app.js", "script", True, False),
    ("http://clinic.localhost:8000/app.js", "script", False, True),  # loopback needs --allow-private
    ("http://10.1.2.3/internal", "fetch", False, True),
    ("http://169.254.169.254/latest/meta-data/", "xhr", False, True),  # cloud metadata, link-local
    ("http://127.0.0.1:6379/", "document", False, True),
    ("http://clinic.localhost:8000/logo.png", "image", True, True),  # images, fonts, media: never
    ("https://www.googletagmanager.com/gtag/js", "script", True, True),  # trackers: never
    ("ftp://clinic.localhost/file", "document", True, True),
])
def test_the_browser_guard(url, kind, allow, aborted):
    assert _verdict(url, kind, allow) is aborted


@pytest.mark.parametrize("body, expected", [
    (_shell(STATE).encode(), True),
    (b"<html><body><div id='__next'></div><script id='__NEXT_DATA__'>{}</script></body></html>", True),
    (b"<html><body><div id='root'></div><main>" + b"Real text on a server-rendered page. " * 20
     + b"</main></body></html>", False),
    (b"<html><body><h1>Prices</h1><p>Lip filler 1ml \xc2\xa3280</p></body></html>", False),
])
def test_app_shells_are_told_apart(body, expected):
    assert render.looks_client_rendered(body) is expected

