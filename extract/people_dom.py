"""Practitioners read from the visible page: cards, bios, tables, prose mentions.

A *candidate* is a short element whose text parses as a person's name
(heading, bold text, table cell, ``.name`` span ...). Its *card* is the largest
ancestor holding no other candidate, extended with following siblings up to the
next candidate, so numbers in one person's bio are never given to the next
person. Testimonials, navigation, reviews and blog bylines are cut out before
anything is read (a byline naming a register number stays: that is a medical
reviewer). Accordion / tab toggle buttons stay: they often carry the name.
Pure: the caller's tree is copied, never changed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache

from core.text import fold, name_key
from extract import credentials as cr
from extract.people_vocab import NAME_STOPWORDS, PROFESSION_WORDS

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "blockquote", "q", "select", "button",
              "form", "iframe", "head", "cite")
_BAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:testimonials?|reviews?|quotes?|comments?|author|byline|breadcrumbs?|cookies?|consent|gdpr|"
    r"menu|navbar|nav|navigation|share|sharing|related|ratings?|stars|feedback|trustpilot|post-meta|entry-meta|"
    r"masthead|site-header|social|newsletter|skip-link|modal-cookie|marquee)(?:$|[\s_-])",
    re.I,
)
_BYLINE = re.compile(r"author|byline|post-meta|entry-meta", re.I)
_TOGGLE = re.compile(r"accordion|collapse|toggle|tab(?:s|-title|-link)?\b", re.I)
_NAME_FIELD = re.compile(r"(?i)^(?:(?:full\s+)?name|practitioner|clinician|nombre|imi[eę](?:\s+i\s+nazwisko)?|name\s+des\s+arztes)\s*:?$")
_CAND = "data-cw-candidate"  # marks set on our private copy of the tree
_COVERED = "data-cw-covered"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NAME_TAGS = _HEADINGS | {"strong", "b", "dt", "td", "th", "figcaption", "p", "span", "div", "li", "a", "em", "dd"}
_NAMEISH_CLASS = re.compile(r"name|title|heading|person|member|doctor|practitioner|staff|caption", re.I)
_BLOCK = {"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "dt", "dd", "section",
          "article", "figcaption", "ul", "ol", "table", "header", "footer", "aside", "summary", "details", "address"}
_INLINE_BREAKS = {"span", "small", "a", "em", "i"}  # a second reading splits on these too
_ROLE_WORDS = re.compile(
    "|".join(pattern for _, pattern in PROFESSION_WORDS)
    + r"|practitioner|injector|director|founder|clinician|specialist|therapist|consultant|prescriber|\blead\b|"
    r"owner|esthetician|aesthetician|surgeon|physician|trainer|ärztliche|leitung|\bRN\b|\bNP\b|\bPA-C\b|\bMD\b|"
    r"therapeut|inyector|especialista|specjalist|kosmetolog|cosmet|higienist|trichologist|tricholog",
    re.I,
)
_NON_CLINICAL = re.compile(
    r"receptionist|coordinator|co-ordinator|manager|administrator|admin\b|marketing|front\s+desk|concierge\b|accounts|"
    r"social\s+media|client\b|patient\b|customer|verified|google\s+review|★|guest|photographer|designer|developer",
    re.I,
)
_PROSE_NAME = re.compile(
    r"\b(?:(?:Prof(?:essor)?\.?\s+)?Dr\.?(?:\s*med\.?)?|Mrs\.?|Mr\.?|Miss|Ms\.?|Frau|Herr|Pani|Sra\.|Dña\.|[Dd]r\.?\s*(?:hab\.\s*)?n\.\s*med\.|Dra\.|Dra|Nurse|[Ll]ek\.(?:\s*med\.|\s*dent\.)?|Prof\.?)\s+(?:(?:von|van|de|del|da|di|la|le)[ \t]+)?"
    r"[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+(?:[ \t]+(?:(?:van|von|de|del|da|di|la|le|der|den|dos|das|y)[ \t]+){0,2}(?:[A-Z]\.(?=[ \t]+[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ])|"
    r"[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+)){0,3}"
    r"|\b[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+[ \t]+[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+(?=,?[ \t]+(?:RGN|RN|NP|FNP(?:-[A-Z]+)?|PA-C|MD|DO|BDS|MBBS|MBChB|RN,|LE)\b|,?[ \t]+(?:M\.D\.|D\.O\.|D\.D\.S\.|R\.N\.))"
)


_LEAD_NAME = re.compile(
    r"^([A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+(?:[ \t]+(?:(?:van|von|de|del|da|di|la|le|der|den|dos|das|y)[ \t]+){0,2}[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+){1,3})"
    r"(?:,\s*((?:[A-Z][A-Za-z\-]{1,7},?\s*){1,4}))?\s*(?:,|\s[–—-]\s|\()\s*(?P<role>[^.;(]{3,80})")


# "his wife, aesthetic nurse Jenna Reilly (NMC ...)": a lower-case job word right before a name
_ROLE_THEN_NAME = re.compile(
    r"(?<![\w-])(?P<role>(?:(?:aesthetic|cosmetic|lead|senior|clinical|registered|advanced|prescribing)[ \t]+)?"
    r"(?:nurse(?:[ \t]+(?:prescriber|practitioner))?|dermatologist|surgeon|dentist|pharmacist|paramedic|physiotherapist|"
    r"esthetician|aesthetician|injector|prescriber|hygienist|(?:hair|laser|clinical)[ \t]+technician))[ \t]+"
    r"(?P<name>[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’\-]+){1,2})")
# A first name (or a full one) tied to a clinical role in running text, the way small clinics
# write about themselves: "our nurse injector, Jane", "NP Lindsey", "Ranbir, a qualified
# trichologist", "Hi, I'm Helen Western".
_CLINICAL_NOUN = (r"(?:nurse|injector|trichologist|practitioner|aesthetician|esthetician|therapist|prescriber|"
                  r"dermatologist|surgeon|doctor|physician)")
_NAME_WORD = r"(?<![\w'’\-])[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][a-zà-öø-ÿıšşğžčřłńśźżąęćó'’\-]*[A-Za-zà-öø-ÿıšşğžčřłńśźżąęćó'’\-]+"  # "Jane", "McLeod", "O'Neil"
_FIRST = _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?"
_ROLE_FIRST_NAME = re.compile(
    r"(?P<role>\b(?:[Oo]ur|[Mm]y)[ \t]+(?:[\w\-]+[ \t]+){0,2}?" + _CLINICAL_NOUN.replace("(?:", "(?i:", 1)
    + r"(?:[ \t]+" + _CLINICAL_NOUN.replace("(?:", "(?i:", 1) + r")?)"  # "Our Nurse Injector, Jane"
    r",?[ \t]+(?P<name>" + _FIRST + r")(?![\w'’-])"
    r"|(?P<role2>\b(?:NP|PA-C|PA|RN)\b)[ \t]+(?P<name2>" + _FIRST + r")(?![\w'’-])"
    r"|(?P<name3>" + _FIRST + r"),[ \t]+(?P<role3>(?:a|an|our)[ \t]+(?:[\w\-]+[ \t]+){0,2}?" + _CLINICAL_NOUN + r")\b"
    r"|\b(?:I'm|I’m|I am|[Mm]y name is)[ \t]+(?P<name4>" + _FIRST + r")(?=[ \t]*(?:,|\.|and|at|from|[—–-]))"
    r"|(?P<name5>" + _FIRST + r")[ \t]+(?:is|has been|was|works as)[ \t]+(?P<role5>(?:a|an|our)[ \t]+(?:[\w\-]+[ \t]+){0,2}?"
    + _CLINICAL_NOUN.replace("(?:", "(?i:", 1) + r")\b"
    # "Sam Lee runs the clinic", "Ana Ruiz founded the practice": the person behind a small clinic
    r"|(?P<name6>" + _FIRST + r")[ \t]+(?P<role6>(?:runs|owns|founded|leads|heads|set up|opened)[ \t]+"
    r"(?:the|our|this)[ \t]+(?:clinic|practice|centre|center))\b")
# "Our founders, Donna and Kerry, are both experienced nurses": two first names, one plural role
_PAIR_ROLE = re.compile(
    r"(?P<a>" + _FIRST + r")[ \t]+and[ \t]+(?P<b>" + _FIRST + r"),?[ \t]+(?:are|were)[ \t]+(?:both[ \t]+|all[ \t]+)?"
    r"(?:[\w\-]+[ \t]+){0,3}?(?P<role>(?i:nurses|injectors|practitioners|trichologists|dermatologists|surgeons|"
    r"doctors|physicians|aestheticians|prescribers|nurse prescribers))\b")


# "trained with Dr X", "mentored by Dr Y": someone named in a bio who does not work here
_OUTSIDE_PERSON = re.compile(
    r"(?:train\w*|taught|mentor\w*|studied|learn\w*|course|academy|assisted|shadow\w*)[ \t]+(?:\w+[ \t]+){0,3}"
    r"(?:with|by|under|from|alongside)[ \t]*$", re.I)


# Titles that make a single family (or first) name a person: "Dr Weber", "Prof Nowak", "Nurse Kim".
FAMILY_NAME_TITLES = ("Dr", "Prof", "Nurse")
_POSSESSIVE = re.compile(r"['’]s?$")
_QUOTE_MARKS = re.compile("[“”„«»\"]")


@dataclass
class Mention:
    """One person as read from the page, before merging."""

    parsed: cr.ParsedName
    text: str  # the card / segment text
    role: str | None
    after: str  # card text after the name (for role signals)
    el: object | None = None
    before: str = ""  # running text just before a name met in prose (for quotes and attributions)
    tied: bool = False  # the page ties the name to the clinic in words ("I'm X", "X is our nurse")


def element_text(el, split_inline: bool = False) -> str:
    """Text with line breaks at block boundaries and <br> (and inline tags when ``split_inline``)."""
    if not len(el):  # a leaf: its own text only (the common case for candidates)
        return _norm_lines(el.text or "")
    parts: list[str] = []
    append = parts.append
    inline_breaks = _INLINE_BREAKS

    def walk(node) -> None:
        tag = node.tag
        if not isinstance(tag, str):
            if node.tail:
                append(node.tail)
            return
        sep = "\n" if tag in _BLOCK or (split_inline and tag in inline_breaks) else " " if tag in inline_breaks else ""
        append(sep)
        if node.text:
            append(node.text)
        for child in node:
            walk(child)
        append(sep)
        if node.tail:
            append(node.tail)

    if el.text:
        append(el.text)
    for child in el:
        walk(child)
    return _norm_lines("".join(parts))


def person_text(el, split_inline: bool = False) -> str:
    """element_text with title chains read as one title ("Priv.-Doz. Dr. med." -> "Dr")."""
    return cr.normalise_titles(element_text(el, split_inline))


_HSPACE = re.compile(r"[ \t\r\f\v]+")


def _norm_lines(text: str) -> str:
    text = text.replace("\xa0", " ")
    if "\n" not in text:
        return _HSPACE.sub(" ", text).strip()
    lines = [_HSPACE.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _has_inline(el) -> bool:
    """Whether ``element_text(el, True)`` can differ from ``element_text(el)``."""
    return any(True for _ in el.iterdescendants(*_INLINE_BREAKS))


def clean_tree(doc):
    """A copy of the body without navigation, testimonials, reviews, bylines and scripts."""
    body = doc.find(".//body")
    root = copy.deepcopy(body if body is not None else doc)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)
            continue
        cls = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if el.tag == "button" and _is_toggle(el):
            continue  # accordion / tab headers often carry the person's name
        if el.tag in _DROP_TAGS or el.get("itemprop") == "author":
            doomed.append(el)
        elif (bad := _BAD_CLASS.search(cls)) and not (_BYLINE.search(bad.group(0)) and _reviewer(el)):
            doomed.append(el)
        elif el.tag == "header" and el.find(".//nav") is not None:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text in place
    return root


def _reviewer(el) -> bool:
    """A byline that names a register number ('Medically reviewed by Dr X, GMC 1234567') is kept."""
    return bool(cr.find_registrations(el.text_content()[:400]))


def _is_toggle(el) -> bool:
    attrs = " ".join(f"{k} {v}" for k, v in el.attrib.items())
    return bool(el.get("aria-expanded") or el.get("aria-controls") or _TOGGLE.search(attrs))


def _in_footer(el) -> bool:
    return any(a.tag == "footer" or "footer" in (a.get("class") or "") for a in el.iterancestors())


def _nameish(el) -> bool:
    if el.tag in _HEADINGS or el.tag in ("dt", "figcaption", "th", "strong", "b"):
        return True
    if el.tag in ("td", "dd"):  # a value whose label reads "Name"
        label = el.getprevious()
        if label is not None and label.tag in ("th", "dt", "td") and _NAME_FIELD.match(label.text_content().strip()):
            return True
    if el.tag == "td":
        return el.getprevious() is None
    return bool(_NAMEISH_CLASS.search(el.get("class") or ""))


def _candidate(el) -> cr.ParsedName | None:
    # Cheap C-level bound first: element_text only adds separators, so a long or empty
    # text can never pass _candidate_text's limits.
    plain = el.text_content()
    if not plain.strip() or len(plain) > 140 and len(" ".join(plain.split())) > 140:
        return None
    text = person_text(el)
    parsed = _candidate_text(el, text)
    if parsed is not None or not len(el) or not _has_inline(el):
        return parsed  # without inline children the second reading is the same text
    split = person_text(el, True)
    return None if split == text else _candidate_text(el, split)


def _candidate_text(el, text: str) -> cr.ParsedName | None:
    parsed, strong, role_line = _read_candidate(text)
    if parsed is None or not strong and not role_line and not _nameish(el):
        return None
    return parsed


@lru_cache(maxsize=16384)
def _read_candidate(text: str) -> tuple[cr.ParsedName | None, bool, bool]:
    """The element-independent part of the candidate test: (name, strong, role line)."""
    if not text or len(text) > 140 or text.count("\n") > 3:
        return None, False, False
    first = text.split("\n", 1)
    parsed = cr.parse_name(text if len(first) == 1 else first[0])
    if len(first) > 1:
        parsed = parsed._replace(rest=parsed.rest or first[1].split("\n")[0])
    titled = parsed.title is not None
    if not cr.looks_like_name(parsed.name, titled=titled):
        return None, False, False
    strong = parsed.title in ("Dr", "Prof", "Nurse", "Lek") or bool(parsed.postnominals)
    role_line = _clinical_role(parsed.rest)  # "Jane Smith<br>Aesthetic Nurse", "Enfermera: Rocío Vidal"
    return parsed, strong, role_line


def non_clinical(role: str) -> bool:
    """'Practice Manager', 'Receptionist': a job that treats nobody."""
    return bool(_NON_CLINICAL.search(role)) and not _ROLE_WORDS.search(role)


def _clinical_role(role: str | None) -> bool:
    """A short line naming a clinical job ('Aesthetic Practitioner'), not a front-desk one."""
    return bool(role and len(role) <= 80 and _ROLE_WORDS.search(role) and not _NON_CLINICAL.search(role))


def _find_candidates(root) -> list[tuple[object, cr.ParsedName]]:
    found = []
    for el in root.iter(*_NAME_TAGS):
        parsed = _candidate(el)
        if parsed is not None:
            found.append((el, parsed))
    # keep the innermost element of nested matches (h3 > strong > "Dr Jane Smith")
    for el, _ in found:
        el.set(_CAND, "1")
    inner = []
    for el, parsed in found:
        if any(d.get(_CAND) for d in el.iterdescendants()):
            el.attrib.pop(_CAND, None)
            continue
        inner.append((el, parsed))
    return inner


def _card(el, stop_at) -> list:
    """The elements making up one person's card, in document order."""
    top = el
    parent = top.getparent()
    while parent is not None and parent is not stop_at:
        if any(d.get(_CAND) for d in parent.iterdescendants() if d is not top and not _within(d, top)):
            break
        top = parent
        parent = top.getparent()
    parts = [top]
    sib = top.getnext()
    level = int(el.tag[1]) if el.tag in _HEADINGS else 9
    while sib is not None:
        if not isinstance(sib.tag, str):
            sib = sib.getnext()
            continue
        if sib.get(_CAND) or any(d.get(_CAND) for d in sib.iterdescendants()):
            break
        if sib.tag in _HEADINGS and int(sib.tag[1]) <= level:
            break
        parts.append(sib)
        sib = sib.getnext()
    return parts


