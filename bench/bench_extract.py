"""Benchmark: extraction cost per page (median and p95 ms) of the page object.

Usage: python bench/bench_extract.py [--fixtures tests/fixtures/pages] [--sample-pages 500]

Times ``spiders.pages.extract_page`` (decode, parse, clinic, prices, practitioners) on
the golden fixture suite (tests/fixtures/pages/*/page.html, real-world shaped pages),
on the lean sample web (2-3 KB pages) and on the CMS-shaped sample web (samples/cms.py:
real-sized pages, median about 80 KB, with mega menus, long footers, scripts and state),
whose page-size distribution is printed too. Each page is read three times; its cost is
the fastest of the three (the noise of a shared machine only ever adds time).
Prints a summary and a last line ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from spiders.pages import extract_page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def fixture_pages(root: Path) -> list[tuple[bytes, str, str | None]]:
    pages = []
    for html in sorted(root.glob("*/page.html")):
        meta_path = html.parent / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        pages.append((html.read_bytes(), meta.get("url", "http://fixture.example/"), meta.get("content_type")))
    return pages


def sample_pages(limit: int, seed: int = 5, shape: str = "lean") -> list[tuple[bytes, str, str | None]]:
    from samples.generator import iter_sites
    from samples.render import render_path

    pages: list[tuple[bytes, str, str | None]] = []
    for spec in iter_sites(max(1, limit // 8), seed, 0):
        for page in spec.pages:
            status, ctype, body = render_path(spec, page.path, 8080, shape)
            if status == 200 and "html" in ctype:
                pages.append((body, f"http://{spec.host}:8080{page.path}", ctype))
    return pages[:limit]


def time_pages(pages) -> dict:
    for body, url, ctype in pages[:5]:
        extract_page(body, url, content_type=ctype)  # warm caches and lazy imports
    costs = []
    for body, url, ctype in pages:
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            extract_page(body, url, content_type=ctype)
            runs.append(time.perf_counter() - started)
        costs.append(min(runs) * 1000)
    costs.sort()
    if not costs:
        return {"pages": 0}
    p95 = costs[min(len(costs) - 1, int(round(0.95 * (len(costs) - 1))))]
    sizes = sorted(len(p[0]) / 1024 for p in pages)
    return {"pages": len(costs), "median_ms": round(statistics.median(costs), 2), "p95_ms": round(p95, 2),
            "max_ms": round(costs[-1], 2), "mean_kb": round(sum(sizes) / len(sizes), 1),
            "size_kb": {"p10": round(sizes[int(0.1 * (len(sizes) - 1))], 1), "median": round(statistics.median(sizes), 1),
                        "p90": round(sizes[int(0.9 * (len(sizes) - 1))], 1), "max": round(sizes[-1], 1)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", default=str(ROOT / "tests" / "fixtures" / "pages"))
    parser.add_argument("--sample-pages", type=int, default=500)
    args = parser.parse_args()
    result = {"fixtures": time_pages(fixture_pages(Path(args.fixtures))),
              "sample_web": time_pages(sample_pages(args.sample_pages)),
              "cms_web": time_pages(sample_pages(args.sample_pages, shape="cms"))}
    for name, row in result.items():
        if row.get("pages"):
            sizes = row["size_kb"]
            print(f"{name:<11} {row['pages']:>4} pages ({row['mean_kb']} KB mean; size p10/median/p90/max "
                  f"{sizes['p10']}/{sizes['median']}/{sizes['p90']}/{sizes['max']} KB): median {row['median_ms']} ms, "
                  f"p95 {row['p95_ms']} ms, max {row['max_ms']} ms")
        else:
            print(f"{name:<11} no pages")
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
