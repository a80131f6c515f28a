"""Addresses, postcodes, phone numbers and country inference for clinic pages.

Pure string functions used by extract/clinic_info.py. Postcode patterns per
country (UK, IE Eircode, US ZIP with state, PL NN-NNN, DE/ES/FR/IT 5-digit, the
code before or after the town); phones normalised to E.164 with
``phonenumbers``; the country guessed from the strongest evidence present.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import phonenumbers

from extract.people_vocab import US_STATES

UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[ABD-HJLNP-UW-Z]{2})\b")
IE_EIRCODE = re.compile(r"\b((?:[AC-FHKNPRTV-Y]\d{2}|D6W))\s?([AC-FHKNPRTV-Y0-9]{4})\b")
US_ZIP = re.compile(r"\b([A-Z]{2})\.?\s+(\d{5})(?:-\d{4})?\b")
US_ZIP_STATE_NAME = re.compile(
    r"\b(" + "|".join(sorted((n for n in US_STATES if len(n) > 2), key=len, reverse=True)) + r")\s+(\d{5})(?:-\d{4})?\b")
PL_POSTCODE = re.compile(r"\b(\d{2}-\d{3})[ \t]+([A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż\-]+(?:[ \t][A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż\-]+)*)")
PL_CODE = re.compile(r"(?:^|[\s,])(\d{2}-\d{3})[ \t]*(?=$|[\n,])", re.M)
EU5_POSTCODE = re.compile(
    r"\b(?:D-|E-)?(\d{5})[ \t]+([A-ZÄÖÜÁÉÍÓÚÑ][\wäöüßáéíóúñ.\-]+(?:[ \t](?:am|an|im|de|del|la)?[ \t]?[A-ZÄÖÜÁÉÍÓÚÑ(][\wäöüßáéíóúñ.\-)]+)*)")
EU5_CODE = re.compile(r"(?:^|[\s,])(?:D-|E-)?(\d{5})[ \t]*(?=$|[\n,])", re.M)
_COUNTRY_NAMES = {
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "gb": "GB", "united states": "US", "usa": "US", "us": "US",
    "united states of america": "US", "ireland": "IE", "éire": "IE", "germany": "DE", "deutschland": "DE",
    "spain": "ES", "españa": "ES", "poland": "PL", "polska": "PL", "france": "FR", "italy": "IT",
    "italia": "IT", "united arab emirates": "AE", "uae": "AE", "india": "IN", "turkey": "TR", "türkiye": "TR",
    "australia": "AU", "canada": "CA", "netherlands": "NL", "austria": "AT", "österreich": "AT",
    "u.a.e.": "AE", "u.a.e": "AE", "emirates": "AE", "republic of ireland": "IE", "u.k.": "GB", "u.s.a.": "US",
}
_TLD_COUNTRY = {"uk": "GB", "ie": "IE", "de": "DE", "es": "ES", "pl": "PL", "fr": "FR", "it": "IT", "ae": "AE",
                "in": "IN", "tr": "TR", "au": "AU", "ca": "CA", "nl": "NL", "at": "AT", "us": "US", "ch": "CH",
                "za": "ZA", "nz": "NZ", "be": "BE", "pt": "PT"}
_CURRENCY_COUNTRY = [("£", "GB"), ("zł", "PL"), ("PLN", "PL"), ("AED", "AE"), ("₹", "IN"), ("₺", "TR")]
_LANG_COUNTRY = {"de": "DE", "es": "ES", "pl": "PL", "fr": "FR", "it": "IT", "nl": "NL", "tr": "TR"}
_PHONE_HINT = re.compile(r"(?:\+|00)\s?(\d{1,3})[\s\-(]")
_PHONE_TEXT = re.compile(
    r"(?<![^\W\d_])(?:tel(?:ephone|efon|éfono)?|phone|call(?:\s+us)?|ph|t|mob(?:ile)?|teléfono|zadzwoń|rufen\s+sie\s+uns\s+an|llámanos"
    r"|(?:bookings?|enquiries|appointments?|reception|central)?\s*(?:line|hotline)|telefonnummer|nr\s+tel)"
    r"\.?\s*[:.]?\s*(\+?[\d(][\d\s().\-‑]{6,18}\d)",
    re.I,
)
_STATE_CODES = set(US_STATES.values())
_UNIT = re.compile(r"(?i)^(?:suite|unit|floor|flat|apt\.?|apartment|office|\d+(?:st|nd|rd|th)\s+floor|\d)")
_LOCALITY_OK = re.compile(r"^(?:[^\d]+|[^\W\d][\w' .-]+ \d{1,2}W?)$")
_TOWN_LINE = re.compile(r"^[^\W\d][^\d:@]{1,28}$")
# "License No. 15432", "HRB 12345", "#10234": a number, not a postcode
_NUMBER_LABEL = re.compile(r"(?i)(?:\bno\.?|\bnr\.?|#|\bnumber|\blicen[cs]e|\bid|\bref\.?|\bhrb|\bnpi|\bsteuer\w*)\s*$")
_PO_BOX = re.compile(r"(?i)^p\.?\s?o\.?\s+box\b|^postfach\b|^apartado\b")
_CONTACT_LABEL = re.compile(
    r"(?i)^(?:phone|tel(?:ephone)?|call(?:\s+us)?|e-?mail|whatsapp|mobile|fax|hours|opening\s+hours|address|contact|"
    r"directions|parking|book(?:ing)?s?)\b")
_LABEL = re.compile(r"(?i)^(?:address|adres|dirección|anschrift|visit us|find us)\b")


class Address(NamedTuple):
    street: str | None
    locality: str | None
    region: str | None
    postcode: str | None
    country: str | None


def country_code(value: str | None) -> str | None:
    """ISO2 from an ISO2 code or a country name."""
    if not value:
        return None
    v = value.strip()
    if len(v) == 2 and v.isalpha():
        return {"UK": "GB"}.get(v.upper(), v.upper())
    return _COUNTRY_NAMES.get(v.lower())


def tld_country(host: str) -> str | None:
    """Country of a ccTLD, looking through a sample-web '.localhost' suffix."""
    labels = [lb for lb in (host or "").lower().split(".") if lb]
    if labels and labels[-1] == "localhost":
        labels = labels[:-1]
    return _TLD_COUNTRY.get(labels[-1]) if labels else None


def _segments(text: str) -> list[str]:
    return [s.strip(" .") for s in re.split(r"[,\n;|·•]+", text) if s.strip(" .")]


def parse_address(text: str, country: str | None = None) -> Address:
    """Postcode, locality, region and street line from an address block."""
    text = re.sub(r"[ \t\xa0]+", " ", text or "").strip()
    named = next((c for seg in _segments(text) if (c := _COUNTRY_NAMES.get(seg.lower()))), None)
    country = named or country
    for parser in _PARSERS_BY_COUNTRY.get(country or "", _DEFAULT_ORDER):
        result = parser(text)
        if result is not None:
            return result if result.country or not country else result._replace(country=country)
    return Address(None, None, None, None, country)


def _before(text: str, start: int) -> str | None:
    head = text[:start].rsplit("\n", 1)[-1].rsplit(",", 1)[-1].strip(" ,")
    if head and _LOCALITY_OK.match(head):
        return head
    segs = _segments(text[:start])
    return segs[-1] if segs and _LOCALITY_OK.match(segs[-1]) else None


def _street_before(text: str, start: int, locality: str | None) -> str | None:
    segs = [s for s in _segments(text[:start]) if s != locality and not _LABEL.match(s)]
    if not segs:
        return None
    street = segs[-1]
    if len(segs) >= 2 and _UNIT.match(segs[-2]):  # "Suite 4, 22 Harley Street"
        street = f"{segs[-2]}, {street}"
    return street[:100]


def _uk(text: str) -> Address | None:
    m = UK_POSTCODE.search(text.upper())
    if not m:
        return None
    locality = _before(text, m.start())
    return Address(_street_before(text, m.start(), locality), locality, None, f"{m.group(1)} {m.group(2)}", "GB")


def _ie(text: str) -> Address | None:
    m = IE_EIRCODE.search(text.upper())
    if not m or not re.search(r"\d", m.group(2)):
        return None
    locality = _before(text, m.start())
    return Address(_street_before(text, m.start(), locality), locality, None, f"{m.group(1)} {m.group(2)}", "IE")


def _us(text: str) -> Address | None:
    for m in US_ZIP.finditer(text):
        if m.group(1) in _STATE_CODES:
            locality = _before(text, m.start())
            return Address(_street_before(text, m.start(), locality), locality, m.group(1), m.group(2), "US")
    m = US_ZIP_STATE_NAME.search(text)  # "Austin, Texas 78701"
    if m:
        locality = _before(text, m.start())
        return Address(_street_before(text, m.start(), locality), locality, US_STATES[m.group(1)], m.group(2), "US")
    return None


def _pl(text: str) -> Address | None:
    return _code_first(text, PL_POSTCODE, PL_CODE, "PL")


def _eu5(text: str) -> Address | None:
    return _code_first(text, EU5_POSTCODE, EU5_CODE, None)


def _code_first(text: str, code_city: re.Pattern, code_only: re.Pattern, country: str | None) -> Address | None:
    """'00-590 Warszawa' / '10115 Berlin', or 'Berlin, 10115' with the code after the town."""
    m = code_city.search(text)
    if m:
        return Address(_street_before(text, m.start(), None), m.group(2).strip(), None, m.group(1), country)
    m = next((c for c in code_only.finditer(text) if not _NUMBER_LABEL.search(text[max(0, c.start(1) - 25): c.start(1)])), None)
    if not m:
        return None
    start = m.start(1)
    locality = _before(text, start)
    return Address(_street_before(text, start, locality), locality, None, m.group(1), country)


def fallback_locality(text: str) -> Address | None:
    """No postcode: 'Office 701, Al Khaleej Street, Abu Dhabi' -> street + town (the last part)."""
    lines = [ln.strip() for ln in (text or "").split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        if _PO_BOX.match(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (re.search(r"\d", line) and _TOWN_LINE.match(nxt) and not _COUNTRY_NAMES.get(nxt.lower())
                and not _CONTACT_LABEL.match(nxt)):
            return Address(line, nxt, None, None, None)  # street line, then the town on its own line
        segs = _segments(line)
        while len(segs) > 2 and _COUNTRY_NAMES.get(segs[-1].lower()):
            segs = segs[:-1]  # "..., Dubai, United Arab Emirates"
        if len(segs) < 2 or not re.search(r"\d", " ".join(segs[:-1])):
            continue
        town = segs[-1]
        if _LOCALITY_OK.match(town) and len(town) <= 30 and not _COUNTRY_NAMES.get(town.lower()):
            return Address(", ".join(segs[:-1]), town, None, None, None)
    return None


_DEFAULT_ORDER = (_uk, _ie, _us, _pl, _eu5)
_PARSERS_BY_COUNTRY = {"GB": (_uk,), "IE": (_ie, _uk), "US": (_us,), "PL": (_pl,), "DE": (_eu5,), "ES": (_eu5,),
                       "FR": (_eu5,), "IT": (_eu5,), "AT": (_eu5,)}


def normalise_phone(raw: str | None, country: str | None) -> str | None:
    """E.164 ('+441614960000') or None when the text is not a possible number."""
    if not raw:
        return None
    raw = raw.replace("\u2011", "-").strip()
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    try:
        num = phonenumbers.parse(raw, None if raw.startswith("+") else (country or "GB"))
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(num):
        return None
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def phones_in_text(text: str) -> list[str]:
    """Raw phone numbers introduced by 'Tel', 'Phone', 'Call' ... in free text."""
    return [m.group(1).strip() for m in _PHONE_TEXT.finditer(text or "")]


def phone_country(raw: str | None) -> str | None:
    """Country of an international number ('+44 ...' -> GB), else None."""
    if not raw or not _PHONE_HINT.match(raw.strip()):
        return None
    try:
        num = phonenumbers.parse(raw.strip().replace("00", "+", 1) if raw.strip().startswith("00") else raw, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(num) or phonenumbers.region_code_for_country_code(num.country_code)
    return None if region in (None, "ZZ", "001") else region


def currency_country(text: str) -> str | None:
    for symbol, country in _CURRENCY_COUNTRY:
        if symbol in (text or ""):
            return country
    return None


def lang_country(lang: str | None) -> str | None:
    """'en-GB' -> GB, 'de' -> DE, 'en' -> None."""
    if not lang:
        return None
    parts = lang.replace("_", "-").split("-")
    if len(parts) > 1 and len(parts[1]) == 2:
        return country_code(parts[1])
    return _LANG_COUNTRY.get(parts[0].lower())


def phones_unlabelled(text: str, country: str | None) -> list[str]:
    """Valid numbers written without a label, landlines before mobiles (E.164)."""
    found: list[tuple[int, str]] = []
    try:
        matches = list(phonenumbers.PhoneNumberMatcher(text or "", country or "GB"))
    except Exception:  # noqa: BLE001 - the matcher must never break a page
        return []
    for match in matches:
        kind = phonenumbers.number_type(match.number)
        mobile = kind == phonenumbers.PhoneNumberType.MOBILE
        found.append((1 if mobile else 0, phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)))
    return [num for _, num in sorted(found, key=lambda pair: pair[0])]
