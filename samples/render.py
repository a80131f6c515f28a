"""Rendering a site spec to bytes: layout, furniture, robots.txt, sitemap, dispatch.

``render_path(spec, path, port)`` -> (status, content_type, body). Pure: the same
spec, path and port give the same bytes. Query strings are ignored (so
``?utm_source=...`` links are duplicates of the clean URL); a missing trailing
slash is either a 301 to the slashed path or a duplicate 200, per site.
"""

from __future__ import annotations

from html import escape

from samples import blocks
from samples.blocks import display_name, jsonld, ui
from samples.model import Clinic, Page, SiteSpec
from samples.world import slugify

_GENERATOR = {"wp_price_table": "WordPress 6.4.3", "page_builder": "Elementor 3.18.2",
              "one_page": "Wix.com Website Builder", "microdata": "Joomla! - Open Source CMS"}


def base_url(spec: SiteSpec, port: int | None) -> str:
    return f"http://{spec.host}:{port}" if port else f"http://{spec.host}"


def _nav(spec: SiteSpec) -> str:
    links = []
    for i, page in enumerate(p for p in spec.pages if p.kind not in ("blog", "bio", "private", "privacy")):
        href = page.path
        if i == 2 and spec.index % 3 == 0:
            href += "?utm_source=nav&utm_medium=menu"
        if spec.template == "one_page" and page.kind == "home":
            u = ui(spec)
            links += [f'<li><a href="/#{a}">{escape(u[k])}</a></li>' for a, k in
                      (("treatments", "treatments"), ("prices", "prices"), ("team", "team"),
                       ("contact", "contact"))]
            continue
        links.append(f'<li><a href="{escape(href)}">{escape(page.title)}</a></li>')
    return f'<nav class="main-menu"><ul class="menu">{"".join(links)}</ul></nav>'


def _footer(spec: SiteSpec) -> str:
    u, c = ui(spec), spec.clinics[0]
    prices = next((p.path for p in spec.pages if p.kind in ("prices", "prose_prices")), None)
    extra = ""
    if prices and prices.endswith("/") and len(prices) > 1:
        extra = f'<a href="{escape(prices.rstrip("/"))}">{escape(u["pricelist"])}</a> · '
    private = next((p.path for p in spec.pages if p.kind == "private"), None)
    if private:
        extra += f'<a href="{private}">{escape(u["staff"])}</a> · '
    privacy = next((p.path for p in spec.pages if p.kind == "privacy"), "/")
    handle = slugify(spec.name, "")
    return (f'<footer class="site-footer"><div class="footer-contact"><strong>{escape(spec.name)}</strong>'
            f"<br>{escape(c.address)}<br>{escape(u['call'])}: <a href=\"tel:{escape(c.phone)}\">"
            f"{escape(c.phone)}</a><br><a href=\"mailto:{c.email}\">{c.email}</a></div>"
            f'<p class="hours">{escape(u["hours"])}</p><p class="footer-links">{extra}'
            f'<a href="{privacy}">{escape(u["privacy"])}</a> · <a href="https://www.instagram.com/'
            f'{handle}/">Instagram</a> · <a href="https://www.facebook.com/{handle}">Facebook</a></p>'
            f"{_care_id(c)}"
            f"<p>&copy; {spec.founded}–2024 {escape(spec.name)}. {escape(u['rights'])}</p></footer>")


def _care_id(clinic) -> str:
    """The CQC location id some English clinics print in their footer (samples/care.py)."""
    if not clinic.print_care_id:
        return ""
    return (f'<p class="registration">Regulated by the Care Quality Commission. '
            f"CQC Location ID: {escape(clinic.care_id)}</p>")


def _cookie(spec: SiteSpec) -> str:
    u = ui(spec)
    return (f'<div id="cookie-notice" class="cookie-banner" role="dialog"><p>{escape(u["cookie"])}</p>'
            f'<button class="cookie-accept">{escape(u["accept"])}</button><button class="cookie-reject">'
            f'{escape(u["reject"])}</button></div>')


