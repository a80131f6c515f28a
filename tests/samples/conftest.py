"""Shared fixtures for sample-web tests: one loopback server per module that needs it."""

from __future__ import annotations

import pytest

from samples.server import SampleWeb


@pytest.fixture(scope="module")
def sample_web(tmp_path_factory):
    with SampleWeb(clinics=40, seed=7, out_dir=tmp_path_factory.mktemp("sw")) as sw:
        yield sw
