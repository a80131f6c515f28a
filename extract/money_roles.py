"""Whose money is it? A role for every money mention a page's price extraction found.

Only ``own_price`` (what this clinic charges for its own treatment) becomes a ``prices`` row
and enters the norms. The rest are kept as money mentions with their role, because people want
to know them: ``deposit``; ``fee`` (cancellation, no-show, admin, facility); ``finance``
(instalments, memberships); ``market_price`` (ranges, averages and typical costs quoted by
guides and news, also on a clinic's own blog); ``third_party`` (vouchers, another business's
deal); ``wholesale`` (what clinics pay for product); ``example`` (worked examples, refunds).

The decision reads the sentence around the amount and the page's role:

* a clinic's service or price page (``service``): own unless the sentence says otherwise;
* an editorial page (``editorial``: a blog post, guide, news article, "how much does X cost")
  or a policy page (``policy``: terms, cancellation, membership): a price is own only when the
  sentence speaks for the clinic ("our", "we", "at our clinic"...) and names no market words.

Written from the failure classes of the real-text development set (devset/), in our words.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from core.text import fold

ROLES = ("own_price", "market_price", "deposit", "fee", "finance", "third_party", "wholesale",
         "was_price", "example")

_EDITORIAL_PATH = re.compile(
    r"/(?:blog|blogs|news|noticias|nachrichten|aktuelles|actualites|articles?|post|posts|magazine|journal|"
    r"guides?|guia|ratgeber|poradnik|tag|category|entry|infografia|stories|insights|resources|wiki|"
    r"advice|learn|knowledge|press|media|archives?|lifestyle|opinion|yasam|saglik|salud|gesundheit|"
    r"sante|salute|zdrowie)(?:/|$|-)|-story\b"
    r"|how-much|how-many|cost-of|costs?-(?:explained|breakdown)|what-is|what-are|"
    r"-vs-|versus|quanto-costa|cuanto-cuesta|combien|was-kostet|ile-kosztuje|ne-kadar|fiyatlari-\d{4}|"
    r"\d{4}/\d{2}/|/\d{4}/\d{1,2}/\d{1,2}/|\?p=\d+")
# News and magazine sites, by their host name: their prices are reported, never charged.
# A word counts at either end of a host label ("dailyherald", "eveningtimes"), not inside one ("renewskin").
_HOST_WORDS = (r"news|daily|times|telegraph|journal|magazine|gazette|herald|tribune|zeitung|haber\w*|noticias|"
               r"byrdie|cosmopolitan|marieclaire|harpersbazaar|womanandhome|refinery29|"
               r"healthline|webmd|realself|groupon|wowcher|livingsocial|whatclinic|yelp|vergleich|kostencheck|"
               r"compare|comparison|pricecheck|costhelper|wiki|sabah|mynet|hurriyet|milliyet|elpais|elmundo|lefigaro|spiegel")
_EDITORIAL_HOST = re.compile(rf"(?:^|[.-])(?:{_HOST_WORDS})|(?:{_HOST_WORDS})(?:[.-]|$)")
# An article's address: a long slug, or a slug ending in a numeric article id.
_ARTICLE_PATH = re.compile(r"(?:[a-z0-9]+-){7,}[a-z0-9]+|-\d{5,}(?:\.html?)?/?$|/\d{4,}/(?:amp/?)?$")
_POLICY_PATH = re.compile(r"terms|conditions|polic(?:y|ies)|cancell?ation|no-show|refund|agb|condiciones|"
                          r"regulamin|membership|booking-info|privacy", re.I)
_EDITORIAL_TITLE = re.compile(r"how much|cost of|costs? explained|ultimate guide|complete guide|average|"
                              r"everything you need|pros and cons|quanto costa|cuanto cuesta|combien coute|"
                              r"was kostet|ile kosztuje|ne kadar|fiyatlari|preisbeispiel|price examples|"
                              r"(?:costs?|prices) in \d{4}")

_OWN = re.compile(
    r"\b(?:our|ours|we|we're|we've|us|my|at the clinic|book (?:now|online|today)|unsere?[mnrs]?|wir|bei uns|"
    r"nuestr[oa]s?|nosotros|ofrecemos|nasz[aey]?|naszej|oferujemy|u nas|bizim|klinigimiz\w*|nous|notre|nos|"
    r"chez nous|il nostro|la nostra|nostri|nostre|offriamo|onze|ons|wij|bij ons|nosso|nossa|nossos|nossas|"
    r"oferecemos)\b")
_RULES = (
    ("wholesale", re.compile(r"wholesale|vials? (?:costs?|are sold)|clinics? pays?|"
                             r"practitioners? pays?|injectors? pays?|supplier|purchase price|einkaufspreis|"
                             r"precio de compra|cena hurtowa")),
    ("deposit", re.compile(r"deposit|booking fee|holding fee|anzahlung|fianza|senal|depozyt|zaliczk|kapora|"
                           r"acompte|caparra|down payment")),
    ("fee", re.compile(r"cancel|no[- ]?show|missed (?:appointment|consultation)|fail(?:s|ed)? to (?:attend|show)|"
                       r"late (?:arrival|fee|cancel)|admin(?:istration)? (?:fee|charge)|facilit(?:y|ies) (?:fee|charge)|"
                       r"rebook|penalt|storno|ausfallgebuhr|absage|cancelaci|anulac|odwola|annulation|returned cheque|"
                       r"not attended|forfeit|charged in full")),
    ("finance", re.compile(r"per month|a month|/ ?month|/ ?mo\b|monthly|membership|members? (?:pay|fee)|"
                           r"subscription|finance|financing|instal?lments?|klarna|clearpay|afterpay|carecredit|"
                           r"pay over|interest[- ]free|monatlich|\bal mes\b|mensual|miesiecz|aylik|par mois|\bal mese\b|"
                           r"per year|annual fee|a year")),
    ("third_party", re.compile(r"voucher|groupon|wowcher|living ?social|daily deal|coupon|gutschein|cupon|bon\b|"
                               r"deals? (?:on|for) [a-z -]{0,30}near you|find deals|merchants? (?:on|listed)")),
    ("example", re.compile(r"for example|for instance|e\.g\.|example|imagine|suppose|refund of|refunds? (?:is|are|will be) calculated|"
                           r"(?:get|receive) back|pro[- ]?rata|zum beispiel|"
                           r"por ejemplo|na przyklad|par exemple|ad esempio|if you (?:have|had|buy|purchase)")),
    ("market_price", re.compile(
        r"typical|on average|average|usually cost|generally cost|normally cost|tend to cost|expect to pay|"
        r"you(?:'ll| will)? pay (?:around|about|between)|nationwide|nationally|across the (?:uk|us|country)|"
        r"most clinics|many clinics|some clinics|clinics charge|other clinics|elsewhere|market|national|"
        r"in general|as little as|as much as|some (?:practitioners|doctors|surgeons|providers|injectors)|"
        r"other (?:practitioners|doctors|surgeons|providers)|whereas others|anywhere (?:from|between)|"
        r"per doctor|depending on (?:the )?(?:doctor|clinic|practitioner|provider|surgeon|location|city)|"
        r"the usual|higher[- ]end|cheaper clinics|price tag|selon (?:la|le|les) (?:clinique|medecin|praticien)|"
        r"je nach (?:klinik|arzt|praxis|anbieter)|segun (?:la|el) (?:clinica|medico|centro)|"
        r"w zaleznosci od (?:kliniki|lekarza|gabinetu)|klinige gore|"
        r"durchschnitt|in der regel|precio medio|de media|oscila|suele costar|srednio|srednia|zazwyczaj|"
        r"ortalama|en moyenne|in media|mediamente|si aggira|"
        r"mit kosten (?:von|zwischen|ab|um) .{0,40}rechnen")),
)
# Words that quote a spread of prices without saying whose: a market figure on a guide or news page,
# but on a clinic's own treatment page ("prices range from £150 to £235") the clinic's own prices.
_VAGUE_MARKET = re.compile(
    r"can cost|could cost|may cost|might cost|will cost you|costs? (?:can|could|may|might|will|would) (?:range|vary|be)|"
    r"ranges? (?:from|between)|anywhere (?:from|between)|prices? (?:vary|varies|range|ranges|start)|"
    r"in the (?:uk|us|usa|united states|united kingdom|country|city)|in (?:london|dubai|turkey|istanbul|australia|"
    r"ireland|india|the uae|germany|spain|poland|france|italy|canada|south africa)|per cent|percent")
# Market words a clinic's own sentence cannot explain away ("our price is below the national average").
_MARKET_CERTAIN = re.compile(r"average|typical|most clinics|other clinics|market|national")


# A path segment that says "this is our price list" outranks everything else in the path.
_PRICE_PATH = re.compile(r"/(?:pricing|prices|price-?list|price-guide|our-prices|fees|tarifs|preise|preisliste|cennik|precios|"
                         r"tarifas|listino(?:-prezzi)?|prezzi|fiyat-?listesi|ucretler)(?:/|\.html?)?$")


_PLACE = re.compile(r"\b(?:in|across|throughout)\s+(?:the\s+)?(?:uk|us|usa|united states|united kingdom|country|"
                    r"city|europe|turkey|istanbul|london|dubai|germany|spain|poland|france|italy|ireland|australia|"
                    r"india|canada|mexico|hungary|thailand)\b|\b(?:turkey|turkiye|istanbul|mexico|hungary|thailand|"
                    r"uk|usa|europe|average|national)\b\s*[:\-–]")


def names_a_place(sentence: str) -> bool:
    """A country, city or region the amount is quoted for ("in Turkey", "UK: £2,000")."""
    return bool(_PLACE.search(fold(sentence)))


def news_site(url: str) -> bool:
    """A news or magazine site: it reports on clinics and quotes their people; none work for it."""
    return bool(_EDITORIAL_HOST.search(urlsplit(url).hostname or ""))


# English "I" is a capital letter; the folded "i" is "and" in Polish and "the" in Italian.
_FIRST_PERSON = re.compile(r"(?<![\w'’])I(?:'m|’m|'ve|’ve)?(?![\w'’])")


def _own_voice(sentence: str, folded: str, brand: str | None = None) -> bool:
    return bool(_OWN.search(folded) or _FIRST_PERSON.search(sentence)) or bool(brand) and names_brand(folded, brand)


def speaks_for_clinic(sentence: str, brand: str | None = None) -> bool:
    """The sentence speaks for the clinic: "we", "our", "I", or the site's own name."""
    return _own_voice(sentence, fold(sentence), brand)


