"""The PDF page object: a price list published as a PDF in, one PageExtract per PDF page out.

Clinics often publish their price list, treatment menu or fees as a PDF. Its text is read
with pypdf (pure Python, maintained, no system libraries; its plain mode keeps a price on the
line of its label, which is what the price extractor reads; pdfplumber's richer layout
analysis costs several times as much per page and brings pdfminer.six with it). Each PDF page
becomes a page of paragraphs, one per text line, under the PDF's URL with ``#page=N``, so
every price keeps its provenance (the file and the page number), and goes through the same
price extraction and money roles as an HTML page (spiders/pages/clinic_page.py).

Only prices and other money are kept: a PDF says nothing reliable about the clinic's address
or staff. Bad input never raises: an encrypted, broken, image-only or oversized PDF gives one
extract whose ``errors`` say why.
"""

from __future__ import annotations

import html
import io
import logging
import re

from items import ClinicInfo, PageExtract
from spiders.pages.clinic_page import extract_page

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 5 * 1024 * 1024
MAX_PDF_PAGES = 40
_MIN_TEXT = 20  # characters on a page below which it is taken for a scanned image

# A link worth fetching as a PDF price list: its address or its text says so.
PRICE_PDF_WORDS = re.compile(
    r"price|pricing|pricelist|prices|tarif|fees?\b|cost|menu|list[ae]?\b|preis|kosten|precio|tarifa|cennik|"
    r"prezzi|listino|fiyat|ucret|honorar", re.I)


def looks_like_pdf(body: bytes, content_type: str | None = None) -> bool:
    return body[:1024].lstrip().startswith(b"%PDF") or "application/pdf" in (content_type or "").lower()


def is_price_pdf_link(url: str, text: str) -> bool:
    """A link to a PDF whose address or text names a price list, menu or fees."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(".pdf") and bool(PRICE_PDF_WORDS.search(f"{path.rsplit('/', 1)[-1]} {text}"))


def extract_pdf(body: bytes, url: str, *, hints: dict | None = None,
                title: str | None = None) -> list[tuple[str, PageExtract]]:
    """[(URL#page=N, extract)] for each page of the PDF with text; one extract with errors when
    the file cannot be read."""
    if len(body) > MAX_PDF_BYTES:
        return [(url, _failed(f"PDF of {len(body)} bytes is over the {MAX_PDF_BYTES}-byte limit"))]
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted:
            return [(url, _failed("encrypted PDF"))]
        pages = reader.pages[:MAX_PDF_PAGES]
        texts = [page.extract_text() or "" for page in pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        return [(url, _failed(f"PDF not readable: {type(exc).__name__}: {str(exc)[:200]}"))]
    except Exception as exc:  # noqa: BLE001 - pypdf raises assorted errors on hostile files
        log.debug("pypdf failed on %s", url, exc_info=True)
        return [(url, _failed(f"PDF not readable: {type(exc).__name__}"))]
    out = []
    heading = title or _first_line(texts)
    for number, text in enumerate(texts, start=1):
        if len(text.strip()) < _MIN_TEXT:
            continue
        page_url = f"{url}#page={number}"
        extract = extract_page(_as_html(text, heading), page_url, content_type="text/html; charset=utf-8",
                               hints=hints)
        extract.clinic = ClinicInfo()  # a PDF is no source for the clinic's details
        extract.practitioners = []
        extract.page_kind = "prices"
        out.append((page_url, extract))
    if not out:
        reason = "PDF has no pages" if not texts else "PDF has no text (a scanned image?)"
        return [(url, _failed(reason))]
    return out


def _failed(reason: str) -> PageExtract:
    return PageExtract(page_kind="prices", errors=[reason])


def _first_line(texts: list[str]) -> str:
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                return line.strip()[:120]
    return ""


def _as_html(text: str, title: str) -> bytes:
    """A PDF page's text as a page of paragraphs, one per line, under the list's title."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><main>{body}</main></body></html>").encode()
