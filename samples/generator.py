"""Seeded, lazy generator of sample clinic websites: ``generate_site(seed, index)``.

A site is a pure function of (seed, index, price_version). Country, place and
template come from the index (a shuffled block of 20 indices holds the country
mix), so small demos still get every country, template and region in useful
numbers. Hosts are made unique across the world by ``identity`` in index order
(memoised per seed), which is why the host table is cheap to build for 10,000+
sites while full specs are only built on demand.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from samples import content, templates
from samples.care import add_care, care_tags
from samples.model import Clinic, Cred, SiteSpec
from samples.notices import notices_for
from samples.people import PeopleMaker
from samples.pricing import PriceMaker, make_price_list, version_changes
from samples.rosters import local_roster, uk_roster, us_roster
from samples.world import BLOCK, BLOCK_COUNTRIES, BRAND_KINDS, BRAND_WORDS, COUNTRIES, Place, slugify

TEMPLATES = ("wp_price_table", "page_builder", "one_page", "jsonld_rich", "microdata", "prose",
             "team_bios")
ALL_TEMPLATES = TEMPLATES + ("chain",)
HOST_SUFFIX = ".localhost"

# Scenario schedules, indexed by a site's ordinal within its country.
PRAC_SCHEDULE = {
    "GB": ("fake_number", None, "no_practitioner", None, "toxin_without_prescriber", None,
           "not_on_register", None, "inactive_registration", None, "name_mismatch", None,
           "title_without_registration", None, None, "conditions", None, None, None, None),
    "US": ("esthetician_injector", None, "rn_without_supervisor", None, "fake_number", None,
           "not_on_register", None, "inactive_registration", None, "no_practitioner", None),
    "*": (None, None, None, "no_practitioner", None, None, None, None),
}
PRICE_SCHEDULE = {"GB": (None, "low_price", None, None, "from_price", None, None, None,
                         "course_no_count", None, None, None),
                  "US": (None, None, "low_price", None, "from_price", None, None, "course_no_count"),
                  "*": (None, "low_price", None, None, "from_price", None, None)}


@dataclass(frozen=True)
class Identity:
    index: int
    country: str
    ordinal: int  # position among the world's sites of that country
    template: str
    places: tuple[Place, ...]  # one for a clinic, 3-4 for a chain
    name: str
    host: str  # canonical host (maybe www.)
    site: str


def _slot(seed: int, index: int) -> int:
    order = list(range(BLOCK))
    random.Random(f"cw:{seed}:block:{index // BLOCK}").shuffle(order)
    return order[index % BLOCK]


def _brand(rng: random.Random, country: str, city: str) -> str:
    lang = COUNTRIES[country].lang
    word = rng.choice(BRAND_WORDS.get(lang, BRAND_WORDS["en"]))
    if lang == "en":
        kind = rng.choice(BRAND_KINDS["us" if country == "US" else "en"])
        name = f"{word} {kind}"
        return f"{name} {city}" if rng.random() < 0.3 else name
    kind = rng.choice(BRAND_KINDS[lang])
    name = f"{kind} {word}" if rng.random() < 0.6 else f"{word} {kind}"
    return f"{name} {city}" if rng.random() < 0.4 else name


def _raw_identity(seed: int, index: int) -> tuple:
    slot = _slot(seed, index)
    country = BLOCK_COUNTRIES[slot]
    first = BLOCK_COUNTRIES.index(country)
    ordinal = index // BLOCK * BLOCK_COUNTRIES.count(country) + (slot - first)
    block = index // BLOCK
    chain = (slot == 0 and block % 2 == 0) or (slot == 8 and block % 4 == 1) or (
        slot == 14 and block % 4 == 3)
    rng = random.Random(f"cw:{seed}:id:{index}")
    places = COUNTRIES[country].places
    if chain:
        chosen = tuple(rng.sample(places, min(len(places), rng.choice((3, 4)))))
        template = "chain"
    else:
        chosen = (places[ordinal % len(places)],)
        template = TEMPLATES[(index + seed) % len(TEMPLATES)]
    name = _brand(rng, country, "" if chain else chosen[0].city).strip()
    sep = "-" if rng.random() < 0.4 else ""
    base = slugify(name, sep) or "clinic"
    www = rng.random() < 0.35
    return slot, country, ordinal, template, chosen, name, base, www


class _HostTable:
    """Identities in index order with collision-free hosts, memoised per seed."""

    def __init__(self, seed: int):
        self.seed = seed
        self.items: list[Identity] = []
        self.taken: set[str] = set()

    def get(self, index: int) -> Identity:
        while len(self.items) <= index:
            i = len(self.items)
            _, country, ordinal, template, places, name, base, www = _raw_identity(self.seed, i)
            tld = COUNTRIES[country].tld
            stem, n = base, 1
            while f"{stem}.{tld}" in self.taken:
                n += 1
                stem = f"{base}{n}"
            self.taken.add(f"{stem}.{tld}")
            site = f"{stem}.{tld}{HOST_SUFFIX}"
            host = f"www.{site}" if www else site
            self.items.append(Identity(i, country, ordinal, template, places, name, host, site))
        return self.items[index]


_TABLES: dict[int, _HostTable] = {}


def identity(seed: int, index: int) -> Identity:
    table = _TABLES.setdefault(seed, _HostTable(seed))
    return table.get(index)


def hosts(seed: int, n: int) -> list[Identity]:
    """Identities of sites 0..n-1 (cheap: no site spec is built)."""
    if n <= 0:
        return []
    identity(seed, n - 1)
    return _TABLES[seed].items[:n]


def _postcode(rng: random.Random, country: str, place: Place) -> str | None:
    d = rng.randint
    if country == "GB":
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return f"{place.postcode_prefix}{d(1, 20)} {d(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    if country in ("US", "ES"):
        return f"{place.postcode_prefix}{d(1, 99):02d}"
    if country == "IE":
        return f"{place.postcode_prefix} {rng.choice('ACDEFHKNPRTVWXY')}{d(1, 9)}{rng.choice('ACDEFHKNPRTVWXY')}{d(1, 9)}"
    if country == "DE":
        return f"{place.postcode_prefix}{d(100, 999)}"
    if country == "PL":
        return f"{place.postcode_prefix}-{d(1, 999):03d}"
    return None


def _phone(rng: random.Random, country: str, place: Place) -> str:
    n = rng.randint(0, 99)
    if country == "GB" or country == "IE":
        return f"{place.phone_prefix}{n:03d}"
    if country == "US":
        return f"{place.phone_prefix}{n:02d}"
    if country == "DE":
        return f"{place.phone_prefix}{n:04d}"
    if country == "PL":
        return f"{place.phone_prefix}{n // 10:02d} {n % 10:02d}"
    return f"{place.phone_prefix}{n:04d}" if country == "AE" else f"{place.phone_prefix}{n:03d}"


def _clinic(rng: random.Random, ident: Identity, place: Place, branch: str, email_domain: str) -> Clinic:
    country = ident.country
    num = rng.randint(2, 240)
    street = rng.choice(place.streets)
    if country in ("GB", "IE", "US"):
        line = f"{num} {street}" + (f", Suite {rng.randint(1, 4)}00" if country == "US" else "")
    elif country == "AE":
        line = f"Office {rng.randint(1, 30)}{rng.randint(1, 9):02d}, {street}"
    else:
        line = f"{street} {num}"
    name = f"{ident.name} {place.city}" if branch else ident.name
    return Clinic(branch=branch, name=name, street=line, locality=place.city, region=place.region,
                  postcode=_postcode(rng, country, place), country=country,
                  phone=_phone(rng, country, place),
                  email=f"{'info' if not branch else branch}@{email_domain}",
                  lat=round(place.lat + rng.uniform(-0.03, 0.03), 4),
                  lon=round(place.lon + rng.uniform(-0.03, 0.03), 4))


def _people(rng: random.Random, ident: Identity, place: Place, scenario: str | None, slots: PeopleMaker):
    slots.rng, slots.state = rng, place.region
    if ident.country == "GB":
        return uk_roster(slots, scenario)
    if ident.country == "US":
        return us_roster(slots, scenario)
    return local_roster(slots, scenario)


def _schedule(ident: Identity) -> tuple[str | None, str | None]:
    if ident.template == "chain":
        return None, None
    prac = PRAC_SCHEDULE.get(ident.country, PRAC_SCHEDULE["*"])
    price = PRICE_SCHEDULE.get(ident.country, PRICE_SCHEDULE["*"])
    # spread each scenario over the country's places: k = round, r = place
    k, r = divmod(ident.ordinal, len(COUNTRIES[ident.country].places))
    return prac[(k + 5 * r) % len(prac)], price[(k + 3 * r + 1) % len(price)]


def _tags(spec: SiteSpec, prac: str | None) -> list[str]:
    tags = []
    for c in spec.clinics:
        for r in c.prices:
            tag = ("low_price" if r.outlier else "from_price" if r.shape == "from" else
                   "course_no_count" if r.shape == "course_no_count" else None)
            if tag and f"{tag}:{r.treatment}" not in tags:
                tags.append(f"{tag}:{r.treatment}")
    tags += list(dict.fromkeys(f"notice:{n.rule}" for n in spec.notices if n.rule))
    if any(p.membership_listed is False for c in spec.clinics for p in c.people):
        tags.append("membership_not_listed")
    if prac == "fake_number":
        kinds = {c.kind for cl in spec.clinics for p in cl.people for c in p.credentials
                 if c.format_valid is False}
        tags += [f"fake_number:{k}" for k in sorted(kinds)]
    elif prac:
        tags.append(prac)
    return tags


def _build(seed: int, index: int) -> SiteSpec:
    ident = identity(seed, index)
    rng = random.Random(f"cw:{seed}:site:{index}")
    country = COUNTRIES[ident.country]
    prac, price = _schedule(ident)
    email_domain = ident.site.removesuffix(HOST_SUFFIX)
    slots = PeopleMaker(rng, ident.country, country.lang, ident.places[0].region, index)
    clinics = []
    for place in ident.places:
        branch = slugify(place.city) if ident.template == "chain" else ""
        clinic = _clinic(rng, ident, place, branch, email_domain)
        clinic.people = _people(rng, ident, place, prac, slots)
        needs_toxin = prac in ("no_practitioner", "toxin_without_prescriber", "esthetician_injector",
                               "rn_without_supervisor") and ident.country in ("GB", "US")
        maker = PriceMaker(rng, ident.country, place.region, country.currency, country.lang)
        clinic.prices = make_price_list(maker, price, needs_toxin)
        clinics.append(clinic)
    add_care(seed, index, ident.template, clinics)  # own random stream
    spec = SiteSpec(seed=seed, index=index, price_version=0, host=ident.host, site=ident.site,
                    name=ident.name, template=ident.template, country=ident.country,
                    lang=country.lang, currency=country.currency, clinics=clinics, scenarios=[],
                    blog=[])
    _furnish(rng, spec)
    spec.scenarios = _tags(spec, prac) + care_tags(spec)
    return spec


# The booking platform a site's "Book online" button opens (never fetched: the crawl stays on the
# clinic's own site), on the platforms' real hosts so the page object names the platform.
BOOKING_URLS = {
    "booking.fresha.example": "https://www.fresha.com/a/{slug}-x7k2?source=website",
    "app.phorest.example": "https://www.phorest.com/salon/{slug}",
    "widget.treatwell.example": "https://www.treatwell.co.uk/place/{slug}/?source=website",
    "bookings.pabau.example": "https://connect.pabau.com/bookings/{slug}",
    "go.booksy.example": "https://booksy.com/en-gb/{slug}",
}
BOOKING_PLATFORM = {"booking.fresha.example": "fresha", "app.phorest.example": "phorest",
                    "widget.treatwell.example": "treatwell", "bookings.pabau.example": "pabau",
                    "go.booksy.example": "booksy"}


def _furnish(rng: random.Random, spec: SiteSpec) -> None:
    spec.founded = rng.randint(2008, 2021)
    spec.decimals = rng.random() < 0.3
    spec.sitemap = rng.random() < 0.5
    spec.slash_redirect = rng.random() < 0.5
    spec.server_name = rng.choice(("nginx", "Apache", "LiteSpeed", "cloudflare"))
    disallow = ["/wp-admin/"] if spec.template == "wp_price_table" else []
    if rng.random() < 0.5:
        disallow.append("/private/")
    spec.robots_disallow = tuple(disallow)
    if spec.country in ("GB", "IE", "DE", "ES") and rng.random() < 0.12:
        spec.charset = "windows-1252" if spec.country != "GB" or rng.random() < 0.5 else "iso-8859-1"
    provider = rng.choice(("booking.fresha.example", "app.phorest.example", "widget.treatwell.example",
                           "bookings.pabau.example", "go.booksy.example"))
    spec.booking_url = BOOKING_URLS[provider].format(slug=slugify(spec.name))
    spec.booking_platform = BOOKING_PLATFORM[provider]
    spec.last_modified_day = rng.randint(0, 300)
    spec.blog = content.blog_posts(rng, spec)
    spec.pages = templates.plan(spec, rng)
    _maybe_pdf_prices(spec)
    _maybe_client_rendered(spec)
    spec.notices = notices_for(spec)
    _maybe_memberships(spec)


VOLUNTARY_REGISTERS = (("saveface", "Save Face", "Member of"), ("jccp", "JCCP", "Registered with the"))
MEMBER_SHARE, NOT_LISTED_SHARE = 0.3, 0.3


def _maybe_memberships(spec: SiteSpec) -> None:
    """Some UK practitioners say they are members of Save Face or the JCCP (their own random
    stream); most are on that register's snapshot (samples/register_files.py), some are not
    (UK-REG-06)."""
    rng = random.Random(f"cw:{spec.seed}:site:{spec.index}:members")
    if spec.country != "GB" or spec.template == "chain":
        return
    for person in (p for c in spec.clinics for p in c.people):
        if rng.random() >= MEMBER_SHARE:
            continue
        kind, name, label = rng.choice(VOLUNTARY_REGISTERS)
        person.credentials.append(Cred("membership", name, None, name, label))
        person.membership_listed = rng.random() >= NOT_LISTED_SHARE


CSR_TEMPLATES = ("page_builder", "team_bios", "prose", "jsonld_rich")
CSR_SHARE = 0.25


def _maybe_client_rendered(spec: SiteSpec) -> None:
    """Some sites of the CMS-shaped web are client-rendered app shells (own random stream)."""
    rng = random.Random(f"cw:{spec.seed}:site:{spec.index}:csr")
    spec.client_rendered = (spec.template in CSR_TEMPLATES and not spec.price_pdf and len(spec.clinics) == 1
                            and rng.random() < CSR_SHARE)


PDF_TEMPLATES = ("wp_price_table", "page_builder", "team_bios")
PDF_SHARE = 0.3


def _maybe_pdf_prices(spec: SiteSpec) -> None:
    """Some sites publish their price list as a PDF linked from the prices page (its own random
    stream, so every other choice of the world stays as it was)."""
    from samples.blocks import ui
    from samples.content import price_phrase
    from samples.pdf import encodable

    rng = random.Random(f"cw:{spec.seed}:site:{spec.index}:pdf")
    if spec.template not in PDF_TEMPLATES or len(spec.clinics) != 1 or rng.random() >= PDF_SHARE:
        return
    rows = spec.clinics[0].prices
    texts = [spec.name, *ui(spec).values(), *(r.text for r in rows), *(price_phrase(r, spec) for r in rows)]
    if not rows or not all(encodable(t) for t in texts):
        return
    spec.price_pdf = f"/{rng.choice(('media', 'downloads', 'wp-content/uploads/2024/03'))}/" \
                     f"{rng.choice(('price-list', 'pricelist', 'treatment-prices', 'fees'))}.pdf"
    for row in rows:
        row.page = spec.price_pdf


def _apply_versions(spec: SiteSpec, price_version: int) -> None:
    last = 0
    for v in range(1, price_version + 1):
        rng = random.Random(f"cw:{spec.seed}:site:{spec.index}:v{v}")
        if rng.random() < 0.1:
            rows = [r for c in spec.clinics for r in c.prices]
            if version_changes(rows, rng):
                last = v
    spec.price_version = price_version
    spec.last_modified_day += 30 * last


@lru_cache(maxsize=512)
def _cached(seed: int, index: int, price_version: int) -> SiteSpec:
    spec = _build(seed, index)
    _apply_versions(spec, price_version)
    return spec


def generate_site(seed: int, index: int, price_version: int = 0) -> SiteSpec:
    """The spec of site ``index`` (0-based). Treat the result as read-only: it is cached."""
    if index < 0:
        raise ValueError(f"site index must be >= 0: {index}")
    return _cached(seed, index, price_version)


def iter_sites(n: int, seed: int, price_version: int = 0) -> Iterator[SiteSpec]:
    for index in range(n):
        yield generate_site(seed, index, price_version)