def _within(node, ancestor) -> bool:
    return any(a is ancestor for a in node.iterancestors())


def _after_text(parts: list, el) -> str:
    """Card text from the name element onwards."""
    text = "\n".join(person_text(p) for p in parts)
    name_text = person_text(el)
    idx = text.find(name_text)
    if idx < 0:
        return text
    own = name_text.split("\n", 1)[1] if "\n" in name_text else ""  # "Dr X<br>Aesthetic Doctor<br>GMC ..."
    return "\n".join(filter(None, [own, text[idx + len(name_text):]]))


def card_mentions(root) -> list[Mention]:
    """People named by a card-like element; the elements their cards cover are marked."""
    candidates = _find_candidates(root)
    out = []
    for el, parsed in candidates:
        parts = _card(el, root)
        text = "\n".join(person_text(p) for p in parts)
        after = _after_text(parts, el)
        role = parsed.rest or _role_line(after)
        if not _accept(el, parsed, role, after):
            continue
        for p in parts:
            p.set(_COVERED, "1")
        out.append(Mention(parsed, text, role, after, el))
    return out


def _role_line(after: str) -> str | None:
    for line in after.split("\n")[:2]:
        line = line.strip(" -–|·")
        if line and len(line) <= 80:
            return line
    return None


def _accept(el, parsed: cr.ParsedName, role: str | None, after: str) -> bool:
    strong = parsed.title in ("Dr", "Prof", "Nurse", "Lek") or bool(parsed.postnominals)
    regs = cr.find_registrations(after[:600])
    if _in_footer(el) and not regs and not strong:
        return False
    role_clinical = bool(role and _ROLE_WORDS.search(role))
    if role and _NON_CLINICAL.search(role) and not role_clinical and not regs and not strong:
        return False
    return strong or bool(regs) or role_clinical


