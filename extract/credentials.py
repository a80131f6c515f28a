"""Practitioner credentials read from free text: names, titles, post-nominals,
professions, prescriber status, memberships, training and register numbers.

Pure functions over strings; every regex is compiled once here. Register
numbers are only taken where the text names the register (``GMC``, ``NMC PIN``,
``NPI``, ``CA License`` ...), so phone numbers, dates, prices, company and VAT
numbers never become registrations. A number the text calls a GMC/NMC/...
number is returned even when malformed, with ``format_valid`` False
(validators live in :mod:`extract.identifiers`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extract.identifiers import format_valid, normalise
from extract.people_vocab import (
    DEGREES,
    KNOWN_POSTNOMINALS,
    MEMBERSHIPS,
    NAME_STOPWORDS,
    NAME_PARTICLES,
    PROFESSION_POSTNOMINALS,
    PROFESSION_WORDS,
    REGISTER_PROFESSION,
    ROYAL_COLLEGE,
    US_STATES,
)
from items import Credential

# ---------------------------------------------------------------- names

_TITLE_RE = re.compile(
    r"^\s*(?:(?:Frau|Herr|Pani?|Sr\.?|Sra\.?)\s+)?"
    r"(?P<title>Prof(?:essor|\.)?(?:\s+Dr\.?(?:\s*(?:med|n\.\s*med)\.?(?:\s*dent\.?)?)?)?"
    r"|[Dd]r\.?\s*(?:hab\.\s*)?n\.\s*med\.?|Dr\.?\s*med\.?(?:\s*(?:dent|univ)\.?)?|Dr\.?\s*univ\.?|Dr\.?ssa|Dra\.?|Dr\.?|Doctor|Doctora|Dott(?:\.|ssa\.?)?"
    r"|[Ll]ek\.?\s*(?:med|dent|stom)\.?|[Ll]ek\.|Mrs\.?|Mr\.?|Miss|Ms\.?|Mx\.?|Nurse|Sister|Enf\.)"
    r"\s+(?=\S)",
    re.UNICODE,
)
_SPLIT_ROLE = re.compile(r"\s+[|–—\-]\s+|\s*[:|]\s+|\s*\n\s*")
_POSTNOM_TOKEN = re.compile(r"^[A-Z][A-Za-z]*(?:[-/][A-Za-z]+)*\.?$|^\((?:Hons|Lond|Dist|Oxon|Cantab|Edin|Glas|Dub|Hon)\)$", re.I)
_ALLCAPS = re.compile(r"^[A-Z][A-Z\-]{1,6}$")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃÓĄĘ][\w'’\-]*\.?|[a-zà-ÿ]+)$", re.UNICODE)
_WS = re.compile(r"\s+")
# "Meet Dr ...", "Introducing Nurse ...": words that lead into a name and belong to neither
_LEAD_IN = re.compile(r"^(?:meet|introducing|say\s+hello\s+to|hello,?\s+I'?m|hi,?\s+I'?m|about|mgr(?:\s+farm\.)?|lic\.|in[żz]\.|(?:Frau|Herr|Pani?|Sra\.?|Dña\.?|Doña|D\.ª|Don)(?=\s+(?-i:[A-ZÀ-Þ])(?!r\.?\s)))\s+(?:our\s+\w+,?\s+)?(?=(?-i:[A-ZÀ-ÞŁŚŻ]))", re.I)
# "(GDC 81234)", "(GMC No. 7123456)" written inside a name line: the number is read elsewhere
_REG_IN_BRACKETS = re.compile(r"\s*\((?=[^()]*\d)[^()]{2,40}\)\s*$")
_NAME_LABEL = re.compile(r"(?i)^(?:(?:full\s+)?name|nombre|imi[eę](?:\s+i\s+nazwisko)?|practitioner|clinician)$")
_ROLE_LABEL = re.compile(r"^([^:|\n]{3,40}?)\s*:\s+(.+)$")
_ROLE_BEFORE_TITLE = re.compile(
    r"^((?:[\w\-äöüß]+\s+){1,2}?)((?:Prof(?:essor|\.)?|Dr\.?|Dra\.?|Doctor|Doctora|Nurse|[Ll]ek\.)\s+\S.*)$")
_NEWLINE_RUN = re.compile(r"\s*\n\s*")
_DR_AFTER_PROF = re.compile(r"(?i)dr\.?\s")
_COMMA_SPACE = re.compile(r"\s*,\s*")
_OPEN_PAREN_SPACE = re.compile(r"\(\s*")


class ParsedName(NamedTuple):
    title: str | None
    name: str
    postnominals: str | None
    rest: str | None  # text after the name (a role), if any


def normalise_title(raw: str | None) -> str | None:
    """'Dr. med.' -> 'Dr', 'Dra.' -> 'Dr', 'lek. med.' -> 'Lek', 'Professor' -> 'Prof'."""
    if not raw:
        return None
    t = raw.strip().lower().replace(" ", "")
    if t.startswith("prof"):
        return "Prof"
    if t.startswith(("dr", "doctor", "dott")):
        return "Dr"
    if t.startswith("lek"):
        return "Lek"
    if t.startswith(("nurse", "sister", "enf")):
        return "Nurse"
    return {"mr": "Mr", "mr.": "Mr", "mrs": "Mrs", "mrs.": "Mrs", "miss": "Miss",
            "ms": "Ms", "ms.": "Ms", "mx": "Mx", "mx.": "Mx"}.get(t)


def _is_postnominal(token: str, after_comma: bool, in_tail: bool) -> bool:
    bare = token.strip(",;")
    if not bare:
        return False
    key = bare.rstrip(".").upper().replace(".", "")
    if key in KNOWN_POSTNOMINALS or bare.startswith("("):
        return True
    if not _POSTNOM_TOKEN.match(bare):
        return False
    return bool(_ALLCAPS.match(bare)) and (after_comma or in_tail)


def _split_postnominals(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Peel post-nominal tokens off the end of a token list."""
    name = list(tokens)
    tail: list[str] = []
    while len(name) > 1:
        tok = name[-1]
        after_comma = name[-2].endswith(",") or tok.startswith(",")
        if _is_postnominal(tok, after_comma, bool(tail)):
            tail.insert(0, tok.strip(",;"))
            name.pop()
        else:
            break
    # a comma right after the surname always starts post-nominals
    for i, tok in enumerate(name[:-1]):
        if tok.endswith(",") and i >= 1:
            extra = [t.strip(",;") for t in name[i + 1:]]
            if all(_is_postnominal(t, True, True) for t in extra):
                return [t.strip(",") for t in name[: i + 1]], extra + tail
    return [t.strip(",") for t in name], tail


