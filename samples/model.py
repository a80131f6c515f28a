"""The sample web's data model: one site spec holds clinics, prices and practitioners.

Plain dataclasses with no behaviour beyond small derived properties; the
generator fills them, the templates render them, truth.py reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cred:
    kind: str  # items.CREDENTIAL_KINDS
    value: str  # as printed (and as truth lists it)
    format_valid: bool | None
    issuer: str | None = None
    label: str = ""  # printed before the value: "GMC No.", "NPI", "CA License"


@dataclass
class Person:
    first: str
    last: str
    profession: str  # items.PROFESSIONS
    title: str | None = None  # Dr, Nurse, Mr, Miss or None
    middle: str | None = None
    prescriber: bool | None = None  # what the page states
    role: str = ""
    postnominals: str = ""
    credentials: list[Cred] = field(default_factory=list)
    register_state: str | None = None  # registered, not_on_register, inactive, name_mismatch, conditions
    register_name: str | None = None  # the name the register shows (name_mismatch: someone else)
    injector: bool = False  # named as performing toxin/filler injections
    membership_listed: bool | None = None  # a JCCP / Save Face membership claimed: on that register or not
    bio: list[str] = field(default_factory=list)
    slug: str = ""
    page: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class PriceRow:
    treatment: str
    text: str  # treatment name as on the page
    amount: float | None
    currency: str
    unit: str = "session"
    sessions: int | None = None
    quantity: float | None = None
    from_price: bool = False
    amount_max: float | None = None
    was_amount: float | None = None
    shape: str = "session"  # session/course/area/unit/ml/syringe/treatment/range/was_now/from/poa/free
    outlier: bool = False
    page: str = ""

    @property
    def per_session(self) -> float | None:
        if self.amount is None:
            return None
        if self.unit in ("session", "treatment"):
            return self.amount
        if self.unit == "course" and self.sessions:
            return round(self.amount / self.sessions, 2)
        return None


@dataclass
class Clinic:
    branch: str  # "" for a single-location clinic
    name: str
    street: str
    locality: str
    region: str  # norm region: UK postcode area, US state, else the country code
    postcode: str | None
    country: str
    phone: str
    email: str
    lat: float
    lon: float
    prices: list[PriceRow] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    show_geo: bool = False
    # care registers (samples/care.py): CQC location id or HIS service number, the name the
    # register lists it under, its status there ("" = not listed), and whether the site prints the id
    care_id: str = ""
    care_name: str = ""
    care_status: str = ""
    print_care_id: bool = False

    @property
    def address(self) -> str:
        if self.country == "US":
            return f"{self.street}, {self.locality}, {self.region} {self.postcode}"
        parts = [self.street, self.locality]
        if self.postcode:
            parts.append(self.postcode)
        return ", ".join(parts)


@dataclass
class BlogPost:
    slug: str
    title: str
    date: str
    paragraphs: list[str]


@dataclass
class Page:
    path: str
    kind: str  # home, prices, team, bio, contact, about, treatments, location, locations, blog_index, blog, privacy, private
    title: str
    branch: str = ""
    ref: str = ""  # person slug / blog slug / branch slug


@dataclass
class SiteSpec:
    seed: int
    index: int
    price_version: int
    host: str  # canonical host, maybe with www.
    site: str  # truth key: host without www.
    name: str
    template: str
    country: str
    lang: str
    currency: str
    clinics: list[Clinic]
    scenarios: list[str]
    blog: list[BlogPost]
    pages: list[Page] = field(default_factory=list)
    charset: str = "utf-8"
    sitemap: bool = False
    robots_disallow: tuple[str, ...] = ()
    slash_redirect: bool = False  # "/prices" -> 301 "/prices/" (else served as a duplicate)
    booking_url: str = ""
    booking_platform: str = ""  # the platform booking_url points to (extract/booking_platforms.yml id)
    founded: int = 2015
    decimals: bool = False
    last_modified_day: int = 0  # days after 2024-01-01
    server_name: str = "nginx"
    price_pdf: str = ""  # path of the PDF price list when the site publishes its prices that way
    client_rendered: bool = False  # in the CMS-shaped web: an app shell that a script fills (samples/cms.py)
    notices: list = field(default_factory=list)  # regulated wording on the home page (samples/notices.py)

    def render(self, path: str, port: int | None = None) -> tuple[int, str, bytes]:
        from samples.render import render_path

        return render_path(self, path, port)

    def page_for(self, path: str) -> Page | None:
        for page in self.pages:
            if page.path == path:
                return page
        return None
