"""Words of the sample web: UI labels, URL slugs, price phrases and blog posts per language.

Blog posts deliberately contain numbers that are not prices (years, phone
numbers, counts, a charity total) so extractors can be tested for precision;
ground truth never lists them.
"""

from __future__ import annotations

import random

from samples.model import BlogPost, SiteSpec
from samples.world import money, number_text, slugify

UI: dict[str, dict[str, str]] = {
    "en": dict(home="Home", treatments="Treatments", prices="Prices", team="Meet the Team",
               about="About Us", contact="Contact", blog="Blog", book="Book Online",
               locations="Our Clinics", privacy="Privacy Policy", hair="Hair Loss",
               skin="Skin Rejuvenation", injectables="Injectables", other="Other Treatments",
               consult="Consultations", cookie="We use cookies to improve your experience. "
               "See our privacy policy.", accept="Accept all", reject="Reject",
               hours="Opening hours: Mon-Fri 9am-7pm, Sat 10am-4pm", call="Call us",
               rights="All rights reserved.", more="Read more", treatment="Treatment", price="Price",
               welcome="Welcome to {name}", intro="Evidence-based hair loss and skin treatments "
               "in {city}, delivered by qualified clinicians.", staff="Staff login",
               bio="Read {first}'s biography", pricelist="Price list",
               pdf_intro="Our full treatment price list is available to download.",
               pdf_link="Download our price list"),
    "de": dict(home="Startseite", treatments="Behandlungen", prices="Preise", team="Unser Team",
               about="Über uns", contact="Kontakt", blog="Blog", book="Online-Termin",
               locations="Standorte", privacy="Datenschutz", hair="Haarausfall",
               skin="Hautverjüngung", injectables="Injektionen", other="Weitere Behandlungen",
               consult="Beratung", cookie="Diese Website verwendet Cookies. Mehr in unserer "
               "Datenschutzerklärung.", accept="Alle akzeptieren", reject="Ablehnen",
               hours="Sprechzeiten: Mo-Fr 9-19 Uhr, Sa 10-14 Uhr", call="Rufen Sie uns an",
               rights="Alle Rechte vorbehalten.", more="Weiterlesen", treatment="Behandlung",
               price="Preis", welcome="Willkommen bei {name}", intro="Moderne Behandlungen gegen "
               "Haarausfall und für schöne Haut in {city} – ärztlich geleitet.",
               staff="Mitarbeiter-Login", bio="Mehr über {first}", pricelist="Preisliste",
               pdf_intro="Unsere vollständige Preisliste steht zum Download bereit.",
               pdf_link="Preisliste herunterladen"),
    "es": dict(home="Inicio", treatments="Tratamientos", prices="Precios", team="Equipo",
               about="Sobre nosotros", contact="Contacto", blog="Blog", book="Pedir cita",
               locations="Centros", privacy="Política de privacidad", hair="Alopecia",
               skin="Rejuvenecimiento facial", injectables="Inyectables", other="Otros tratamientos",
               consult="Consultas", cookie="Utilizamos cookies propias y de terceros. Consulte "
               "nuestra política de privacidad.", accept="Aceptar", reject="Rechazar",
               hours="Horario: L-V 9:30-20:00, S 10:00-14:00", call="Llámenos",
               rights="Todos los derechos reservados.", more="Leer más", treatment="Tratamiento",
               price="Precio", welcome="Bienvenido a {name}", intro="Tratamientos capilares y de "
               "medicina estética en {city}, con supervisión médica.", staff="Acceso personal",
               bio="Conozca a {first}", pricelist="Tarifas",
               pdf_intro="Puede descargar nuestra lista de precios completa.",
               pdf_link="Descargar la lista de precios"),
    "pl": dict(home="Strona główna", treatments="Zabiegi", prices="Cennik", team="Zespół",
               about="O nas", contact="Kontakt", blog="Blog", book="Umów wizytę",
               locations="Lokalizacje", privacy="Polityka prywatności", hair="Łysienie",
               skin="Odmładzanie skóry", injectables="Iniekcje", other="Pozostałe zabiegi",
               consult="Konsultacje", cookie="Ta strona używa plików cookies. Szczegóły w "
               "polityce prywatności.", accept="Akceptuję", reject="Odrzuć",
               hours="Godziny otwarcia: pon.-pt. 9-20, sob. 9-14", call="Zadzwoń",
               rights="Wszelkie prawa zastrzeżone.", more="Czytaj dalej", treatment="Zabieg",
               price="Cena", welcome="Witamy w {name}", intro="Leczenie łysienia i medycyna "
               "estetyczna w mieście {city} – pod opieką lekarzy.", staff="Panel pracownika",
               bio="Poznaj {first}", pricelist="Cennik zabiegów",
               pdf_intro="Pełny cennik zabiegów można pobrać poniżej.", pdf_link="Pobierz cennik"),
}

