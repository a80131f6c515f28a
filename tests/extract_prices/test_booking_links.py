"""Booking platforms a clinic's site links to (extract/booking.py, data in booking_platforms.yml)."""

from __future__ import annotations

import pytest

from extract.booking import booking_links, platform_of
from spiders.pages import extract_page


@pytest.mark.parametrize("url, expected", [
    ("https://www.fresha.com/a/rowan-skin-manchester-abc123", "fresha"),
    ("https://widget.treatwell.de/ort/rowan/", "treatwell"),
    ("https://rowanskin.as.me/schedule.php", "acuity"),
    ("https://app.acuityscheduling.com/schedule.php?owner=1", "acuity"),
    ("https://www.vagaro.com/rowanskin", "vagaro"),
    ("https://fresha.com.evil.example/a/x", None),  # the platform's name inside another host
    ("https://notfresha.com/x", None),
    ("https://www.instagram.com/rowanskin/", None),
])
def test_platform_by_host(url, expected):
    found = platform_of(url)
    assert (found[0] if found else None) == expected


def test_one_link_per_platform_the_first_one():
    links = [("https://www.fresha.com/a/one", "Book"), ("https://www.fresha.com/a/two", "Book again"),
             ("https://booksy.com/en-gb/rowan", "Booksy")]
    assert [(b.platform, b.url) for b in booking_links(links)] == [
        ("fresha", "https://www.fresha.com/a/one"), ("booksy", "https://booksy.com/en-gb/rowan")]


def test_the_page_object_reads_booking_links_from_menus_too():
    html = ("<html><body><nav><a href='https://www.fresha.com/a/rowan-skin'>Book now</a></nav>"
            "<main><p>Welcome</p></main></body></html>")
    ex = extract_page(html.encode(), "https://rowanskin.example/")
    assert [(b.platform, b.name) for b in ex.booking] == [("fresha", "Fresha")]
