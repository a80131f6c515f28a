"""`clinicwatch extract`: the documented JSON shape, and a broken page gives an empty result with a reason."""

import json

import pytest

from tests.conftest import run_cli

PAGE = b"""<html><head><title>Glow Clinic | Prices</title></head><body>
<nav><a href="/">Home</a> <a href="/prices">Prices</a></nav>
<h1>Treatment prices</h1>
<table><tr><th>Treatment</th><th>Price</th></tr>
<tr><td>Hair mesotherapy (course of 4)</td><td>&pound;480</td></tr>
<tr><td>Anti-wrinkle injections, 1 area</td><td>&pound;150</td></tr></table>
<h2>Our team</h2><p><strong>Dr Jane Smith</strong>, aesthetic doctor (GMC 1234567).</p>
<footer>Glow Clinic, 1 High Street, Manchester M1 1AA. Tel 0161 496 0000</footer></body></html>"""


def test_extract_prints_the_stable_shape(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    result = run_cli("extract", str(page), "--url", "https://glow.example/prices")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"clinic", "prices", "practitioners"}
    meso = [p for p in data["prices"] if p["treatment"] == "hair_mesotherapy"]
    assert meso and {k: meso[0][k] for k in ("amount", "currency", "unit", "sessions", "per_session")} == {
        "amount": 480.0, "currency": "GBP", "unit": "course", "sessions": 4, "per_session": 120.0}
    for key in ("treatment", "treatment_text", "amount", "currency", "unit", "sessions", "per_session", "from_price"):
        assert key in meso[0]
    person = data["practitioners"][0]
    assert (person["name"], person["title"], person["profession"]) == ("Jane Smith", "Dr", "doctor")
    gmc = [c for c in person["credentials"] if c["kind"] == "gmc"]
    assert [(c["value"], c["format_valid"]) for c in gmc] == [("1234567", True)]


@pytest.mark.parametrize("body, reason", [
    (b"", "empty page"),
    (bytes(range(256)) * 20, "binary content"),
    (b"%PDF-1.7\n\x00\x01\x02\x03" * 200, "PDF not readable"),  # read as a PDF price list, and refused
], ids=["empty", "random-bytes", "pdf"])
def test_broken_pages_give_an_empty_result_and_a_reason(tmp_path, body, reason):
    page = tmp_path / "page.html"
    page.write_bytes(body)
    result = run_cli("extract", str(page))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["prices"] == [] and data["practitioners"] == []
    assert any(reason in e for e in data["errors"]) and reason in result.stderr


@pytest.mark.parametrize("args, message", [
    (["extract", "/no/such/file.html"], "file not found"),
    (["extract", "ftp://example.com/x"], "unsupported URL scheme"),
    (["extract", "http://127.0.0.1:9/"], "refused: loopback address"),
    (["crawl", "--seeds", "/no/such/seeds.txt"], "seed file not found"),
    (["serve", "--db", "/no/such.db"], "database not found"),
], ids=["missing-file", "ftp", "loopback", "missing-seeds", "missing-db"])
def test_bad_arguments_fail_with_one_line(args, message):
    result = run_cli(*args)
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr
