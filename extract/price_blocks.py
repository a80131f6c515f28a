"""Every price on a clinic page, each tied to its treatment: the prices extractor.

Reads the cleaned page (extract/price_lines.py) as reading-order lines and pairs
each price with the label of its own row, card, list item or dt/dd pair; a price
line with no label of its own ("£180", "1 area £150") takes the label just above it
when the two sit close together, else a heading that names a treatment. Headings
give context only (hair vs face, "Botox" over "1 area / 2 areas"). Tables are read
cell by cell (extract/price_tables.py), prose sentence by sentence, schema.org offers
through extract/price_structured.py. Visible rows win over structured data of the
same offer (they carry the unit/sessions details).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import html

from extract import price_lines as pl
from core.text import fold
from extract import money_roles, price_tables, price_units as pu, treatments
from extract.price_structured import structured_prices
from extract.price_rows import clean_label, is_variant as _is_variant, to_price as _price, with_label_basis
from extract.prices import PriceParse, find_prices, no_price, parse_price
from items import Price

_CTA = re.compile(
    r"\b(?:book|call|contact|get|claim|request|enquire|schedule|arrange|buchen|vereinbaren|reservar|"
    r"pide|solicita|umow|zarezerwuj|reservez|prenota|randevu|included|incl|inkl|with every)\b"
)
# a duration on its own ("45 min", "1h 30min", "1 g 15 min"): service-menu furniture, never a label
_DURATION = re.compile(
    r"^(?:(?:ca\.?|approx\.?|~)?\s*\d+(?:[.,]\d+)?\s*(?:h|hr|hrs|hours?|godz\.?|g|std\.?|stunden?|min|mins|"
    r"minutes?|minuten|minutos|minut|dk|dakika|saat|heures?|ore)\.?\s*)+$"
)
# words that say a sentence's amount is what something costs (a page-title treatment may then own it)
_COST_WORDS = re.compile(r"\b(?:cost|costs|price[sd]?|pricing|charge[sd]?|fee|pay|budget|upwards?|from|starting|"
                         r"kost\w*|preis\w*|precio\w*|cuesta|prix|tarif\w*|cena|ceny|koszt\w*|fiyat\w*|"
                         r"prezzo|prezzi|costa|prijs\w*|vanaf|tarief)\b")
# the words between a treatment and its amount that say the amount is its price
_STATED_COST = re.compile(r"^\W*(?:(?:treatments?|sessions?|procedures?|injections?)\s+)?(?:costs?|is|are|"
                          r"is priced at|are priced at|starts? (?:at|from)|from)\s*(?:only\s+|just\s+)?$")
# a sentence end: ". " after a word that is not an abbreviation ("ca. 50 €", "approx. £40", "Dr. Weber")
_SENTENCE_STOP = re.compile(
    r"(?<!\bca)(?<!\bapprox)(?<!\binkl)(?<!\bincl)(?<!\bzzgl)(?<!\bbzw)(?<!\bz\.b)(?<!\bdr)(?<!\bnr)(?<!\bno)"
    r"(?<!\bst)(?<!\bvs)(?<!\bmin)(?<!\bmax)(?<!\bprox)(?<!\baprox)(?<!\bok)(?<!\bwg)(?<!\bzł)(?<!\bzl)"
    r"[.!?](?=\s)", re.I)
# a label that only says "price": the page's topic names the treatment
_GENERIC_LABEL = re.compile(r"^\W*(?:costs?|prices?|pricing|fees?|investment|kosten|preis(?:e)?|precios?|coste|prix|"
                            r"tarifs?|cena|ceny|koszt|fiyat\w*|ucret|prezzo|prezzi|costo)\W*$", re.I)
_CLAUSE = re.compile(r"\s*[·|•;]\s*")
_MAX_DESC_LINES = 2
_MAX_LABEL_WORDS = 14
_PROSE_WORDS = 16
_CLOSE_LINES = 3
_CLOSE_CHARS = 700


@dataclass
class _State:
    currency: str | None
    headings: list[tuple[int, str]] = field(default_factory=list)
    label: tuple[str, html.HtmlElement, int, str] | None = None  # name, element, line index, raw text
    title: tuple[str, html.HtmlElement, int, str] | None = None  # the last label styled as a title
    variant: tuple[str, int] = ("", -9)  # a unit line ("Course of 6") and its index, for the next price
    prose: list[Price] = field(default_factory=list)  # prices read from sentences (secondary)
    page_title: str = ""  # the <title> part naming a treatment: the last resort for a label
    pairs: dict[int, int] = field(default_factory=dict)  # price line -> label line of a two-column layout
    own_page: bool = False  # a clinic's own service or policy page (not a guide, news or blog post)
    brand: str | None = None  # the site's own name (extract/money_roles.py site_brand)
    run: tuple[int, str] = (-9, "")  # the last price row that took its label from above, and that label

    def context(self) -> str:
        return " | ".join(t for _, t in reversed(self.headings))

    def push_heading(self, level: int, text: str) -> None:
        self.headings = [h for h in self.headings if h[0] < level] + [(level, text)]


def extract_prices(
    doc: html.HtmlElement, nodes: list[dict], *, url: str, default_currency: str | None, country: str | None
) -> list[Price]:
    """Every price on the page, tied to its treatment, deduplicated (see module docstring)."""
    root = pl.clean(doc)
    tables = price_tables.innermost_tables(root)
    lines = pl.lines(root, skip=set(tables))
    state = _State(default_currency, page_title=_page_title(doc), pairs=_column_pairs(lines),
                   own_page=money_roles.page_role(url, doc.findtext(".//title")) != "editorial",
                   brand=money_roles.site_brand(url))
    visible: list[Price] = []
    for i in range(len(lines)):  # an article's market figures are told apart later (extract/money_roles.py)
        visible += _read_line(lines, i, state)
    structured = structured_prices(nodes, default_currency)
    return _finish(visible, state.prose + structured, default_currency)


def _read_line(lines: list[pl.Line], i: int, st: _State) -> list[Price]:
    line = lines[i]
    if line.table:
        st.label = None
        return price_tables.table_prices(line.el, st.context(), st.currency)
    found = find_prices(line.text, default_currency=st.currency)
    if not found:
        return _no_money_line(lines, i, st)
    if len(line.text.split()) >= _PROSE_WORDS:
        st.prose += _prose(line, found, st, lines, i)
        return []
    return _row(lines, i, found, st)


def _no_money_line(lines: list[pl.Line], i: int, st: _State) -> list[Price]:
    line = lines[i]
    if _DURATION.match(fold(line.text)):
        return []
    words = len(line.text.split())
    kind = no_price(line.text) if words <= _MAX_LABEL_WORDS else None
    if kind:
        return _no_price_row(lines, i, kind, st)
    if line.heading:
        st.push_heading(line.heading, line.text)
    if _GENERIC_LABEL.match(line.text):
        st.label = (line.text.strip(), line.el, i, line.text)  # "Cost" over "£100": the page's topic
        return []
    if words > _MAX_LABEL_WORDS or treatments.is_furniture(line.text):
        if line.heading:
            st.label = None
        return []
    if _is_variant(line.text):
        st.variant = (line.text, i)
    elif line.heading and not treatments.best(line.text):
        st.label = None  # "Special offers", "Why choose us": a heading that names no treatment
    elif not line.text.rstrip().endswith((".", "!", "?")) or line.titled:
        st.label = (clean_label(line.text), line.el, i, line.text)
        if line.titled:
            st.title = st.label
    return []


def _no_price_row(lines: list[pl.Line], i: int, kind: str, st: _State) -> list[Price]:
    pattern = pu.POA if kind == "poa" else pu.FREE
    text = _clause_with(lines[i].text, pattern)
    folded = fold(text)
    if _CTA.search(folded):
        return []
    rest = clean_label(pu.FREE.sub(" ", pu.POA.sub(" ", folded)))
    hit = pattern.search(folded)
    head = clean_label(text[: hit.start()]) if hit and len(folded) == len(text) else ""
    name = (head or clean_label(_strip_words(text, pattern))) if rest else None
    if not name:
        name = _near_label(lines, i, st)[0]
    if not name:
        return []
    treatment = treatments.classify(name, st.context())
    named = treatments.best(name)
    if treatment is None or kind == "free" and (named is None or named.group != "consultation"):
        return []  # "free" is a price only for a consultation the line itself names
    parse = PriceParse(amount=None, currency=st.currency, no_price=kind, text=text[:80])
    return [_price(parse, treatment, name, text)]


def _clause_with(text: str, pattern: re.Pattern) -> str:
    """The clause of a "·"/"|"-separated strip that holds the POA/free words."""
    parts = _CLAUSE.split(text)
    return next((c for c in parts if pattern.search(fold(c))), text) if len(parts) > 1 else text


def _strip_words(text: str, pattern: re.Pattern) -> str:
    folded = fold(text)
    if len(folded) != len(text):
        return pattern.sub(" ", folded)
    spans = [m.span() for m in pattern.finditer(folded)]
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def _row(lines: list[pl.Line], i: int, found: list, st: _State) -> list[Price]:
    line = lines[i]
    out: list[Price] = []
    prev_end, name = 0, None
    for k, (start, end, parse) in enumerate(found):
        raw_label = line.text[prev_end:start]
        label = clean_label(raw_label)
        prev_end = end
        if label and not _is_variant(label) and treatments.classify(label, st.context()):
            name = label
            parse = with_label_basis(parse, raw_label)
        elif label and treatments.is_not_service(label):
            continue  # "Add a serum for £25", "Refer a friend: £20": not this treatment's price
        elif name is None and i in st.pairs:
            name, parse = _paired(lines, i, parse, st)
        elif name is None and k == 0 and st.run[0] == i - 1:
            name = st.run[1]  # the next row of a run of price rows under one label ("$300 for a medium patch")
            st.run = (i, name)
        elif name is None:
            name, raw = _near_label(lines, i, st)
            if name and len(found) == 1 and not pu.basis(fold(line.text)):
                parse = _with_unit_line(lines, i, parse, st, raw + _description(lines, i, st))
            if name and k == 0:
                st.run = (i, name)
        if not name:
            continue
        treatment = treatments.classify(name, st.context() + " | " + line.text)
        if treatment == "consultation":
            treatment = _setting_treatment(name) or treatment
        if treatment is None and _GENERIC_LABEL.match(name):
            treatment = "other"  # "Cost" over "£100": the page names the treatment (spiders/pages/clinic_page.py)
        if treatment == "other" and not treatments.best(name):
            treatment = (_intro(lines, i, st) or (treatment,))[0]  # the row keeps its own label
        if treatment:
            out.append(_price(parse, treatment, name, line.text))
    return out


_INTRO_LINES = 6  # an intro line scopes the short rows (or the sentence) just below it


def _intro(lines: list[pl.Line], i: int, st: _State) -> tuple[str, str] | None:
    """(treatment, name) of a short intro line or heading just above that names a treatment:
    "A consultation fee is charged for each area:" over "Skin: 60 €" / "Body: 60 €", or
    "Consultations" over "We ask a $50 fee, credited to your treatment". Only short rows may
    stand between the two: a paragraph in between starts something else."""
    if not st.label or not 0 < i - st.label[2] <= _INTRO_LINES:
        return None
    if any(len(line.text.split()) > _MAX_LABEL_WORDS for line in lines[st.label[2] + 1:i]):
        return None
    hit = treatments.best(st.label[3])
    if hit is None or hit.group == "other":
        return None
    return treatments.resolve(hit.group, hit.text, st.context()), hit.text


def _with_unit_line(lines: list[pl.Line], i: int, parse: PriceParse, st: _State, label: str) -> PriceParse:
    """A price-only line takes its basis from a unit line just before or after it, else its label."""
    unit_text = st.variant[0] if st.variant[1] == i - 1 else ""
    if not unit_text and i + 1 < len(lines):
        nxt = lines[i + 1].text
        if len(nxt.split()) <= 6 and not find_prices(nxt) and _is_variant(nxt):
            unit_text = nxt
    context = f"{unit_text} {label}".strip()
    return parse_price(lines[i].text, default_currency=st.currency, context=context) or parse


def _description(lines: list[pl.Line], i: int, st: _State) -> str:
    """A description between a card's label and its price that opens with a course
    ("Two treatments four weeks apart", "Course of three sessions"): basis context."""
    if not st.label or not 0 < i - st.label[2] <= _MAX_DESC_LINES + 1:
        return ""
    for line in lines[st.label[2] + 1:i]:
        lead = pu.leading_course(fold(line.text))
        if lead:
            return " " + lead
    return ""


def _near_label(lines: list[pl.Line], i: int, st: _State) -> tuple[str | None, str]:
    """(name, raw text) of the label this price-only line belongs to: the one just above if close
    (a card's title when the line above is a description naming no treatment), else a heading
    that names a treatment."""
    if st.label:
        text, el, idx, raw = st.label
        if st.title and st.title is not st.label and treatments.best(text) is None:
            t_text, t_el, t_idx, t_raw = st.title
            if treatments.best(t_text) and i - t_idx <= _CLOSE_LINES + 2 and _close(t_el, lines[i].el):
                return t_text, t_raw
        if i - idx <= _CLOSE_LINES or _close(el, lines[i].el):
            return text, raw
    for _, heading in reversed(st.headings):
        if treatments.best(heading):
            return clean_label(heading), heading
    if st.page_title:
        return st.page_title, st.page_title
    return None, ""


def _page_title(doc: html.HtmlElement) -> str:
    """The part of <title> that names a treatment ("PRP Plans | Crown Clinic" -> "PRP Plans")."""
    title = doc.find(".//title")
    text = pl.norm(title.text_content()) if title is not None else ""
    parts = [clean_label(t) for t in re.split(r"\s[|–—\-:·]\s", text)]
    return next((t for t in parts if t and treatments.best(t) and not treatments.is_furniture(t)), "")


def _label_like(line: pl.Line) -> bool:
    words = len(line.text.split())
    return (not line.table and not line.heading and 0 < words <= _MAX_LABEL_WORDS
            and not find_prices(line.text) and not _DURATION.match(fold(line.text))
            and not treatments.is_furniture(line.text))


def _price_only(line: pl.Line) -> bool:
    found = [] if line.table else find_prices(line.text)
    return len(found) == 1 and not clean_label(line.text[: found[0][0]])


def _column_pairs(lines: list[pl.Line]) -> dict[int, int]:
    """A run of N labels followed by a run of N lone prices (Wix/column layouts put names in one
    text box and prices in the next): price line -> label line, in order."""
    pairs: dict[int, int] = {}
    i, n = 0, len(lines)
    while i < n:
        j = i
        while j < n and _label_like(lines[j]):
            j += 1
        k = j
        while k < n and _price_only(lines[k]):
            k += 1
        if j - i >= 2 and k - j == j - i:
            pairs.update({j + m: i + m for m in range(j - i)})
        i = max(k, i + 1)
    return pairs


def _paired(lines: list[pl.Line], i: int, parse: PriceParse, st: _State) -> tuple[str | None, PriceParse]:
    """Name and basis of a price from a two-column layout; a unit label ("2 areas") takes the name above."""
    j = st.pairs[i]
    label = lines[j].text
    if _is_variant(label):
        names = [lines[m].text for m in range(min(st.pairs.values(), default=j), j) if not _is_variant(lines[m].text)]
        name = clean_label(names[-1]) if names else _near_label(lines, i, st)[0]
    else:
        name = clean_label(label)
    if not pu.basis(fold(lines[i].text)):
        parse = parse_price(lines[i].text, default_currency=st.currency, context=label) or parse
    return name, parse


def _close(a: html.HtmlElement, b: html.HtmlElement) -> bool:
    ancestors = {id(x) for x in a.iterancestors()} | {id(a)}
    for anc in [b, *b.iterancestors()]:
        if id(anc) in ancestors:
            return anc.tag not in ("body", "html", "main") and len(anc.text_content()) <= _CLOSE_CHARS
    return False


_SETTING = re.compile(r"\b(?:during|within|in the course of|as part of|at the time of)\s+(?:an?|the|your|our)?\s*"
                      r"(?:[a-z]+\s+){0,2}$")


def _other_subject(before: str) -> treatments.Mention | None:
    """"Filler dissolving costs £195 per session": a treatment outside the main groups that the
    sentence says costs the amount (its last treatment named, right before a cost word)."""
    found = treatments.mentions(before)
    if not found or found[-1].group != "other" or not _STATED_COST.search(fold(before[found[-1].end:])):
        return None
    return found[-1]


def _previous_sentence_topic(text: str, before: str, start: int, st: _State) -> treatments.Mention | None:
    """"Toxin for sweating is costly. Self-paying patients are charged $900 for both underarms": on
    a clinic's own service or policy page, a sentence naming no treatment but saying what something
    costs takes the one treatment the earlier sentences of its paragraph name. On posts, guides and
    news only when the sentence speaks for the clinic ("we", or the clinic's own name): their other
    paragraphs quote the market. Never when the paragraph names two treatments."""
    if not _COST_WORDS.search(fold(before)) or treatments.mentions(text[start - len(before):]):
        return None
    if not st.own_page and not money_roles.speaks_for_clinic(before, st.brand):
        return None  # a post or guide: only a sentence where the clinic speaks for itself
    earlier = [m for m in treatments.mentions(text[:start - len(before)]) if m.group != "other"]
    return earlier[-1] if len({m.group for m in earlier}) == 1 else None


def _in_setting(text: str, m: treatments.Mention) -> bool:
    """"If freezing is done during a GP consultation, it is £25": the consultation is where the
    treatment happens, not what the amount buys."""
    return m.group == "consultation" and bool(_SETTING.search(fold(text[:m.start])))


def _setting_treatment(label: str) -> str | None:
    """The treatment of a row label whose only consultation is a setting: the one named before it,
    else "other"; None when the label names a consultation for itself."""
    found = treatments.mentions(label)
    cons = [m for m in found if m.group == "consultation"]
    if not cons or not all(_in_setting(label, m) for m in cons):
        return None
    before = [m for m in found if m.group != "consultation" and m.start < cons[-1].start]
    return treatments.classify(before[-1].text, label) if before else "other"


def _prose(line: pl.Line, found: list, st: _State, lines: list[pl.Line] | None = None,
           line_index: int = -1) -> list[Price]:
    out: list[Price] = []
    text = line.text
    stops = [m.start() for m in _SENTENCE_STOP.finditer(text)]
    for start, end, parse in found:
        before = text[max([i + 1 for i in stops if i < start], default=0):start]
        after = text[end:min([i for i in stops if i >= end], default=len(text))]
        hits = [m for m in treatments.mentions(before) if m.group != "other"]
        if hits and _in_setting(before, hits[-1]):
            named = [m for m in treatments.mentions(before[:hits[-1].start]) if m.group != "consultation"]
            hits = named[-1:]
        later = [m for m in treatments.mentions(after) if m.group != "other"]
        if hits:  # the words after the amount describe it too ("PRP — £500: for thinning on the scalp")
            name, ctx = hits[-1].text, before + " " + after + " | " + st.context()
        elif later:  # "we charge a £30 consultation fee", "a $50 fee for consultations"
            name, ctx = later[0].text, after + " | " + st.context()
        elif (earlier := _previous_sentence_topic(text, before, start, st)) is not None:
            name, ctx = earlier.text, text[:start] + " | " + st.context()
        elif (other := _other_subject(before)) is not None:
            name, ctx = other.text, before + " " + after + " | " + st.context()
        else:
            heading = next((h for _, h in reversed(st.headings) if treatments.best(h)), None)
            if heading is None and st.page_title and _COST_WORDS.search(fold(before + after)):
                heading = st.page_title  # "budget from R3 000 upward" on a page about fillers
            intro = _intro(lines, line_index, st) if heading is None and lines else None
            if intro:
                out.append(_price(parse, intro[0], intro[1], text))
                continue
            if heading is None:
                continue
            name, ctx = clean_label(heading), st.context()
        treatment = treatments.classify(name, ctx)
        if treatment:
            out.append(_price(parse, treatment, name, text))
    return out


def _key(p: Price) -> tuple:
    return (p.treatment, treatments.normalise(p.treatment_text), p.amount, p.unit, p.sessions, p.quantity,
            p.amount_max)


def _same_offer(row: Price, other: Price) -> bool:
    """``other`` (prose or structured) restates ``row``: same treatment and one of its figures.

    Structured data is often stale: an old "was" price or the ends of a range count too.
    """
    if row.currency != other.currency or other.amount is None:
        return False
    same_name = treatments.normalise(row.treatment_text) == treatments.normalise(other.treatment_text)
    if row.treatment != other.treatment and not same_name:
        return False
    return other.amount in (row.amount, row.was_amount, row.amount_max)


def _restates(p: Price, rows: list[Price]) -> bool:
    """"Anti-wrinkle from £149" beside "1 area £149": the from-price is a teaser of a listed row."""
    return p.from_price and p.amount is not None and any(
        not q.from_price and q.treatment == p.treatment and q.currency == p.currency and q.amount == p.amount
        for q in rows)


def _finish(visible: list[Price], secondary: list[Price], default: str | None) -> list[Price]:
    """Drop duplicates, and prose/structured copies of row offers; give unpriced rows the page currency."""
    out: list[Price] = []
    seen: set[tuple] = set()
    for p in visible:
        if _key(p) not in seen:
            seen.add(_key(p))
            out.append(p)
    for p in secondary:
        twin = any(_same_offer(v, p) for v in out)
        if not twin and _key(p) not in seen:
            seen.add(_key(p))
            out.append(p)
    out = [p for p in out if not _restates(p, out)]
    for p in out:
        with_toxin_site(p)
    counts = Counter(p.currency for p in out if p.currency)
    page_currency = counts.most_common(1)[0][0] if counts else default
    for p in out:
        if p.currency is None:
            p.currency = page_currency
    return out


def with_toxin_site(p: Price) -> None:
    """A toxin row naming one injection site ("Frown lines from £120") is a per-area price."""
    if p.treatment != "botulinum_toxin" or p.unit != "session" or p.quantity is not None \
            or pu.basis(fold(p.price_text or "")):
        return
    b = pu.toxin_site_basis(fold(p.treatment_text or ""))
    if b:
        p.unit, p.quantity, p.per_session = b.unit, b.quantity, None
