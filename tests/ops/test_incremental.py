"""Incremental recrawls against the sample web: conditional requests, 304s, exact price changes."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.ops.conftest import FAST, query, served_bytes

pytestmark = pytest.mark.slow
CLINICS = 30
SEED = 23


@pytest.fixture(scope="module")
def recrawled(tmp_path_factory):
    """Crawl the sample web, recrawl it unchanged, then recrawl after a price version bump."""
    from samples.server import SampleWeb

    db = str(tmp_path_factory.mktemp("incremental") / "inc.db")
    out: dict = {"db": db, "rows": [], "served": [], "stderr": []}
    with SampleWeb(clinics=CLINICS, seed=SEED) as web:
        for step in ("first", "unchanged", "changed"):
            if step == "changed":
                web.set_price_version(1)
            before = served_bytes(web.stats())
            result = run_cli("crawl", "--seeds", str(web.seeds_csv), "--db", db, "--allow-private",
                             "--json", *FAST)
            assert result.returncode == 0, result.stderr[-3000:]
            out["rows"].append(json.loads(result.stdout))
            out["served"].append(served_bytes(web.stats()) - before)
            out["stderr"].append(result.stderr)
    return out


def expected_price_moves() -> set[tuple[str, float, float]]:
    """(site, old amount, new amount) for every price the generator changed from version 0 to 1."""
    from samples.generator import generate_site

    moves = set()
    for index in range(CLINICS):
        old, new = generate_site(SEED, index, 0), generate_site(SEED, index, 1)
        for c_old, c_new in zip(old.clinics, new.clinics, strict=True):
            for p_old, p_new in zip(c_old.prices, c_new.prices, strict=True):
                if p_old.amount != p_new.amount:
                    moves.add((old.site, p_old.amount, p_new.amount))
    return moves


def test_unchanged_recrawl_downloads_under_a_fifth(recrawled):
    first, unchanged, _ = recrawled["served"]
    assert first > 0 and unchanged < 0.2 * first, recrawled["served"]
    rows = recrawled["rows"]
    assert rows[1]["bytes"] < 0.2 * rows[0]["bytes"], [r["bytes"] for r in rows]
    assert rows[1]["pages"] == rows[0]["pages"]  # every page is still seen, from the cache
    assert "pages unchanged (304)" in recrawled["stderr"][1]


def test_unchanged_recrawl_sees_every_fact_again(recrawled):
    db = recrawled["db"]
    first_id, second_id = recrawled["rows"][0]["id"], recrawled["rows"][1]["id"]
    count = "select count(*) from price_observations where crawl_id = ?"
    n_first, n_second = query(db, count, (first_id,))[0][0], query(db, count, (second_id,))[0][0]
    assert n_first == n_second > 0
    same = query(db, """select count(*) from price_observations a join price_observations b
                        on a.price_id = b.price_id and b.crawl_id = ? where a.crawl_id = ?
                        and a.amount is b.amount""", (second_id, first_id))[0][0]
    assert same == n_first
    third_id = recrawled["rows"][2]["id"]
    stale = query(db, "select count(*) from clinics where last_crawl_id != ?", (third_id,))
    assert stale[0][0] == 0  # every clinic was seen by the last crawl


def test_changed_recrawl_records_exactly_the_changed_prices(recrawled):
    db = recrawled["db"]
    second_id, third_id = recrawled["rows"][1]["id"], recrawled["rows"][2]["id"]
    moved = query(db, """select c.site, a.amount, b.amount from price_observations a
                         join price_observations b on a.price_id = b.price_id and b.crawl_id = ?
                         join prices p on p.id = a.price_id join clinics c on c.id = p.clinic_id
                         where a.crawl_id = ? and a.amount is not b.amount""", (third_id, second_id))
    expected = expected_price_moves()
    assert expected, "the generator changed no price between versions 0 and 1 for this seed"
    assert set(moved) == expected
    big = {(s, o, n) for s, o, n in expected if abs(n - o) / o > 0.10}
    listed = query(db, """select c.site, ch.old_value, ch.new_value, ch.kind from changes ch
                          join clinics c on c.id = ch.clinic_id where ch.crawl_id = ?""", (third_id,))
    assert {(s, o, n) for s, o, n, _ in listed} == big
    assert all(kind == ("price_up" if n > o else "price_down") for _, o, n, kind in listed)
