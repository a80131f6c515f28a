"""What a live check accepts as a website, and how it writes it (crawl/live_target.py)."""

from __future__ import annotations

import pytest

from crawl.live_target import looks_like_website, normalise

CASES = [  # (typed, allow_private, URL or None, words of the refusal)
    ("glowclinic.co.uk", False, "http://glowclinic.co.uk/", ""),
    ("  HTTPS://Glow.CO.UK/Prices?x=1#team ", False, "https://glow.co.uk/Prices?x=1", ""),
    ("www.glow.co.uk:8080/", False, "http://www.glow.co.uk:8080/", ""),
    ("http://93.184.216.34/", False, "http://93.184.216.34/", ""),
    ("http://127.0.0.1:8000/", False, None, "loopback address 127.0.0.1"),
    ("http://127.0.0.1:8000/", True, "http://127.0.0.1:8000/", ""),
    ("http://192.168.1.20/", False, None, "private address 192.168.1.20"),
    ("http://169.254.169.254/latest/", False, None, "link-local address 169.254.169.254"),
    ("http://[::1]/", False, None, "loopback address ::1"),
    ("glow.co.uk.localhost:8931", False, None, "loopback name"),
    ("glow.co.uk.localhost:8931", True, "http://glow.co.uk.localhost:8931/", ""),
    ("http://user:secret@glow.co.uk/", False, None, "user name or password"),
    ("javascript:alert(1)", False, None, "unsupported URL scheme"),
    ("ftp://glow.co.uk/", False, None, "only http and https"),
    ("Glow Clinic", False, None, "no spaces"),
    ("http://glow/", False, None, "not a website address"),
    ("http://glow.co.uk/" + "a" * 400, False, None, "longer than"),
]


@pytest.mark.parametrize("typed, allow_private, url, words", CASES,
                         ids=[f"{c[0][:30]}{'-allowed' if c[1] else ''}" for c in CASES])
def test_normalise(typed, allow_private, url, words):
    got, why = normalise(typed, allow_private=allow_private)
    assert got == url
    assert (why is None) if url else (words in why)


@pytest.mark.parametrize("typed, expected", [
    ("glowclinic.co.uk", True), ("https://x.com/prices", True), ("www.glow.co.uk/team", True),
    ("Glow Clinic", False), ("SW1A 1AA", False), ("7654321", False), ("12A3456E", False),
    ("glow", False), ("Dr. Smith", False), ("", False), ("dr.smith", False), ("mr.jones", False),
    ("clinic.london", True), ("glow.co.uk.localhost:8931", True), ("http://dr.smith/", True),
], ids=lambda v: str(v) or "empty")
def test_looks_like_website(typed, expected):
    assert looks_like_website(typed) is expected
