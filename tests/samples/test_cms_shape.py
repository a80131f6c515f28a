"""The CMS-shaped sample web (samples/cms.py): real page sizes and chrome, the same truth."""

from __future__ import annotations

import statistics

import lxml.html
import pytest

from samples import cms
from samples.generator import iter_sites
from samples.render import render_path


@pytest.fixture(scope="module")
def pages():
    out = []
    for spec in iter_sites(24, 7, 0):
        for page in spec.pages:
            lean = render_path(spec, page.path, 8000, "lean")
            real = render_path(spec, page.path, 8000, "cms")
            if lean[0] == 200 and "html" in lean[1]:
                out.append((spec, page, lean[2], real[2]))
    return out


def test_sizes_follow_the_real_distribution(pages):
    sizes = sorted(len(real) for *_, real in pages)
    median, p90 = statistics.median(sizes), sizes[int(0.9 * (len(sizes) - 1))]
    assert 60_000 <= median <= 105_000, median
    assert 170_000 <= p90 <= 330_000, p90
    assert sizes[0] >= cms.MIN_BYTES * 0.9 and sizes[-1] <= cms.MAX_BYTES * 1.1


def test_every_cms_kind_is_served(pages):
    assert {cms.kind_of(spec) for spec, *_ in pages} == set(cms.KINDS)


def test_pages_are_deterministic(pages):
    spec, page, _, real = pages[5]
    assert render_path(spec, page.path, 8000, "cms")[2] == real


def _visible(body: bytes, drop=("script", "style", "template", "noscript", "nav")) -> str:
    doc = lxml.html.document_fromstring(body)
    lxml.etree.strip_elements(doc, *drop, with_tail=False)
    main = doc.find(".//main")
    return " ".join(main.text_content().split()) if main is not None else ""


def test_the_visible_content_is_the_lean_pages(pages):
    """Chrome wraps the content; it adds and removes nothing a reader of <main> sees."""
    for spec, page, lean, real in pages[:60]:
        assert _visible(real) == _visible(lean), (spec.site, page.path)


def test_hostile_strings_sit_only_where_no_reader_looks(pages):
    for _, _, _, real in pages[:40]:
        text = real.decode("utf-8", "replace")
        assert cms.PHANTOM_PERSON in text and cms.PHANTOM_PHONE in text
        visible = lxml.html.document_fromstring(real)
        lxml.etree.strip_elements(visible, "script", "style", "template", "noscript", with_tail=False)
        shown = visible.text_content()
        assert cms.PHANTOM_PERSON not in shown and cms.PHANTOM_PHONE not in shown and cms.PHANTOM_GMC not in shown
