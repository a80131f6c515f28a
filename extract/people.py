"""Practitioners on a page: schema.org Person/Physician nodes merged with the visible cards.

``extract_practitioners`` is what the page object calls. Structured data is read
first (names, jobTitle, hasCredential, medicalLicense, NPI identifiers), then the
visible page (see extract/people_dom.py); the same person from both sources
becomes one Practitioner holding the union of their credentials. People are only
taken from places that present a practitioner: testimonials, review and article
authors and navigation never become practitioners. On a blog post only people the
page ties to a register number are kept (a "medically reviewed by Dr X, GMC ..." line);
the site's own name ("Rachel Kim Dermatology") is never a person.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from core.text import name_key
from extract import credentials as cr
from extract import money_roles, people_dom
from extract.structured import of_type, text_value
from extract.people_vocab import US_STATES
from items import REGISTER_KINDS, Credential, Practitioner

PERSON_TYPES = ("Person", "Physician", "IndividualPhysician")
_ARTICLE_TYPES = ("Article", "BlogPosting", "NewsArticle", "Review", "Comment", "WebPage", "MedicalWebPage",
                  "CreativeWork", "Recipe", "Question", "Answer")
_AUTHOR_KEYS = ("author", "creator", "editor", "publisher", "contributor")
_BLOG_URL = re.compile(r"/(?:blog|news|articles?|posts?|aktuelles|noticias|magazine|journal)/[^/]+", re.I)
_CLINIC_LEVEL = ("cqc",)  # premises / provider numbers belong to the clinic, not to a person
_LEADING_STATE = re.compile(r"^(" + "|".join(sorted(set(US_STATES.values()))) + r")\s+(?=\S*\d|[A-Z]{1,4}\s?\d)")
_PERSON_CREDENTIAL_KINDS = set(REGISTER_KINDS) - set(_CLINIC_LEVEL)


def extract_practitioners(doc, nodes: list[dict], *, url: str, country: str | None) -> list[Practitioner]:
    """All practitioners the page presents, merged by name."""
    people = [p for p in (_from_node(n, country) for n in _person_nodes(nodes)) if p is not None]
    root = people_dom.clean_tree(doc)
    mentions = people_dom.card_mentions(root)
    prose = people_dom.prose_mentions(root)
    if money_roles.page_role(url, doc.findtext(".//title")) == "editorial":
        # an article quotes outside experts ("..., says Dr X of Y Clinic"): they do not work here
        prose = people_dom.without_quoted(prose, people_dom.site_label(urlsplit(url).hostname))
    found = [(m, _from_mention(m, country)) for m in mentions + prose]
    if money_roles.news_site(url):
        found = [(m, p) for m, p in found if any(c.kind in REGISTER_KINDS for c in p.credentials)]
    elif _BLOG_URL.search(urlsplit(url).path):
        # on a post a register number, a title, post-nominals ("X, MD") or the post's own words ("I'm X", "our nurse X")
        # tie a person to the clinic; a bare name does not
        found = [(m, p) for m, p in found
                 if any(c.kind in REGISTER_KINDS for c in p.credentials) or p.title or p.postnominals or m.tied]
    seen = [p for _, p in found]
    people += seen
    brands = _brands(doc)
    out = [p for p in merge(people) if not _is_brand(p.name, brands)]
    if not money_roles.news_site(url):
        # the person a small clinic's site is named after ("Kate can advise you" on kateholdenclinic)
        site = people_dom.site_label(urlsplit(url).hostname)
        for m in people_dom.site_owner_mentions(root, site):
            owner = _from_mention(m, country)
            if not any(_same_person(owner, p) for p in out):
                out.append(owner)
    return out


def _brands(doc) -> list[str]:
    """The site's own name(s) as folded text, when they are not a person's name."""
    xpath = ('//meta[@property="og:site_name"]/@content | //meta[@name="application-name"]/@content'
             ' | //*[contains(@class,"logo")]//img/@alt | //img[contains(@class,"logo")]/@alt')
    out = []
    for raw in doc.xpath(xpath):
        parsed = cr.parse_name(raw)
        if parsed.title is None and not cr.looks_like_name(parsed.name):
            out.append(name_key(raw))
    return [b for b in out if b]


def _is_brand(name: str, brands: list[str]) -> bool:
    """'Rachel Kim Dermatology' on rachelkimdermatology's own site is the clinic, not a person."""
    words = name_key(name).split()
    return any(words == b.split() or (len(b.split()) >= 2 and set(b.split()) <= set(words)) for b in brands)


