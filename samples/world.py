"""Facts about the sample world: countries, places, names, currencies, base prices.

Pure data plus small pure helpers (money formatting, slugs). Everything the
generator draws from lives here, so a reader can see what the sample web can
contain without reading the generator. All phone numbers are in ranges reserved
for drama/fiction (Ofcom 0xx 496 0xxx, US 555-01xx) or plainly made up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Country mix over a block of 20 consecutive site indices (40/25/15/10/10 %).
BLOCK = 20
BLOCK_COUNTRIES = ["GB"] * 8 + ["US"] * 5 + ["IE", "DE", "ES"] + ["PL"] * 2 + ["AE"] * 2


@dataclass(frozen=True)
class Place:
    city: str
    region: str  # UK postcode area / US state / country code elsewhere: the price-norm region
    postcode_prefix: str
    phone_prefix: str
    lat: float
    lon: float
    streets: tuple[str, ...]


@dataclass(frozen=True)
class Country:
    code: str
    currency: str
    lang: str
    tld: str
    places: tuple[Place, ...]


_UK_STREETS = ("High Street", "King Street", "Church Road", "Market Place", "Victoria Road",
               "Park Lane", "Station Road", "Queen Street", "Albert Square", "Mill Lane")
_US_STREETS = ("Main St", "Ocean Ave", "Sunset Blvd", "Park Ave", "Elm St", "Lakeview Dr",
               "Wilshire Blvd", "Broadway", "Bay St", "Commerce St")
_DE_STREETS = ("Kurfürstendamm", "Hauptstraße", "Schillerstraße", "Maximilianstraße",
               "Goethestraße", "Friedrichstraße", "Königsallee", "Lindenstraße")
_ES_STREETS = ("Calle de Serrano", "Calle Mayor", "Avenida Diagonal", "Calle Colón",
               "Paseo de Gracia", "Calle Larios", "Avenida del Puerto")
_PL_STREETS = ("ul. Marszałkowska", "ul. Floriańska", "ul. Świdnicka", "ul. Długa",
               "al. Jerozolimskie", "ul. Piotrkowska", "ul. Mokotowska")
_AE_STREETS = ("Jumeirah Beach Road", "Al Wasl Road", "Sheikh Zayed Road", "Dubai Marina Walk",
               "Corniche Road", "Al Khaleej Street")
_IE_STREETS = ("Grafton Street", "Baggot Street", "Patrick Street", "Shop Street",
               "Merrion Square", "Dawson Street")

COUNTRIES: dict[str, Country] = {
    "GB": Country("GB", "GBP", "en", "co.uk", (
        Place("London", "SW", "SW", "020 7946 0", 51.4946, -0.1739, _UK_STREETS),
        Place("Manchester", "M", "M", "0161 496 0", 53.4794, -2.2453, _UK_STREETS),
        Place("Birmingham", "B", "B", "0121 496 0", 52.4797, -1.9027, _UK_STREETS),
        Place("Leeds", "LS", "LS", "0113 496 0", 53.7997, -1.5492, _UK_STREETS),
        Place("Glasgow", "G", "G", "0141 496 0", 55.8609, -4.2514, _UK_STREETS),
    )),
    "US": Country("US", "USD", "en", "com", (
        Place("Los Angeles", "CA", "900", "(310) 555-01", 34.0522, -118.2437, _US_STREETS),
        Place("New York", "NY", "100", "(212) 555-01", 40.7484, -73.9857, _US_STREETS),
        Place("Houston", "TX", "770", "(713) 555-01", 29.7604, -95.3698, _US_STREETS),
        Place("Miami", "FL", "331", "(305) 555-01", 25.7617, -80.1918, _US_STREETS),
    )),
    "IE": Country("IE", "EUR", "en", "ie", (
        Place("Dublin", "IE", "D02", "01 555 0", 53.3398, -6.2603, _IE_STREETS),
        Place("Cork", "IE", "T12", "021 555 0", 51.8985, -8.4756, _IE_STREETS),
        Place("Galway", "IE", "H91", "091 555 0", 53.2707, -9.0568, _IE_STREETS),
    )),
    "DE": Country("DE", "EUR", "de", "de", (
        Place("Berlin", "DE", "10", "030 5550", 52.5200, 13.4050, _DE_STREETS),
        Place("München", "DE", "80", "089 5550", 48.1372, 11.5756, _DE_STREETS),
        Place("Hamburg", "DE", "20", "040 5550", 53.5511, 9.9937, _DE_STREETS),
        Place("Köln", "DE", "50", "0221 5550", 50.9375, 6.9603, _DE_STREETS),
    )),
    "ES": Country("ES", "EUR", "es", "es", (
        Place("Madrid", "ES", "280", "+34 910 555 ", 40.4168, -3.7038, _ES_STREETS),
        Place("Barcelona", "ES", "080", "+34 930 555 ", 41.3874, 2.1686, _ES_STREETS),
        Place("Marbella", "ES", "296", "+34 952 555 ", 36.5101, -4.8825, _ES_STREETS),
    )),
    "PL": Country("PL", "PLN", "pl", "pl", (
        Place("Warszawa", "PL", "00", "+48 22 555 ", 52.2297, 21.0122, _PL_STREETS),
        Place("Kraków", "PL", "31", "+48 12 555 ", 50.0647, 19.9450, _PL_STREETS),
        Place("Wrocław", "PL", "50", "+48 71 555 ", 51.1079, 17.0385, _PL_STREETS),
    )),
    "AE": Country("AE", "AED", "en", "ae", (
        Place("Dubai", "AE", "", "+971 4 555 ", 25.2048, 55.2708, _AE_STREETS),
        Place("Abu Dhabi", "AE", "", "+971 2 555 ", 24.4539, 54.3773, _AE_STREETS),
    )),
}

# Regional price multipliers: the norm a reader should expect in that region.
REGION_FACTOR = {"SW": 1.2, "M": 0.95, "B": 0.9, "LS": 0.92, "G": 0.93,
                 "CA": 1.1, "NY": 1.15, "TX": 0.9, "FL": 0.95}

# Base prices in local currency: per session unless the key says otherwise.
# toxin_area = one area; toxin_unit = one unit; filler_ml = 1 ml; booster = 1 syringe.
BASE_PRICES: dict[str, dict[str, float]] = {
    "GB": {"prp_hair": 350, "hair_mesotherapy": 180, "face_mesotherapy": 160, "prp_face": 300,
           "microneedling": 180, "toxin_area": 180, "toxin_unit": 5, "filler_ml": 280,
           "booster": 250, "consultation": 50},
    "US": {"prp_hair": 750, "hair_mesotherapy": 300, "face_mesotherapy": 250, "prp_face": 650,
           "microneedling": 350, "toxin_area": 350, "toxin_unit": 14, "filler_ml": 700,
           "booster": 600, "consultation": 100},
    "IE": {"prp_hair": 400, "hair_mesotherapy": 200, "face_mesotherapy": 180, "prp_face": 350,
           "microneedling": 200, "toxin_area": 200, "toxin_unit": 6, "filler_ml": 320,
           "booster": 300, "consultation": 50},
    "DE": {"prp_hair": 320, "hair_mesotherapy": 180, "face_mesotherapy": 170, "prp_face": 300,
           "microneedling": 190, "toxin_area": 250, "toxin_unit": 7, "filler_ml": 350,
           "booster": 320, "consultation": 60},
    "ES": {"prp_hair": 250, "hair_mesotherapy": 120, "face_mesotherapy": 110, "prp_face": 220,
           "microneedling": 150, "toxin_area": 250, "toxin_unit": 6, "filler_ml": 300,
           "booster": 280, "consultation": 50},
    "PL": {"prp_hair": 900, "hair_mesotherapy": 450, "face_mesotherapy": 400, "prp_face": 800,
           "microneedling": 500, "toxin_area": 700, "toxin_unit": 20, "filler_ml": 1200,
           "booster": 1000, "consultation": 150},
    "AE": {"prp_hair": 1200, "hair_mesotherapy": 800, "face_mesotherapy": 700, "prp_face": 1000,
           "microneedling": 800, "toxin_area": 1200, "toxin_unit": 30, "filler_ml": 1800,
           "booster": 1500, "consultation": 300},
}

# Rounding step for generated prices, per currency.
ROUND_STEP = {"GBP": 5, "USD": 25, "EUR": 5, "PLN": 10, "AED": 50}

# Treatment names as written, per language: canonical treatment -> variants.
TREATMENT_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "hair_mesotherapy": ("Hair Mesotherapy", "Mesotherapy for Hair Loss", "Scalp Mesotherapy"),
        "prp_hair": ("PRP Hair Restoration", "PRP for Hair Loss", "Platelet-Rich Plasma (Hair)"),
        "face_mesotherapy": ("Facial Mesotherapy", "Skin Mesotherapy"),
        "prp_face": ("Vampire Facial (PRP)", "PRP Skin Rejuvenation"),
        "microneedling": ("Microneedling", "Dermapen Microneedling", "Collagen Induction Therapy"),
        "botulinum_toxin": ("Anti-wrinkle Injections", "Botox", "Wrinkle Relaxing Injections"),
        "dermal_filler": ("Dermal Filler", "Lip Filler", "Cheek Filler"),
        "skin_booster": ("Profhilo", "Skin Booster", "Seventy Hyal Skin Booster"),
        "consultation": ("Consultation", "Initial Consultation"),
        "other": ("Laser Hair Removal (Full Legs)", "HydraFacial", "Chemical Peel",
                  "Gel Manicure", "LED Light Therapy"),
    },
    "de": {
        "hair_mesotherapy": ("Mesotherapie für Haare", "Haar-Mesotherapie"),
        "prp_hair": ("PRP-Eigenbluttherapie gegen Haarausfall", "PRP Haarbehandlung"),
        "face_mesotherapy": ("Mesotherapie Gesicht",),
        "prp_face": ("Vampir-Lifting (PRP Gesicht)",),
        "microneedling": ("Microneedling", "Microneedling Gesicht"),
        "botulinum_toxin": ("Faltenbehandlung mit Botulinum", "Botox-Behandlung"),
        "dermal_filler": ("Hyaluronsäure-Filler", "Lippenunterspritzung"),
        "skin_booster": ("Skinbooster", "Profhilo"),
        "consultation": ("Beratungsgespräch", "Erstberatung"),
        "other": ("Laser-Haarentfernung", "Kosmetische Gesichtsbehandlung", "Maniküre"),
    },
    "es": {
        "hair_mesotherapy": ("Mesoterapia capilar",),
        "prp_hair": ("PRP capilar (plasma rico en plaquetas)", "Plasma rico en plaquetas capilar"),
        "face_mesotherapy": ("Mesoterapia facial",),
        "prp_face": ("Plasma rico en plaquetas facial",),
        "microneedling": ("Microneedling", "Dermapen facial"),
        "botulinum_toxin": ("Toxina botulínica", "Bótox"),
        "dermal_filler": ("Ácido hialurónico (relleno)", "Relleno de labios"),
        "skin_booster": ("Skinbooster", "Profhilo"),
        "consultation": ("Primera consulta", "Consulta médica"),
        "other": ("Depilación láser", "Higiene facial", "Manicura semipermanente"),
    },
    "pl": {
        "hair_mesotherapy": ("Mezoterapia skóry głowy", "Mezoterapia igłowa skóry głowy"),
        "prp_hair": ("Osocze bogatopłytkowe (PRP) – skóra głowy", "Osocze na włosy"),
        "face_mesotherapy": ("Mezoterapia igłowa twarzy",),
        "prp_face": ("Osocze bogatopłytkowe – twarz",),
        "microneedling": ("Mikronakłuwanie", "Dermapen"),
        "botulinum_toxin": ("Toksyna botulinowa", "Botoks"),
        "dermal_filler": ("Kwas hialuronowy (wypełniacz)", "Powiększanie ust"),
        "skin_booster": ("Stymulator tkankowy Profhilo", "Skinbooster"),
        "consultation": ("Konsultacja", "Konsultacja lekarska"),
        "other": ("Depilacja laserowa", "Manicure hybrydowy", "Oczyszczanie wodorowe"),
    },
}

FIRST_NAMES = {
    "en_f": ("Emma", "Sophie", "Hannah", "Olivia", "Grace", "Chloe", "Amelia", "Laura", "Rachel",
             "Priya", "Aisha", "Megan", "Claire", "Natalie", "Zara", "Jessica", "Lucy", "Fiona"),
    "en_m": ("James", "Oliver", "Daniel", "Thomas", "Rahul", "Michael", "David", "Samuel",
             "Adam", "Ryan", "Omar", "Christopher", "Matthew", "Ben"),
    "de_f": ("Anna", "Julia", "Katharina", "Lena", "Sabine", "Miriam", "Laura", "Nina"),
    "de_m": ("Lukas", "Jan", "Markus", "Tobias", "Stefan", "Felix", "Florian"),
    "es_f": ("Lucía", "María", "Carmen", "Elena", "Paula", "Marta", "Sofía", "Irene"),
    "es_m": ("Javier", "Carlos", "Pablo", "Alejandro", "Miguel", "Sergio"),
    "pl_f": ("Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Monika", "Aleksandra"),
    "pl_m": ("Piotr", "Tomasz", "Paweł", "Michał", "Krzysztof", "Marcin"),
    "ae_f": ("Fatima", "Mariam", "Layla", "Noor", "Sara", "Elena", "Hana"),
    "ae_m": ("Ahmed", "Khalid", "Yousef", "Rami", "Karim", "Tariq"),
}
MIDDLE_NAMES = ("Elizabeth", "Louise", "Jane", "Marie", "Anne", "John", "Edward", "James",
                "Alexander", "Rose", "Michael", "Catherine")
LAST_NAMES = {
    "en": ("Smith", "Clarke", "Patel", "Hughes", "Morgan", "Bennett", "Khan", "Walsh", "Turner",
           "Fletcher", "Robinson", "Shah", "Murphy", "Kelly", "O'Brien", "Wright", "Harrison",
           "Ellis", "Mitchell", "Chen", "Garcia", "Rivera", "Nguyen", "Brooks", "Foster",
           "Reyes", "Hayes", "Sullivan", "Campbell", "MacLeod", "Fraser", "Doyle"),
    "de": ("Müller", "Schmidt", "Weber", "Fischer", "Becker", "Hoffmann", "Schäfer", "Koch",
           "Richter", "Wolf", "Neumann", "Braun"),
    "es": ("García", "Martínez", "López", "Sánchez", "Romero", "Navarro", "Torres", "Ruiz",
           "Jiménez", "Moreno", "Álvarez", "Castillo"),
    "pl": ("Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowska", "Zielińska",
           "Szymańska", "Dąbrowska", "Kozłowska", "Jankowska", "Mazur"),
    "ae": ("Al Mansoori", "Haddad", "Nasser", "Saleh", "Farouk", "Rahman", "Petrova", "Kapoor",
           "Aziz", "Hamdan", "Karimi", "Menon"),
}

BRAND_WORDS = {
    "en": ("Glow", "Radiance", "Halo", "Luxe", "Pure", "Revive", "Elite", "Bloom", "Aura",
           "Velvet", "Crown", "Silk", "Luma", "Nova", "Evolve", "Serene", "Vita", "Ivory",
           "Harbour", "Oak", "Willow", "Amber", "Clarity", "Renew", "Sculpt", "Lumiere"),
    "de": ("Haut", "Derma", "Schön", "Vital", "Ästhetik", "Beauté", "Linde", "Isar", "Alster",
           "Spree", "Rhein", "Lumen"),
    "es": ("Bella", "Luz", "Piel", "Dermo", "Estela", "Alma", "Brisa", "Clara", "Serena",
           "Vida", "Aurora"),
    "pl": ("Aura", "Estetika", "Derma", "Bella", "Lumi", "Vita", "Jantar", "Wisła", "Perła",
           "Kamea", "Iris"),
}
BRAND_KINDS = {
    "en": ("Aesthetics", "Skin Clinic", "Hair Clinic", "Medical Aesthetics", "Clinic",
           "Skin & Hair", "Aesthetic Clinic", "Hair Restoration", "Cosmetic Clinic"),
    "us": ("Med Spa", "MedSpa", "Aesthetics", "Skin Institute", "Hair Restoration",
           "Dermatology & Aesthetics", "Wellness & Aesthetics"),
    "de": ("Hautzentrum", "Praxis für Ästhetik", "Haarklinik", "Ästhetik"),
    "es": ("Clínica Estética", "Centro Médico Estético", "Clínica Capilar"),
    "pl": ("Klinika Urody", "Gabinet Medycyny Estetycznej", "Klinika Estetyczna"),
}

_NON_WORD = re.compile(r"[^a-z0-9]+")
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "&": " and "})


def slugify(text: str, sep: str = "-") -> str:
    """ASCII slug: 'Ästhetik Köln' -> 'aesthetik-koeln'."""
    text = text.lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(sep, text).strip(sep)


def round_price(value: float, currency: str) -> float:
    """Round to the step a clinic in that currency would print (never below one step)."""
    step = ROUND_STEP[currency]
    return float(max(step, int(round(value / step)) * step))


def _group(integer: int, sep: str) -> str:
    return f"{integer:,}".replace(",", sep)


def number_text(amount: float, country: str, decimals: bool) -> str:
    """A number in the country's own format: 1,200.00 / 1.200,00 / 1 200,00."""
    whole = int(amount)
    cents = int(round((amount - whole) * 100))
    show_cents = decimals or cents != 0
    if country in ("DE", "ES"):
        text = _group(whole, ".")
        return f"{text},{cents:02d}" if show_cents else text
    if country == "PL":
        text = _group(whole, " ") if whole >= 1000 else str(whole)
        return f"{text},{cents:02d}" if show_cents else text
    text = _group(whole, ",")
    return f"{text}.{cents:02d}" if show_cents else text


def money(amount: float, country: str, decimals: bool = False) -> str:
    """Amount with its currency sign placed the local way."""
    num = number_text(amount, country, decimals)
    if country == "GB":
        return f"£{num}"
    if country == "US":
        return f"${num}"
    if country == "IE":
        return f"€{num}"
    if country in ("DE", "ES"):
        return f"{num} €"
    if country == "PL":
        return f"{num} zł"
    return f"AED {num}"
