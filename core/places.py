"""Places: US states and the currency a country prices in (one table each, used by every layer)."""

from __future__ import annotations

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

