"""The live-check worker's bookkeeping with real subprocesses (small Python scripts standing in
for `clinicwatch check --live`, which tests/live runs for real)."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from publish.live_worker import LiveWorker, Refused

FAILS = ("import sys; print('live check: 3 pages fetched, 7 prices found (0s)', file=sys.stderr); "
         "print('clinicwatch check: cannot check ' + sys.argv[-1] + ': HTTP 404', file=sys.stderr); sys.exit(1)")
WORKS = ("import sys, json; print('live check: 1 page fetched, 1 price found', file=sys.stderr); "
         "print(json.dumps({'status': 'report', 'live': {'pages': 9, 'prices': 4, 'url': sys.argv[-1]}}))")
SLEEPS = "import time; time.sleep(30)"


def run(coro):
    return asyncio.run(coro)


async def finish(worker: LiveWorker, *jobs) -> None:
    while any(j.pending for j in jobs):
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("script, status, pages, prices, message", [
    (WORKS, "done", 9, 4, ""),
    (FAILS, "failed", 3, 7, "cannot check http://a.example/: HTTP 404"),
], ids=["report", "one-line-failure"])
def test_job_reads_progress_and_result(script, status, pages, prices, message):
    async def go():
        worker = LiveWorker([sys.executable, "-c", script])
        job = worker.submit("http://a.example/", "10.0.0.1")
        await finish(worker, job)
        return job

    job = run(go())
    assert (job.status, job.pages, job.prices, job.message) == (status, pages, prices, message)
    assert (job.result or {}).get("live", {}).get("url") in (None, "http://a.example/")
    assert "client" not in json.dumps(job.public())


def test_limits_refuse_with_a_sentence():
    async def go():
        clock = [1000.0]
        worker = LiveWorker([sys.executable, "-c", SLEEPS], max_running=1, max_queue=1, cooldown=3600,
                            clock=lambda: clock[0])
        jobs = [worker.submit("http://a.example/", "c1"), worker.submit("http://b.example/", "c2")]
        refusals = []
        for url, client in (("http://c.example/", "c1"),   # c1 already has one pending
                            ("http://a.example/x", "c3"),  # same site within the hour
                            ("http://d.example/", "c4")):  # one running + one waiting: full
            with pytest.raises(Refused) as exc:
                worker.submit(url, client)
            refusals.append(str(exc.value))
        await asyncio.sleep(0.3)
        stats = worker.stats()
        for task in list(worker._tasks):
            task.cancel()
        await asyncio.gather(*worker._tasks, return_exceptions=True)
        clock[0] += 3601  # an hour later the site may be checked again
        worker._prune()
        return refusals, stats, jobs, worker

    refusals, stats, jobs, worker = run(go())
    assert ["already have" in refusals[0], "checked a moment ago" in refusals[1],
            "Too many" in refusals[2]] == [True, True, True]
    assert stats["running"] == 1 and stats["queued"] == 1 and stats["refused"] == 3
    assert "a.example" not in worker.last_checked


def test_timeout_stops_the_check():
    async def go():
        worker = LiveWorker([sys.executable, "-c", SLEEPS], timeout=0.5)
        job = worker.submit("http://a.example/", "c1")
        await finish(worker, job)
        return job

    job = run(go())
    assert job.status == "failed" and "longer than" in job.message