def parse_name(text: str) -> ParsedName:
    """'Dr Jane Smith MBBS MRCS - Medical Director' -> ('Dr', 'Jane Smith', 'MBBS MRCS', 'Medical Director')."""
    if text and len(text) > 300:  # long texts are rarely repeated: keep the cache small
        return _parse_name(text)
    return _parse_cached(text)


@lru_cache(maxsize=16384)
def _parse_cached(text: str) -> ParsedName:
    return _parse_name(text)


def _parse_name(text: str) -> ParsedName:
    text = _NEWLINE_RUN.sub(" | ", (text or "").strip())
    text = _WS.sub(" ", text.replace("\xa0", " ")).strip(" ,;·•|")
    text = _REG_IN_BRACKETS.sub("", _LEAD_IN.sub("", text)).strip(" ,;·•|")
    named = _name_after_role(text)
    if named is not None:
        return named
    parts = _SPLIT_ROLE.split(text, maxsplit=1)
    head, rest = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else None)
    title = None
    m = _TITLE_RE.match(head)
    if m:
        title = normalise_title(m.group("title"))
        head = head[m.end():]
        if title == "Prof" and _DR_AFTER_PROF.match(head):
            head = head.split(None, 1)[1] if " " in head else head
    head = _COMMA_SPACE.sub(", ", head)
    head = _OPEN_PAREN_SPACE.sub("(", head)
    name_tokens, post = _split_postnominals(head.split())
    return ParsedName(title, " ".join(name_tokens).strip(" ,"), ", ".join(post) if "," in head else " ".join(post) or None, rest or None)


