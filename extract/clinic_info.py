"""Clinic details on a page: name, contact, address, country, geo and branch.

``extract_clinic`` is what the page object calls. Schema.org clinic/business
nodes are read first; the visible page fills what they leave out (og:site_name,
logo alt, <title>; tel:/mailto: links, Cloudflare-protected and "[at]" emails;
<address> blocks, Google Maps iframe titles and postcodes; unlabelled phone
numbers last, landlines first). CQC provider / location ids go to
``ClinicInfo.credentials``, never to a person. On a
chain's location page (``/locations/<slug>/``) the address is read from the
main content, never from the head-office footer; single-location sites may
use the footer.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from extract import clinic_address as ca
from extract.people_dom import element_text
from extract.structured import of_type, text_value
from extract.credentials import find_registrations
from items import ClinicInfo, Credential

CLINIC_TYPES = ("MedicalClinic", "MedicalBusiness", "HealthAndBeautyBusiness", "BeautySalon", "DaySpa",
                "HairSalon", "Dentist", "Hospital", "MedicalOrganization", "LocalBusiness")
_ORG_TYPES = ("Organization", "Corporation")
CLINIC_REGISTER_KINDS = ("cqc",)  # numbers that belong to premises / providers, not to people
_BRANCH_URL = re.compile(
    r"/(?:locations?|clinics?|branch(?:es)?|standorte?|sedes?|lokalizacje|lokalizacja|centres?|centers?|"
    r"kliniken|cl[ií]nicas?|ubicaciones|find-a-clinic|our-clinics)/([^/?#]+)", re.I)
_GENERIC_SLUG = re.compile(r"^(?:index(?:\.\w+)?|all|list|page|\d+)$", re.I)
_TITLE_SPLIT = re.compile(r"\s+[|–—\-:»·]\s+|\s+::\s+")
_GENERIC_TITLE = re.compile(
    r"^(?:home(?:\s*page)?|welcome|start|inicio|startseite|strona główna|prices?|pricing|price list|our team|"
    r"meet the team|team|about(?: us)?|contact(?: us)?|treatments?|blog|news|kontakt|preise|precios|cennik)$", re.I)
_EMAIL = re.compile(r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b")
_OBFUSCATED = re.compile(
    r"\b([\w.+\-]+)\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+|\[@\])\s*([\w\-]+(?:\s*(?:\.|\[dot\]|\(dot\)|\s+dot\s+)\s*[\w\-]+)+)\b",
    re.I)
_ADDRESS_CLASS = re.compile(r"address|contact|location|visit|find-us|adres|direcci|anschrift", re.I)


def extract_clinic(doc, nodes: list[dict], *, url: str, hints: dict) -> ClinicInfo:
    """What the page says about its clinic (or the branch it is about)."""
    parts = urlsplit(url)
    branch = branch_from_url(url)
    node = _pick_node(nodes, url, branch)
    info = ClinicInfo(website=f"{parts.scheme or 'http'}://{parts.netloc}/" if parts.netloc else None)
    if branch is None and node is not None:
        branch = _branch_from_node(node)
    info.branch = branch
    info.name = _name(doc, node)
    if branch is not None:
        info.name = _branch_name(doc, node, info.name, branch)
    _fill_from_node(info, node)
    texts = _Texts()
    _fill_address(info, doc, branch is not None, hints, texts)
    info.country = info.country or infer_country(doc, url, info, hints)
    info.phone = _phone(doc, node, info.country, branch is not None, texts)
    info.email = info.email or _email(doc, branch is not None, texts)
    info.credentials = clinic_credentials(doc, texts)
    return info


class _Texts:
    """element_text per element, read once per page (the tree is not changed meanwhile)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[object, str]] = {}  # id -> (element kept alive, text)

    def of(self, el) -> str:
        hit = self._seen.get(id(el))
        if hit is None or hit[0] is not el:
            hit = self._seen[id(el)] = (el, element_text(el))
        return hit[1]


def clinic_credentials(doc, texts: _Texts | None = None) -> list[Credential]:
    """The clinic's own register numbers: CQC provider and location ids (footers, 'About', badges)."""
    body = doc.find(".//body")
    text = (texts or _Texts()).of(body) if body is not None else ""
    return [c for c in find_registrations(text) if c.kind in CLINIC_REGISTER_KINDS]