_BRAND_MIN = 6
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "med"})


def site_brand(url: str) -> str | None:
    """The name a clinic's site is called by, from its host ("www.glow-bar.co.uk" -> "glowbar"); None
    for news and deal sites (their name beside a price is a byline, not the clinic speaking)."""
    host = (urlsplit(url).hostname or "").lower()
    if not host or news_site(url):
        return None
    host = re.sub(r"^(?:www\d?|m|en|de|es|fr|it|pl|tr)\.", "", host)
    labels = host.split(".")[:-1]  # the top-level domain is no name
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()  # glowbar.co.uk
    label = labels[-1].replace("-", "") if labels else ""
    return label if len(label) >= _BRAND_MIN and label.isalnum() else None


def names_brand(folded: str, brand: str) -> bool:
    """The sentence names the site's own clinic in two words or more run together ("Glow Bar offers..."
    on glowbar.example): a clinic's post speaking of itself by name instead of "we". One word alone
    is too often an ordinary word ("standard", "radiance")."""
    words = re.findall(r"[a-z0-9]+", folded)
    for i, word in enumerate(words):
        if not brand.startswith(word):
            continue
        joined, used = word, 1
        for nxt in words[i + 1:i + 5]:
            if len(joined) >= len(brand):
                break
            joined, used = joined + nxt, used + 1
        if joined == brand and used >= 2:
            return True
    return False


