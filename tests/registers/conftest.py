"""Fixtures for register tests: a loopback stand-in for the NPI Registry API, small databases.

The stand-in serves the real-format samples in ./data byte for byte and records
every request (arrival time on the monotonic clock, path, query) so tests can
assert what the client sent and how it paced itself.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from db.schema import open_db

DATA = Path(__file__).parent / "data"
UNSUPPORTED = {"Errors": [{"description": "Unsupported Version", "field": "version", "number": "17"}]}


class StandIn:
    def __init__(self) -> None:
        self.requests: list[tuple[float, str, dict[str, str]]] = []
        self.fail_next = 0  # answer HTTP 503 to this many requests first
        self.refuse_numbers: set[str] = set()  # answer these look-ups with the Errors sample
        self.by_number = {
            p.stem.rsplit("-", 1)[1]: p.read_bytes() for p in DATA.glob("lookup-number-*.json")
        }
        self.smith_raw = (DATA / "search-name-john-smith.json").read_bytes()
        self.smith = json.loads(self.smith_raw)["results"]

    def answer(self, query: dict[str, str]) -> tuple[int, bytes]:
        if self.fail_next > 0:
            self.fail_next -= 1
            return 503, b"busy"
        if query.get("version") != "2.1":
            return 200, json.dumps(UNSUPPORTED).encode()
        if query.get("number") in self.refuse_numbers:
            return 200, (DATA / "error-state-requires-additional-criteria.json").read_bytes()
        if "number" in query:
            return 200, self.by_number.get(query["number"], (DATA / "empty-result.json").read_bytes())
        if query.get("last_name", "").upper() == "SMITH":
            return 200, self._smith_page(int(query.get("skip", 0)), int(query.get("limit", 10)))
        if set(query) - {"version", "limit", "skip"} == {"state"}:
            return 200, (DATA / "error-state-requires-additional-criteria.json").read_bytes()
        return 200, (DATA / "empty-result.json").read_bytes()

    def _smith_page(self, skip: int, limit: int) -> bytes:
        if skip == 0 and limit >= len(self.smith):
            return self.smith_raw
        rows = self.smith[skip:skip + limit]
        return json.dumps({"result_count": len(rows), "results": rows}).encode()


def _handler(stand_in: StandIn):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            stand_in.requests.append((time.monotonic(), parts.path, query))
            status, body = stand_in.answer(query)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def npi_server():
    stand_in = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stand_in))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    stand_in.url = f"http://127.0.0.1:{server.server_address[1]}/api/"
    yield stand_in
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def db(tmp_path):
    database = open_db(str(tmp_path / "t.db"))
    yield database
    database.close()
