"""Practitioner credentials read from free text: names, titles, post-nominals,
professions, prescriber status, memberships, training and register numbers.

Pure functions over strings; every regex is compiled once here. Register
numbers are only taken where the text names the register (``GMC``, ``NMC PIN``,
``NPI``, ``CA License`` ...), so phone numbers, dates, prices, company and VAT
numbers never become registrations. A number the text calls a GMC/NMC/...
number is returned even when malformed, with ``format_valid`` False
(validators live in :mod:`core.identifiers`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

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
)
from extract.registrations import _dedupe, _evidence, find_registrations  # noqa: F401 - re-exported
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
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘŹĆŃÓĄĘ][\w'’\-]*\.?|[a-zà-ÿ]+)$", re.UNICODE)
_WS = re.compile(r"\s+")
# "Meet Dr ...", "Introducing Nurse ...": words that lead into a name and belong to neither
_LEAD_IN = re.compile(r"^(?:meet|introducing|say\s+hello\s+to|hello,?\s+I'?m|hi,?\s+I'?m|about|mgr(?:\s+farm\.)?|lic\.|in[żz]\.|(?:Frau|Herr|Pani?|Sra\.?|Dña\.?|Doña|D\.ª|Don)(?=\s+(?-i:[A-ZÀ-Þ])(?!r\.?\s)))\s+(?:our\s+\w+,?\s+)?(?=(?-i:[A-ZÀ-ÞŁŚŻİŞĞŽČŠŘ]))", re.I)
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


# Title chains and long-form titles as real pages write them, read as "Dr"/"Prof": "Priv.-Doz. Dr. med.
# habil.", "Op. Dr.", "Uzm. Dr.", "Dr. Öğr. Üyesi", "Doç. Dr.", "Dr. med.", "Herr Dr.", "la doctora",
# "du docteur", "Dott.ssa", "Professor"; a name in capitals after one is set in title case.
_TITLE_WORDS = (r"univ\.-prof\.|priv\.-doz\.|prof(?:essor|\.)?|do[çc]\.|yrd\.|op\.|uzm\.|dr\.?ssa|dra\.?|dr\.?|"
                r"dott(?:\.ssa|ssa|\.)|docteure?|doctora?|med\.|dent\.|habil\.|univ\.|rer\.\s?nat\.|"
                r"n\.\s?med\.|öğr\.(?:\s?üyesi|\s?gör\.)?")
_TITLE_CHAIN = re.compile(
    r"(?<![\w.])(?:(?P<article>(?i:herr|frau|la|el|le|du|del|al))\s+(?=(?i:dr|doct|prof|dott)))?"
    r"(?P<chain>(?i:(?:(?:" + _TITLE_WORDS + r")\s*){2,})|(?:Professor|PROFESSOR|Docteure?|DOCTEUR|Doctora?|Dott\.(?:ssa)?)\s+"
    r"|(?<=\w )(?i:docteure?|doctora?|dr\.?)\s+)"
    r"(?P<name>(?-i:[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]*(?:[ \t]+(?:(?:von|van|de|del|la|di|da)[ \t]+)?[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]*){0,3}))")
_TITLE_HINT = re.compile(r"(?i)dr\b|doct|prof|dott|do[çc]\.|op\.|uzm\.")
_CAPS_WORD = re.compile(r"\b[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ]{2,}\b")


def _chain_title(m: re.Match) -> str:
    chain = m.group("chain")
    if chain[:1].islower() and m.group("article") is None:
        return m.group(0)  # "ask your doctor Monday": a lower-case title needs "la"/"du"/"Herr" before it
    if not re.search(r"(?i)dr|doct|prof|dott|do[çc]|doz", chain):
        return m.group(0)  # "med. habil." alone is no title
    title = "Prof" if re.search(r"(?i)prof|do[çc]\.", chain) else "Dr"
    name = m.group("name")
    if name.isupper():
        name = _CAPS_WORD.sub(lambda w: w.group(0).capitalize(), name)
    return f"{title} {name}"


# "Cervellini, Dott. Patrizio": a staff list written family name first
_INVERTED = re.compile(r"(?m)^(?P<lead>[-–•*·]?\s*)(?P<family>[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+),\s+"
                       r"(?P<title>Dott\.(?:ssa)?|Dr\.?(?:ssa)?|Dra\.?|Prof\.)\s+(?P<given>[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+)\s*$")


def normalise_titles(text: str) -> str:
    """One "Dr"/"Prof" for a chain of titles in front of a name (see _TITLE_CHAIN)."""
    if not text or not _TITLE_HINT.search(text):
        return text
    text = _INVERTED.sub(lambda m: f"{m['lead']}{m['title']} {m['given']} {m['family']}", text)
    return _TITLE_CHAIN.sub(_chain_title, text)


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
    words = [t for t in tokens if t.lower() not in NAME_PARTICLES]  # "de la", "van der" do not count
    if not tokens or len(words) > 5 or len(tokens) > 8 or len(name) > 60:
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
