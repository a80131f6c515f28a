"""Regulated wording on sample home pages: the positive and negative cases of the conduct rules.

Some sites say something a conduct rule (analysis/rules/conduct.py, docs/rules.md) must report;
others say a look-alike it must not: a safeguard ("we never prescribe remotely"), another
treatment ("microneedling from 16"), another subject ("parking at the hotel"). GB sites carry
the UK rules' cases; Spanish, Polish and Emirati sites the hair-transplant tourism cases (TR-HT-01
applies to any clinic selling transplants abroad). Each :class:`Notice` says which rule it is
meant to trigger, so ground truth (samples/truth.py) needs no reading of the sentence. A site's
notices come from its own random stream, so every other choice of the world stays as it was.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from samples.model import SiteSpec


@dataclass(frozen=True)
class Notice:
    text: str
    rule: str | None = None  # the rule it triggers (with the site's other facts); None: a look-alike
    products: tuple[str, ...] = ()  # toxin products it names
    tourism: bool = False  # a hair transplant sold to patients from abroad
    concern: bool = False  # technicians operate, or a mega session


UK_CASES = {
    "UK-POM-02": (
        "Book a free video consultation with our prescriber and start your anti-wrinkle treatment the same week.",
        "No consultation needed: walk in for anti-wrinkle injections every Saturday morning.",
        "Our independent prescriber approves your toxin plan remotely once you complete the online form.",
    ),
    "UK-AGE-01": (
        "Lip filler for 16+ clients with parental consent.",
        "Prom season offer: lip filler and a glow facial before the big night.",
        "Anti-wrinkle and filler packages for school leavers all summer.",
    ),
    "UK-PROMO-01": (
        "Two for one on anti-wrinkle areas this month.",
        "Host an anti-wrinkle party for your friends in our lounge.",
        "Flash sale on dermal filler: this weekend only.",
        "Enter our summer competition to win a lip filler treatment.",
    ),
    "UK-SETTING-01": (
        "Mobile aesthetics: we come to you for anti-wrinkle and filler treatments.",
        "Lip filler home visits across the county.",
        "Filler clinic days at the Grand Hotel on the first Monday of each month.",
    ),
}
UK_PRODUCT_CASES = (
    ("We use Korean botox for a softer, natural result.", ("Korean toxin",)),
    ("Anti-wrinkle treatment with Nabota for first-time clients.", ("Nabota",)),
)
UK_LOOK_ALIKES = (
    Notice("We never prescribe toxin remotely; every anti-wrinkle plan starts with a face-to-face consultation."),
    Notice("Online consultations are available for hair loss assessments."),
    Notice("All injectable treatments are for clients aged 18 and over; we may ask for ID."),
    Notice("Microneedling is suitable from 16 with parental consent."),
    Notice("Save 20% on microneedling courses booked this month."),
    Notice("Gift vouchers are available for every treatment."),
    Notice("Free parking is available at the hotel next door."),
    Notice("We do not offer home visits: all injectable treatments take place in our clinic."),
    Notice("We use Bocouture and Azzalure, both licensed in the UK.", products=("Bocouture", "Azzalure")),
)
TOURISM = (
    "Our hair transplant package includes VIP airport transfers and three nights at a partner hotel.",
    "Hair transplant for international patients, with an interpreter at every step.",
)
TOURISM_CONCERNS = (
    "Our skilled technicians carry out the extraction and implantation of every hair transplant graft.",
    "Up to 6,500 grafts in a single session.",
)
TOURISM_LOOK_ALIKES = (
    "Our surgeon performs every extraction and implantation in person.",
    "We cap every hair transplant session at 3,000 grafts.",
)
UK_SHARE, LOOK_ALIKE_SHARE, TOURISM_SHARE = 0.35, 0.4, 0.35
TOURISM_COUNTRIES = ("ES", "PL", "AE")


def notices_for(spec: SiteSpec) -> list[Notice]:
    """The notices of one site (none on chains: a home page there speaks for every branch)."""
    if spec.template == "chain":
        return []
    rng = random.Random(f"cw:{spec.seed}:site:{spec.index}:notices")
    out: list[Notice] = []
    if spec.country == "GB":
        if rng.random() < UK_SHARE:
            rule = rng.choice((*UK_CASES, "UK-PRODUCT-01"))
            if rule == "UK-PRODUCT-01":
                text, products = rng.choice(UK_PRODUCT_CASES)
                out.append(Notice(text, rule, products))
            else:
                out.append(Notice(rng.choice(UK_CASES[rule]), rule))
        if rng.random() < LOOK_ALIKE_SHARE:
            out.append(rng.choice(UK_LOOK_ALIKES))
    elif spec.country in TOURISM_COUNTRIES and rng.random() < TOURISM_SHARE:
        out.append(Notice(rng.choice(TOURISM), tourism=True))  # a finding only with a concern or no surgeon
        if rng.random() < 0.5:
            out.append(Notice(rng.choice(TOURISM_CONCERNS), "TR-HT-01", concern=True))
        else:
            out.append(Notice(rng.choice(TOURISM_LOOK_ALIKES)))
    return out
