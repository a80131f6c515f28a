"""Shared CLI conventions: --db, --allow-private, --json, one-line errors.

Every area module that adds subcommands exposes ``register(subparsers)`` and
uses these helpers, so all subcommands behave alike. A handler returns an exit
code or raises :class:`CliError`, which the entry point prints as one line on
stderr with exit code 2 (bad usage) or 1 (failure).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

# The database when --db is not given: $CLINICWATCH_DB, else clinicwatch.db in the working directory.
DEFAULT_DB = os.environ.get("CLINICWATCH_DB", "clinicwatch.db")


class CliError(Exception):
    """A failure to report as one line on stderr."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=DEFAULT_DB, metavar="PATH",
        help=f"SQLite database file (default: ./{DEFAULT_DB}, or $CLINICWATCH_DB)",
    )


def add_allow_private(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-private", action="store_true",
        help="allow fetching private, loopback and link-local addresses "
             "(refused by default; the sample web and tests need it)",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value}")
    return value


def port_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range 0-65535: {value}")
    return value


def add_settings_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a setting (repeatable): Scrapy settings, CLINICWATCH_* crawl, "
                        "change and analysis thresholds (docs/rules.md)")


def settings_overrides(args: argparse.Namespace) -> dict:
    overrides: dict = {}
    for item in getattr(args, "set", []) or []:
        name, sep, value = item.partition("=")
        if not sep or not name.isupper():
            raise CliError(f"bad --set {item!r}: expected NAME=VALUE with an upper-case setting name", 2)
        overrides[name] = value
    if getattr(args, "max_pages", None):
        overrides["CLINICWATCH_MAX_PAGES_PER_SITE"] = args.max_pages
    if getattr(args, "render", None):
        overrides["CLINICWATCH_RENDER"] = args.render
    return overrides