# ---------------------------------------------------------------- structured data

def _person_nodes(nodes: list[dict]) -> list[dict]:
    authors: set[int] = set()
    for node in of_type(nodes, *_ARTICLE_TYPES):
        for key in _AUTHOR_KEYS:
            value = node.get(key)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, dict):
                    authors.add(id(v))
    return [n for n in of_type(nodes, *PERSON_TYPES) if id(n) not in authors]


def _from_node(node: dict, country: str | None) -> Practitioner | None:
    raw_name = text_value(node.get("name")) or " ".join(
        filter(None, [text_value(node.get("givenName")), text_value(node.get("familyName"))]))
    if not raw_name:
        return None
    prefix = text_value(node.get("honorificPrefix"))
    suffix = text_value(node.get("honorificSuffix"))
    parsed = cr.parse_name(" ".join(filter(None, [prefix, raw_name, suffix])))
    if not cr.looks_like_name(parsed.name, titled=parsed.title is not None):
        return None
    role = text_value(node.get("jobTitle"))
    description = text_value(node.get("description")) or ""
    creds = _node_credentials(node, country)
    if (role and people_dom.non_clinical(role) and parsed.title is None and not parsed.postnominals
            and not any(c.kind in REGISTER_KINDS for c in creds)):
        return None  # a practice manager listed as an employee
    text = "\n".join(filter(None, [role, description]))
    creds += cr.find_registrations(description, country) + cr.find_memberships(description)
    creds += cr.find_training(description) + cr.postnominal_credentials(parsed.postnominals)
    creds = _keep(creds)
    regs = tuple(c.kind for c in creds if c.kind in REGISTER_KINDS)
    profession = cr.detect_profession(text, parsed.postnominals, country, title=parsed.title, registers=regs)
    if profession == "unknown" and "Physician" in node.get("@type", ()):
        profession = "doctor"
    return Practitioner(name=parsed.name, title=parsed.title, postnominals=parsed.postnominals,
                        profession=profession, prescriber=cr.detect_prescriber(text), role=role,
                        credentials=creds, evidence=f"schema.org {node['@type'][0]}: {raw_name}")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _node_credentials(node: dict, country: str | None) -> list[Credential]:
    out: list[Credential] = []
    for value in _as_list(node.get("identifier")):
        out += _identifier(value, country)
    for value in _as_list(node.get("medicalLicense")) + _as_list(node.get("license")):
        text = text_value(value) or ""
        found = cr.find_registrations(text, country)
        if not found and re.search(r"\d", text):
            state = _LEADING_STATE.match(text)  # "FL ME 123456": the issuing state, then the number
            number = text[state.end():] if state else text
            found = [c if not state else replace(c, issuer=US_STATES[state.group(1)])
                     for c in cr.find_registrations(f"License # {number}", "US")]
        out += found
    for value in _as_list(node.get("hasCredential")):
        out += _has_credential(value, country)
    for value in _as_list(node.get("memberOf")) + _as_list(node.get("affiliation")):
        name = text_value(value) or ""
        out += cr.find_memberships(name)
    return out


def _identifier(value: Any, country: str | None) -> list[Credential]:
    if isinstance(value, dict):
        prop = (text_value(value.get("propertyID")) or text_value(value.get("name")) or "").strip()
        number = text_value(value.get("value")) or ""
        return cr.find_registrations(f"{prop} {number}", country) if prop and number else []
    return cr.find_registrations(text_value(value) or "", country)


def _has_credential(value: Any, country: str | None) -> list[Credential]:
    if isinstance(value, dict):
        parts = [text_value(value.get(k)) for k in ("credentialCategory", "name", "educationalCredentialAwarded",
                                                    "identifier", "recognizedBy")]
        name = text_value(value.get("name")) or ""
        text = " ".join(p for p in parts if p)
    else:
        name = text = text_value(value) or ""
    if not text:
        return []
    regs = cr.find_registrations(text, country)
    if regs:
        return regs
    low = text.lower()
    if "diploma" in low or "pgdip" in low:
        kind = "diploma"
    elif re.search(r"degree|master|bachelor|doctor of|\bmsc\b|\bbsc\b", low):
        kind = "degree"
    elif "member" in low:
        kind = "membership"
    else:
        kind = "certification"
    return [Credential(kind=kind, value=name or text, evidence=f"hasCredential: {text}")]


