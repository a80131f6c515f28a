"""The address guard: which hosts a register client may fetch."""

from __future__ import annotations

import pytest

from registers.net import BlockedAddress, address_refusal, check_url
from registers.net import GuardedRedirects


@pytest.mark.parametrize(
    ("ip", "label"),
    [("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
     ("192.168.0.10", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "link-local"),
     ("fe80::1", "link-local"), ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "reserved"),
     ("224.0.0.1", "reserved")],
)
def test_non_public_addresses_refused(ip, label):
    assert address_refusal(ip).startswith(label)


@pytest.mark.parametrize("ip", ["8.8.8.8", "2606:4700:4700::1111", "151.101.1.69"])
def test_public_addresses_pass(ip):
    assert address_refusal(ip) is None


@pytest.mark.parametrize(
    ("url", "needle"),
    [("ftp://example.org/x", "scheme"), ("file:///etc/passwd", "scheme"), ("http:///x", "no host"),
     ("http://127.0.0.1:8000/api/", "loopback"), ("http://[::1]/api/", "loopback"),
     ("http://10.0.0.1/api/", "private"), ("http://localhost/api/", "loopback")],
)
def test_check_url_refuses(url, needle):
    with pytest.raises(BlockedAddress, match=needle):
        check_url(url)


def test_allow_private_lets_loopback_through_but_not_other_schemes():
    check_url("http://127.0.0.1:8000/api/", allow_private=True)
    with pytest.raises(BlockedAddress):
        check_url("file:///etc/passwd", allow_private=True)


def test_public_ip_literal_passes():
    check_url("https://8.8.8.8/api/")


def test_redirects_to_loopback_refused():
    handler = GuardedRedirects(allow_private=False)
    with pytest.raises(BlockedAddress, match="loopback"):
        handler.redirect_request(None, None, 302, "Found", {}, "http://127.0.0.1/admin")
