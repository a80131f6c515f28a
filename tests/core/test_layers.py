"""The layers of docs/architecture.md: a package imports only its own layer and the ones below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Top to bottom; a package may import packages of its own row and of every row below it.
LAYERS: list[tuple[str, ...]] = [
    ("clinicwatch",),  # CLI and job orchestration
    ("spiders", "publish", "samples"),  # spiders and page objects; Datasette and the check page; sample web
    ("crawl",),  # crawler machinery: guard, cache, resume, item schemas, monitors, the crawl record
    ("analysis", "registers"),  # norms and rules; register clients, importers, verification
    ("pipelines", "extract"),  # validate -> normalise -> store; pure extraction
    ("db",),  # schema, frozen migrations, batched store, change history
    ("core", "items", "settings"),  # pure: text keys, register formats, address rules; the data contract
]
RANK = {pkg: rank for rank, row in enumerate(LAYERS) for pkg in row}
# Siblings in one row that must not depend on each other either.
FORBIDDEN_SIDEWAYS = {("extract", "pipelines"), ("analysis", "registers"), ("registers", "analysis"),
                      ("spiders", "publish"), ("publish", "spiders"), ("core", "items"), ("core", "settings")}


def imports_of(path: Path) -> set[str]:
    """Top-level package names this file imports (absolute imports, also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            names.add(node.args[0].value.split(".")[0])  # importlib.import_module("pkg.mod")
    return names & set(RANK)


def layer_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def violations(root: Path = ROOT) -> list[str]:
    out = []
    for pkg in RANK:
        files = [root / f"{pkg}.py"] if (root / f"{pkg}.py").exists() else sorted((root / pkg).rglob("*.py"))
        for path in files:
            for target in imports_of(path):
                if target == pkg:
                    continue
                if RANK[target] < RANK[pkg] or (pkg, target) in FORBIDDEN_SIDEWAYS:
                    out.append(f"{path.relative_to(root)} imports {target} ({pkg} may not)")
    return out


def test_every_import_points_down():
    assert violations() == []


def test_every_package_has_a_layer():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} - {"tests", "bench"}
    assert packages <= set(RANK), packages - set(RANK)


@pytest.mark.parametrize("lower, upper", [("extract", "pipelines"), ("db", "analysis"), ("core", "extract"),
                                          ("registers", "clinicwatch"), ("crawl", "spiders")])
def test_a_deliberate_upward_import_is_caught(tmp_path, lower, upper):
    import shutil

    for pkg in RANK:
        src = ROOT / pkg
        if src.is_dir():
            shutil.copytree(src, tmp_path / pkg, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / f"{pkg}.py", tmp_path / f"{pkg}.py")
    assert violations(tmp_path) == []
    (tmp_path / lower / "upward.py").write_text(f"def f():\n    from {upper} import something\n")
    assert violations(tmp_path) == [f"{lower}/upward.py imports {upper} ({lower} may not)"]
