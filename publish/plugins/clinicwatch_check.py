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
                                               n["p75"], n["currency"]))
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


@hookimpl
def register_routes(datasette):
    return [
        (r"^/check$", check_page),
        (r"^/check\.json$", check_json),
        (r"^/robots\.txt$", robots_txt),
    ]
