"""Register numbers in text: GMC, NMC, GDC, GPhC, HCPC, NPI, US state licences, CQC, AHPRA,
Polish PWZ and Irish Medical Council numbers.

A number is taken only when the text names its register ("GMC No. 1234567", "nr PWZ
5425740", "CA RN 95012345"); every number goes through core/identifiers.py, so a
malformed one is kept with ``format_valid`` False. Split out of extract/credentials.py,
which re-exports ``find_registrations``.
"""

from __future__ import annotations

import re

from core.identifiers import format_valid, normalise
from extract.people_vocab import US_STATES
from items import Credential

_WS = re.compile(r"\s+")

_FILL = (
    r"(?:[\s:#=(\[]|,\s|[-–]\s|\b(?:registration|registered|reg|reference|ref|number|num|no|nr|n[ºo°]|pin|id|code|"
    r"is|with|the|under|licen[cs]e|lic|provider|location|my|his|her|their|as|an?|"
    r"nurse|doctor|dentist|pharmacist|practitioner|medical|prescriber|member)\b\.?)*?"
)
_NUM = r"(?P<v>(?:\d{3,4}[ \-]?\d{3,4}|\d{3,12})(?:[A-Za-z](?!\w))?(?![\d\w]))"  # a stray letter makes it malformed
_NMC_NUM = r"(?P<v>[0-9OIlS]{2}\s?[A-Za-z]\s?[0-9OIlS]{4}\s?[A-Za-z](?![A-Za-z0-9])|(?=[A-Za-z]*\d)[A-Za-z0-9]{5,10}(?![A-Za-z0-9]))"
_HCPC_NUM = r"(?P<v>(?:HAD|ODP|PYL|AS|BS|CH|CS|DT|OR|OT|PA|PH|PO|RA|SL)\s?\d{1,7}(?!\d)|[A-Z]{2,3}\d{3,8}(?!\d))"
_REG_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("gmc", re.compile(r"\b(?:GMC|General\s+Medical\s+Council(?:\s*\(GMC\))?)" + _FILL + _NUM, re.I)),
    ("gdc", re.compile(r"\b(?:GDC|General\s+Dental\s+Council(?:\s*\(GDC\))?)" + _FILL + _NUM, re.I)),
    ("gphc", re.compile(r"\b(?:GPhC|General\s+Pharmaceutical\s+Council(?:\s*\(GPhC\))?)" + _FILL + _NUM, re.I)),
    ("nmc", re.compile(r"\b(?:NMC|Nursing\s+(?:and|&)\s+Midwifery\s+Council(?:\s*\(NMC\))?)" + _FILL + _NMC_NUM, re.I)),
    ("hcpc", re.compile(r"\b(?:HCPC|Health\s+(?:and|&)\s+Care\s+Professions\s+Council(?:\s*\(HCPC\))?)" + _FILL + _HCPC_NUM, re.I)),
    ("npi", re.compile(r"\bNPI" + _FILL + r"(?P<v>\d{8,11}(?!\d))", re.I)),
    ("cqc", re.compile(r"\b(?:CQC|Care\s+Quality\s+Commission)\b[^.\n]{0,60}?(?P<v>1-\s?\d{6,12}(?!\d))", re.I)),
    ("ahpra", re.compile(r"\bAHPRA" + _FILL + r"(?P<v>[A-Z]{3}\s?\d{4,12}(?!\d))", re.I)),
    # Poland: "PWZ 1234567", "nr prawa wykonywania zawodu: 1234567"
    ("pwz", re.compile(r"\b(?:PWZ|prawa\s+wykonywania\s+zawodu(?:\s+lekarza(?:\s+dentysty)?)?)" + _FILL
                       + r"(?P<v>\d{7}(?!\d))", re.I)),
    # Ireland: "IMC No. 123456", "Irish Medical Council registration number 123456"
    ("imc", re.compile(r"\b(?:IMC|(?:Irish\s+)?(?<!General\s)Medical\s+Council(?:\s+of\s+Ireland)?(?:\s*\(IMC\))?)"
                       + _FILL + r"(?P<v>\d{4,6}(?!\d))", re.I)),
]
_ANY_DIGIT = re.compile(r"\d")
# the literal every _REG_PATTERNS match starts with (same flags): a cheap test before the full pattern
_REG_GUARD = {kind: re.compile(words, re.I) for kind, words in (
    ("gmc", "GMC|General"), ("gdc", "GDC|General"), ("gphc", "GPhC|General"), ("nmc", "NMC|Nursing"),
    ("hcpc", "HCPC|Health"), ("npi", "NPI"), ("cqc", "CQC|Care"), ("ahpra", "AHPRA"),
    ("pwz", "PWZ|prawa"), ("imc", "IMC|Medical"))}
_PREMISES = re.compile(r"premises|registered\s+pharmacy|pharmacy\s+(?:registration|number|no)", re.I)
_REVERSE = re.compile(r"(?P<v>\d{7})\s*\((?P<k>GMC|GDC|GPhC)\)", re.I)
_CQC_BARE = re.compile(r"\b(?:provider|location)\s+id\s*:?\s*(?P<v>1-\d{8,11})\b", re.I)
_AHPRA_BARE = re.compile(r"\b(?P<v>(?:MED|NMW|DEN|PHA|PAR|PHY)\d{10})\b")

_STATE_NAMES = "|".join(sorted((re.escape(n) for n in US_STATES), key=len, reverse=True))
_LIC_ROLE = (r"(?:(?:RN|LPN|LVN|NP|APRN|FNP|PA|MD|DO|RPh|Esthetician|Esthetics|Medical|Nursing|Physician|Nurse|Professional|"
             r"State|Practitioner|Assistant|Registered|Advanced|Practice|Vocational|Cosmetology)\s+){0,3}")