def _name_after_role(text: str) -> ParsedName | None:
    """'Medical Director: Dr. Alan Park, MD', 'Enfermera: Rocío Vidal', 'Zahnärztin Dr. Miriam Roth'."""
    labelled = _ROLE_LABEL.match(text)
    if labelled:
        label = labelled.group(1)
        named = parse_name(labelled.group(2))
        says = _NAME_LABEL.match(label) or _profession_from_text(label)
        if (named.title or named.postnominals or says) and looks_like_name(named.name, titled=named.title is not None):
            return named._replace(rest=named.rest or (None if _NAME_LABEL.match(label) else label))
    prefixed = None if _TITLE_RE.match(text) else _ROLE_BEFORE_TITLE.match(text)
    if prefixed:
        named = parse_name(prefixed.group(2))
        if named.title:
            return named._replace(rest=named.rest or prefixed.group(1).strip())
    return None


def looks_like_name(name: str, *, titled: bool = False) -> bool:
    """Could ``name`` (without title/post-nominals) be a person's name?"""
    tokens = name.split()
    if not tokens or len(tokens) > 5 or len(name) > 60:
        return False
    if len(tokens) == 1 and not titled:
        return False
    capitals = 0
    for tok in tokens:
        low = tok.lower().strip(".,'’")
        if low in NAME_STOPWORDS or any(ch.isdigit() for ch in tok):
            return False
        if low in NAME_PARTICLES:
            continue
        if not _NAME_TOKEN.match(tok) or not tok[0].isupper():
            return False
        if tok.isupper() and len(tok) <= 3 and not titled:
            return False
        capitals += 1
    return capitals >= 1 and tokens[-1].lower() not in NAME_PARTICLES


# ---------------------------------------------------------------- registrations

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


# ---------------------------------------------------------------- memberships, training, degrees

_MEMBERSHIP_RES = [(value, re.compile(pattern, re.I if value not in ("BAD",) else 0)) for value, pattern in MEMBERSHIPS]
_DIPLOMA_RE = re.compile(
    r"\b(?:(?:Level\s*[3-7]\s+(?:Diploma|Certificate|Award))|(?:Post-?graduate|PG)\s*(?:Diploma|Certificate|Dip|Cert)|PGDip|PGCert)"
    r"(?:\s+(?:in|of)\s+[A-Za-z][\w&'’\- ]{2,70}?)?(?=\s*(?:[.,;()\n]|\s(?:from|with|at|and|awarded|through|via|by|during)\s|\sin\s+(?:\d|the\b)|$))",
    re.I,
)
_CERT_RE = re.compile(
    r"\b(?:board[\s-]certified(?:\s+in\s+[A-Z][\w ]{2,40}?(?=[.,;\n]|\s(?:and|with|by)\s|$))?"
    r"|Certified\s+Aesthetic\s+Nurse\s+Specialist|\bCANS\b|NCLC\s+Laser\s+Certified)",
    re.I,
)


def find_memberships(text: str) -> list[Credential]:
    """Professional bodies named in the text (JCCP, Save Face, BCAM, BACN, ACE Group, AAAM, ...)."""
    out = []
    for value, pattern in _MEMBERSHIP_RES:
        m = pattern.search(text or "")
        if m:
            out.append(Credential(kind="membership", value=value, issuer=value,
                                  evidence=_evidence(text, m.start(), m.end())))
    return out


def find_training(text: str) -> list[Credential]:
    """Training diplomas ('Level 7 Diploma in Injectables') and certifications ('board-certified')."""
    out: list[Credential] = []
    for m in _DIPLOMA_RE.finditer(text or ""):
        out.append(Credential(kind="diploma", value=_WS.sub(" ", m.group(0)).strip(),
                              evidence=_evidence(text, m.start(), m.end())))
    for m in _CERT_RE.finditer(text or ""):
        out.append(Credential(kind="certification", value=_WS.sub(" ", m.group(0)).strip(),
                              evidence=_evidence(text, m.start(), m.end())))
    return _dedupe(out)


_TEXT_POSTNOMINALS = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((re.escape(v) for v in {**DEGREES, **ROYAL_COLLEGE}.values() if len(v) >= 3
                                      and v not in ("DNP", "MPH", "MBA", "ADN", "BCh", "BAO")), key=len, reverse=True))
    + r")(?![\w-])"
)


