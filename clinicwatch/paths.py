"""Where things live. Relative defaults resolve against the working directory
(the database) or the project root (bundled data), never hard-coded elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PUBLISH_DIR = PROJECT_ROOT / "publish"
DEFAULT_DB = os.environ.get("CLINICWATCH_DB", "clinicwatch.db")
