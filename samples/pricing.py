"""Price lists for sample clinics, and the deterministic price changes of later versions.

Prices cluster per (region, treatment) around ``world.BASE_PRICES`` times the
region factor, with +-18 % noise. A ``low_price`` scenario prices one hair
treatment at 30-42 % of the regional base (so below half of any local median);
``from_price`` / ``course_no_count`` scenarios produce rows whose per-session
price cannot be derived (PRICE-02). Outside those scenarios every main
treatment has a per-session or course-of-N row.
"""

from __future__ import annotations

import random

from samples.model import PriceRow
from samples.world import BASE_PRICES, REGION_FACTOR, TREATMENT_NAMES, round_price

SESSION_TREATMENTS = ("prp_hair", "hair_mesotherapy", "face_mesotherapy", "prp_face", "microneedling")
HAIR_TREATMENTS = ("prp_hair", "hair_mesotherapy")
COURSE_SIZES = {"prp_hair": (3, 4), "hair_mesotherapy": (4, 6, 8), "face_mesotherapy": (3, 5),
                "prp_face": (3,), "microneedling": (3, 6)}
OFFER_RATES = {"hair_mesotherapy": 0.85, "face_mesotherapy": 0.4, "prp_face": 0.5,
               "microneedling": 0.6, "botulinum_toxin": 0.9, "dermal_filler": 0.75,
               "skin_booster": 0.5}
OTHER_FACTOR = (0.6, 0.45, 0.35, 0.12, 0.2)  # of the prp_hair base, per "other" name


def price_value(base: float, currency: str) -> float:
    if base < 20:
        return max(0.5, round(base * 2) / 2)
    if base < 300:
        return float(max(5, int(round(base / 5)) * 5))
    return round_price(base, currency)


class PriceMaker:
    """Makes the rows of one clinic's price list."""

    def __init__(self, rng: random.Random, country: str, region: str, currency: str, lang: str):
        self.rng = rng
        self.country = country
        self.currency = currency
        self.names = TREATMENT_NAMES[lang]
        self.factor = REGION_FACTOR.get(region, 1.0)
        self.base = BASE_PRICES[country]

    def amount(self, key: str, scale: float = 1.0, low: bool = False) -> float:
        base = self.base[key] * self.factor * scale
        noise = self.rng.uniform(0.30, 0.42) if low else self.rng.uniform(0.82, 1.18)
        return price_value(base * noise, self.currency)

    def name(self, treatment: str) -> str:
        return self.rng.choice(self.names[treatment])

    def row(self, treatment: str, text: str, amount: float | None, **kw) -> PriceRow:
        return PriceRow(treatment=treatment, text=text, amount=amount, currency=self.currency, **kw)

    def session_rows(self, treatment: str, shape: str, outlier: bool = False) -> list[PriceRow]:
        rng, text = self.rng, self.name(treatment)
        one = self.amount(treatment, low=outlier)
        if shape == "from":
            return [self.row(treatment, text, one, from_price=True, shape="from")]
        if shape == "course_no_count":
            total = self.amount(treatment, scale=rng.choice(COURSE_SIZES[treatment]) * 0.9)
            return [self.row(treatment, text, total, unit="course", from_price=rng.random() < 0.5,
                             shape="course_no_count")]
        rows = []
        pick = "session" if outlier else rng.choices(
            ["session", "was_now", "range", "poa"], [0.75, 0.1, 0.1, 0.05 if treatment == "prp_face" else 0])[0]
        if pick == "was_now":
            was = price_value(one * rng.uniform(1.15, 1.3), self.currency)
            rows.append(self.row(treatment, text, one, was_amount=was, shape="was_now"))
        elif pick == "range":
            top = price_value(one * rng.uniform(1.3, 1.6), self.currency)
            rows.append(self.row(treatment, text, one, amount_max=top, shape="range"))
        elif pick == "poa":
            rows.append(self.row(treatment, text, None, shape="poa"))
            return rows
        else:
            rows.append(self.row(treatment, text, one, shape="session", outlier=outlier))
        if rng.random() < 0.6:
            n = rng.choice(COURSE_SIZES[treatment])
            total = price_value(one * n * rng.uniform(0.8, 0.92), self.currency)
            rows.append(self.row(treatment, text, total, unit="course", sessions=n, shape="course",
                                 outlier=outlier))
        return rows

    def toxin_rows(self) -> list[PriceRow]:
        rng = self.rng
        text = self.name("botulinum_toxin")
        per_unit = self.country == "US" and rng.random() < 0.7 or rng.random() < 0.15
        if per_unit:
            unit = self.amount("toxin_unit")
            rows = [self.row("botulinum_toxin", text, unit, unit="unit", quantity=1.0, shape="unit")]
            if rng.random() < 0.5:
                n = rng.choice((20, 40, 50))
                rows.append(self.row("botulinum_toxin", text, price_value(unit * n * 0.95, self.currency),
                                     unit="unit", quantity=float(n), shape="unit"))
            return rows
        one = self.amount("toxin_area")
        rows = []
        for n, scale in ((1, 1.0), (2, 1.4), (3, 1.75))[: rng.choice((2, 3, 3))]:
            rows.append(self.row("botulinum_toxin", text, price_value(one * scale, self.currency),
                                 unit="area", quantity=float(n), shape="area"))
        return rows

    def filler_rows(self) -> list[PriceRow]:
        rng = self.rng
        text = self.name("dermal_filler")
        one = self.amount("filler_ml")
        if self.country == "US" or rng.random() < 0.2:
            return [self.row("dermal_filler", text, one, unit="syringe", quantity=1.0, shape="syringe")]
        rows = [self.row("dermal_filler", text, one, unit="ml", quantity=1.0, shape="ml")]
        if rng.random() < 0.5:
            rows.insert(0, self.row("dermal_filler", text, price_value(one * 0.7, self.currency),
                                    unit="ml", quantity=0.5, shape="ml"))
        return rows

    def booster_rows(self) -> list[PriceRow]:
        text = self.name("skin_booster")
        one = self.amount("booster")
        if self.rng.random() < 0.5:
            return [self.row("skin_booster", text, one, unit="syringe", quantity=1.0, shape="syringe")]
        return [self.row("skin_booster", text, one, unit="treatment", shape="treatment")]

    def consultation_rows(self) -> list[PriceRow]:
        text = self.name("consultation")
        if self.rng.random() < 0.6:
            return [self.row("consultation", text, None, unit="consultation", shape="free")]
        return [self.row("consultation", text, self.amount("consultation"), unit="consultation",
                         shape="consultation")]

    def other_rows(self) -> list[PriceRow]:
        names = self.names["other"]
        rows = []
        for i in sorted(self.rng.sample(range(len(names)), self.rng.choice((0, 1, 2)))):
            amount = price_value(self.base["prp_hair"] * self.factor * OTHER_FACTOR[i % 5]
                                 * self.rng.uniform(0.85, 1.15), self.currency)
            rows.append(self.row("other", names[i], amount, shape="session"))
        return rows


