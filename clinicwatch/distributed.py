"""Distributed crawling: worker processes share a Redis queue; one writer fills SQLite.

``clinicwatch crawl-shared --redis URL --seeds FILE --db PATH --workers N``
is the coordinator: it clears the crawl's Redis keys, pushes the seeds, starts
N local workers, and drains ``<prefix>:items`` into SQLite through the normal
StorePipeline (one writer: no lock contention, no lost rows). It finishes when
its workers and any remote ones (``clinicwatch worker --redis URL`` on other
machines) have left and the item list is empty, then records the crawl with the
workers' summed stats and monitor failures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any

from clinicwatch.cliutil import CliError, add_allow_private, add_db, add_json, print_json

REDIS_PROFILE: dict[str, Any] = {
    "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    "SCHEDULER_PERSIST": True,  # the coordinator clears the keys; a closing worker must not
    "HTTPCACHE_ENABLED": False,  # caches are per machine; see docs/ops.md
    "ITEM_PIPELINES": {
        "pipelines.validate.ValidatePipeline": 100,
        "pipelines.normalise.NormalisePipeline": 200,
        "spidermon.contrib.scrapy.pipelines.ItemValidationPipeline": 800,
        "pipelines.redis_queue.RedisQueuePipeline": 900,
    },
}
# A worker sees only part of each site: coverage is judged by the writer on the whole crawl.
WORKER_COVERAGE_OFF = {"CLINICWATCH_MONITOR_MIN_PRICE_COVERAGE": 0.0,
                       "CLINICWATCH_MONITOR_MIN_CREDENTIAL_COVERAGE": 0.0,
                       "CLINICWATCH_MONITOR_MIN_PRICE_AMOUNT_COVERAGE": 0.0}
COVERAGE_SQL = {  # (part, whole) for the writer's coverage checks, per crawl id
    "PRICE": ("SELECT count(DISTINCT site) FROM pages WHERE crawl_id = :c AND prices > 0",
              "SELECT count(DISTINCT site) FROM pages WHERE crawl_id = :c", "sites with prices"),
    "CREDENTIAL": ("SELECT count(DISTINCT c.site) FROM credentials k JOIN clinics c ON c.id = k.clinic_id "
                   "WHERE k.last_crawl_id = :c",
                   "SELECT count(DISTINCT site) FROM pages WHERE crawl_id = :c", "sites with credentials"),
    "PRICE_AMOUNT": ("SELECT count(*) FROM price_observations WHERE crawl_id = :c AND amount IS NOT NULL",
                     "SELECT count(*) FROM price_observations WHERE crawl_id = :c", "prices with an amount"),
}


def redis_settings(redis_url: str, prefix: str) -> dict[str, Any]:
    profile = dict(REDIS_PROFILE)
    profile.update(REDIS_URL=redis_url, CLINICWATCH_REDIS_PREFIX=prefix,
                   SCHEDULER_QUEUE_KEY=f"{prefix}:requests", SCHEDULER_DUPEFILTER_KEY=f"{prefix}:dupefilter")
    return profile


def run_worker(redis_url: str, prefix: str, *, allow_private: bool, idle: float,
               overrides: dict | None = None, log_level: str = "WARNING") -> dict:
    """Crawl from the shared queue until idle; return this worker's final stats."""
    from scrapy.crawler import CrawlerProcess

    from clinicwatch.crawl import apply_render, build_settings
    from spiders.redis_sites import RedisSitesSpider

    settings = build_settings("(no database in a worker)", allow_private=allow_private,
                              overrides={**redis_settings(redis_url, prefix),
                                                 "CLINICWATCH_WORKER_IDLE": idle, **(overrides or {}),
                                         **WORKER_COVERAGE_OFF},
                              log_level=log_level)
    apply_render(settings)
    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions.update({"crawl.record.CrawlRecordExtension": None, "spiders.redis_sites.WorkerReport": 920})
    settings.set("EXTENSIONS", extensions, priority="cmdline")
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(RedisSitesSpider)
    process.crawl(crawler)
    process.start()
    return crawler.stats.get_stats()


def connect(redis_url: str):
    import redis

    server = redis.Redis.from_url(redis_url)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise CliError(f"cannot reach Redis at {redis_url}: {exc}") from None
    return server


