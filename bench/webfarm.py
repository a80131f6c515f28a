"""A fast loopback web for crawl benchmarks: the sample web pre-rendered to disk, served by nginx.

The aiohttp sample-web server renders pages in Python on the same two cores as the
crawler, so a throughput benchmark against it measures the server as much as the
crawler. Here every page of every site is rendered once to ``DIR/sites/<host>/...``
and served by nginx (``root DIR/sites/$host``; Debian package, see
scripts/bench-nginx.sh), or by a small aiohttp static handler when nginx is absent.
The ``*.localhost`` host names resolve in clinicwatch's resolver (crawl/netguard.py).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

NGINX_CONF = """worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  default_type text/html;
  types {{ text/html html; text/plain txt; application/xml xml; }}
  keepalive_requests 100000;
  client_body_temp_path {dir}/tmp-body; proxy_temp_path {dir}/tmp-proxy;
  fastcgi_temp_path {dir}/tmp-fcgi; uwsgi_temp_path {dir}/tmp-uwsgi; scgi_temp_path {dir}/tmp-scgi;
  gzip_static on;
  gzip_vary on;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/sites/$host;
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _file_for(root: Path, host: str, path: str) -> Path:
    rel = path.split("?", 1)[0].lstrip("/")
    target = root / host / rel
    return target / "index.html" if (not rel or path.endswith("/")) else target


def prerender(out: Path, sites: int, seed: int, port: int, shape: str = "cms") -> dict:
    """Render every page of the sample web to ``out/sites`` (each beside a gzip copy that nginx's
    gzip_static serves to crawlers asking for it, as real servers compress); write ``out/seeds.txt``.
    ``shape`` is "cms" (real-sized CMS pages, samples/cms.py) or "lean". Returns counts and sizes."""
    import gzip
    import statistics

    from samples.generator import iter_sites
    from samples.render import render_path

    root = out / "sites"
    if root.exists():
        shutil.rmtree(root)
    pages = size = wire = 0
    seeds, sizes = [], []
    for spec in iter_sites(sites, seed, 0):
        seeds.append(f"http://{spec.host}:{port}/")
        for path in [p.path for p in spec.pages] + ["/robots.txt", "/sitemap.xml"]:
            status, _, body = render_path(spec, path, port, shape)
            if status != 200:
                continue
            target = _file_for(root, spec.host, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            packed = gzip.compress(body, compresslevel=6, mtime=0)
            target.with_name(target.name + ".gz").write_bytes(packed)
            if not path.endswith((".txt", ".xml")):
                pages += 1
                sizes.append(len(body))
            size += len(body)
            wire += len(packed)
    (out / "seeds.txt").write_text("\n".join(seeds) + "\n", encoding="utf-8")
    sizes.sort()
    kb = [round(sizes[int(q * (len(sizes) - 1))] / 1024, 1) for q in (0.1, 0.5, 0.9)] if sizes else [0, 0, 0]
    return {"sites": len(seeds), "pages": pages, "bytes": size, "gzip_bytes": wire, "shape": shape,
            "page_kb": {"p10": kb[0], "median": kb[1], "p90": kb[2],
                        "mean": round(statistics.mean(sizes) / 1024, 1) if sizes else 0}}


class Server:
    """nginx (or aiohttp static) in the foreground as our own child process; a context manager."""

    def __init__(self, out: Path, port: int):
        self.out, self.port = out, port
        self.proc: subprocess.Popen | None = None
        self.kind = "nginx" if shutil.which("nginx") or Path("/usr/sbin/nginx").exists() else "aiohttp"

    def __enter__(self) -> Server:
        if self.kind == "nginx":
            conf = self.out / "nginx.conf"
            conf.write_text(NGINX_CONF.format(dir=self.out, port=self.port), encoding="utf-8")
            nginx = shutil.which("nginx") or "/usr/sbin/nginx"
            self.proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(self.out)],
                                         stderr=subprocess.DEVNULL)
        else:
            self.proc = subprocess.Popen([sys.executable, __file__, "serve", str(self.out / "sites"),
                                          str(self.port)])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"{self.kind} did not start on port {self.port}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


def _serve_static(root: str, port: int) -> None:
    from aiohttp import web

    base = Path(root).resolve()

    async def handle(request: web.Request) -> web.StreamResponse:
        host = request.host.split(":")[0].lower()
        target = _file_for(base, host, request.path).resolve()
        if base not in target.parents or not target.is_file():
            return web.Response(status=404)
        ctype = "text/plain" if target.suffix == ".txt" else "text/html"
        return web.Response(body=target.read_bytes(), content_type=ctype)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


if __name__ == "__main__" and sys.argv[1:2] == ["serve"]:
    _serve_static(sys.argv[2], int(sys.argv[3]))
