"""The `clinicwatch analyse` subcommand: recompute norms and findings, print a summary."""

from __future__ import annotations

import argparse
import os
from typing import Any

from clinicwatch import cliutil


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "analyse",
        help="compute local price norms and findings (flags) from the crawled data",
        description="Recompute price_norms and price_positions, run every finding rule "
        "and replace the current flags (history is kept in flags_history).",
    )
    cliutil.add_db(parser)
    cliutil.add_json(parser)
    cliutil.add_settings_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from analysis import analyse
    from analysis.settings import from_settings
    from clinicwatch.crawl import build_settings
    from db.schema import open_db

    if not os.path.exists(args.db):
        raise cliutil.CliError(f"database not found: {args.db} (run a crawl first)")
    try:
        overrides = from_settings(build_settings(args.db, overrides=cliutil.settings_overrides(args)))
    except ValueError as exc:
        raise cliutil.CliError(str(exc), 2) from None
    db = open_db(args.db)
    try:
        summary = analyse(db, overrides)
    finally:
        db.close()
    if args.json:
        cliutil.print_json(summary)
    else:
        print(format_summary(summary))
    return 0


def format_summary(summary: dict[str, Any]) -> str:
    norms, findings = summary["norms"], summary["findings"]
    lines = [
        f"norms: {norms['norms']} from {norms['clinic_values']} clinic figures "
        f"({norms['comparable_prices']} comparable prices)",
    ]
    lines += [f"  {level}: {n}" for level, n in norms["norms_by_level"].items()]
    used = ", ".join(f"{k} {v}" for k, v in norms["positions_by_level"].items())
    lines.append(f"prices positioned: {norms['positions']} (norm level used: {used or 'none'})")
    lines.append(
        f"findings: {findings['findings']} ({findings['new']} new, "
        f"{findings['cleared']} cleared)"
    )
    for rule_id, counts in findings["rules"].items():
        parts = ", ".join(
            f"{sev} {counts[sev]}" for sev in ("red", "amber", "info") if sev in counts
        )
        lines.append(f"  {rule_id} v{counts['version']}: {parts or 'none'}")
    return "\n".join(lines)
