"""PDF price lists (spiders/pages/pdf_page.py): read with pypdf, the same price extraction,
provenance kept as URL#page=N, and bad files give a reason instead of an exception."""

from __future__ import annotations

import pytest

from samples.pdf import price_list_pdf
from spiders.pages import pdf_page

URL = "https://rowanskin.example/media/price-list.pdf"


def _list(rows_per_section: int = 3) -> bytes:
    return price_list_pdf("Rowan Skin - Prices", [
        ("Anti-wrinkle injections", [("1 area", "£180"), ("2 areas", "£240"), ("3 areas", "£290")]),
        ("Dermal fillers", [("Lip filler 1ml", "from £280"), ("Cheek filler 2ml", "£450")]),
        ("Skin", [(f"Skin peel {i}", f"£{60 + i}") for i in range(rows_per_section)]),
    ])


def test_prices_are_read_with_their_page_number():
    pages = pdf_page.extract_pdf(_list(), URL, title="Download our price list")
    assert [url for url, _ in pages] == [URL + "#page=1"]
    prices = {(p.treatment, p.amount, p.unit, p.quantity, p.from_price) for p in pages[0][1].prices}
    assert ("botulinum_toxin", 180.0, "area", 1.0, False) in prices
    assert ("botulinum_toxin", 290.0, "area", 3.0, False) in prices
    assert ("dermal_filler", 280.0, "ml", 1.0, True) in prices
    assert ("dermal_filler", 450.0, "ml", 2.0, False) in prices
    assert pages[0][1].clinic.phone is None and pages[0][1].practitioners == []


def test_a_long_list_spans_pages_and_each_price_names_its_page():
    pages = pdf_page.extract_pdf(_list(rows_per_section=70), URL)
    assert [url for url, _ in pages] == [URL + "#page=1", URL + "#page=2"]
    assert any(p.amount == 129.0 for p in pages[1][1].prices)  # "Skin peel 69 £129" sits on page 2


@pytest.mark.parametrize("body, reason", [
    (b"%PDF-1.4\nnot really a pdf at all", "PDF"),
    (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
     b"trailer<</Root 1 0 R>>\n%%EOF", "PDF"),
    (b"\x00" * 10, "PDF"),
])
def test_unreadable_files_give_a_reason(body, reason):
    pages = pdf_page.extract_pdf(body, URL)
    assert len(pages) == 1 and pages[0][0] == URL
    assert pages[0][1].prices == [] and reason in pages[0][1].errors[0]


def test_a_pdf_without_text_is_taken_for_a_scan():
    blank = price_list_pdf(" ", [])
    pages = pdf_page.extract_pdf(blank, URL)
    assert pages[0][1].errors == ["PDF has no text (a scanned image?)"]


def test_an_oversized_file_is_refused_unread():
    pages = pdf_page.extract_pdf(b"%PDF-1.4\n" + b" " * (pdf_page.MAX_PDF_BYTES + 1), URL)
    assert "limit" in pages[0][1].errors[0]


@pytest.mark.parametrize("url, text, expected", [
    ("https://a.example/media/price-list.pdf", "Download", True),
    ("https://a.example/media/brochure.pdf", "Our fees (PDF)", True),
    ("https://a.example/docs/Preisliste_2024.pdf", "", True),
    ("https://a.example/media/brochure.pdf", "Our brochure", False),
    ("https://a.example/media/privacy-notice.pdf", "Privacy", False),
    ("https://a.example/prices/", "Prices", False),  # not a PDF
])
def test_which_pdf_links_look_like_price_lists(url, text, expected):
    assert pdf_page.is_price_pdf_link(url, text) is expected


def test_clinicwatch_extract_reads_a_pdf_file(tmp_path):
    import json

    from tests.conftest import run_cli

    path = tmp_path / "price-list.pdf"
    path.write_bytes(_list())
    result = run_cli("extract", str(path), "--url", URL)
    assert result.returncode == 0, result.stderr
    amounts = sorted(p["amount"] for p in json.loads(result.stdout)["prices"])
    assert amounts[:3] == [60.0, 61.0, 62.0] and 290.0 in amounts
