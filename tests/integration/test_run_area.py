"""`clinicwatch run --area`: Overpass discovery -> sites crawl -> verify -> analyse, in one command.

A loopback stand-in answers Overpass queries in the real Overpass JSON format,
listing some sample-web clinics with websites, one without, and one duplicate.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from clinicwatch.evaluate import load_truth
from db.schema import open_db
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def overpass_body(sites: list[dict], port: int) -> bytes:
    elements = []
    for i, site in enumerate(sites):
        tags = {"name": site["clinics"][0].get("name") or site["site"], "healthcare": "clinic",
                "website": f"http://{site['site']}:{port}/"}
        elements.append({"type": "node", "id": 1000 + i, "lat": 53.4 + i / 100, "lon": -2.2, "tags": tags})
    elements.append({"type": "way", "id": 99, "center": {"lat": 53.5, "lon": -2.3}, "nodes": [1, 2],
                     "tags": {"name": "No Website Beauty", "shop": "beauty", "addr:postcode": "M1 1AA"}})
    return json.dumps({"version": 0.6, "generator": "Overpass API 0.7.62.1 084b4234",
                       "osm3s": {"timestamp_osm_base": "2026-11-25T00:00:00Z",
                                 "copyright": "The data included in this document is from www.openstreetmap.org. "
                                              "The data is made available under ODbL."},
                       "elements": elements}).encode()


@pytest.fixture
def overpass(web_small):
    web, truth = web_small
    body = overpass_body(truth[:6], web.port)
    queries: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            queries.append(parse_qs(self.rfile.read(length).decode())["data"][0])
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/interpreter", queries
    server.shutdown()


@pytest.fixture
def web_small():
    from samples.server import SampleWeb

    with SampleWeb(clinics=12, seed=5) as web:
        yield web, load_truth(web.truth_path)


def test_run_area_discovers_crawls_and_vets(overpass, web_small, tmp_path):
    url, queries = overpass
    web, truth = web_small
    db = str(tmp_path / "run.db")
    result = run_cli("run", "--area", "Manchester", "--overpass-url", url, "--db", db, "--allow-private",
                     "--json", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    assert summary["discovered_websites"] == 6
    assert 'area[name="Manchester"]' in queries[0]
    con = open_db(db)
    crawled_sites = {r[0] for r in con.execute("select distinct site from pages")}
    assert crawled_sites == {t["site"] for t in truth[:6]}
    osm = con.execute("select count(*) from clinic_sources where source='osm'").fetchone()[0]
    assert osm == 7
    # the listing and the website of the same clinic are one row with both sources
    both = con.execute("""select count(*) from (select clinic_id from clinic_sources
                          where source in ('osm', 'website') group by clinic_id
                          having count(distinct source) = 2)""").fetchone()[0]
    assert both == 6
    assert summary["totals"]["prices"] > 0 and "analysis" in summary and "verification" in summary
    assert summary["verification"]["checked"] > 0
