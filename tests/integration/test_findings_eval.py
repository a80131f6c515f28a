"""End to end: the issue's findings target on the 120-site sample web (seed 7).

`clinicwatch eval --json` (clinicwatch.evaluate.evaluate_sample_web) serves the
sample web on loopback, crawls it, verifies credentials against its register
snapshots, runs the norms and rules and scores the findings against the
generator's expected findings, matched on (site, branch, rule_id, subject).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("eval") / "eval.db")
    done = run_cli("eval", "--json", "--clinics", "120", "--seed", "7", "--db", db)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_findings_meet_the_issue_target(report):
    assert report["crawl"]["status"] == "finished"
    findings = report["scores"]["findings"]
    examples = report["examples"]["findings"]
    assert findings["expected"] >= 60, findings  # the scenarios are all there
    assert findings["precision"] >= 0.95, (findings, examples["unexpected"])
    assert findings["recall"] >= 0.9, (findings, examples["missed"])


def test_extraction_scores_stay_on_target(report):
    for key in ("prices", "practitioners", "registrations"):
        score = report["scores"][key]
        assert score["precision"] >= 0.95 and score["recall"] >= 0.95, (key, score)
