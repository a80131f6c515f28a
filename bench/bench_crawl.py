"""Benchmark: crawl throughput of the full clinicwatch pipeline against a bare Scrapy spider.

Usage: python bench/bench_crawl.py [--sites 2000] [--seed 5] [--repeats 2] [--shape cms|lean] [--out bench/out/web]

Pre-renders the sample web (bench/webfarm.py; by default CMS-shaped: real-sized pages with
mega menus, long footers, scripts and JSON state, median about 80 KB) and serves it with
nginx on loopback (gzip-compressed, as real servers send it),
then crawls it alternately with ``bare`` and ``full`` (bench/crawl_once.py), each in
its own process, so both see the same server, cache and machine state; the ratio of
pages per second is what counts (target >= 0.7). The peak RSS of each crawl process is
read with os.wait4 (target for the full crawl: under 400 MB).
Prints a human summary and a last line ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.webfarm import Server, free_port, prerender  # noqa: E402

HERE = Path(__file__).resolve().parent


WHAT_IFS = {  # full-pipeline variants measured to locate the cost (not product settings)
    "full, no HTTP cache": {"BENCH_SET": "HTTPCACHE_ENABLED=False"},
    "full, no Spidermon": {"BENCH_SET": "SPIDERMON_ENABLED=False;SPIDERMON_VALIDATION_SCHEMAS={}"},
    "full, no extraction": {"BENCH_WHATIF_NO_EXTRACT": "1"},
}


def run_one(mode: str, seeds: Path, db: Path, env: dict | None = None) -> dict:
    """Run one crawl process; return its JSON result plus peak RSS (MB) and CPU seconds."""
    if db.exists():
        db.unlink()
    with tempfile.TemporaryFile("w+") as errfile:
        proc = subprocess.Popen([sys.executable, str(HERE / "crawl_once.py"), mode, str(seeds), str(db)],
                                stdout=subprocess.PIPE, stderr=errfile, text=True, cwd=HERE.parent,
                                env={**os.environ, **(env or {})})
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        errfile.seek(0)
        err = errfile.read()
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"{mode} crawl failed ({proc.returncode}): {err[-2000:]}")
    result = json.loads(lines[-1])
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    result["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
    result["pages_per_cpu_s"] = round(result["pages"] / result["cpu_s"], 1) if result["cpu_s"] else 0
    return result


def _show(label: str, r: dict) -> None:
    print(f"  {label:<22} {r['pages']:>6} pages in {r['seconds']:6.1f} s = {r['pages_per_s']:7.1f} pages/s; "
          f"{r['cpu_s']:6.1f} CPU s = {r['pages_per_cpu_s']:6.1f} pages/CPU-s; peak RSS {r['peak_rss_mb']} MB",
          flush=True)


def what_ifs(out: Path, sites: int, tmp: str) -> dict[str, dict]:
    """Bare, full and the WHAT_IFS variants on the first `sites` seeds (same server)."""
    subset = out / "seeds-subset.txt"
    subset.write_text("".join((out / "seeds.txt").read_text().splitlines(True)[:sites]))
    results = {}
    for label, env in {"bare": None, "full": {}, **WHAT_IFS}.items():
        results[label] = run_one("bare" if label == "bare" else "full", subset, Path(tmp) / "w.db", env)
        _show(label, results[label])
    return results


def bench(sites: int, seed: int, repeats: int, out: Path, what_if_sites: int = 0, shape: str = "cms") -> dict:
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    web = prerender(out, sites, seed, port, shape)
    print(f"web: {web['sites']} sites, {web['pages']} pages ({shape}); page size p10/median/p90 "
          f"{web['page_kb']['p10']}/{web['page_kb']['median']}/{web['page_kb']['p90']} KB", flush=True)
    runs: dict[str, list[dict]] = {"bare": [], "full": []}
    with Server(out, port) as server, tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeats):
            for mode in ("bare", "full"):
                result = run_one(mode, out / "seeds.txt", Path(tmp) / f"{mode}.db")
                runs[mode].append(result)
                _show(mode, result)
        variants = what_ifs(out, what_if_sites, tmp) if what_if_sites else {}
    rate = {m: statistics.median(r["pages_per_s"] for r in rs) for m, rs in runs.items()}
    ratios = [f["pages_per_s"] / b["pages_per_s"] for b, f in zip(runs["bare"], runs["full"])]
    cpu_ratios = [f["pages_per_cpu_s"] / b["pages_per_cpu_s"] for b, f in zip(runs["bare"], runs["full"])]
    return {"server": server.kind, "web": web, "runs": runs, "what_if": variants, "what_if_sites": what_if_sites,
            "cpu_ratio": round(statistics.median(cpu_ratios), 3),
            "bare_pages_per_s": round(rate["bare"], 1), "full_pages_per_s": round(rate["full"], 1),
            "ratio": round(statistics.median(ratios), 3),
            "full_pages": max(r["pages"] for r in runs["full"]),
            "full_peak_rss_mb": max(r["peak_rss_mb"] for r in runs["full"]),
            "bare_peak_rss_mb": max(r["peak_rss_mb"] for r in runs["bare"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", default=str(HERE / "out" / "web"))
    parser.add_argument("--shape", choices=("cms", "lean"), default="cms", help="sample pages (default cms)")
    parser.add_argument("--what-if-sites", type=int, default=0,
                        help="also crawl this many sites with the full pipeline minus one cost at a time")
    args = parser.parse_args()
    result = bench(args.sites, args.seed, args.repeats, Path(args.out), args.what_if_sites, args.shape)
    print(f"full/bare = {result['ratio']} wall, {result['cpu_ratio']} per CPU-second (target >= 0.7); "
          f"full crawl peak RSS "
          f"{result['full_peak_rss_mb']} MB (target < 400)")
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
