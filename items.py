"""Typed items: the contract between page objects, spiders, pipelines and db/.

Data flows one way: a page object turns one HTML page into a :class:`PageExtract`;
the ``sites`` spider wraps it in a :class:`PageItem` with provenance (URL, site,
fetch time); pipelines validate, normalise and store it through ``db/``.

Field names use the database's vocabulary (see docs/data-contract.md), so
``dataclasses.asdict`` of an extract is also the JSON printed by
``clinicwatch extract``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Canonical treatments (the `prices.treatment` vocabulary).
TREATMENTS = (
    "hair_mesotherapy",
    "face_mesotherapy",
    "prp_hair",
    "prp_face",
    "microneedling",
    "botulinum_toxin",
    "dermal_filler",
    "skin_booster",
    "hair_transplant",
    "thread_lift",
    "liposuction",
    "consultation",
    "other",
)

# Price units (the `prices.unit` vocabulary). `course` carries `sessions`;
# area/unit/ml/syringe carry `quantity` (how many the amount buys).
UNITS = ("session", "course", "area", "unit", "ml", "syringe", "graft", "treatment", "consultation")
QUANTITY_UNITS = ("area", "unit", "ml", "syringe", "graft")  # units whose quantity says how many the amount buys

# Credential kinds (the `credentials.kind` vocabulary). The first group are
# register numbers checked by validators in core/identifiers.py.
REGISTER_KINDS = ("gmc", "nmc", "gdc", "gphc", "hcpc", "npi", "state_license", "cqc", "ahpra", "pwz", "imc")
OTHER_CREDENTIAL_KINDS = ("degree", "diploma", "membership", "certification")
CREDENTIAL_KINDS = REGISTER_KINDS + OTHER_CREDENTIAL_KINDS

# Professions (the `practitioners.profession` vocabulary).
PROFESSIONS = (
    "doctor",
    "dentist",
    "nurse",
    "nurse_practitioner",
    "physician_assistant",
    "pharmacist",
    "hcpc_professional",
    "aesthetician",
    "medical_assistant",
    "unknown",
)


@dataclass
class ClinicInfo:
    """What one page says about the clinic (or the branch of a chain) it belongs to."""

    name: str | None = None
    website: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    locality: str | None = None
    region: str | None = None
    postcode: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    # Set when the page is about one branch of a multi-location site
    # (e.g. "/locations/manchester"): facts on it belong to that branch.
    branch: str | None = None
    # Registrations of the clinic itself (CQC provider / location ids), never a person's.
    credentials: list[Credential] = field(default_factory=list)


@dataclass
class Credential:
    kind: str
    value: str
    format_valid: bool | None = None  # None: no format rule exists for this kind
    issuer: str | None = None  # US state for state_license/npi taxonomy, body for memberships
    evidence: str | None = None  # the text it was read from


@dataclass
class Practitioner:
    name: str
    title: str | None = None  # honorific as written: Dr, Mr, Miss, Nurse, ...
    postnominals: str | None = None  # as written: "MBBS MRCS", "RN, BSN"
    profession: str | None = None  # one of PROFESSIONS
    prescriber: bool | None = None  # True/False when the page says; None when silent
    role: str | None = None  # job title as written ("Lead Aesthetic Nurse")
    credentials: list[Credential] = field(default_factory=list)
    evidence: str | None = None


@dataclass
class Price:
    treatment: str  # one of TREATMENTS
    treatment_text: str  # the name as written on the page
    amount: float | None  # the price a consumer pays now; None for POA / free
    currency: str | None  # ISO 4217
    unit: str = "session"  # one of UNITS
    sessions: int | None = None  # sessions in a course
    quantity: float | None = None  # areas / units / ml / syringes the amount buys
    per_session: float | None = None  # derived; None when it cannot be derived
    from_price: bool = False  # "from £99", "starting at"
    amount_max: float | None = None  # upper end of a range
    was_amount: float | None = None  # the old price of a was/now offer
    price_text: str | None = None  # the raw price text
    evidence: str | None = None  # nearby text that ties price to treatment


# Money roles (the `money` table's vocabulary; extract/money_roles.py). Only own prices are prices.
MONEY_ROLES = ("market_price", "deposit", "fee", "finance", "third_party", "wholesale", "was_price", "example")


@dataclass
class Money:
    """Money on a page that is not the clinic's own treatment price: a deposit, a fee, a finance
    offer, a market figure quoted by a guide... (kept, and shown, but never compared to norms)."""

    role: str  # one of MONEY_ROLES
    amount: float | None
    currency: str | None
    treatment: str | None = None  # the treatment it is about, when the page says
    amount_max: float | None = None
    text: str | None = None  # the sentence it was read from (cut to 300 characters)


@dataclass
class BookingLink:
    """A link from the clinic's site to an online booking platform (extract/booking_platforms.yml)."""

    platform: str  # the platform's id ("fresha")
    name: str  # its display name ("Fresha")
    url: str


# Regulated wording on a page (the `signals` table's kinds; extract/signals.py).
SIGNAL_KINDS = ("remote_prescribing", "under_18", "promotion", "mobile_setting", "toxin_product",
                "hair_tourism", "technician_led", "graft_count")


@dataclass
class Signal:
    """Regulated wording on a page (extract/signals.py): remote prescribing, an under-18 offer, a
    promotion, a mobile service, a toxin product, hair-transplant tourism... with its sentence."""

    kind: str  # one of SIGNAL_KINDS
    value: str  # what was found: a product name, a promotion kind, a graft count
    text: str  # the sentence that shows it (cut to 300 characters)


@dataclass
class PageExtract:
    clinic: ClinicInfo = field(default_factory=ClinicInfo)
    prices: list[Price] = field(default_factory=list)
    practitioners: list[Practitioner] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)  # non-own money mentions, with their role
    booking: list[BookingLink] = field(default_factory=list)  # booking platforms the page links to
    signals: list[Signal] = field(default_factory=list)  # regulated wording (extract/signals.py)
    page_kind: str | None = None  # home, prices, team, contact, location, blog, other
    errors: list[str] = field(default_factory=list)  # why something could not be read

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PageItem:
    """One crawled page: what the spider yields."""

    url: str
    site: str  # site key: lower-case host without "www." and port
    seed_url: str
    fetched_at: str  # ISO 8601 UTC
    status: int
    extract: PageExtract
    seed_name: str | None = None
    depth: int = 0
    crawl_id: int | None = None


@dataclass
class CrawlErrorItem:
    """A URL that could not be fetched or read, with the reason."""

    url: str
    site: str | None
    reason: str
    at: str
    status: int | None = None
    crawl_id: int | None = None


@dataclass
class ListingItem:
    """A clinic as a directory or OpenStreetMap lists it (discovery)."""

    source: str  # osm, cqc, directory name
    source_url: str  # the listing's own URL (kept for attribution)
    name: str
    fetched_at: str
    website: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    locality: str | None = None
    region: str | None = None
    postcode: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    tags: dict = field(default_factory=dict)
