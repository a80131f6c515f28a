"""The publish folder works in a real Datasette: metadata, search, facets, no private tables."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from datasette.app import Datasette

from publish.serve import datasette_args, metadata_for
from tests.core.test_store import make_page, run_pages


@pytest.fixture
def ds(tmp_path):
    db_path = str(tmp_path / "clinics.db")
    run_pages(db_path, [make_page(url="http://glow.example/", kind="home")])
    args = datasette_args(db_path)  # published as "clinicwatch" whatever the file is called
    meta = yaml.safe_load(open(args[args.index("-m") + 1]))
    return Datasette([], immutables=[args[args.index("-i") + 1]], metadata=meta)


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def test_metadata_follows_the_database_name(tmp_path):
    meta = metadata_for(str(tmp_path / "other-name.db"))
    assert "other-name" in meta["databases"] and "clinicwatch" not in meta["databases"]


def test_every_public_column_is_described(tmp_path):
    from db.schema import PUBLIC_TABLES, open_db

    db = open_db(str(tmp_path / "fresh.db"))
    tables = metadata_for("clinicwatch.db")["databases"]["clinicwatch"]["tables"]
    for name in PUBLIC_TABLES:
        declared = set(db[name].columns_dict)
        described = set(tables[name]["columns"])
        assert declared <= described, (name, declared - described)


def test_table_page_shows_description_and_facets(ds):
    response = get(ds, "/clinicwatch/prices")
    assert response.status_code == 200
    assert "normalised to a per-session figure" in response.text
    data = get(ds, "/clinicwatch/prices.json?_shape=objects").json()
    assert {f for f in data["facet_results"]} >= {"treatment", "currency", "unit"}


def test_full_text_search_on_clinics_and_practitioners(ds):
    rows = get(ds, "/clinicwatch/clinics.json?_search=Glow&_shape=array").json()
    assert [r["name"] for r in rows] == ["Glow Clinic"]
    people = get(ds, "/clinicwatch/practitioners.json?_search=Smith&_shape=array").json()
    assert [p["name"] for p in people] == ["Jane Smith"]


def test_database_is_served_read_only(ds):
    response = asyncio.run(ds.client.post("/clinicwatch/-/query", data={"sql": "delete from clinics"}))
    assert response.status_code in (400, 403, 404, 405)
    assert get(ds, "/clinicwatch/clinics.json?_shape=array").json()
