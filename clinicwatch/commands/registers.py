"""Subcommands ``registers import|list`` and ``verify`` (argument parsing and summaries only)."""

from __future__ import annotations

import argparse
import os

import sqlite_utils

from clinicwatch.cliutil import CliError, add_allow_private, add_db, add_json, positive_int, print_json
from db.schema import open_db
from registers.care import CARE_REGISTERS, CareFormatError, import_care_file
from registers.care_match import DEFAULT_THRESHOLD, match_care_registers
from registers.cqc import DEFAULT_CQC_URL, CqcClient, CqcError, fetch_cqc
from registers.cqc import DEFAULT_CACHE_TTL as CQC_CACHE_TTL
from registers.cqc import DEFAULT_MIN_INTERVAL as CQC_MIN_INTERVAL
from registers.net import BlockedAddress
from registers.npi import DEFAULT_CACHE_TTL, DEFAULT_MIN_INTERVAL, DEFAULT_NPI_URL, NpiClient
from registers.nppes import NppesFormatError, import_nppes_csv
from registers.uk import UK_KINDS, SnapshotFormatError, import_snapshot
from registers.verify import verify_credentials

IMPORT_KINDS = (*UK_KINDS, "nppes", *CARE_REGISTERS)


def _open(path: str) -> sqlite_utils.Database:
    db = open_db(path)
    return db


def cmd_import(args: argparse.Namespace) -> int:
    kind = args.kind.lower()
    if kind not in IMPORT_KINDS:
        raise CliError(f"unknown register kind {args.kind!r}; one of {', '.join(IMPORT_KINDS)}", 2)
    if not os.path.isfile(args.file):
        raise CliError(f"no such file: {args.file}")
    db = _open(args.db)
    if kind in CARE_REGISTERS:
        return _import_care(db, kind, args)
    try:
        if kind == "nppes":
            rows, skipped = import_nppes_csv(db, args.file), 0
        else:
            result = import_snapshot(db, kind, args.file)
            rows, skipped = result.rows, result.skipped
    except (NppesFormatError, SnapshotFormatError) as exc:
        raise CliError(f"{args.file}: {exc}") from None
    except OSError as exc:
        raise CliError(f"{args.file}: {exc.strerror or exc}") from None
    if args.json:
        print_json({"register": kind, "rows": rows, "skipped": skipped, "file": args.file})
        return 0
    note = f" ({skipped} rows without a name or number skipped)" if skipped else ""
    print(f"imported {rows} {kind} rows from {args.file}{note}")
    return 0


def _import_care(db: sqlite_utils.Database, kind: str, args: argparse.Namespace) -> int:
    try:
        result = import_care_file(db, kind, args.file)
    except CareFormatError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    except OSError as exc:
        raise CliError(f"{args.file}: {exc.strerror or exc}") from None
    if args.json:
        print_json({"register": kind, "rows": result.rows, "skipped": result.skipped,
                    "problems": result.problems, "file": args.file})
        return 0
    note = f" ({result.skipped} bad records skipped)" if result.skipped else ""
    print(f"imported {result.rows} {kind} locations from {args.file}{note}")
    for problem in result.problems:
        print(f"  skipped {problem}")
    if result.skipped > len(result.problems):
        print(f"  ... and {result.skipped - len(result.problems)} more")
    return 0


def _filters(items: list[str]) -> dict[str, str] | None:
    if not items:
        return None
    filters = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CliError(f"bad --filter {item!r}: expected NAME=VALUE (e.g. localAuthority=Leeds)", 2)
        filters[name.strip()] = value.strip()
    return filters


