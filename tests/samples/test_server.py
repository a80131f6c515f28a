"""The sample web over real HTTP on loopback: routing, caching headers, gzip, robots."""

from __future__ import annotations

import asyncio
import gzip
import json
import urllib.error
import urllib.request

import aiohttp
from aiohttp import web

from samples.generator import generate_site
from samples.server import make_app


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(sw, host: str, path: str = "/", headers: dict | None = None):
    req = urllib.request.Request(f"http://127.0.0.1:{sw.port}{path}",
                                 headers={"Host": f"{host}:{sw.port}", **(headers or {})})
    try:
        with _OPENER.open(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def truth(sw) -> list[dict]:
    return [json.loads(line) for line in sw.truth_path.read_text(encoding="utf-8").splitlines()]


def test_routes_by_host_header(sample_web):
    records = truth(sample_web)
    a, b = records[0], records[1]
    status_a, _, body_a = fetch(sample_web, a["host"])
    status_b, _, body_b = fetch(sample_web, b["host"])
    assert status_a == status_b == 200
    assert a["name"].encode() in body_a and b["name"].encode() not in body_a
    assert fetch(sample_web, "nosuchclinic.co.uk.localhost")[0] == 404


def test_outputs_point_at_the_running_server(sample_web):
    lines = sample_web.seeds_txt.read_text().split()
    assert len(lines) == 40 and all(f":{sample_web.port}/" in u for u in lines)
    assert sample_web.seeds_csv.read_text().splitlines()[0] == "name,website"
    assert sample_web.url("x.localhost", "/a") == f"http://x.localhost:{sample_web.port}/a"


def test_non_canonical_host_redirects_to_canonical(sample_web):
    rec = truth(sample_web)[2]
    other = rec["site"] if rec["host"].startswith("www.") else "www." + rec["site"]
    status, headers, _ = fetch(sample_web, other, "/?a=1")
    assert status == 301 and headers["Location"] == f"http://{rec['host']}:{sample_web.port}/?a=1"


def test_etag_and_last_modified_give_304(sample_web):
    host = truth(sample_web)[3]["host"]
    status, headers, body = fetch(sample_web, host)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(sample_web, host, "/", {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(sample_web, host, "/", {"If-None-Match": '"other"'})[0] == 200
    assert fetch(sample_web, host, "/", {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(sample_web, host, "/", {"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"})[0] == 200


def test_gzip_when_asked(sample_web):
    host = truth(sample_web)[4]["host"]
    plain = fetch(sample_web, host)[2]
    status, headers, body = fetch(sample_web, host, "/", {"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip" and gzip.decompress(body) == plain


def test_robots_for_every_site_and_sitemaps_on_some(sample_web):
    with_sitemap = 0
    for rec in truth(sample_web):
        status, headers, body = fetch(sample_web, rec["host"], "/robots.txt")
        assert status == 200 and body.startswith(b"User-agent: *")
        if b"Sitemap:" in body:
            with_sitemap += 1
            sm = fetch(sample_web, rec["host"], "/sitemap.xml")
            assert sm[0] == 200 and all(p.encode() in sm[2] for p in rec["pages"] if "private" not in p)
        else:
            assert fetch(sample_web, rec["host"], "/sitemap.xml")[0] == 404
    assert 0 < with_sitemap < 40


def test_duplicate_urls_serve_the_same_page(sample_web):
    for rec in truth(sample_web):
        path = next((p for p in rec["pages"] if p != "/" and p.endswith("/")), None)
        if not path:
            continue
        canonical = fetch(sample_web, rec["host"], path)[2]
        assert fetch(sample_web, rec["host"], path + "?utm_source=newsletter")[2] == canonical
        status, headers, body = fetch(sample_web, rec["host"], path.rstrip("/"))
        assert (status == 301 and headers["Location"] == path) or (status == 200 and body == canonical)


def test_declared_charset_is_the_real_encoding(sample_web):
    specs = [generate_site(7, i) for i in range(300)]
    spec = next(s for s in specs if s.charset != "utf-8")
    status, headers, body = spec.render("/", 5)
    assert headers.split("charset=")[1].lower() == spec.charset
    text = body.decode(spec.charset)
    assert spec.name in text
    if any(ord(ch) > 127 for ch in spec.name + spec.clinics[0].address):
        try:
            body.decode("utf-8")
            raise AssertionError("a non-UTF-8 site's body decoded as UTF-8")
        except UnicodeDecodeError:
            pass


def test_stats_count_each_fetch(sample_web):
    rec = truth(sample_web)[5]
    before = sample_web.stats()["by_url"].get(f"{rec['site']}/", 0)
    fetch(sample_web, rec["host"])
    fetch(sample_web, rec["host"])
    after = sample_web.stats()
    assert after["by_url"][f"{rec['site']}/"] == before + 2
    assert after["requests"]["home"] >= 2 and after["bytes"]["home"] > 0


def test_price_version_switch_while_running(sample_web):
    before = {r["site"]: r["prices"] for r in truth(sample_web)}
    sample_web.set_price_version(3)
    try:
        after = truth(sample_web)
        changed = [r for r in after if r["prices"] != before[r["site"]]]
        assert changed and len(changed) < len(after) // 2
        row = next(p for p, q in zip(changed[0]["prices"], before[changed[0]["site"]]) if p != q)
        body = fetch(sample_web, changed[0]["host"], row["page"])[2]
        assert body == generate_site(7, after.index(changed[0]), 3).render(row["page"], sample_web.port)[2]
    finally:
        sample_web.set_price_version(0)


def test_ten_thousand_site_app_serves_the_last_site():
    async def run() -> tuple[int, bytes]:
        app = make_app(10_000, seed=7)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        host = generate_site(7, 9999).host
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/", headers={"Host": host}) as resp:
                    return resp.status, await resp.read()
        finally:
            await runner.cleanup()

    status, body = asyncio.run(run())
    spec = generate_site(7, 9999)
    assert status == 200 and spec.name.encode(spec.charset, "xmlcharrefreplace") in body
