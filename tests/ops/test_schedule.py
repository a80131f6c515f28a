"""`clinicwatch schedule` and the run lock: cron/systemd text, installs into temp dirs, no overlap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinicwatch import scheduling
from tests.conftest import run_cli
from tests.ops.conftest import query, wait_until

HOLD = ("import sys, time\nfrom clinicwatch.scheduling import run_lock\n"
        "with run_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n")


@pytest.fixture
def holder(db_path):
    """Another process holding the run lock of db_path."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, db_path], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize(("every", "at", "cron", "calendar"), [
    ("daily", "03:15", "15 3 * * *", "*-*-* 03:15:00"),
    ("weekly", "07:05", "5 7 * * 1", "Mon *-*-* 07:05:00"),
    ("hourly", "00:30", "30 * * * *", "*-*-* *:30:00"),
    ("0 */6 * * *", "03:15", "0 */6 * * *", ""),
])
def test_schedules(every, at, cron, calendar):
    assert scheduling.schedules(every, at) == (cron, calendar)


@pytest.mark.parametrize(("every", "at"), [("fortnightly", "03:00"), ("daily", "25:00"), ("1 2 3", "03:00"),
                                           ("* * * * * ; rm", "03:00")])
def test_bad_schedules_are_refused(every, at, tmp_path):
    result = run_cli("schedule", "--seeds", "s.txt", "--db", str(tmp_path / "x.db"), "--every", every,
                     "--at", at)
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_cron_line_is_locked_absolute_and_escaped(tmp_path):
    db, seeds = tmp_path / "cw.db", tmp_path / "seeds 100%.txt"
    result = run_cli("schedule", "--seeds", str(seeds), "--db", str(db), "--clinicwatch", "/opt/cw/bin/clinicwatch")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith("15 3 * * * cd ")
    assert f"flock -n {db}.lock /opt/cw/bin/clinicwatch run --db {db} --seeds " in line
    assert "100\\%" in line and line.endswith(f"# clinicwatch:{db}.lock")


def test_install_into_a_crontab_file_is_idempotent(tmp_path):
    crontab = tmp_path / "crontab"
    crontab.write_text("0 1 * * * /usr/bin/backup\n")
    args = ["schedule", "--seeds", "s.txt", "--db", str(tmp_path / "cw.db"), "--install",
            "--crontab-file", str(crontab)]
    assert run_cli(*args).returncode == 0
    assert run_cli(*args, "--every", "weekly").returncode == 0
    lines = crontab.read_text().splitlines()
    assert lines[0] == "0 1 * * * /usr/bin/backup" and len(lines) == 2
    assert lines[1].startswith("15 3 * * 1 ")


def test_systemd_units_install_into_dest(tmp_path):
    dest = tmp_path / "units"
    db = tmp_path / "cw.db"
    result = run_cli("schedule", "--systemd", "--install", "--dest", str(dest), "--area", "Leeds, UK",
                     "--db", str(db), "--every", "weekly", "--at", "02:00")
    assert result.returncode == 0, result.stderr
    service = (dest / "clinicwatch.service").read_text()
    timer = (dest / "clinicwatch.timer").read_text()
    assert "Type=oneshot" in service
    assert f"ExecStart=/usr/bin/flock -n {db}.lock " in service and "run --db" in service
    assert "--area 'Leeds, UK'" in service
    assert "OnCalendar=Mon *-*-* 02:00:00" in timer and "Persistent=true" in timer


def test_cron_command_skips_while_a_run_holds_the_lock(holder, db_path, tmp_path):
    line = run_cli("schedule", "--seeds", str(tmp_path / "s.txt"), "--db", db_path,
                   "--log", str(tmp_path / "cw.log")).stdout.strip()
    command = line.split(" ", 5)[5].rsplit(" # clinicwatch:", 1)[0]
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1  # flock -n: lock busy, clinicwatch never started
    assert not os.path.exists(db_path)


def test_second_run_refuses_while_the_lock_is_held(holder, db_path, tmp_path):
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("http://clinic.example/\n")
    result = run_cli("run", "--seeds", str(seeds), "--db", db_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"clinicwatch run: another clinicwatch run is already working on {db_path} "
        f"(lock {db_path}.lock held by pid {holder.pid}); not starting a second one")


@pytest.mark.slow
def test_two_real_runs_never_overlap(tmp_path):
    from samples.server import SampleWeb

    db = str(tmp_path / "real.db")
    with SampleWeb(clinics=20, seed=5) as web:
        cmd = [sys.executable, "-m", "clinicwatch.cli", "run", "--seeds", str(web.seeds_csv), "--db", db,
               "--allow-private"]
        first = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lock = scheduling.lock_path_for(db)
        wait_until(lambda: os.path.exists(lock) and Path(lock).read_text().strip() == str(first.pid), 30,
                   "the first run to take the lock", interval=0.05)
        second = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert first.poll() is None, "the first run ended before the second started: test proves nothing"
        out, err = first.communicate(timeout=300)
    assert second.returncode == 1 and f"held by pid {first.pid}" in second.stderr
    assert first.returncode == 0, err[-3000:]
    assert query(db, "select count(*), min(status) from crawls") == [(1, "finished")]
