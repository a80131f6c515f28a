"""What a live check may crawl: one website address, validated and normalised.

Shared by `clinicwatch check URL --live` and the web's "Check this website now", so both
refuse the same things with the same words. No DNS here (the CLI resolves before the
crawl; the crawl's resolver guard refuses private answers after DNS and after redirects):
only what the text itself shows, i.e. scheme, host, port, credentials, IP literals.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from crawl.netguard import ALLOWED_SCHEMES, is_local_name, url_refusal

MAX_LENGTH = 300
# A host name as typed by a consumer: labels of letters, digits and hyphens, with a dot.
_HOST_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}\.?$")
_IP_RE = re.compile(r"^\[?[0-9a-f:.]+\]?$")


def normalise(text: str, *, allow_private: bool = False) -> tuple[str | None, str | None]:
    """(URL to crawl, None) or (None, why not). Adds http:// to a bare host, lower-cases the
    scheme and host, drops the fragment and any user:password@, keeps path and query."""
    raw = (text or "").strip()
    if len(raw) > MAX_LENGTH:
        return None, f"address longer than {MAX_LENGTH} characters"
    if not raw:
        return None, "empty"
    if any(ord(c) < 32 or c.isspace() for c in raw):
        return None, "an address has no spaces or control characters"
    if "://" not in raw:
        if ":" in raw.split("/")[0] and not raw.split("/")[0].split(":")[-1].isdigit():
            return None, f"unsupported URL scheme in {raw[:60]!r}"
        raw = "http://" + raw
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return None, f"unsupported URL scheme {parts.scheme!r}: only http and https are crawled"
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None, f"bad port in {raw[:60]!r}"
    if parts.username is not None or parts.password is not None:
        return None, "an address with a user name or password is not a clinic website"
    host = (parts.hostname or "").rstrip(".")  # urlsplit lower-cases it
    if not (_HOST_RE.match(host) or _IP_RE.match(host) or (allow_private and is_local_name(host))):
        return None, f"{host!r} is not a website address"
    netloc = host + (f":{parts.port}" if parts.port else "")
    if ":" in host:  # IPv6 literal
        netloc = f"[{host}]" + (f":{parts.port}" if parts.port else "")
    url = urlunsplit((parts.scheme.lower(), netloc.lower(), parts.path or "/", parts.query, ""))
    why = url_refusal(url, allow_private)
    return (None, why) if why else (url, None)


def looks_like_website(text: str) -> bool:
    """Does a search box entry look like a website address rather than a name or postcode?
    ("glowclinic.co.uk", "https://x.com/prices"; not "Glow Clinic", "SW1A 1AA", "7654321")."""
    raw = (text or "").strip()
    if not raw or " " in raw or len(raw) > MAX_LENGTH:
        return False
    if raw.lower().startswith(("http://", "https://")):
        return True
    host = raw.split("/", 1)[0].split(":", 1)[0].lower()
    if not _HOST_RE.match(host) or host.replace(".", "").isdigit():
        return False
    # "dr.smith" or "mr.jones" is a name typed with a dot: a bare host must end in a real public
    # suffix (the Public Suffix List snapshot tldextract ships; never fetched) or be a local name
    return is_local_name(host) or bool(_suffixes()(host).suffix)


@lru_cache(maxsize=1)
def _suffixes():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
