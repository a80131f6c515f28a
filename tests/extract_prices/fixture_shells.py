"""Site shells for the golden price fixtures: the furniture real clinic sites put around a
price list (navigation with "Prices from ..." teasers, cookie banners, footers with phone
numbers, years and voucher offers), in the markup style of common site builders."""

from __future__ import annotations

NAV = {
    "en": ["Home", "Treatments", "Prices", "Meet the Team", "Blog", "Contact", "Book now"],
    "de": ["Startseite", "Behandlungen", "Preise", "Team", "Kontakt", "Termin buchen"],
    "es": ["Inicio", "Tratamientos", "Precios", "Equipo", "Contacto", "Pedir cita"],
    "pl": ["Strona główna", "Zabiegi", "Cennik", "Zespół", "Kontakt", "Umów wizytę"],
    "fr": ["Accueil", "Soins", "Tarifs", "Équipe", "Contact", "Prendre rendez-vous"],
    "it": ["Home", "Trattamenti", "Prezzi", "Chi siamo", "Contatti", "Prenota"],
    "tr": ["Anasayfa", "Tedaviler", "Fiyatlar", "Hakkımızda", "İletişim", "Randevu al"],
}
TEASER = {"en": "Anti-wrinkle from £99 this month", "de": "Botox ab 199 € im Aktionsmonat",
          "es": "Bótox desde 199 € este mes", "pl": "Botoks od 499 zł w tym miesiącu",
          "fr": "Botox à partir de 199 €", "it": "Botox da 199 €", "tr": "Botoks 2.999 TL'den başlayan"}
COOKIE = {"en": "We use cookies to improve your visit. Accept all / Reject",
          "de": "Wir verwenden Cookies. Alle akzeptieren", "es": "Usamos cookies. Aceptar",
          "pl": "Używamy plików cookie. Akceptuję", "fr": "Nous utilisons des cookies. Accepter",
          "it": "Utilizziamo i cookie. Accetta", "tr": "Çerez kullanıyoruz. Kabul et"}
FOOTER = {
    "en": "Tel 020 7946 0321 · 12 Harley Street, London W1G 9PF · Open Mon–Sat 9:00–19:00 · "
          "Gift vouchers from £50 · © 2024 · Company no. 09876543",
    "de": "Tel. 030 1234567 · Friedrichstraße 101, 10117 Berlin · Mo–Fr 9–18 Uhr · Gutscheine ab 50 € · © 2024",
    "es": "Tel. 91 123 45 67 · Calle de Serrano 45, 28001 Madrid · L–V 10:00–20:00 · © 2024",
    "pl": "tel. 22 123 45 67 · ul. Marszałkowska 10, 00-590 Warszawa · pon.–pt. 9–19 · Bon podarunkowy od 200 zł · © 2024",
    "fr": "Tél. 01 42 68 53 00 · 8 rue de la Paix, 75002 Paris · Lun–Sam 10h–19h · © 2024",
    "it": "Tel. 02 1234 5678 · Via Montenapoleone 8, 20121 Milano · Lun–Ven 9–19 · © 2024",
    "tr": "Tel 0212 123 45 67 · Nişantaşı, İstanbul · Pzt–Cmt 09:00–19:00 · © 2024",
}


FOOTER_BY_COUNTRY = {
    "US": "Call (512) 555-0142 · 2100 South Congress Ave, Suite 200 · Mon–Sat 9am–6pm · © 2024",
    "AU": "Ph (02) 9130 0000 · 80 Campbell Parade, Bondi Beach NSW 2026 · © 2024",
    "AE": "Tel +971 4 555 0190 · Jumeirah Beach Road, Dubai · Sat–Thu 10:00–20:00 · © 2024",
    "IN": "Call +91 22 5555 0142 · Bandra West, Mumbai 400050 · © 2024",
}


def _nav(lang: str, style: str) -> str:
    items = "".join(f'<li class="menu-item"><a href="/{i}">{t}</a></li>' for i, t in enumerate(NAV[lang]))
    if style == "elementor":
        return (f'<div data-elementor-type="header" class="elementor elementor-location-header"><nav '
                f'class="elementor-nav-menu--main"><ul class="elementor-nav-menu">{items}</ul></nav>'
                f'<div class="elementor-widget-text-editor top-bar">{TEASER[lang]}</div></div>')
    if style == "divi":
        return f'<header id="main-header"><div class="container"><nav id="top-menu-nav"><ul id="top-menu" class="nav">{items}</ul></nav></div></header>'
    if style == "wix":
        return f'<header id="SITE_HEADER"><div role="navigation" id="comp-menu"><ul>{items}</ul></div><p>{TEASER[lang]}</p></header>'
    if style == "squarespace":
        return f'<header class="Header"><div class="Header-nav"><nav class="Header-nav-inner">{items}</nav></div></header>'
    return f'<header class="site-header"><nav class="main-navigation"><ul class="menu">{items}</ul></nav><div class="topbar">{TEASER[lang]}</div></header>'


def _footer(lang: str, style: str, country: str | None = None) -> str:
    text = FOOTER_BY_COUNTRY.get(country or "", FOOTER[lang])
    teaser = "" if country in FOOTER_BY_COUNTRY else TEASER[lang]
    if style == "elementor":
        return f'<div data-elementor-type="footer" class="elementor elementor-location-footer"><p>{text}</p></div>'
    if style == "wix":
        return f'<footer id="SITE_FOOTER"><p>{text}</p></footer>'
    return f'<footer class="site-footer"><div class="footer-widgets"><p>{text}</p></div><p>{teaser}</p></footer>'


def shell(style: str, lang: str, title: str, body: str, charset: str, head: str = "", country: str | None = None) -> str:
    """A full page around ``body`` in the given builder style."""
    gen = {"wp": "WordPress 6.5", "elementor": "Elementor 3.21", "divi": "Divi v.4.25", "wix": "Wix.com Website Builder",
           "squarespace": "Squarespace", "joomla": "Joomla! - Open Source CMS", "static": "Hugo 0.125"}[style]
    wrap_open, wrap_close = {
        "elementor": ('<div data-elementor-type="wp-page" class="elementor elementor-42">', "</div>"),
        "divi": ('<div id="et-main-area"><div id="main-content"><article class="et_pb_post">', "</article></div></div>"),
        "wix": ('<main id="PAGES_CONTAINER"><div id="SITE_PAGES">', "</div></main>"),
    }.get(style, ("<main id=\"content\" class=\"site-main\"><article class=\"page\">", "</article></main>"))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="{charset}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="{gen}">\n'
        f"<title>{title}</title>\n<link rel=\"stylesheet\" href=\"/assets/style.css\">\n"
        f"<style>.tab-panel{{display:none}} .cookie-banner{{position:fixed}}</style>\n{head}\n</head>\n<body class=\"page\">\n"
        f'<a class="skip-link" href="#content">Skip to content</a>\n{_nav(lang, style)}\n'
        f"{wrap_open}\n<h1>{title}</h1>\n{body}\n{wrap_close}\n{_footer(lang, style, country)}\n"
        f'<div id="cookie-notice" class="cookie-banner" role="dialog" aria-label="cookie consent"><p>{COOKIE[lang]}</p></div>\n'
        f"<script>window.dataLayer=window.dataLayer||[];function gtag(){{}};var price='£9999';</script>\n</body>\n</html>\n"
    )
