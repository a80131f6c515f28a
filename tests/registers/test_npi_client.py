"""The NPI Registry client against the loopback stand-in serving the real-format samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from registers.net import BlockedAddress
from registers.npi import NpiApiError, NpiClient, NpiError
from registers.npi_records import parse_response

DATA = Path(__file__).parent / "data"


def client_for(server, **kw) -> NpiClient:
    kw.setdefault("min_interval", 0.0)
    return NpiClient(base_url=server.url, allow_private=True, **kw)


@pytest.mark.parametrize(
    ("number", "entity", "name", "states", "created"),
    [
        ("1760485387", 1, "PAUL R. DEWEY", ["MN"], "2005-05-27T18:40:16Z"),
        ("1003101296", 2, "101 DIABETIC SUPPLIES, LLC", [], "2011-06-15T19:56:05Z"),
        ("1770626038", 2, "INOVA FAIRFAX HOSPITAL", ["VA"], "2007-02-15T18:43:16Z"),
    ],
    ids=["npi1-current-era", "npi2-null-licence", "npi2-licence"],
)
def test_lookup_every_number_sample(npi_server, number, entity, name, states, created):
    record = client_for(npi_server).lookup(number)
    assert record is not None
    assert (record.npi, record.entity_type, record.display_name) == (number, entity, name)
    assert record.licence_states() == states
    assert record.created == created
    assert record.active
    assert npi_server.requests[-1][2] == {"number": number, "version": "2.1"}


def test_npi2_null_licence_and_state_are_none(npi_server):
    record = client_for(npi_server).lookup("1003101296")
    assert record.taxonomies == [{"code": "332B00000X", "desc": "Durable Medical Equipment & "
                                  "Medical Supplies", "primary": True, "state": None, "license": None}]


def test_placeholder_suffix_and_prefix_are_dropped(npi_server):
    record = client_for(npi_server).lookup("1760485387")
    assert record.credential == "M.D."
    assert record.state == "MN"  # the LOCATION address
    assert [t["license"] for t in record.taxonomies] == ["43634", "43634"]


def test_unknown_number_is_empty_body_and_none(npi_server):
    assert client_for(npi_server).lookup("1234567893") is None
    assert len(npi_server.requests) == 1


def test_lookup_refuses_malformed_number_without_request(npi_server):
    with pytest.raises(ValueError):
        client_for(npi_server).lookup("187154321")
    assert npi_server.requests == []


def test_search_by_name_and_state_old_era_records(npi_server):
    page = client_for(npi_server).search(first_name="JOHN", last_name="SMITH", state="OH")
    assert npi_server.requests[0][2] == {"first_name": "JOHN", "last_name": "SMITH", "state": "OH",
                                         "limit": "10", "skip": "0", "version": "2.1"}
    assert len(page.records) == 10
    first = page.records[0]
    assert first.npi == "1497758122"  # an integer in the old-era body
    assert first.created == "2005-05-27T00:00:00Z"  # epoch seconds
    assert (first.first_name, first.last_name, first.middle_name) == ("JOHN", "SMITH", "MICHAEL")
    assert first.licence_states() == ["OH"]
    assert page.last is False  # a full page of 10: there may be more


def test_errors_body_raises_typed_error(npi_server):
    with pytest.raises(NpiApiError) as info:
        client_for(npi_server).search(state="CA")
    assert [e["number"] for e in info.value.errors] == ["07", "09"]
    assert "Field state requires additional search criteria" in str(info.value)


def test_unsupported_version_is_an_api_error():
    with pytest.raises(NpiApiError, match="Unsupported Version"):
        parse_response({"Errors": [{"description": "Unsupported Version", "number": "17"}]})


@pytest.mark.parametrize("body", [[], {"result_count": 1}, "x"], ids=["list", "no-results", "str"])
def test_foreign_bodies_are_response_errors(body):
    with pytest.raises(NpiError):
        parse_response(body)


def test_every_sample_file_parses_or_raises_api_error():
    seen = {}
    for path in sorted(DATA.glob("*.json")):
        try:
            seen[path.name] = len(parse_response(json.loads(path.read_bytes())))
        except NpiApiError:
            seen[path.name] = "errors"
    assert seen == {
        "empty-result.json": 0,
        "error-state-requires-additional-criteria.json": "errors",
        "lookup-number-npi1-1760485387.json": 1,
        "lookup-number-npi2-1003101296.json": 1,
        "lookup-number-npi2-1770626038.json": 1,
        "search-name-john-smith.json": 10,
    }


@pytest.mark.parametrize(("limit", "skip"), [(0, 0), (201, 0), (10, -1), (10, 1001)])
def test_paging_bounds_refused_before_any_request(npi_server, limit, skip):
    with pytest.raises(ValueError):
        client_for(npi_server).search(last_name="SMITH", limit=limit, skip=skip)
    assert npi_server.requests == []


def test_paging_limits_at_the_edges_are_sent(npi_server):
    client = client_for(npi_server)
    client.search(last_name="SMITH", limit=200, skip=1000)
    assert npi_server.requests[0][2]["limit"] == "200"
    assert npi_server.requests[0][2]["skip"] == "1000"


def test_search_all_pages_until_a_short_page(npi_server):
    records = client_for(npi_server).search_all(last_name="SMITH", page_size=3)
    assert [r.npi for r in records] == [str(r["number"]) for r in npi_server.smith]
    assert [q["skip"] for _, _, q in npi_server.requests] == ["0", "3", "6", "9"]


def test_search_all_respects_max_records(npi_server):
    records = client_for(npi_server).search_all(last_name="SMITH", page_size=4, max_records=5)
    assert len(records) == 5
    assert len(npi_server.requests) == 2


def test_cache_hit_avoids_second_request(npi_server, db):
    client = client_for(npi_server, db=db)
    first = client.lookup("1760485387")
    second = client.lookup("1760485387")
    assert first == second
    assert len(npi_server.requests) == 1
    assert client.cache_hits == 1
    assert db.execute("SELECT COUNT(*) FROM register_cache").fetchone()[0] == 1


def test_cache_shared_between_clients_on_same_db(npi_server, db):
    client_for(npi_server, db=db).lookup("1770626038")
    client_for(npi_server, db=db).lookup("1770626038")
    assert len(npi_server.requests) == 1


def test_expired_cache_refetches(npi_server, db):
    now = [1_000_000.0]
    client = client_for(npi_server, db=db, cache_ttl=60, clock=lambda: now[0])
    client.lookup("1760485387")
    now[0] += 59
    client.lookup("1760485387")
    assert len(npi_server.requests) == 1
    now[0] += 2
    client.lookup("1760485387")
    assert len(npi_server.requests) == 2


def test_errors_bodies_are_not_cached(npi_server, db):
    client = client_for(npi_server, db=db)
    for _ in range(2):
        with pytest.raises(NpiApiError):
            client.search(state="CA")
    assert len(npi_server.requests) == 2
    assert db.execute("SELECT COUNT(*) FROM register_cache").fetchone()[0] == 0


def test_rate_limit_spaces_requests(npi_server):
    client = client_for(npi_server, min_interval=0.2)
    for number in ("1760485387", "1003101296", "1770626038"):
        client.lookup(number)
    times = [t for t, _, _ in npi_server.requests]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) == 2
    assert all(gap >= 0.18 for gap in gaps), gaps


def test_retries_after_503_then_succeeds(npi_server):
    npi_server.fail_next = 1
    slept = []
    client = client_for(npi_server, sleep=slept.append, retries=2)
    assert client.lookup("1760485387").npi == "1760485387"
    assert len(npi_server.requests) == 2
    assert slept and slept[0] > 0


def test_gives_up_after_retries(npi_server):
    npi_server.fail_next = 5
    client = client_for(npi_server, sleep=lambda s: None, retries=1)
    with pytest.raises(NpiError, match="HTTP 503"):
        client.lookup("1760485387")
    assert len(npi_server.requests) == 2


def test_loopback_refused_without_allow_private(npi_server):
    client = NpiClient(base_url=npi_server.url, min_interval=0)
    with pytest.raises(BlockedAddress, match="loopback"):
        client.lookup("1760485387")
    assert npi_server.requests == []
