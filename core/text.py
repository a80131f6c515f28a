"""Text keys shared by every layer: one home for each way of folding text.

* ``fold``: lower-case, accent-free text with the same meaning ("Sesión" -> "sesion");
  punctuation kept. Extraction matches words against it.
* ``name_key``: a person's name for comparison: accents and case folded, punctuation dropped.
* ``ascii_key``: lower-case ASCII words joined by single spaces; the input of stable row ids,
  so it must never change ("Dr. José  Pérez" -> "dr jose perez").
* ``site_key``: a website's key: lower-case host without a leading "www." and without port.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ı": "i", "ß": "ss", "ø": "o", "đ": "d", "–": "-", "—": "-"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PUNCT = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Lower-case, accent-free text with the same meaning ("Sesión" -> "sesion")."""
    if text.isascii():  # the common case: no accents to strip
        return text.translate(_FOLD_EXTRA).lower()
    return _fold_unicode(text)


@lru_cache(maxsize=8192)
def _fold_unicode(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_key(name: str) -> str:
    """Name key: accents and case folded, punctuation dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def ascii_key(text: str | None) -> str:
    """Lower-case ASCII words joined by single spaces: 'Dr. José  Pérez' -> 'dr jose perez'."""
    if not text:
        return ""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", ascii_text.lower()).strip()


def site_key(url: str) -> str:
    """Site key: lower-case host without leading "www." and without port."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
