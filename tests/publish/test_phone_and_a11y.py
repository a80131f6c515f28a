"""The consumer pages on a phone and with assistive technology, in Debian's Chromium.

* At 390 x 844 (a phone) and 1280 x 900 (a laptop) no page scrolls sideways
  (``scrollWidth <= innerWidth``); the price table becomes one card per price on the phone;
  tap targets of the search form are at least 44 px.
* axe-core (the axe-playwright-python package ships it) finds no serious or critical violation
  on /check (a report with red findings, a clean report, "no match"), the front page and the
  price dashboard.
* Severity is never shown by colour alone; the chart's text alternative says what its sentence
  says; the front page leads with the check box and the findings.

Screenshots go to tests/artifacts/publish/ (docs/screenshots/ keeps copies of the phone and
laptop report and front page).
"""

from __future__ import annotations

import pytest

from tests.publish.test_browser import SHOTS, browser, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
GLOW, CLEAR = "a1a1a1a1a1a1a1a1", "c2c2c2c2c2c2c2c2"


def _open(page, base: str, path: str, viewport: dict) -> None:  # noqa: F811
    page.set_viewport_size(viewport)
    page.goto(base + path)
    page.wait_for_load_state("networkidle")


def _no_sideways_scroll(page) -> None:  # noqa: F811
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"page is {width} px wide in a {inner} px window"


@pytest.mark.parametrize("viewport, name", [(PHONE, "phone"), (LAPTOP, "laptop")])
def test_the_report_fits_the_screen(page, server, viewport, name):  # noqa: F811
    _open(page, server, f"/check?clinic={GLOW}", viewport)
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"check-report-{name}.png"), full_page=True)
    cells = page.locator("table.prices tr.price").first.locator("td")
    display = cells.first.evaluate("el => getComputedStyle(el).display")
    assert display == ("block" if viewport is PHONE else "table-cell")
    if viewport is PHONE:  # a card: each cell says what it is
        label = cells.nth(1).evaluate("el => getComputedStyle(el, '::before').content")
        assert "Price" in label
        for selector in ("#check-q", "form.search button"):
            box = page.locator(selector).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 300, (selector, box)


@pytest.mark.parametrize("viewport, name", [(PHONE, "phone"), (LAPTOP, "laptop")])
def test_the_front_page_fits_and_leads_with_the_check(page, server, viewport, name):  # noqa: F811
    _open(page, server, "/", viewport)
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"front-page-{name}.png"), full_page=True)
    order = page.evaluate("""['#front-q', '#latest-findings', '#explore', '#coverage']
        .map(s => document.querySelector(s).getBoundingClientRect().top)""")
    assert order == sorted(order)
    findings = page.locator("#latest-findings .finding")
    assert findings.count() >= 2 and findings.first.get_attribute("class").endswith("red")
    assert "sqlite_sequence" not in page.inner_text("body")
    assert page.locator("#explore a[href$='clinics_with_findings']").count() == 1
    page.fill("#front-q", "Glow Aesthetics")
    page.click("form.search button")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#clinic-name") == "Glow Aesthetics"


def test_no_match_and_clean_reports_fit_a_phone(page, server):  # noqa: F811
    for path in ("/check?q=nowhere+clinic+zz", f"/check?clinic={CLEAR}", "/check"):
        _open(page, server, path, PHONE)
        _no_sideways_scroll(page)


def test_severity_is_a_word_and_an_icon_not_only_a_colour(page, server):  # noqa: F811
    _open(page, server, f"/check?clinic={GLOW}", LAPTOP)
    for i in range(page.locator("#findings .finding").count()):
        sev = page.locator("#findings .finding .sev").nth(i)
        words = sev.inner_text().lower()
        assert any(w in words for w in ("red", "amber", "info")), words
        assert sev.locator("[aria-hidden=true]").count() == 1  # the icon, not read out twice


def test_the_chart_says_what_its_sentence_says(page, server):  # noqa: F811
    _open(page, server, f"/check?clinic={GLOW}", LAPTOP)
    row = page.locator("table.prices tr.price", has=page.locator("svg.norm-chart")).first
    label = row.locator("svg.norm-chart").get_attribute("aria-label")
    sentence = row.locator("td").nth(2).locator(".small").inner_text()
    assert label == sentence


def test_keyboard_focus_is_visible(page, server):  # noqa: F811
    _open(page, server, "/check", LAPTOP)
    page.focus("#check-q")
    page.keyboard.press("Tab")  # keyboard focus moves to the Check button
    style = page.evaluate("""(() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; })()""")
    assert style[0] == "BUTTON" and style[1] != "none" and style[2] >= 2, style


@pytest.mark.parametrize("path", [f"/check?clinic={GLOW}", f"/check?clinic={CLEAR}", "/check?q=nowhere+clinic+zz",
                                  "/", "/-/dashboards/prices?treatment=hair_mesotherapy&currency=GBP"])
def test_no_serious_accessibility_violations(page, server, path):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    _open(page, server, path, LAPTOP)
    if "dashboards" in path:
        page.wait_for_selector("#card-price-box svg, #card-price-box canvas", timeout=20000)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_the_report_prints_without_the_search_form(page, server):  # noqa: F811
    _open(page, server, f"/check?clinic={GLOW}", LAPTOP)
    page.emulate_media(media="print")
    assert not page.is_visible("form.search")
    assert page.is_visible("#findings")
    page.emulate_media(media="screen")