def _branch_name(doc, node: dict | None, brand: str | None, branch: str) -> str | None:
    """On a location page: the branch's own name ('Glow Leeds'), when the page gives one."""
    if node is not None and branch.replace("-", " ") in (text_value(node.get("name")) or "").lower():
        return text_value(node.get("name"))
    title = (doc.findtext(".//title") or "").strip()
    options = [" ".join(h.text_content().split()) for h in doc.xpath("//main//h1 | //h1")[:1]]
    options += [p.strip() for p in _TITLE_SPLIT.split(title)[:1]]
    for option in options:
        low = option.lower()
        if brand and brand.lower() in low and len(option) > len(brand) and len(option) < 90:
            return option
    return brand


def branch_from_url(url: str) -> str | None:
    """'/locations/manchester/' -> 'manchester'."""
    m = _BRANCH_URL.search(urlsplit(url).path)
    if not m:
        return None
    slug = unquote(m.group(1)).lower().rsplit(".", 1)[0] if "." in m.group(1) else unquote(m.group(1)).lower()
    return None if _GENERIC_SLUG.match(slug) else slug


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _pick_node(nodes: list[dict], url: str, branch: str | None) -> dict | None:
    clinics = list(of_type(nodes, *CLINIC_TYPES)) or list(of_type(nodes, *_ORG_TYPES))
    clinics = [n for n in clinics if "Person" not in n.get("@type", ())]
    if not clinics:
        return None

    def score(n: dict) -> tuple:
        node_url = (text_value(n.get("url")) or "").rstrip("/")
        here = node_url and node_url == url.rstrip("/")
        addr = text_value(n.get("address")) or ""
        blob = _slug(f"{text_value(n.get('name')) or ''} {addr} {_locality(n) or ''}")
        about_branch = bool(branch and branch in blob)
        return (about_branch, bool(here), isinstance(n.get("address"), (dict, str)), bool(n.get("telephone")))

    return max(clinics, key=score)


def _locality(node: dict) -> str | None:
    addr = node.get("address")
    if isinstance(addr, list):
        addr = addr[0] if addr else None
    return text_value(addr.get("addressLocality")) if isinstance(addr, dict) else None


def _branch_from_node(node: dict) -> str | None:
    if node.get("branchOf"):
        loc = _locality(node)
        return _slug(loc) if loc else None
    parent = node.get("parentOrganization")
    parent_name = text_value(parent.get("name")) if isinstance(parent, dict) else None
    name = text_value(node.get("name")) or ""
    if parent_name and parent_name.strip().lower() != name.strip().lower():
        extra = name.lower().replace(parent_name.lower(), "").strip(" -–|,")
        loc = _locality(node)
        return _slug(loc) if loc else (_slug(extra) or None)
    return None


def _name(doc, node: dict | None) -> str | None:
    if node is not None and text_value(node.get("name")):
        return text_value(node.get("name"))
    for xpath in ('//meta[@property="og:site_name"]/@content', '//meta[@name="application-name"]/@content'):
        found = [v.strip() for v in doc.xpath(xpath) if v.strip()]
        if found:
            return found[0]
    for alt in doc.xpath('//*[contains(@class,"logo") or contains(@id,"logo")]//img/@alt | //img[contains(@class,"logo")]/@alt'):
        alt = re.sub(r"\s*\blogo\b\s*", " ", alt, flags=re.I).strip()
        if alt:
            return alt
    return clean_title(doc.findtext(".//title"))


def clean_title(title: str | None) -> str | None:
    """'Home | Glow Aesthetics' -> 'Glow Aesthetics'."""
    if not title:
        return None
    parts = [p.strip() for p in _TITLE_SPLIT.split(" ".join(title.split())) if p.strip()]
    parts = [p for p in parts if not _GENERIC_TITLE.match(p)] or parts
    return parts[-1] if len(parts) > 1 and len(parts[-1]) < len(parts[0]) else parts[0] if parts else None


