"""The clinic page object: one HTML page in, one :class:`items.PageExtract` out.

Pure: no network, no database, no settings. It decodes the bytes (declared
charset, then detection), parses them once with lxml, reads the schema.org
nodes once, and hands both to the three extractors (clinic details, prices,
practitioners). A page that cannot be read gives an empty extract with the
reason in ``errors``; it never raises.
"""

from __future__ import annotations

import logging
import re
from html import escape as html_escape
from urllib.parse import urljoin, urlsplit

import lxml.html
from w3lib.encoding import html_to_unicode

from core.places import COUNTRY_CURRENCY
from extract import booking, clinic_info, money_roles, people, price_blocks, signals, structured, treatments
from extract.prices import find_prices
from items import Money, PageExtract

log = logging.getLogger(__name__)

MAX_HTML_CHARS = 3_000_000  # larger pages are truncated before parsing (memory bound)

_KIND_PATTERNS = [
    ("location", re.compile(r"/(locations?|clinics?|branches|standorte|sedes|lokalizacje)/[^/]+", re.I)),
    ("prices", re.compile(r"price|pricing|preise|precios|tarifas|cennik|ceny|fees|tarif|menu|treatments?|behandlung|tratamientos|zabiegi", re.I)),
    ("team", re.compile(r"team|staff|practitioner|doctor|our-people|about|equipo|zespol|zespół|uber-uns|ueber-uns|meet", re.I)),
    ("contact", re.compile(r"contact|kontakt|contacto|find-us|visit", re.I)),
    ("blog", re.compile(r"/(blog|news|articles?|aktuelles|noticias)/", re.I)),
]



def page_kind(url: str) -> str:
    path = urlsplit(url).path or "/"
    if path in ("", "/", "/index.html", "/index.php"):
        return "home"
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(path):
            return kind
    return "other"


