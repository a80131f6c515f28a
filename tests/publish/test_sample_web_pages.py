"""The consumer pages on the sample web's own database (built by `clinicwatch demo --no-serve`:
a real crawl, verification, norms and findings), on a phone and with axe-core, in Chromium."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import run_cli
from tests.publish.test_browser import SHOTS, browser, datasette_server, page  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "sample.db")
    result = run_cli("demo", "--no-serve", "--db", db, "--clinics", "40", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    con = sqlite3.connect(db)
    try:
        red = con.execute("SELECT clinic_id FROM flags WHERE severity = 'red' ORDER BY clinic_id LIMIT 1").fetchone()
        priced = con.execute("SELECT clinic_id FROM price_positions ORDER BY clinic_id LIMIT 1").fetchone()
    finally:
        con.close()
    assert red and priced
    with datasette_server(db) as base:
        yield base, red[0], priced[0]


@pytest.mark.parametrize("which", ["front", "red", "priced", "no_match"])
def test_sample_web_pages_fit_a_phone_and_pass_axe(page, demo, which):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    base, red, priced = demo
    path = {"front": "/", "red": f"/check?clinic={red}", "priced": f"/check?clinic={priced}",
            "no_match": "/check?q=no+such+clinic+anywhere"}[which]
    page.set_viewport_size(PHONE)
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, (path, width, inner)
    page.screenshot(path=str(SHOTS / f"sample-web-{which}-phone.png"), full_page=True)
    serious = [(v["id"], v["impact"]) for v in Axe().run(page).response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], (path, serious)
    if which == "red":
        assert page.locator("#findings .finding.red").count() >= 1
