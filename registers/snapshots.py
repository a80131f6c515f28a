"""Import every register snapshot found in one directory (the sample web's ``registers/``).

Expected names: ``<kind>.csv`` for gmc, nmc, gdc, gphc, hcpc, jccp, saveface
(columns ``number,name,status,annotations``), ``npidata_pfile*.csv`` for NPPES
dissemination files, ``cqc_locations.jsonl`` (CQC API location records, one per line) and
``his.csv`` (the HIS register, columns in registers/care.py). Other files are ignored; a missing directory imports nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

import sqlite_utils

from registers.care import import_care_file
from registers.nppes import import_nppes_csv
from registers.uk import UK_KINDS, import_snapshot

log = logging.getLogger(__name__)
NPPES_GLOB = "npidata_pfile*.csv"
CARE_FILES = {"cqc": "cqc_locations.jsonl", "his": "his.csv"}


def import_snapshot_dir(db: sqlite_utils.Database, directory: str | Path) -> dict[str, int]:
    """kind -> rows imported, for each snapshot file present in ``directory``."""
    directory = Path(directory)
    if not directory.is_dir():
        log.warning("no register snapshot directory at %s", directory)
        return {}
    imported: dict[str, int] = {}
    for kind in UK_KINDS:
        path = directory / f"{kind}.csv"
        if path.is_file():
            imported[kind] = import_snapshot(db, kind, path).rows
    for register, name in CARE_FILES.items():
        if (directory / name).is_file():
            imported[register] = import_care_file(db, register, directory / name).rows
    for path in sorted(directory.glob(NPPES_GLOB)):
        imported["nppes"] = imported.get("nppes", 0) + import_nppes_csv(db, path)
    return imported
