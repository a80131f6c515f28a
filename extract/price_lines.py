"""An HTML page as reading-order lines, without page chrome: the input of price pairing.

Owns two things: which parts of a page are furniture (navigation, header, footer,
cookie banners, sidebars, forms, scripts) and how the rest reads as lines. A line
is the text of one block (paragraph, list item, heading, cell, card part); inline
markup is joined, so ``<span>£</span><span>150</span>`` reads "£150", and ``<br>``
breaks a line. Struck-out text (``<del>``, ``<s>``) is read with a "was" prefix so
the price normaliser sees an old price. Hidden panels (tabs, accordions) are kept.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree, html

BLOCK_TAGS = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 section article main aside header footer table tr td th "
    "tbody thead tfoot caption blockquote figure figcaption form fieldset details summary hr address pre "
    "body center button nav label option tbody".split()
)
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
DROP_TAGS = ("title", "script", "style", "noscript", "template", "svg", "iframe", "select", "nav",
             "input", "textarea", "object", "canvas", "video", "audio", "map")
_STRUCK = frozenset({"del", "s", "strike"})
_CHROME_TOKEN = re.compile(
    r"^(?:nav|navbar|navigation|site-nav|main-nav|topbar|top-bar|site-header|masthead|breadcrumbs?|"
    r"site-footer|footer|sidebar|widget-area|offcanvas|mobile-menu|main-menu|menu|sub-menu|menu-item|"
    r"skip-link|social|share|sharing|newsletter|related-posts|comments?|pagination|post-meta|"
    r"elementor-location-header|elementor-location-footer)$"
    r"|cookie|consent|gdpr|cmplz|breadcrumb|^nav-|-nav$|nav-menu|^footer-|-footer$|^header-nav"
    r"|^menu-(?:item|main|primary|header|top|toggle|container|wrapper|footer|mobile|link)"
    r"|(?:^|[-_])(?:cart|basket|minicart|mini-cart)(?:$|[-_])"  # shop baskets ("£0.00 - 0 items")
    r"|^(?:screen-reader-text|sr-only|visually-hidden|screen-reader|assistive-text)$"  # restated copies
)
# every _CHROME_TOKEN match contains one of these words
_CHROME_HINT = re.compile(r"nav|menu|header|footer|masthead|breadcrumb|sidebar|widget|offcanvas|skip|social|share|"
                          r"newsletter|related|comment|pagination|meta|elementor-location|cookie|consent|gdpr|cmplz|"
                          r"cart|basket|screen-reader|sr-only|visually-hidden|assistive|topbar|top-bar")
_TITLE_CLASS = re.compile(r"title|heading|name|headline|treatment|service-name|label", re.I)
_PRICE_CLASS = re.compile(r"price|cost|amount|fee|tarif|preis|precio|cena|prezzo|fiyat", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2009\u202f\u200b]+")
_KEEP_ROLES = re.compile(r"tab|tabpanel|region|list|listitem|table|row|cell", re.I)
_OLD_PRICE = re.compile(
    r"(?:^|[-_])(?:old|was|regular|original|compare(?:-at)?|before|strike|crossed|previous|rrp)[-_]?price"
    r"|price[-_]?(?:old|was|before|regular|original|compare)|line-through|strikethrough", re.I)
_PANEL_TOKEN = re.compile(r"tab-?pane|tab-?panel|tab-content|tabs?-panel|tabcontent", re.I)
_TAB_TITLE = re.compile(r"tab-?title|tab-?link|tab-?button|tab-?label|tab-?nav-?item", re.I)
_MAX_PANEL_TITLE_WORDS = 8


@dataclass
class Line:
    text: str
    el: html.HtmlElement  # the block element the text belongs to
    heading: int = 0  # 1-6 for h1-h6, 0 otherwise
    titled: bool = False  # styled as a title (class="...title...", whole-line <strong>)
    table: bool = False  # a placeholder for a table read cell by cell (el is the <table>)


def _is_chrome(el: html.HtmlElement) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("header", "footer") and not _inside(el, ("main", "article")):
        return True
    role = (el.get("role") or "").lower()
    if role in ("navigation", "banner", "contentinfo", "search") or (role == "dialog" and _cookieish(el)):
        return True
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if not _CHROME_HINT.search(attrs):
        return False  # one search rules out most elements before the per-token tests
    tokens = attrs.split()
    if any(_PRICE_CLASS.search(t) for t in tokens):
        return False
    return any(_CHROME_TOKEN.search(t) for t in tokens)


def _cookieish(el: html.HtmlElement) -> bool:
    return "cookie" in f"{el.get('class')} {el.get('id')} {el.get('aria-label')}".lower()


def _inside(el: html.HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def clean(doc: html.HtmlElement) -> html.HtmlElement:
    """A copy of the page without scripts, styles and page chrome (the caller's tree is untouched)."""
    root = copy.deepcopy(doc)
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for el in list(root.iter(*DROP_TAGS)):
        _drop(el)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_chrome(el):
            _drop(el)
    _title_panels(root)
    return root


def _drop(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:  # keep the text that followed the element
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def struck(el) -> bool:
    """An old price: <del>/<s>, a "line-through" style, or an old-price class ("old-price", "price--was")."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _STRUCK:
        return True
    return bool(_OLD_PRICE.search(f"{el.get('class') or ''} {el.get('style') or ''}"))


def _heading_level(el) -> int:
    """1-6 for an h1-h6 or a block inside one (an accordion's <h3><button>Hair</button></h3>), else 0."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in HEADING_TAGS:
        return HEADING_TAGS[tag]
    return next((HEADING_TAGS[a.tag] for a in el.iterancestors() if a.tag in HEADING_TAGS), 0)


def _panel_title(panel, by_id: dict, controls: dict, tab_titles: dict) -> str:
    """The visible title of a tab/accordion panel: aria-labelledby, the control pointing at it, data-tab."""
    for ref in (panel.get("aria-labelledby") or "").split():
        if ref in by_id:
            return norm(by_id[ref].text_content())
    pid = panel.get("id")
    if pid and pid in controls:
        return norm(controls[pid].text_content())
    tab = panel.get("data-tab")
    return tab_titles.get(tab, "") if tab else ""


def _title_panels(root: html.HtmlElement) -> None:
    """Give each tab panel a heading with its tab's title, so "Hair"/"Face" tabs give context."""
    by_id, controls, tab_titles, panels = {}, {}, {}, []
    level = 1
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in HEADING_TAGS:
            level = HEADING_TAGS[el.tag]
        if el.get("id"):
            by_id[el.get("id")] = el
        cls = el.get("class") or ""
        target = (el.get("aria-controls") or el.get("data-bs-target") or el.get("data-target")
                  or el.get("href") or "")
        if (el.get("role") == "tab" or _TAB_TITLE.search(cls)) and target:
            controls.setdefault(target.lstrip("#"), el)
        if (el.get("role") == "tab" or _TAB_TITLE.search(cls)) and el.get("data-tab"):
            tab_titles.setdefault(el.get("data-tab"), norm(el.text_content()))
        if el.get("role") == "tabpanel" or _PANEL_TOKEN.search(cls) and not _TAB_TITLE.search(cls):
            panels.append((el, min(level + 1, 6)))
    for panel, lvl in panels:
        title = _panel_title(panel, by_id, controls, tab_titles)
        if title and len(title.split()) <= _MAX_PANEL_TITLE_WORDS and not _heading_level(panel):
            head = html.Element(f"h{lvl}")
            head.text = title
            head.tail = panel.text
            panel.text = None
            panel.insert(0, head)


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def text_of(el: html.HtmlElement) -> str:
    """Text of an element with block boundaries as spaces and struck-out prices marked "was"."""
    parts: list[str] = []
    _collect(el, parts, top=True)
    return norm(" ".join(p for p in "".join(parts).split("\n")))


def _collect(el, parts: list[str], top: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        parts.append("\n")
    elif tag in BLOCK_TAGS and not top:
        parts.append("\n")
    parts.append(" was " if struck(el) else " ")
    if el.text and tag != "br":
        parts.append(el.text)
    for child in el:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    parts.append("\n" if tag in BLOCK_TAGS and not top else " ")


def lines(root: html.HtmlElement, skip: set | None = None) -> list[Line]:
    """The reading-order lines of a cleaned page; subtrees in ``skip`` (tables read elsewhere) are left out."""
    out: list[Line] = []
    buf: list[str] = []
    _walk(root, root, buf, out, skip or set())
    _flush(buf, root, out)
    return _merge_split_prices(out)


def _flush(buf: list[str], el, out: list[Line]) -> None:
    text = norm("".join(buf))
    buf.clear()
    if not text:
        return
    heading = _heading_level(el)
    titled = bool(heading) or bool(_TITLE_CLASS.search(el.get("class") or "")) or _bold_only(el, text)
    out.append(Line(text, el, heading, titled))


def _bold_only(el, text: str) -> bool:
    bold = [c for c in el if isinstance(c.tag, str) and c.tag in ("strong", "b")]
    return len(bold) == 1 and norm(bold[0].text_content()) == text


def _walk(el, block, buf: list[str], out: list[Line], skip: set) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if child in skip:
            _flush(buf, block, out)
            out.append(Line("", child, table=True))
        elif tag == "br":
            _flush(buf, block, out)
        elif tag in BLOCK_TAGS:
            _flush(buf, block, out)
            if struck(child):
                buf.append(" was ")
            if child.text:
                buf.append(child.text)
            _walk(child, child, buf, out, skip)
            _flush(buf, child, out)
        else:  # inline: a space at both edges ("<span>Botox</span><span>1 area</span>" is two words)
            buf.append(" was " if struck(child) else " ")
            if child.text:
                buf.append(child.text)
            _walk(child, block, buf, out, skip)
            buf.append(" ")
        if child.tail:
            buf.append(child.tail)


_CUR_ONLY = re.compile(r"^(?:£|₤|€|\$|US\$|₹|₺|zł|PLN|EUR|GBP|USD|AED|Dhs?|TL|INR|TRY|CHF)$")
_NUM_ONLY = re.compile(r"^\d[\d.,' ]*(?:[.,][-–])?$")


def _merge_split_prices(out: list[Line]) -> list[Line]:
    """``<div>£</div><div>150</div>`` -> one line "£150" (and "150" + "€")."""
    merged: list[Line] = []
    for line in out:
        prev = merged[-1] if merged else None
        if prev and (
            _CUR_ONLY.match(prev.text) and _NUM_ONLY.match(line.text)
            or _NUM_ONLY.match(prev.text) and _CUR_ONLY.match(line.text)
        ):
            prev.text = f"{prev.text}{line.text}" if _CUR_ONLY.match(prev.text) else f"{prev.text} {line.text}"
            continue
        if prev and re.fullmatch(r"(?:from|ab|desde|od|à partir de|a partire da|was|now)", prev.text, re.I):
            line.text = f"{prev.text} {line.text}"
            merged[-1] = line
            continue
        merged.append(line)
    return merged
