"""Egg build for scrapyd-deploy (scrapyd runs projects from eggs).

Everything comes from pyproject.toml, including the ``scrapy`` entry point that
tells scrapyd which settings module the egg uses. This file exists because
scrapyd-deploy writes its own setup.py when there is none, and that one leaves
out the top-level ``settings`` and ``items`` modules. See docs/ops.md.
"""

from setuptools import setup

setup()
