"""The web's live checks: a small bounded worker inside the Datasette process.

Each job runs `clinicwatch check URL --live --json` as a subprocess (Scrapy's reactor runs
once per process, and the subprocess is the only writer of the database, in its own
connection); Datasette keeps its read-only connections. The worker reads the subprocess's
progress lines (crawl/live_progress.py) and its JSON result.

Limits, all refused at submission with :class:`Refused` (the route answers HTTP 429):

* at most ``max_running`` checks at once (a semaphore; the rest wait in order);
* at most ``max_queue`` checks waiting (``max_running + max_queue`` unfinished in all);
* one unfinished check per client address;
* a site checked once per ``cooldown`` seconds (a clinic's server is not ours to hammer).

Finished jobs are kept (the last ``keep``) so their report pages still work; job ids are
random, so nobody can list other people's checks.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from core.text import site_key

# crawl/live_progress.LINE_RE, repeated so this module imports nothing of the crawler
PROGRESS_RE = re.compile(r"^live check: (\d+) pages? fetched, (\d+) prices? found")
ERROR_PREFIX = "clinicwatch check: "


class Refused(Exception):
    """A request over a limit; the message is shown to the consumer as it is."""


@dataclass
class Job:
    id: str
    url: str
    site: str
    client: str
    status: str = "queued"  # queued | running | done | failed
    pages: int = 0
    prices: int = 0
    message: str = ""
    result: dict[str, Any] | None = field(default=None, repr=False)
    submitted: float = 0.0
    started: float | None = None
    finished: float | None = None

    @property
    def pending(self) -> bool:
        return self.status in ("queued", "running")

    def public(self) -> dict[str, Any]:
        """What the status endpoint shows (no client address, no report; times are the worker's
        clock in seconds, for durations and overlaps only)."""
        out = {k: v for k, v in asdict(self).items() if k not in ("client", "result")}
        out["elapsed"] = round((self.finished or time.monotonic()) - (self.started or self.submitted), 1)
        return out


class LiveWorker:
    def __init__(self, command: list[str], *, max_running: int = 2, max_queue: int = 6,
                 cooldown: float = 3600.0, timeout: float = 300.0, keep: int = 500,
                 clock: Callable[[], float] = time.monotonic):
        self.command = list(command)
        self.max_running, self.max_queue = max_running, max_queue
        self.cooldown, self.timeout, self.keep = cooldown, timeout, keep
        self.clock = clock
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.last_checked: dict[str, float] = {}
        self.running = 0
        self.max_running_seen = 0
        self.refused = 0
        self._slots: asyncio.Semaphore | None = None  # made in the serving loop
        self._tasks: set[asyncio.Task] = set()

    # --- submission ---------------------------------------------------------------

    def submit(self, url: str, client: str) -> Job:
        """Queue a check of ``url`` (already validated) for ``client``, or raise Refused."""
        now = self.clock()
        site = site_key(url)
        try:
            self._admit(site, client, now)
        except Refused:
            self.refused += 1
            raise
        job = Job(id=secrets.token_urlsafe(12), url=url, site=site, client=client, submitted=now)
        self.jobs[job.id] = job
        self.last_checked[site] = now
        self._prune()
        task = asyncio.get_running_loop().create_task(self._run(job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def _admit(self, site: str, client: str, now: float) -> None:
        pending = [j for j in self.jobs.values() if j.pending]
        if any(j.client == client for j in pending):
            raise Refused("You already have a live check waiting or running. Please wait for it to finish.")
        last = self.last_checked.get(site)
        if last is not None and now - last < self.cooldown:
            minutes = max(1, round((self.cooldown - (now - last)) / 60))
            raise Refused(f"This website was checked a moment ago; it can be checked again in about "
                          f"{minutes} minute{'s' if minutes != 1 else ''}.")
        if len(pending) >= self.max_running + self.max_queue:
            raise Refused("Too many live checks are waiting. Please try again in a few minutes.")

    def _prune(self) -> None:
        done = [j.id for j in self.jobs.values() if not j.pending]
        for job_id in done[: max(0, len(self.jobs) - self.keep)]:
            del self.jobs[job_id]
        stale = [s for s, t in self.last_checked.items() if self.clock() - t >= self.cooldown]
        for site in stale:
            del self.last_checked[site]

    def stats(self) -> dict[str, Any]:
        statuses = [j.status for j in self.jobs.values()]
        return {"running": self.running, "queued": statuses.count("queued"),
                "max_running": self.max_running, "max_queue": self.max_queue,
                "max_running_seen": self.max_running_seen, "refused": self.refused,
                "done": statuses.count("done"), "failed": statuses.count("failed"),
                "cooldown_seconds": self.cooldown}

    # --- running --------------------------------------------------------------------

    async def _run(self, job: Job) -> None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_running)
        async with self._slots:
            job.status, job.started = "running", self.clock()
            self.running += 1
            self.max_running_seen = max(self.max_running_seen, self.running)
            try:
                await asyncio.wait_for(self._crawl(job), self.timeout)
            except asyncio.TimeoutError:
                job.status, job.message = "failed", f"the check took longer than {self.timeout:.0f} seconds"
            except Exception as exc:  # noqa: BLE001 - the consumer gets one line, never a trace
                job.status, job.message = "failed", f"the check could not run ({type(exc).__name__})"
            finally:
                self.running -= 1
                job.finished = self.clock()

    async def _crawl(self, job: Job) -> None:
        proc = await asyncio.create_subprocess_exec(
            *self.command, "--", job.url, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            out, last_error = await asyncio.gather(proc.stdout.read(), self._follow(job, proc.stderr))
            code = await proc.wait()
        except asyncio.CancelledError:
            proc.kill()
            await proc.wait()
            raise
        if code == 0:
            job.result = json.loads(out)
            job.status = "done"
            live = job.result.get("live") or {}
            job.pages, job.prices = live.get("pages", job.pages), live.get("prices", job.prices)
        else:
            job.status = "failed"
            job.message = last_error or f"the check stopped (exit code {code})"

    async def _follow(self, job: Job, stream: asyncio.StreamReader) -> str:
        """Update the job from progress lines; return the last error line, if any."""
        last_error = ""
        while raw := await stream.readline():
            line = raw.decode("utf-8", "replace").strip()
            match = PROGRESS_RE.match(line)
            if match:
                job.pages, job.prices = int(match[1]), int(match[2])
            elif line.startswith(ERROR_PREFIX):
                last_error = line[len(ERROR_PREFIX):][:300]
        return last_error
