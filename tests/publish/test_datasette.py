"""The publish folder through Datasette's own test client: metadata, canned queries, /check."""

from __future__ import annotations

import asyncio
import sqlite3
from urllib.parse import quote

import pytest
from datasette.app import Datasette

from publish.report import check
from publish.serve import PUBLISH_DIR, datasette_args, metadata_for

from .conftest import PRIVATE_SENTINEL

PRIVATE = {"register_entries", "npi_registry", "register_cache"}


@pytest.fixture(scope="module")
def ds(sample_db):
    return Datasette([], immutables=[sample_db], metadata=metadata_for(sample_db),
                     plugins_dir=str(PUBLISH_DIR / "plugins"),
                     template_dir=str(PUBLISH_DIR / "templates"))


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def test_datasette_args_are_read_only(sample_db):
    args = datasette_args(sample_db)
    assert args[:2] == ["-i", sample_db]
    assert "--plugins-dir" in args and "--template-dir" in args


def test_every_canned_query_runs(ds, sample_db):
    queries = metadata_for(sample_db)["databases"]["clinicwatch"]["queries"]
    assert len(queries) >= 5
    for name in queries:
        response = get(ds, f"/clinicwatch/{name}.json?_shape=array")
        assert response.status_code == 200, (name, response.text)
        assert response.json(), f"{name} returned no rows on the sample database"


def test_canned_query_parameters_filter(ds):
    rows = get(ds, "/clinicwatch/cheapest_vs_norm.json?_shape=array&max_ratio=0.5").json()
    assert [r["price_id"] for r in rows] == ["pr-glow-meso"]
    rows = get(ds, "/clinicwatch/clinics_with_findings.json?_shape=array&severity=amber").json()
    assert [r["name"] for r in rows] == ["Glow Aesthetics"]
    rows = get(ds, "/clinicwatch/unverified_practitioners.json?_shape=array&status=unverifiable").json()
    assert [(r["kind"], r["value"]) for r in rows] == [("hcpc", "PA12345")]


def test_every_public_column_is_described(sample_db):
    tables = metadata_for(sample_db)["databases"]["clinicwatch"]["tables"]
    conn = sqlite3.connect(sample_db)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
        "AND name NOT LIKE 'sqlite_%' AND name != '_migrations'")]
    for table in names:
        meta = tables.get(table)
        assert meta and meta.get("description"), f"{table} has no description"
        if table in PRIVATE:
            assert meta["hidden"] is True and meta["allow"] is False
            continue
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
        missing = set(columns) - set(meta.get("columns", {}))
        assert not missing, f"{table}: undescribed columns {missing}"


def test_private_tables_never_show_rows(ds):
    assert get(ds, "/clinicwatch/register_entries").status_code == 403
    for sql in ("select * from register_entries", "select body from register_cache",
                "select name from register_entries where name like 'PRIVATE%'"):
        response = get(ds, "/clinicwatch.json?_shape=array&sql=" + quote(sql))
        assert response.status_code == 200
        assert PRIVATE_SENTINEL not in response.text
        assert all(v is None for row in response.json() for v in row.values())
    assert "register_entries" not in get(ds, "/clinicwatch").text


def test_check_pages(ds, sample_db):
    assert get(ds, "/check").status_code == 200
    page = get(ds, "/check?q=glow+aesthetics")
    assert page.status_code == 200
    assert "PRICE-01" in page.text and "Found on the GMC (General Medical Council) register" in page.text
    assert 'class="norm-chart"' in page.text
    assert "No clinic matches" in get(ds, "/check?q=zzqx+qqzz").text
    assert get(ds, "/check?clinic=nope").status_code == 404


def test_check_json_equals_builder(ds, sample_db):
    data = get(ds, "/check.json?q=glow+aesthetics").json()
    conn = sqlite3.connect(sample_db)
    direct = check(conn, q="glow aesthetics")
    assert [f["id"] for f in data["report"]["findings"]] == [f["id"] for f in direct["report"]["findings"]]
    assert data["report"]["checked"] == direct["report"]["checked"]


@pytest.mark.parametrize("q", ["'", '"', ";", "--", "%", "_", "*", "NEAR(", "a AND", '"unclosed',
                               "' OR '1'='1", "x" * 500, "\u0000", "<script>"])
def test_metacharacters_never_500(ds, q):
    for path in ("/check?q=", "/check.json?q="):
        assert get(ds, path + quote(q)).status_code == 200


def test_hostile_text_is_escaped(ds):
    for path in ("/check?clinic=e4e4e4e4e4e4e4e4", "/clinicwatch/clinics?_search=evil",
                 "/clinicwatch/practitioners", "/clinicwatch/flags", "/clinicwatch/prices"):
        html = get(ds, path).text
        assert "<script>window.__pwned" not in html, path
        assert "onerror=\"window" not in html, path
        assert 'href="javascript:' not in html, path
    assert "&lt;script&gt;window.__pwned" in get(ds, "/check?clinic=e4e4e4e4e4e4e4e4").text


def test_robots_policy(ds):
    text = get(ds, "/robots.txt").text
    assert "Allow: /check$" in text and "Disallow: /clinicwatch" in text and "Disallow: /-/" in text


def test_dashboard_renders(ds):
    response = get(ds, "/-/dashboards/prices?treatment=hair_mesotherapy&currency=GBP")
    assert response.status_code == 200
    assert "Price distributions" in response.text
