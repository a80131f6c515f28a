"""Fixtures for the live-check tests: the sample web on loopback and a database that knows 40
of its 45 sites (crawled, verified, norms and findings computed), so the last five are
websites "not in the database yet"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from db.schema import open_db
from registers.snapshots import import_snapshot_dir
from tests.conftest import run_cli

CLINICS, IN_DB, SEED = 45, 40, 7
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=32",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]


@pytest.fixture(scope="session")
def live_web(tmp_path_factory):
    from samples.server import SampleWeb

    with SampleWeb(clinics=CLINICS, seed=SEED, out_dir=tmp_path_factory.mktemp("live-web")) as web:
        yield web


@pytest.fixture(scope="session")
def truth(live_web) -> list[dict]:
    return [json.loads(line) for line in Path(live_web.truth_path).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def known_db(live_web, tmp_path_factory) -> str:
    """The first 40 sites crawled with `clinicwatch run` (registers imported first)."""
    folder = tmp_path_factory.mktemp("live-db")
    db_path = str(folder / "clinicwatch.db")
    db = open_db(db_path)
    import_snapshot_dir(db, live_web.registers_dir)
    db.close()
    seeds = folder / "first40.csv"
    lines = Path(live_web.seeds_csv).read_text(encoding="utf-8").splitlines()
    seeds.write_text("\n".join(lines[: IN_DB + 1]) + "\n", encoding="utf-8")
    done = run_cli("run", "--seeds", str(seeds), "--db", db_path, "--allow-private", *FAST)
    assert done.returncode == 0, done.stderr[-3000:]
    return db_path


@pytest.fixture
def fresh_db(known_db, tmp_path) -> str:
    """A private copy of the known database, for a test that writes."""
    path = str(tmp_path / "clinicwatch.db")
    shutil.copyfile(known_db, path)
    return path


def new_site(truth: list[dict], rule: str | None = None) -> dict:
    """A single-clinic site of the last five (not in the database), with a finding of `rule`."""
    for record in truth[IN_DB:]:
        rules = {f["rule_id"] for f in record["expected_findings"]}
        if len(record["clinics"]) == 1 and (rule is None or rule in rules):
            return record
    raise LookupError(f"no new single-clinic site with {rule}")