def _fill_from_node(info: ClinicInfo, node: dict | None) -> None:
    if node is None:
        return
    info.email = (text_value(node.get("email")) or "").removeprefix("mailto:") or None
    addr = node.get("address")
    if isinstance(addr, list):
        addr = addr[0] if addr else None
    if isinstance(addr, dict):
        info.address = text_value(addr.get("streetAddress"))
        info.locality = text_value(addr.get("addressLocality"))
        info.region = text_value(addr.get("addressRegion"))
        info.postcode = text_value(addr.get("postalCode"))
        info.country = ca.country_code(text_value(addr.get("addressCountry")))
    elif isinstance(addr, str):
        _apply_address(info, ca.parse_address(addr))
    geo = node.get("geo") if isinstance(node.get("geo"), dict) else node
    info.latitude, info.longitude = _float(geo.get("latitude")), _float(geo.get("longitude"))


def _float(value) -> float | None:
    try:
        return float(str(text_value(value)).replace(",", ".")) if value not in (None, "") else None
    except ValueError:
        return None


def _apply_address(info: ClinicInfo, addr: ca.Address) -> None:
    info.address = info.address or addr.street
    info.locality = info.locality or addr.locality
    info.region = info.region or addr.region
    info.postcode = info.postcode or addr.postcode
    info.country = info.country or addr.country


def _fill_address(info: ClinicInfo, doc, is_branch: bool, hints: dict, texts: _Texts) -> None:
    if info.postcode:
        if info.country is None:
            info.country = ca.parse_address(info.postcode).country
        return
    country = info.country or hints.get("country")
    blocks = _address_blocks(doc, is_branch, texts)
    for block in blocks:
        addr = ca.parse_address(block, country)
        if addr.postcode:
            _apply_address(info, addr)
            return
    for block in blocks.first(3):
        addr = ca.fallback_locality(block)
        if addr is not None:
            _apply_address(info, addr)
            return


def _address_blocks(doc, is_branch: bool, texts: _Texts) -> _LazyTexts:
    """Address-like texts, most specific first; footers last and never on a branch page."""
    body = doc.find(".//body")
    if body is None:
        return []
    main, footer = [], []
    xpath = ('.//address | .//*[@itemprop="address"] | .//*[contains(@class,"address") or contains(@class,"contact") '
             'or contains(@class,"location") or contains(@id,"contact") or contains(@class,"adres")]')
    for el in body.xpath(xpath):
        if not 0 < len(el.text_content()) <= 600:
            continue
        in_footer = any(a.tag == "footer" or "footer" in (a.get("class") or "") for a in el.iterancestors())
        (footer if in_footer or el.tag == "footer" else main).append(el)
    for title in body.xpath('.//iframe[contains(@src,"map")]/@title | .//iframe[contains(@src,"map")]/@aria-label'):
        if re.search(r"\d", title):  # "Glow Clinic, 22 Park Row, Leeds LS1 5JF" on a Google Maps embed
            main.append(title)
    content = body.find(".//main")
    if content is not None:
        main.append(content)
    if not is_branch:
        main += footer
        main.append(body)
    # texts are read when asked for: most pages stop at the first block with a postcode
    return _LazyTexts(main, texts)


class _LazyTexts:
    """Blocks (elements or strings) read as text one at a time, in order, each at most once."""

    def __init__(self, blocks: list, texts: _Texts) -> None:
        self._blocks, self._texts = blocks, texts

    def __iter__(self):
        for block in self._blocks:
            text = block if isinstance(block, str) else self._texts.of(block)
            if text:
                yield text

    def first(self, n: int) -> list[str]:
        out = []
        for text in self:
            out.append(text)
            if len(out) == n:
                break
        return out


# Where a page keeps its phone number: header, footer, address and contact blocks.
_CONTACT_XPATH = (
    './/header | .//footer | .//address | .//*[@itemprop="telephone" or @itemprop="address"]'
    ' | .//*[contains(@class,"contact") or contains(@id,"contact") or contains(@class,"phone")'
    ' or contains(@class,"footer") or contains(@class,"header") or contains(@class,"kontakt")'
    ' or contains(@class,"contacto") or contains(@class,"location") or contains(@class,"address")]')
_LINE_TAGS = ("li", "p", "span", "div", "td", "dd", "strong", "b", "a")
_PHONE_ALONE = re.compile(r"\+?[\d(][\d\s().\-]{6,20}\d")
_MAX_BLOCK = 3000  # characters: a "contact" wrapper around the whole page is no contact block


def _first_phone(raws, country: str | None) -> str | None:
    """The first raw number that is a possible phone number, in E.164."""
    return next((phone for raw in raws if (phone := ca.normalise_phone(raw, country))), None)


