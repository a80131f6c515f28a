"""Price lists as PDF files, the way clinics publish them: a small PDF writer of our own.

``price_list_pdf(title, sections)`` lays out a title and, per section, a heading and rows of
(label, price) with the label on the left and the price right-aligned on the same line, over
as many A4 pages as needed. Text uses the standard Helvetica font with WinAnsi (cp1252)
encoding, so it covers English, German, Spanish, French and Italian price lists with £, €
and $; ``encodable`` says whether a text fits. The output is plain PDF 1.4 that any reader
(and pypdf, which clinicwatch reads PDFs with) extracts text from.
"""

from __future__ import annotations

PAGE_W, PAGE_H = 595, 842  # A4 in points
_TOP, _BOTTOM, _LEFT, _RIGHT = 790, 60, 56, 540
_LINE = 18


def encodable(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _width(text: str, size: float) -> float:
    """Approximate Helvetica width (good enough to right-align a price)."""
    narrow = sum(1 for ch in text if ch in "il.,:;'|!1 ")
    return size * (0.56 * (len(text) - narrow) + 0.28 * narrow)


def _pages(title: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> list[list[bytes]]:
    pages: list[list[bytes]] = [[]]
    y = _TOP

    def put(op: bytes) -> None:
        pages[-1].append(op)

    def newline(step: int) -> None:
        nonlocal y
        y -= step
        if y < _BOTTOM:
            pages.append([])
            y = _TOP

    put(b"BT /F2 18 Tf %d %d Td " % (_LEFT, y) + _literal(title) + b" Tj ET")
    newline(_LINE * 2)
    for heading, rows in sections:
        put(b"BT /F2 13 Tf %d %d Td " % (_LEFT, y) + _literal(heading) + b" Tj ET")
        newline(_LINE)
        for label, price in rows:
            put(b"BT /F1 11 Tf %d %d Td " % (_LEFT, y) + _literal(label) + b" Tj ET")
            x = int(_RIGHT - _width(price, 11))
            put(b"BT /F1 11 Tf %d %d Td " % (x, y) + _literal(price) + b" Tj ET")
            newline(_LINE)
        newline(_LINE // 2)
    return pages


def price_list_pdf(title: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> bytes:
    """A PDF price list: ``sections`` is [(heading, [(label, price), ...]), ...]."""
    pages = _pages(title, sections)
    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages tree, filled below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids = []
    for ops in pages:
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (PAGE_W, PAGE_H, content))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
