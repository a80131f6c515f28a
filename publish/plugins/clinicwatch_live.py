"""Datasette plugin: live checks from /check, on only with `clinicwatch serve --live-checks`.

Off unless the metadata's ``clinicwatch-live`` plugin section says ``enabled: true``
(publish/serve.py writes it). When on:

* /check with a query that looks like a website no clinic in the database has offers "Check
  this website now" (under "no match", or under the list of clinics with similar names) (templates/_live_offer.html, a POST form with Datasette's CSRF token);
* POST /check/live validates and normalises the address (crawl/live_target.py) and queues a
  job in the bounded worker (publish/live_worker.py); over a limit: HTTP 429, plain text;
* /check/live/<id> is the progress page (templates/check_live.html), then the report, rendered
  by templates/check.html exactly as /check renders it, so it is escaped the same way;
* /check/live/<id>.json is the job's status for the progress page; /-/live-checks.json the
  worker's counters (running, queued, the most ever running at once, refusals).

The database is served read-only (not immutable, so new rows are seen); the job's subprocess
is the only writer, in its own connection.
"""

from __future__ import annotations

import sys
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

from core.text import site_key
from crawl.live_target import looks_like_website, normalise
from publish.live_worker import LiveWorker, Refused
from publish.plugins.clinicwatch_check import _database, _links

CONFIG = "clinicwatch-live"
JOB_ID = r"(?P<job>[A-Za-z0-9_-]{8,40})"


def _config(datasette) -> dict[str, Any]:
    return datasette.plugin_config(CONFIG) or {}


def _worker(datasette) -> LiveWorker | None:
    return getattr(datasette, "_clinicwatch_live", None)


def command_for(config: dict[str, Any], db_path: str) -> list[str]:
    """The check a job runs (it appends `-- URL`)."""
    command = [sys.executable, "-m", "clinicwatch.cli", "check", "--live", "--json", "--db",
               config.get("db") or db_path]
    if config.get("allow_private"):
        command.append("--allow-private")
    for setting in config.get("settings") or []:
        command += ["-s", setting]
    return command


@hookimpl
def startup(datasette):
    config = _config(datasette)
    if not config.get("enabled"):
        return None

    async def inner():
        _, db = await _database(datasette)
        datasette._clinicwatch_live = LiveWorker(
            command_for(config, db.path), max_running=int(config.get("max_running", 2)),
            max_queue=int(config.get("max_queue", 6)), cooldown=float(config.get("cooldown", 3600)),
            timeout=float(config.get("timeout", 300)))

    return inner


@hookimpl
def extra_template_vars(template, datasette, request):
    """On /check: the offer to check a website live, when the query is one and live checks are on."""
    if template != "check.html" or request is None or _worker(datasette) is None:
        return {}
    url, why = normalise(request.args.get("q") or "", allow_private=bool(_config(datasette).get("allow_private")))
    if why or not looks_like_website(request.args.get("q") or ""):
        return {}

    async def offer():
        _, db = await _database(datasette)
        known = (await db.execute("SELECT 1 FROM clinics WHERE site = ? LIMIT 1", [site_key(url)])).first()
        return {} if known else {"live_offer": {"url": url, "action": datasette.urls.path("/check/live")}}

    return offer


def _off() -> Response:
    return Response.text("Live checks are off on this server.", status=404)


def _client(request) -> str:
    client = request.scope.get("client")
    return client[0] if client else "unknown"


async def start_check(datasette, request) -> Response:
    worker = _worker(datasette)
    if worker is None:
        return _off()
    if request.method != "POST":
        return Response.redirect(datasette.urls.path("/check"))
    form = await request.post_vars()
    url, why = normalise(form.get("url") or "", allow_private=bool(_config(datasette).get("allow_private")))
    if why:
        return Response.text(f"We cannot check that address: {why}.", status=400)
    try:
        job = worker.submit(url, _client(request))
    except Refused as exc:
        return Response.text(str(exc), status=429, headers={"Retry-After": "60"})
    return Response("", status=303, headers={"Location": datasette.urls.path(f"/check/live/{job.id}")})


async def job_page(datasette, request) -> Response:
    worker = _worker(datasette)
    if worker is None:
        return _off()
    job = worker.jobs.get(request.url_vars["job"])
    if job is None:
        return Response.text("No such live check (it may have expired). Search again at /check.", status=404)
    check_url = datasette.urls.path("/check")
    if job.status == "done" and job.result is not None:
        result = job.result
        dbname, _ = await _database(datasette)
        links = _links(datasette, dbname, result["report"]) if result.get("report") else {}
        html = await datasette.render_template("check.html", {
            "result": result, "query": job.url, "links": links, "live": result.get("live") or job.public(),
            "check_url": check_url, "json_url": datasette.urls.path("/check.json"),
        }, request=request)
        return Response.html(html)
    html = await datasette.render_template("check_live.html", {
        "job": job.public(), "check_url": check_url,
        "status_url": datasette.urls.path(f"/check/live/{job.id}.json"),
    }, request=request)
    return Response.html(html)


async def job_json(datasette, request) -> Response:
    worker = _worker(datasette)
    if worker is None:
        return _off()
    job = worker.jobs.get(request.url_vars["job"])
    if job is None:
        return Response.json({"error": "no such live check"}, status=404)
    return Response.json({**job.public(), "report_url": datasette.urls.path(f"/check/live/{job.id}")})


async def live_stats(datasette, request) -> Response:
    worker = _worker(datasette)
    return Response.json(worker.stats() if worker else {"enabled": False})


@hookimpl
def register_routes(datasette):
    return [
        (r"^/check/live$", start_check),
        (rf"^/check/live/{JOB_ID}\.json$", job_json),
        (rf"^/check/live/{JOB_ID}$", job_page),
        (r"^/-/live-checks\.json$", live_stats),
    ]