SLUGS: dict[str, dict[str, str]] = {
    "en": dict(prices="prices", team="meet-the-team", about="about-us", contact="contact",
               treatments="treatments", locations="locations", blog="blog", privacy="privacy-policy"),
    "de": dict(prices="preise", team="team", about="ueber-uns", contact="kontakt",
               treatments="behandlungen", locations="standorte", blog="blog", privacy="datenschutz"),
    "es": dict(prices="precios", team="equipo", about="sobre-nosotros", contact="contacto",
               treatments="tratamientos", locations="centros", blog="blog", privacy="privacidad"),
    "pl": dict(prices="cennik", team="zespol", about="o-nas", contact="kontakt",
               treatments="zabiegi", locations="lokalizacje", blog="blog", privacy="polityka-prywatnosci"),
}

# Price phrases: {n} sessions/areas/units, {q} ml, {p} price, {w} old price, {m} upper price.
PHRASES: dict[str, dict[str, str]] = {
    "en": dict(session="{p} per session", course="Course of {n} sessions: {p}",
               area1="1 area: {p}", area="{n} areas: {p}", unit1="{p} per unit",
               unit="{n} units: {p}", ml="{q} ml: {p}", syringe="{p} per syringe",
               treatment="{p} per treatment", range="{p} – {m}", was_now="Was {w}, now {p}",
               from_="from {p}", course_no_count="Course of treatments from {p}",
               poa="POA – price on consultation", free="Free", consultation="{p}"),
    "de": dict(session="{p} pro Sitzung", course="Kur mit {n} Sitzungen: {p}",
               area1="1 Zone: {p}", area="{n} Zonen: {p}", unit1="{p} pro Einheit",
               unit="{n} Einheiten: {p}", ml="{q} ml: {p}", syringe="{p} pro Spritze",
               treatment="{p} pro Behandlung", range="{p} – {m}", was_now="statt {w} jetzt {p}",
               from_="ab {p}", course_no_count="Behandlungsserie ab {p}",
               poa="Preis auf Anfrage", free="kostenlos", consultation="{p}"),
    "es": dict(session="{p} por sesión", course="Bono de {n} sesiones: {p}",
               area1="1 zona: {p}", area="{n} zonas: {p}", unit1="{p} por unidad",
               unit="{n} unidades: {p}", ml="{q} ml: {p}", syringe="{p} por jeringa",
               treatment="{p} por tratamiento", range="{p} – {m}", was_now="Antes {w}, ahora {p}",
               from_="desde {p}", course_no_count="Tratamiento completo desde {p}",
               poa="Precio a consultar", free="Gratis", consultation="{p}"),
    "pl": dict(session="{p} za zabieg", course="Pakiet {n} zabiegów: {p}",
               area1="1 okolica: {p}", area="{n} okolice: {p}", unit1="{p} za jednostkę",
               unit="{n} jednostek: {p}", ml="{q} ml: {p}", syringe="{p} za ampułkostrzykawkę",
               treatment="{p} za zabieg", range="{p} – {m}", was_now="Było {w}, teraz {p}",
               from_="od {p}", course_no_count="Seria zabiegów od {p}",
               poa="Cena ustalana na konsultacji", free="Bezpłatna", consultation="{p}"),
}

