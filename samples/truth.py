"""Ground truth of the sample web: what a careful reader finds on each site.

``truth_record(spec, port, norms)`` gives one JSON-able dict per site in the shape
of docs/data-contract.md ("Sample-web ground truth") plus ``scenarios``, ``pages``
and per-row ``page``. ``expected_findings`` lists only the findings whose
condition the generator created on purpose (see docs/sample-web.md); the rest
of the data is kept clean so those rules stay silent elsewhere.

PRICE-01 depends on the whole world (a norm needs enough comparable clinics):
``norms`` is the world's :class:`samples.expect_prices.PriceNorms`, and a low
outlier is expected only when the documented rule can show it. Without ``norms``
(a site judged on its own) every outlier is expected.
"""

from __future__ import annotations

import re

from core.nations import uk_nation
from extract.signals import products_named
from samples.care import care_findings
from samples.expect_prices import PriceNorms
from samples.model import Clinic, Person, SiteSpec

UK_REGISTERS = ("gmc", "nmc", "gdc", "gphc", "hcpc")
US_SUPERVISORS = ("doctor", "nurse_practitioner", "physician_assistant")


def _price(row, branch: str) -> dict:
    return {"branch": branch, "treatment": row.treatment, "treatment_text": row.text,
            "amount": row.amount, "currency": row.currency, "unit": row.unit,
            "sessions": row.sessions, "quantity": row.quantity, "per_session": row.per_session,
            "from_price": row.from_price, "amount_max": row.amount_max,
            "was_amount": row.was_amount, "page": row.page}


def _person(p: Person, branch: str) -> dict:
    return {"branch": branch, "name": p.name, "title": p.title, "profession": p.profession,
            "prescriber": p.prescriber, "role": p.role, "postnominals": p.postnominals or None,
            "credentials": [{"kind": c.kind, "value": c.value, "format_valid": c.format_valid,
                             "issuer": c.issuer} for c in p.credentials],
            "register_state": p.register_state, "register_name": p.register_name,
            "injector": p.injector, "page": p.page}


def _clinic(c: Clinic, spec: SiteSpec) -> dict:
    page = next((p.path for p in spec.pages if p.kind == "location" and p.branch == c.branch), "/")
    return {"branch": c.branch, "name": c.name, "phone": c.phone, "email": c.email,
            "address": c.address, "locality": c.locality, "region": c.region,
            "postcode": c.postcode, "country": c.country,
            "latitude": c.lat if c.show_geo else None, "longitude": c.lon if c.show_geo else None,
            "page": page,
            "registrations": [{"kind": "cqc", "value": c.care_id}] if c.print_care_id else []}


def truth_record(spec: SiteSpec, port: int | None, norms: PriceNorms | None = None) -> dict:
    website = f"http://{spec.host}:{port}/" if port else f"http://{spec.host}/"
    return {
        "site": spec.site, "host": spec.host, "website": website, "name": spec.name,
        "template": spec.template, "country": spec.country, "currency": spec.currency,
        "language": spec.lang, "price_version": spec.price_version,
        "clinics": [_clinic(c, spec) for c in spec.clinics],
        "prices": [_price(r, c.branch) for c in spec.clinics for r in c.prices],
        "practitioners": [_person(p, c.branch) for c in spec.clinics for p in c.people],
        "scenarios": list(spec.scenarios),
        "expected_findings": expected_findings(spec, norms),
        "pages": [p.path for p in spec.pages],
        "booking": [spec.booking_platform] if spec.booking_platform else [],
    }


def _uk_prescriber(p: Person) -> bool:
    ok = any(c.kind in UK_REGISTERS and c.format_valid for c in p.credentials) and \
        p.register_state == "registered"
    return ok and (p.profession in ("doctor", "dentist") or p.prescriber is True)


