"""Shared fixtures: temporary databases, the sample web on loopback, CLI runs in subprocesses.

Crawls run as `clinicwatch` subprocesses: Scrapy's reactor starts once per
process, and a subprocess is what operators run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


def run_cli(*args: str, timeout: int = 600, cwd: Path | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `clinicwatch ARGS` in a subprocess; return the completed process (text)."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "clinicwatch.cli", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or ROOT, env=full_env,
    )


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