def cmd_fetch(args: argparse.Namespace) -> int:
    if args.register.lower() != "cqc":
        raise CliError(f"only the CQC register has an API: {args.register!r}", 2)
    if not (args.location_id or args.postcode or args.filter or args.all):
        raise CliError("say what to fetch: --location-id, --postcode, --filter or --all", 2)
    filters = _filters(args.filter)
    db = _open(args.db)
    try:
        client = CqcClient(base_url=args.cqc_url, db=db, allow_private=args.allow_private,
                           min_interval=args.min_interval, cache_ttl=args.cache_ttl)
        stats = fetch_cqc(db, client, location_ids=tuple(args.location_id), postcode=args.postcode,
                          filters=filters if filters is not None else ({} if args.all else None),
                          max_pages=args.max_pages)
    except (CqcError, BlockedAddress) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(stats)
        return 0
    print(f"saved {stats['saved']} CQC locations ({stats['pages']} list pages, "
          f"{stats['requests']} requests, {stats['cache_hits']} from the cache)")
    if stats["unknown"]:
        print(f"unknown to the CQC: {', '.join(stats['unknown'])}")
    if stats["snapshot"]:
        print("the whole register was read: recorded as the cqc snapshot")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = _open(args.db)
    rows = [
        {"kind": kind, "rows": n, "imported_at": at, "source_file": src}
        for kind, n, at, src in db.execute(
            "SELECT kind, rows, imported_at, source_file FROM register_snapshots ORDER BY kind"
        ).fetchall()
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no register snapshots imported (clinicwatch registers import KIND FILE)")
    for row in rows:
        print(f"{row['kind']:<9} {row['rows']:>9} rows  {row['imported_at']}  {row['source_file']}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    db = _open(args.db)
    client = None
    if args.online:
        client = NpiClient(base_url=args.npi_url, db=db, allow_private=args.allow_private,
                           min_interval=args.npi_min_interval, cache_ttl=args.npi_cache_ttl)
    try:
        stats = verify_credentials(db, npi_client=client)
    except BlockedAddress as exc:
        raise CliError(str(exc)) from None
    try:
        stats["care_registers"] = match_care_registers(db, threshold=args.care_name_threshold)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    if args.json:
        print_json(stats)
        return 0
    summary = ", ".join(f"{k} {v}" for k, v in stats["by_status"].items()) or "nothing to check"
    print(f"checked {stats['checked']} credentials: {summary}")
    print(f"status changes recorded: {stats['history_rows']}")
    if client:
        print(f"NPI Registry requests: {stats['online_requests']}")
    for register, methods in stats["care_registers"]["by_register"].items():
        found = ", ".join(f"{m} {n}" for m, n in methods.items()) or "no clinics in its nation"
        print(f"clinics matched to the {register.upper()} register: {found}")
    if stats["errors"]:
        print(f"left unchanged after register errors: {stats['errors']}")
        return 1
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    reg = subparsers.add_parser("registers", help="import and list register snapshots")
    reg_sub = reg.add_subparsers(dest="registers_command", metavar="ACTION", required=True)
    imp = reg_sub.add_parser(
        "import", help="import a register snapshot (UK and voluntary CSVs, the NPPES file, CQC locations, the HIS register)",
        description="KIND is one of " + ", ".join(IMPORT_KINDS) + ". UK and voluntary files "
        "have the columns number,name,status,annotations; nppes takes the NPPES "
        "dissemination CSV (npidata_pfile_*.csv); cqc takes CQC API location records (JSON "
        "lines, a JSON array or one object); his takes a CSV with the columns "
        "service_number,service_name,provider_name,address,town,postcode,service_type,status,"
        "registration_date,phone,website (docs/registers.md).",
    )
    imp.add_argument("kind", metavar="KIND")
    imp.add_argument("file", metavar="FILE")
    add_db(imp)
    add_json(imp)
    imp.set_defaults(func=cmd_import)
    fet = reg_sub.add_parser(
        "fetch", help="fetch CQC locations from the CQC public API into care_locations",
        description="Needs a free subscription key in $CQC_SUBSCRIPTION_KEY. --location-id reads "
        "those records; --postcode pages the location list and keeps the postcodes that start "
        "with it; --filter passes the API's own list filters (region, localAuthority, "
        "gacServiceTypeDescription...); --all reads the whole list, which alone records a cqc "
        "snapshot (docs/registers.md).",
    )
    fet.add_argument("register", metavar="REGISTER", help="cqc")
    fet.add_argument("--location-id", action="append", default=[], metavar="ID",
                     help="a CQC location id such as 1-123456789 (repeatable)")
    fet.add_argument("--postcode", metavar="PREFIX", help="keep listed locations whose postcode "
                     "starts with this (e.g. 'LS1' or 'LS1 4AP')")
    fet.add_argument("--filter", action="append", default=[], metavar="NAME=VALUE",
                     help="a list filter of the API (repeatable)")
    fet.add_argument("--all", action="store_true", help="read the whole location list")
    fet.add_argument("--max-pages", type=positive_int, metavar="N", help="stop the list after N pages")
    fet.add_argument("--cqc-url", default=DEFAULT_CQC_URL, metavar="URL",
                     help=f"API base URL (default {DEFAULT_CQC_URL})")
    fet.add_argument("--min-interval", type=float, default=CQC_MIN_INTERVAL, metavar="SECONDS",
                     help="least time between API requests")
    fet.add_argument("--cache-ttl", type=float, default=CQC_CACHE_TTL, metavar="SECONDS",
                     help="how long cached API answers are reused")
    add_allow_private(fet)
    add_db(fet)
    add_json(fet)
    fet.set_defaults(func=cmd_fetch)
    lst = reg_sub.add_parser("list", help="which snapshots are loaded, when, how many rows")
    add_db(lst)
    add_json(lst)
    lst.set_defaults(func=cmd_list)

    ver = subparsers.add_parser("verify", help="check practitioner credentials against registers")
    add_db(ver)
    ver.add_argument("--online", action="store_true",
                     help="look up NPIs missing from the imported NPPES file in the NPI Registry API")
    ver.add_argument("--npi-url", default=DEFAULT_NPI_URL, metavar="URL",
                     help=f"NPI Registry API base URL (default {DEFAULT_NPI_URL})")
    ver.add_argument("--npi-min-interval", type=float, default=DEFAULT_MIN_INTERVAL,
                     metavar="SECONDS", help="least time between API requests")
    ver.add_argument("--npi-cache-ttl", type=float, default=DEFAULT_CACHE_TTL, metavar="SECONDS",
                     help="how long cached API answers are reused")
    ver.add_argument("--care-name-threshold", type=float, default=DEFAULT_THRESHOLD, metavar="SCORE",
                     help="least name similarity (0-1) for a clinic to match a CQC/HIS location at "
                     f"its postcode (default {DEFAULT_THRESHOLD})")
    add_allow_private(ver)
    add_json(ver)
    ver.set_defaults(func=cmd_verify)