def _register_findings(p: Person, kinds: tuple[str, ...], rule: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for c in p.credentials:
        if c.kind not in kinds:
            continue
        if c.format_valid is False:
            out.append((rule["format"], c.value))
        elif p.register_state in ("not_on_register", "name_mismatch") and "missing" in rule:
            out.append((rule["missing"], c.value))
        elif p.register_state == "inactive":
            out.append((rule["inactive"], c.value))
        elif p.register_state == "conditions" and "conditions" in rule:
            out.append((rule["conditions"], c.value))
        elif p.register_state == "not_on_register":
            out.append((rule["inactive"], c.value))
    return out


_GENERIC_POM = re.compile(r"\b(?:botulinum|botulinic|toxins?)\b", re.I)
UK_NOTICE_RULES = ("UK-POM-02", "UK-PROMO-01", "UK-SETTING-01", "UK-PRODUCT-01")


def _conduct_findings(c: Clinic, spec: SiteSpec) -> list[tuple[str, str]]:
    """The conduct rules (samples/notices.py, docs/rules.md) a clinic's pages and prices trigger."""
    out: list[tuple[str, str]] = []
    notices = spec.notices if len(spec.clinics) == 1 else []
    toxin = [r for r in c.prices if r.treatment == "botulinum_toxin" and r.amount is not None]
    on_home = any(r.page == "/" for r in toxin)  # notices are on the home page (one-page sites price there)
    named = any(products_named(r.text) for r in toxin) or (on_home and any(n.products for n in notices))
    if any(r.unit in ("area", "unit") for r in toxin) and not named:
        out.append(("PRICE-03", ""))
    if c.country == "GB":
        if any(products_named(r.text) or _GENERIC_POM.search(r.text) for r in toxin):
            out.append(("UK-ADV-POM-01", ""))
        for n in notices:
            if n.rule in UK_NOTICE_RULES or (n.rule == "UK-AGE-01" and uk_nation(c.postcode) in ("england", None)):
                out.append((n.rule, ""))
        out += [("UK-REG-06", p.name) for p in c.people if p.membership_listed is False]
    if any(n.tourism for n in notices) and (any(n.concern for n in notices) or not any(
            p.profession == "doctor" for p in c.people)):
        out.append(("TR-HT-01", ""))
    return out


def _clinic_findings(c: Clinic, norms: PriceNorms | None, spec: SiteSpec) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = _conduct_findings(c, spec)
    for r in c.prices:
        if r.outlier and (norms is None or norms.flags(c, r)):
            out.append(("PRICE-01", r.treatment))
        if r.shape in ("from", "course_no_count"):
            out.append(("PRICE-02", r.treatment))
    if not c.people:
        out.append(("GEN-NOPRAC-01", ""))
    treatments = {r.treatment for r in c.prices}
    if c.country == "GB":
        if "botulinum_toxin" in treatments and not any(_uk_prescriber(p) for p in c.people):
            out.append(("UK-POM-01", ""))
        rule = {"format": "UK-REG-01", "missing": "UK-REG-02", "inactive": "UK-REG-03",
                "conditions": "UK-REG-04"}
        for p in c.people:
            out += _register_findings(p, UK_REGISTERS, rule)
            if p.title and not any(x.kind in UK_REGISTERS for x in p.credentials):
                out.append(("UK-REG-05", p.name))
    out += care_findings(c)  # ENG-CQC-02, SCO-HIS-01 (samples/care.py)
    if c.country == "US":
        supervisors = [p for p in c.people if p.profession in US_SUPERVISORS]
        for p in c.people:
            if p.injector and p.profession in ("aesthetician", "medical_assistant"):
                out.append(("US-ROLE-01", p.name))
            if p.injector and p.profession == "nurse" and not supervisors:
                out.append(("US-ROLE-02", p.name))
            out += _register_findings(p, ("npi",), {"format": "US-NPI-01", "inactive": "US-NPI-01"})
        if treatments & {"botulinum_toxin", "dermal_filler"} and not supervisors:
            out.append(("US-ROLE-03", ""))
    return out


def expected_findings(spec: SiteSpec, norms: PriceNorms | None = None) -> list[dict]:
    seen, out = set(), []
    for c in spec.clinics:
        for rule_id, subject in _clinic_findings(c, norms, spec):
            key = (c.branch, rule_id, subject)
            if key not in seen:
                seen.add(key)
                out.append({"branch": c.branch, "rule_id": rule_id, "subject": subject})
    return out
