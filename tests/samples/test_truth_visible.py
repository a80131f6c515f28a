"""Every fact in ground truth can be read on the page that truth names."""

from __future__ import annotations

import html
import re

import pytest

from samples.generator import iter_sites
from samples.truth import truth_record

_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d+)*")
_TAGS = re.compile(r"<[^>]+>")


def _numbers(text: str) -> set[float]:
    """Every number on the page read both the English and the continental way."""
    found = set()
    for token in _NUMBER.findall(text):
        token = token.replace("\u00a0", " ").strip()
        english = token.replace(",", "").replace(" ", "")
        continental = token.replace(".", "").replace(" ", "").replace(",", ".")
        for candidate in (english, continental):
            try:
                found.add(round(float(candidate), 2))
            except ValueError:
                pass
    return found


def _page_text(spec, path: str) -> str:
    status, ctype, body = spec.render(path, 8765)
    assert status == 200, (spec.host, path, status)
    if ctype == "application/pdf":  # a price list published as a PDF: its text, as a reader extracts it
        import io

        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    charset = ctype.split("charset=")[1].lower()
    raw = html.unescape(body.decode(charset))
    # tag attributes (microdata content=, JSON-LD in <script>) count as visible to a parser
    return raw + " " + _TAGS.sub(" ", raw)


SPECS = list(iter_sites(120, 7))


@pytest.mark.parametrize("spec", SPECS, ids=[s.site for s in SPECS])
def test_prices_and_numbers_are_on_the_named_page(spec):
    rec = truth_record(spec, 8765)
    pages: dict[str, set[float]] = {}
    texts: dict[str, str] = {}
    for row in rec["prices"]:
        if row["page"] not in pages:
            texts[row["page"]] = _page_text(spec, row["page"])
            pages[row["page"]] = _numbers(texts[row["page"]])
        assert row["treatment_text"] in texts[row["page"]]
        for key in ("amount", "amount_max", "was_amount"):
            if row[key] is not None:
                assert round(row[key], 2) in pages[row["page"]], (row, key)
    for person in rec["practitioners"]:
        text = texts.get(person["page"]) or _page_text(spec, person["page"])
        assert person["name"].split()[0] in text
        assert person["name"].split()[-1] in text
        for cred in person["credentials"]:
            assert cred["value"] in text, (person["name"], cred)


def test_blog_numbers_are_not_in_truth():
    spec = next(s for s in SPECS if s.lang == "en" and any("raised" in " ".join(b.paragraphs) for b in s.blog))
    rec = truth_record(spec, 8765)
    post = next(b for b in spec.blog if "raised" in " ".join(b.paragraphs))
    path = next(p.path for p in spec.pages if p.ref == post.slug)
    assert path not in {r["page"] for r in rec["prices"]}
    assert _numbers(_page_text(spec, path)) - {r["amount"] for r in rec["prices"]}


def test_every_site_has_reasonable_page_counts():
    for spec in SPECS:
        assert 4 <= len(spec.pages) <= 25, (spec.site, len(spec.pages))


def test_some_sites_publish_their_price_list_as_a_pdf():
    pdf_sites = [s for s in SPECS if s.price_pdf]
    assert 8 <= len(pdf_sites) <= 30
    for spec in pdf_sites[:5]:
        prices_page = next(p for p in spec.pages if p.kind == "prices")
        status, _, body = spec.render(prices_page.path, 8765)
        assert status == 200 and spec.price_pdf.encode() in body
        assert all(r.page == spec.price_pdf for r in spec.clinics[0].prices)
