"""`clinicwatch check QUERY`: the consumer report in the terminal (or as JSON).

Uses publish.report.check, the same builder as /check and /check.json. Exit code
0 when a report or a list of matches is printed, 1 when nothing matches.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import textwrap
from pathlib import Path
from typing import Any

from clinicwatch.cliutil import CliError, add_db, add_json, print_json
from clinicwatch.commands.live import add_live_options, cmd_live_check
from publish.report import check

WRAP = 96
CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # terminal escapes in scraped text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check", help="look a clinic up: findings, credentials, prices against local norms",
        description="Find a clinic by name, website, postcode, practitioner name or registration "
        "number and print its report: who treats you and whether their registration was found, "
        "what it costs against the local norm, and the findings. Same results as /check.")
    p.add_argument("query", nargs="?", default="", help='what to look for, e.g. "glow aesthetics"')
    p.add_argument("--clinic", metavar="ID", help="report on this clinic id (as listed by a search)")
    add_db(p)
    add_json(p)
    add_live_options(p)
    p.set_defaults(func=cmd_check)


def open_readonly(path: str) -> sqlite3.Connection:
    if not os.path.isfile(path):
        raise CliError(f"database not found: {path} (run `clinicwatch demo` or `clinicwatch crawl`)")
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def cmd_check(args: argparse.Namespace) -> int:
    if args.live:
        return cmd_live_check(args, lambda result: CONTROL_RE.sub("", render_text(result)))
    if not args.query.strip() and not args.clinic:
        raise CliError("give a QUERY (clinic name, website, postcode, practitioner or number) "
                       "or --clinic ID", 2)
    conn = open_readonly(args.db)
    try:
        result = check(conn, q=args.query, clinic=args.clinic)
    except sqlite3.DatabaseError as exc:
        raise CliError(f"cannot read {args.db}: {exc}") from None
    finally:
        conn.close()
    if args.json:
        print_json(result)
    else:
        print(CONTROL_RE.sub("", render_text(result)))
    return 0 if result["status"] in ("report", "choose") else 1


def render_text(result: dict[str, Any]) -> str:
    """The check result as readable text (the terminal version of the page)."""
    status = result["status"]
    if status == "no_match":
        return (f"No clinic matches {result['query']!r}. Try the website address, the postcode, "
                "or a practitioner's registration number.")
    if status == "not_found":
        return f"No clinic has the id {result['clinic_id']!r}."
    if status == "choose":
        lines = [f"{len(result['matches'])} clinics match {result['query']!r}:"]
        lines += [_table([[m["clinic_id"], m["name"] or m["site"], m["branch"],
                           m["locality"] or "", m["postcode"] or "", m["why"]]
                          for m in result["matches"]],
                         ["id", "clinic", "branch", "town", "postcode", "matched on"])]
        lines.append("Run `clinicwatch check --clinic ID` for one of them.")
        return "\n".join(lines)
    return _render_report(result["report"])


def _render_report(r: dict[str, Any]) -> str:
    c = r["clinic"]
    out = [f"{c['name'] or c['site']}" + (f" ({c['branch']})" if c["branch"] else ""),
           "=" * 60, r["headline"], ""]
    where = ", ".join(x for x in (c["address"], c["locality"], c["postcode"], c["country"]) if x)
    out += [f"Address:  {where or 'not given'}", f"Website:  {c['website'] or 'not given'}",
            f"Phone:    {c['phone'] or 'not given'}", ""]
    out += _section("What to watch out for", [
        f"[{f['severity'].upper()}] {f['message']} ({f['rule_id']})"
        + (f"\n  evidence: {f['evidence_url']}" if f["evidence_url"] else "")
        + (f"\n  why it matters: {f['source']['name']} <{f['source']['url']}>" if f.get("source") else "")
        for f in r["findings"]] or ["No findings."])
    out += _section("What was checked", [r["checked"]["sentence"], *r["checked"]["notes"]])
    care = r.get("care_register")
    if care:
        out += _section("Registered premises", [care["text"] + (f" <{care['url']}>" if care["url"] else "")])
    people = []
    for p in r["practitioners"]:
        people.append(f"{p['display_name']}: {p['profession_text']}; {p['prescriber_text']}")
        people += [f"  {cr['label']} {cr['value']}: {cr['status_text']}"
                   + (f" <{cr['register_url']}>" if cr["register_url"] else "")
                   for cr in p["credentials"]]
    people += [f"Clinic {cr['label']} {cr['value']}: {cr['status_text']}"
               for cr in r["clinic_credentials"]]
    out += _section("Who treats you", people or ["The site names nobody."])
    rows = [[p["treatment_name"], p["treatment_text"] or "", p["amount_text"],
             p["per_session_text"] or "", _norm_cell(p["norm"])] for p in r["prices"]]
    out += _section("What it costs", [_table(rows, ["treatment", "as written", "price",
                                                     "per session", "against local norm"])]
                    if rows else ["No prices found."])
    if r.get("charges"):
        out += _section("Other charges the clinic mentions",
                        [f"{m['role_text']}: {m['amount_text']}" + (f" ({m['source_url']})" if m["source_url"] else "")
                         for m in r["charges"]])
    if r.get("booking"):
        out += _section("Also bookable on", [f"{b['name']}: {b['url'] or ''}" for b in r["booking"]])
    out += _section("Sources", [f"{s['source']}: {s['url']} (last seen {(s['last_seen'] or '')[:10]})"
                                for s in r["sources"]]
                    + [f"page {p['url']} ({p['page_kind'] or 'page'}, read {(p['fetched_at'] or '')[:10]})"
                       for p in r["pages"]])
    return "\n".join(out).rstrip()


def _norm_cell(norm: dict[str, Any] | None) -> str:
    if not norm:
        return "no local norm"
    pct = norm["pct_vs_median"]
    return f"{pct:+.0f}% vs median ({norm['region']}, n={norm['n']})" if pct is not None else ""


def _section(title: str, lines: list[str]) -> list[str]:
    body = []
    for line in lines:
        body += [line] if "\n" in line or " | " in line else textwrap.wrap(
            line, WRAP, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False) or [""]
    return [title, "-" * len(title), *body, ""]


def _table(rows: list[list[Any]], header: list[str]) -> str:
    cells = [[str(x) for x in header]] + [[str(x) for x in row] for row in rows]
    widths = [min(max(len(r[i]) for r in cells), 48) for i in range(len(header))]
    fmt = lambda r: " | ".join(v[:w].ljust(w) for v, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(cells[0]), "-+-".join("-" * w for w in widths)] + [fmt(r) for r in cells[1:]])
