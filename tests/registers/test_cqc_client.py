"""The CQC API client against a loopback stand-in built from the real samples in data/cqc.

The stand-in serves ``/public/v1/locations`` in the real list-page shape (pages of 2,
``nextPageUri`` relative to the base) and ``/public/v1/locations/{id}`` with the real
records byte for byte; ids can be scripted to answer 429 (with Retry-After) or 500
first, and every request without the subscription key gets 401 as the real gateway does.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from registers.cqc import KEY_ENV, KEY_HEADER, CqcClient, CqcError, CqcKeyMissing, fetch_cqc
from registers.net import BlockedAddress

DATA = Path(__file__).parent / "data" / "cqc"
KEY = "test-key-123"
REGISTERED = "1-125856395"
DEREGISTERED = "1-134558905"


def _records() -> dict[str, bytes]:
    return {json.loads(p.read_text())["locationId"]: p.read_bytes()
            for p in DATA.glob("location-*.json")}


class CqcStandIn:
    def __init__(self) -> None:
        self.records = _records()
        shape = json.loads((DATA / "locations-list-page-abbreviated.json").read_text())
        listed = [{"locationId": i, "locationName": json.loads(b)["name"],
                   "postalCode": json.loads(b)["postalCode"]} for i, b in sorted(self.records.items())]
        self.listing = shape["locations"] + listed  # 3 list-only rows + the 2 full records
        self.requests: list[tuple[str, dict[str, str], str | None]] = []
        self.script: dict[str, list[int]] = {}  # path -> statuses to answer first

    def answer(self, path: str, query: dict[str, str], key: str | None) -> tuple[int, bytes, dict]:
        if key != KEY:
            return 401, b'{"statusCode": 401, "message": "Access denied"}', {}
        if self.script.get(path):
            status = self.script[path].pop(0)
            return status, b"{}", ({"Retry-After": "0"} if status == 429 else {})
        if path == "/public/v1/locations":
            return 200, self._page(int(query.get("page", 1)), int(query.get("perPage", 2))), {}
        location_id = path.rsplit("/", 1)[-1]
        if path.startswith("/public/v1/locations/") and location_id in self.records:
            return 200, self.records[location_id], {}
        return 404, b'{"statusCode": 404}', {}

    def _page(self, page: int, per: int) -> bytes:
        pages = -(-len(self.listing) // per)
        body = {"total": len(self.listing), "page": page, "perPage": per, "totalPages": pages,
                "firstPageUri": f"/locations?page=1&perPage={per}",
                "lastPageUri": f"/locations?page={pages}&perPage={per}",
                "locations": self.listing[(page - 1) * per: page * per]}
        if page < pages:
            body["nextPageUri"] = f"/locations?page={page + 1}&perPage={per}"
        return json.dumps(body).encode()


@pytest.fixture
def cqc_server():
    stand_in = CqcStandIn()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            key = self.headers.get(KEY_HEADER)
            stand_in.requests.append((parts.path, query, key))
            status, body, headers = stand_in.answer(parts.path, query, key)
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    stand_in.url = f"http://127.0.0.1:{server.server_address[1]}/public/v1"
    yield stand_in
    server.shutdown()
    server.server_close()
    thread.join(5)


def client_for(server, **kw) -> CqcClient:
    kw.setdefault("min_interval", 0.0)
    kw.setdefault("key", KEY)
    return CqcClient(base_url=server.url, allow_private=True, sleep=lambda s: None, **kw)


def test_location_record_sent_with_key_header(cqc_server):
    record = client_for(cqc_server).location(REGISTERED)
    assert (record["name"], record["registrationStatus"]) == ("Lucerne House", "Registered")
    assert cqc_server.requests == [(f"/public/v1/locations/{REGISTERED}", {}, KEY)]


def test_unknown_location_is_none(cqc_server):
    assert client_for(cqc_server).location("1-999999999") is None


def test_missing_key_refused_before_any_request(cqc_server, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(CqcKeyMissing, match=KEY_ENV):
        CqcClient(base_url=cqc_server.url, allow_private=True)
    assert cqc_server.requests == []


def test_key_read_from_environment(cqc_server, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY)
    client = CqcClient(base_url=cqc_server.url, allow_private=True, min_interval=0)
    assert client.location(DEREGISTERED)["deregistrationDate"] == "2016-11-28"


def test_wrong_key_is_a_clear_error_not_retried(cqc_server):
    with pytest.raises(CqcError, match="refused the key"):
        client_for(cqc_server, key="wrong").location(REGISTERED)
    assert len(cqc_server.requests) == 1


def test_429_then_success_waits_retry_after(cqc_server):
    cqc_server.script[f"/public/v1/locations/{REGISTERED}"] = [429]
    slept: list[float] = []
    client = CqcClient(key=KEY, base_url=cqc_server.url, allow_private=True, min_interval=0,
                       sleep=slept.append)
    assert client.location(REGISTERED)["locationId"] == REGISTERED
    assert client.requests_made == 2
    assert slept == [0.0]  # the stand-in's Retry-After: 0


def test_500_retried_with_backoff_then_error(cqc_server):
    cqc_server.script[f"/public/v1/locations/{REGISTERED}"] = [500, 500, 500, 500]
    slept: list[float] = []
    client = CqcClient(key=KEY, base_url=cqc_server.url, allow_private=True, min_interval=0.5,
                       retries=3, sleep=slept.append)
    with pytest.raises(CqcError, match="HTTP 500"):
        client.location(REGISTERED)
    assert client.requests_made == 4
    assert [s for s in slept if s >= 0.5] == [0.5, 1.0, 2.0]  # backoff between the tries


def test_list_follows_next_page_uri(cqc_server):
    pages = list(client_for(cqc_server).list_pages(per_page=2))
    assert [p["page"] for p in pages] == [1, 2, 3]
    ids = [row["locationId"] for p in pages for row in p["locations"]]
    assert ids == ["1-1000711804", "1-1004589685", "1-1034321453", REGISTERED, DEREGISTERED]
    assert [q.get("page") for _, q, _ in cqc_server.requests] == ["1", "2", "3"]


def test_answers_are_cached_in_register_cache(cqc_server, db):
    first = client_for(cqc_server, db=db)
    first.location(REGISTERED)
    second = client_for(cqc_server, db=db)
    assert second.location(REGISTERED)["name"] == "Lucerne House"
    assert (second.requests_made, second.cache_hits) == (0, 1)


def test_private_address_refused_without_allow_private():
    client = CqcClient(key=KEY, base_url="http://127.0.0.1:9/public/v1", min_interval=0)
    with pytest.raises(BlockedAddress):
        client.location(REGISTERED)


def test_fetch_by_postcode_prefix_saves_only_those_locations(cqc_server, db):
    stats = fetch_cqc(db, client_for(cqc_server), postcode="EX2")
    assert (stats["listed"], stats["saved"], stats["snapshot"]) == (1, 1, False)
    rows = db.execute("SELECT location_id, status, postcode_key FROM care_locations").fetchall()
    assert rows == [(REGISTERED, "registered", "EX28TU")]
    assert db.execute("SELECT count(*) FROM register_snapshots").fetchone()[0] == 0


def test_fetch_all_records_a_snapshot_and_counts_unknown_ids(cqc_server, db):
    stats = fetch_cqc(db, client_for(cqc_server), filters={})
    # three listed ids have no record in the stand-in (the abbreviated sample's rows)
    assert (stats["pages"], stats["saved"], len(stats["unknown"])) == (1, 2, 3)
    assert stats["snapshot"] is True
    assert db.execute("SELECT kind, rows FROM register_snapshots").fetchall() == [("cqc", 2)]


def test_fetch_by_id_does_not_list(cqc_server, db):
    stats = fetch_cqc(db, client_for(cqc_server), location_ids=(DEREGISTERED,))
    assert (stats["pages"], stats["saved"]) == (0, 1)
    assert db.execute("SELECT status, deregistration_date FROM care_locations").fetchone() == (
        "deregistered", "2016-11-28")
