"""Benchmark: price norms and findings over a synthetic database of 1,000,000 prices.

Usage: python bench/bench_norms.py [--prices N] [--db PATH] [--keep]

Builds the database in a child process (so its memory is not counted), then
runs ``compute_norms`` and ``run_rules`` here, twice (empty flags, then the
steady state after a re-crawl), and prints wall and CPU seconds and peak RSS
(``resource.getrusage``). Issue target: under 30 s and under 500 MB.
Distributions: 40% UK clinics (120 postcode areas, 60 cities), 30% US (50
states, 300 cities), the rest across five countries; about 17 prices a clinic,
lognormal around a per-treatment typical price with 2% far-low outliers;
0-4 practitioners a clinic with register numbers of every status.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BATCH = 20_000
COUNTRIES = [("GB", "GBP", 0.40), ("US", "USD", 0.30), ("DE", "EUR", 0.10), ("FR", "EUR", 0.05),
             ("PL", "PLN", 0.05), ("ES", "EUR", 0.05), ("AE", "AED", 0.05)]
FX = {"GBP": 1.0, "USD": 1.3, "EUR": 1.15, "PLN": 5.0, "AED": 4.7}
# treatment: (typical per-session GBP, weight, per-unit bases it is sold by)
TREATMENTS = {
    "hair_mesotherapy": (150, 14, ()), "face_mesotherapy": (130, 8, ()),
    "prp_hair": (350, 14, ()), "prp_face": (300, 6, ()), "microneedling": (180, 10, ()),
    "botulinum_toxin": (220, 16, (("area", 120), ("unit", 8))),
    "dermal_filler": (300, 12, (("ml", 280), ("syringe", 320))),
    "skin_booster": (250, 6, ()), "consultation": (50, 8, ()), "other": (120, 6, ()),
}
PROFESSIONS = [("doctor", 20), ("nurse", 25), ("dentist", 6), ("pharmacist", 4),
               ("nurse_practitioner", 8), ("physician_assistant", 4), ("aesthetician", 15),
               ("medical_assistant", 4), ("unknown", 14)]
STATUSES = [("verified", 60), ("not_checked", 15), ("not_found", 6), ("name_mismatch", 3),
            ("inactive", 3), ("conditions", 2), ("unverifiable", 11)]
KIND_BY_PROFESSION = {"doctor": "gmc", "nurse": "nmc", "dentist": "gdc", "pharmacist": "gphc"}


def pick(rng: random.Random, weighted: list[tuple]) -> tuple:
    return rng.choices(weighted, weights=[w[-1] for w in weighted])[0]


def clinic_rows(rng: random.Random, n: int) -> Iterator[tuple]:
    letters = "ABCDEFGHIJKLMNOPRSTUWY"
    areas = sorted({rng.choice(letters) + rng.choice(["", *letters]) for _ in range(400)})[:120]
    states = ["CA", "NY", "TX", "FL", "IL", "WA", "NJ", "GA", "AZ", "MA"]
    states += [f"S{i}" for i in range(40)]
    for i in range(n):
        cc, _, _ = pick(rng, COUNTRIES)
        cid = f"c{i:07d}"
        city = f"{cc.lower()}city{int(rng.paretovariate(1.2)) % (60 if cc != 'US' else 300)}"
        postcode = None
        if cc == "GB":
            postcode = f"{rng.choice(areas)}{rng.randint(1, 20)} {rng.randint(1, 9)}AA"
        region = rng.choice(states) if cc == "US" else None
        yield (cid, f"{cid}.example", "", f"Clinic {i}", f"https://{cid}.example/", cc, postcode,
               city.title(), region)


def price_rows(rng: random.Random, clinics: list[tuple[str, str]], n: int) -> Iterator[tuple]:
    names = list(TREATMENTS)
    weights = [TREATMENTS[t][1] for t in names]
    for i in range(n):
        cid, cur = clinics[i % len(clinics)]
        t = rng.choices(names, weights)[0]
        base, _, bases = TREATMENTS[t]
        unit, sessions, quantity = "session", None, None
        roll = rng.random()
        if bases and roll < 0.5:
            unit, base = rng.choice(bases)
            quantity = rng.choice([1, 1, 1, 2, 3]) if unit != "unit" else rng.choice([1, 20, 50])
            base *= quantity
        elif roll < 0.65:
            unit, sessions = "course", rng.choice([3, 4, 6, 10, None])
            base *= sessions or 5
        outlier = 0.3 if rng.random() < 0.02 else 1
        amount = round(base * FX[cur] * math.exp(rng.gauss(0, 0.35)) * outlier)
        if rng.random() < 0.03:
            amount = None
        per_session = amount if unit == "session" and amount else (
            amount / sessions if unit == "course" and sessions and amount else None)
        yield (f"p{i:08d}", cid, t, t, amount, cur, unit, sessions, quantity, per_session,
               int(rng.random() < 0.1), f"https://{cid}.example/prices")


def people_rows(rng: random.Random, clinics: list[tuple[str, str]]) -> Iterator[tuple[str, tuple]]:
    k = 0
    for cid, _ in clinics:
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            k += 1
            prof = pick(rng, PROFESSIONS)[0]
            pid = f"r{k:07d}"
            yield "p", (pid, cid, f"Person {k}", "Dr" if prof == "doctor" else None, prof,
                        int(prof in ("doctor", "dentist")),
                        "Injector" if rng.random() < 0.3 else None)
            if rng.random() < 0.7:
                kind = KIND_BY_PROFESSION.get(prof, "npi" if rng.random() < 0.5 else "hcpc")
                evidence = json.dumps({"licence_state_match": rng.random() > 0.1})
                yield "c", (f"k{k:07d}", pid, cid, kind, str(rng.randint(10**6, 10**7)),
                            int(rng.random() > 0.05), pick(rng, STATUSES)[0], evidence)


def build(path: str, n_prices: int, seed: int = 7) -> None:
    from db.schema import open_db

    from db.schema import ensure_schema

    rng = random.Random(seed)
    db = open_db(path)
    ensure_schema(db)
    conn = db.conn
    n_clinics = max(10, n_prices // 17)
    clinics = []
    with conn:
        batch = []
        for row in clinic_rows(rng, n_clinics):
            clinics.append((row[0], dict((c, cur) for c, cur, _ in COUNTRIES)[row[5]]))
            batch.append(row)
        conn.executemany("INSERT INTO clinics (id, site, branch, name, website, country, postcode, "
                         "locality, region) VALUES (?,?,?,?,?,?,?,?,?)", batch)
    insert_batches(conn, "INSERT INTO prices (id, clinic_id, treatment, treatment_text, amount, "
                   "currency, unit, sessions, quantity, per_session, from_price, source_url) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", price_rows(rng, clinics, n_prices))
    with conn:
        people = list(people_rows(rng, clinics))
        conn.executemany("INSERT INTO practitioners (id, clinic_id, name, title, profession, "
                         "prescriber, role) VALUES (?,?,?,?,?,?,?)",
                         [r for t, r in people if t == "p"])
        conn.executemany("INSERT INTO credentials (id, practitioner_id, clinic_id, kind, value, "
                         "format_valid, status, evidence) VALUES (?,?,?,?,?,?,?,?)",
                         [r for t, r in people if t == "c"])
    db.close()


def insert_batches(conn, sql: str, rows: Iterator[tuple]) -> None:
    batch: list[tuple] = []
    with conn:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                conn.executemany(sql, batch)
                batch = []
        conn.executemany(sql, batch)


def cpu_seconds() -> float:
    """User + system CPU time of this process: less sensitive to a busy machine than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(path: str) -> dict:
    """Analyse twice: the first run fills empty flags, the second is the steady state."""
    from db.schema import connect

    from analysis.norms import compute_norms
    from analysis.rules import run_rules

    db = connect(path)
    result: dict = {}
    for label in ("first_run", "second_run"):
        t0, c0 = time.perf_counter(), cpu_seconds()
        norms = compute_norms(db)
        t1 = time.perf_counter()
        findings = run_rules(db)
        t2, c2 = time.perf_counter(), cpu_seconds()
        result[label] = {"norms_seconds": round(t1 - t0, 2), "rules_seconds": round(t2 - t1, 2),
                         "total_seconds": round(t2 - t0, 2),
                         "total_cpu_seconds": round(c2 - c0, 2),
                         "findings": {k: v for k, v in findings.items() if k != "rules"}}
    db.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.update(peak_rss_mb=round(rss_mb, 1), norms=norms, per_rule=findings["rules"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prices", type=int, default=1_000_000)
    parser.add_argument("--db", help="database path (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="reuse --db if it exists; keep it")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = args.db or os.path.join(tempfile.mkdtemp(prefix="cw-bench-"), "bench.db")
    if args.build_only:
        build(path, args.prices)
        return
    if not (args.keep and os.path.exists(path)):
        t = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build-only", "--db", path,
                        "--prices", str(args.prices)], check=True)
        print(f"built {args.prices:,} prices in {time.perf_counter() - t:.1f}s: {path}")
    result = run(path)
    print(json.dumps(result, indent=2))
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)


if __name__ == "__main__":
    main()
