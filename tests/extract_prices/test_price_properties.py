"""Property tests: parse_price / find_prices on arbitrary text never raise and only
return finite, non-negative, bounded amounts in known currencies."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.prices import KNOWN_CURRENCIES, MAX_AMOUNT, find_prices, parse_price

TOKENS = list("0123456789 .,'-–£$€₹₺zł+kK/()") + [
    "PLN", "AED", "TL", "from ", "was ", "now ", "per session ", "course of ", "areas ", "ml ", "Dh ", "Rs. ",
    "1e309", "\u00a0", "POA", "free ", "deposit ", "/month", "between ", " and ", " to ",
]
PRICEY = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


def _ok(parse) -> None:
    for value in (parse.amount, parse.amount_max, parse.was_amount, parse.per_session):
        assert value is None or (math.isfinite(value) and 0 <= value <= MAX_AMOUNT)
    assert parse.currency is None or parse.currency in KNOWN_CURRENCIES
    assert parse.amount is None or parse.amount > 0
    assert (parse.amount is None) == (parse.no_price is not None) or parse.amount is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), PRICEY), st.sampled_from([None, "GBP", "AUD", "EUR", "XXX"]),
       st.booleans())
def test_parse_price_never_raises(text, currency, bare):
    parse = parse_price(text, default_currency=currency, bare=bare)
    if parse is not None:
        _ok(parse)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), PRICEY))
def test_find_prices_spans(text):
    for start, end, parse in find_prices(text):
        assert 0 <= start < end <= len(text)
        _ok(parse)
