"""Price tables read cell by cell: header row, price columns, label column, row groups.

A header row ("Treatment | Price", "Behandlung | Preis", "Zabieg | Cena", or
"Treatment | 1 session | Course of 6") names the price columns and the basis of each;
a header's currency ("Price (£)") prices bare numbers below it. A row with one
filled cell and no price is a row-group title ("Botox" over "1 area", "2 areas").
Only innermost tables are read here; layout tables around them are read as lines.
"""

from __future__ import annotations

import re

from lxml import html

from extract import price_lines as pl
from core.text import fold
from extract import price_units as pu
from extract import treatments
from extract.price_rows import clean_label, is_variant, to_price
from extract.prices import MONEY, PriceParse, currency_of, find_prices, no_price, parse_price
from items import Price

_PRICE_HEADER = re.compile(
    r"\b(?:price|prices|cost|fee|fees|rate|amount|preis|preise|kosten|precio|precios|coste|tarifa|cena|"
    r"ceny|koszt|prix|tarif|prezzo|costo|fiyat|ucret)\b|[£₤€$₹₺]|\bzl\b|\b(?:gbp|eur|usd|pln|aed|inr|try)\b"
)
_HEADER_CURRENCY = re.compile(r"[£₤€$₹₺]|zł|\b(?:GBP|EUR|USD|PLN|AED|INR|TRY|CHF|AUD|CAD)\b")
_SESSIONS_HEADER = re.compile(r"\b(?:sessions?|sitzungen|sesiones|zabiegi|zabiegow|seances|sedute|seans)\b")
_INT = re.compile(r"^\d{1,2}$")
_MAX_CELL = 160


def innermost_tables(root: html.HtmlElement) -> list[html.HtmlElement]:
    """Tables with no table inside (the ones that hold data, not layout)."""
    return [t for t in root.iter("table") if next(t.iterdescendants("table"), None) is None]


def _rows(table: html.HtmlElement) -> list[list[html.HtmlElement]]:
    rows = []
    for tr in table.iter("tr"):
        cells = []
        for cell in tr:
            if cell.tag in ("td", "th"):
                span = cell.get("colspan") or "1"
                cells += [cell] * (int(span) if span.isdigit() and 0 < int(span) < 20 else 1)
        if cells:
            rows.append(cells)
    return rows


def _cell_text(cell: html.HtmlElement) -> str:
    text = pl.text_of(cell)
    if len(text) > _MAX_CELL:  # a name with a description under it: keep the first line
        first = pl.lines(cell)
        return first[0].text if first else text[:_MAX_CELL]
    return text


def _is_header(cells: list, texts: list[str], first: bool) -> bool:
    if any(MONEY.search(t) for t in texts):
        return False
    if all(c.tag == "th" for c in cells) and len(set(texts)) > 1:
        return True
    return first and any(_PRICE_HEADER.search(fold(t)) for t in texts[1:])


def table_prices(table: html.HtmlElement, context: str, currency: str | None) -> list[Price]:
    """Every priced row of one table; ``context`` is the heading chain above it."""
    caption = table.find("caption")
    title = pl.text_of(caption) if caption is not None else ""
    header: list[str] = []
    group = ""
    out: list[Price] = []
    for n, cells in enumerate(_rows(table)):
        texts = [_cell_text(c) for c in cells]
        if _is_header(cells, texts, n == 0 or not header and not out):
            header = texts
            continue
        filled = {t for t in texts if t}
        if len(filled) == 1 and not any(_priced(t) for t in texts):
            group = next(iter(filled))
            continue
        ctx = " | ".join(x for x in (group, title, context) if x)
        out += _row_prices(texts, header, ctx, currency)
    return out


def _priced(text: str) -> bool:
    return bool(MONEY.search(text)) or (len(text.split()) <= 6 and no_price(text) is not None)


def _price_column(header: list[str], j: int) -> bool:
    return j < len(header) and j > 0 and bool(_PRICE_HEADER.search(fold(header[j])) or pu.basis(fold(header[j])))


def _row_prices(texts: list[str], header: list[str], ctx: str, currency: str | None) -> list[Price]:
    price_cols = [j for j, t in enumerate(texts) if t and (_priced(t) or _price_column(header, j) and j > 0)]
    label_j = next((j for j, t in enumerate(texts) if t and j not in price_cols), None)
    if label_j is None or not price_cols:
        return []
    label = clean_label(texts[label_j])
    group_name = ctx.split(" | ")[0] if ctx else ""
    name = clean_label(group_name) if is_variant(label) and group_name else label
    extra = " ".join(_extra(texts[j], header[j] if j < len(header) else "") for j in range(len(texts))
                     if j not in price_cols and j != label_j)
    out: list[Price] = []
    treatment = treatments.classify(name, ctx)
    if treatment is None:
        return []
    seen_cells: set[str] = set()
    for j in price_cols:
        if texts[j] in seen_cells and texts.count(texts[j]) > 1 and j < len(header) and header.count(header[j]) > 1:
            continue  # a colspan copy
        seen_cells.add(texts[j])
        head = header[j] if j < len(header) else ""
        cur = currency_of(m.group(0), currency) if (m := _HEADER_CURRENCY.search(head)) else currency
        context = " ".join(x for x in (head, extra, texts[label_j]) if x)
        for parse in _cell_parses(texts[j], cur, context, _price_column(header, j)):
            out.append(to_price(parse, treatment, name, " | ".join(texts)))
    return out


def _extra(cell: str, head: str) -> str:
    """A non-price cell as basis context: "3" under "Sessions" reads "3 sessions"."""
    if _INT.match(cell.strip()) and _SESSIONS_HEADER.search(fold(head)):
        return f"{cell.strip()} sessions"
    return cell


def _cell_parses(text: str, currency: str | None, context: str, price_col: bool) -> list[PriceParse]:
    found = [p for _, _, p in find_prices(text, default_currency=currency, context=context)]
    if found:
        return found
    parse = parse_price(text, default_currency=currency, context=context, bare=price_col)
    return [parse] if parse else []
