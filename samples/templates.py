"""Site templates: which pages a site has and where its prices and people appear.

``plan(spec, rng)`` lays out the pages of a site and records on every price row
and person the canonical path of the page that shows it (ground truth's
``page``). The bodies are rendered by ``samples.blocks`` (price and team
blocks per template) and ``samples.render`` (layout, furniture, dispatch).
"""

from __future__ import annotations

import random

from samples.content import SLUGS, UI
from samples.model import Page, SiteSpec

HAIR = ("prp_hair", "hair_mesotherapy", "hair_transplant", "consultation")


def _slugs(spec: SiteSpec) -> dict[str, str]:
    return SLUGS.get(spec.lang, SLUGS["en"])


def _ui(spec: SiteSpec) -> dict[str, str]:
    return UI.get(spec.lang, UI["en"])


def _blog(spec: SiteSpec, html_ext: bool) -> list[Page]:
    s = _slugs(spec)
    pages = [Page(f"/{s['blog']}/", "blog_index", _ui(spec)["blog"])]
    for post in spec.blog:
        path = f"/{s['blog']}/{post.slug}.html" if html_ext else f"/{s['blog']}/{post.slug}/"
        pages.append(Page(path, "blog", post.title, ref=post.slug))
    return pages


def _assign(spec: SiteSpec, prices_path: str, team_path: str) -> None:
    for clinic in spec.clinics:
        for row in clinic.prices:
            row.page = prices_path
        for person in clinic.people:
            person.page = team_path


def _common(spec: SiteSpec, ext: str) -> list[Page]:
    s, ui = _slugs(spec), _ui(spec)
    pages = [Page(f"/{s['contact']}{ext}", "contact", ui["contact"]),
             Page(f"/{s['privacy']}{ext}", "privacy", ui["privacy"])]
    if "/private/" in spec.robots_disallow:
        pages.append(Page("/private/staff-area/", "private", ui["staff"]))
    return pages + _blog(spec, ext == ".html")


def _plan_standard(spec: SiteSpec, ext: str, team_kind: str = "team") -> list[Page]:
    s, ui = _slugs(spec), _ui(spec)
    prices = f"/{s['prices']}{ext}"
    team = f"/{s['team'] if team_kind == 'team' else s['about']}{ext}"
    _assign(spec, prices, team)
    pages = [Page("/", "home", ui["home"]), Page(f"/{s['treatments']}{ext}", "treatments", ui["treatments"]),
             Page(prices, "prices", ui["prices"]), Page(team, team_kind, ui["team"])]
    return pages + _common(spec, ext)


def _plan_one_page(spec: SiteSpec) -> list[Page]:
    _assign(spec, "/", "/")
    pages = [p for p in _common(spec, ".html") if p.kind != "contact"]
    return [Page("/", "home", _ui(spec)["home"])] + pages


def _plan_prose(spec: SiteSpec) -> list[Page]:
    s, ui = _slugs(spec), _ui(spec)
    hair, skin = f"/{s['treatments']}/{_slug_hair(spec)}/", f"/{s['treatments']}/{_slug_skin(spec)}/"
    about = f"/{s['about']}/"
    _assign(spec, hair, about)
    for row in spec.clinics[0].prices:
        row.page = hair if row.treatment in HAIR else skin
    pages = [Page("/", "home", ui["home"]), Page(hair, "prose_prices", ui["hair"], ref="hair"),
             Page(skin, "prose_prices", ui["skin"], ref="skin"), Page(about, "about", ui["about"])]
    return pages + _common(spec, "/")


def _slug_hair(spec: SiteSpec) -> str:
    return {"de": "haarausfall", "es": "alopecia", "pl": "lysienie"}.get(spec.lang, "hair-loss")


def _slug_skin(spec: SiteSpec) -> str:
    return {"de": "haut", "es": "piel", "pl": "skora"}.get(spec.lang, "skin")


def _plan_team_bios(spec: SiteSpec) -> list[Page]:
    pages = _plan_standard(spec, "/")
    team = next(p.path for p in pages if p.kind == "team")
    seen: set[str] = set()
    for person in spec.clinics[0].people:
        slug = person.slug
        while slug in seen:
            slug += "-2"
        seen.add(slug)
        person.slug = slug
        person.page = f"{team}{slug}/"
        pages.append(Page(person.page, "bio", person.name, ref=slug))
    return pages


def _plan_chain(spec: SiteSpec) -> list[Page]:
    s, ui = _slugs(spec), _ui(spec)
    pages = [Page("/", "home", ui["home"]), Page(f"/{s['locations']}/", "locations", ui["locations"]),
             Page(f"/{s['treatments']}/", "treatments", ui["treatments"])]
    for clinic in spec.clinics:
        path = f"/{s['locations']}/{clinic.branch}/"
        for row in clinic.prices:
            row.page = path
        for person in clinic.people:
            person.page = path
        pages.append(Page(path, "location", clinic.name, branch=clinic.branch, ref=clinic.branch))
    return pages + _common(spec, "/")


def plan(spec: SiteSpec, rng: random.Random) -> list[Page]:
    t = spec.template
    if t in ("jsonld_rich", "microdata"):
        for clinic in spec.clinics:
            clinic.show_geo = True
    if t == "wp_price_table":
        return _plan_standard(spec, "/")
    if t == "page_builder":
        return _plan_standard(spec, "/", team_kind="about")
    if t == "one_page":
        return _plan_one_page(spec)
    if t == "jsonld_rich":
        return _plan_standard(spec, "/")
    if t == "microdata":
        return _plan_standard(spec, ".html")
    if t == "prose":
        return _plan_prose(spec)
    if t == "team_bios":
        return _plan_team_bios(spec)
    return _plan_chain(spec)
