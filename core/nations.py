"""UK postcodes: a comparison key, the postcode area, and the nation a postcode is in.

Which regulator a clinic answers to depends on the nation: the CQC registers
premises in England, Healthcare Improvement Scotland (HIS) in Scotland. The
postcode area (the leading letters: "G" of "G2 4JR", "EH" of "EH3 9QN") nearly
decides it; a few areas straddle a border, and there the district decides:

* TD (Galashiels) is Scottish except TD15 (Berwick-upon-Tweed, England);
* CH (Chester) is English except CH5-CH8 (Flintshire, Wales);
* SY (Shrewsbury) is English for SY1-SY14, Welsh for SY15-SY25;
* LD (Llandrindod Wells) and LL, NP, SA, CF are Welsh; BT is Northern Ireland;
* GY, JE and IM are the Crown Dependencies, not part of any of the four nations.

A district that straddles the border street by street (DG16, TD12, LD7/LD8) is
given to the nation most of it lies in. Pure functions, no data files.
"""

from __future__ import annotations

import re

SCOTTISH_AREAS = frozenset("AB DD DG EH FK G HS IV KA KW KY ML PA PH ZE TD".split())
WELSH_AREAS = frozenset("CF LD LL NP SA".split())
CROWN_DEPENDENCIES = frozenset("GY JE IM".split())
NATIONS = ("england", "scotland", "wales", "northern_ireland")

# Outward code (area + district) then an optional inward code (digit + two letters).
_POSTCODE = re.compile(r"^([A-Z]{1,2})(\d[A-Z\d]?)(\d[A-Z]{2})?$")
_SPACE = re.compile(r"[\s.\-]+")


def postcode_key(postcode: str | None) -> str:
    """Upper case without spaces: "sw1a 1aa" -> "SW1A1AA" ("" for nothing)."""
    return _SPACE.sub("", (postcode or "").upper())


def _parts(postcode: str | None) -> tuple[str, str] | None:
    match = _POSTCODE.match(postcode_key(postcode))
    return (match.group(1), match.group(2)) if match else None


def postcode_area(postcode: str | None) -> str | None:
    """The leading letters of a UK postcode ("G" for "G2 4JR"), None when it is not one."""
    parts = _parts(postcode)
    return parts[0] if parts else None


def _district_number(district: str) -> int:
    digits = re.match(r"\d+", district)
    return int(digits.group()) if digits else -1


def uk_nation(postcode: str | None) -> str | None:
    """england, scotland, wales or northern_ireland; None for a Crown Dependency or no postcode."""
    parts = _parts(postcode)
    if parts is None:
        return None
    area, district = parts
    number = _district_number(district)
    if area in CROWN_DEPENDENCIES:
        return None
    if area == "BT":
        return "northern_ireland"
    if area == "TD":
        return "england" if number == 15 else "scotland"
    if area in SCOTTISH_AREAS:
        return "scotland"
    if area in WELSH_AREAS or (area == "CH" and 5 <= number <= 8) or (area == "SY" and number >= 15):
        return "wales"
    return "england"
