"""Resumable crawls (Scrapy JOBDIR) that survive being killed.

Scrapy persists its request queue and duplicate filter in JOBDIR, but the queue's
index is written only on a clean close: after SIGKILL (OOM killer, power loss) the
queue comes back empty while ``requests.seen`` still lists the seeds, so a resumed
run silently crawls nothing. The sites spider also keeps per-site state (links
seen, pages scheduled, hints) that Scrapy does not persist.

So: a marker file says "a crawl is running in this JOBDIR". Found at start-up, it
means the last run died without closing: its frontier cannot be trusted and is
discarded, and the crawl starts over (safe: every write is an idempotent upsert).
After a clean close (finished, or paused with one Ctrl-C) the marker is gone, the
queue is whole and the per-site state saved here is loaded, so the resumed run
continues exactly where the paused one stopped.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MARKER = "clinicwatch.running"
STATE_FILE = "clinicwatch-sites.json"
FRONTIER = ("requests.seen", "requests.queue", "spider.state", STATE_FILE)


def open_jobdir(jobdir: str | None) -> dict[str, Any]:
    """Prepare JOBDIR for a run; return the saved per-site state ({} when starting fresh)."""
    if not jobdir:
        return {}
    path = Path(jobdir)
    path.mkdir(parents=True, exist_ok=True)
    if (path / MARKER).exists():
        log.warning("JOBDIR %s: the previous crawl was killed before it closed; its queue cannot be "
                    "trusted, starting over (stored rows are updated, not duplicated)", jobdir)
        for name in FRONTIER:
            target = path / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    (path / MARKER).write_text(str(os.getpid()), encoding="utf-8")
    state_file = path / STATE_FILE
    if not state_file.exists():
        return {}
    try:
        return json.loads(state_file.read_text(encoding="utf-8"))
    except ValueError:
        return {}


def close_jobdir(jobdir: str | None, sites: dict[str, Any]) -> None:
    """Save the per-site state atomically, then remove the marker (the close was clean)."""
    if not jobdir:
        return
    path = Path(jobdir)
    tmp = path / (STATE_FILE + ".tmp")
    tmp.write_text(json.dumps(sites), encoding="utf-8")
    os.replace(tmp, path / STATE_FILE)
    (path / MARKER).unlink(missing_ok=True)