def decode(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text: BOM, then valid UTF-8, then the declared charset, else windows-1252.

    Real sites often declare ISO-8859-1 (a server default) while serving UTF-8; a body
    with non-ASCII bytes that is valid UTF-8 is UTF-8 whatever the label says (text in
    a single-byte charset almost never is). Undeclared non-UTF-8 pages are read as
    windows-1252, the superset of Latin-1 that browsers use.
    """
    if not body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    _, text = html_to_unicode(content_type or "", body, default_encoding="cp1252")
    return text


_HTML_MARKUP = re.compile(r"<(?:!doctype|html|head|body|div|p|span|a|table|ul|ol|li|h[1-6]|br|section|main|"
                          r"article|header|footer|meta|title|script|style|img|strong|b|em|td|tr)\b", re.I)


def is_plain_text(text: str, content_type: str | None = None) -> bool:
    """Text without markup: declared text/plain, or no HTML tag in its first 20,000 characters."""
    if (content_type or "").lower().startswith("text/plain"):
        return True
    return not _HTML_MARKUP.search(text[:20_000])


def text_as_html(text: str) -> str:
    """Plain text as a page: its first line the title, every line a paragraph (line breaks are
    the only structure plain text has, and price lists live in them)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    title = html_escape(lines[0][:120]) if lines else ""
    body = "\n".join(f"<p>{html_escape(line)}</p>" for line in lines)
    return f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def looks_binary(body: bytes) -> bool:
    """PDFs, images and random bytes: many control bytes early on (UTF-16 with a BOM is text)."""
    head = body[:4096]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    return controls / len(head) > 0.05


def extract_page(
    html: str | bytes,
    url: str,
    *,
    content_type: str | None = None,
    hints: dict | None = None,
    links: list | None = None,
) -> PageExtract:
    """Read one page. ``hints`` may carry {"country": "GB"} learned from the site's other pages.

    ``links``, when given, receives the page's links as (absolute URL without fragment, text), read
    from the same parse before menus are stripped (menus are where a site links its pages), so
    the spider needs no second parse of the page to follow them."""
    result = PageExtract(page_kind=page_kind(url))
    if isinstance(html, bytes) and looks_binary(html):
        result.errors.append("binary content, not an HTML page")
        return result
    try:
        text = decode(html, content_type) if isinstance(html, bytes) else html
        if not text.strip():
            result.errors.append("empty page")
            return result
        if is_plain_text(text, content_type):
            text = text_as_html(text)  # a saved excerpt or a text/plain page: one paragraph a line
        if len(text) > MAX_HTML_CHARS:
            result.errors.append(f"page truncated from {len(text)} to {MAX_HTML_CHARS} characters")
            text = text[:MAX_HTML_CHARS]
        if not text.strip():
            result.errors.append("empty page")
            return result
        doc = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        result.errors.append(f"not parseable as HTML: {exc}")
        return result
    nodes = structured.load(text, url, result.errors)  # JSON-LD and microdata: the only reading of scripts
    found_links = page_links(doc, url)
    if links is not None:
        links.extend(found_links)
    _run(result, "booking", lambda: result.booking.extend(booking.booking_links(found_links)))
    strip_unseen(doc)
    hints = hints or {}
    _run(result, "clinic", lambda: _clinic(result, doc, nodes, url, hints))
    country = result.clinic.country or hints.get("country")
    currency = COUNTRY_CURRENCY.get(country or "")
    title = doc.findtext(".//title") or ""
    role_of_page = money_roles.page_role(url, title)  # service, editorial or policy: prices and signals read it
    _run(result, "prices", lambda: _prices(result, doc, nodes, url, currency, country, title, role_of_page))
    _run(result, "practitioners", lambda: result.practitioners.extend(
        people.extract_practitioners(doc, nodes, url=url, country=country)))
    _run(result, "signals", lambda: result.signals.extend(
        signals.find_signals(doc, article=role_of_page == "editorial")))
    return result


def page_links(doc, url: str) -> list[tuple[str, str]]:
    """Every link of a parsed page once: (absolute URL without its fragment, link text).

    A mega menu links the same few pages hundreds of times with different fragments; each is
    resolved and its text read only the first time."""
    base = next(iter(doc.xpath("//base/@href")), None)
    base = urljoin(url, base.strip()) if base else url
    seen: set[str] = set()
    out = []
    for el in doc.iter("a", "area"):
        href = (el.get("href") or "").strip()
        if not href or href[0] == "#" or href[:11].lower().startswith(_NOT_PAGES):
            continue
        bare = href.split("#", 1)[0]
        if bare in seen:
            continue
        seen.add(bare)
        absolute = urljoin(base, bare)
        if absolute.startswith(("http://", "https://")):
            out.append((absolute, " ".join(el.text_content().split())[:200] if el.tag == "a" else el.get("alt", "")))
    return out


_NOT_PAGES = ("javascript:", "mailto:", "tel:", "data:", "sms:", "whatsapp:", "callto:", "fax:")

UNSEEN_TAGS = ("script", "style", "template", "noscript")
CHROME_TAGS = ("nav", "svg", "select")  # menus (a CMS mega menu is hundreds of links), icons, dropdowns


def strip_unseen(doc) -> None:
    """Drop what a reader never sees (scripts, styles, JSON state, templates, noscript, comments)
    and the menus every extractor drops anyway, once, before any extractor reads text or copies
    the tree: an amount, phone or name in them is never a fact, and a real page's chrome is most
    of its weight."""
    lxml.etree.strip_elements(doc, *UNSEEN_TAGS, *CHROME_TAGS, lxml.etree.Comment,
                              lxml.etree.ProcessingInstruction, with_tail=False)
    for el in _MENUS(doc):
        el.drop_tree()


# menus outside <nav>: link lists every extractor drops as chrome (exact class tokens only: a
# "treatment-menu" is a price list)
_MENU_TOKENS = ("menu", "sub-menu", "mega-menu", "footer-menu", "nav-menu", "main-menu", "primary-menu",
                "mobile-menu", "menu-list")
_MENUS = lxml.etree.XPath(
    '//*[@role="navigation"] | //ul[' + " or ".join(
        f'contains(concat(" ", normalize-space(@class), " "), " {t} ")' for t in _MENU_TOKENS) + "]")


def _prices(result: PageExtract, doc, nodes, url: str, currency: str | None, country: str | None,
            title: str, role_of_page: str) -> None:
    """Every money mention, then its role: own prices become prices, the rest money mentions."""
    found = price_blocks.extract_prices(doc, nodes, url=url, default_currency=currency, country=country)
    brand = money_roles.site_brand(url)
    topic = None
    intros: dict[str, str] | None = None
    roles: list[tuple[object, str, str, bool]] = []  # (price, role, sentence, its label names a treatment)
    for price in found:
        named = bool(treatments.mentions(price.treatment_text or ""))
        if price.treatment == "other" and (money_roles.GENERIC_LABEL.match(price.treatment_text or "") or not named):
            # "Kosten: ab 300 CHF" or "Face: from CHF 500" on a page about one treatment: the page names it
            if topic is None:
                topic = treatments.page_topic(title[:200], doc.xpath("string(//h1)")[:200], doc.xpath("string(//body)"))
            price.treatment = topic or price.treatment
            price_blocks.with_toxin_site(price)
        if price.evidence == "schema.org Offer" or price.amount is None:
            result.prices.append(price)  # an offer the site publishes as its own; POA and free
            continue
        sentence = money_roles.sentence_around(price.evidence or "", price.price_text)
        role = money_roles.role_of(sentence, role_of_page, price_text=price.price_text, treatment=price.treatment,
                                   brand=brand)
        if role == "own_price" and role_of_page == "policy" and price.treatment == "other" and not named:
            role = "fee"  # "Up to 30-minute appointments: $50" on a cancellation policy names no treatment
        if role == "own_price" and role_of_page == "policy" and not money_roles.is_prose(sentence):
            if intros is None:
                intros = _intro_roles(doc)
            role = intros.get(" ".join((price.evidence or "").split()), role)
        roles.append((price, role, sentence, named))
    if role_of_page == "editorial" and not money_roles.news_site(url):
        roles = _article_price_list(roles)
    if role_of_page == "policy" and any(role == "own_price" and p.treatment == "consultation" for p, role, _, _ in roles):
        roles = _deposit_restated(roles, doc.xpath("string(//body)"))
    for price, role, sentence, _ in roles:
        if role == "own_price":
            result.prices.append(price)
        else:
            result.money.append(Money(role=role, amount=price.amount, currency=price.currency,
                                      treatment=None if price.treatment == "other" else price.treatment,
                                      amount_max=price.amount_max, text=sentence[:300] or None))


_BLOCKS = ("p", "li", "div", "td", "h2", "h3", "h4", "h5", "h6")
_INTRO_ROWS = 6


def _intro_roles(doc) -> dict[str, str]:
    """On a policy page, the short rows under an intro line that names a fee or deposit ("we may
    charge a cancellation fee of:" over "$30 for a consultation"): row text -> that role."""
    out: dict[str, str] = {}
    role, left = None, 0
    for el in doc.iter(*_BLOCKS):
        if el.tag == "div" and len(el):
            continue  # a wrapper: its children are the rows
        text = " ".join(el.text_content().split())
        if not text:
            continue
        if (found := money_roles.intro_role(text)) is not None:
            role, left = found, _INTRO_ROWS
        elif role and left > 0 and not money_roles.is_prose(text):
            out.setdefault(text[:300], role)
            left -= 1
        else:
            role = None
    return out


_REFUNDED = re.compile(r"\b(?:refund\w*|redeem\w*|returned to you|given back)\b", re.I)


def _deposit_restated(roles: list, body: str) -> list:
    """A policy page that calls its booking deposit a "consultation fee" in another sentence ("a £50
    deposit secures the booking" ... "the £50 consultation fee is refunded if you do not go ahead"):
    a fee given back like the deposit of the same amount is that deposit, not a consultation price.
    A consultation fee of the same amount that is not refunded ("consultation only: $100") stays."""
    def called_deposit(price_text: str | None) -> bool:
        if not price_text:
            return False
        amount = re.escape(price_text.strip())
        return bool(re.search(rf"{amount}\s+(?:\w+\s+)?deposit|deposit\s+(?:of\s+)?{amount}(?!\d)", body, re.I))
    return [(p, "deposit" if role == "own_price" and p.treatment == "consultation" and _REFUNDED.search(s)
             and called_deposit(p.price_text) else role, s, n) for p, role, s, n in roles]


_BULLET = re.compile(r"^\s*[-–•*·]\s")


def _bullet_row(price, sentence: str) -> bool:
    """A bulleted list item that is one line, one sentence and one amount after a colon ("- Frown
    lines: toxin with a little filler where the skin has creased: 250 €"): a row however many words
    its label has. A bulleted sentence ("• FUE - the cost starts from X and can go up to Y") is not."""
    evidence = (price.evidence or "").strip()
    at = evidence.find(price.price_text or "\0")
    return (bool(_BULLET.match(evidence)) and sentence.strip() == evidence and at > 0
            and evidence[:at].rstrip().endswith(":") and len(find_prices(evidence)) == 1)


def _article_price_list(roles: list) -> list:
    """A clinic's own post that lists its prices ("1 zone: 150 €", "2 zones: 250 €"): list rows
    naming a treatment or an area, single amounts, no market words, two or more of them, are the
    clinic's prices; a guide's lists name sources, places or ranges and stay market figures."""
    rows = [i for i, (price, role, sentence, named) in enumerate(roles)
            if role == "market_price" and (not money_roles.is_prose(sentence) or _bullet_row(price, sentence))
            and price.amount_max is None
            and (named or price.unit in ("area", "unit", "ml", "syringe"))
            and money_roles.role_of(sentence, "service", price_text=price.price_text) == "own_price"
            and not money_roles.names_a_place(sentence)]
    if len(rows) < 2:
        return roles
    return [(p, "own_price" if i in rows else role, s, n) for i, (p, role, s, n) in enumerate(roles)]


def _clinic(result: PageExtract, doc, nodes, url: str, hints: dict) -> None:
    result.clinic = clinic_info.extract_clinic(doc, nodes, url=url, hints=hints)


def _run(result: PageExtract, what: str, step) -> None:
    """Run one extractor; a bug or a hostile page costs that part only, with the reason kept."""
    try:
        step()
    except Exception as exc:  # noqa: BLE001 - a page must never crash the crawl
        log.exception("extracting %s failed", what)
        result.errors.append(f"{what} extraction failed: {type(exc).__name__}: {exc}")