def page_role(url: str, title: str | None = None) -> str:
    """``service`` (a clinic's own page), ``editorial`` or ``policy``, from the URL and title."""
    parts = urlsplit(url)
    path = fold(unquote(parts.path + ("?" + parts.query if parts.query else "")))
    if _PRICE_PATH.search(fold(unquote(parts.path))) or parts.path.lower().endswith(".pdf"):
        return "service"  # a price list, or a PDF the site links as its price list or fees
    if _POLICY_PATH.search(path):
        return "policy"
    if _EDITORIAL_PATH.search(path) or _ARTICLE_PATH.search(path) or _EDITORIAL_HOST.search(parts.hostname or ""):
        return "editorial"
    if title and _EDITORIAL_TITLE.search(fold(title)):
        return "editorial"
    return "service"


# A price label that names no treatment: the page's title or heading does.
GENERIC_LABEL = re.compile(r"^\W*(?:costs?|prices?|pricing|fees?|investment|kosten|preis(?:e)?|precio|precios|coste|"
                           r"prix|tarifs?|cena|ceny|koszt|fiyat\w*|ucret|prezzo|prezzi|costo|from|ab|desde|"
                           r"a partir de|od)\W*$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"“(])")


def sentence_around(evidence: str, price_text: str | None) -> str:
    """The sentence of ``evidence`` holding ``price_text`` (the whole evidence when not found)."""
    if not evidence:
        return ""
    at = evidence.find(price_text) if price_text else -1
    if at < 0:
        return evidence[:300]
    start = 0
    for m in _SENTENCE_END.finditer(evidence):
        if m.end() <= at:
            start = m.end()
        else:
            break
    end_m = _SENTENCE_END.search(evidence, at + len(price_text))
    return evidence[start:end_m.start() if end_m else len(evidence)]