def make_price_list(maker: PriceMaker, price_scenario: str | None, needs_toxin: bool) -> list[PriceRow]:
    """All rows of one clinic, hair treatments first. Returns rows in page order."""
    rng = maker.rng
    special = None
    if price_scenario:
        special = rng.choice(HAIR_TREATMENTS) if price_scenario != "from_price" else rng.choice(
            ("prp_hair", "hair_mesotherapy", "microneedling"))
    rows: list[PriceRow] = []
    for t in SESSION_TREATMENTS:
        if t != "prp_hair" and t != special and rng.random() > OFFER_RATES[t]:
            continue
        if t == special and price_scenario == "low_price":
            rows += maker.session_rows(t, "session", outlier=True)
        elif t == special:
            rows += maker.session_rows(t, price_scenario if price_scenario != "from_price" else "from")
        else:
            rows += maker.session_rows(t, "normal")
    if needs_toxin or rng.random() < OFFER_RATES["botulinum_toxin"]:
        rows += maker.toxin_rows()
    if rng.random() < OFFER_RATES["dermal_filler"]:
        rows += maker.filler_rows()
    if rng.random() < OFFER_RATES["skin_booster"]:
        rows += maker.booster_rows()
    rows += maker.other_rows()
    rows += maker.consultation_rows()
    return rows


def version_changes(rows: list[PriceRow], rng: random.Random) -> int:
    """Change 1-3 ordinary priced rows by a modest factor; returns how many changed."""
    candidates = [r for r in rows if r.amount is not None and not r.outlier and r.shape in
                  ("session", "course", "area", "unit", "ml", "syringe", "treatment", "consultation")]
    changed = 0
    for row in rng.sample(candidates, min(len(candidates), rng.choice((1, 2, 3)))):
        factor = rng.choice((rng.uniform(0.86, 0.94), rng.uniform(1.06, 1.2)))
        new = price_value(row.amount * factor, row.currency)
        if new == row.amount:
            new = price_value(row.amount + (1 if row.amount < 60 else 10), row.currency)
        row.amount = new
        changed += 1
    return changed
