"""Practitioners of sample clinics: names, professions, register numbers, scenarios.

Register numbers are unique across the whole sample world: each comes from a
"slot" (site index * 8 + person number) mapped through a bijection onto the
register's number space, so 10,000+ sites never collide. Filler rows of the
register snapshots use slots above ``FILLER_SLOT``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from core.identifiers import npi_with_check_digit
from samples.model import Cred, Person
from samples.world import FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES, slugify

FILLER_SLOT = 850_000
_BIO_EN = (
    "{first} qualified in {year} and has worked in aesthetic medicine since {year2}.",
    "{first} trained at {school} and joined the clinic in {year2}.",
    "Before moving into aesthetics, {first} spent several years in {field}.",
    "{first} has a special interest in {interest} and teaches on our in-house training days.",
    "Outside the clinic, {first} enjoys {hobby}.",
)
_SCHOOLS = ("King's College London", "the University of Manchester", "the University of Leeds",
            "the University of Glasgow", "UCLA", "NYU", "the University of Texas")
_FIELDS = ("emergency medicine", "dermatology", "general practice", "plastic surgery",
           "oral surgery", "community pharmacy", "intensive care nursing")
_INTERESTS = ("hair loss in women", "natural-looking results", "skin health", "scalp conditions",
              "facial anatomy")
_HOBBIES = ("running", "open-water swimming", "cooking for friends", "hiking", "painting")
_BIO_LOCAL = {
    "de": ("{first} hat {year} approbiert und arbeitet seit {year2} in der ästhetischen Medizin.",
           "Schwerpunkte: Haarausfall, Hautverjüngung und natürliche Ergebnisse."),
    "es": ("{first} se licenció en {year} y trabaja en medicina estética desde {year2}.",
           "Su especialidad es la alopecia y el rejuvenecimiento facial."),
    "pl": ("{first} ukończyła studia w {year} roku i od {year2} zajmuje się medycyną estetyczną.",
           "Specjalizuje się w leczeniu łysienia i odmładzaniu skóry."),
}


def gmc_number(slot: int) -> str:
    return str(1_000_000 + (slot * 7919) % 9_000_000)


def gdc_number(slot: int) -> str:
    return str(100_000 + (slot * 7919) % 900_000)


def gphc_number(slot: int) -> str:
    return str(2_000_000 + (slot * 7919) % 1_000_000)


def hcpc_number(slot: int) -> str:
    return f"PA{(slot * 7919) % 1_000_000:06d}"


def nmc_pin(slot: int) -> str:
    year = (70 + (slot * 37) % 30) % 100
    return (f"{year:02d}{chr(65 + (slot // 10_000) % 26)}{slot % 10_000:04d}"
            f"{chr(65 + (slot // 260_000) % 26)}")


def npi_number(slot: int) -> str:
    return npi_with_check_digit(str(100_000_000 + (slot * 7919) % 100_000_000))


def state_license(slot: int, state: str, profession: str) -> str:
    digits = f"{(slot * 7919) % 1_000_000:06d}"
    prefix = {"doctor": {"CA": "A", "FL": "ME", "TX": "Q"}, "nurse": {"CA": "95", "FL": "RN"},
              "nurse_practitioner": {"FL": "APRN", "CA": "NP"}, "physician_assistant": {"CA": "PA"},
              "aesthetician": {"CA": "Z", "TX": "E", "FL": "FB"}}.get(profession, {}).get(state, "")
    return prefix + digits


def break_number(kind: str, value: str, rng: random.Random) -> str:
    """A malformed or fake-looking number for the same register."""
    if kind == "npi":
        last = int(value[-1])
        return value[:-1] + str((last + rng.choice((1, 3, 7))) % 10)  # Luhn fails
    if kind == "nmc":
        return value[:2] + value[3:]  # letter dropped: 7 characters
    if kind == "gmc":
        return value[:-1] if rng.random() < 0.5 else value + str(rng.randint(0, 9))
    if kind == "gphc":
        return "1" + value[1:]  # premises prefix, not a pharmacist
    return value + "X"


class PeopleMaker:
    """Makes the people of one clinic; ``slot()`` hands out world-unique number slots."""

    def __init__(self, rng: random.Random, country: str, lang: str, state: str, index: int):
        self.rng = rng
        self.country = country
        self.lang = lang
        self.state = state
        self._base = index * 16
        self._next = 0
        pool = {"GB": "en", "US": "en", "IE": "en", "AE": "ae"}.get(country, lang)
        self.pool = pool

    def slot(self) -> int:
        """World-unique while index < 25,000 and a site holds <= 32 numbers."""
        k = self._next
        self._next += 1
        return self._base + k if k < 16 else 400_000 + self._base + (k - 16) % 16

    def person(self, profession: str, female: bool | None = None, **kw) -> Person:
        rng = self.rng
        female = rng.random() < 0.7 if female is None else female
        first = rng.choice(FIRST_NAMES[f"{self.pool}_{'f' if female else 'm'}"])
        last = rng.choice(LAST_NAMES[self.pool])
        if self.pool == "pl" and not female and last.endswith("ska"):
            last = last[:-3] + "ski"
        middle = rng.choice(MIDDLE_NAMES) if rng.random() < 0.5 and self.pool == "en" else None
        p = Person(first=first, last=last, profession=profession, middle=middle, **kw)
        p.slug = slugify(f"{first} {last}")
        p.bio = self.bio(p)
        return p

    def bio(self, p: Person) -> list[str]:
        rng = self.rng
        year = rng.randint(1996, 2016)
        values = dict(first=p.first, year=year, year2=min(2023, year + rng.randint(2, 8)),
                      school=rng.choice(_SCHOOLS), field=rng.choice(_FIELDS),
                      interest=rng.choice(_INTERESTS), hobby=rng.choice(_HOBBIES))
        frames = _BIO_LOCAL.get(self.lang) or rng.sample(_BIO_EN, 3)
        return [f.format(**values) for f in frames]

    def register(self, p: Person, kind: str, label: str, make: Callable[[int], str]) -> Person:
        p.credentials.append(Cred(kind, make(self.slot()), True, None, label))
        p.register_state = "registered"
        p.register_name = self.register_name(p)
        return p

    def register_name(self, p: Person) -> str:
        parts = [p.first] + ([p.middle] if p.middle else []) + [p.last.upper()]
        return " ".join(parts)
