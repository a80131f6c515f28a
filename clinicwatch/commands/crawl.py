"""Core subcommands: demo, crawl, run, serve, extract, eval."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from clinicwatch import jobs
from db.store import format_error_reasons
from clinicwatch.cliutil import (
    CliError, add_allow_private, add_db, add_json, add_settings_option, port_number, positive_int, print_json,
    settings_overrides,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="crawl the bundled sample web, vet it, serve Datasette",
                       description="Start the bundled sample web on loopback, crawl it, verify "
                       "credentials against its register snapshots, compute norms and findings, and "
                       "serve the result with Datasette at http://127.0.0.1:PORT/.")
    add_db(p)
    p.add_argument("--port", type=port_number, default=8001, help="Datasette port (default 8001)")
    p.add_argument("--clinics", type=positive_int, default=120, help="sample sites (default 120)")
    p.add_argument("--seed", type=int, default=7, help="sample web seed (default 7)")
    p.add_argument("--no-serve", action="store_true", help="stop after writing the database")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("crawl", help="crawl clinic websites from a seed file",
                       description="Crawl each seed's website (inside its own site, bounded per site) "
                       "and store clinics, prices, practitioners and credentials.")
    p.add_argument("--seeds", required=True, metavar="FILE",
                   help="one URL per line, or CSV with at least name,website columns")
    add_db(p)
    add_allow_private(p)
    _add_crawl_options(p)
    add_json(p)
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("run", help="the whole job: crawl, verify, norms and findings",
                       description="Run discovery (--area) or read seeds (--seeds), crawl, verify "
                       "credentials, compute price norms and findings, and print a summary.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--seeds", metavar="FILE", help="seed file (see crawl)")
    src.add_argument("--area", metavar="AREA", help='area to discover clinics in, e.g. "Manchester"')
    add_db(p)
    add_allow_private(p)
    p.add_argument("--overpass-url", help="Overpass API endpoint (default: the public one)")
    _add_crawl_options(p)
    add_json(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("serve", help="serve the database read-only with Datasette",
                       description="Run Datasette on the database: immutable, no write endpoints, "
                       "with clinicwatch's metadata, canned queries and the /check page.")
    add_db(p)
    p.add_argument("--port", type=port_number, default=8001, help="port (default 8001)")
    p.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    p.add_argument("--live-checks", action="store_true",
                   help="let /check visitors have a website that is not in the database crawled now "
                   "(off by default: it makes this server crawl on request; see docs/publishing.md)")
    add_allow_private(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("extract", help="print what the page objects read from one page (JSON)",
                       description="Read one saved page (HTML, a plain-text excerpt read line by line, or a "
                       "PDF price list) or fetch one URL and print, as JSON, the clinic, prices, other money "
                       "and practitioners the page objects find (see docs/data-contract.md).")
    p.add_argument("target", metavar="FILE_OR_URL")
    p.add_argument("--url", help="the page's URL when reading a file (used for links and page kind)")
    p.add_argument("--content-type", help="Content-Type header to assume for a file (charset)")
    add_allow_private(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="precision and recall against the sample web's ground truth",
                       description="Crawl a freshly started sample web and score what was stored against "
                       "the generator's ground truth; with --fixtures, score the golden fixture suite.")
    p.add_argument("--clinics", type=positive_int, default=120, help="sample sites (default 120)")
    p.add_argument("--seed", type=int, default=7, help="sample web seed (default 7)")
    p.add_argument("--db", metavar="PATH", help="keep the crawled database here (default: temporary)")
    p.add_argument("--shape", choices=("lean", "cms"), default="lean",
                   help="sample pages: lean (2-3 KB) or cms (real-sized CMS pages with menus, scripts and "
                   "state; samples/cms.py); default lean")
    p.add_argument("--fixtures", nargs="?", const="tests/fixtures/pages", metavar="DIR",
                   help="score the golden fixture suite instead (default dir tests/fixtures/pages)")
    p.add_argument("--devset", nargs="?", const="devset", metavar="DIR",
                   help="score the real-text development set instead (labels in DIR/labels, page text in "
                   "DIR/cache; default dir devset): P/R/F1 per field, failure classes and failing pages")
    add_json(p)
    p.set_defaults(func=cmd_eval)


def _add_crawl_options(p: argparse.ArgumentParser) -> None:
    """Options shared by every subcommand that runs the sites spider (read by cliutil.settings_overrides)."""
    p.add_argument("--max-pages", type=positive_int, help="pages per site (default 25)")
    p.add_argument("--render", choices=("auto", "never", "always"),
                   help="render pages in headless Chromium: auto renders client-rendered app shells only "
                   "(default), always every page, never none (at most 10 a site, 300 a crawl)")
    add_settings_option(p)




def _check_seeds(path: str) -> None:
    if not os.path.isfile(path):
        raise CliError(f"seed file not found: {path}", 2)


def _check_db_dir(db: str) -> None:
    parent = Path(db).resolve().parent
    if not parent.is_dir():
        raise CliError(f"cannot create database {db}: directory {parent} does not exist", 2)


def cmd_crawl(args) -> int:
    _check_seeds(args.seeds)
    _check_db_dir(args.db)
    from clinicwatch.crawl import crawl_sites
    from clinicwatch.scheduling import LockHeld, run_lock

    try:
        with run_lock(args.db):
            row = crawl_sites(args.seeds, args.db, allow_private=args.allow_private,
                              overrides=settings_overrides(args),
                              log_level="INFO" if args.verbose else "WARNING")
    except LockHeld as exc:
        raise CliError(str(exc)) from None
    _print_crawl(row, args.json)
    return 0 if row.get("status") == "finished" else 1


def _print_crawl(row: dict, as_json: bool) -> None:
    if as_json:
        print_json(row)
        return
    print(f"crawl {row.get('id')}: {row.get('status')} ({row.get('finish_reason')}) - "
          f"{row.get('sites')} sites, {row.get('pages')} pages, {row.get('items')} items, "
          f"{row.get('errors')} errors")
    if row.get("error_reasons"):
        print(f"commonest errors: {format_error_reasons(row['error_reasons'])}")


def cmd_run(args) -> int:
    if args.seeds:
        _check_seeds(args.seeds)
    _check_db_dir(args.db)
    summary = jobs.run_job(args.db, seeds=args.seeds, area=args.area,
                               allow_private=args.allow_private, overpass_url=args.overpass_url,
                               overrides=settings_overrides(args), verbose=args.verbose)
    jobs.print_summary(summary, args.json)
    return 0 if summary["ok"] else 1


def cmd_demo(args) -> int:
    summary = jobs.run_demo(args.db, clinics=args.clinics, seed=args.seed, verbose=args.verbose)
    jobs.print_summary(summary, False)
    if not summary["ok"]:
        return 1
    if args.no_serve:
        print(f"database written: {args.db}")
        return 0
    return cmd_serve(argparse.Namespace(db=args.db, port=args.port, host="127.0.0.1"))


def cmd_serve(args) -> int:
    from publish.serve import datasette_command

    if not os.path.isfile(args.db):
        raise CliError(f"database not found: {args.db} (run `clinicwatch crawl` or `clinicwatch demo` first)")
    live = {"allow_private": bool(getattr(args, "allow_private", False))} if getattr(args, "live_checks", False) else None
    cmd = datasette_command(args.db, host=args.host, port=args.port, live=live)
    print(f"Datasette: http://{args.host}:{args.port}/  (consumer check: /check"
          f"{'; live checks on, at most 2 at once' if live else ''})", flush=True)
    os.execv(cmd[0], cmd)
    return 0  # not reached


def cmd_extract(args) -> int:
    from clinicwatch.fetch import fetch_page
    from spiders.pages import extract_page

    target = args.target
    if target.startswith(("http://", "https://")):
        body, content_type, url = fetch_page(target, allow_private=args.allow_private)
    elif "://" in target:
        raise CliError(f"unsupported URL scheme in {target!r}: give an http(s) URL or a file path", 2)
    else:
        path = Path(target)
        if not path.is_file():
            raise CliError(f"file not found: {target}", 2)
        body, content_type = path.read_bytes(), args.content_type
        url = args.url or path.resolve().as_uri()
    from spiders.pages import pdf_page

    if pdf_page.looks_like_pdf(body, content_type):  # a PDF price list: every page's prices, in order
        from items import PageExtract

        result = PageExtract(page_kind="prices")
        for _, page in pdf_page.extract_pdf(body, url):
            result.prices += page.prices
            result.money += page.money
            result.errors += page.errors
    else:
        result = extract_page(body, url, content_type=content_type)
    for reason in result.errors:
        print(f"clinicwatch extract: {reason}", file=sys.stderr)
    print_json(result.to_dict())
    return 0


def cmd_eval(args) -> int:
    from clinicwatch import evaluate

    if args.devset:
        from clinicwatch import devset

        if not (Path(args.devset) / "labels").is_dir():
            raise CliError(f"no development set here (no {args.devset}/labels directory)", 2)
        report = devset.evaluate_devset(args.devset)
        if not report["scores"]["own prices (treatment, amount, currency)"]["expected"] and not report["rates"][
                "crashes"][1]:
            raise CliError(f"no page of {args.devset} has cached text: rebuild it as devset/README.md says", 2)
        if args.json:
            print_json(report)
        else:
            print(devset.format_devset_report(report))
        return 0 if report["ok"] else 1
    if args.fixtures:
        if not Path(args.fixtures).is_dir():
            raise CliError(f"fixture directory not found: {args.fixtures}", 2)
        report = evaluate.score_fixtures(args.fixtures)
        if not report["scores"]:
            raise CliError(f"no golden fixtures (*/expected.json) under {args.fixtures}", 2)
    else:
        with tempfile.TemporaryDirectory(prefix="clinicwatch-eval-") as tmp:
            db_path = args.db or str(Path(tmp) / "eval.db")
            report = evaluate.evaluate_sample_web(db_path, clinics=args.clinics, seed=args.seed,
                                                  verbose=args.verbose, shape=args.shape)
    if args.json:
        print_json(report)
    else:
        print(evaluate.format_report(report))
    return 0 if report.get("ok", True) else 1

