"""Words around a price: unit/basis, "from", was/now, deposits, POA and free.

Owns the multilingual vocabularies (English, German, Spanish, Polish, French,
Italian, Turkish) that extract/prices.py reads next to each amount. Everything
runs on *folded* text (lower case, accents stripped, ł->l, ı->i, ß->ss) so one
pattern covers "sesión"/"sesion" and "şırınga"/"siringa".
"""

from __future__ import annotations

import re
from dataclasses import dataclass


SESSION_UNITS = ("session", "treatment")


def per_session(amount: float | None, unit: str, sessions: int | None) -> float | None:
    """The one definition of ``prices.per_session``: the amount for a session or treatment,
    amount / sessions for a course, else None (per area, unit, ml, syringe, consultation)."""
    if amount is None:
        return None
    if unit in SESSION_UNITS:
        return amount
    if unit == "course" and sessions:
        return round(amount / sessions, 2)
    return None


WORD_NUMBERS = {
    # en, de, es, fr, it, pl (folded)
    "one": 1, "single": 1, "una": 1, "uno": 1, "une": 1, "jedna": 1, "jeden": 1, "bir": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12,
    "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "acht": 8, "zehn": 10,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "ocho": 8, "diez": 10,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8, "dix": 10,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "otto": 8, "dieci": 10,
    "dwa": 2, "dwie": 2, "trzy": 3, "cztery": 4, "piec": 5, "szesc": 6, "osiem": 8, "dziesiec": 10,
    "half": 0.5,
}
_NUM_ALT = r"\d+(?:[.,]\d+)?|½|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_NUM = rf"(?P<n>{_NUM_ALT})"

_SESSION_WORDS = (
    r"sessions?|treatments?|sitzungen?|behandlungen?|anwendungen?|sesion(?:es)?|tratamientos?|"
    r"sesj[ai]?|sesji|zabiegi?|zabiegow|seances?|traitements?|sedut[ae]|trattament[io]|"
    r"seans(?:lar|i)?|uygulama"
)
_PACK_WORDS = (
    r"course|package|pack|bundle|block|programme|program|kur|kurs|paket|pakiet|paquete|bono|"
    r"forfait|pacchetto|ciclo|cure|seri|serie|series"
)
_COURSE_N = re.compile(
    rf"(?:{_PACK_WORDS})\s*(?:of|von|mit|de|z|di|da|x)?\s*{_NUM}\b|"
    r"\b(?P<n4>\d{1,2})\s*-?\s*er[\s-]?(?:paket|pack|kur|karte|abo)\b|"  # German "3er-Paket"
    r"(?<![\w.])x\s?(?P<n5>\d{1,2})\b(?!\s*(?:ml|units?|areas?|syringes?|[.,]\d))|"  # "Profhilo x 2", "x3"
    rf"\b(?P<n2>{_NUM_ALT})\s*(?:x\s*)?-?\s*(?:{_SESSION_WORDS})\b|\b(?P<n3>{_NUM_ALT})\s*x\b"
)
_COURSE_WORD = re.compile(rf"\b(?:{_PACK_WORDS})\b")
_AREA = re.compile(
    rf"\b{_NUM}\s*(?:treatment\s+)?(?:areas?|zones?|zonen|zonas?|bereiche?|regions?|obszar(?:y|ow)?|"
    r"okolic[ae]?|stref[ay]?|zon[ae]|bolgey?e?|bolgel(?:er|eri)|aree|area)\b"
)
_AREA_PER = re.compile(
    r"(?<![a-z])(?:per|/|each|pro|por|za|par|a|ogni|je)\s*(?:area|zone|zona|bereich|obszar|strefe|region)\b"
    r"|\b(?:area|zone|bolge) basi"
)
_UNITS = re.compile(rf"\b{_NUM}\s*(?:units?|u|iu|einheiten|unidades|jednost\w*|j\.|unites|unita|unite)(?:\b|$)")
_UNIT_PER = re.compile(
    r"(?<![a-z])(?:per|/|each|pro|por|za|par|a|ogni|je)\s*(?:units?|einheit|unidad|jednostk\w*|unite|unita|u)\b"
    r"|\bunite basi"
)
_ML = re.compile(rf"\b{_NUM}\s*ml\b")
_ML_PER = re.compile(r"(?<![a-z])(?:per|/|pro|por|za|par|al|a|je)\s*ml\b")
_SYRINGE = re.compile(
    rf"(?:\b{_NUM}\s*)?(?:syringes?|spritzen?|jeringas?|jeringuillas?|ampulkostrzykawk\w*|"
    r"strzykawk\w*|seringues?|siring(?:a|he)|siringa)\b"
)
# hair transplants: a price per graft, or a price for a number of grafts ("3,000 grafts £2,950")
_GRAFT_PER = re.compile(
    r"(?<![a-z])(?:per|/|each|pro|por|za|par|a|je)\s*(?:grafts?|greft|injertos?|foliculos?|follicles?|"
    r"unidad(?:es)? folicular(?:es)?|graftu?)\b|\bgreft basi")
