"""HTML blocks that carry the facts: price lists and team listings, per template.

Each template shows the same facts in its own markup: WordPress tables,
page-builder div soup, a one-page menu, schema.org JSON-LD, microdata, running
prose, cards. Everything printed here is what ground truth lists.
"""

from __future__ import annotations

import json
from html import escape

from samples.content import UI, price_phrase
from samples.model import Clinic, Person, PriceRow, SiteSpec

GROUPS = (("hair", ("prp_hair", "hair_mesotherapy", "hair_transplant")),
          ("skin", ("face_mesotherapy", "prp_face", "microneedling", "skin_booster")),
          ("injectables", ("botulinum_toxin", "dermal_filler")),
          ("other", ("other",)), ("consult", ("consultation",)))
_DR = {"de": "Dr. med.", "es": "Dr.", "pl": "dr n. med."}
_BODIES = {"gmc": ("GMC registration", "General Medical Council"),
           "nmc": ("NMC registration", "Nursing and Midwifery Council"),
           "gdc": ("GDC registration", "General Dental Council"),
           "gphc": ("GPhC registration", "General Pharmaceutical Council"),
           "hcpc": ("HCPC registration", "Health and Care Professions Council")}
PROSE = {
    "en": dict(session="a single session costs {p}", course="a course of {n} sessions is {p}",
               area1="one area is {p}", area="{n} areas are {p}", unit1="we charge {p} per unit",
               unit="{n} units cost {p}", ml="{q} ml costs {p}", syringe="each syringe is {p}",
               treatment="each treatment costs {p}", range="prices range from {p} to {m} "
               "depending on the area treated", was_now="it is currently {p} (was {w})",
               from_="prices start from {p}", course_no_count="a full course of treatment "
               "starts from {p}", poa="the price is confirmed at your consultation",
               free="it is free of charge", consultation="it costs {p}", join=", and "),
    "de": dict(session="eine Sitzung kostet {p}", course="eine Kur mit {n} Sitzungen kostet {p}",
               area1="eine Zone kostet {p}", area="{n} Zonen kosten {p}",
               unit1="pro Einheit berechnen wir {p}", unit="{n} Einheiten kosten {p}",
               ml="{q} ml kosten {p}", syringe="eine Spritze kostet {p}",
               treatment="eine Behandlung kostet {p}", range="je nach Areal zwischen {p} und {m}",
               was_now="derzeit nur {p} (statt {w})", from_="Preise ab {p}",
               course_no_count="eine Behandlungsserie gibt es ab {p}",
               poa="den Preis besprechen wir im Beratungsgespräch", free="sie ist kostenlos",
               consultation="sie kostet {p}", join=" und "),
    "es": dict(session="una sesión cuesta {p}", course="el bono de {n} sesiones cuesta {p}",
               area1="una zona cuesta {p}", area="{n} zonas cuestan {p}",
               unit1="cobramos {p} por unidad", unit="{n} unidades cuestan {p}",
               ml="{q} ml cuesta {p}", syringe="cada jeringa cuesta {p}",
               treatment="cada tratamiento cuesta {p}", range="entre {p} y {m} según la zona",
               was_now="ahora {p} (antes {w})", from_="desde {p}",
               course_no_count="el tratamiento completo desde {p}",
               poa="el precio se indica en la consulta", free="es gratuita",
               consultation="cuesta {p}", join=" y "),
    "pl": dict(session="jeden zabieg kosztuje {p}", course="pakiet {n} zabiegów kosztuje {p}",
               area1="jedna okolica kosztuje {p}", area="{n} okolice kosztują {p}",
               unit1="za jednostkę płacisz {p}", unit="{n} jednostek kosztuje {p}",
               ml="{q} ml kosztuje {p}", syringe="jedna ampułkostrzykawka to {p}",
               treatment="jeden zabieg kosztuje {p}", range="od {p} do {m} w zależności od okolicy",
               was_now="teraz {p} (wcześniej {w})", from_="ceny od {p}",
               course_no_count="seria zabiegów od {p}",
               poa="cenę ustalamy podczas konsultacji", free="jest bezpłatna",
               consultation="kosztuje {p}", join=" oraz "),
}


def ui(spec: SiteSpec) -> dict[str, str]:
    return UI.get(spec.lang, UI["en"])


def grouped(rows: list[PriceRow]) -> list[tuple[str, list[PriceRow]]]:
    out = []
    for key, treatments in GROUPS:
        members = [r for r in rows if r.treatment in treatments]
        if members:
            out.append((key, members))
    return out