def layout(spec: SiteSpec, page: Page, body: str, port: int | None, head: str = "") -> str:
    url = base_url(spec, port)
    gen = _GENERATOR.get(spec.template)
    meta_gen = f'<meta name="generator" content="{gen}">' if gen else ""
    charset = spec.charset.upper() if spec.charset != "utf-8" else "utf-8"
    return (f'<!DOCTYPE html>\n<html lang="{spec.lang}"><head><meta charset="{charset}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{meta_gen}'
            f"<title>{escape(page.title)} | {escape(spec.name)}</title>"
            f'<link rel="canonical" href="{url}{page.path}"><link rel="stylesheet" href="/assets/site.css">'
            f"{head}</head>\n<body class=\"{spec.template} page-{page.kind}\">{_cookie(spec)}"
            f'<header class="site-header"><a class="logo" href="/">{escape(spec.name)}</a>{_nav(spec)}'
            f'<a class="btn-book" href="{escape(spec.booking_url)}">{escape(ui(spec)["book"])}</a>'
            f"</header>\n<main>\n{body}\n</main>\n{_footer(spec)}</body></html>\n")


def _home(spec: SiteSpec, port: int | None) -> tuple[str, str]:
    u, c = ui(spec), spec.clinics[0]
    body = f"<h1>{escape(u['welcome'].format(name=spec.name))}</h1><p>{escape(u['intro'].format(city=c.locality))}</p>"
    names = sorted({r.text for cl in spec.clinics for r in cl.prices if r.treatment != "consultation"})
    body += "<ul class=\"treatment-list\">" + "".join(f"<li>{escape(n)}</li>" for n in names[:8]) + "</ul>"
    if spec.notices:
        body += '<section class="notices">' + "".join(f"<p>{escape(n.text)}</p>" for n in spec.notices) + "</section>"
    if spec.blog:
        post = next(p for p in spec.pages if p.kind == "blog")
        body += f'<aside class="latest-news"><a href="{post.path}">{escape(post.title)}</a></aside>'
    head = ""
    if spec.template == "chain":
        body += "<ul class=\"branches\">" + "".join(
            f'<li><a href="{p.path}">{escape(p.title)}</a></li>' for p in spec.pages if p.kind == "location") + "</ul>"
    elif spec.template == "one_page":
        body += _one_page_sections(spec, c)
    if spec.template == "jsonld_rich":
        head = jsonld(blocks.clinic_node(c, spec, base_url(spec, port) + "/"))
    return body, head


def _one_page_sections(spec: SiteSpec, c: Clinic) -> str:
    u = ui(spec)
    return (f'<section id="treatments"><h2>{escape(u["treatments"])}</h2><p>{escape(u["intro"].format(city=c.locality))}</p></section>'
            f'<section id="prices"><h2>{escape(u["prices"])}</h2>{blocks.price_block(c.prices, spec, "menu")}</section>'
            f'<section id="team"><h2>{escape(u["team"])}</h2>{blocks.team_block(c.people, spec, "cards")}</section>'
            f'<section id="contact"><h2>{escape(u["contact"])}</h2>{_contact_card(c)}</section>')


def _contact_card(c: Clinic) -> str:
    return (f'<address class="clinic-address"><strong>{escape(c.name)}</strong><br>{escape(c.street)}<br>'
            f'{escape(c.address.removeprefix(c.street + ", "))}<br>'
            f'Tel: {escape(c.phone)}<br>Email: {escape(c.email)}</address>')


def _prices(spec: SiteSpec, page: Page, port: int | None) -> tuple[str, str]:
    c, u = spec.clinics[0], ui(spec)
    style = {"wp_price_table": "table", "page_builder": "builder", "jsonld_rich": "dl",
             "team_bios": "menu"}.get(spec.template, "menu")
    head = ""
    if spec.template == "microdata":
        body = (f'<div itemscope itemtype="https://schema.org/MedicalClinic"><h1 itemprop="name">'
                f"{escape(c.name)}</h1>{blocks.microdata_prices(c.prices, spec)}"
                f'<p itemprop="telephone">{escape(c.phone)}</p>{_geo_microdata(c)}</div>')
    elif spec.price_pdf:
        body = (f"<h1>{escape(u['prices'])}</h1><p>{escape(u['pdf_intro'])}</p>"
                f'<p><a class="download" href="{escape(spec.price_pdf)}">{escape(u["pdf_link"])} (PDF)</a></p>')
    else:
        body = f"<h1>{escape(u['prices'])}</h1>{blocks.price_block(c.prices, spec, style)}"
    if spec.template == "jsonld_rich":
        node = blocks.clinic_node(c, spec, base_url(spec, port) + "/")
        node["hasOfferCatalog"] = {"@type": "OfferCatalog", "name": u["prices"],
                                   "itemListElement": [blocks.offer_node(r) for r in c.prices]}
        head = jsonld(node)
    return body, head


