"""UK nation from a postcode: the table of areas and the border districts."""

from __future__ import annotations

import pytest

from core.nations import postcode_area, postcode_key, uk_nation


@pytest.mark.parametrize(
    ("postcode", "nation"),
    [
        ("SW1A 1AA", "england"), ("M1 4BT", "england"), ("LS1 4AP", "england"),
        ("B3 2NS", "england"), ("ex2 8tu", "england"), ("CA1 1QS", "england"),
        ("G2 4JR", "scotland"), ("EH3 9QN", "scotland"), ("AB10 1XG", "scotland"),
        ("ZE1 0AA", "scotland"), ("HS1 2XX", "scotland"), ("KY16 9AJ", "scotland"),
        ("TD1 1AA", "scotland"), ("TD15 1BA", "england"),
        ("CF10 1EP", "wales"), ("LL57 2DG", "wales"), ("SA1 1NW", "wales"),
        ("CH5 1AA", "wales"), ("CH1 2HS", "england"),
        ("SY23 1DE", "wales"), ("SY1 1AA", "england"),
        ("BT1 5GS", "northern_ireland"),
        ("JE2 3AB", None), ("IM1 1AA", None), ("GY1 1AA", None),
        ("", None), (None, None), ("10115", None), ("D02 X285", None),
    ],
    ids=lambda v: str(v),
)
def test_uk_nation(postcode, nation):
    assert uk_nation(postcode) == nation


@pytest.mark.parametrize(
    ("postcode", "key", "area"),
    [("sw1a 1aa", "SW1A1AA", "SW"), (" G2  4JR ", "G24JR", "G"), ("EH39 9QN", "EH399QN", "EH"),
     ("W1", "W1", "W"), ("nonsense", "NONSENSE", None)],
    ids=["lower-case", "spaces", "two-digit-district", "outward-only", "not-a-postcode"],
)
def test_postcode_key_and_area(postcode, key, area):
    assert postcode_key(postcode) == key
    assert postcode_area(postcode) == area
