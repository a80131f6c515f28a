"""`clinicwatch check URL --live`: crawl one website now and print the same report as `check`.

The options are added to the `check` subcommand (clinicwatch/commands/publish.py); the work
is clinicwatch/live.py. Progress goes to stderr (one line, rewritten on a terminal); the
report goes to stdout. A site that cannot be read is one line on stderr and exit code 1;
an address that is refused before any fetch is exit code 2.
"""

from __future__ import annotations

import argparse
import socket
from pathlib import Path
from urllib.parse import urlsplit

from clinicwatch.cliutil import CliError, add_allow_private, add_settings_option, print_json, settings_overrides


def add_live_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--live", action="store_true",
                   help="QUERY is a website: crawl it now (same spider, limits and manners as a crawl), "
                   "verify its registration numbers, compare its prices with the local norms in the "
                   "database and print the report")
    p.add_argument("--no-store", action="store_true",
                   help="with --live: keep what was found out of the database (it is not even opened for writing)")
    p.add_argument("--npi-url", metavar="URL",
                   help="with --live: NPI Registry API base URL for US numbers (default: the public one, "
                   "or $CLINICWATCH_NPI_URL)")
    add_allow_private(p)
    add_settings_option(p)


def check_resolves(url: str, allow_private: bool) -> None:
    """Refuse a host that resolves to a private address before crawling (the crawl's resolver
    guard refuses it too, after DNS and after every redirect; this only says so sooner)."""
    from core.netaddr import address_refusal
    from crawl.netguard import is_local_name

    host = urlsplit(url).hostname or ""
    if allow_private or is_local_name(host):
        return
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        raise CliError(f"cannot check {url}: no such host ({host} does not resolve)") from None
    for info in infos:
        why = address_refusal(info[4][0])
        if why:
            raise CliError(f"refused: {host} resolves to {why} (use --allow-private to allow)", 2)


def cmd_live_check(args: argparse.Namespace, render_text) -> int:
    from clinicwatch.live import LiveCheckFailed, live_check
    from crawl.live_target import normalise

    if args.clinic:
        raise CliError("--live checks a website: give its address as QUERY, not --clinic", 2)
    url, why = normalise(args.query, allow_private=args.allow_private)
    if why:
        raise CliError(why if why.startswith("refused") else f"not a website address: {why}", 2)
    if not Path(args.db).resolve().parent.is_dir():
        raise CliError(f"cannot use database {args.db}: its directory does not exist", 2)
    check_resolves(url, args.allow_private)
    import sys

    print(f"live check: reading {url} ...", file=sys.stderr, flush=True)
    try:
        result = live_check(args.db, url, store_result=not args.no_store, allow_private=args.allow_private,
                            overrides=settings_overrides(args), npi_url=args.npi_url,
                            log_level="INFO" if args.verbose else "WARNING")
    except LiveCheckFailed as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(result)
        return 0
    live = result["live"]
    print(render_text(result))
    print()
    stored = (f"stored as crawl {live['crawl_id']} (kind live) in {args.db}" if live["stored"]
              else "not stored (--no-store)")
    print(f"Live check of {url}: {live['pages']} pages read, {live['prices']} prices, "
          f"{live['findings']} finding{'' if live['findings'] == 1 else 's'} in {live['seconds']:.1f}s; {stored}.")
    if not live["norms_available"]:
        print(f"No price norms in {args.db}: run `clinicwatch run` or `clinicwatch analyse` first "
              "for prices against local norms.")
    return 0
