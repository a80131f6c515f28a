"""Benchmark: rows per second of the store pipeline against plain sqlite_utils `upsert_all`.

Usage: python bench/bench_store.py [--pages 5000] [--repeats 3]

Builds N page items (8 prices, 2 practitioners with a register number each, like
a real price page), then writes them twice into fresh databases with the same schema
(db/schema.py, indexes and FTS triggers included):

* ``pipeline``: ``StorePipeline.process_item`` for every item (rows built by
  ``page_rows``, batches of CLINICWATCH_BATCH_SIZE=200 items, one transaction each);
* ``upsert_all``: the very same rows, prepared beforehand, written with
  ``db[table].upsert_all(rows, pk=...)`` per table: the floor the pipeline is held to.

The ratio (pipeline rows/s over upsert_all rows/s, best of N each) has a target of >= 0.8.
Prints a summary and a last line ``RESULT {json}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from db.schema import open_db  # noqa: E402
from items import ClinicInfo, Credential, PageExtract, PageItem, Practitioner, Price  # noqa: E402
from pipelines.store import StorePipeline, page_rows  # noqa: E402

TREATMENTS = ["hair_mesotherapy", "face_mesotherapy", "prp_hair", "prp_face", "microneedling",
              "botulinum_toxin", "dermal_filler", "skin_booster"]
PKS = {"clinics": ("id",), "practitioners": ("id",), "credentials": ("id",), "prices": ("id",),
       "price_observations": ("price_id", "crawl_id"), "pages": ("url",),
       "clinic_sources": ("clinic_id", "source", "url"), "money": ("id",), "signals": ("id",)}


def make_items(n: int) -> list[PageItem]:
    items = []
    for i in range(n):
        site = f"clinic{i // 5}.example"
        prices = [Price(treatment=t, treatment_text=f"{t.replace('_', ' ').title()} {i % 5}",
                        amount=100.0 + (i * 7 + k * 13) % 400, currency="GBP", unit="session",
                        per_session=100.0 + (i * 7 + k * 13) % 400, price_text="£150",
                        evidence=f"{t} from £150 per session")
                  for k, t in enumerate(TREATMENTS)]
        people = [Practitioner(name=f"Dr Person{i}x{k} Smith", title="Dr", profession="doctor", prescriber=True,
                               credentials=[Credential(kind="gmc", value=f"{7000000 + i * 2 + k}",
                                                       format_valid=True)])
                  for k in range(2)]
        extract = PageExtract(clinic=ClinicInfo(name=f"Clinic {i // 5}", phone="+441614960000", country="GB",
                                                postcode="M1 1AA"),
                              prices=prices, practitioners=people, page_kind="prices")
        items.append(PageItem(url=f"http://{site}/p{i % 5}", site=site, seed_url=f"http://{site}/",
                              fetched_at="2026-11-25T10:00:00+00:00", status=200, extract=extract))
    return items


def run_pipeline(items: list[PageItem], path: str) -> tuple[float, int]:
    from crawl.record import CrawlRecord

    pipe = StorePipeline(path, 200, crawl_id=CrawlRecord(path, "sites").open())
    pipe.open_spider()
    started = time.perf_counter()
    for item in items:
        pipe.process_item(item)
    pipe.flush()
    elapsed = time.perf_counter() - started
    pipe.db.close()
    return elapsed, _rows(path)


def run_upsert_all(items: list[PageItem], path: str) -> tuple[float, int]:
    db = open_db(path)
    batch: dict[str, list[dict]] = {}
    for item in items:
        for target, rows in page_rows(item, 1).items():
            batch.setdefault(target.split(":")[0], []).extend(rows)
    started = time.perf_counter()
    for table, rows in batch.items():
        db[table].upsert_all(rows, pk=PKS[table], batch_size=1000)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed, _rows(path)


def _rows(path: str) -> int:
    db = open_db(path)
    try:
        return sum(db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in PKS)
    finally:
        db.close()


def bench(pages: int, repeats: int) -> dict:
    best: dict[str, float] = {}
    rows: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(repeats):
            for name, fn in (("upsert_all", run_upsert_all), ("pipeline", run_pipeline)):
                elapsed, count = fn(make_items(pages), os.path.join(tmp, f"{name}{r}.db"))
                best[name] = min(best.get(name, elapsed), elapsed)
                rows[name] = count
    rate = {k: rows[k] / best[k] for k in best}
    return {"pages": pages, "rows": rows, "seconds": {k: round(v, 3) for k, v in best.items()},
            "rows_per_s": {k: round(v) for k, v in rate.items()},
            "ratio": round(rate["pipeline"] / rate["upsert_all"], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    result = bench(args.pages, args.repeats)
    print(f"store pipeline {result['rows_per_s']['pipeline']:,} rows/s, upsert_all "
          f"{result['rows_per_s']['upsert_all']:,} rows/s: ratio {result['ratio']} (target >= 0.8)")
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