_GRAFTS = re.compile(r"\b(?P<g>\d{1,3}(?:[.,\s]\d{3})+|\d{3,5})\s*(?:grafts?|greft|injertos?|foliculos?|"
                     r"follicles?|graftow|grafty|folliculi)\b")
# an all-inclusive surgical package is one procedure, not a course of sessions
_ALL_INCLUSIVE = re.compile(r"\ball[\s-]?inclusive\b|\bher ?sey dahil\b|\btodo incluido\b|\balles inklusive\b|"
                            r"\btout compris\b|\btutto incluso\b|\bw pakiecie all inclusive\b")
_TREATMENT_PER = re.compile(
    r"(?<![a-z])(?:per|/|a|each|pro|por|za|par|ogni|je)\s*(?:treatment|behandlung|anwendung|tratamiento|"
    r"traitement|trattamento|procedure)\b|\buygulama basi|\bfull treatment\b"
)
_SESSION_PER = re.compile(
    r"(?<![a-z])(?:per|/|a|each|pro|por|za|par|ogni|je|la)\s*(?:session|sitzung|sesion|sesje|seance|seduta|seans)\b"
    r"|\bza (?:jeden |1 )?zabieg\b"  # Polish price lists write "per session" as "za zabieg"
    r"|\bseans basi|\b(?:single|one|1|eine|una|une|jedna|1x)\s*(?:session|sitzung|sesion|sesja|seance|seduta|seans)\b"
    r"|\b(?:single|einzel\w*)\b(?!\s*[a-z0-9])"  # "Single - £110", "£180 single / ..."
)
CONSULT = re.compile(
    r"\b(?:consultations?|consults?|beratung(?:sgesprach)?|konsultation|erstgesprach|consultas?|"
    r"konsultacj[aie]|consultazion[ei]|visita|konsultasyon|muayene|assessment)\b"
)

FROM = re.compile(
    r"(?:\b(?:from|starting at|starting from|starts at|starting|starts from|prices? from|ab|von|desde|a partir de|"
    r"od|dès|des|a partire da|da|since)\s*:?\s*$)"
)
FROM_AFTER = re.compile(r"^(?:\+(?!\s*(?:vat|mwst|ust|iva|tva|kdv|tax|gst))|\s*(?:onwards|and up|'?(?:den|dan|ten|tan) (?:baslayan|itibaren)|ve uzeri))")
WAS = re.compile(
    r"\b(?:was|previously|regular(?:ly)?(?: price)?|normally|usually|rrp|reg\.?|orig(?:inal(?:ly)?)?|"
    r"statt|vorher|sonst|normalpreis|uvp|antes|precio normal|zamiast|wczesniej|bylo|byla|cena regularna|"
    r"au lieu de|avant|prix normal|invece di|prima|anziche|yerine|eski fiyat|normal fiyat)\s*:?\s*$"
)
NOW = re.compile(
    r"\b(?:now|only|offer|sale|special|just|nur|jetzt|aktion|ahora|solo|oferta|promo\w*|teraz|tylko|"
    r"maintenant|seulement|ora|soltanto|offerta|simdi|sadece|kampanya|indirimli)\b"
)
DEPOSIT = re.compile(
    r"\b(?:deposit|anzahlung|deposito|senal|zaliczk\w*|zadat\w*|acompte|acconto|caparra|kapora|"
    r"save|saving|you save|spare|sparen|ahorra\w*|oszczedz\w*|economisez|risparmi\w*|off|rabatt|"
    r"discount|gift vouchers?|gutschein\w*|booking fee|reservation fee|admin(?:istration)? fee|credit)\b"
)
RECURRING = re.compile(
    r"^\s*(?:/\s*(?:month|mo|week|wk|monat|mes|miesiac|mois|mese|ay)\b|per (?:month|week)|p/?m\b|"
    r"a month|monthly|mtl|monatlich|al mes|mensual\w*|miesiecznie|par mois|al mese|aylik)"
)
POA = re.compile(
    r"\b(?:p\.?o\.?a\.?|price on (?:application|request|consultation)|prices? (?:upon|on) request|"
    r"on request|upon request|(?:priced )?(?:upon|after|at|on) consultation|call (?:us )?for (?:a )?price|"
    r"auf anfrage|nach (?:vereinbarung|beratung)|preis auf anfrage|a consultar|bajo consulta|consultar precio|"
    r"na zapytanie|wycena indywidualna|cena ustalana indywidualnie|ustalana indywidualnie|sur devis|"
    r"sur demande|sur consultation|su richiesta|prezzo su richiesta|su preventivo|fiyat (?:icin|sorunuz)\w*|"
    r"tbc|to be confirmed|(?:price|cost|fee)s? (?:is |are |will be )?(?:confirmed|given|quoted|discussed|agreed|"
    r"determined|set) (?:at|during|after|in) (?:your |the |a )?(?:consultation|assessment)|"
    r"preis nach (?:beratung|absprache)|precio (?:segun|tras) (?:valoracion|consulta)|"
    r"cena (?:po|na|ustalana (?:na|po)) konsultacji|prix (?:apres|sur) consultation)\b"
)
FREE = re.compile(
    r"\b(?:free(?: of charge)?|complimentary|no charge|gratis|kostenlos|kostenfrei|gratuit[ao]?|gratuite|"
    r"sin coste|sin costo|bezplatn\w*|darmow\w*|ucretsiz|offert[ae]?|omaggio)\b"
)
_PAREN_OPEN = re.compile(r"[(\[]\s*$")


