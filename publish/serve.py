"""How clinicwatch runs Datasette: read-only, with the publish folder's configuration."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

PUBLISH_DIR = Path(__file__).resolve().parent
DB_KEY = "clinicwatch"  # the database name metadata.yml is written for


def metadata_for(db_path: str) -> dict:
    """metadata.yml with its database section keyed by this file's Datasette name (its stem)."""
    meta = yaml.safe_load((PUBLISH_DIR / "metadata.yml").read_text(encoding="utf-8"))
    name = Path(db_path).stem
    databases = meta.get("databases", {})
    if name != DB_KEY and DB_KEY in databases:
        databases[name] = databases.pop(DB_KEY)
    # datasette-dashboards names the database in every chart and dynamic filter.
    for dashboard in (meta.get("plugins", {}).get("datasette-dashboards") or {}).values():
        for part in ("charts", "filters"):
            for item in (dashboard.get(part) or {}).values():
                if item.get("db") == DB_KEY:
                    item["db"] = name
    return meta


def write_metadata(db_path: str, live: dict | None = None) -> str:
    """Write the per-database metadata to a temporary file; return its path. ``live`` is the
    live-check plugin's configuration (publish/plugins/clinicwatch_live.py), when they are on."""
    meta = metadata_for(db_path)
    if live:
        meta.setdefault("plugins", {})["clinicwatch-live"] = {"enabled": True, **live}
    handle = tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="clinicwatch-meta-", delete=False,
                                         encoding="utf-8")
    with handle:
        yaml.safe_dump(meta, handle, sort_keys=False, allow_unicode=True)
    return handle.name


def published_path(db_path: str) -> str:
    """The database as Datasette should name it: ``clinicwatch`` whatever the file is called
    (a symbolic link named clinicwatch.db in a private temporary folder), so every URL, canned
    query and dashboard is the same for `make demo`, a test database and a production file."""
    path = Path(db_path).resolve()
    if path.stem == DB_KEY:
        return str(path)
    folder = Path(tempfile.mkdtemp(prefix="clinicwatch-serve-"))
    link = folder / f"{DB_KEY}.db"
    link.symlink_to(path)
    return str(link)


def datasette_args(db_path: str, live: dict | None = None) -> list[str]:
    """Arguments shared by `clinicwatch serve`, tests and `datasette publish`.

    Immutable (``-i``) by default. With live checks on (``live``: the plugin's configuration)
    the file is served read-only but not immutable: an immutable database never sees the rows
    a live check adds (and SQLite may misread a file that changes under ``immutable=1``).
    Datasette still opens it ``mode=ro`` and has no write route without a signed-in actor."""
    real = str(Path(db_path).resolve())
    db_path = published_path(db_path)
    if live is not None:
        live = {"db": real, **live}
    args = (["-i", db_path] if live is None else [db_path]) + ["-m", write_metadata(db_path, live),
            "--setting", "default_page_size", "50",
            "--setting", "sql_time_limit_ms", "3000",
            "--setting", "allow_download", "off",
            "--setting", "suggest_facets", "off"]
    for option, folder in (("--template-dir", "templates"), ("--plugins-dir", "plugins"),
                           ("--static", "static")):
        path = PUBLISH_DIR / folder
        if path.is_dir() and any(path.iterdir()):
            args += [option, f"static:{path}" if folder == "static" else str(path)]
    return args


def datasette_command(db_path: str, *, host: str = "127.0.0.1", port: int = 8001,
                      live: dict | None = None) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", *datasette_args(db_path, live),
            "-h", host, "-p", str(port)]
