"""Real-shaped pages: the chrome of WordPress + Elementor, Wix, Squarespace and shop sites.

The lean sample web serves 2-3 KB pages. Real clinic sites serve 60-300 KB: a mega menu
with hundreds of links, a long footer, many nested wrappers, inline styles, inline scripts
and JSON state. ``wrap(spec, page_path, html)`` turns a lean page into one of that shape,
deterministically (the same site and path always give the same bytes), with a size drawn
from a log-normal distribution: median 80 KB, 90th percentile 250 KB (docs/evidence.md
gives the sources; bench/RESULTS.md prints the distribution a run used).

Nothing the chrome adds is true: every price, phone number, person and register number in
it sits where a reader never sees it (scripts, styles, JSON state, ``<template>``,
``<noscript>``) and must never be extracted. The visible content (``<main>``, the footer's
contact block) is the lean page's, unchanged, so the ground truth does not move.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from html import escape

from samples.model import SiteSpec

KINDS = ("wordpress_elementor", "wix", "squarespace", "shop_booking")
MEDIAN_BYTES = 80_000
P90_BYTES = 250_000
_SIGMA = math.log(P90_BYTES / MEDIAN_BYTES) / 1.2816  # z of the 90th percentile
MIN_BYTES, MAX_BYTES = 20_000, 700_000

# Hostile strings: what a careless extractor would take from scripts, styles and state.
PHANTOM_PERSON = "Dr Imelda Phantom"
PHANTOM_NURSE = "Nurse Orla Decoy"
PHANTOM_GMC = "7310954"
PHANTOM_PHONE = "+44 20 7946 0999"
PHANTOM_PRICES = ("£1", "€2", "$3", "£4.99")
_TREATMENT_WORDS = ("Anti-wrinkle injections", "Lip filler", "Cheek filler", "Jawline contouring", "Profhilo",
                    "Skin boosters", "Microneedling", "PRP hair restoration", "Scalp mesotherapy",
                    "Chemical peels", "Laser hair removal", "HydraFacial", "Tear trough", "Polynucleotides",
                    "Thread lift", "Hyperhidrosis", "Masseter", "Gummy smile", "Dermaplaning", "LED therapy")
_AREAS = ("Chelsea", "Kensington", "Fulham", "Putney", "Richmond", "Wimbledon", "Clapham", "Battersea",
          "Islington", "Camden", "Hampstead", "Shoreditch", "Greenwich", "Ealing", "Chiswick", "Hammersmith",
          "Marylebone", "Mayfair", "Soho", "Belgravia", "Brixton", "Dulwich", "Balham", "Tooting")


def kind_of(spec: SiteSpec) -> str:
    """Which CMS a site is built with (from its template, else its index)."""
    by_template = {"wp_price_table": "wordpress_elementor", "page_builder": "wordpress_elementor",
                   "one_page": "wix", "microdata": "squarespace"}
    return by_template.get(spec.template) or KINDS[spec.index % len(KINDS)]


def target_bytes(spec: SiteSpec, path: str) -> int:
    """A page size from the log-normal distribution, fixed per site and path."""
    rng = _rng(spec, path, "size")
    size = MEDIAN_BYTES * math.exp(rng.gauss(0.0, _SIGMA))
    return int(min(MAX_BYTES, max(MIN_BYTES, size)))


def wrap(spec: SiteSpec, path: str, html: str) -> str:
    """The lean page ``html`` dressed in its site's CMS chrome, padded to its target size."""
    kind = kind_of(spec)
    rng = _rng(spec, path, "chrome")
    head = _head_scripts(spec, kind, rng)
    top = _hidden_bits(spec, rng) + _mega_menu(spec, rng)
    html = html.replace("</head>", head + "</head>", 1)
    html = html.replace("</header>", top + "</header>", 1)
    depth, wrappers = _wrappers(kind, rng)
    html = html.replace("<main>", "<main>" + wrappers, 1)
    html = html.replace("</main>", "</div>" * depth + "</main>", 1)
    html = html.replace("</footer>", _long_footer(spec, rng) + "</footer>", 1)
    html = html.replace("</body>", _tail_scripts(spec, kind, rng) + "</body>", 1)
    missing = target_bytes(spec, path) - len(html.encode("utf-8"))
    if missing > 0:
        html = html.replace("</head>", _padding_css(kind, missing, rng) + "</head>", 1)
    return html