def display_name(p: Person, spec: SiteSpec) -> str:
    title = p.title
    if title == "Dr":
        title = _DR.get(spec.lang, "Dr." if spec.country == "US" else "Dr")
    name = f"{title} {p.first} {p.last}" if title else p.name
    if p.postnominals:
        name += (", " if spec.country == "US" else " ") + p.postnominals
    return name


def cred_line(p: Person) -> str:
    return " · ".join(f"{c.label} {c.value}".strip() for c in p.credentials)


def price_block(rows: list[PriceRow], spec: SiteSpec, style: str) -> str:
    u, out = ui(spec), []
    for key, members in grouped(rows):
        out.append(f"<h3>{escape(u[key])}</h3>")
        if style == "table":
            body = "".join(f'<tr class="row-{i + 2}"><td class="column-1">{escape(r.text)}</td>'
                           f'<td class="column-2">{escape(price_phrase(r, spec))}</td></tr>'
                           for i, r in enumerate(members))
            out.append(f'<table class="tablepress"><thead><tr><th>{u["treatment"]}</th>'
                       f'<th>{u["price"]}</th></tr></thead><tbody>{body}</tbody></table>')
        elif style == "builder":
            out += [f'<div class="elementor-element elementor-widget-price-list"><div class='
                    f'"elementor-widget-container"><div class="elementor-price-list-item"><div '
                    f'class="elementor-price-list-header"><span class="elementor-price-list-title">'
                    f'{escape(r.text)}</span><span class="elementor-price-list-separator"></span>'
                    f'<span class="elementor-price-list-price">{escape(price_phrase(r, spec))}'
                    f'</span></div></div></div></div>' for r in members]
        elif style == "dl":
            out.append("<dl class=\"price-list\">" + "".join(
                f"<dt>{escape(r.text)}</dt><dd>{escape(price_phrase(r, spec))}</dd>" for r in members)
                + "</dl>")
        elif style == "cards":
            out += [f'<div class="treatment-card"><h4>{escape(r.text)}</h4><p class="price">'
                    f'{escape(price_phrase(r, spec))}</p></div>' for r in members]
        else:
            out.append('<ul class="price-menu">' + "".join(
                f'<li><span class="item">{escape(r.text)}</span><span class="dots"></span>'
                f'<span class="amount">{escape(price_phrase(r, spec))}</span></li>' for r in members)
                + "</ul>")
    return "\n".join(out)


def microdata_prices(rows: list[PriceRow], spec: SiteSpec) -> str:
    out = []
    for key, members in grouped(rows):
        out.append(f"<h3>{escape(ui(spec)[key])}</h3>")
        for r in members:
            meta = ""
            if r.amount is not None:
                meta = (f'<meta itemprop="price" content="{r.amount:.2f}"><meta itemprop='
                        f'"priceCurrency" content="{r.currency}">')
            out.append(f'<div class="offer" itemprop="makesOffer" itemscope itemtype='
                       f'"https://schema.org/Offer"><span itemprop="name">{escape(r.text)}</span> '
                       f'<span itemprop="description">{escape(price_phrase(r, spec))}</span>{meta}</div>')
    return "\n".join(out)


def prose_prices(rows: list[PriceRow], spec: SiteSpec) -> str:
    """One paragraph per treatment, its prices written as clauses of a sentence."""
    frames = PROSE.get(spec.lang, PROSE["en"])
    paras, by_text = [], {}
    for r in rows:
        by_text.setdefault(r.text, []).append(r)
    for text, members in by_text.items():
        clauses = [_clause(r, spec, frames) for r in members]
        paras.append(f"<p><strong>{escape(text)}</strong> – {escape(frames['join'].join(clauses))}.</p>")
    return "\n".join(paras)


def _clause(r: PriceRow, spec: SiteSpec, frames: dict[str, str]) -> str:
    from samples.world import money

    c, d = spec.country, spec.decimals
    p = money(r.amount, c, d) if r.amount is not None else ""
    if r.shape in ("area", "unit"):
        n = int(r.quantity or 1)
        return frames[f"{r.shape}1" if n == 1 else r.shape].format(n=n, p=p)
    if r.shape == "ml":
        q = f"{r.quantity:g}"
        return frames["ml"].format(q=q.replace(".", ",") if c in ("DE", "ES", "PL") else q, p=p)
    if r.shape == "was_now":
        return frames["was_now"].format(p=p, w=money(r.was_amount, c, d))
    if r.shape == "range":
        return frames["range"].format(p=p, m=money(r.amount_max, c, d))
    key = "from_" if r.shape == "from" else r.shape
    return frames[key].format(p=p, n=r.sessions)