def prepare(server, prefix: str, seeds_path: str) -> int:
    """Clear the crawl's keys and push the seeds; return how many were pushed."""
    from spiders.seeds import read_seeds

    if server.scard(f"{prefix}:workers"):
        raise CliError(f"workers are still registered under {prefix!r}: another crawl is running "
                       "(use --prefix to run a separate one)")
    stale = list(server.scan_iter(match=f"{prefix}:*", count=1000))
    if stale:
        server.delete(*stale)
    seeds, _problems = read_seeds(seeds_path)
    if seeds:
        server.rpush(f"{prefix}:seeds", *[json.dumps({"url": s.url, "name": s.name, "line": s.line})
                                          for s in seeds])
    return len(seeds)


def drain_once(server, prefix: str, store, batch: int = 500) -> int:
    """Store up to ``batch`` queued items; return how many."""
    from pipelines.redis_queue import decode_item, items_key

    raw = server.lpop(items_key(prefix), batch) or []
    for message in raw:
        store.process_item(decode_item(message))
    return len(raw)


def aggregate(server, prefix: str) -> tuple[dict, list[str], str]:
    """Summed worker stats, all monitor failures, and the overall finish reason."""
    from crawl.record import FAILURES_STAT

    totals: dict[str, float] = {}
    failures: list[str] = []
    reasons = set()
    for raw in server.hvals(f"{prefix}:stats"):
        stats = json.loads(raw)
        reasons.add(stats.pop("finish_reason", None))
        failures += stats.pop(FAILURES_STAT, [])
        for key, value in stats.items():
            totals[key] = totals.get(key, 0) + value
    reason = "finished" if reasons == {"finished"} else ",".join(sorted(str(r) for r in reasons)) or None
    return totals, failures, reason


def spawn_workers(n: int, redis_url: str, prefix: str, *, allow_private: bool, idle: float,
                  sets: list[str]) -> list[subprocess.Popen]:
    cmd = [sys.executable, "-m", "clinicwatch.cli", "worker", "--redis", redis_url, "--prefix", prefix,
           "--idle", str(idle)]
    cmd += ["--allow-private"] if allow_private else []
    for item in sets:
        cmd += ["-s", item]
    return [subprocess.Popen(cmd) for _ in range(n)]


def _coverage_failures(db, crawl_id: int, settings, requests: float) -> list[str]:
    """The coverage monitors, judged on the whole crawl from what the writer stored."""
    sites = db.execute(COVERAGE_SQL["PRICE"][1], {"c": crawl_id}).fetchone()[0]
    if requests < settings.getfloat("CLINICWATCH_MONITOR_MIN_REQUESTS"):
        return [] if sites else ["Crawl health / coverage: no site could be crawled"]
    failures = []
    for name, (part_sql, whole_sql, label) in COVERAGE_SQL.items():
        part = db.execute(part_sql, {"c": crawl_id}).fetchone()[0]
        whole = db.execute(whole_sql, {"c": crawl_id}).fetchone()[0]
        minimum = settings.getfloat(f"CLINICWATCH_MONITOR_MIN_{name}_COVERAGE")
        share = part / whole if whole else 0.0
        if share < minimum:
            failures.append(f"Crawl health / {name.lower().replace('_', ' ')} coverage: {label}: "
                            f"{share:.0%} ({part}/{whole}) below {minimum:.0%}")
    return failures


def crawl_shared(redis_url: str, prefix: str, seeds_path: str, db_path: str, *, workers: int,
                 allow_private: bool, idle: float, sets: list[str], wait_first: float = 120) -> dict:
    """Coordinate a distributed crawl and write it to ``db_path``; return its `crawls` row."""
    from clinicwatch.crawl import build_settings
    from crawl.record import CrawlRecord
    from pipelines.store import StorePipeline

    server = connect(redis_url)
    settings = build_settings(db_path, allow_private=allow_private, overrides=_overrides(sets))
    prepare(server, prefix, seeds_path)
    record = CrawlRecord(db_path, "sites", seeds_path)
    store = StorePipeline(db_path, settings.getint("CLINICWATCH_BATCH_SIZE", 200), crawl_id=record.open())
    store.open_spider()
    procs = spawn_workers(workers, redis_url, prefix, allow_private=allow_private, idle=idle, sets=sets)
    try:
        write_until_done(server, prefix, store, procs, wait_first)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
    store.close_spider()
    row = record_shared_crawl(server, prefix, record, settings)
    row["workers"] = int(server.scard(f"{prefix}:workers_seen"))
    return row


