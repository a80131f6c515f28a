"""A real Scrapy crawl over HTTP of the CMS-shaped sample web (real-sized pages with mega menus,
long footers, scripts and JSON state; PDF price lists; client-rendered sites, rendered in Debian's
Chromium): the same facts as the lean web, nothing from the chrome."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def test_eval_on_cms_shaped_pages_holds():
    result = run_cli("eval", "--shape", "cms", "--clinics", "16", "--seed", "11", "--json", timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert "cms pages" in report["ground"]
    for key in ("prices", "practitioners", "registrations"):
        score = report["scores"][key]
        assert score["expected"] > 0
        assert score["precision"] >= 0.95 and score["recall"] >= 0.95, (key, score, report["examples"][key])
    assert report["crawl"]["bytes"] > 1_000_000  # real-sized pages were fetched (gzip-compressed on the wire)
    # this web's PDF price lists were read, and its client-rendered sites rendered in Chromium
    from samples.generator import iter_sites

    specs = list(iter_sites(16, 11))
    assert report["crawl"]["pdfs"] == sum(bool(s.price_pdf) for s in specs) > 0
    assert report["crawl"]["rendered"] >= sum(s.client_rendered for s in specs) > 0
