"""Datasette plugin: accessibility fixes for pages Datasette and its plugins render.

Datasette's base template opens with a bare ``<html>``; screen readers need the page's language
to pronounce it, and axe-core counts its absence as a serious violation. This ASGI wrapper adds
``lang="en"`` to the opening tag of HTML responses and leaves every other response untouched.
"""

from __future__ import annotations

from datasette import hookimpl

_OPEN = b"<html>"
_WITH_LANG = b'<html lang="en">'


def add_lang(app):
    async def wrapped(scope, receive, send):
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        start: dict | None = None
        chunks: list[bytes] = []

        async def capture(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if b"text/html" not in headers.get(b"content-type", b""):
                    await send(message)
                    start = {}  # pass the rest through
                    return
                start = message
                return
            if message["type"] == "http.response.body" and start:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks).replace(_OPEN, _WITH_LANG, 1)
                headers = [(k, str(len(body)).encode() if k.lower() == b"content-length" else v)
                           for k, v in start.get("headers") or []]
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await app(scope, receive, capture)

    return wrapped


@hookimpl
def asgi_wrapper(datasette):
    return add_lang


# datasette-dashboards' filter form names its fields only by a <legend>, its chart menus are
# unnamed <summary> elements and its Apply button is grey on grey: give each its accessible
# name and a readable colour, on the dashboard pages only.
_DASHBOARD_FIXES = """
document.querySelectorAll('.dashboard-filters fieldset').forEach(function (set) {
  var legend = set.querySelector('legend');
  set.querySelectorAll('select, input').forEach(function (field) {
    if (legend && !field.getAttribute('aria-label')) { field.setAttribute('aria-label', legend.textContent.trim()); }
  });
});
function nameSummaries() {  // vega-embed adds its chart menus after the page loads
  document.querySelectorAll('details > summary:not([aria-label])').forEach(function (summary) {
    if (!summary.textContent.trim()) {
      summary.setAttribute('aria-label', summary.parentElement.getAttribute('title') || 'Chart actions');
    }
  });
}
nameSummaries();
new MutationObserver(nameSummaries).observe(document.body, {childList: true, subtree: true});
var style = document.createElement('style');
style.textContent = '.dashboard-filters input[type=submit] { background: #1a56c4; color: #fff; border: 0; ' +
  'padding: 0.4em 1em; min-height: 44px; }';
document.head.appendChild(style);
"""


@hookimpl
def extra_body_script(template):
    if template in ("dashboard_view.html", "dashboard_chart.html"):
        return _DASHBOARD_FIXES
    return ""
