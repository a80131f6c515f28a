"""Frozen migrations: a database built at any past version migrates to the newest schema."""

from __future__ import annotations

import sqlite3

import pytest

from db.migrations import MIGRATIONS
from db.schema import connect, ensure_schema, open_db


def schema_of(path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        return {(t, n, " ".join(s.split())) for t, n, s in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")}


def build_at(path, version: int) -> None:
    """A database as an older release left it: migrations up to `version` only."""
    db = connect(str(path))
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, statements in MIGRATIONS[:version]:
        for statement in statements:
            db.execute(statement)
        db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", [name])
    db.conn.commit()
    db.close()


@pytest.mark.parametrize("version", range(len(MIGRATIONS)))
def test_every_past_version_migrates_to_the_newest(tmp_path, version):
    fresh = tmp_path / "fresh.db"
    open_db(str(fresh)).close()
    old = tmp_path / "old.db"
    build_at(old, version)
    if version:  # an old database keeps its rows through the upgrade
        with sqlite3.connect(old) as conn:
            conn.execute("INSERT INTO clinics (id, site) VALUES ('c1', 'example.com')")
    db = connect(str(old))
    applied = ensure_schema(db)
    assert applied == [name for name, _ in MIGRATIONS[version:]]
    assert ensure_schema(db) == []  # applied once
    db.close()
    assert schema_of(old) == schema_of(fresh)
    if version:
        with sqlite3.connect(old) as conn:
            assert conn.execute("SELECT site FROM clinics").fetchall() == [("example.com",)]


def test_migration_names_are_numbered_and_unique():
    names = [name for name, _ in MIGRATIONS]
    assert len(set(names)) == len(names)
    numbers = [int(name.split("_", 1)[0]) for name in names]
    assert numbers == sorted(numbers)


def test_no_package_runs_ddl_outside_the_migrations():
    """CREATE TABLE/INDEX/VIEW lives in db/migrations.py only (temporary tables aside)."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    ddl = re.compile(r"CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\s+(?!IF NOT EXISTS temp\.|temp\.)", re.I)
    offenders = []
    for path in root.glob("*/**/*.py"):
        rel = path.relative_to(root).as_posix()
        # db/schema.py creates only the _migrations bookkeeping table; crawl/sqlitedbm.py is the
        # HTTP cache, a file of its own beside the database.
        if rel.startswith(("tests/", "bench/", ".venv/", "build/")) or rel in (
                "db/migrations.py", "db/schema.py", "crawl/sqlitedbm.py"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if ddl.search(line) and "TEMP" not in line.upper():
                offenders.append(f"{rel}: {line.strip()}")
    assert offenders == []
