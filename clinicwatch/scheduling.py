"""Scheduled runs: the crontab line, the systemd service/timer pair, and the run lock.

Two layers keep runs from overlapping. The crontab line and the systemd service
wrap ``clinicwatch run`` in ``flock -n`` on the lock file, so a late run is
skipped before Python starts; and ``clinicwatch run`` takes the same lock
itself (``run_lock``, fcntl), so a run started by hand or by another scheduler
refuses too. The lock is advisory and released by the kernel when the process
dies, so a crashed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import re
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CRON_MARK = "# clinicwatch:"
UNIT_NAME = "clinicwatch"
_CRON_FIELD = re.compile(r"^[\d*/,\-A-Za-z]+$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# --every presets: cron schedule and systemd OnCalendar, given HH:MM.
PRESETS = {
    "hourly": ("{m} * * * *", "*-*-* *:{m:02d}:00"),
    "daily": ("{m} {h} * * *", "*-*-* {h:02d}:{m:02d}:00"),
    "weekly": ("{m} {h} * * 1", "Mon *-*-* {h:02d}:{m:02d}:00"),
    "monthly": ("{m} {h} 1 * *", "*-*-01 {h:02d}:{m:02d}:00"),
}


class LockHeld(Exception):
    """Another process holds the run lock."""


def lock_path_for(db_path: str) -> str:
    return os.path.abspath(db_path) + ".lock"


@contextmanager
def run_lock(db_path: str) -> Iterator[str]:
    """Hold an exclusive, non-blocking lock for runs on this database; raise LockHeld if taken."""
    path = lock_path_for(db_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            raise LockHeld(f"another clinicwatch run is already working on {db_path} "
                           f"(lock {path} held by pid {holder}); not starting a second one") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the lock


def schedules(every: str, at: str) -> tuple[str, str]:
    """(cron schedule, systemd OnCalendar) for a preset and HH:MM, or a raw 5-field cron spec."""
    match = _TIME.match(at)
    if not match:
        raise ValueError(f"--at must be HH:MM (24-hour): {at!r}")
    hour, minute = int(match.group(1)), int(match.group(2))
    if every in PRESETS:
        cron, calendar = PRESETS[every]
        return cron.format(h=hour, m=minute), calendar.format(h=hour, m=minute)
    fields = every.split()
    if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
        raise ValueError(f"--every must be hourly, daily, weekly, monthly or 5 cron fields: {every!r}")
    return every, ""


def run_command(clinicwatch: str, run_args: list[str]) -> str:
    return " ".join(shlex.quote(a) for a in [clinicwatch, "run", *run_args])


def cron_line(schedule: str, command: str, lock: str, log: str, workdir: str) -> str:
    """One crontab line: cd, flock -n, run, append output to a log. '%' is escaped for cron."""
    body = (f"cd {shlex.quote(workdir)} && flock -n {shlex.quote(lock)} {command} "
            f">> {shlex.quote(log)} 2>&1")
    return f"{schedule} {body.replace('%', chr(92) + '%')} {CRON_MARK}{lock}"


def merge_crontab(existing: str, line: str) -> str:
    """The crontab with our line for this lock file replacing any earlier one."""
    mark = line[line.rindex(CRON_MARK):]
    kept = [ln for ln in existing.splitlines() if not ln.rstrip().endswith(mark)]
    return "\n".join([*kept, line]) + "\n"


def systemd_units(command: str, calendar: str, lock: str, workdir: str) -> dict[str, str]:
    """{'clinicwatch.service': ..., 'clinicwatch.timer': ...} for a user or system unit directory."""
    if not calendar:
        raise ValueError("systemd timers need --every hourly|daily|weekly|monthly (not a cron spec)")
    service = (
        "[Unit]\nDescription=clinicwatch: crawl, verify and analyse clinics\n"
        "After=network-online.target\nWants=network-online.target\n\n"
        f"[Service]\nType=oneshot\nWorkingDirectory={workdir}\n"
        f"ExecStart=/usr/bin/flock -n {lock} {command}\n"
        "Nice=10\nIOSchedulingClass=idle\n"
    )
    timer = (
        f"[Unit]\nDescription=Run clinicwatch on a schedule\n\n"
        f"[Timer]\nOnCalendar={calendar}\nPersistent=true\nRandomizedDelaySec=300\n"
        f"Unit={UNIT_NAME}.service\n\n[Install]\nWantedBy=timers.target\n"
    )
    return {f"{UNIT_NAME}.service": service, f"{UNIT_NAME}.timer": timer}


def write_units(units: dict[str, str], dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in units.items():
        path = dest / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