def postnominals_in_text(text: str) -> str | None:
    """Unambiguous post-nominals written in a bio or qualifications column ('MBBS, FRCS. GMC ...')."""
    found = list(dict.fromkeys(m.group(1) for m in _TEXT_POSTNOMINALS.finditer(text or "")))
    return " ".join(found) or None


def postnominal_credentials(postnominals: str | None) -> list[Credential]:
    """Degrees (MBBS, BSc, ...) and royal-college memberships (MRCS, ...) from post-nominals."""
    out = []
    for tok in re.split(r"[\s,;/]+", postnominals or ""):
        key = tok.strip("().").upper().replace(".", "")
        if key in DEGREES:
            out.append(Credential(kind="degree", value=DEGREES[key], evidence=postnominals))
        elif key in ROYAL_COLLEGE:
            out.append(Credential(kind="membership", value=ROYAL_COLLEGE[key], evidence=postnominals))
    return _dedupe(out)


# ---------------------------------------------------------------- profession, prescriber

_PROF_RES = [(prof, re.compile(pattern, re.I)) for prof, pattern in PROFESSION_WORDS]
_PROF_BY_NAME = dict(_PROF_RES)
_NON_PRESCRIBER = re.compile(
    r"\bnon[\s-]?prescrib|\bnot\s+(?:an?\s+)?(?:independent\s+)?prescriber|\b(?:does|do|can)\s*(?:not|n[o’']t)\s+prescribe"
    r"|\bno\s+prescribing\s+(?:rights|qualification)",
    re.I,
)
_PRESCRIBER = re.compile(
    r"\bindependent\s+(?:nurse\s+|pharmacist\s+)?prescrib|\b(?:nurse|pharmacist|qualified|non[\s-]medical)\s+prescriber"
    r"|\bprescribing\s+(?:nurse|pharmacist|practitioner|clinician|qualification|rights)|\bNMP\b|\bV\s?300\b|\bV\s?150\b"
    r"|\bIP\b(?=[\s,)]|$)|\bqualified\s+to\s+prescribe|\bcan\s+prescribe|\bis\s+(?:an?\s+)?(?:\w+\s+){0,2}prescriber",
    re.I,
)


def detect_prescriber(text: str) -> bool | None:
    """True/False when the text states prescriber status, None when it is silent."""
    text = text or ""
    if _NON_PRESCRIBER.search(text):
        return False
    if _PRESCRIBER.search(text):
        return True
    return None


def detect_profession(
    text: str,
    postnominals: str | None = None,
    country: str | None = None,
    *,
    title: str | None = None,
    registers: tuple[str, ...] | list[str] = (),
) -> str:
    """One of items.PROFESSIONS from register kinds, title, post-nominals, then role/bio text."""
    for kind in ("gdc", "gmc", "gphc", "hcpc", "ahpra"):
        if kind in registers and kind != "ahpra":
            return REGISTER_PROFESSION[kind]
    role_prof = _profession_from_text(text)
    if "nmc" in registers:
        return "nurse_practitioner" if role_prof == "nurse_practitioner" else "nurse"
    post_prof = _profession_from_postnominals(postnominals, country)
    if title == "Dr" or title == "Lek":
        if post_prof == "dentist" or _PROF_BY_NAME["dentist"].search(text or ""):
            return "dentist"
        if role_prof in ("pharmacist", "nurse", "nurse_practitioner") and post_prof is None:
            return role_prof  # a doctorate, not a medical degree
        return "doctor"
    if post_prof:
        return post_prof
    if title == "Nurse":
        return "nurse_practitioner" if role_prof == "nurse_practitioner" else "nurse"
    return role_prof or "unknown"


def _profession_from_postnominals(postnominals: str | None, country: str | None) -> str | None:
    tokens = {t.strip("().").upper().replace(".", "") for t in re.split(r"[\s,;/]+", postnominals or "") if t}
    for prof, keys in PROFESSION_POSTNOMINALS:
        if tokens & keys:
            return prof
    if "MA" in tokens and country == "US":
        return "medical_assistant"
    return None


def _profession_from_text(text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for rank, (prof, pattern) in enumerate(_PROF_RES):
        m = pattern.search(text or "")
        if m and (best is None or (m.start(), rank) < (best[0], best[1])):
            best = (m.start(), rank, prof)
    return best[2] if best else None