_ASIDE = re.compile(r"\([^()]{0,120}\)")


def is_prose(sentence: str) -> bool:
    """A running sentence rather than a price-list line; an aside in brackets (the sites a row
    covers: "1 zone: 150 € (frown or forehead or crow's feet)") does not make a row a sentence."""
    return len(_ASIDE.sub(" ", sentence).split()) >= 9


_MONEY = re.compile(r"[£₤$€₺₹]\s?\d|\d\s?(?:€|zł|zl|tl|chf|aed|eur|usd|gbp|pln)\b|\b(?:chf|aed|eur|usd|gbp|pln|"
                    r"inr|zar|cad|aud|nzd|try|rs\.?|r)\s?\d", re.I)
# Roles told by the words right beside an amount; a sentence may hold two ("from £2,950 or £82/month").
_LOCAL_ROLES = ("deposit", "fee", "finance", "third_party", "wholesale")


def local_context(sentence: str, price_text: str | None) -> str:
    """The words beside this amount: up to the neighbouring amounts, 60 characters before, 40 after."""
    at = sentence.find(price_text) if price_text else -1
    if at < 0:
        return sentence
    end = at + len(price_text)
    before, after = sentence[max(0, at - 60):at], sentence[end:end + 40]
    prev = list(_MONEY.finditer(before))
    if prev:
        before = before[prev[-1].end():]
    nxt = _MONEY.search(after)
    if nxt:
        after = after[:nxt.start()]
    return before + sentence[at:end] + after


def intro_role(line: str) -> str | None:
    """The role an intro line gives the list below it: "...we may charge a cancellation fee of:"
    over "$30 for a consultation" (a fee), "a deposit is taken as follows:" (deposits)."""
    folded = fold(line).rstrip()
    if not folded.endswith(":"):
        return None
    for role, pattern in _RULES:
        if role in ("deposit", "fee", "finance") and pattern.search(folded[-120:]):
            return role
    return None


# The amount is the consultation fee itself: "a $90 consultation fee", "the fee for the consultation
# visit is $50", "consultation fee: £40" (not "a £30 cancellation fee for consultations").
_NOT_THE_FEE = r"(?!cancel|deposit|no.?show|late|missed|rebook|admin)"
_FEE_AFTER = re.compile(rf"\s*(?:{_NOT_THE_FEE}[a-z-]+\s+){{0,2}}?consult\w*\s+(?:fee|charge|cost)\b")
_FEE_BEFORE = re.compile(
    rf"(?:\bconsult\w*\s+(?:fee|charge|cost|visit)\s*(?:of|is|are|costs?|will be|:|=|-|–)?|"
    rf"\b(?:fee|charge|cost|price) (?:for|of) (?:the |a |an |your |our )?(?:{_NOT_THE_FEE}[a-z-]+\s+)?consult\w*"
    rf"(?:\s+(?:visit|appointment|session))?\s+(?:is|are|costs?|will be|:|-|–))\s*(?:only\s+|just\s+)?$")


def names_consultation_fee(sentence: str, price_text: str | None) -> bool:
    """The words right beside the amount call it the consultation fee."""
    at = sentence.find(price_text) if price_text else -1
    if at < 0:
        return False
    before = fold(sentence[max(0, at - 60):at])
    after = fold(sentence[at + len(price_text):at + len(price_text) + 40])
    return bool(_FEE_AFTER.match(after) or _FEE_BEFORE.search(before))


# A hedge right before the amount ("from about €300", "could cost approximately 8,000 pounds"): a
# clinic states its own price, an estimate of what the treatment costs is a market figure. English
# only: German and Italian price lists write "ca." before their own prices.
_HEDGE = re.compile(r"\b(?:about|around|approximately|approx|roughly|somewhere around|in the region of)\.?\s*$")
# A figure credited to a source ("Plastic surgery society: $400", "pricesite.com: $350 to $500",
# "according to a survey"): a guide citing the market, even in a list.
_SOURCE = re.compile(r"\b(?:societ(?:y|ies)|association|academy|survey|statistics|according to|data from|"
                     r"census)\b|\b[a-z0-9-]+\.(?:com|org|net|co\.uk)\b")
# "the remaining $150", "the balance of £300": the rest of a fee part-paid upfront, not a price.
_BALANCE = re.compile(r"\b(?:remaining|outstanding|balance of|the rest of|the remainder)\s*(?:of\s*)?$")