def _rng(spec: SiteSpec, path: str, what: str) -> random.Random:
    digest = hashlib.sha256(f"{spec.seed}|{spec.site}|{path}|{what}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _head_scripts(spec: SiteSpec, kind: str, rng: random.Random) -> str:
    phantom_state = {
        "site": {"name": spec.name, "currency": spec.currency, "phone": PHANTOM_PHONE},
        "staff": [{"name": PHANTOM_PERSON, "jobTitle": "Aesthetic doctor", "gmc": PHANTOM_GMC},
                  {"name": PHANTOM_NURSE, "jobTitle": "Nurse prescriber"}],
        "services": [{"name": t, "price": PHANTOM_PRICES[i % len(PHANTOM_PRICES)]}
                     for i, t in enumerate(rng.sample(_TREATMENT_WORDS, 6))],
        "promo": f"Call {PHANTOM_PHONE} - Botox 3 areas only £9 today",
    }
    state = json.dumps(phantom_state)
    gtag = ("<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-7Q2X9\"></script><script>"
            "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());"
            "gtag('config','G-7Q2X9',{'currency':'GBP','value':'£19.99','support':'" + PHANTOM_PHONE + "'});</script>")
    if kind == "wordpress_elementor":
        body = (f"<script id=\"elementor-frontend-js-before\">var elementorFrontendConfig = {state};</script>"
                "<script id=\"wc-add-to-cart-js-extra\">var wc_add_to_cart_params = {\"i18n_view_cart\":"
                "\"View cart\",\"price\":\"From £49 per area\"};</script>")
    elif kind == "wix":
        body = (f"<script type=\"application/json\" id=\"wix-warmup-data\">{state}</script>"
                f"<script>window.__INITIAL_STATE__ = {state};</script>")
    elif kind == "squarespace":
        body = f"<script>Static.SQUARESPACE_CONTEXT = {state};</script>"
    else:
        body = (f"<script type=\"application/json\" data-booking-widget=\"services\">{state}</script>"
                "<script>window.ShopifyAnalytics = {\"meta\":{\"currency\":\"GBP\",\"price\":\"£4.99\"}};</script>")
    style = ("<style id=\"global-styles-inline-css\">.price-badge::before{content:\"£1\"}"
             f".promo-strip::after{{content:\"Call {PHANTOM_PHONE} for £5 off\"}}"
             ".wp-block-button__link{color:#fff;background-color:#32373c;border-radius:9999px}</style>")
    return gtag + body + style


def _hidden_bits(spec: SiteSpec, rng: random.Random) -> str:
    return ("<noscript><img height=\"1\" width=\"1\" style=\"display:none\" alt=\"\" "
            "src=\"https://www.facebook.com/tr?id=1234567890&amp;ev=PageView&amp;noscript=1\">"
            f"<p>Enable JavaScript. Questions? {PHANTOM_PHONE}. Lip filler 1ml £2.</p></noscript>"
            "<template id=\"price-card\"><div class=\"card\"><h3>" + escape(PHANTOM_NURSE) + "</h3>"
            "<p class=\"price\">Botox 1 area £3</p></div></template>")


def _links(spec: SiteSpec, rng: random.Random, count: int, cls: str) -> str:
    """``count`` menu links: the site's own pages (with fragments) and outside partners."""
    own = [p.path for p in spec.pages if p.kind not in ("private",)] or ["/"]
    out = []
    for i in range(count):
        label = rng.choice(_TREATMENT_WORDS)
        if i % 9 == 8:
            href = f"https://www.instagram.com/explore/tags/{label.lower().replace(' ', '')}/"
        else:
            href = f"{rng.choice(own)}#{label.lower().replace(' ', '-')}-{i}"
        out.append(f'<li class="{cls}-item menu-item-{1000 + i}"><a href="{escape(href)}">{escape(label)}</a></li>')
    return "".join(out)


def _mega_menu(spec: SiteSpec, rng: random.Random) -> str:
    columns = []
    for col in range(rng.randint(8, 14)):
        columns.append(f'<div class="mega-col mega-col-{col}"><h6 class="mega-title">{escape(rng.choice(_TREATMENT_WORDS))}'
                       f'</h6><ul class="sub-menu">{_links(spec, rng, rng.randint(18, 30), "mega")}</ul></div>')
    return f'<nav class="mega-menu" aria-label="All treatments"><div class="mega-inner">{"".join(columns)}</div></nav>'


def _wrappers(kind: str, rng: random.Random) -> tuple[int, str]:
    """Page-builder wrappers around the content: how many, and their opening tags."""
    names = {"wordpress_elementor": ("elementor elementor-42", "elementor-section elementor-top-section",
                                     "elementor-container elementor-column-gap-default",
                                     "elementor-column elementor-col-100", "elementor-widget-wrap",
                                     "elementor-widget elementor-widget-text-editor", "elementor-widget-container"),
             "wix": ("SITE_CONTAINER", "main_MF", "site-root", "masterPage", "PAGES_CONTAINER", "SITE_PAGES",
                     "Containerc1dmp", "comp-kx8v2", "comp-kx8v3"),
             "squarespace": ("sqs-layout sqs-grid-12", "row sqs-row", "col sqs-col-12 span-12",
                             "sqs-block html-block", "sqs-block-content"),
             "shop_booking": ("shopify-section", "page-width", "rte", "grid", "grid__item")}[kind]
    depth = rng.randint(len(names), len(names) * 2)
    return depth, "".join(f'<div class="{names[i % len(names)]}" data-id="{rng.getrandbits(28):07x}">'
                          for i in range(depth))


def _long_footer(spec: SiteSpec, rng: random.Random) -> str:
    areas = "".join(f'<li><a href="/#{a.lower()}">Aesthetics in {a}</a></li>' for a in rng.sample(_AREAS, 20))
    return (f'<div class="footer-widgets"><ul class="footer-menu">{_links(spec, rng, rng.randint(60, 90), "foot")}'
            f'</ul><ul class="areas-we-serve">{areas}</ul></div>')


def _tail_scripts(spec: SiteSpec, kind: str, rng: random.Random) -> str:
    reviews = json.dumps({"widget": "reviews", "items": [
        {"author": PHANTOM_PERSON, "text": "Paid £1 for filler, lovely", "rating": 5}]})
    return (f"<script type=\"application/json\" id=\"reviews-state\">{reviews}</script>"
            "<script src=\"/wp-includes/js/jquery/jquery.min.js?ver=3.7.1\" id=\"jquery-core-js\"></script>"
            "<script>document.querySelectorAll('.cookie-accept').forEach(function(b){b.onclick=function(){"
            "document.cookie='consent=1';};});var phone='" + PHANTOM_PHONE + "';</script>")


def _padding_css(kind: str, size: int, rng: random.Random) -> str:
    """Inline CSS of about ``size`` bytes: builders inline their whole stylesheet."""
    rules, total = [], 0
    prefix = {"wordpress_elementor": ".elementor-element-", "wix": "#comp-", "squarespace": ".sqs-block-",
              "shop_booking": ".shopify-section-"}[kind]
    while total < size:
        rule = (f"{prefix}{rng.getrandbits(24):06x}{{margin:{rng.randint(0, 40)}px {rng.randint(0, 40)}px;"
                f"padding:{rng.randint(0, 24)}px;color:#{rng.getrandbits(24):06x};"
                f"font-size:{rng.randint(12, 48)}px;line-height:1.{rng.randint(1, 9)}}}\n")
        rules.append(rule)
        total += len(rule)
    return f'<style id="{kind}-inline-css">{"".join(rules)}</style>'


# A client-rendered site: the page is an empty app root, its content an inline JSON state that
# this script (served at /static/js/main.js) turns into the DOM.
APP_JS = """(function () {
  function render() {
    var state = window.__INITIAL_STATE__ || {};
    var root = document.getElementById("root");
    if (!root || !state.page) { return; }
    root.innerHTML = state.page.html;
    document.body.className = state.page.bodyClass || "";
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", render); }
  else { render(); }
})();
"""


def app_shell(html: str) -> str:
    """The page as a client-rendered app: <head> kept, the body moved into window.__INITIAL_STATE__."""
    head_end = html.index("</head>")
    body_start = html.index(">", html.index("<body", head_end)) + 1
    body_end = html.rindex("</body>")
    cls_at = html.find('class="', head_end, body_start)
    body_class = html[cls_at + 7:html.index('"', cls_at + 7)] if cls_at >= 0 else ""
    state = json.dumps({"page": {"html": html[body_start:body_end], "bodyClass": body_class}})
    state = state.replace("</", "<\\/")  # never close the script element early
    return (html[:head_end] + f"<script>window.__INITIAL_STATE__ = {state};</script>" + "</head>\n"
            '<body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript>'
            '<script src="/static/js/main.js" defer></script></body></html>\n')
