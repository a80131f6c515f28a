"""Price text -> amount, ISO currency and basis: the one home of price normalisation.

Numbers go through price-parser (``Price.fromstring`` knows 1,200.00 / 1.200,00 /
1 200 / 1'200); this module adds what price-parser does not know: currency
symbols/codes/words to ISO 4217, "2k", ranges, was/now offers, "from" prices,
deposits and savings (not prices), monthly finance (not prices), POA and free
(no price, never zero), and the basis read next to each amount (session, course
of N with per-session, area/unit/ml/syringe with quantity, treatment,
consultation) through extract/price_units.py.

Only amounts with a currency marker are prices, so phone numbers, dates, years,
"45 min" and "6 sessions" never become one; ``bare=True`` lets a lone number count
when the caller knows the text is a price cell (a "Price (£)" column).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from price_parser import Price as _PPPrice

from core.text import fold
from extract import price_units as pu

MAX_AMOUNT = 1_000_000.0
KNOWN_CURRENCIES = frozenset(
    {"GBP", "USD", "EUR", "PLN", "AED", "INR", "TRY", "AUD", "CAD", "NZD", "SGD", "CHF", "HKD", "MXN", "ZAR"}
)
_DOLLAR_CURRENCIES = frozenset({"USD", "AUD", "CAD", "NZD", "SGD", "HKD", "MXN"})
_CURRENCY_OF = {
    "£": "GBP", "₤": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "nz$": "NZD", "nzd": "NZD", "s$": "SGD", "sgd": "SGD", "chf": "CHF", "fr.": "CHF", "sfr.": "CHF",
    "sfr": "CHF", "zar": "ZAR", "rand": "ZAR", "franken": "CHF", "fr": "CHF",
    "zł": "PLN", "zl": "PLN", "pln": "PLN", "złotych": "PLN", "zlotych": "PLN", "zł.": "PLN",
    "aed": "AED", "dh": "AED", "dhs": "AED", "dh.": "AED", "dhs.": "AED", "dirham": "AED", "dirhams": "AED",
    "₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "rupee": "INR", "rupees": "INR",
    "₺": "TRY", "try": "TRY", "tl": "TRY", "lira": "TRY",
}

# A code written before a dollar sign names the dollar ("CAD $200", "AUD $650").
_CODED_DOLLAR = r"(?:AUD|CAD|NZD|SGD|HKD|USD)\s?\$"
_PRE = (
    rf"{_CODED_DOLLAR}|US\$|NZ\$|AU\$|CA\$|A\$|C\$|S\$|£|₤|€|\$|₹|₺|"
    r"(?<![A-Za-z])(?:GBP|EUR|USD|AUD|CAD|NZD|SGD|CHF|PLN|AED|INR|TRY|ZAR|S?Fr\.|Rs\.?|Dhs?\.?|DH|TL)(?![A-Za-z])"
)
_POST = (
    r"US\$|\$|£|₤|€|₹|₺|zł\.?|(?:GBP|EUR|USD|AUD|CAD|NZD|CHF|PLN|AED|INR|TRY|ZAR|TL|Dhs?|DH|zl|złotych|zlotych"
    r"|[Ee]uros?|EURO|[Pp]ounds?|[Dd]ollars?|[Dd]irhams?|[Rr]upees?|[Ll]ira|[Rr]and|Franken)(?![A-Za-z])|S?Fr\.(?!\w)"
)
# 1,200 / 1.200 / 1 200 / 1'200, and the Indian lakh grouping 1,50,000
_NUM = (
    r"(?<![\d.,'’])(?<!\d[eE])(?:\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:(?:[,.'’]|[ \u00a0\u202f])\d{3})+|\d+)"
    r"(?:[.,]\d{1,2})?(?![\d])(?:[.,][-–—]{1,2})?"
)
# South Africa writes rand as "R600" / "R 2 500": read only on a page whose currency is the rand,
# since a bare "R" before a number means many other things elsewhere.
_RAND = re.compile(rf"(?<![A-Za-z0-9])R\s?(?P<n>{_NUM})(?P<k>[kK](?![A-Za-z]))?(?![A-Za-z])")
_K = r"(?:[kK](?![A-Za-z]))"
MONEY = re.compile(
    rf"(?P<pre>{_PRE})\s?(?P<n1>{_NUM})(?P<k1>{_K})?(?:\s?(?P<post1>{_POST})(?!\s?\d))?"
    rf"|(?P<n2>{_NUM})(?P<k2>{_K})?\s?(?P<post2>{_POST})(?!\d)"
)
_PAREN_CURRENCY = re.compile(r"\((?:in\s)?(?P<c>GBP|EUR|USD|AUD|CAD|NZD|CHF|PLN|AED|INR|TRY|ZAR|£|₤|€|\$|₹|₺|zł|TL)\)")
_EXPONENT = re.compile(r"\d+(?:[.,]\d+)?[eE][+-]?\d+\b")
_BARE = re.compile(rf"(?P<n>{_NUM})(?P<k>{_K})?")
_BARE_ONLY = re.compile(rf"^[^\d]*?(?P<n>{_NUM})(?P<k>{_K})?[^\d]*$")
_RANGE_SEP = r"\s*(?:-|–|—|~|to|bis|a|al|hasta|do|à|au|fino a|ila|ile)\s*"
_RANGE_BETWEEN = re.compile(r"^\s*(?:-|–|—|~|to|bis|a|al|hasta|do|à|au|fino a|ila|ile|and|und|y|i|et|e)\s*$", re.I)
_RANGE_LOW_BARE = re.compile(rf"(?P<n>{_NUM}){_RANGE_SEP}$", re.I)
_RANGE_HIGH_BARE = re.compile(rf"^{_RANGE_SEP}(?P<n>{_NUM})(?P<k>{_K})?(?!\s*(?:%|[A-Za-z]))", re.I)
_BETWEEN_WORD = re.compile(r"\b(?:between|zwischen|entre|pomiedzy|tra|fra)\s*$")
_BREAK = re.compile(r"[;|\n•·]|,(?!\d)|\.\s|\s(?:or|oder|o|lub|ou|veya|oppure|and|und|y|i|et|e|ve|oraz|sowie|ademas|ainsi que|nonche)\s", re.I)
_NEG = re.compile(r"(?:^|[^\d\w£€$%)\s])\s?[-−]\s?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_BULLET = re.compile(r"^\s*[-−–•*]\s+$")  # "- £300" opening a line is a list item, not a minus
# dot/underscore leaders between a name and its price ("1 area ...... £175"): read as spaces
_LEADER = re.compile(r"(?:\.\s?){3,}|…+|_{3,}|·{3,}")
# a spaced slash between two prices separates offers ("£180 single / £480 course of 3")
_DOWN = re.compile(r"^\s*down\b")  # "$0 down": a finance down payment
_GAP_BREAK = re.compile(r"\s/\s")
# words that make a bare number before "- £500" a basis count, not the low end of a range
_COUNT_BEFORE = re.compile(r"(?:\bof|\bx|\bcourse|\bpackage|\bpack|\bpaket|\bpakiet|\bbono|\bseries)\s*$")
_NOT_FREE = re.compile(r"\b(?:included|incl|inkl|incluid[ao]|w cenie|compris|inclus[ao]?)\b")


@dataclass(frozen=True)
class PriceParse:
    """One price statement read from text (see docs/data-contract.md "Price semantics")."""

    amount: float | None
    currency: str | None
    amount_max: float | None = None
    was_amount: float | None = None
    from_price: bool = False
    unit: str = "session"
    sessions: int | None = None
    quantity: float | None = None
    per_session: float | None = None
    no_price: str | None = None  # "poa" | "free" when the text says there is no price
    text: str = ""


@dataclass
class _Tok:
    start: int
    end: int
    amount: float
    currency: str | None
    amount_max: float | None = None
    was: bool = False
    now: bool = False
    drop: bool = False


def _amount(num: str, k: str | None) -> float | None:
    num = re.sub(r"[.,][-–—]+$", "", num)
    parsed = _PPPrice.fromstring(num, decimal_separator="," if re.search(r",\d{1,2}$", num) else None)
    if parsed.amount is None:
        return None
    value = float(parsed.amount) * (1000 if k else 1)
    if not math.isfinite(value) or value < 0 or value > MAX_AMOUNT:
        return None
    return round(value, 2)


def currency_of(raw: str | None, default_currency: str | None = None) -> str | None:
    """ISO code for a currency sign/code/word; "$" follows a dollar default (AU -> AUD) else USD."""
    if not raw:
        return default_currency if default_currency in KNOWN_CURRENCIES else None
    raw = raw.strip()
    coded = re.match(r"([A-Z]{3})\s?\$$", raw)
    if coded:
        return coded[1]
    if raw == "$":
        return default_currency if default_currency in _DOLLAR_CURRENCIES else "USD"
    return _CURRENCY_OF.get(raw.lower()) or _CURRENCY_OF.get(raw)


def _tokens(text: str, default_currency: str | None) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in MONEY.finditer(text):
        num, k = (m["n1"], m["k1"]) if m["n1"] else (m["n2"], m["k2"])
        raw_cur = m["pre"] or m["post1"] or m["post2"]
        value = _amount(num, k)
        if value is None or _NEG.search(text[max(0, m.start() - 6):m.start()]) and not _BULLET.match(text[:m.start()]):
            continue
        toks.append(_Tok(m.start(), m.end(), value, currency_of(raw_cur, default_currency)))
    if not toks and "(" in text:
        toks = _column_currency(text, default_currency)
    if default_currency == "ZAR" and "R" in text:
        taken = [(t.start, t.end) for t in toks]
        for m in _RAND.finditer(text):
            value = _amount(m["n"], m["k"])
            if value is not None and not any(s < m.end() and m.start() < e for s, e in taken):
                toks.append(_Tok(m.start(), m.end(), value, "ZAR"))
        toks.sort(key=lambda t: t.start)
    return toks


def _column_currency(text: str, default_currency: str | None) -> list[_Tok]:
    """"Kosten (CHF) ab 400", "Price (£): 180": the currency heads the figures after it."""
    head = _PAREN_CURRENCY.search(text)
    if not head:
        return []
    toks = []
    for m in _BARE.finditer(text, head.end()):
        tail = fold(text[m.end():m.end() + 12])
        if _YEAR.match(m["n"]) or re.match(r"\s*(?:%|min|h\b|hrs?|hours?|ml|units?|x\b)", tail):
            continue
        value = _amount(m["n"], m["k"])
        if value is not None:
            toks.append(_Tok(m.start(), m.end(), value, currency_of(head["c"], default_currency)))
    return toks


def _bare_token(text: str, default_currency: str | None) -> list[_Tok]:
    m = _BARE_ONLY.match(text)
    if not m or _YEAR.match(m["n"].strip()) and not m["k"]:
        return []
    end = m.end("k") if m["k"] else m.end("n")
    rest = fold(text[: m.start("n")] + " " + text[end:])
    if re.search(r"\b(?:min|mins|minutes?|minuten|minutos|minut|h|hrs?|hours?|godz\w*|dk|dakika|%)\b", rest):
        return []
    if pu.basis(fold(text)) and pu.basis(fold(text)).unit == "course" and not rest.strip():
        return []
    value = _amount(m["n"], m["k"])
    if value is None or default_currency not in KNOWN_CURRENCIES:
        return []
    return [_Tok(m.start("n"), end, value, default_currency)]


def _merge_ranges(text: str, toks: list[_Tok]) -> list[_Tok]:
    out: list[_Tok] = []
    for tok in toks:
        prev = out[-1] if out else None
        gap = text[prev.end:tok.start] if prev else ""
        if prev and prev.amount_max is None and _RANGE_BETWEEN.match(gap) and tok.amount > prev.amount:
            if not re.fullmatch(r"\s*(?:and|und|y|i|et|e)\s*", gap, re.I) or _BETWEEN_WORD.search(
                fold(text[max(0, prev.start - 12):prev.start])
            ):
                prev.amount_max, prev.end = tok.amount, tok.end
                continue
        out.append(tok)
    for tok in out:
        if tok.amount_max is None:
            _bare_range(text, tok)
    return out


def _bare_range(text: str, tok: _Tok) -> None:
    """"150-200 €" (low end bare) and "£150-200" (high end bare)."""
    window = text[max(0, tok.start - 20):tok.start]
    low = _RANGE_LOW_BARE.search(window)
    if low and not _COUNT_BEFORE.search(fold(window[: low.start()])):
        value = _amount(low["n"], None)
        if value is not None and tok.amount / 20 <= value < tok.amount:
            tok.amount_max, tok.amount = tok.amount, value
            tok.start -= len(low.group(0))
            return
    high = _RANGE_HIGH_BARE.match(text[tok.end:tok.end + 24])
    if high:
        value = _amount(high["n"], high["k"])
        if value is not None and tok.amount < value <= tok.amount * 20:
            tok.amount_max = value
            tok.end += high.end()


def _windows(text: str, toks: list[_Tok], i: int) -> tuple[str, str]:
    """Folded clause text before and after token i (never crossing a neighbour token)."""
    lo = toks[i - 1].end if i else 0
    hi = toks[i + 1].start if i + 1 < len(toks) else len(text)
    before = text[lo:toks[i].start]
    breaks = list(_BREAK.finditer(before)) + (list(_GAP_BREAK.finditer(before)) if i else [])
    if breaks:
        before = before[max(b.end() for b in breaks):]
    after = text[toks[i].end:hi]
    brk = [b for b in (_BREAK.search(after), _GAP_BREAK.search(after) if hi < len(text) else None) if b]
    if brk:
        after = after[: min(b.start() for b in brk)]
    return fold(before), fold(after)


def _basis(before: str, after: str, context: str) -> pu.Basis:
    post, pre = pu.basis(after), pu.basis(before)
    for cand in (post if post and post.explicit_per else None, pre, post, pu.basis(fold(context))):
        if cand is None:
            continue
        if cand.unit == "consultation" and pu.FREE.search(before + after + fold(context)):
            continue
        return cand
    return pu.Basis("session")


def _mark(text: str, toks: list[_Tok]) -> None:
    wins = [_windows(text, toks, i) for i in range(len(toks))]
    for i, tok in enumerate(toks):
        before, after = wins[i]
        if pu.DEPOSIT.search(before[-30:]) or _deposit_after(after) or pu.RECURRING.match(after):
            tok.drop = True
        elif pu.WAS.search(before[-40:]) or re.match(r"^\s*\)?\s*(?:was|statt|zamiast|antes)\b", after):
            tok.was = True
        elif pu.NOW.search(before[-20:]):
            tok.now = True
    for i, tok in enumerate(toks):
        if tok.now and i and not toks[i - 1].was and not toks[i - 1].now and not toks[i - 1].drop:
            between = fold(text[toks[i - 1].end:tok.start])
            if not pu.basis(between) or pu.basis(between).unit == "session":
                toks[i - 1].was = True


def _deposit_after(after: str) -> bool:
    """"£50 deposit", "£10 off": the word follows the amount; "£320 per session - save £50" is no deposit."""
    m = pu.DEPOSIT.search(after[:30])
    return bool(m) and not pu.basis(after[: m.start()]) or bool(_DOWN.match(after))


def _attach_was(toks: list[_Tok]) -> dict[int, float]:
    """Index of the offer each old price belongs to -> the old price."""
    was: dict[int, float] = {}
    live = [i for i, t in enumerate(toks) if not t.was and not t.drop]
    for i, tok in enumerate(toks):
        if tok.was and not tok.drop and live:
            target = min(live, key=lambda j: (abs(j - i), j < i))
            if toks[target].amount < tok.amount:
                was.setdefault(target, tok.amount)
    return was


def _build(text: str, tok: _Tok, before: str, after: str, context: str) -> PriceParse:
    b = _basis(before, after, context)
    from_price = bool(pu.FROM.search(before)) or bool(pu.FROM_AFTER.match(after))
    per_session = pu.per_session(tok.amount, b.unit, b.sessions)
    return PriceParse(
        amount=tok.amount, currency=tok.currency, amount_max=tok.amount_max,
        from_price=from_price and tok.amount_max is None, unit=b.unit, sessions=b.sessions,
        quantity=b.quantity, per_session=per_session, text=text[tok.start:tok.end].strip(),
    )


def _scan(text: str, default_currency: str | None, context: str, bare: bool) -> list[tuple[int, int, PriceParse]]:
    if len(text) > 1000 or len(context) > 1000:  # long texts are rarely repeated: keep the cache small
        return _scan_text(text, default_currency, context, bare)
    return list(_scan_cached(text, default_currency, context, bare))


@lru_cache(maxsize=8192)
def _scan_cached(text: str, default_currency: str | None, context: str, bare: bool) -> tuple:
    """Pure over its arguments and PriceParse is frozen: one scan serves every caller of the same text."""
    return tuple(_scan_text(text, default_currency, context, bare))


def _scan_text(text: str, default_currency: str | None, context: str, bare: bool) -> list[tuple[int, int, PriceParse]]:
    text = _LEADER.sub(lambda m: " " * len(m.group(0)), text)  # same length: callers slice by offsets
    text = _EXPONENT.sub(lambda m: " " * len(m.group(0)), text)  # "1e309" is no price, not £1
    toks = _tokens(text, default_currency)
    if not toks and bare:
        toks = _bare_token(text, default_currency)
    toks = _merge_ranges(text, toks)
    _mark(text, toks)
    was = _attach_was(toks)
    live = [i for i, t in enumerate(toks) if not t.drop and not t.was]
    kept = [toks[i] for i in live]
    out: list[tuple[int, int, PriceParse]] = []
    for n, i in enumerate(live):
        tok = toks[i]
        before, after = _windows(text, kept, n)
        parse = _build(text, tok, before, after, context)
        if i in was:
            parse = replace(parse, was_amount=was[i])
        if out and _derived(out[-1][2], parse, before):
            out[-1] = (out[-1][0], out[-1][1], _with_sessions(out[-1][2], parse))
            continue
        if parse.amount == 0:
            parse = replace(parse, amount=None, per_session=None, no_price="free")
        out.append((tok.start, tok.end, parse))
    return out


def _derived(prev: PriceParse, cur: PriceParse, before: str) -> bool:
    """"£900 (£150 per session)": the second figure restates the first, it is no offer."""
    return prev.unit == "course" and cur.unit == "session" and pu.in_parentheses(before) and (
        prev.amount is not None and cur.amount is not None and cur.amount < prev.amount
    )


def _with_sessions(course: PriceParse, session: PriceParse) -> PriceParse:
    if course.sessions or not course.amount or not session.amount:
        return course
    n = course.amount / session.amount
    if abs(n - round(n)) > 0.01 or not 1 < round(n) <= 50:
        return course
    return replace(course, sessions=round(n), per_session=session.amount)


def no_price(text: str) -> str | None:
    """"poa" or "free" when the text says the price is on application / nothing, else None."""
    folded = fold(text)
    if pu.POA.search(folded):
        return "poa"
    if pu.FREE.search(folded) and not _NOT_FREE.search(folded):
        return "free"
    return None


def parse_price(
    text: str, *, default_currency: str | None = None, context: str = "", bare: bool = False
) -> PriceParse | None:
    """The main price a short text (a cell, a card line) states, or None.

    ``context`` (row label, column header, heading) supplies the basis when the text
    itself does not ("Course of 6" header over "£900"). ``bare`` accepts a number with no
    currency sign, priced in ``default_currency``.
    """
    if not text or len(text) > 5000:
        return None
    found = _scan(text, default_currency, context, bare)
    if found:
        return found[0][2]
    kind = no_price(text)
    if kind is None:
        return None
    b = _basis("", fold(text), context)
    return PriceParse(amount=None, currency=currency_of(None, default_currency), unit=b.unit,
                      sessions=b.sessions, quantity=b.quantity, no_price=kind, text=text.strip()[:80])


def find_prices(
    text: str, *, default_currency: str | None = None, context: str = ""
) -> list[tuple[int, int, PriceParse]]:
    """Every price in running prose, as (start, end, parse); only amounts with a currency marker."""
    if not text or len(text) > 200_000:
        return []
    return _scan(text, default_currency, context, False)