def _role_follows(segment: str) -> bool:
    """'Frau Lisa Klein, Kosmetikerin, ...': a clinical job named right after the name."""
    m = re.match(r"[^,(–—\n]{2,60}?\s*(?:,|\(|[–—-]\s)\s*([^,.;)\n]{3,60})", segment)
    return bool(m and _clinical_role(m.group(1)))


_REPORTED = re.compile(
    r"\b(?:says?|said|told|explains?|explained|adds?|added|comments?|commented|warns?|warned|according to|"
    r"quoted|interviewed|spoke to|speaking to|asked|sagt|erklärt|erläutert|betont|afirma|explica|señala|"
    r"declara|twierdzi|mówi|dit|explique|affirme|dice|spiega|söyledi|belirtti|selon|según|laut|secondo|"
    r"söyleyen|belirten|ifade eden|dile getiren)\b[^.]{0,60}$", re.I)
# an office elsewhere named right before the name: "the association's president Dr X", "Derneği Başkanı Dr X"
_OFFICE_BEFORE = re.compile(r"\b(?:president|chair(?:man|woman)?|spokes(?:man|woman|person)|başkanı|vorsitzende[rn]?|"
                            r"presidente|prezes|secretary|ceo)\s*,?\s*$", re.I)
_OF_ELSEWHERE = re.compile(
    r"^[^.\n]{0,60}?(?:,?\s+(?:of|from|at)\s+(?:the\s+)?[A-Z]|\b(?:spokes(?:man|woman|person)|president|chair(?:man|woman)?|"
    r"başkanı|vorsitzende|presidente|prezes)\b)")
