"""Operations subcommands: schedule, changes, worker, crawl-shared.

* ``schedule`` prints (``--install``: installs) a crontab line or a systemd
  service + timer for ``clinicwatch run``, with ``flock -n`` so runs never
  overlap (``run`` also takes the lock itself: clinicwatch/scheduling.py).
* ``changes`` lists what changed between the last two crawls (db/history.py),
  as text, JSON Feed (``--json``) or an Atom file (``--atom FILE``).
* ``worker`` / ``crawl-shared`` crawl with several processes sharing one Redis
  queue; one writer stores into SQLite (clinicwatch/distributed.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from clinicwatch import scheduling
from clinicwatch.cliutil import CliError, add_allow_private, add_db, add_json, positive_int, print_json


def register(sub: argparse._SubParsersAction) -> None:
    _register_schedule(sub)
    _register_changes(sub)
    from clinicwatch import distributed

    distributed.register(sub)


def _register_schedule(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schedule", help="print or install a cron line / systemd timer for `run`",
                       description="Print a crontab line (default) or a systemd service and timer that "
                       "run `clinicwatch run` on a schedule under flock, so two runs never overlap. "
                       "--install adds the line to the crontab (or --crontab-file) or writes the units "
                       "to --dest (default ~/.config/systemd/user).")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--seeds", metavar="FILE", help="seed file for each run")
    src.add_argument("--area", metavar="AREA", help="area to discover clinics in on each run")
    add_db(p)
    add_allow_private(p)
    p.add_argument("--every", default="daily", metavar="WHEN",
                   help="hourly, daily, weekly, monthly (default daily) or 5 cron fields ('15 3 * * 1-5')")
    p.add_argument("--at", default="03:15", metavar="HH:MM", help="time of day for presets (default 03:15)")
    p.add_argument("--systemd", action="store_true", help="systemd service + timer instead of cron")
    p.add_argument("--install", action="store_true", help="install instead of only printing")
    p.add_argument("--dest", metavar="DIR", help="unit directory for --systemd --install")
    p.add_argument("--crontab-file", metavar="FILE",
                   help="with --install: merge the line into this file instead of the user's crontab")
    p.add_argument("--log", metavar="FILE", help="where cron appends output (default <db>.log)")
    p.add_argument("--clinicwatch", metavar="PATH", help="clinicwatch executable (default: this one)")
    p.set_defaults(func=cmd_schedule)


def _register_changes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("changes", help="what changed between the last two crawls (text, JSON Feed, Atom)",
                       description="Recompute and list what changed between the last two completed "
                       "crawls: new and gone clinics, prices that moved by more than --threshold, new and "
                       "cleared findings, register status changes. --json prints a JSON Feed 1.1 "
                       "document of recent changes; --atom FILE writes an Atom feed.")
    add_db(p)
    add_json(p)
    p.add_argument("--atom", metavar="FILE", help="write an Atom feed of recent changes to FILE")
    p.add_argument("--threshold", type=float, default=None,
                   help="price change fraction (default: CLINICWATCH_PRICE_CHANGE_THRESHOLD, 0.10)")
    p.add_argument("--limit", type=positive_int, default=200, help="feed entries (default 200)")
    p.set_defaults(func=cmd_changes)


def clinicwatch_executable() -> str:
    beside = Path(sys.executable).with_name("clinicwatch")
    if beside.is_file():
        return str(beside)
    return shutil.which("clinicwatch") or "clinicwatch"


def _run_args(args) -> list[str]:
    out = ["--db", os.path.abspath(args.db)]
    out += ["--seeds", os.path.abspath(args.seeds)] if args.seeds else ["--area", args.area]
    if args.allow_private:
        out.append("--allow-private")
    return out


def cmd_schedule(args) -> int:
    try:
        cron_spec, calendar = scheduling.schedules(args.every, args.at)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    lock = scheduling.lock_path_for(args.db)
    command = scheduling.run_command(args.clinicwatch or clinicwatch_executable(), _run_args(args))
    workdir = os.getcwd()
    if args.systemd:
        try:
            units = scheduling.systemd_units(command, calendar, lock, workdir)
        except ValueError as exc:
            raise CliError(str(exc), 2) from None
        if not args.install:
            for name, text in units.items():
                print(f"# ---- {name} ----\n{text}")
            return 0
        dest = Path(args.dest or Path.home() / ".config" / "systemd" / "user")
        for path in scheduling.write_units(units, dest):
            print(f"wrote {path}")
        print("enable with: systemctl --user daemon-reload && systemctl --user enable --now "
              f"{scheduling.UNIT_NAME}.timer")
        return 0
    line = scheduling.cron_line(cron_spec, command, lock, args.log or os.path.abspath(args.db) + ".log",
                                workdir)
    if not args.install:
        print(line)
        return 0
    _install_cron(line, args.crontab_file)
    return 0


def _install_cron(line: str, crontab_file: str | None) -> None:
    if crontab_file:
        path = Path(crontab_file)
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(scheduling.merge_crontab(existing, line), encoding="utf-8")
        print(f"installed in {path}: {line}")
        return
    if not shutil.which("crontab"):
        raise CliError("crontab(1) not found: install cron, use --crontab-file, or --systemd")
    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    existing = current.stdout if current.returncode == 0 else ""
    done = subprocess.run(["crontab", "-"], input=scheduling.merge_crontab(existing, line),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CliError(f"crontab refused the new table: {done.stderr.strip()[:200]}")
    print(f"installed in your crontab: {line}")


def _threshold(args) -> float:
    if args.threshold is not None:
        if not 0 <= args.threshold < 10:
            raise CliError(f"--threshold must be a fraction such as 0.1: {args.threshold}", 2)
        return args.threshold
    import settings

    return float(settings.CLINICWATCH_PRICE_CHANGE_THRESHOLD)


def cmd_changes(args) -> int:
    from clinicwatch import changefeed
    from db import history
    from db.schema import open_db

    if not os.path.isfile(args.db):
        raise CliError(f"database not found: {args.db}")
    db = open_db(args.db)
    try:
        latest = history.refresh_changes(db, _threshold(args))
        pair = history.last_two_crawls(db)
        recent = history.get_changes(db, args.limit)
    finally:
        db.close()
    if args.atom:
        Path(args.atom).write_text(changefeed.atom_feed(recent, args.db), encoding="utf-8")
    if args.json:
        print_json(changefeed.json_feed(recent, args.db))
    elif not args.atom:
        print(changefeed.text_report(latest, pair))
    return 0
