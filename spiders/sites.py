"""The `sites` spider: crawl each clinic website inside its own site, bounded.

It only crawls: it chooses what to request and what to follow, and yields what
the page object (spiders/pages) reads from each page, with provenance. Pages
likely to hold prices, the team and contact details are requested first; each
site is bounded in pages and depth; links to other sites (booking widgets,
social media) are never followed. Every failure becomes a CrawlErrorItem with
its reason, so the operator sees it in the `crawl_errors` table.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import scrapy
from scrapy.http import Request, TextResponse
import lxml.html
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.job import job_dir
from w3lib.url import url_query_cleaner

from items import CrawlErrorItem, PageItem
from crawl import render, resume
from spiders.pages import extract_page
from spiders.pages import pdf_page
from spiders.pages.clinic_page import page_links
from core.text import site_key
from spiders.seeds import Seed, read_seeds

_PRIORITY_RULES = [
    (40, re.compile(r"price|pricing|fees|cost|tarif|preis|precio|cennik|ceny|prezzi|fiyat|menu", re.I)),
    (30, re.compile(r"treatment|behandlung|tratamiento|zabieg|trattament|tedavi|mesotherap|mesoterap|"
                    r"mezoterap|prp|botox|anti-wrinkle|filler|hair|injectable|skin", re.I)),
    (25, re.compile(r"team|staff|practitioner|doctor|meet|about|people|who-we-are|equipo|zesp|"
                    r"uber-uns|ueber-uns|arzt|aerzt|nosotros|qui-sommes", re.I)),
    (20, re.compile(r"contact|location|clinic|branch|find-us|kontakt|contacto|standort|sede", re.I)),
    (-20, re.compile(r"blog|news|article|/tag/|categor|author|privacy|cookie|terms|legal|impressum|"
                     r"datenschutz|polityka|aviso-legal|careers|jobs|press", re.I)),
]
# Never followed: admin, carts, feeds, search and calendar traps.
_SKIP = re.compile(
    r"wp-admin|wp-login|wp-json|/feed/?$|/cart|/basket|/checkout|/login|/account|/search|[?&]s=|"
    r"replytocom|/calendar|[?&](date|month|year|week|day|filter|sort|orderby|page)=|/page/\d{2,}",
    re.I,
)
_TRACKING = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
             "gclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "ref", "_ga", "utm",
             "sessionid", "session_id", "sid", "PHPSESSID", "phpsessid", "jsessionid"]


_FILE_EXTENSIONS = frozenset(IGNORED_EXTENSIONS)


def _is_file(url: str) -> bool:
    """An image, archive, media or office file by its extension (Scrapy's IGNORED_EXTENSIONS)."""
    last = url.split("?", 1)[0].rsplit("/", 1)[-1]
    return "." in last and last.rsplit(".", 1)[1].lower() in _FILE_EXTENSIONS


def strip_tracking(url: str) -> str:
    """The URL to request: tracking parameters and fragment removed, the rest as the site wrote it."""
    return url_query_cleaner(url, _TRACKING, remove=True, keep_fragments=False)


def canonical(url: str) -> str:
    """Key for "the same page under another URL": no tracking query, fragment, www, trailing slash."""
    cleaned = strip_tracking(url)
    scheme_sep = cleaned.find("://")
    rest = cleaned[scheme_sep + 3:] if scheme_sep >= 0 else cleaned
    rest = rest[4:] if rest.lower().startswith("www.") else rest
    host, _, path = rest.partition("/")
    path = "/" + path
    if len(path) > 1 and path.endswith("/") and "?" not in path:
        path = path.rstrip("/")
    for index in ("/index.html", "/index.php", "/index.htm"):
        if path.endswith(index):
            path = path[: -len(index)] or "/"
    return host.lower() + path


def fingerprint(canonical_url: str) -> int:
    """A stable 64-bit key for a canonical URL (hash() differs between processes; resume needs this)."""
    return int.from_bytes(hashlib.blake2b(canonical_url.encode(), digest_size=8).digest(), "big")


def link_priority(url: str, text: str) -> int:
    haystack = f"{url} {text}"
    for score, pattern in _PRIORITY_RULES:
        if pattern.search(haystack):
            return score
    return 0


@dataclass
class SiteState:
    seed: Seed
    scheduled: int = 0
    seen: set[int] = field(default_factory=set)
    hints: dict = field(default_factory=dict)
    pdfs: int = 0  # PDF price lists scheduled (at most CLINICWATCH_MAX_PDFS_PER_SITE)
    rendered: int = 0  # pages sent to the browser (at most CLINICWATCH_RENDER_MAX_PER_SITE)

    @classmethod
    def from_dict(cls, data: dict) -> SiteState:
        return cls(seed=Seed(**data["seed"]), scheduled=data["scheduled"], seen=set(data["seen"]),
                   hints=data["hints"], pdfs=data.get("pdfs", 0), rendered=data.get("rendered", 0))

    def to_dict(self) -> dict:
        return {"seed": asdict(self.seed), "scheduled": self.scheduled, "seen": sorted(self.seen),
                "hints": self.hints}


class SitesSpider(scrapy.Spider):
    name = "sites"

    def __init__(self, seeds: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seeds_path = seeds
        self.sites: dict[str, SiteState] = {}
        self.seed_problems: list[tuple[int, str]] = []

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.max_pages = crawler.settings.getint("CLINICWATCH_MAX_PAGES_PER_SITE", 25)
        spider.max_depth = crawler.settings.getint("CLINICWATCH_MAX_DEPTH", 3)
        spider.max_pdfs = crawler.settings.getint("CLINICWATCH_MAX_PDFS_PER_SITE", 3)
        spider.max_pdf_bytes = crawler.settings.getint("CLINICWATCH_MAX_PDF_BYTES", pdf_page.MAX_PDF_BYTES)
        # rendering is possible only when crawl/render.py's settings installed the browser handler
        rendering = "PLAYWRIGHT_LAUNCH_OPTIONS" in crawler.settings
        spider.render_mode = crawler.settings.get("CLINICWATCH_RENDER", "auto") if rendering else "never"
        spider.render_per_site = crawler.settings.getint("CLINICWATCH_RENDER_MAX_PER_SITE", 10)
        spider.render_per_crawl = crawler.settings.getint("CLINICWATCH_RENDER_MAX_PER_CRAWL", 300)
        spider.rendered_total = 0
        spider.jobdir = job_dir(crawler.settings)  # before the scheduler reads it (crawl/resume.py)
        spider.sites = {k: SiteState.from_dict(v) for k, v in resume.open_jobdir(spider.jobdir).items()}
        return spider

    def closed(self, reason):
        resume.close_jobdir(getattr(self, "jobdir", None), {k: v.to_dict() for k, v in self.sites.items()})

    def load_seeds(self) -> list[Seed]:
        if not self.seeds_path:
            raise ValueError("the sites spider needs seeds=FILE")
        seeds, self.seed_problems = read_seeds(self.seeds_path)
        return seeds

    async def start(self):
        now, resumed = _now(), bool(self.sites)
        if resumed:
            self.crawler.stats.inc_value("clinicwatch/sites", len(self.sites))
        for seed in self.load_seeds():
            key = site_key(seed.url)
            if key in self.sites:
                continue
            state = self.sites[key] = SiteState(seed=seed)
            state.seen.add(fingerprint(canonical(seed.url)))
            state.scheduled = 1
            self.crawler.stats.inc_value("clinicwatch/sites")
            yield self._request(seed.url, key, depth=0, priority=100)
        for line, reason in [] if resumed else self.seed_problems:
            yield CrawlErrorItem(url=f"{self.seeds_path}:{line}", site=None, reason=f"bad seed: {reason}", at=now)

    def _request(self, url: str, key: str, depth: int, priority: int) -> Request:
        # dont_filter: the spider dedupes by canonical URL itself (state.seen); Scrapy's filter
        # would silently drop the second visit of a redirect loop instead of reporting it.
        request = Request(
            url, callback=self.parse, errback=self.on_error, priority=priority,
            meta={"site": key, "page_depth": depth}, dont_filter=True,
        )
        state = self.sites.get(key)
        wants = self.render_mode == "always" or (self.render_mode == "auto" and state and state.hints.get("render"))
        if wants and not url.lower().split("?")[0].endswith(".pdf") and self._render_budget(state):
            self._mark_rendered(request, state)
        return request

    def _render_budget(self, state: SiteState | None) -> bool:
        if state is None or state.rendered >= self.render_per_site or self.rendered_total >= self.render_per_crawl:
            self.crawler.stats.inc_value("clinicwatch/render_over_limit")
            return False
        return True

    def _mark_rendered(self, request: Request, state: SiteState) -> None:
        state.rendered += 1
        self.rendered_total += 1
        request.meta.update(playwright=True, playwright_page_goto_kwargs={"wait_until": "networkidle"})

    def _render_again(self, response, key: str, state: SiteState):
        """An app shell fetched without the browser: fetch it again through it, once, and remember
        that this site renders in the browser (its next pages go there straight away)."""
        state.hints["render"] = True
        request = self._request(response.url, key, response.meta.get("page_depth", 0), priority=90)
        return request if request.meta.get("playwright") else None

    def parse(self, response):
        key = response.meta["site"]
        state = self.sites[key]
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if pdf_page.looks_like_pdf(response.body, ctype):
            yield from self._parse_pdf(response, key, state)
            return
        if not isinstance(response, TextResponse) or ("html" not in ctype and ctype):
            yield CrawlErrorItem(url=response.url, site=key, reason=f"not HTML ({ctype or 'no type'})",
                                 at=_now(), status=response.status)
            return
        if response.meta.get("playwright"):
            self.crawler.stats.inc_value("clinicwatch/rendered")
        elif self.render_mode == "auto" and render.looks_client_rendered(response.body):
            again = self._render_again(response, key, state)
            if again is not None:
                yield again
                return  # the shell holds nothing to read; the rendered page follows
        links: list[tuple[str, str]] = []
        extract = extract_page(response.body, response.url, content_type=ctype, hints=state.hints, links=links)
        if extract.clinic.country and "country" not in state.hints:
            state.hints["country"] = extract.clinic.country
        depth = response.meta.get("page_depth", 0)
        yield PageItem(
            url=response.url, site=key, seed_url=state.seed.url, seed_name=state.seed.name,
            fetched_at=_now(), status=response.status, extract=extract, depth=depth,
        )
        if depth < self.max_depth:
            yield from self._follow(response, key, state, depth + 1, links)

    def _follow(self, response, key: str, state: SiteState, depth: int, links: list[tuple[str, str]]):
        yield from self._follow_pdfs(key, state, depth, links)
        for score, url in self.claim_links(key, state, self.link_candidates(response, key, links)):
            yield self._request(url, key, depth, priority=score - 10 * depth)

    def _follow_pdfs(self, key: str, state: SiteState, depth: int, links: list[tuple[str, str]]):
        """Links to PDF price lists, menus and fees: at most max_pdfs a site, max_pdf_bytes each,
        claimed like any link (claim_links: seen once, within the site's page cap)."""
        if state.pdfs >= self.max_pdfs:
            return
        titles = {url: text for url, text in links
                  if site_key(url) == key and pdf_page.is_price_pdf_link(url, text)}
        for _, url in self.claim_links(key, state, [(50, url, canonical(url)) for url in titles]):
            state.pdfs += 1
            request = self._request(url, key, depth, priority=50)
            request.meta.update(pdf_title=titles[url] or None, download_maxsize=self.max_pdf_bytes)
            yield request
            if state.pdfs >= self.max_pdfs:
                return

    def _parse_pdf(self, response, key: str, state: SiteState):
        """One PageItem per PDF page with text (URL#page=N), or the reason it could not be read."""
        self.crawler.stats.inc_value("clinicwatch/pdfs")
        pages = pdf_page.extract_pdf(response.body, response.url, hints=state.hints,
                                     title=response.meta.get("pdf_title"))
        if len(pages) == 1 and pages[0][1].errors and not pages[0][1].prices:
            yield CrawlErrorItem(url=response.url, site=key, reason=pages[0][1].errors[0], at=_now(),
                                 status=response.status)
            return
        self.crawler.stats.inc_value("clinicwatch/pdfs_read")
        for url, extract in pages:
            self.crawler.stats.inc_value("clinicwatch/pdf_pages")
            yield PageItem(url=url, site=key, seed_url=state.seed.url, seed_name=state.seed.name,
                           fetched_at=_now(), status=response.status, extract=extract,
                           depth=response.meta.get("page_depth", 0))

    def link_candidates(self, response, key: str, links: list[tuple[str, str]] | None = None
                        ) -> list[tuple[int, str, str]]:
        """(priority, URL to request, canonical URL) for each on-site link worth following:
        tracking parameters and fragments stripped, files (images, archives, media) and skipped
        paths (logins, carts, feeds) left out. ``links`` are the page object's (URL, text) pairs;
        without them the response is parsed here."""
        if links is None:  # a caller without the page object's parse
            links = page_links(lxml.html.document_fromstring(response.text or "<html></html>"), response.url)
        out = []
        for link_url, text in links:
            if site_key(link_url) != key or _SKIP.search(link_url) or _is_file(link_url):
                continue
            url = strip_tracking(link_url)
            out.append((link_priority(url, text), url, canonical(url)))
        return out

    def claim_links(self, key: str, state: SiteState, candidates: list[tuple[int, str, str]]):
        """(priority, URL) of the candidates to schedule: unseen ones, best first, within the
        per-site page cap. The distributed spider keeps `seen` and the cap in Redis instead."""
        fresh = []
        for score, url, canonical_url in candidates:
            key_ = fingerprint(canonical_url)
            if key_ in state.seen:
                continue
            state.seen.add(key_)
            fresh.append((score, url))
        fresh.sort(key=lambda c: -c[0])
        for score, url in fresh:
            if state.scheduled >= self.max_pages:
                self.crawler.stats.inc_value("clinicwatch/links_over_site_cap")
                break
            state.scheduled += 1
            yield score, url

    def on_error(self, failure):
        request = failure.request
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500]
        self.crawler.stats.inc_value("clinicwatch/errors")
        url = (request.meta.get("redirect_urls") or [request.url])[0]  # the link, not its last hop
        yield CrawlErrorItem(url=url, site=request.meta.get("site"), reason=reason,
                             at=_now(), status=status)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