_OWN_WORDS = re.compile(r"\b(?:our|we|us)\b", re.I)
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:I'm|I’m|I am|my name is)\s*$", re.I)


def quoted(m: Mention) -> bool:
    """A person an article quotes or attributes to another place ("says Dr X", "Dr Y, of Z Clinic")."""
    if _OWN_WORDS.search(m.before[-40:]) or _FIRST_PERSON_BEFORE.search(m.before):
        return False  # "says our medical director Dr X", "Hi, I'm Helen West at Glow Clinic"
    return bool(_REPORTED.search(m.before) or _REPORTED.search(m.text[:80].split("\n")[0])
                or _OF_ELSEWHERE.match(m.text) or _OFFICE_BEFORE.search(m.before[-40:]))


# The capitalised words of an affiliation ("of The Private Clinic of Harley Street", "at Glow Skin Clinic")
_AFFILIATION_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][\w'’]*")
_SITE_SHARE = 0.7  # how much of the site's name an affiliation must spell out


def site_label(host: str | None) -> str:
    """The site's own name from its host: "www.glowskinclinic.co.uk" -> "glowskinclinic"."""
    labels = [part for part in (host or "").lower().split(".") if part and part != "www"]
    return re.sub(r"[^a-z0-9]", "", labels[0]) if len(labels) > 1 else ""


def names_site(text: str, site: str) -> bool:
    """Does the affiliation after a name spell out this site's name? Its capitalised words found in
    the host name ("Glow Skin Clinic" in glowskinclinic, "Hospital Parque" in hospitalesparque), or
    their initials opening it ("Hair Restoration Blackrock" for hrbr), must cover most of it."""
    if len(site) < 3:
        return False
    words = [fold(w) for w in _AFFILIATION_WORD.findall(text[:160])]
    words = [w for w in words if w.isalnum()]
    covered = sum(len(w) for w in set(words) if len(w) >= 3 and w in site)
    initials = "".join(w[0] for w in words if w)
    runs = [initials[i:j] for i in range(len(initials)) for j in range(i + 3, min(len(initials), i + 6) + 1)]
    if any(site.startswith(run) for run in runs):
        covered = max(covered, len(site) - 1)
    return covered >= _SITE_SHARE * len(site)


def without_quoted(mentions: list[Mention], site: str = "") -> list[Mention]:
    """The mentions left when quoted people go, with their later short forms ("Dr Myers" after
    "..., says Dr Anne Myers of X"). A clinic's own post quoting its own doctor ("says Dr X of
    <this clinic>") keeps them: the affiliation names the site."""
    quoted_keys = [name_key(m.parsed.name).split() for m in mentions
                   if quoted(m) and not names_site(m.text, site)]
    out = []
    for m in mentions:
        key = name_key(m.parsed.name).split()
        if not any(key == q[-len(key):] for q in quoted_keys):
            out.append(m)
    return out


def prose_mentions(root) -> list[Mention]:
    """Titled names inside running text that no card covers; each gets the text up to the next name."""
    out = []
    for block in root.iter("p", "li", "td", "dd", "div", "figcaption"):
        if block.get(_COVERED) or (block.tag == "div" and len(block)):
            continue
        if any(a.get(_COVERED) for a in block.iterancestors()):
            continue
        out += _block_mentions(person_text(block), _in_footer(block))
    return out


# "Jane Doe, MD, FAAD" / "Bernard Roe, M.D.": post-nominals right after a name met in prose
_POSTNOMINALS_AFTER = re.compile(r",?\s*((?:(?:[A-Z][A-Za-z\-]{1,7}|(?:[A-Z]\.){2,3}),?\s*){1,5})")


def _inside_quote(text: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation (an odd number of quote marks before it)? Scare quotes
    elsewhere in the paragraph ("hair “plugs”") leave a name outside them alone."""
    return len(_QUOTE_MARKS.findall(text, 0, pos)) % 2 == 1


def _before_particle_place(parsed: cr.ParsedName) -> cr.ParsedName:
    """"Dr Verena Henninger von Fine Esthetics": the particle leads to a place, not a family name."""
    tokens = parsed.name.split()
    for i, tok in enumerate(tokens[2:], start=2):
        if tok.lower() in ("von", "de", "of", "aus", "da", "di") and not cr.looks_like_name(" ".join(tokens)):
            return parsed._replace(name=" ".join(tokens[:i]))
    return parsed


def _block_mentions(text: str, in_footer: bool) -> list[Mention]:
    starts: list[tuple[int, cr.ParsedName, str | None]] = []
    lead = _LEAD_NAME.match(text)
    lead_end = 0
    if lead and _ROLE_WORDS.search(lead.group("role")) and not _NON_CLINICAL.search(lead.group("role")):
        parsed = cr.parse_name(lead.group(1) + (", " + lead.group(2) if lead.group(2) else ""))
        if not parsed.title and cr.looks_like_name(parsed.name):
            starts.append((0, parsed, lead.group("role").strip()))
            lead_end = lead.end(1)
    for m in _PROSE_NAME.finditer(text):
        parsed = _before_particle_place(cr.parse_name(_POSSESSIVE.sub("", m.group(0))))  # "Dr. Hern's team" -> Dr Hern
        if m.start() < lead_end or not cr.looks_like_name(parsed.name, titled=parsed.title is not None):
            continue
        post = _POSTNOMINALS_AFTER.match(text, m.end())
        if post and not parsed.postnominals:
            head = cr.parse_name(m.group(0) + " " + post.group(1))
            parsed = head if head.name == parsed.name else parsed
        if _OUTSIDE_PERSON.search(text[max(0, m.start() - 60): m.start()]):
            continue
        starts.append((m.start(), parsed, None))
    for m in _ROLE_FIRST_NAME.finditer(text):
        key = next(k for k in ("name", "name2", "name3", "name4", "name5", "name6") if m.group(k))
        role = m.group({"name": "role", "name2": "role2", "name3": "role3", "name5": "role5",
                        "name6": "role6"}.get(key, "name4"))
        parsed = cr.parse_name(m.group(key))
        if any(abs(pos - m.start(key)) < 4 for pos, _, _ in starts) or not cr.looks_like_name(parsed.name, titled=True):
            continue
        starts.append((m.start(key), parsed, "" if key == "name4" else role.strip()))  # "": tied, no role words
    for m in _PAIR_ROLE.finditer(text):
        for key in ("a", "b"):
            parsed = cr.parse_name(m.group(key))
            if any(abs(pos - m.start(key)) < 4 for pos, _, _ in starts) or not cr.looks_like_name(parsed.name, titled=True):
                continue
            starts.append((m.start(key), parsed, re.sub(r"s$", "", m.group("role"))))  # "nurses" -> "nurse"
    for m in _ROLE_THEN_NAME.finditer(text):
        parsed = cr.parse_name(m.group("name"))
        if any(abs(pos - m.start("name")) < 4 for pos, _, _ in starts) or not cr.looks_like_name(parsed.name):
            continue
        starts.append((m.start("name"), parsed, m.group("role")))
    starts.sort(key=lambda s: s[0])
    out = []
    for i, (pos, parsed, role) in enumerate(starts):
        segment = text[pos: starts[i + 1][0] if i + 1 < len(starts) else len(text)]
        has_reg = bool(cr.find_registrations(segment))
        if len(parsed.name.split()) == 1 and not has_reg and role is None and (
                parsed.title not in FAMILY_NAME_TITLES or _inside_quote(text, pos)):
            continue  # "Dr Weber" and "Nurse Kim" are people, but not a name in a patient's quote
        plain = parsed.title in ("Mr", "Mrs", "Miss", "Ms") or (parsed.title is None and role is None)
        if plain and not (has_reg or parsed.postnominals or _role_follows(segment)):
            continue
        if in_footer and not has_reg and parsed.title != "Dr":
            continue
        out.append(Mention(parsed, segment, role, segment, None, before=text[max(0, pos - 80):pos],
                           tied=role is not None and parsed.title is None))
    return out


# ---------------------------------------------------------------- a site named after its practitioner

# Words a small clinic's host name ends with after its owner's name ("janeroeaesthetics", "annlipa").
_SITE_TRADE = re.compile(r"(?:clinics?|aesthetics?|aesthetique|esthetics?|skin|skincare|beauty|medical|med|medspa|spa|"
                         r"derm|dermatology|hair|laser|cosmetics?|studio|salon|md|pa|np|rn|dds|do|uk|co|online)$")
# A capitalised name (up to three words, "Dr" optional) and what follows it: a person's verb or "'s"
_OWNER_NAME = re.compile(r"(?<![\w'’\-])(?P<dr>Dr\.?[ \t]+)?(?P<name>[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][a-zà-öø-ÿıšşğžčřłńśźżąęćó]{2,}"
                         r"(?:[ \t]+[A-ZÀ-ÖØ-ÞŁŚŻİŞĞŽČŠŘ][a-zà-öø-ÿıšşğžčřłńśźżąęćó'’\-]+){0,2})(?P<next>[ \t]+(?:can|will|is|has|holds|offers|trained|performs|treats|qualified|specialises|specializes|"
                         r"founded|opened|started|works|believes|loves|recommends|advises|uses)\b|['’]s\b)?")


# word endings of a subject or a field, never a given name ("Trichology is...", "Aesthetics has...")
_NOT_A_NAME = re.compile(r"(?:ology|ologie|ics|ique|tion|ment|ness|ity|ing|ism|care|ure)$")


def _owner_rest(site: str, words: list[str]) -> str | None:
    """What the host name holds after these name words (None when it does not open with them)."""
    joined = "".join(words)
    for lead in ("", "dr"):
        if site.startswith(lead + joined):
            return site[len(lead + joined):]
    return None


def site_owner_mentions(root, site: str) -> list[Mention]:
    """The practitioner a small clinic's site is named after, as its pages write them: the first
    name alone in running text ("Kate can advise you" on kateholdenclinic) or the full name
    ("Dr Ana Ruiz" on draanaruiz). A first name must be followed by a verb a person does ("can",
    "holds", "trained"...) or "'s", and the host must go on with more than trade words (so "Skin is..." on skinclinic is no one)."""
    if len(site) < 6:
        return []
    out: list[Mention] = []
    seen: set[str] = set()
    for block in root.iter("p", "li", "td", "dd", "h1", "h2", "h3", "h4", "h5", "h6"):
        text = person_text(block)
        for m in _OWNER_NAME.finditer(text):
            raw = m.group("name").split()
            words = [fold(w) for w in raw]
            while len(words) > 1 and _owner_rest(site, words) is None:  # "Dr Ana Ruiz Klinik" on draanaruiz
                words, raw = words[:-1], raw[:-1]
            rest = _owner_rest(site, words)
            if rest is None or words[0] in NAME_STOPWORDS or " ".join(words) in seen:
                continue
            complete = len(raw) == len(m.group("name").split())
            if len(words) == 1:
                if _NOT_A_NAME.search(words[0]):
                    continue
                trimmed = rest
                while trimmed and _SITE_TRADE.search(trimmed):
                    trimmed = _SITE_TRADE.sub("", trimmed)
                if len(trimmed) < 3 or not (complete and m.group("next")) or _inside_quote(text, m.start()):
                    continue
            elif not m.group("dr") and not (rest and _SITE_TRADE.search(rest)):
                continue  # "Jane Roe" alone on janeroe-and-more, or an organisation named by its site
            parsed = cr.parse_name((m.group("dr") or "") + " ".join(raw))
            if not cr.looks_like_name(parsed.name, titled=True):
                continue
            seen.add(" ".join(words))
            segment = text[m.start():m.start() + 300]
            out.append(Mention(parsed, segment, None, segment, None, before=text[max(0, m.start() - 80):m.start()],
                               tied=True))
    return out
