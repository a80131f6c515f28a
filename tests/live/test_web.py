"""Live checks on the web: the browser flow in Debian's Chromium, a flood of requests against
the worker's bounds, and the database staying read-only to every other route."""

from __future__ import annotations

import http.client
import json
import re
import sqlite3
import time
import urllib.parse

import pytest

from tests.live.conftest import IN_DB, new_site
from tests.publish.test_browser import SHOTS, browser, datasette_server, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow
LIVE = {"allow_private": True}


def request(base: str, method: str, path: str, *, source: str = "127.0.0.1", body: dict | None = None,
            cookie: str = "") -> tuple[int, dict, str]:
    """One HTTP request from a chosen loopback source address (127.0.0.N: a distinct client)."""
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    conn = http.client.HTTPConnection(host, port, timeout=30, source_address=(source, 0))
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def max_overlap(intervals: list[tuple[float, float]]) -> int:
    """The most intervals open at one moment (an end before a start at the same instant)."""
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals],
                    key=lambda e: (e[0], e[1]))
    best = now = 0
    for _, step in events:
        now += step
        best = max(best, now)
    return best


def csrf(base: str, query: str) -> tuple[str, str]:
    """(form token, cookie) from the /check page's live offer."""
    status, headers, html = request(base, "GET", "/check?" + urllib.parse.urlencode({"q": query}))
    assert status == 200 and 'id="live-offer"' in html, html[-2000:]
    token = re.search(r'name="csrftoken" value="([^"]+)"', html)[1]
    cookie = headers["set-cookie"].split(";", 1)[0]
    return token, cookie


@pytest.mark.browser
def test_browser_types_a_website_sees_progress_then_the_report(page, fresh_db, truth, live_web):  # noqa: F811
    site = new_site(truth, "UK-POM-01")
    with datasette_server(fresh_db, live=LIVE) as base:
        page.goto(base + "/check")
        page.fill("#check-q", live_web.url(site["host"]))
        page.click("form.search button")
        page.wait_for_load_state("networkidle")
        assert "We can read" in page.inner_text("#live-offer")
        page.click("#live-offer-button")
        page.wait_for_selector("#live-progress", timeout=10000)
        assert re.search(r"/check/live/[A-Za-z0-9_-]+$", page.url)
        progress_url = page.url
        assert "pages read" in page.inner_text("#live-progress")
        page.screenshot(path=str(SHOTS / "live-progress.png"), full_page=True)
        page.wait_for_selector("#clinic-name", timeout=60000)  # the page's script reloads it when done
        assert page.url == progress_url
        assert page.inner_text("#clinic-name") == site["name"]
        assert "Checked live just now" in page.inner_text("#live-note")
        rules = [page.locator("#findings .finding").nth(i).get_attribute("data-rule")
                 for i in range(page.locator("#findings .finding").count())]
        assert sorted(rules) == sorted(f["rule_id"] for f in site["expected_findings"])
        assert rules[0] == "UK-POM-01"  # red first: the report orders findings by severity
        assert page.locator("svg.norm-chart circle.this-price").count() >= 1  # prices against norms
        page.screenshot(path=str(SHOTS / "live-report.png"), full_page=True)
        assert page.dialogs == []


def test_progress_page_works_without_javascript(fresh_db, truth, live_web):
    site = new_site(truth)
    with datasette_server(fresh_db, live=LIVE) as base:
        token, cookie = csrf(base, live_web.url(site["host"]))
        status, headers, _ = request(base, "POST", "/check/live", body={"url": live_web.url(site["host"]),
                                     "csrftoken": token}, cookie=cookie)
        assert status == 303
        status, _, html = request(base, "GET", headers["location"])
        assert status == 200 and '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
        for _ in range(120):
            _, _, html = request(base, "GET", headers["location"])
            if 'id="clinic-name"' in html:
                break
            time.sleep(0.5)
        assert f'id="clinic-name">{site["name"]}<' in html and "http-equiv" not in html


