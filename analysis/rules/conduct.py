"""Conduct rules: what a clinic's own pages say that regulators and professional guidance forbid.

They read the ``signals`` table (regulated wording found by extract/signals.py, each with the
sentence and the page that show it) and the clinic's prices. A signal counts while its page still
shows it: one whose page was fetched again later without it is stale and ignored.

UK-POM-02 (red): remote prescribing of toxin: an online, video or phone consultation for toxin,
"no consultation needed", a prescriber who approves remotely. GMC and NMC guidance require a
face-to-face consultation before an injectable prescription.
UK-AGE-01 (red): toxin or filler offered to under-18s ("16+", "with parental consent", prom or
school offers) by a clinic in England (Botulinum Toxin and Cosmetic Fillers (Children) Act 2021;
a clinic whose postcode places it in Scotland, Wales or Northern Ireland is outside it).
UK-PROMO-01 (amber): two-for-one, time-limited, party, prize and voucher-site promotions of
injectables (GMC guidance; CAP Code).
UK-SETTING-01 (amber): injectables at the client's home, a hotel or a pop-up.
UK-PRODUCT-01 (red): a toxin product with no UK licence named on the site (extract/toxin_products.yml).
PRICE-03 (info, every country): a toxin price per area or unit where neither the price's label nor
the page it is on names a toxin product, so the price cannot be compared (products differ in units
per area). A product named elsewhere (a "Botox injector" on the team page) does not say what the
price buys.
UK-ADV-POM-01 (info): botulinum toxin named by brand or generic name beside a price on a public
page (CAP Code 12.12, the Human Medicines Regulations 2012); the evidence says where.
TR-HT-01 (amber, any country; written for Turkey's hair-transplant trade): a hair transplant sold
to foreign patients (hotel, transfers, interpreters) with technician-led wording, more than 4,000
grafts in one session, or no named doctor.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule
from analysis.rules.common import CLINIC_COLS, COUNTRY, and_list, in_list, rows
from core.nations import uk_nation
from extract.signals import MAX_GRAFTS_PER_SESSION, is_licensed, product_named, products_named

SIGNALS_SQL = f"""
SELECT {CLINIC_COLS}, {COUNTRY} AS country_code, c.postcode, s.kind, s.value, s.text, s.source_url,
  pg.page_kind
FROM signals s JOIN clinics c ON c.id = s.clinic_id
LEFT JOIN pages pg ON pg.url = s.source_url
WHERE s.kind IN (SELECT value FROM json_each(:kinds))
  AND (pg.fetched_at IS NULL OR s.last_seen >= pg.fetched_at)
  AND (:country IS NULL OR {COUNTRY} = :country)
ORDER BY c.id, s.kind, s.source_url, s.value
"""


def clinic_signals(db: sqlite_utils.Database, kinds: tuple[str, ...], country: str | None = None
                   ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(clinic row, its current signals of ``kinds``) for every clinic that has some."""
    found = rows(db, SIGNALS_SQL, {"kinds": in_list(kinds), "country": country})
    for _, group in itertools.groupby(found, key=lambda r: r["clinic_id"]):
        signals = list(group)
        yield signals[0], signals


def quotes(signals: list[dict[str, Any]], limit: int = 5) -> list[dict[str, Any]]:
    """The evidence of a hit: each signal's words and page, once each."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for s in signals:
        seen.setdefault((s["text"], s["source_url"]), {
            "kind": s["kind"], "value": s["value"], "words": s["text"], "url": s["source_url"],
            "page": s["page_kind"]})
    return list(seen.values())[:limit]


def quoted(signals: list[dict[str, Any]]) -> str:
    """The first signal's sentence in quotes, without its full stop (the message adds its own)."""
    words = signals[0]["text"].rstrip().removesuffix(".")
    return f'"{words}"' if len(words) <= 160 else f'"{words[:157].rstrip()}..."'


def _hit(severity: str, message: str, clinic: Mapping[str, Any], signals: list[dict[str, Any]],
         **extra: Any) -> Hit:
    return Hit(severity, message, clinic["clinic_id"], evidence_url=signals[0]["source_url"],
               evidence={"quotes": quotes(signals), "website": clinic["website"], **extra})


def _name(r: Mapping[str, Any]) -> str:
    return labels.clinic_label(r["clinic_name"], r["site"], r["branch"])


OFFERS_TOXIN_SQL = """SELECT 1 FROM prices WHERE clinic_id = :clinic
  AND treatment IN (SELECT value FROM json_each(:pom)) LIMIT 1"""


@rule("UK-POM-02", 1, severities=("red",), title="Toxin prescribed remotely or without a consultation",
      settings=("UK_POM_TREATMENTS",))
