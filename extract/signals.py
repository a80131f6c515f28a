"""Regulated wording on a clinic's pages: the sentences the vetting rules quote as evidence.

Consumer guides and regulators (docs/rules.md) name warning signs a clinic's own site shows:
remote prescribing of toxin, injectables offered to under-18s, two-for-one and "Botox party"
promotions, a mobile or hotel service, a toxin brand without a UK licence, and, for hair
transplants sold to foreign patients, technician-led surgery and very large graft counts. This
module finds them, one :class:`items.Signal` per kind and value a page, with the sentence that
shows it; the rules (analysis/rules/conduct.py) decide what a clinic's signals amount to.

A signal needs its subject in the same sentence or block: "16+ with parental consent" is about
injectables only when toxin or filler is named beside it, and "we come to you" only when the
service is an injectable one. A sentence that negates the wording ("we never prescribe
remotely", "we do not treat anyone under 18") gives no signal. Pages are read block by block
(paragraphs, list items, cells, headings) after the page object has stripped what a reader never
sees; a page without any trigger word is rejected by one scan of its text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from items import SIGNAL_KINDS, Signal  # noqa: F401  (SIGNAL_KINDS: the vocabulary)

MAX_TEXT = 300
MAX_GRAFTS_PER_SESSION = 4000
PRODUCTS_FILE = Path(__file__).with_name("toxin_products.yml")

_I = re.IGNORECASE

# What a sentence is about.
TOXIN = (r"botox\w*|b[oó]tox|botoks\w*|botulin\w*|toxin\w*|toksyn\w*|anti[- ]?wrinkle|wrinkle[- ]relax\w*|"
         r"muscle[- ]relax\w*|faltenbehandlung|azzalure|bocouture|dysport|xeomin|alluzience|letybo|nuceiva|"
         r"relfydess|botulax|nabota|meditoxin|innotox|hutox|liztox")
_TOXIN = re.compile(rf"\b(?:{TOXIN})", _I)
_INJECTABLE = re.compile(
    rf"\b(?:{TOXIN}|(?:dermal |lip |cheek |chin |jaw(?:line)? |nose |tear[- ]trough |hyaluronic )?fillers?\b|"
    r"lip (?:enhancement|augmentation|plumping)|injectables?\b|injections?\b|skin ?boosters?|profhilo|"
    r"juvederm|restylane|teosyal|belotero|relleno\w*|wype[łl]niacz\w*|unterspritz\w*|hyalurons[äa]ure)", _I)
HAIR_TRANSPLANT = re.compile(
    r"\b(?:hair[- ]transplant\w*|hair restoration surgery|FUE|FUT|DHI|sapphire fue|s[aâ]ç ekimi|"
    r"haartransplantation|trasplante capilar|injerto capilar|greffe de cheveux|przeszczep w[łl]os[óo]w|"
    r"trapianto di capelli)\b", _I)

# Negated wording: "we never...", "we do not..."; a sentence like this states a safeguard.
_NEGATION = re.compile(r"\b(?:never|not|don't|doesn't|won't|cannot|can't|no longer|refuse\w*)\b|\bn't\b", _I)

_REMOTE = re.compile(
    r"\b(?:online|video|virtual|telephone|phone|remote|zoom|facetime|skype|whatsapp)[- ](?:consultations?|"
    r"consults?|assessments?|prescri\w+)\b|\bprescri\w*\s+(?:\w+\s+){0,3}(?:remotely|online|by (?:video|phone|"
    r"telephone))\b|\bremote(?:ly)?[- ]prescri\w+|\bprescribers?\s+(?:is\s+)?on[- ]call\b|"
    r"\bprescribers?\s+(?:\w+\s+){0,3}(?:approv|authori[sz]|sign)\w*\s+(?:\w+\s+){0,5}?(?:remotely|online|"
    r"by (?:video|phone|telephone)|over the phone)", _I)
_NO_CONSULTATION = re.compile(
    r"\bno (?:face[- ]to[- ]face |in[- ]person |prior |need for (?:a |an )?)?consultations?\b(?:\s+(?:is\s+)?"
    r"(?:needed|required|necessary))?|\bwithout (?:a |an |any )?(?:prior )?consultation\b|"
    r"\bconsultations? (?:is |are )?not (?:needed|required|necessary)\b", _I)
_FACE_TO_FACE = re.compile(r"\b(?:face[- ]to[- ]face|in[- ]person|in clinic)\b", _I)
_PRESCRIBE = re.compile(r"\bprescri", _I)

_UNDER_18 = re.compile(
    r"\b1[4-7]\s?\+|\b(?:aged?|from|over|for)\s+1[4-7]\b|\b1[4-7]\s+(?:and|or)\s+(?:over|above|older)\b|"
    r"\bunder[- ]18s?\s+(?:are\s+)?(?:welcome|can|may|with)\b|\bparental (?:consent|permission)\b|"
    r"\bconsent (?:form )?(?:from|of|signed by) (?:a |your )?parents?\b|\bwith (?:a |your )?parents?"
    r"(?: or guardian)? present\b|\baccompanied by (?:a |your )?parents?\b|\bprom(?: season| night)?\s+"
    r"(?:offers?|deals?|specials?|packages?|glow)\b|\bschool[- ]leavers?\b|\bteens?\b|\bteenagers?\b|"
    r"\bsixth[- ]form\w*\b|\bstudents? aged\b", _I)
_AGE_SAFEGUARD = re.compile(r"\b(?:18\s?\+|over[- ]18s? only|aged 18 (?:and|or) over|18 (?:years )?or older|"
                            r"over the age of 18|must be (?:at least |over )?18)\b", _I)

_PROMOTIONS = (
    ("two_for_one", re.compile(r"\b(?:two[- ]for[- ]one|2[- ]for[- ]1|buy one,? get one|bogof?|second "
                               r"(?:area|syringe|treatment|ml) (?:free|half[- ]price)|half[- ]price)\b", _I)),
    ("party", re.compile(rf"\b(?:(?:{TOXIN}|filler|lip) part(?:y|ies)|(?:party|parties) (?:package|night|"
                         r"booking|host)s?|host (?:a|your own) party)\b", _I)),
    ("time_limited", re.compile(r"\b(?:flash sale|limited[- ]time (?:offer|deal|only)|for a limited time|this "
                                r"(?:week|weekend|month) only|today only|offer ends|ends (?:soon|tonight|"
                                r"midnight|this (?:week|weekend|friday|sunday))|while stocks last|"
                                r"book (?:by|before) \w+ to (?:save|get))\b", _I)),
    ("prize", re.compile(r"\b(?:win (?:a|an|your|free)\b|(?:enter|in|join) (?:our|the|a|this) (?:\w+ ){0,2}"
                         r"competition|competition to win|giveaway|prize draw|raffle)\b", _I)),
    ("voucher_site", re.compile(r"\b(?:groupon|wowcher|livingsocial|itison|buyagift|deal sites?)\b", _I)),
)

_MOBILE = re.compile(
    r"\bwe come to you\b|\bmobile (?:aesthetic\w*|service|clinic|practitioner|injector|botox|filler|nurse|"
    r"treatments?|appointments?)\b|\bhome (?:visits?|appointments?|treatments?)\b|\bin the comfort of your "
    r"(?:own )?home\b|\bat your (?:own )?(?:home|house|hotel|office|workplace|venue)\b|\btreatments? at home\b|"
    r"\bpop[- ]up (?:clinics?|events?|days?|sessions?)\b|\bhotel (?:suites?|rooms?|pop[- ]ups?|clinic days?|"
    r"treatment days?)\b|\b(?:clinics?|treatment|injectables?) days? at (?:the |a |an )?(?:[\w-]+ ){0,3}hotel\b", _I)

_TOURISM = re.compile(
    r"\b(?:(?:vip |free |private )?airport (?:transfers?|pick[- ]?ups?)|vip transfers?|hotel (?:accommodation|"
    r"stay|included|nights?)|accommodation (?:is )?included|(?:\d|two|three|four) nights?\b|international "
    r"patients?|patients? from abroad|(?:translator|interpreter)s?|"
    r"all[- ]inclusive (?:packages?|prices?|offers?)|"
    # the same offers in German, Spanish, French and Turkish (trips are sold in the buyer's language)
    r"flughafen-?transfer\w*|hotel(?:übernachtung|aufenthalt)\w*|dolmetscher\w*|"
    r"(?:traslados?|transfers?) (?:al|del|desde el) aeropuerto|hotel incluido|alojamiento incluido|int[ée]rprete|"
    r"transferts? (?:depuis l'|de l'|à l')a[ée]roport|h[ée]bergement (?:à l'hôtel |inclus)|interpr[èe]te|"
    r"havaliman[ıi] transfer\w*|otel konaklama\w*|terc[üu]man\w*)", _I)
_TECHNICIANS = re.compile(
    r"\btechnicians?\b[^.;]{0,60}?\b(?:perform|carry out|carries out|do|does|handle|complete|take care of)\w*"
    r"\b[^.;]{0,40}?\b(?:extraction|implantation|harvest\w*|grafts?|transplant|procedure|operation|surgery)\b|"
    r"\b(?:extraction|implantation|harvest\w*|grafts?)\b[^.;]{0,40}?\b(?:is |are )?(?:performed |done |carried "
    r"out |handled )?by (?:our )?(?:\w+ ){0,2}technicians?\b", _I)
_GRAFTS = re.compile(r"\b(\d{1,2}(?:[,. ]\d{3}|\d{3}))\s*\+?\s*(?:grafts?|greffons?|injertos?|greft|"
                     r"graftów|graftow|grafts)\b", _I)
_ONE_SESSION = re.compile(r"\b(?:one|single|1|a) (?:session|sitting|day|operation|procedure)\b|\bup to\b|"
                          r"\bper (?:session|sitting|day|operation)\b|\bin one go\b|\bat once\b|\bmega ?session\b", _I)
_SPLIT_SESSIONS = re.compile(r"\b(?:two|2|three|3|several|multiple) (?:sessions|sittings|days|operations)\b", _I)

# Words without which a kind cannot be present: plain substring tests on lower-cased text (fast,
# C-level) decide which regexes run at all. Real clinic pages mention consultations and prices
# everywhere; the costly patterns only meet the few sentences that could match them.
_WORDS = {
    "remote": ("online", "video", "virtual", "phone", "remote", "zoom", "facetime", "skype", "whatsapp",
               "prescri", "consult"),
    "under_18": ("1", "parent", "prom", "school", "teen", "sixth", "student", "under"),
    "promotion": ("two", "2", "buy one", "bogo", "half", "second", "part", "sale", "limited", "only", "ends",
                  "offer", "stocks", "book by", "book before", "win", "competition", "giveaway", "prize", "raffle",
                  "groupon", "wowcher", "livingsocial", "itison", "buyagift", "deal"),
    "mobile": ("come to you", "mobile", "home", "hotel", "pop", "at your"),
    "hair": ("transplant", "fue", "fut", "dhi", "sapphire", "ekimi", "haartransplant", "trasplante", "injerto",
             "greffe", "przeszczep", "trapianto", "restoration", "haartransplantation"),
    "grafts": ("graft", "greffon", "injert", "greft"),
}
_ALL_WORDS = tuple(sorted({w for words in _WORDS.values() for w in words if w not in ("1", "2")}
                          | {"16", "17", "14", "15", "2 for", "2-for"}))


def _has(low: str, words: tuple[str, ...]) -> bool:
    return any(w in low for w in words)


_BLOCK_TAGS = ("p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "figcaption", "caption", "label", "summary")
_CONTAINERS = frozenset(("div", "section", "article", "aside", "header", "footer", "main", "span", "a",
                         "strong", "b", "em"))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9£$€])")


@lru_cache(maxsize=1)
def product_words() -> tuple[str, ...]:
    """The first word of every product wording, lower-cased (a sentence without one names none)."""
    return tuple(sorted({w.split()[0] for w in products()[1]}))


@lru_cache(maxsize=1)
def products() -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    """(one regex of every product wording, wording -> (product name, licensed in the UK))."""
    data = yaml.safe_load(PRODUCTS_FILE.read_text(encoding="utf-8"))
    names: dict[str, tuple[str, bool]] = {}
    for group, licensed in (("licensed", True), ("unlicensed", False)):
        for product, wordings in data[group].items():
            for wording in wordings:
                names[wording.lower()] = (product, licensed)
    words = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words) + r")\b", _I)
    return pattern, names


def product_named(text: str) -> tuple[str, bool] | None:
    """The first toxin product a text names, with its UK licence status ("Botox", True)."""
    found = products_named(text)
    return found[0] if found else None


@lru_cache(maxsize=256)
def is_licensed(product: str) -> bool:
    """Whether a product name (as products_named gives it) has a UK licence."""
    return dict(products()[1].values()).get(product, False)


def products_named(text: str) -> list[tuple[str, bool]]:
    """Every toxin product a text names, once each, in order."""
    pattern, names = products()
    found = (names[" ".join(m.group(1).lower().replace("-", " ").split())] for m in pattern.finditer(text or ""))
    return list(dict.fromkeys(found))


def blocks(doc) -> list[str]:
    """The text of each leaf block of a parsed page (paragraphs, list items, cells, headings, and
    containers holding text of their own), whitespace folded."""
    out = []
    for el in doc.iter(*_BLOCK_TAGS, "div", "section", "article", "aside", "span"):
        if el.tag in _CONTAINERS:
            if not (el.text or "").strip() or any(child.tag not in _CONTAINERS or child.tag == "div"
                                                  for child in el if isinstance(child.tag, str)):
                continue
        elif any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in el):
            continue
        text = " ".join(el.text_content().split())
        if text:
            out.append(text)
    return out


def sentences(block: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(block) if s]


# On an article (a clinic's blog post, a news page) wording is reported speech: "Botox parties
# are risky" warns, it does not promote. Only the products an article names count there.
ARTICLE_KINDS = ("toxin_product",)


def find_signals(doc, *, article: bool = False) -> list[Signal]:
    """Every signal of a parsed page (the page object's tree, unseen parts already stripped);
    ``article``: the page is editorial (extract/money_roles.page_role), see ARTICLE_KINDS."""
    body = doc.find("body")
    root = body if body is not None else doc
    page = root.text_content().lower()
    present = tuple(w for w in (*_ALL_WORDS, *product_words()) if w in page)  # one scan of the page
    if not present:
        return []
    # a word absent from the page is absent from its blocks: only blocks holding one are read
    return _collect((b for b in blocks(root) if _has(b.lower(), present)), article)


def text_signals(text: str) -> list[Signal]:
    """Signals of plain text (a test table's sentence, a PDF page's lines): one block a line."""
    return _collect((" ".join(line.split()) for line in (text or "").splitlines()), article=False)


def _collect(block_texts, article: bool) -> list[Signal]:
    """One signal per kind and value, with the first sentence that shows it."""
    found: dict[tuple[str, str], Signal] = {}
    for block in block_texts:
        for sentence in sentences(block):
            for kind, value in _sentence_signals(sentence, block):
                if not article or kind in ARTICLE_KINDS:
                    found.setdefault((kind, value), Signal(kind=kind, value=value, text=sentence[:MAX_TEXT]))
    return list(found.values())


def _sentence_signals(sentence: str, block: str) -> list[tuple[str, str]]:
    low = sentence.lower()
    out: list[tuple[str, str]] = []
    remote = _has(low, _WORDS["remote"])
    under_18 = _has(low, _WORDS["under_18"])
    promotion = _has(low, _WORDS["promotion"])
    mobile = _has(low, _WORDS["mobile"])
    if remote or under_18 or promotion or mobile:
        no_consultation = _NO_CONSULTATION.search(sentence) if "consult" in low else None
        rest = _NO_CONSULTATION.sub(" ", sentence) if no_consultation else sentence
        negated = bool(_NEGATION.search(rest))
        injectable = bool(_INJECTABLE.search(sentence)) or bool(_INJECTABLE.search(block))
        if not negated and remote:
            toxin = bool(_TOXIN.search(sentence)) or bool(_TOXIN.search(block))
            if no_consultation and injectable and not _FACE_TO_FACE.search(rest):
                out.append(("remote_prescribing", "no_consultation"))
            elif _REMOTE.search(sentence) and (toxin or _PRESCRIBE.search(sentence)) \
                    and not _FACE_TO_FACE.search(block):
                out.append(("remote_prescribing", "toxin" if toxin else "prescriber"))
        if injectable and not negated:
            age = _UNDER_18.search(sentence) if under_18 else None
            if age and not _AGE_SAFEGUARD.search(sentence):
                out.append(("under_18", age.group(0).lower()))
            if promotion:
                for value, pattern in _PROMOTIONS:
                    if pattern.search(sentence) and (value != "party" or _INJECTABLE.search(sentence)):
                        out.append(("promotion", value))
            place = _MOBILE.search(sentence) if mobile else None
            if place:
                out.append(("mobile_setting", place.group(0).lower()))
    if _has(low, product_words()):
        out += [("toxin_product", name) for name, _ in products_named(sentence)]
    if _has(low, _WORDS["hair"]) or _has(block.lower(), _WORDS["hair"]):
        if HAIR_TRANSPLANT.search(sentence) or HAIR_TRANSPLANT.search(block):
            trip = _TOURISM.search(sentence)
            if trip:
                out.append(("hair_tourism", trip.group(0).lower()))
            if "technician" in low and _TECHNICIANS.search(sentence) and not _NEGATION.search(sentence):
                out.append(("technician_led", "technicians"))
    if _has(low, _WORDS["grafts"]):
        for m in _GRAFTS.finditer(sentence):
            count = int(re.sub(r"\D", "", m.group(1)))
            if count > MAX_GRAFTS_PER_SESSION and _ONE_SESSION.search(sentence) and not _SPLIT_SESSIONS.search(sentence):
                out.append(("graft_count", str(count)))
    return out
