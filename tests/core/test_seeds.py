"""Seed files: URLs or CSV, bad lines reported with their reason, never fatal."""

import pytest

from core.text import site_key
from spiders.seeds import clean_url, parse_seeds


@pytest.mark.parametrize("raw, expected", [
    ("http://glow.co.uk.localhost:8765/", "http://glow.co.uk.localhost:8765/"),
    ("https://WWW.Example.com", "https://www.example.com/"),
    ("example.com", "http://example.com/"),
    ("  https://example.com/prices#top ", "https://example.com/prices"),
    ("<https://example.com/>", "https://example.com/"),
], ids=["loopback-sample", "upper-case-host", "bare-domain", "fragment-dropped", "angle-brackets"])
def test_clean_url_accepts(raw, expected):
    assert clean_url(raw) == (expected, None)


@pytest.mark.parametrize("raw, reason", [
    ("file:///etc/passwd", "unsupported URL scheme"),
    ("ftp://example.com/", "unsupported URL scheme"),
    ("javascript:alert(1)", "unsupported URL scheme"),
    ("http://", "no valid host"),
    ("http://exa mple.com/", "no valid host"),
    ("http://example.com:99999/", "bad port"),
    ("http://example.com/\x00", "control characters"),
    ("http://example.com/" + "a" * 3000, "longer than"),
], ids=["file", "ftp", "javascript", "no-host", "space-in-host", "bad-port", "nul", "too-long"])
def test_clean_url_refuses_with_reason(raw, reason):
    url, why = clean_url(raw)
    assert url is None and reason in why


def test_site_key_strips_www_and_port():
    assert site_key("http://www.Glow.co.uk.localhost:8765/x") == "glow.co.uk.localhost"


def test_url_list_with_comments_blanks_and_duplicates():
    seeds, problems = parse_seeds(
        "# clinics\nhttp://a.example/\n\nhttps://www.a.example/prices\nftp://b.example/\nb.example\n"
    )
    assert [s.url for s in seeds] == ["http://a.example/", "http://b.example/"]
    assert problems == [(5, "unsupported URL scheme 'ftp': only http and https are crawled")]


def test_csv_with_name_and_website_columns():
    text = "Name,Website,Phone\nGlow Clinic,https://glow.example/,0161\nNo Site,,\nBad,file:///x,\n"
    seeds, problems = parse_seeds(text)
    assert [(s.name, s.url) for s in seeds] == [("Glow Clinic", "https://glow.example/")]
    assert [p[0] for p in problems] == [3, 4]
    assert "no website" in problems[0][1]