_POSTS_EN = (
    ("What to expect at your first PRP hair session",
     ("Platelet-rich plasma treatment starts with a short blood draw, much like a routine test.",
      "Most clients notice less shedding after the second or third visit; we review photos every "
      "{weeks} weeks.", "Questions? Call our team on {phone} or drop in any weekday.")),
    ("We are celebrating {age} years in {city}",
     ("Our doors first opened in {founded}, with one treatment room and a borrowed reception desk.",
      "Since then we have carried out over {count} treatments and raised {charity} for a local "
      "hair-loss charity.", "Thank you to every client who has trusted us since {founded}.")),
    ("Hair loss after pregnancy: when to seek help",
     ("Shedding three to six months after giving birth is common and usually settles by itself.",
      "If it continues past {months} months, book an assessment so we can rule out thyroid or "
      "iron problems.", "Our clinic at {address} has step-free access.")),
)
_POSTS_LOCAL = {
    "de": (("{age} Jahre {name}", ("Seit {founded} behandeln wir in {city} – inzwischen über "
                                  "{count} Behandlungen.", "Telefon: {phone}.")),
           ("Haarausfall im Herbst – normal?", ("Saisonaler Haarausfall ist häufig und hält meist "
                                                "{weeks} Wochen an.", "Wir beraten Sie gern.")),),
    "es": (("{age} años cuidando de tu piel", ("Abrimos en {founded} en {city} y hemos realizado más "
                                               "de {count} tratamientos.", "Llámanos al {phone}.")),
           ("La caída del cabello en otoño", ("Es habitual durante unas {weeks} semanas.",
                                              "Si persiste, pide una valoración.")),),
    "pl": (("{age} lat z Wami", ("Działamy od {founded} roku w mieście {city}; wykonaliśmy ponad "
                                 "{count} zabiegów.", "Zadzwoń: {phone}.")),
           ("Jesienne wypadanie włosów", ("Zwykle trwa około {weeks} tygodni.",
                                          "Jeśli nie mija, umów konsultację.")),),
}


def blog_posts(rng: random.Random, spec: SiteSpec) -> list[BlogPost]:
    clinic = spec.clinics[0]
    values = dict(phone=clinic.phone, city=clinic.locality, founded=spec.founded,
                  age=max(2, 2024 - spec.founded), weeks=rng.choice((6, 8, 12)),
                  months=rng.choice((9, 12)), count=number_text(rng.randint(12, 90) * 100, spec.country, False),
                  charity=money(rng.randint(5, 40) * 50, spec.country), address=clinic.address,
                  name=spec.name)
    pool = _POSTS_LOCAL.get(spec.lang, _POSTS_EN)
    chosen = rng.sample(pool, rng.randint(1, len(pool)))
    posts = []
    for i, (title, paras) in enumerate(chosen):
        title_text = title.format(**values)
        date = f"{2024 - i}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        posts.append(BlogPost(slugify(title_text), title_text, date, [p.format(**values) for p in paras]))
    return posts


def price_phrase(row, spec: SiteSpec) -> str:
    """The printed price of a row, e.g. 'Course of 3 sessions: £900'."""
    ph = PHRASES[spec.lang]
    c = spec.country
    p = money(row.amount, c, spec.decimals) if row.amount is not None else ""
    q = row.quantity
    if row.shape == "poa":
        return ph["poa"]
    if row.shape == "free":
        return ph["free"]
    if row.shape in ("area", "unit"):
        n = int(q)
        key = f"{row.shape}1" if n == 1 else row.shape
        return ph[key].format(n=n, p=p)
    if row.shape == "ml":
        qtext = f"{q:g}" if spec.country not in ("DE", "ES", "PL") else f"{q:g}".replace(".", ",")
        return ph["ml"].format(q=qtext, p=p)
    if row.shape == "was_now":
        return ph["was_now"].format(w=money(row.was_amount, c, spec.decimals), p=p)
    if row.shape == "range":
        return ph["range"].format(p=p, m=money(row.amount_max, c, spec.decimals))
    if row.shape == "from":
        return ph["from_"].format(p=p)
    if row.shape == "course":
        return ph["course"].format(n=row.sessions, p=p)
    return ph[row.shape].format(p=p, n=row.sessions)
