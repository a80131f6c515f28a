"""Benchmark the consumer check at scale: 100,000 clinics and 1,000,000 prices.

Builds (or reuses) a synthetic database with the real schema (db.schema.open_db,
analysis and registers migrations, FTS triggers), then times a mix of checks -
clinic names, names with a typo, postcodes, websites and registration numbers -
through publish.report.check directly and through HTTP (/check.json on a real
Datasette server started with publish.serve.datasette_command). Prints p50/p95/max.

    .venv/bin/python bench/bench_check.py                    # full size, bench/out/check.db
    .venv/bin/python bench/bench_check.py --clinics 5000 --prices 50000 --queries 100
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.schema import open_db  # noqa: E402
from publish.report import check  # noqa: E402
from publish.serve import datasette_command  # noqa: E402

WORDS = ("Glow Radiance Lumiere Harley Elite Pure Revive Aura Velvet Serene Bloom Crystal Halo "
         "Luxe Nova Opal Pearl Silk Vitality Zen Amber Belle Clarity Divine Essence Grace Ivory "
         "Jade Lotus Muse Orchid Prime Royal Sage Venus Willow").split()
KINDS = ("Aesthetics", "Clinic", "Skin Clinic", "Medispa", "Hair Clinic", "Aesthetic Clinic",
         "Beauty Rooms", "Laser Clinic", "Cosmetic Clinic", "Skin Studio")
TOWNS = ("London Manchester Leeds Bristol Bath York Leicester Norwich Brighton Oxford Cambridge "
         "Cardiff Glasgow Edinburgh Belfast Derby Exeter Chester Durham Reading").split()
AREAS = ("SW SE N NW E W EC WC M LS BS BA YO LE NR BN OX CB CF G EH BT DE EX CH DH RG").split()
FIRST = "Jane Amy Tom Sarah Priya Omar Chloe Daniel Aisha Lucy Mark Sofia Ravi Emma Noah".split()
LAST = "Harper Lee Reed Patel Khan Smith Jones Brown Taylor Wilson Evans Walker Hughes".split()
TREATMENTS = ("hair_mesotherapy", "prp_hair", "botulinum_toxin", "dermal_filler", "microneedling",
              "skin_booster", "face_mesotherapy", "prp_face", "consultation")
STATUSES = ("verified", "verified", "verified", "not_found", "unverifiable", "not_checked")
NOW = "2026-11-25T10:00:00Z"
BATCH = 20000


def _batched(conn: sqlite3.Connection, sql: str, rows) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            conn.executemany(sql, batch)
            batch.clear()
    if batch:
        conn.executemany(sql, batch)


def _clinic_rows(n: int, rnd: random.Random):
    for i in range(n):
        name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {rnd.choice(KINDS)}"
        town, area = rnd.choice(TOWNS), rnd.choice(AREAS)
        postcode = f"{area}{rnd.randint(1, 20)} {rnd.randint(1, 9)}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
                   f"{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        site = f"{name.lower().replace(' ', '')}{i}.co.uk"
        yield (f"{i:016x}", site, "", name, f"https://www.{site}/", "+441234567890",
               f"{rnd.randint(1, 200)} High Street", town, None, postcode, "GB",
               50 + rnd.random() * 5, -3 + rnd.random() * 3, NOW, NOW, 1)


def build(path: str, clinics: int, prices: int, seed: int = 1) -> None:
    """Create the synthetic database at ``path`` (batched executemany, one transaction per table)."""
    Path(path).unlink(missing_ok=True)
    db = open_db(path)  # every table (db/migrations.py)
    conn, rnd = db.conn, random.Random(seed)
    with conn:
        _batched(conn, "INSERT INTO clinics (id, site, branch, name, website, phone, address, locality, "
                 "region, postcode, country, latitude, longitude, first_seen, last_seen, last_crawl_id) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _clinic_rows(clinics, rnd))
    with conn:
        people = [(f"p{i:015x}", f"{rnd.randrange(clinics):016x}", f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
                   rnd.choice(("Dr", "Nurse", None)), rnd.choice(("doctor", "nurse", "aesthetician")),
                   rnd.choice((1, 0, None)), NOW) for i in range(int(clinics * 1.5))]
        _batched(conn, "INSERT INTO practitioners (id, clinic_id, name, title, profession, prescriber, "
                 "last_seen) VALUES (?,?,?,?,?,?,?)", people)
        _batched(conn, "INSERT INTO credentials (id, practitioner_id, clinic_id, kind, value, format_valid, "
                 "status, register_url) VALUES (?,?,?,?,?,?,?,?)",
                 ((f"c{i:015x}", p[0], p[1], "gmc", str(1000000 + i), 1, rnd.choice(STATUSES),
                   f"https://www.gmc-uk.org/doctors/{1000000 + i}") for i, p in enumerate(people)))
    _prices(conn, clinics, prices, rnd)
    with conn:
        _batched(conn, "INSERT INTO flags (id, clinic_id, rule_id, rule_version, severity, message, "
                 "created_at) VALUES (?,?,?,?,?,?,?)",
                 ((f"f{i:015x}", f"{rnd.randrange(clinics):016x}", rnd.choice(("PRICE-01", "UK-REG-02")),
                   1, rnd.choice(("red", "amber")), "A finding in plain language.", NOW)
                  for i in range(clinics // 3)))
        _batched(conn, "INSERT INTO pages (url, site, clinic_id, page_kind, status, fetched_at) "
                 "VALUES (?,?,?,?,?,?)", ((f"https://c{c}.example/{k}", f"c{c}.example", f"{c:016x}", k,
                                           200, NOW) for c in range(clinics)
                                          for k in ("home", "prices", "team")))
    conn.execute("ANALYZE")
    db.conn.close()


def _prices(conn: sqlite3.Connection, clinics: int, prices: int, rnd: random.Random) -> None:
    with conn:
        rows, positions = [], []
        for i in range(prices):
            cid, treatment = f"{i % clinics:016x}", TREATMENTS[(i // clinics) % len(TREATMENTS)]
            amount = round(rnd.uniform(60, 600), 0)
            pid = f"pr{i:014x}"
            rows.append((pid, cid, treatment, treatment.replace("_", " "), amount, "GBP", "session",
                         amount, NOW))
            median = 250.0
            positions.append((pid, cid, treatment, "GBP", "session", amount, 0, "postcode_area", "GB:SW",
                              "the SW postcode area", 40, median, 120.0, 190.0, 320.0, amount / median,
                              round((amount / median - 1) * 100, 1), "p25_p75", "2026-11-25"))
        _batched(conn, "INSERT INTO prices (id, clinic_id, treatment, treatment_text, amount, currency, "
                 "unit, per_session, last_seen) VALUES (?,?,?,?,?,?,?,?,?)", rows)
        _batched(conn, "INSERT INTO price_positions (price_id, clinic_id, treatment, currency, basis, "
                 "unit_price, from_price, norm_level, norm_region_key, norm_region_label, norm_n, "
                 "norm_median, norm_p10, norm_p25, norm_p75, ratio_to_median, pct_vs_median, band, "
                 "computed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", positions)


def _typo(text: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(text) - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def queries(path: str, n: int, seed: int = 2) -> list[tuple[str, str]]:
    """A mix of (kind, query) drawn from the database itself."""
    conn, rnd = sqlite3.connect(path), random.Random(seed)
    count = conn.execute("SELECT count(*) FROM clinics").fetchone()[0]
    out = []
    for i in range(n):
        cid = f"{rnd.randrange(count):016x}"
        name, site, postcode = conn.execute("SELECT name, site, postcode FROM clinics WHERE id = ?",
                                            (cid,)).fetchone()
        kind = ("name", "typo", "postcode", "website", "registration")[i % 5]
        if kind == "registration":
            value = conn.execute("SELECT value FROM credentials WHERE clinic_id = ? LIMIT 1",
                                 (cid,)).fetchone()
            out.append((kind, f"GMC {value[0]}" if value else postcode))
        else:
            out.append((kind, {"name": name, "typo": _typo(name, rnd), "website": f"https://www.{site}/",
                               "postcode": postcode.replace(" ", "").lower()}[kind]))
    conn.close()
    return out


def _stats(label: str, times: list[float]) -> dict[str, float]:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    row = {"p50_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
           "max_ms": round(times[-1] * 1000, 1), "n": len(times)}
    print(f"{label:<28} p50 {row['p50_ms']:>7} ms   p95 {row['p95_ms']:>7} ms   max {row['max_ms']:>7} ms"
          f"   (n={row['n']})")
    return row


def time_builder(path: str, qs: list[tuple[str, str]]) -> dict[str, list[float]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    check(conn, q="warm up the vocabulary cache zzqx")  # first fuzzy search loads the vocabulary
    by_kind: dict[str, list[float]] = {}
    for kind, q in qs:
        start = time.perf_counter()
        result = check(conn, q=q)
        by_kind.setdefault(kind, []).append(time.perf_counter() - start)
        by_kind.setdefault("_status", []).append(result["status"] != "no_match")
    conn.close()
    return by_kind


def time_http(path: str, qs: list[tuple[str, str]], port: int) -> list[float]:
    proc = subprocess.Popen(datasette_command(path, port=port), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/check.json?q=warm+up+zzqx", timeout=60)
                break
            except OSError:
                time.sleep(0.2)
        times = []
        for _, q in qs:
            start = time.perf_counter()
            with urllib.request.urlopen(base + "/check.json?q=" + urllib.parse.quote(q), timeout=30) as r:
                json.load(r)
            times.append(time.perf_counter() - start)
        return times
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=str(ROOT / "bench" / "out" / "check.db"))
    ap.add_argument("--clinics", type=int, default=100_000)
    ap.add_argument("--prices", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--reuse", action="store_true", help="reuse --db if it exists")
    ap.add_argument("--port", type=int, default=18731)
    ap.add_argument("--no-http", action="store_true")
    args = ap.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    if not (args.reuse and Path(args.db).exists()):
        start = time.perf_counter()
        build(args.db, args.clinics, args.prices)
        print(f"built {args.clinics:,} clinics / {args.prices:,} prices in "
              f"{time.perf_counter() - start:.0f} s ({Path(args.db).stat().st_size / 1e6:.0f} MB)")
    qs = queries(args.db, args.queries)
    by_kind = time_builder(args.db, qs)
    found = by_kind.pop("_status")
    print(f"queries answered with a clinic or a list: {sum(found)}/{len(found)}")
    results = {kind: _stats(f"builder: {kind}", t) for kind, t in sorted(by_kind.items())}
    results["builder"] = _stats("builder: all", [t for ts in by_kind.values() for t in ts])
    if not args.no_http:
        results["http"] = _stats("HTTP /check.json: all", time_http(args.db, qs, args.port))
    return 0 if results["builder"]["p95_ms"] < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
