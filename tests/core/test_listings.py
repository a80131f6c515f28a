"""Discovery: Overpass query building, parsing the real Overpass JSON, merging sources."""

import json
from pathlib import Path

import pytest

from db.schema import open_db
from items import ListingItem
from pipelines.merge import merge_clinics
from spiders.listings import build_query, element_to_listing, parse_area
from tests.core.test_store import make_page, run_pages

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "overpass" / "hanoi-healthcare-out-center-filtered.json"


def test_query_for_a_place_name_covers_clinic_and_beauty_tags():
    q = build_query("Greater Manchester")
    assert q.startswith("[out:json]")
    assert 'area[name="Greater Manchester"]' in q and "out center tags;" in q
    for tag in ('"healthcare"="clinic"', '"amenity"="clinic"', '"shop"="beauty"', '"beauty"', '"healthcare:speciality"'):
        assert f"nwr[{tag}" in q


def test_query_for_a_bounding_box_and_quoting():
    q = build_query("53.35,-2.40,53.60,-2.05")
    assert "(53.35,-2.4,53.6,-2.05);" in q and "area[" not in q
    assert 'area[name="O\\"Brien"]' in build_query('O"Brien')


@pytest.mark.parametrize("area", ["", "   ", "53.6,-2.4,53.35,-2.05", "91,0,92,1"], ids=["empty", "blank", "south>north", "lat>90"])
def test_bad_areas_are_refused(area):
    with pytest.raises(ValueError):
        parse_area(area)


def test_real_overpass_sample_parses_nodes_ways_and_relations():
    data = json.loads(SAMPLE.read_text())
    listings = [element_to_listing(el, "2026-11-25T00:00:00+00:00") for el in data["elements"]]
    named = [x for x in listings if x is not None]
    assert len(named) > 50
    types = {x.source_url.split("/")[-2] for x in named}
    assert types == {"node", "way", "relation"}
    assert all(x.latitude is not None and x.longitude is not None for x in named)
    with_site = [x for x in named if x.website]
    assert with_site and all(x.website.startswith("http") for x in with_site)


def test_listing_and_website_land_on_one_row_and_listing_only_rows_merge(db_path):
    run_pages(db_path, [make_page(url="http://glow.example/", kind="home", phone="+441614960000")])
    listings = [
        ListingItem(source="osm", source_url="https://www.openstreetmap.org/node/1", name="Glow Clinic",
                    website="https://www.glow.example/", fetched_at="t", latitude=53.4, longitude=-2.2),
        ListingItem(source="osm", source_url="https://www.openstreetmap.org/node/2", name="Glow Clinic Ltd",
                    phone="0161 496 0000", country="GB", fetched_at="t"),
        ListingItem(source="osm", source_url="https://www.openstreetmap.org/node/3", name="Other Place",
                    phone="0161 496 0999", country="GB", fetched_at="t"),
    ]
    run_pages(db_path, listings)
    db = open_db(db_path)
    assert db.execute("select count(*) from clinics").fetchone()[0] == 3
    assert merge_clinics(db) == 1
    sources = {r[0] for r in db.execute("select url from clinic_sources where clinic_id = (select id from clinics where site='glow.example')")}
    assert sources == {"http://glow.example/", "https://www.openstreetmap.org/node/1", "https://www.openstreetmap.org/node/2"}
    assert db.execute("select latitude from clinics where site='glow.example'").fetchone() == (53.4,)
    assert db.execute("select count(*) from clinics").fetchone()[0] == 2
