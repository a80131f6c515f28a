"""Manners against the sample web: robots.txt disallow is obeyed; our user agent reaches the server."""

from __future__ import annotations

import pytest
from aiohttp import web as aioweb

from tests.conftest import run_cli
from tests.ops.conftest import FAST, query

pytestmark = pytest.mark.slow
CLINICS = 25
SEED = 17
CONTACT = "https://example.org/our-crawler"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from samples.server import SampleWeb

    seen: list[tuple[str, str, str]] = []

    @aioweb.middleware
    async def record(request, handler):
        seen.append((request.host.split(":")[0], request.path, request.headers.get("User-Agent", "")))
        return await handler(request)

    sample = SampleWeb(clinics=CLINICS, seed=SEED)
    sample.app.middlewares.append(record)  # before start: the app freezes on startup
    db = str(tmp_path_factory.mktemp("manners") / "manners.db")
    with sample:
        result = run_cli("crawl", "--seeds", str(sample.seeds_csv), "--db", db, "--allow-private", *FAST,
                         env={"CLINICWATCH_CONTACT_URL": CONTACT})
        stats = sample.stats()
    assert result.returncode == 0, result.stderr[-3000:]
    return db, seen, stats


def test_robots_disallowed_pages_are_never_fetched(crawled):
    from samples.generator import generate_site

    db, seen, stats = crawled
    rules = {}
    for index in range(CLINICS):
        spec = generate_site(SEED, index)
        rules[spec.site] = spec.robots_disallow
    assert any(rules.values()), "no sample site disallows anything for this seed"
    fetched = [(host.removeprefix("www."), path) for host, path, _ in seen]
    robots_asked = {host for host, path in fetched if path == "/robots.txt"}
    assert robots_asked == set(rules)  # every site's robots.txt was read
    offending = [(h, p) for h, p in fetched for prefix in rules.get(h, ()) if p.startswith(prefix)]
    assert offending == []
    refused = query(db, "select count(*) from crawl_errors where reason like '%robots.txt%'")[0][0]
    assert refused > 0  # links to disallowed pages existed and were refused, not just absent
    assert stats["requests"].get("robots", 0) >= CLINICS


def test_user_agent_with_contact_url_reaches_the_server(crawled):
    _, seen, _ = crawled
    (agent,) = {ua for _, _, ua in seen}  # one user agent for every request, robots.txt included
    assert agent.startswith("clinicwatch/") and agent.endswith(f"(+{CONTACT})")
