"""Places: US states, the currency a country prices in, UK nations by postcode area (one table
each, used by every layer)."""

from __future__ import annotations

import re

# US states and DC: code -> name.
US_STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}

# The currency prices on a site are in when the page shows only a bare symbol or number.
COUNTRY_CURRENCY = {
    "GB": "GBP", "US": "USD", "IE": "EUR", "DE": "EUR", "ES": "EUR", "FR": "EUR", "IT": "EUR",
    "NL": "EUR", "AT": "EUR", "PL": "PLN", "AE": "AED", "IN": "INR", "TR": "TRY", "AU": "AUD",
    "CA": "CAD", "CH": "CHF", "ZA": "ZAR", "NZ": "NZD", "BE": "EUR", "PT": "EUR",
}


# UK nations by postcode area (the letters before the first digit). Areas that straddle a border
# (CH and SY on the English-Welsh border, TD on the Scottish-English one) give no answer.
_NATION_AREAS = {
    "scotland": ("AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "ZE"),
    "wales": ("CF", "LD", "LL", "NP", "SA"),
    "northern_ireland": ("BT",),
}
_BORDER_AREAS = ("CH", "SY", "TD")
_AREA = re.compile(r"^\s*([A-Za-z]{1,2})\d")


def uk_postcode_area(postcode: str | None) -> str | None:
    """'SW1A 1AA' -> 'SW'; None for anything that does not start like a UK postcode."""
    m = _AREA.match(postcode or "")
    return m.group(1).upper() if m else None


def uk_nation(postcode: str | None) -> str | None:
    """'england', 'scotland', 'wales' or 'northern_ireland' from a UK postcode; None when the
    postcode is missing, malformed or in a border area."""
    area = uk_postcode_area(postcode)
    if area is None or area in _BORDER_AREAS:
        return None
    for nation, areas in _NATION_AREAS.items():
        if area in areas:
            return nation
    return "england"