# ---------------------------------------------------------------- visible page

def _from_mention(m: people_dom.Mention, country: str | None) -> Practitioner:
    parsed = m.parsed
    bio = m.after or m.text
    head = "\n".join(filter(None, [m.role, parsed.postnominals]))
    creds = cr.find_registrations(m.text, country) + cr.find_memberships(bio) + cr.find_training(bio)
    creds += cr.postnominal_credentials(parsed.postnominals)
    creds += cr.postnominal_credentials(cr.postnominals_in_text(bio))
    creds = _keep(creds)
    regs = tuple(c.kind for c in creds if c.kind in REGISTER_KINDS)
    profession = cr.detect_profession(head, parsed.postnominals, country, title=parsed.title, registers=regs)
    if profession == "unknown":
        profession = cr.detect_profession(bio, None, country)
    if profession == "unknown" and _diploma_only(creds, m.role):
        profession = "aesthetician"
    prescriber = cr.detect_prescriber(" ".join(filter(None, [parsed.postnominals, bio])))
    return Practitioner(name=parsed.name, title=parsed.title, postnominals=parsed.postnominals,
                        profession=profession, prescriber=prescriber, role=m.role or None, credentials=creds,
                        evidence=re.sub(r"\s+", " ", m.text)[:300])


def _diploma_only(creds: list[Credential], role: str | None) -> bool:
    return any(c.kind == "diploma" for c in creds) and bool(role and re.search(r"practitioner|injector", role, re.I))


def _keep(creds: list[Credential]) -> list[Credential]:
    out, seen = [], set()
    for c in creds:
        if c.kind in _CLINIC_LEVEL:
            continue
        key = (c.kind, c.value.upper())
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# ---------------------------------------------------------------- merging

def _same_person(a: Practitioner, b: Practitioner) -> bool:
    fa, fb = name_key(a.name).split(), name_key(b.name).split()
    if fa == fb:
        return True
    if len(a.name.split()) == 1 or len(b.name.split()) == 1:  # "Dr Weber", "Dr Müller-Steinmann", "Nurse Jodie"
        short, full = (fa, fb) if len(a.name.split()) == 1 else (fb, fa)
        named = full[-len(short):] == short or (len(short) == 1 and short[0] == full[0])
        return named and (a.title == b.title or None in (a.title, b.title) or "Nurse" in (a.title, b.title))
    return fa[0] == fb[0] and fa[-1] == fb[-1]


def merge(people: list[Practitioner]) -> list[Practitioner]:
    """One Practitioner per person; credentials and missing fields unioned."""
    out: list[Practitioner] = []
    for person in people:
        match = next((o for o in out if _same_person(o, person)), None)
        if match is None:
            out.append(person)
            continue
        if len(person.name.split()) > len(match.name.split()):
            if len(match.name.split()) == 1 and match.title == "Nurse":  # "Nurse Jodie" is a form of address
                match.title = person.title
            match.name = person.name
        # "Nurse Jodie" is a form of address, not a title (the contract's titles are Dr, Prof, Mr...)
        attrs = ("postnominals", "role", "evidence") if person.title == "Nurse" else (
            "title", "postnominals", "role", "evidence")
        for attr in attrs:
            if not getattr(match, attr) and getattr(person, attr):
                setattr(match, attr, getattr(person, attr))
        if match.profession in (None, "unknown") and person.profession:
            match.profession = person.profession
        if match.prescriber is None:
            match.prescriber = person.prescriber
        keys = {(c.kind, c.value.upper()) for c in match.credentials}
        match.credentials += [c for c in person.credentials if (c.kind, c.value.upper()) not in keys]
    # a single name stays when a title or a register number makes it a person ("Dr Weber")
    return [p for p in out if len(p.name.split()) > 1 or p.credentials or p.title in people_dom.FAMILY_NAME_TITLES
            or p.role]