def write_until_done(server, prefix: str, store, procs: list[subprocess.Popen], wait_first: float) -> None:
    """Drain items until local workers exited, no remote one is registered and the list is empty."""
    started = time.monotonic()
    while True:
        if drain_once(server, prefix, store):
            continue
        running = any(p.poll() is None for p in procs)
        registered = server.scard(f"{prefix}:workers")
        ever = server.scard(f"{prefix}:workers_seen")
        if not running and not registered and (ever or time.monotonic() - started > wait_first):
            break
        time.sleep(0.2)
    while drain_once(server, prefix, store):
        pass
    store.flush()


def record_shared_crawl(server, prefix: str, record, settings) -> dict:
    """Finish the crawls row with the workers' summed stats and every monitor failure."""
    from db.schema import open_db

    totals, failures, reason = aggregate(server, prefix)
    if not totals:
        reason, failures = "no_workers", ["no worker took part in the crawl"]
    totals["clinicwatch/sites"] = server.hlen(f"{prefix}:scheduled")
    db = open_db(record.db_path)
    try:
        failures += _coverage_failures(db, record.crawl_id, settings, totals.get("downloader/request_count", 0))
    finally:
        db.close()
    row = record.close(reason, totals, failures,
                       change_threshold=settings.getfloat("CLINICWATCH_PRICE_CHANGE_THRESHOLD"))
    for failure in failures:
        print(f"monitor failed: {failure}", file=sys.stderr)
    return row


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("worker", help="crawl from a shared Redis queue (distributed crawling)",
                       description="Run one crawl worker: take seeds and requests from the Redis queue "
                       "that `clinicwatch crawl-shared` fills, push items back for its writer. Run any "
                       "number, on any machine that reaches Redis and the web.")
    _common(p)
    p.set_defaults(func=cmd_worker)
    p = sub.add_parser("crawl-shared", help="distributed crawl: seeds -> Redis -> workers -> one writer",
                       description="Push the seeds to Redis, start --workers local workers (remote ones "
                       "may join with `clinicwatch worker`), and write every item to the database "
                       "through one writer. Exits 1 when the crawl or a monitor failed.")
    p.add_argument("--seeds", required=True, metavar="FILE", help="seed file (see crawl)")
    add_db(p)
    p.add_argument("--workers", type=int, default=2, help="local worker processes (default 2; 0: remote only)")
    add_json(p)
    _common(p)
    p.set_defaults(func=cmd_crawl_shared)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--redis", required=True, metavar="URL", help="Redis URL, e.g. redis://host:6379/0")
    p.add_argument("--prefix", default="clinicwatch", help="Redis key prefix of this crawl (default clinicwatch)")
    p.add_argument("--idle", type=float, default=20.0,
                   help="seconds a worker waits with nothing to do before it stops (default 20; 0: never)")
    add_allow_private(p)
    p.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                   help="override a Scrapy setting (repeatable)")


def _overrides(sets: list[str]) -> dict:
    out = {}
    for item in sets:
        name, sep, value = item.partition("=")
        if not sep or not name.isupper():
            raise CliError(f"bad --set {item!r}: expected NAME=VALUE", 2)
        out[name] = value
    return out


def cmd_worker(args) -> int:
    stats = run_worker(args.redis, args.prefix, allow_private=args.allow_private, idle=args.idle,
                       overrides=_overrides(args.set), log_level="INFO" if args.verbose else "WARNING")
    return 0 if stats.get("finish_reason") == "finished" else 1


def cmd_crawl_shared(args) -> int:
    import os

    if not os.path.isfile(args.seeds):
        raise CliError(f"seed file not found: {args.seeds}", 2)
    _overrides(args.set)
    row = crawl_shared(args.redis, args.prefix, args.seeds, args.db, workers=args.workers,
                       allow_private=args.allow_private, idle=args.idle, sets=args.set)
    if args.json:
        print_json(row)
    else:
        print(f"crawl {row.get('id')}: {row.get('status')} ({row.get('finish_reason')}) - {row.get('workers')} "
              f"workers, {row.get('sites')} sites, {row.get('pages')} pages, {row.get('errors')} errors")
    return 0 if row.get("status") == "finished" else 1
