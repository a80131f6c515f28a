"""Hostile input refused: arbitrary bytes and text never crash the readers; bad CLI use is one clear line.

* Property tests (hypothesis): the price and credential normalisers and the page
  object take arbitrary text/bytes and return well-formed results, never raise.
* Every subcommand, given an unknown option or a bad port or number, exits non-zero
  with argparse's one-line error and no traceback; given a missing or unusable file
  it exits non-zero with one `clinicwatch CMD: reason` line.
* Seeds pointing at loopback addresses or other schemes are refused end to end
  unless --allow-private (only loopback is ever used here; other private ranges are
  checked without traffic in tests/core/test_netguard.py and below).
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from clinicwatch.cli import build_parser
from core import identifiers
from extract import credentials
from extract.prices import find_prices, parse_price
from items import CREDENTIAL_KINDS, REGISTER_KINDS, UNITS, PageExtract
from spiders.pages import extract_page
from tests.conftest import ROOT

FAST_PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
_pricey = st.lists(st.sampled_from(["£", "$", "€", "zł", "AED", "1e309", "-", "99", "1,200.50", "1.200,00",
                                    "from", "per session", "course of 6", "x", " ", "k", "\u202e", "POA",
                                    "free", "NaN", "inf", "0", "9" * 30, "ml", "units", "½"]),
                   max_size=20).map(" ".join)


def _check_price(p) -> None:
    assert p.amount is None or (math.isfinite(p.amount) and p.amount >= 0), p
    assert p.unit in UNITS, p


@FAST_PROPS
@given(st.one_of(_text, _pricey), st.sampled_from([None, "GBP", "USD", "EUR", "PLN"]), st.booleans())
def test_parse_price_never_raises_and_amounts_are_sane(text, currency, bare):
    found = parse_price(text, default_currency=currency, bare=bare)
    if found is not None:
        _check_price(found)


@FAST_PROPS
@given(st.one_of(_text, _pricey))
def test_find_prices_spans_lie_inside_the_text(text):
    for start, end, parse in find_prices(text, default_currency="GBP"):
        assert 0 <= start <= end <= len(text)
        _check_price(parse)


@FAST_PROPS
@given(_text, st.sampled_from([None, "GB", "US", "IE", "DE"]))
def test_credential_readers_never_raise(text, country):
    for cred in (credentials.find_registrations(text, country) + credentials.find_memberships(text)
                 + credentials.find_training(text) + credentials.postnominal_credentials(text)):
        assert cred.kind in CREDENTIAL_KINDS and cred.value
    assert credentials.detect_prescriber(text) in (True, False, None)
    name = credentials.parse_name(text)
    assert isinstance(name, tuple)


@FAST_PROPS
@given(st.sampled_from(REGISTER_KINDS), _text)
def test_identifier_validators_never_raise(kind, value):
    assert identifiers.format_valid(kind, value) in (True, False, None)
    assert isinstance(identifiers.normalise(kind, value), str)


_html_bits = st.lists(st.sampled_from([
    b"<html>", b"<body>", b"<table><tr><td>Botox</td><td>\xc2\xa3150</td></tr>", b"</table>", b"<p>",
    b"<script type='application/ld+json'>{\"@type\":\"Offer\",\"price\":", b"</script>", b"\x00", b"\xff\xfe",
    b"<meta charset='utf-16'>", b"Dr Jane Smith GMC 1234567", b"<!--", b"]]>", b"&#0;", b"&#xD800;",
    b"<svg><foreignObject>", b"\xe2\x80\xae", b"1e309", b"<a href='javascript:x'>", b"<base href='file:///'>",
]), max_size=30).map(b"".join)


@FAST_PROPS
@given(st.one_of(st.binary(max_size=2000), _html_bits),
       st.sampled_from([None, "text/html", "text/html; charset=utf-16", "text/html; charset=bogus"]))
def test_extract_page_on_arbitrary_bytes_never_raises(body, ctype):
    result = extract_page(body, "http://clinic.example/prices", content_type=ctype)
    assert isinstance(result, PageExtract)
    for price in result.prices:
        _check_price(price)


# --- the CLI ---------------------------------------------------------------------------------

def _leaf_parsers() -> list[tuple[list[str], argparse.ArgumentParser]]:
    out = []

    def walk(parser, prefix):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, [*prefix, name])
                return
        out.append((prefix, parser))

    walk(build_parser(), [])
    return out


def _required_args(parser: argparse.ArgumentParser) -> list[str]:
    args = []
    for action in parser._actions:
        if not action.option_strings and action.nargs not in ("?", "*"):
            args.append(action.choices[0] if action.choices else "x")
        elif action.required:
            args += [action.option_strings[0], "x"]
    for group in parser._mutually_exclusive_groups:
        if group.required:
            args += [group._group_actions[0].option_strings[0], "x"]
    return args


def _bad_value_cases():
    cases = []
    for prefix, parser in _leaf_parsers():
        cases.append(pytest.param([*prefix, *_required_args(parser), "--no-such-option"],
                                  id=" ".join([*prefix, "unknown-option"])))
        for action in parser._actions:
            kind = getattr(action.type, "__name__", None)
            bad = {"port_number": ["http", "70000"], "positive_int": ["0", "many"], "int": ["1.5x"],
                   "float": ["fast"]}.get(kind, [])
            for value in bad:
                cases.append(pytest.param([*prefix, *_required_args(parser), action.option_strings[0], value],
                                          id=" ".join([*prefix, action.option_strings[0], value])))
    return cases


@pytest.mark.parametrize("argv", _bad_value_cases())
def test_bad_arguments_give_one_error_line_and_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err and "error:" in err[-1] and "Traceback" not in "\n".join(err)
    assert any(token in err[-1] for token in (argv[-1], "unrecognized"))


MISSING = "/nonexistent-clinicwatch-dir"
FILE_CASES = {
    "crawl seeds missing": ["crawl", "--seeds", f"{MISSING}/seeds.txt"],
    "crawl bad --set": ["crawl", "--seeds", "SEEDS", "-s", "lowercase=1"],
    "run seeds missing": ["run", "--seeds", f"{MISSING}/seeds.txt"],
    "serve db missing": ["serve", "--db", f"{MISSING}/x.db"],
    "extract file missing": ["extract", f"{MISSING}/page.html"],
    "extract file scheme": ["extract", "file:///etc/passwd"],
    "analyse db missing": ["analyse", "--db", f"{MISSING}/x.db"],
    "check db missing": ["check", "Glow", "--db", f"{MISSING}/x.db"],
    "registers import file missing": ["registers", "import", "KIND", f"{MISSING}/f.csv", "--db", "DB"],
    "sample-web generate unwritable": ["sample-web", "generate", "--clinics", "2", "--out", "/proc/x"],
    "sample-web serve unknown fault": ["sample-web", "serve", "--faults", "meteor", "--out", "OUT"],
    "crawl db unwritable": ["crawl", "--seeds", "SEEDS", "--db", f"{MISSING}/x.db"],
    "verify db missing": ["verify", "--db", f"{MISSING}/x.db"],
    "registers list db missing": ["registers", "list", "--db", f"{MISSING}/x.db"],
    "eval fixtures missing": ["eval", "--fixtures", f"{MISSING}/fixtures"],
}


def _kind_choice() -> str:
    for prefix, parser in _leaf_parsers():
        if prefix == ["registers", "import"]:
            return _required_args(parser)[0]
    return "gmc"


@pytest.mark.slow
def test_missing_or_unusable_files_give_one_clear_line(tmp_path):
    assert _file_problems(FILE_CASES, tmp_path) == {}


def _file_problems(cases: dict, tmp_path) -> dict:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("http://clinic.example/\n")
    swap = {"SEEDS": str(seeds), "DB": str(tmp_path / "db.db"), "KIND": _kind_choice(), "OUT": str(tmp_path / "o")}
    procs = {}
    for name, argv in cases.items():
        argv = [swap.get(a, a) for a in argv]
        procs[name] = subprocess.Popen([sys.executable, "-m", "clinicwatch.cli", *argv], cwd=ROOT,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    problems = {}
    for name, proc in procs.items():
        try:
            _, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            problems[name] = "hung"
            continue
        lines = [ln for ln in err.strip().splitlines() if ln.strip()]
        command = cases[name][0]
        if proc.returncode == 0 or "Traceback" in err or not lines or \
                not lines[-1].startswith(f"clinicwatch {command}"):
            problems[name] = (proc.returncode, err[-600:])
    return problems


# --- private addresses and other schemes, end to end -----------------------------------------

@pytest.mark.slow
def test_loopback_and_other_schemes_are_refused_without_allow_private(tmp_path):
    """Only loopback targets here: a broken guard would still send nothing off this machine."""
    from tests.evidence.evidence_util import connect

    seeds = tmp_path / "seeds.txt"
    seeds.write_text("http://127.0.0.1:9/\nhttp://[::1]:9/\nhttp://127.1.2.3:9/\nhttp://clinic.localhost:9/\n"
                     "http://localhost:9/admin\nfile:///etc/passwd\ngopher://clinic.example/\n"
                     "javascript:alert(1)\nftp://clinic.example/prices\n")
    db = str(tmp_path / "guard.db")
    result = subprocess.run([sys.executable, "-m", "clinicwatch.cli", "crawl", "--seeds", str(seeds),
                             "--db", db, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Spider error processing" not in result.stderr and "Error processing" not in result.stderr
    con = connect(db)
    try:
        assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
        reasons = {r["url"]: r["reason"] for r in con.execute("SELECT url, reason FROM crawl_errors")}
    finally:
        con.close()
    refused = [u for u, why in reasons.items() if "refused" in why and "--allow-private" in why]
    schemes = [why for why in reasons.values() if "scheme" in why]
    assert len(refused) == 5, reasons
    assert len(schemes) == 4, reasons


@pytest.mark.parametrize("name, ip", [("metadata.internal", "169.254.169.254"), ("intranet", "10.1.2.3"),
                                      ("router", "192.168.1.1"), ("rebind.example", "127.0.0.1")])
def test_resolver_refuses_names_that_resolve_to_private_addresses(name, ip):
    """A public-looking name that resolves to a private address is refused (checked without traffic)."""
    from twisted.internet.error import DNSLookupError

    from crawl.netguard import GuardedResolver

    resolver = GuardedResolver.__new__(GuardedResolver)
    resolver.allow_private = False
    with pytest.raises(DNSLookupError, match="refused"):
        resolver._check(ip, name)
    resolver.allow_private = True
    assert resolver._check(ip, name) == ip