def test_flood_gets_429s_and_at_most_two_checks_run_at_once(fresh_db, truth, live_web):
    """Twelve clients (127.0.0.2-13) each ask for a different site at once: two run, four wait,
    six are told 429. A sampler polls every job's status meanwhile and counts the running ones."""
    config = {**LIVE, "max_running": 2, "max_queue": 4}
    sites = [live_web.url(t["host"]) for t in truth[:12]]
    with datasette_server(fresh_db, live=config) as base:
        token, cookie = csrf(base, live_web.url(new_site(truth)["host"]))
        answers = [request(base, "POST", "/check/live", source=f"127.0.0.{i + 2}", cookie=cookie,
                           body={"url": url, "csrftoken": token}) for i, url in enumerate(sites)]
        codes = [a[0] for a in answers]
        assert codes.count(303) == 6 and codes.count(429) == 6, codes
        assert all("Too many live checks are waiting" in a[2] for a in answers if a[0] == 429)
        jobs = [a[1]["location"] + ".json" for a in answers if a[0] == 303]
        sampled = []  # the worker's running count, polled while the jobs run
        for _ in range(2400):
            stats = json.loads(request(base, "GET", "/-/live-checks.json")[2])
            sampled.append(stats["running"])
            if stats["done"] + stats["failed"] == 6:
                break
            time.sleep(0.1)
        finals = [json.loads(request(base, "GET", j)[2]) for j in jobs]
        assert [f["status"] for f in finals] == ["done"] * 6, finals
        overlap = max_overlap([(f["started"], f["finished"]) for f in finals])
        print(f"flood: {codes.count(429)} x 429; running at once: max {overlap} from the jobs' start and finish "
              f"times, max {max(sampled)} in {len(sampled)} samples, worker's own max {stats['max_running_seen']}")
        assert overlap == 2 and max(sampled) == 2 and stats["max_running_seen"] == 2 and stats["refused"] == 6
        # one pending check per client, and the same site not twice within the cooldown
        again = request(base, "POST", "/check/live", source="127.0.0.2", cookie=cookie,
                        body={"url": sites[0], "csrftoken": token})
        assert again[0] == 429 and "checked a moment ago" in again[2]
    con = sqlite3.connect(fresh_db)
    assert con.execute("SELECT count(*) FROM crawls WHERE kind = 'live'").fetchone()[0] == 6
    con.close()


def test_one_pending_check_per_client(fresh_db, truth, live_web):
    with datasette_server(fresh_db, live=LIVE) as base:
        token, cookie = csrf(base, live_web.url(new_site(truth)["host"]))
        first, second = (request(base, "POST", "/check/live", cookie=cookie,
                                 body={"url": live_web.url(t["host"]), "csrftoken": token})
                         for t in truth[IN_DB:IN_DB + 2])
        assert first[0] == 303 and second[0] == 429 and "already have a live check" in second[2]


def test_other_routes_stay_read_only_and_bad_addresses_are_refused(fresh_db, truth, live_web):
    with datasette_server(fresh_db, live=LIVE) as base:
        token, cookie = csrf(base, live_web.url(new_site(truth)["host"]))
        status, _, text = request(base, "POST", "/check/live", cookie=cookie,
                                  body={"url": "javascript:alert(1)", "csrftoken": token})
        assert status == 400 and "cannot check that address" in text
        status, _, _ = request(base, "POST", "/clinicwatch/clinics/-/insert", cookie=cookie,
                               body={"csrftoken": token})
        assert status in (403, 404, 405)  # no write API on this Datasette (0.65), or refused
        status, _, text = request(base, "GET", "/clinicwatch.json?" + urllib.parse.urlencode(
            {"sql": "DELETE FROM clinics"}))
        assert status == 400
    con = sqlite3.connect(fresh_db)
    assert con.execute("SELECT count(*) FROM clinics").fetchone()[0] > 0
    con.close()


def test_live_checks_are_off_by_default(known_db, truth, live_web):
    with datasette_server(known_db) as base:
        status, _, html = request(base, "GET", "/check?" + urllib.parse.urlencode(
            {"q": live_web.url(new_site(truth)["host"])}))
        assert status == 200 and "live-offer" not in html
        assert request(base, "POST", "/check/live", body={"url": "http://newclinic.co.uk/"})[0] in (403, 404)
        assert json.loads(request(base, "GET", "/-/live-checks.json")[2]) == {"enabled": False}