_LIC_WORD = r"(?i:licen[cs]e|lic\.)"
_LIC_TOKEN = r"(?P<v>[A-Z]{0,4}[\-\s]?\d[\dA-Z\-]{3,12})(?![\w\-])"
_LIC_NO = r"\s*(?i:no\.?|number|num\.?|#)?\s*[:#]?\s*#?\s*"
_STATE_LICENSE = [
    re.compile(r"\b(?P<s>" + _STATE_NAMES + r")\s+" + _LIC_ROLE + _LIC_WORD + _LIC_NO + _LIC_TOKEN),
    re.compile(r"\b" + _LIC_ROLE + _LIC_WORD + _LIC_NO + _LIC_TOKEN + r"\s*\((?P<s>" + _STATE_NAMES + r")\)"),
    re.compile(r"\b(?i:licen[cs]ed\s+in)\s+(?P<s>" + _STATE_NAMES + r")\s*[(,:]\s*(?i:licen[cs]e\s*)?(?i:no\.?|#)?\s*" + _LIC_TOKEN),
]
# "CA RN 95012345", "FL APRN9876543", "TX LVN #123456": state code, licence type, number
_STATE_ROLE = r"(?:RN|LVN|LPN|APRN|ARNP|CRNP|NP|FNP|PA|MD|DO|RPh|LE|CNM)"
_STATE_ROLE_NUMBER = re.compile(
    r"(?<![\w-])(?P<s>" + "|".join(sorted(set(US_STATES.values()))) + r")\s+(?:(?P<w>" + _STATE_ROLE + r"\d{4,12})|" + _STATE_ROLE
    + r"\s*(?:#|No\.?|Lic\.?)?\s*(?P<v>\d[\dA-Z\-]{3,12}))(?![\w\-])")
_US_LICENSE_BARE = re.compile(r"\b" + _LIC_ROLE + _LIC_WORD + r"\s*(?i:no\.?|number|num\.?|#)\s*[:#]?\s*" + _LIC_TOKEN)
_STATE_LOOKUP = {k.lower(): v for k, v in US_STATES.items()}


def _cred(kind: str, raw: str, evidence: str, issuer: str | None = None) -> Credential:
    value = normalise(kind, raw)
    return Credential(kind=kind, value=value, format_valid=format_valid(kind, value),
                      issuer=issuer, evidence=evidence)


def _evidence(text: str, start: int, end: int) -> str:
    return _WS.sub(" ", text[max(0, start - 40): end + 10]).strip()


def find_registrations(text: str, country: str | None = None) -> list[Credential]:
    """Register numbers the text names (GMC/NMC/GDC/GPhC/HCPC/NPI/CQC/AHPRA/state licences)."""
    text = text or ""
    if not _ANY_DIGIT.search(text):  # every number pattern but the NMC one needs a digit
        return _no_digit_registrations(text)
    found: list[tuple[int, Credential]] = []
    taken: list[tuple[int, int]] = []

    def add(pos: int, end: int, cred: Credential) -> None:
        if any(a <= pos < b or pos <= a < end for a, b in taken):
            return
        taken.append((pos, end))
        found.append((pos, cred))

    for kind, pattern in _REG_PATTERNS:
        if not _REG_GUARD[kind].search(text):  # the register's name is not even mentioned
            continue
        for m in pattern.finditer(text):
            if kind == "gphc" and _PREMISES.search(text[max(0, m.start() - 40): m.start("v")]):
                continue  # a registered pharmacy's premises number belongs to the clinic
            add(m.start("v"), m.end("v"), _cred(kind, m.group("v"), _evidence(text, m.start(), m.end())))
    for m in _REVERSE.finditer(text):
        add(m.start("v"), m.end("v"), _cred(m.group("k").lower(), m.group("v"), _evidence(text, m.start(), m.end())))
    for pattern, kind in ((_CQC_BARE, "cqc"), (_AHPRA_BARE, "ahpra")):
        for m in pattern.finditer(text):
            add(m.start("v"), m.end("v"), _cred(kind, m.group("v"), _evidence(text, m.start(), m.end())))
    for pattern in _STATE_LICENSE:
        for m in pattern.finditer(text):
            state = _STATE_LOOKUP.get(m.group("s").lower())
            add(m.start("v"), m.end("v"), _cred("state_license", m.group("v"), _evidence(text, m.start(), m.end()), state))
    for m in _STATE_ROLE_NUMBER.finditer(text):
        key = "w" if m.group("w") else "v"
        add(m.start(key), m.end(key), _cred("state_license", m.group(key), _evidence(text, m.start(), m.end()), m.group("s")))
    if country in (None, "US"):
        for m in _US_LICENSE_BARE.finditer(text):
            add(m.start("v"), m.end("v"), _cred("state_license", m.group("v"), _evidence(text, m.start(), m.end())))
    found.sort(key=lambda pair: pair[0])
    return _dedupe([c for _, c in found])


def _no_digit_registrations(text: str) -> list[Credential]:
    """find_registrations on a text without digits: only an NMC PIN of look-alike letters ('OO A OOOO B')."""
    nmc = _REG_PATTERNS[3][1]
    return _dedupe([_cred("nmc", m.group("v"), _evidence(text, m.start(), m.end())) for m in nmc.finditer(text)])


def _dedupe(creds: list[Credential]) -> list[Credential]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in creds:
        key = (c.kind, c.value.upper())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
