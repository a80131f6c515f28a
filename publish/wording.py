"""Plain-language wording for the consumer report: verdicts, professions, norms.

Money and treatment names come from analysis.labels so findings and the report
read alike.
"""

from __future__ import annotations

from typing import Any

from analysis.labels import REGISTER_NAMES, money
from core.wording import BASIS_PHRASES

PROFESSION_WORDS = {
    "doctor": "Doctor", "dentist": "Dentist", "nurse": "Nurse",
    "nurse_practitioner": "Nurse practitioner", "physician_assistant": "Physician assistant",
    "pharmacist": "Pharmacist", "hcpc_professional": "HCPC-registered professional",
    "aesthetician": "Aesthetician (not a medical professional)",
    "medical_assistant": "Medical assistant", "unknown": "Profession not stated",
}

UNIT_WORDS = {
    "session": "a session", "treatment": "a treatment", "consultation": "a consultation",
    "course": "a course", "area": "areas", "unit": "units", "ml": "ml", "syringe": "syringes", "graft": "grafts",
}


# status -> (words, tone); {register} is the register's full name.
STATUS_WORDS = {
    "verified": ("Found on the {register}", "good"),
    "not_found": ("Not found on the register", "bad"),
    "name_mismatch": ("The register holds this number under a different name", "bad"),
    "inactive": ("On the register, but not currently registered to practise", "bad"),
    "conditions": ("On the register with conditions or restrictions on practice", "warn"),
    "unverifiable": ("Could not be checked", "unknown"),
    "not_checked": ("Not checked yet", "unknown"),
}


def credential_words(kind: str, status: str | None, format_valid: int | None) -> tuple[str, str]:
    """(status in words, tone) for one credential."""
    if kind not in REGISTER_NAMES:
        return "A qualification the site lists (not something a public register confirms)", "info"
    if format_valid == 0:
        return (f"Not a valid {REGISTER_NAMES[kind][0]}: the number has the wrong format", "bad")
    words, tone = STATUS_WORDS.get(status or "not_checked", STATUS_WORDS["not_checked"])
    return words.format(register=REGISTER_NAMES[kind][1]), tone


def prescriber_words(prescriber: int | None) -> str:
    if prescriber is None:
        return "The site does not say whether they can prescribe"
    return "Can prescribe (according to the site)" if prescriber else "Not a prescriber"


def norm_words(norm: dict[str, Any], treatment: str) -> str:
    """"45% below the usual price of £250 a session for hair mesotherapy in ... (12 clinics)"."""
    cur = norm["currency"]
    basis = BASIS_PHRASES.get(norm["basis"], "")
    pct = norm.get("pct_vs_median")
    if pct is None:
        where = "about the same as"
    elif abs(pct) < 5:
        where = "about the same as"
    else:
        where = f"{abs(pct):.0f}% {'below' if pct < 0 else 'above'}"
    text = (f"{money(norm['unit_price'], cur)} {basis} is {where} the usual (median) price of "
            f"{money(norm['median'], cur)} {basis} for {treatment} in {norm['region']} "
            f"({norm['n']} clinics)")
    band = norm.get("band")
    if band == "below_p10":
        text += "; cheaper than 9 in 10 local clinics"
    elif band == "above_p75":
        text += "; dearer than 3 in 4 local clinics"
    if norm.get("from_price"):
        text += ". This is a \"from\" price, so the price you pay may be higher"
    return text + "."
