"""The consumer pages on the sample web's own database (built by `clinicwatch demo --no-serve`:
a real crawl, verification, norms and findings), on a phone and with axe-core, in Chromium."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

from publish.serve import datasette_args
from tests.conftest import run_cli
from tests.publish.test_browser import SHOTS, browser, free_port, page  # noqa: F401 - fixtures

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
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", *datasette_args(db), "-h", "127.0.0.1",
                             "-p", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, red[0], priced[0]
    finally:
        proc.terminate()
        proc.wait(10)


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
