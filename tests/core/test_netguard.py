"""Private, loopback and link-local addresses are refused unless allowed."""

import pytest

from crawl.netguard import address_refusal, url_refusal


@pytest.mark.parametrize("ip, label", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("192.168.0.10", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"), ("0.0.0.0", "reserved"), ("::ffff:127.0.0.1", "loopback"),
], ids=lambda v: str(v))
def test_private_addresses_are_refused(ip, label):
    assert label in address_refusal(ip)


@pytest.mark.parametrize("ip", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"])
def test_public_addresses_pass(ip):
    assert address_refusal(ip) is None


@pytest.mark.parametrize("url, fragment", [
    ("http://127.0.0.1:8000/", "loopback address"),
    ("http://[::1]/", "loopback address"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://clinic.localhost:8765/", "loopback name"),
    ("file:///etc/passwd", "unsupported URL scheme"),
    ("gopher://example.com/", "unsupported URL scheme"),
], ids=["v4-loopback", "v6-loopback", "metadata-service", "dot-localhost", "file", "gopher"])
def test_url_refusal_without_allow_private(url, fragment):
    assert fragment in url_refusal(url, allow_private=False)


def test_allow_private_lets_loopback_through_but_never_other_schemes():
    assert url_refusal("http://clinic.localhost:8765/", allow_private=True) is None
    assert url_refusal("http://10.0.0.1/", allow_private=True) is None
    assert "scheme" in url_refusal("file:///etc/passwd", allow_private=True)