@dataclass(frozen=True)
class Basis:
    """What an amount buys: one of items.UNITS plus sessions/quantity."""

    unit: str
    sessions: int | None = None
    quantity: float | None = None
    explicit_per: bool = False  # "per session", "/unit": stated right after the amount


def _number(raw: str) -> float | None:
    raw = raw.strip()
    if raw == "½":
        return 0.5
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw])
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def _qty(match: re.Match) -> float | None:
    for name, value in match.groupdict().items():
        if name.startswith("n") and value:
            return _number(value)
    return None


def basis(window: str) -> Basis | None:
    """The unit a (folded) text window states, or None when it says nothing about one."""
    if _SESSION_PER.search(window):
        return Basis("session", explicit_per=True)
    if _TREATMENT_PER.search(window):
        return Basis("treatment", explicit_per=True)
    if _GRAFT_PER.search(window):
        return Basis("graft", quantity=1.0, explicit_per=True)
    if m := _GRAFTS.search(window):
        return Basis("graft", quantity=float(re.sub(r"[.,\s]", "", m["g"])))
    if _ALL_INCLUSIVE.search(window):
        return Basis("treatment")
    if _UNIT_PER.search(window):
        return Basis("unit", quantity=1.0, explicit_per=True)
    if _ML_PER.search(window):
        return Basis("ml", quantity=1.0, explicit_per=True)
    if _AREA_PER.search(window):
        return Basis("area", quantity=1.0, explicit_per=True)
    if m := _UNITS.search(window):
        return Basis("unit", quantity=_qty(m))
    if m := _ML.search(window):
        return Basis("ml", quantity=_qty(m))
    if m := _SYRINGE.search(window):
        return Basis("syringe", quantity=_qty(m) or 1.0)
    if m := _AREA.search(window):
        return Basis("area", quantity=_qty(m))
    if m := _COURSE_N.search(window):
        n = _qty(m)
        if n is not None and n == int(n) and 1 < n <= 50:
            return Basis("course", sessions=int(n))
        if n == 1:
            return Basis("session")
    if _COURSE_WORD.search(window):
        return Basis("course")
    if CONSULT.search(window):
        return Basis("consultation")
    return None


_SPAN_PATTERNS = (_SESSION_PER, _TREATMENT_PER, _GRAFT_PER, _GRAFTS, _UNIT_PER, _ML_PER, _AREA_PER, _UNITS, _ML,
                  _SYRINGE, _AREA, _COURSE_N, _COURSE_WORD)


def basis_start(window: str) -> int | None:
    """Where the first basis phrase ("1 area", "course of 6", "per ml") starts in a folded text."""
    starts = [m.start() for p in _SPAN_PATTERNS if (m := p.search(window))]
    return min(starts, default=None)


def leading_course(text: str) -> str | None:
    """The course a (folded) description opens with ("two treatments 4 weeks apart" -> "two treatments")."""
    m = _COURSE_N.match(text.strip())
    if not m or _AREA.match(text.strip()):
        return None
    n = _qty(m)
    return m.group(0) if n is not None and n == int(n) and 1 < n <= 50 else None


def in_parentheses(before: str) -> bool:
    return bool(_PAREN_OPEN.search(before))


# One injection site of a toxin price list, named by the lines it treats (folded text). A toxin row
# that names one such site ("Forehead lines from £120", "Pattes d'oie 150 €") is priced per area, as
# devset/LABELLING.md counts areas. Jaw slimming, neck bands and sweating are treatments of their own.
_TOXIN_SITE = re.compile(
    r"\b(?:forehead|frown|glabell\w*|crow'?s?'? ?feet|crows? feet|(?:eye)?brow lift|bunny lines?|gummy smile|"
    r"lip flip|chin|dimpl\w*|smile lines?|laughter lines?|marionette|stirn\w*|zornesfalte\w*|krahenfuss\w*|front|rides? du lion|pattes? d'oie|"
    r"frente|entrecejo|patas de gallo|czolo|lwia zmarszczka|kurze lapki|alin|kaz ayagi|fronte|"
    r"zampe di gallina|glabellar\w*)\b")
_SEVERAL = re.compile(r"\b(?:and|und|et|y|i|e|ve|plus|with)\b|[+&,]")


def toxin_site_basis(folded: str) -> Basis | None:
    """``area`` x 1 for a (folded) toxin row label naming one injection site and no count of its own."""
    if not _TOXIN_SITE.search(folded) or _SEVERAL.search(folded) or basis(folded):
        return None
    return Basis("area", quantity=1.0)
