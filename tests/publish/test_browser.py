"""Real-browser tests: Playwright driving Debian's Chromium against a real Datasette server.

The server is `python -m datasette serve` with publish.serve.datasette_args on a
free loopback port; every non-loopback request is aborted. Screenshots go to
tests/artifacts/publish/ (gitignored; CI keeps them).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.serve import datasette_args

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
EVIL = "e4e4e4e4e4e4e4e4"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "publish"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def datasette_server(db_path: str, live: dict | None = None) -> Iterator[str]:
    """`python -m datasette serve` on a free loopback port, as `clinicwatch serve` runs it
    (``live``: the live-check configuration, as `clinicwatch serve --live-checks` writes it)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", *datasette_args(db_path, live),
                             "-h", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stdout.read().decode()) from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def server(sample_db) -> Iterator[str]:
    with datasette_server(sample_db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium missing: run scripts/system-packages.sh")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        ("http://127.0.0.1", "data:")) else r.abort())
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def search(page, base: str, text: str) -> None:
    page.goto(base + "/check")
    page.fill("#check-q", text)
    page.click("form.search button")
    page.wait_for_load_state("networkidle")


def test_search_with_typo_shows_findings_credentials_and_chart(page, server):
    search(page, server, "Glow Aesthtics")
    assert page.inner_text("#clinic-name") == "Glow Aesthetics"
    findings = page.locator("#findings .finding")
    assert findings.count() == 2
    assert findings.nth(0).get_attribute("data-rule") == "PRICE-01"
    assert "RED" in findings.nth(0).inner_text().upper()
    who = page.inner_text("#who")
    assert "Found on the GMC (General Medical Council) register" in who
    assert "Not found on the register" in who
    chart = page.locator("svg.norm-chart circle.this-price").first
    assert chart.is_visible()
    page.screenshot(path=str(SHOTS / "check-glow.png"), full_page=True)
    page.click("#clinic-row-link")
    page.wait_for_load_state("networkidle")
    assert "/clinics/a1a1a1a1a1a1a1a1" in page.url
    assert "glowaesthetics.co.uk" in page.inner_text("body")
    page.screenshot(path=str(SHOTS / "datasette-clinic-row.png"), full_page=True)


def test_finding_link_opens_the_flag_row(page, server):
    search(page, server, "https://www.glowaesthetics.co.uk/")
    page.click("#findings .finding >> text=PRICE-01")
    page.wait_for_load_state("networkidle")
    assert "/flags/fl-1" in page.url and "below the local median" in page.inner_text("body")


def test_clean_clinic_says_what_was_checked(page, server):
    search(page, server, "LS1 4AP")
    assert page.is_visible("#nothing-found")
    assert "We read 4 pages of this site on 2026-11-25" in page.inner_text("#checked-sentence")
    assert "1 of which could not be checked" in page.inner_text("#checked-sentence")
    page.screenshot(path=str(SHOTS / "check-clean.png"), full_page=True)


def test_no_match_and_choice_list(page, server):
    search(page, server, "' OR 1=1 -- NEAR \"")
    assert "No clinic matches" in page.inner_text("#no-match")
    page.screenshot(path=str(SHOTS / "check-no-match.png"))
    search(page, server, "bright smile")
    links = page.locator("#matches a")
    assert links.count() == 2
    links.first.click()
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#clinic-name").startswith("Bright Smile Clinic (")


def test_hostile_text_stays_inert_everywhere(page, server):
    for path in (f"/check?clinic={EVIL}", "/check?q=evil", "/clinicwatch/clinics",
                 "/clinicwatch/practitioners", "/clinicwatch/flags", "/clinicwatch/prices",
                 "/clinicwatch/credentials", "/clinicwatch/unverified_practitioners"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned") is None, path
    page.goto(f"{server}/check?clinic={EVIL}")
    assert "<script>window.__pwned=1</script>" in page.inner_text("#clinic-name")
    assert page.locator("#report a[href^='javascript:']").count() == 0
    page.screenshot(path=str(SHOTS / "check-hostile.png"), full_page=True)
    assert page.dialogs == []


def test_map_popup_is_escaped(page, server):
    page.goto(server + "/clinicwatch/clinics_with_findings?severity=red")
    page.wait_for_selector(".leaflet-marker-icon", timeout=15000)
    markers = page.locator(".leaflet-marker-icon")
    popups = []
    for i in range(markers.count()):
        markers.nth(i).click(force=True)
        page.wait_for_selector(".leaflet-popup-content", timeout=5000)
        popups.append(page.inner_text(".leaflet-popup-content"))
    assert any("<script>window.__pwned=1</script>" in text for text in popups), popups
    page.screenshot(path=str(SHOTS / "map-findings.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []


def test_dashboard_draws_charts(page, server):
    page.goto(server + "/-/dashboards/prices?treatment=hair_mesotherapy&currency=GBP")
    page.wait_for_selector("#card-price-box svg, #card-price-box canvas", timeout=20000)
    page.screenshot(path=str(SHOTS / "dashboard-prices.png"), full_page=True)