def team_block(people: list[Person], spec: SiteSpec, style: str) -> str:
    out = []
    for p in people:
        name = escape(display_name(p, spec))
        creds = escape(cred_line(p))
        if style == "microdata":
            out.append(f'<div class="team-member" itemscope itemtype="https://schema.org/Person">'
                       f'<h3 itemprop="name">{name}</h3><p itemprop="jobTitle">{escape(p.role)}</p>'
                       + "".join(f'<p class="registration">{escape(c.label)} <span itemprop='
                                 f'"identifier">{escape(c.value)}</span></p>' for c in p.credentials)
                       + "</div>")
        elif style == "prose":
            sentence = f"{name}, {escape(p.role)}" + (f" ({creds})" if creds else "")
            out.append(f"<p>{sentence}. {escape(' '.join(p.bio[:2]))}</p>")
        else:
            out.append(f'<div class="team-member"><h3>{name}</h3><p class="role">{escape(p.role)}</p>'
                       + (f'<p class="registration">{creds}</p>' if creds else "")
                       + f"<p>{escape(p.bio[0])}</p></div>")
    return "\n".join(out)


def jsonld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def clinic_node(clinic: Clinic, spec: SiteSpec, url: str) -> dict:
    node = {"@context": "https://schema.org", "@type": ["MedicalClinic", "HealthAndBeautyBusiness"],
            "@id": f"{url}#clinic", "name": clinic.name, "url": url, "telephone": clinic.phone,
            "email": clinic.email,
            "address": {"@type": "PostalAddress", "streetAddress": clinic.street,
                        "addressLocality": clinic.locality, "postalCode": clinic.postcode,
                        "addressCountry": clinic.country}}
    if clinic.country in ("US",):
        node["address"]["addressRegion"] = clinic.region
    if clinic.show_geo:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": clinic.lat, "longitude": clinic.lon}
    return node


def offer_node(r: PriceRow) -> dict:
    offer: dict = {"@type": "Offer", "itemOffered": {"@type": "Service", "name": r.text}}
    if r.amount is None:
        offer["description"] = "Free" if r.shape == "free" else "Price on consultation"
        return offer
    spec: dict = {"@type": "UnitPriceSpecification", "price": f"{r.amount:.2f}",
                  "priceCurrency": r.currency, "unitText": r.unit}
    if r.quantity:
        spec["referenceQuantity"] = {"@type": "QuantitativeValue", "value": r.quantity, "unitText": r.unit}
    if r.sessions:
        spec["referenceQuantity"] = {"@type": "QuantitativeValue", "value": r.sessions, "unitText": "sessions"}
    if r.from_price:
        spec["priceType"] = "https://schema.org/MinimumPrice"
    if r.amount_max:
        spec["minPrice"], spec["maxPrice"] = f"{r.amount:.2f}", f"{r.amount_max:.2f}"
    offer.update(price=f"{r.amount:.2f}", priceCurrency=r.currency, priceSpecification=[spec])
    if r.was_amount:
        spec_was = {"@type": "UnitPriceSpecification", "price": f"{r.was_amount:.2f}",
                    "priceCurrency": r.currency, "priceType": "https://schema.org/StrikethroughPrice"}
        offer["priceSpecification"].append(spec_was)
    return offer


def person_node(p: Person, spec: SiteSpec, url: str) -> dict:
    node: dict = {"@context": "https://schema.org",
                  "@type": "Physician" if p.profession == "doctor" else "Person",
                  "name": p.name, "jobTitle": p.role, "worksFor": {"@id": f"{url}#clinic"}}
    if p.title:
        node["honorificPrefix"] = p.title
    creds = []
    for c in p.credentials:
        if c.kind == "npi":
            node["identifier"] = {"@type": "PropertyValue", "propertyID": "NPI", "value": c.value}
            continue
        category, body = _BODIES.get(c.kind, (c.label.rstrip(":# ") or c.kind, c.issuer or ""))
        cred = {"@type": "EducationalOccupationalCredential", "credentialCategory": category,
                "name": c.value if c.kind in ("degree", "diploma", "certification") else category}
        if c.kind in _BODIES or c.kind == "state_license":
            cred["identifier"] = c.value
        if body:
            cred["recognizedBy"] = {"@type": "Organization", "name": body}
        creds.append(cred)
    if creds:
        node["hasCredential"] = creds
    return node