# "Filler dissolving costs £195 per session": a terms page stating what a treatment costs, the
# amount right after the verb (a fee or deposit sentence has been told apart before this)
_STATED = re.compile(r"\b(?:costs?|is priced at|are priced at|is charged at|are charged at)\s*(?:only\s+|just\s+)?$")


def _states_price(sentence: str, price_text: str | None) -> bool:
    at = sentence.find(price_text) if price_text else -1
    return at > 0 and bool(_STATED.search(fold(sentence[max(0, at - 30):at])))


# where a sentence's clauses part: ", and ...", ", but ...", "; ..."
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")


def _price_clause(folded: str, sentence: str, price_text: str | None) -> str:
    """The clause of a folded sentence that holds the amount, up to the sentence's end."""
    at = sentence.find(price_text) if price_text else -1
    if at < 0 or len(folded) != len(sentence):
        return folded
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, at)]
    return folded[breaks[-1]:] if breaks else folded


def _hedged(sentence: str, price_text: str | None) -> bool:
    at = sentence.find(price_text) if price_text else -1
    return at > 0 and bool(_HEDGE.search(fold(sentence[max(0, at - 30):at])))


# "so it effectively costs $15 per equivalent unit": a figure worked out from the real prices
_WORKED_OUT = re.compile(r"\b(?:(?:effectively|in effect)(?:\s+(?:costs?|is|comes to))?|works? out (?:at|to)|equates to)\s*$")


def _worked_out(sentence: str, price_text: str | None) -> bool:
    at = sentence.find(price_text) if price_text else -1
    return at > 0 and bool(_WORKED_OUT.search(fold(sentence[max(0, at - 30):at])))


def _balance(sentence: str, price_text: str | None) -> bool:
    at = sentence.find(price_text) if price_text else -1
    return at > 0 and bool(_BALANCE.search(fold(sentence[max(0, at - 30):at])))


# "typically starts at £400" on a clinic's own page is its from-price, not a market figure
_OWN_FROM = re.compile(r"\b(?:typically|usually|generally|normally)\s+(?:starts?|begins?)\s+(?:at|from)\b")


def role_of(sentence: str, page: str, *, was_price: bool = False, price_text: str | None = None,
            treatment: str | None = None, brand: str | None = None) -> str:
    """The role of a money mention, from its sentence, the words beside it and the page's role.

    ``treatment`` is what the price extractor tied the amount to: a consultation fee stated on a
    terms page ("a non-refundable consultation fee of $50 applies") is the clinic's own price.
    """
    if was_price:
        return "was_price"
    if _balance(sentence, price_text):
        return "deposit"  # the part left after a deposit: counted with the deposit, never a price
    if _worked_out(sentence, price_text):
        return "example"
    if treatment == "consultation" and names_consultation_fee(sentence, price_text):
        return "own_price"  # "the $100 consultation fee is forfeited": what happens to it, it is still the fee
    text = fold(sentence)
    if page == "service":
        text = _OWN_FROM.sub(" from ", text)
    local = fold(local_context(sentence, price_text))
    if (_SOURCE.search(local) or _hedged(sentence, price_text) and not _own_voice(sentence, text, brand)) and not any(
            role in _LOCAL_ROLES and pattern.search(local) for role, pattern in _RULES):
        return "market_price"
    for role, pattern in _RULES:
        if role in _LOCAL_ROLES:
            if pattern.search(local):
                return role
            continue
        if role == "market_price" and not is_prose(sentence) and page == "service":
            continue  # "Botox (3 areas) in London £250" on a clinic's own list is its price
        if role == "market_price" and page == "service" and not pattern.search(_price_clause(text, sentence, price_text)):
            continue  # "the visit typically runs 40 minutes, and is priced at X": another clause's words
        if pattern.search(text):
            if role == "market_price" and page == "service" and _own_voice(sentence, text, brand) \
                    and not _MARKET_CERTAIN.search(text):
                continue  # "we are one of the most popular clinics..." with the clinic's own price
            return role
    if page != "service" and _VAGUE_MARKET.search(text) and not _own_voice(sentence, text, brand):
        return "market_price"
    if page == "service" and is_prose(sentence) and _VAGUE_MARKET.search(text) and names_a_place(sentence) \
            and not _own_voice(sentence, text, brand):
        return "market_price"  # "the cost of X in Dubai ranges from ..." on a clinic's page: a city's prices
    if page == "service":
        return "own_price"
    if page == "policy":
        return "own_price" if not is_prose(sentence) or treatment == "consultation" or _states_price(
            sentence, price_text) else "fee"
    return "own_price" if _own_voice(sentence, text, brand) else "market_price"
