"""Plain-language wording for findings: money, treatments, regions, registers.

No locale libraries: money is a symbol (or ISO code) plus digits grouped with
commas, whole amounts without decimals ("£1,200", "$350", "€2.50", "PLN 300").
"""

from __future__ import annotations

from core.places import US_STATE_NAMES
from core.wording import BASIS_PHRASES  # noqa: F401 - rules read labels.BASIS_PHRASES

CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "INR": "₹", "TRY": "₺"}

TREATMENT_NAMES = {
    "hair_mesotherapy": "Hair mesotherapy",
    "face_mesotherapy": "Face mesotherapy",
    "prp_hair": "PRP for hair",
    "prp_face": "PRP for the face",
    "microneedling": "Microneedling",
    "botulinum_toxin": "Anti-wrinkle injections (botulinum toxin)",
    "dermal_filler": "Dermal filler",
    "skin_booster": "Skin boosters",
    "thread_lift": "Thread lift",
    "liposuction": "Liposuction",
    "consultation": "Consultation",
    "other": "Other treatment",
}



COUNTRY_NAMES = {
    "GB": "the UK", "US": "the US", "IE": "Ireland", "DE": "Germany", "FR": "France",
    "ES": "Spain", "IT": "Italy", "NL": "the Netherlands", "BE": "Belgium", "PL": "Poland",
    "PT": "Portugal", "AT": "Austria", "CH": "Switzerland", "SE": "Sweden", "DK": "Denmark",
    "NO": "Norway", "GR": "Greece", "CZ": "Czechia", "HU": "Hungary", "RO": "Romania",
    "TR": "Turkey", "AE": "the United Arab Emirates", "IN": "India", "AU": "Australia",
    "CA": "Canada", "NZ": "New Zealand",
}

US_STATES = {**US_STATE_NAMES, "DC": "the District of Columbia", "PR": "Puerto Rico"}

# Register number names, as a consumer would read them.
REGISTER_NAMES = {
    "gmc": ("GMC number", "GMC (General Medical Council) register"),
    "nmc": ("NMC PIN", "NMC (Nursing and Midwifery Council) register"),
    "gdc": ("GDC number", "GDC (General Dental Council) register"),
    "gphc": ("GPhC number", "GPhC (General Pharmaceutical Council) register"),
    "hcpc": ("HCPC number", "HCPC (Health and Care Professions Council) register"),
    "cqc": ("CQC ID", "CQC (Care Quality Commission) register"),
    "npi": ("NPI", "NPPES NPI Registry"),
    "pwz": ("PWZ number", "Polish register of doctors and dentists (Centralny Rejestr Lekarzy)"),
    "imc": ("IMC number", "Irish Medical Council register"),
}

PROFESSION_NAMES = {
    "doctor": "a doctor", "dentist": "a dentist", "nurse": "a nurse",
    "nurse_practitioner": "a nurse practitioner", "physician_assistant": "a physician assistant",
    "pharmacist": "a pharmacist", "hcpc_professional": "an HCPC-registered professional",
    "aesthetician": "an aesthetician", "medical_assistant": "a medical assistant",
}


def money(amount: float, currency: str | None) -> str:
    """Format an amount: "£1,200", "$12.50", "PLN 300"."""
    rounded = round(amount, 2)
    text = f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.2f}"
    code = (currency or "").upper()
    symbol = CURRENCY_SYMBOLS.get(code)
    if symbol:
        return f"{symbol}{text}"
    return f"{code} {text}".strip()


def treatment_name(treatment: str, *, start: bool = True) -> str:
    """Display name; ``start=False`` lower-cases it for mid-sentence use ("dermal filler")."""
    name = TREATMENT_NAMES.get(treatment, treatment.replace("_", " "))
    if start or len(name) < 2 or name[1].isupper():
        return name
    return name[0].lower() + name[1:]


def region_label(level: str, region_key: str, city_name: str | None = None) -> str:
    """Describe a region: "the SW postcode area", "California", "Berlin", "Germany"."""
    code = region_key.rsplit(":", 1)[-1]
    if level == "postcode_area":
        return f"the {code} postcode area"
    if level == "state":
        return US_STATES.get(code, code)
    if level == "city":
        return city_name or code.title()
    return COUNTRY_NAMES.get(code, code)


def percent(value: float) -> str:
    return f"{round(value):.0f}%"


def clinic_label(name: str | None, site: str | None, branch: str | None) -> str:
    label = name or site or "This clinic"
    return f"{label} ({branch})" if branch else label


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