def remote_prescribing(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for clinic, signals in clinic_signals(db, ("remote_prescribing",), "GB"):
        # "video consultation with our prescriber" is about toxin only at a clinic that offers it
        if all(sg["value"] == "prescriber" for sg in signals) and not db.execute(
                OFFERS_TOXIN_SQL, {"clinic": clinic["clinic_id"], "pom": in_list(s["UK_POM_TREATMENTS"])}).fetchone():
            continue
        message = (
            f"{_name(clinic)} offers anti-wrinkle (botulinum toxin) treatment without a face-to-face "
            f"consultation: its website says {quoted(signals)}. Toxin is a prescription-only medicine, "
            "and UK prescribers must see you in person before prescribing it."
        )
        yield _hit("red", message, clinic, signals)


@rule("UK-AGE-01", 1, severities=("red",), title="Toxin or filler offered to under-18s in England")
def under_18(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for clinic, signals in clinic_signals(db, ("under_18",), "GB"):
        nation = uk_nation(clinic["postcode"])
        if nation not in ("england", None):
            continue
        message = (
            f"{_name(clinic)} appears to offer toxin or filler to under-18s: its website says "
            f"{quoted(signals)}. In England giving these to anyone under 18, or booking it, is a "
            "criminal offence, and a parent's consent does not change that."
        )
        yield _hit("red", message, clinic, signals, nation=nation or "unknown (taken as England)")


PROMOTION_WORDS = {"two_for_one": "a two-for-one or half-price deal", "party": "a toxin or filler 'party'",
                   "time_limited": "a time-limited deal", "prize": "a prize or competition",
                   "voucher_site": "a voucher-site deal"}


@rule("UK-PROMO-01", 1, severities=("amber",), title="Promotion of injectables that guidance forbids")
def promotions(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for clinic, signals in clinic_signals(db, ("promotion",), "GB"):
        kinds = list(dict.fromkeys(PROMOTION_WORDS.get(sg["value"], sg["value"]) for sg in signals))
        message = (
            f"{_name(clinic)} promotes injectable treatments with {and_list(kinds)}: its website "
            f"says {quoted(signals)}. Professional guidance for doctors and nurses forbids offers "
            "that pressure people into a medical decision."
        )
        yield _hit("amber", message, clinic, signals, promotions=[sg["value"] for sg in signals])


@rule("UK-SETTING-01", 1, severities=("amber",), title="Injectables at home, in a hotel or a pop-up")
def mobile_setting(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for clinic, signals in clinic_signals(db, ("mobile_setting",), "GB"):
        message = (
            f"{_name(clinic)} offers injectable treatments away from a clinic: its website says "
            f"{quoted(signals)}. Homes, hotels and pop-ups lack the hygiene and emergency care "
            "of a clinic, and Scotland's 2026 Act will only allow these treatments in permitted premises."
        )
        yield _hit("amber", message, clinic, signals)


@rule("UK-PRODUCT-01", 1, severities=("red",), title="Toxin product not licensed in the UK")
def unlicensed_product(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for clinic, signals in clinic_signals(db, ("toxin_product",), "GB"):
        unlicensed = [sg for sg in signals if not is_licensed(sg["value"])]
        if not unlicensed:
            continue
        names = list(dict.fromkeys(sg["value"] for sg in unlicensed))
        message = (
            f"{_name(clinic)} names a toxin product not licensed in the UK ({and_list(names)}): "
            f"its website says {quoted(unlicensed)}. Unlicensed toxin caused the 2025 UK botulism "
            "outbreak; licensed products are Alluzience, Azzalure, Bocouture, Botox, Letybo, "
            "Nuceiva and Relfydess."
        )
        yield _hit("red", message, clinic, unlicensed, products=names)


TOXIN_PRICES_SQL = f"""
SELECT {CLINIC_COLS}, {COUNTRY} AS country_code, p.id AS price_id, p.treatment_text, p.price_text,
  p.amount, p.currency, p.unit, p.source_url, pg.page_kind,
  (SELECT group_concat(value, '|') FROM signals sg WHERE sg.clinic_id = c.id
     AND sg.kind = 'toxin_product' AND sg.source_url = p.source_url) AS products
FROM prices p JOIN clinics c ON c.id = p.clinic_id
LEFT JOIN pages pg ON pg.url = p.source_url
WHERE p.treatment IN (SELECT value FROM json_each(:pom)) AND p.amount IS NOT NULL
  AND (:country IS NULL OR {COUNTRY} = :country)
ORDER BY c.id, p.id
"""


def toxin_prices(db: sqlite_utils.Database, s: Mapping[str, Any], country: str | None = None
                 ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    found = rows(db, TOXIN_PRICES_SQL, {"pom": in_list(s["UK_POM_TREATMENTS"]), "country": country})
    for _, group in itertools.groupby(found, key=lambda r: r["clinic_id"]):
        prices = list(group)
        yield prices[0], prices


def _label(p: Mapping[str, Any]) -> str:
    return " ".join(x for x in (p["treatment_text"], p["price_text"]) if x)


@rule("PRICE-03", 1, severities=("info",), title="Toxin priced per area or unit with no product named",
      settings=("UK_POM_TREATMENTS",))
def toxin_without_product(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for clinic, prices in toxin_prices(db, s):
        per_dose = [p for p in prices if p["unit"] in ("area", "unit")]
        if not per_dose or any(p["products"] or products_named(_label(p)) for p in prices):
            continue
        first = per_dose[0]
        message = (
            f"{_name(clinic)} prices anti-wrinkle (botulinum toxin) treatment per {first['unit']} "
            f"(\"{first['treatment_text']}\": {labels.money(first['amount'], first['currency'])}) but does "
            "not say which product it uses. Products differ in how many units an area needs, so ask "
            "which product and how many units the price includes."
        )
        yield Hit("info", message, clinic["clinic_id"], evidence_url=first["source_url"],
                  evidence={"price_ids": [p["price_id"] for p in per_dose][:s["EVIDENCE_MAX_ITEMS"]],
                            "labels": [p["treatment_text"] for p in per_dose][:5],
                            "source_url": first["source_url"]})


_GENERIC_POM = re.compile(r"\b(?:botulinum|botulinic|toxins?|bont-?a)\b", re.I)
PAGE_WORDS = {"home": "its home page", "prices": "a price list", None: "a page"}


def pom_named(label: str) -> str | None:
    """The prescription-only medicine a price label names: a toxin brand or its generic name."""
    found = product_named(label)
    if found:
        return found[0]
    m = _GENERIC_POM.search(label)
    return m.group(0) if m else None


@rule("UK-ADV-POM-01", 1, severities=("info",), title="Prescription-only medicine advertised with a price",
      settings=("UK_POM_TREATMENTS",))
def pom_advertised(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    for clinic, prices in toxin_prices(db, s, "GB"):
        named = [(p, pom_named(_label(p))) for p in prices]
        named = [(p, word) for p, word in named if word]
        if not named:
            continue
        places = list(dict.fromkeys((p["source_url"], p["page_kind"]) for p, _ in named))
        where = PAGE_WORDS.get(places[0][1], "a page")
        first, word = named[0]
        message = (
            f"{_name(clinic)} advertises a prescription-only medicine by name with a price on "
            f"{where} ({places[0][0]}): \"{first['treatment_text']}\" at "
            f"{labels.money(first['amount'], first['currency'])}. UK advertising rules forbid "
            "promoting prescription-only medicines such as botulinum toxin to the public; a clinic "
            "may price a consultation instead."
        )
        yield Hit("info", message, clinic["clinic_id"], evidence_url=places[0][0],
                  evidence={"named": list(dict.fromkeys(w for _, w in named)),
                            "pages": [{"url": u, "page": k} for u, k in places][:5],
                            "price_ids": [p["price_id"] for p, _ in named][:s["EVIDENCE_MAX_ITEMS"]]})


DOCTORS_SQL = """SELECT count(*) FROM practitioners WHERE clinic_id = :clinic
  AND (profession IN ('doctor') OR title IN ('Dr', 'Dr.', 'Mr', 'Miss', 'Prof', 'Op. Dr.', 'Uzm. Dr.'))"""


@rule("TR-HT-01", 1, severities=("amber",), title="Hair transplant sold abroad without a surgeon in charge")
def hair_tourism(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    kinds = ("hair_tourism", "technician_led", "graft_count")
    for clinic, signals in clinic_signals(db, kinds):
        if not any(sg["kind"] == "hair_tourism" for sg in signals):
            continue
        reasons, shown = [], []
        technicians = [sg for sg in signals if sg["kind"] == "technician_led"]
        grafts = [sg for sg in signals if sg["kind"] == "graft_count"
                  and int(sg["value"]) > MAX_GRAFTS_PER_SESSION]
        if technicians:
            reasons.append(f"says technicians do the surgery ({quoted(technicians)})")
            shown += technicians
        if grafts:
            most = max(int(sg["value"]) for sg in grafts)
            reasons.append(f"promises {most:,} grafts in one session ({quoted(grafts)})")
            shown += grafts
        doctors = db.execute(DOCTORS_SQL, {"clinic": clinic["clinic_id"]}).fetchone()[0]
        if not doctors:
            reasons.append("names no surgeon")
        if not reasons:
            continue
        tourism = [sg for sg in signals if sg["kind"] == "hair_tourism"]
        message = (
            f"{_name(clinic)} sells hair transplants to patients travelling from abroad "
            f"({quoted(tourism)}) and {and_list(reasons)}. Hair restoration societies advise that "
            "only a licensed doctor should plan the surgery, harvest and place the grafts, and warn "
            f"that more than {MAX_GRAFTS_PER_SESSION:,} grafts in one session is a sign of an unsafe clinic."
        )
        yield _hit("amber", message, clinic, tourism + shown, named_doctors=doctors)
