"""The `clinicwatch` command: argument parsing, progress, summaries, exit codes.

Business logic lives in the area packages; each exposes ``register(subparsers)``
(see clinicwatch/cliutil.py for the shared conventions).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sqlite3
import sys

from clinicwatch import __version__
from clinicwatch.cliutil import CliError

# Area modules that add subcommands, in the order `--help` lists them.
AREAS = [
    "clinicwatch.commands.crawl",  # demo, crawl, run, serve, extract, eval
    "clinicwatch.commands.samples",  # sample-web
    "clinicwatch.commands.registers",  # registers, verify
    "clinicwatch.commands.analysis",  # analyse
    "clinicwatch.commands.publish",  # check
    "clinicwatch.commands.ops",  # schedule
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clinicwatch",
        description="Vet aesthetic and hair-loss clinics: crawl their websites for prices and "
        "practitioner credentials, compare prices with local norms, check registers, and "
        "publish the findings with Datasette.",
    )
    parser.add_argument("--version", action="version", version=f"clinicwatch {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in AREAS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # area not present in this build
            raise
        module.register(sub)
    return parser


def _configure_logging(verbose: bool) -> None:
    """One stderr handler for everything, Scrapy included (crawl.py turns Scrapy's own off)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.INFO if verbose else logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"clinicwatch {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except sqlite3.Error as exc:
        print(f"clinicwatch {args.command}: database error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"clinicwatch {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
