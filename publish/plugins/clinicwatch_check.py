"""Datasette plugin: the consumer check at /check and /check.json, and /robots.txt.

Both routes call publish.report.check (the same builder as `clinicwatch check`)
on the first database that has a ``clinics`` table, inside Datasette's
read-only connection. The page is rendered from templates/check.html with
autoescaping on; the only markup inserted unescaped is the SVG chart, which
publish/chart.py builds from numbers.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response
from markupsafe import Markup

from publish.chart import norm_chart_svg
from publish.report import check

MAX_QUERY = 200


async def _database(datasette) -> tuple[str, Any]:
    for name, db in datasette.databases.items():
        if name != "_internal" and await db.table_exists("clinics"):
            return name, db
    raise LookupError("no database with a clinics table")


async def _result(datasette, request) -> tuple[str, dict[str, Any]]:
    q = (request.args.get("q") or "")[:MAX_QUERY]
    clinic = (request.args.get("clinic") or "")[:64] or None
    name, db = await _database(datasette)
    result = await db.execute_fn(lambda conn: check(conn, q=q, clinic=clinic))
    return name, result


def _links(datasette, dbname: str, report: dict[str, Any]) -> dict[str, Any]:
    """Links from the report into Datasette's own pages (row and table views)."""
    cid = report["clinic"]["id"]
    row = lambda table, pk: datasette.urls.row(dbname, table, tilde_encode(pk))  # noqa: E731
    for f in report["findings"]:
        f["row_url"] = row("flags", f["id"])
    for p in report["practitioners"]:
        p["row_url"] = row("practitioners", p["id"])
    for p in report["prices"]:
        p["row_url"] = row("prices", p["id"])
        n = p["norm"]
        if n:
            p["chart"] = Markup(norm_chart_svg(n["unit_price"], n["p10"], n["p25"], n["median"],
                                               n["p75"], n["currency"], n.get("text")))
    return {"clinic": row("clinics", cid),
            "flags": datasette.urls.table(dbname, "flags") + "?clinic_id=" + quote(cid),
            "prices": datasette.urls.table(dbname, "prices") + "?clinic_id=" + quote(cid)}


async def check_page(datasette, request) -> Response:
    try:
        dbname, result = await _result(datasette, request)
    except LookupError as exc:
        return Response.html(f"<h1>No clinic database</h1><p>{exc}</p>", status=500)
    links = _links(datasette, dbname, result["report"]) if result["report"] else {}
    html = await datasette.render_template("check.html", {
        "result": result, "query": result["query"], "links": links,
        "check_url": datasette.urls.path("/check"),
        "json_url": datasette.urls.path("/check.json"),
    }, request=request)
    return Response.html(html, status=404 if result["status"] == "not_found" else 200)


async def check_json(datasette, request) -> Response:
    try:
        _, result = await _result(datasette, request)
    except LookupError as exc:
        return Response.json({"error": str(exc)}, status=500)
    return Response.json(result, status=404 if result["status"] == "not_found" else 200)


async def robots_txt(datasette, request) -> Response:
    """Crawlers may read the home page and /check; table pages, SQL and JSON are off limits."""
    lines = ["User-agent: *", "Allow: /check$", "Allow: /check?", "Disallow: /check.json",
             "Disallow: /-/"]
    lines += [f"Disallow: /{name}" for name in datasette.databases if name != "_internal"]
    return Response.text("\n".join(lines) + "\n")


_SEVERITY_ORDER = "CASE f.severity WHEN 'red' THEN 0 WHEN 'amber' THEN 1 ELSE 2 END"


def front_page_facts(conn) -> dict[str, Any]:
    """What the front page leads with: the latest findings by severity and region, and what the
    data covers (clinics, prices, practitioners, crawl dates, sources)."""
    def one(sql: str, params: tuple = ()):
        return conn.execute(sql, params).fetchone()

    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    out: dict[str, Any] = {"counts": {}, "findings": [], "by_severity": {}, "crawls": None, "sources": []}
    for table in ("clinics", "prices", "practitioners", "flags"):
        out["counts"][table] = one(f"SELECT count(*) FROM [{table}]")[0] if table in tables else 0
    if "flags" in tables:
        out["by_severity"] = dict(conn.execute("SELECT severity, count(*) FROM flags GROUP BY severity").fetchall())
        rows = conn.execute(
            f"""SELECT f.severity, f.rule_id, f.message, c.id, c.name, c.site, c.branch,
                       coalesce(c.locality, c.region, c.country, '') AS region
                FROM flags f LEFT JOIN clinics c ON c.id = f.clinic_id
                ORDER BY {_SEVERITY_ORDER}, region, c.name LIMIT 12""").fetchall()
        out["findings"] = [{"severity": r[0], "rule_id": r[1], "message": r[2], "clinic_id": r[3],
                            "clinic": r[4] or r[5] or "", "branch": r[6] or "", "region": r[7]} for r in rows]
    if "crawls" in tables:
        first, last, count = one("SELECT min(started_at), max(finished_at), count(*) FROM crawls "
                                 "WHERE finished_at IS NOT NULL")
        out["crawls"] = {"first": (first or "")[:10], "last": (last or "")[:10], "count": count}
    if "clinic_sources" in tables:
        out["sources"] = [{"source": r[0], "clinics": r[1]} for r in conn.execute(
            "SELECT CASE WHEN source LIKE 'booking:%' THEN 'booking platforms' ELSE source END AS s, "
            "count(DISTINCT clinic_id) FROM clinic_sources GROUP BY s ORDER BY 2 DESC")]
    return out


@hookimpl
def extra_template_vars(template, datasette, request):
    """The front page (index.html) gets its facts from the clinics database."""
    if template != "index.html":
        return {}

    async def facts():
        try:
            name, db = await _database(datasette)
        except LookupError:
            return {"front": None}
        front = await db.execute_fn(front_page_facts)
        front["db"] = name
        front["check_url"] = datasette.urls.path("/check")
        front["map_url"] = datasette.urls.path(f"/{name}/clinics_with_findings")
        front["dashboard_url"] = datasette.urls.path("/-/dashboards/prices")
        front["flags_url"] = datasette.urls.table(name, "flags")
        queries = ((datasette.metadata("queries", database=name)) or {})
        front["queries"] = [{"title": q.get("title") or key, "url": datasette.urls.path(f"/{name}/{key}")}
                            for key, q in queries.items() if key != "clinics_with_findings"]  # the map
        return {"front": front}

    return facts


@hookimpl
def register_routes(datasette):
    return [
        (r"^/check$", check_page),
        (r"^/check\.json$", check_json),
        (r"^/robots\.txt$", robots_txt),
    ]
