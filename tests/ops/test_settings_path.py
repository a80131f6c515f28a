"""One settings path: `-s NAME=VALUE` reaches the crawl, the change feed, the norms and the rules."""

from __future__ import annotations

import json

import pytest

from analysis.settings import from_settings
from clinicwatch.crawl import build_settings
from tests.conftest import run_cli
from tests.ops.conftest import FAST, query

pytestmark = pytest.mark.slow


def test_analysis_settings_come_from_the_scrapy_settings_object():
    settings = build_settings("x.db", overrides={"CLINICWATCH_PRICE_01_MEDIAN_FRACTION": "0.9",
                                                 "CLINICWATCH_PRICE_01_MODE": "fraction",
                                                 "CLINICWATCH_NORMS_EXCLUDE_TREATMENTS": "other,consultation"})
    assert from_settings(settings) == {"PRICE_01_MEDIAN_FRACTION": 0.9, "PRICE_01_MODE": "fraction",
                                       "NORMS_EXCLUDE_TREATMENTS": ("other", "consultation")}
    assert from_settings(build_settings("x.db")) == {}
    with pytest.raises(ValueError, match="CLINICWATCH_PRICE_01_MIN_N"):
        from_settings(build_settings("x.db", overrides={"CLINICWATCH_PRICE_01_MIN_N": "many"}))


@pytest.fixture(scope="module")
def web():
    from samples.server import SampleWeb

    with SampleWeb(clinics=40, seed=7) as sample:
        yield sample


def price01(db: str) -> int:
    return query(db, "select count(*) from flags where rule_id = 'PRICE-01'")[0][0]


def run(web, db: str, *sets: str):
    result = run_cli("run", "--seeds", str(web.seeds_csv), "--db", db, "--allow-private", "--json", *FAST,
                     *[arg for s in sets for arg in ("-s", s)])
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return json.loads(result.stdout)


def test_run_set_changes_the_price_01_thresholds(web, tmp_path):
    default = str(tmp_path / "default.db")
    run(web, default)
    strict = str(tmp_path / "strict.db")  # a price below 95% of the median is flagged
    run(web, strict, "CLINICWATCH_PRICE_01_MEDIAN_FRACTION=0.95", "CLINICWATCH_PRICE_01_MODE=fraction")
    off = str(tmp_path / "off.db")  # nothing is below 1% of the median, and no fallback floors
    run(web, off, "CLINICWATCH_PRICE_01_MEDIAN_FRACTION=0.01", "CLINICWATCH_PRICE_01_MODE=fraction",
        "CLINICWATCH_PRICE_01_FLOORS={}")
    assert price01(strict) > price01(default) > price01(off) == 0


def moves_listed(db: str) -> int:
    return query(db, "select count(*) from latest_changes where kind in ('price_up', 'price_down')")[0][0]


def test_run_set_changes_the_price_change_threshold(web, tmp_path):
    """Crawl price version 0, then version 1 (some prices move by a few per cent up to much more):
    the second `run` lists the moves above the threshold given with -s, and only those."""
    dbs = {threshold: str(tmp_path / f"t{threshold}.db") for threshold in ("0", "0.10", "10")}
    for db in dbs.values():
        run(web, db)
    web.set_price_version(1)
    try:
        for threshold, db in dbs.items():
            run(web, db, f"CLINICWATCH_PRICE_CHANGE_THRESHOLD={threshold}")
    finally:
        web.set_price_version(0)
    moved = query(dbs["0"], """select count(*) from price_observations a join price_observations b
                               on a.price_id = b.price_id and b.crawl_id = a.crawl_id + 1
                               where a.amount is not b.amount""")[0][0]
    assert moved > 0
    assert moves_listed(dbs["0"]) == moved > moves_listed(dbs["0.10"]) > moves_listed(dbs["10"]) == 0


def test_crawl_summary_names_the_commonest_error_reasons(web, tmp_path):
    result = run_cli("crawl", "--seeds", str(web.seeds_csv), "--db", str(tmp_path / "refused.db"), *FAST)
    assert result.returncode == 1
    assert "commonest errors: 40 × refused: private or loopback address (use --allow-private to allow)" \
        in result.stdout, result.stdout