def _geo_microdata(c: Clinic) -> str:
    return (f'<div itemprop="geo" itemscope itemtype="https://schema.org/GeoCoordinates">'
            f'<meta itemprop="latitude" content="{c.lat}"><meta itemprop="longitude" content="{c.lon}"></div>')


def _team(spec: SiteSpec, page: Page, port: int | None) -> tuple[str, str]:
    c, u = spec.clinics[0], ui(spec)
    if spec.template == "team_bios":
        items = "".join(f'<li><a href="{p.page}"><strong>{escape(display_name(p, spec))}</strong></a> '
                        f'– {escape(p.role)}</li>' for p in c.people)
        return f"<h1>{escape(u['team'])}</h1><ul class=\"team-list\">{items}</ul>", ""
    style = {"microdata": "microdata", "prose": "prose"}.get(spec.template, "cards")
    body = f"<h1>{escape(page.title)}</h1>"
    if page.kind == "about":
        body += f"<p>{escape(u['intro'].format(city=c.locality))}</p>"
    body += blocks.team_block(c.people, spec, style)
    head = ""
    if spec.template == "jsonld_rich" and c.people:
        url = base_url(spec, port) + "/"
        head = jsonld({"@context": "https://schema.org", "@graph": [
            blocks.person_node(p, spec, url) for p in c.people]})
    return body, head


def _bio(spec: SiteSpec, page: Page) -> str:
    p = next(x for x in spec.clinics[0].people if x.slug == page.ref)
    creds = escape(blocks.cred_line(p))
    paras = "".join(f"<p>{escape(t)}</p>" for t in p.bio)
    return (f'<article class="bio"><h1>{escape(display_name(p, spec))}</h1><p class="role">{escape(p.role)}</p>'
            + (f'<p class="registration">{creds}</p>' if creds else "") + f"{paras}</article>")


def _location(spec: SiteSpec, page: Page) -> str:
    c = next(x for x in spec.clinics if x.branch == page.branch)
    u = ui(spec)
    return (f"<h1>{escape(c.name)}</h1>{_contact_card(c)}<h2>{escape(u['prices'])}</h2>"
            f"{blocks.price_block(c.prices, spec, 'cards')}<h2>{escape(u['team'])}</h2>"
            f"{blocks.team_block(c.people, spec, 'cards')}")


def _prose(spec: SiteSpec, page: Page) -> str:
    rows = [r for r in spec.clinics[0].prices if r.page == page.path]
    return f"<h1>{escape(page.title)}</h1>{blocks.prose_prices(rows, spec)}"


def _simple(spec: SiteSpec, page: Page) -> str:
    u, c = ui(spec), spec.clinics[0]
    if page.kind == "contact":
        return f"<h1>{escape(u['contact'])}</h1>{_contact_card(c)}<p>{escape(u['hours'])}</p>"
    if page.kind == "locations":
        return f"<h1>{escape(u['locations'])}</h1>" + "".join(
            f'<div class="branch"><h2><a href="{p.path}">{escape(p.title)}</a></h2>'
            f"{_contact_card(next(x for x in spec.clinics if x.branch == p.branch))}</div>"
            for p in spec.pages if p.kind == "location")
    if page.kind == "treatments":
        names = sorted({r.text for cl in spec.clinics for r in cl.prices if r.treatment != "consultation"})
        return f"<h1>{escape(u['treatments'])}</h1>" + "".join(f"<h2>{escape(n)}</h2>" for n in names)
    if page.kind == "blog_index":
        return f"<h1>{escape(u['blog'])}</h1>" + "".join(
            f'<article><h2><a href="{p.path}">{escape(p.title)}</a></h2></article>'
            for p in spec.pages if p.kind == "blog")
    if page.kind == "blog":
        post = next(b for b in spec.blog if b.slug == page.ref)
        return (f"<article class=\"post\"><h1>{escape(post.title)}</h1><time datetime=\"{post.date}\">"
                f"{post.date}</time>" + "".join(f"<p>{escape(t)}</p>" for t in post.paragraphs) + "</article>")
    if page.kind == "private":
        return '<h1>Staff area</h1><form method="post" action="/private/login"><input name="user"><input type="password" name="pw"></form>'
    return f"<h1>{escape(u['privacy'])}</h1><p>{escape(spec.name)} – {escape(c.email)}</p>"


