"""Which IP addresses are not public: the one test behind every "refused unless --allow-private".

Pure (no Scrapy, no Twisted), so the crawler's resolver guard (crawl/netguard.py), the
register clients (registers/net.py) and `clinicwatch extract URL` share it.
"""

from __future__ import annotations

import ipaddress


def address_refusal(ip: str) -> str | None:
    """Why an address must not be fetched without --allow-private; None for a public address
    or for text that is not an IP address at all (a host name)."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    for label, test in (
        ("loopback", addr.is_loopback),
        ("link-local", addr.is_link_local),
        ("reserved", addr.is_reserved or addr.is_multicast or addr.is_unspecified),
        ("private", addr.is_private),
    ):
        if test:
            return f"{label} address {addr}"
    return None
