"""Wrong or missing charsets: the page object reads the same facts as from a correctly labelled page.

Pages of the sample web in German, Spanish and Polish (non-ASCII names, currency
signs) are fed to ``extract_page`` with the charset removed from the page, with
none in the header, and with a header that lies; the facts must not change.
(samples/faults.py serves the same lies over HTTP with ``--faults charset``.)
"""

from __future__ import annotations

import re

import pytest

from samples.faults import _META_CHARSET
from spiders.pages import extract_page

_PAGES: list[tuple[str, bytes, str]] = []


def _non_ascii_pages() -> list[tuple[str, bytes, str]]:
    if not _PAGES:
        from samples.generator import iter_sites
        from samples.render import render_path

        for spec in iter_sites(40, 7, 0):
            if spec.lang not in ("de", "es", "pl") or spec.charset.lower() not in ("utf-8", "utf8"):
                continue
            for page in spec.pages:
                if page.kind not in ("prices", "team", "contact", "home"):
                    continue
                status, _, body = render_path(spec, page.path, 8765)
                if status == 200 and re.search(rb"[\x80-\xff]", body):
                    _PAGES.append((f"http://{spec.host}:8765{page.path}", body, spec.lang))
    return _PAGES


def facts(result) -> tuple:
    data = result.to_dict()
    return (data["clinic"]["name"], data["clinic"]["address"],
            sorted((p["treatment_text"], p["amount"], p["currency"]) for p in data["prices"]),
            sorted(p["name"] for p in data["practitioners"]))


def _cases():
    return [pytest.param(url, body, id=url.split("//")[1].removeprefix("www.").split(".")[0]
                         + url.rsplit(":8765", 1)[1])
            for url, body, _ in _non_ascii_pages()[:12]]


@pytest.mark.parametrize("url, body", _cases())
def test_missing_charset_reads_the_same_facts(url, body):
    truth = facts(extract_page(body, url, content_type="text/html; charset=utf-8"))
    bare = _META_CHARSET.sub(b"", body)
    assert facts(extract_page(bare, url, content_type="text/html")) == truth
    assert facts(extract_page(bare, url, content_type=None)) == truth


def test_unlabelled_windows_1252_body_reads_the_same_facts():
    wrong = []
    for url, body, _ in _non_ascii_pages()[:12]:
        try:
            legacy = _META_CHARSET.sub(b"", body.decode("utf-8").encode("cp1252"))
        except UnicodeEncodeError:
            continue  # Polish pages: characters outside windows-1252
        truth = facts(extract_page(body, url, content_type="text/html; charset=utf-8"))
        if facts(extract_page(legacy, url, content_type="text/html")) != truth:
            wrong.append(url)
    assert wrong == []


def test_header_that_lies_about_the_charset_reads_the_same_facts():
    wrong = []
    for url, body, _ in _non_ascii_pages()[:12]:
        truth = facts(extract_page(body, url, content_type="text/html; charset=utf-8"))
        bare = _META_CHARSET.sub(b"", body)
        if facts(extract_page(bare, url, content_type="text/html; charset=iso-8859-1")) != truth:
            wrong.append(url)
    assert wrong == []


def test_there_are_pages_to_test():
    assert len(_non_ascii_pages()) >= 6