def page_html(spec: SiteSpec, page: Page, port: int | None) -> str:
    head = ""
    if page.kind == "home":
        body, head = _home(spec, port)
    elif page.kind == "prices":
        body, head = _prices(spec, page, port)
    elif page.kind in ("team", "about"):
        body, head = _team(spec, page, port)
    elif page.kind == "bio":
        body = _bio(spec, page)
    elif page.kind == "location":
        body = _location(spec, page)
    elif page.kind == "prose_prices":
        body = _prose(spec, page)
    else:
        body = _simple(spec, page)
    return layout(spec, page, body, port, head)


def price_pdf_bytes(spec: SiteSpec) -> bytes:
    """The site's price list as a PDF: the rows of its prices page, grouped as on the page."""
    from samples.content import price_phrase
    from samples.pdf import price_list_pdf

    u = ui(spec)
    sections = [(u[key], [(r.text, price_phrase(r, spec)) for r in members])
                for key, members in blocks.grouped(spec.clinics[0].prices)]
    return price_list_pdf(f"{spec.name} - {u['prices']}", sections)


def robots_txt(spec: SiteSpec, port: int | None) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {d}" for d in spec.robots_disallow] or ["Disallow:"]
    if "/wp-admin/" in spec.robots_disallow:
        lines.append("Allow: /wp-admin/admin-ajax.php")
    if spec.sitemap:
        lines += ["", f"Sitemap: {base_url(spec, port)}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def sitemap_xml(spec: SiteSpec, port: int | None) -> str:
    day = lastmod(spec)
    urls = "".join(f"<url><loc>{base_url(spec, port)}{escape(p.path)}</loc><lastmod>{day}</lastmod></url>"
                   for p in spec.pages if p.kind != "private")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{urls}</urlset>\n')


def lastmod(spec: SiteSpec) -> str:
    import datetime as dt

    return (dt.date(2024, 1, 1) + dt.timedelta(days=spec.last_modified_day)).isoformat()


def not_found(spec: SiteSpec | None) -> tuple[int, str, bytes]:
    body = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>" \
           "<p>The requested URL was not found on this server.</p></body></html>\n"
    return 404, "text/html; charset=utf-8", body.encode()


def resolve(spec: SiteSpec, path: str) -> tuple[str, Page | None]:
    """('ok'|'redirect'|'missing', page) for a request path (query already removed)."""
    page = spec.page_for(path)
    if page:
        return "ok", page
    if not path.endswith("/"):
        page = spec.page_for(path + "/")
        if page:
            return ("redirect" if spec.slash_redirect else "ok"), page
    return "missing", None


SHAPES = ("lean", "cms")  # lean: 2-3 KB pages; cms: real-sized CMS chrome around them (samples/cms.py)


def render_path(spec: SiteSpec, path: str, port: int | None = None, shape: str = "lean") -> tuple[int, str, bytes]:
    path = path.split("?", 1)[0].split("#", 1)[0] or "/"
    if path == "/robots.txt":
        return 200, "text/plain; charset=utf-8", robots_txt(spec, port).encode()
    if path == "/sitemap.xml" and spec.sitemap:
        return 200, "application/xml; charset=utf-8", sitemap_xml(spec, port).encode()
    if spec.price_pdf and path == spec.price_pdf:
        return 200, "application/pdf", price_pdf_bytes(spec)
    if shape == "cms" and spec.client_rendered and path == "/static/js/main.js":
        from samples import cms

        return 200, "application/javascript; charset=utf-8", cms.APP_JS.encode()
    if path == "/assets/site.css":
        return 200, "text/css; charset=utf-8", b"body{font-family:sans-serif;margin:0}.cookie-banner{position:fixed;bottom:0}\n"
    state, page = resolve(spec, path)
    if state == "missing" or page is None:
        return not_found(spec)
    if state == "redirect":
        return 301, "text/html; charset=utf-8", page.path.encode()
    charset = spec.charset
    html = page_html(spec, page, port)
    if shape == "cms":
        from samples import cms

        html = cms.wrap(spec, page.path, html)
        if spec.client_rendered:
            html = cms.app_shell(html)
    body = html.encode(charset, errors="xmlcharrefreplace")
    return 200, f"text/html; charset={charset.upper() if charset != 'utf-8' else 'UTF-8'}", body
