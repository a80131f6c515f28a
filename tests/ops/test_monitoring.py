"""Monitors on real crawls: failures exit non-zero, say why and are recorded; progress on stderr."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.ops.conftest import FAST, free_port, query

pytestmark = pytest.mark.slow


@pytest.fixture
def dead_seeds(tmp_path):
    """25 clinic sites on a loopback port where nothing listens."""
    port = free_port()
    path = tmp_path / "dead.txt"
    path.write_text("".join(f"http://clinic{i:02d}.localhost:{port}/\n" for i in range(25)))
    return str(path)


def failures(db: str) -> list[str]:
    (raw,) = query(db, "select monitor_failures from crawls order by id desc limit 1")[0]
    return json.loads(raw or "[]")


def test_crawl_of_unreachable_sites_fails_its_monitors(dead_seeds, tmp_path):
    db = str(tmp_path / "dead.db")
    result = run_cli("crawl", "--seeds", dead_seeds, "--db", db, "--allow-private", "--json", *FAST)
    assert result.returncode == 1
    row = json.loads(result.stdout)
    assert row["status"] == "monitors_failed" and row["finish_reason"] == "finished"
    recorded = failures(db)
    assert any("retry rate" in f for f in recorded), recorded
    assert any("sites with prices: 0% (0/0)" in f for f in recorded), recorded
    for failure in recorded:  # the operator is told why, on stderr
        assert f"monitor failed: {failure}" in result.stderr


def test_run_exits_non_zero_when_monitors_fail(dead_seeds, tmp_path):
    db = str(tmp_path / "run.db")
    result = run_cli("run", "--seeds", dead_seeds, "--db", db, "--allow-private")
    assert result.returncode == 1
    assert "monitor failed:" in result.stderr and "did not finish cleanly" in result.stderr
    assert query(db, "select status from crawls")[0][0] == "monitors_failed"


@pytest.fixture(scope="module")
def web():
    from samples.server import SampleWeb

    with SampleWeb(clinics=20, seed=41) as sample:
        yield sample


def test_coverage_threshold_names_the_shortfall(web, tmp_path):
    db = str(tmp_path / "coverage.db")
    result = run_cli("crawl", "--seeds", str(web.seeds_csv), "--db", db, "--allow-private", "--json", *FAST,
                     "-s", "CLINICWATCH_MONITOR_MIN_CREDENTIAL_COVERAGE=1.0")
    with_creds = query(db, "select count(distinct c.site) from credentials k join clinics c on c.id = k.clinic_id")
    sites = query(db, "select count(distinct site) from pages")[0][0]
    assert sites == 20 and with_creds[0][0] < sites  # the sample web has sites without credentials
    assert result.returncode == 1
    assert failures(db) == [f"Crawl health / credential coverage: sites with credentials: "
                            f"{with_creds[0][0] / sites:.0%} ({with_creds[0][0]}/{sites}) below 100%"]


def test_progress_and_summary_on_stderr(web, tmp_path):
    db = str(tmp_path / "progress.db")
    result = run_cli("crawl", "--seeds", str(web.seeds_csv), "--db", db, "--allow-private", *FAST,
                     "-s", "CLINICWATCH_PROGRESS_INTERVAL=0.5", "-s", "CONCURRENT_REQUESTS=2")
    assert result.returncode == 0, result.stderr[-3000:]
    progress = [ln for ln in result.stderr.splitlines() if ln.startswith("progress: ")]
    assert len(progress) >= 2, result.stderr[-2000:]
    assert all(" pages, " in ln and " sites done, " in ln and " errors, " in ln for ln in progress)
    summary = [ln for ln in result.stderr.splitlines() if ln.startswith("crawl summary: ")]
    assert len(summary) == 1 and "20/20 sites done" in summary[0] and "monitors ok" in summary[0]
    assert query(db, "select status, monitor_failures from crawls") == [("finished", None)]
    pdfs = query(db, "select pdfs from crawls")[0][0]
    assert f" {pdfs} PDFs read, " in summary[0]
