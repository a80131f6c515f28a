"""scrapyd for real: start it on loopback, deploy the project egg, schedule a crawl, check the DB."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.ops.conftest import free_port, query, wait_until

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
CLINICS = 20
PROJECT_FILES = shutil.ignore_patterns(".venv", ".git", "tests", "build", "*.egg-info", "__pycache__",
                                       "*.db", "*.db-*", "*-httpcache", "node_modules", ".pytest_cache")


def http(url: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    port = free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {home}/eggs\nlogs_dir = {home}/logs\n"
        f"items_dir =\ndbs_dir = {home}/dbs\nmax_proc = 1\npoll_interval = 0.5\n")
    log = open(home / "scrapyd.out", "w")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def up():
        try:
            return http(f"{url}/daemonstatus.json").get("status") == "ok"
        except OSError:
            assert proc.poll() is None, (home / "scrapyd.out").read_text()[-3000:]
            return False

    try:
        wait_until(up, 60, "scrapyd to answer")
        yield url, home
    finally:
        proc.terminate()
        proc.wait(20)
        log.close()


def deploy(url: str, tmp_path: Path) -> dict:
    """Copy the project, add a deploy target for this scrapyd, run scrapyd-deploy."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=PROJECT_FILES)
    with open(project / "scrapy.cfg", "a", encoding="utf-8") as cfg:
        cfg.write(f"\n[deploy:test]\nurl = {url}\nproject = clinicwatch\n")
    result = subprocess.run([str(BIN / "scrapyd-deploy"), "test"], cwd=project, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return json.loads(result.stdout[result.stdout.index("{"):])


def test_deploy_schedule_and_crawl_through_scrapyd(scrapyd, tmp_path):
    from samples.server import SampleWeb

    url, home = scrapyd
    deployed = deploy(url, tmp_path)
    assert deployed["status"] == "ok" and deployed["spiders"] >= 1
    assert "sites" in http(f"{url}/listspiders.json?project=clinicwatch")["spiders"]
    db = tmp_path / "scrapyd-crawl.db"
    with SampleWeb(clinics=CLINICS, seed=31) as web:
        job = http(f"{url}/schedule.json", [
            ("project", "clinicwatch"), ("spider", "sites"), ("seeds", str(web.seeds_csv)),
            ("setting", f"CLINICWATCH_DB={db}"), ("setting", "CLINICWATCH_ALLOW_PRIVATE=True"),
            ("setting", "DOWNLOAD_DELAY=0"), ("setting", "AUTOTHROTTLE_ENABLED=False"),
            ("setting", "CONCURRENT_REQUESTS_PER_DOMAIN=4"), ("setting", "CLINICWATCH_PROGRESS_INTERVAL=0"),
        ])
        assert job["status"] == "ok", job

        def finished():
            jobs = http(f"{url}/listjobs.json?project=clinicwatch")
            return next((j for j in jobs["finished"] if j["id"] == job["jobid"]), None)

        done = wait_until(finished, 240, "the scrapyd job to finish", interval=1)
    log = next((home / "logs").rglob(f"{job['jobid']}.log")).read_text()
    assert "Spider closed (finished)" in log, log[-3000:]
    crawl = query(str(db), "select spider, status, finish_reason, sites, pages from crawls")
    assert crawl == [("sites", "finished", "finished", CLINICS, crawl[0][4])], (crawl, done)
    assert crawl[0][4] >= CLINICS * 3
    assert query(str(db), "select count(distinct site) from clinics")[0][0] == CLINICS
    assert query(str(db), "select count(*) from prices")[0][0] > 0