def _outermost(elements: list) -> list:
    """The contact blocks not inside another one (each read once), at most _MAX_BLOCK characters."""
    kept: set[int] = set()
    out = []
    for el in elements:  # document order: an ancestor comes before its descendants
        if any(id(a) in kept for a in el.iterancestors()) or len(el.text_content()) > _MAX_BLOCK:
            continue
        kept.add(id(el))
        out.append(el)
    return out


def _phone(doc, node: dict | None, country: str | None, is_branch: bool, texts: _Texts) -> str | None:
    """schema.org telephone, tel: links, then numbers in the contact blocks; never the whole page's
    text (script contents are gone by now, but a big page's prose is no place to look either)."""
    raws = [text_value(node.get("telephone"))] if node is not None else []
    scope = doc.xpath("//main") if is_branch else []
    root = scope[0] if scope else doc
    raws += [h for h in root.xpath('.//a[starts-with(translate(@href,"TEL","tel"),"tel:")]/@href')]
    blocks = [texts.of(el) for el in _outermost(root.xpath(_CONTACT_XPATH))]
    block_text = "\n".join(dict.fromkeys(blocks))
    raws += ca.phones_in_text(block_text)
    phone = _first_phone(raws, country)
    if phone:
        return phone
    content = root.find(".//main") if root is doc else root
    if content is None:
        content = doc.find(".//body")
    text = texts.of(content) if content is not None else ""
    phone = _first_phone(ca.phones_in_text(text), country)  # "Call us on 0141 ..." in a contact page's text
    if phone:
        return phone
    # "0141 496 0888" beside a phone icon: in a contact block, or a line of its own
    alone = [t for t in (" ".join(el.text_content().split()) for el in content.iter(*_LINE_TAGS))
             if _PHONE_ALONE.fullmatch(t)] if content is not None else []
    found = ca.phones_unlabelled("\n".join([block_text, *dict.fromkeys(alone)]), country)
    return found[0] if found else None


def _email(doc, is_branch: bool, texts: _Texts) -> str | None:
    scope = doc.xpath("//main") if is_branch else []
    root = scope[0] if scope else doc
    for coded in root.xpath('.//@data-cfemail | .//a[contains(@href,"/cdn-cgi/l/email-protection#")]/@href'):
        addr = cloudflare_email(coded.rsplit("#", 1)[-1])
        if addr and _EMAIL.fullmatch(addr):
            return addr.lower()
    for href in root.xpath('.//a[starts-with(translate(@href,"MAILTO","mailto"),"mailto:")]/@href'):
        addr = unquote(href[7:].split("?")[0]).strip()
        if _EMAIL.fullmatch(addr):
            return addr.lower()
    body = root if scope else doc.find(".//body")
    text = texts.of(body) if body is not None else ""
    m = _EMAIL.search(text)
    if m and not m.group(0).lower().endswith((".png", ".jpg", ".webp")):
        return m.group(0).lower()
    m = _OBFUSCATED.search(text)
    if m:
        domain = re.sub(r"\s*(?:\[dot\]|\(dot\)|\s+dot\s+|\.)\s*", ".", m.group(2), flags=re.I)
        return f"{m.group(1)}@{domain}".lower()
    return None


def cloudflare_email(coded: str) -> str | None:
    """Decode Cloudflare's email protection: hex pairs XOR-ed with the first byte."""
    try:
        data = bytes.fromhex(coded.strip())
    except ValueError:
        return None
    if len(data) < 4:
        return None
    try:
        return bytes(b ^ data[0] for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None


def infer_country(doc, url: str, info: ClinicInfo, hints: dict) -> str | None:
    """ISO2 from (in order) phone prefix, ccTLD, currency symbols, html lang, hints."""
    body = doc.find(".//body")
    text = body.text_content() if body is not None else ""
    tels = doc.xpath('//a[starts-with(@href,"tel:")]/@href')
    for raw in tels + ca.phones_in_text(text):
        found = ca.phone_country(raw.removeprefix("tel:"))
        if found:
            return found
    lang = (doc.get("lang") or "").strip()
    return (ca.tld_country(urlsplit(url).hostname or "") or ca.currency_country(text)
            or (hints or {}).get("country") or ca.lang_country(lang))
