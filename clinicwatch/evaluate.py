"""Score extraction and vetting against ground truth.

Two grounds: the sample web (crawl it, then compare the database with the
generator's truth.jsonl) and the golden fixture suite (run the page objects on
saved pages and compare with expected.json). Matching is on multisets of
normalised tuples, so a duplicated row costs precision and a missed one recall.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from items import REGISTER_KINDS
from core.text import ascii_key as fold

PRICE_TARGET = 0.95


def prf(expected: Counter, found: Counter) -> dict:
    tp = sum((expected & found).values())
    n_exp, n_found = sum(expected.values()), sum(found.values())
    precision = tp / n_found if n_found else (1.0 if not n_exp else 0.0)
    recall = tp / n_exp if n_exp else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "expected": n_exp, "found": n_found, "matched": tp}


def amount_key(value) -> float | None:
    return None if value is None else round(float(value), 2)


def price_key(p: dict, *prefix) -> tuple:
    return (*prefix, p.get("treatment"), amount_key(p.get("amount")), p.get("currency"), p.get("unit"))


def person_key(name: str | None, *prefix) -> tuple:
    return (*prefix, fold(name))


def reg_key(c: dict, *prefix) -> tuple:
    return (*prefix, c.get("kind"), str(c.get("value") or "").upper().replace(" ", ""))


# --- sample web ----------------------------------------------------------------------------

def load_truth(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


MEASURES = ("prices", "practitioners", "registrations", "findings", "booking platforms")


def truth_counters(truth: Iterable[dict]) -> dict[str, Counter]:
    out = {k: Counter() for k in MEASURES}
    for site in truth:
        s = site["site"]
        for platform in site.get("booking", []):
            out["booking platforms"][(s, platform)] += 1
        for p in site.get("prices", []):
            if p.get("amount") is not None:
                out["prices"][price_key(p, s, p.get("branch") or "")] += 1
        for clinic in site.get("clinics", []):  # the clinic's own numbers (a printed CQC id)
            for c in clinic.get("registrations", []):
                out["registrations"][reg_key(c, s, clinic.get("branch") or "")] += 1
        for person in site.get("practitioners", []):
            b = person.get("branch") or ""
            out["practitioners"][person_key(person["name"], s, b)] += 1
            for c in person.get("credentials", []):
                if c.get("kind") in REGISTER_KINDS:
                    out["registrations"][reg_key(c, s, b)] += 1
        for f in site.get("expected_findings", []):
            out["findings"][(s, f.get("branch") or "", f["rule_id"], fold(str(f.get("subject") or "")))] += 1
    return out


_FLAG_SUBJECT_SQL = """
SELECT c.site, c.branch, f.rule_id,
       CASE
         WHEN f.rule_id IN ('PRICE-01', 'PRICE-02') THEN p.treatment
         WHEN f.rule_id IN ('UK-REG-01', 'UK-REG-02', 'UK-REG-03', 'UK-REG-04', 'US-NPI-01') THEN cr.value
         WHEN f.rule_id IN ('UK-REG-05', 'UK-REG-06', 'US-ROLE-01', 'US-ROLE-02') THEN pr.name
         ELSE ''
       END AS subject
FROM flags f
JOIN clinics c ON c.id = f.clinic_id
LEFT JOIN prices p ON p.id = f.price_id
LEFT JOIN credentials cr ON cr.id = f.credential_id
LEFT JOIN practitioners pr ON pr.id = f.practitioner_id
"""


def db_counters(db) -> dict[str, Counter]:
    out = {k: Counter() for k in MEASURES}
    for row in db.query("""SELECT DISTINCT c.site, substr(s.source, 9) AS platform FROM clinic_sources s
                           JOIN clinics c ON c.id = s.clinic_id WHERE s.source LIKE 'booking:%'"""):
        out["booking platforms"][(row["site"], row["platform"])] += 1
    for row in db.query("""SELECT c.site, c.branch, p.treatment, p.amount, p.currency, p.unit
                           FROM prices p JOIN clinics c ON c.id = p.clinic_id WHERE p.amount IS NOT NULL"""):
        out["prices"][price_key(row, row["site"], row["branch"])] += 1
    for row in db.query("SELECT c.site, c.branch, pr.name FROM practitioners pr JOIN clinics c ON c.id = pr.clinic_id"):
        out["practitioners"][person_key(row["name"], row["site"], row["branch"])] += 1
    kinds = ", ".join(f"'{k}'" for k in REGISTER_KINDS)
    for row in db.query(f"""SELECT DISTINCT c.site, c.branch, cr.kind, cr.value, cr.practitioner_id
                            FROM credentials cr JOIN clinics c ON c.id = cr.clinic_id
                            WHERE cr.kind IN ({kinds})"""):
        out["registrations"][reg_key(row, row["site"], row["branch"])] += 1
    if db["flags"].exists():
        for row in db.query(_FLAG_SUBJECT_SQL):
            out["findings"][(row["site"], row["branch"], row["rule_id"], fold(str(row["subject"] or "")))] += 1
    return out


def diff_examples(expected: Counter, found: Counter, limit: int = 8) -> dict:
    missed = list((expected - found).elements())[:limit]
    extra = list((found - expected).elements())[:limit]
    return {"missed": [list(m) for m in missed], "unexpected": [list(e) for e in extra]}


def evaluate_sample_web(db_path: str, *, clinics: int, seed: int, verbose: bool = False,
                        shape: str = "lean") -> dict:
    from clinicwatch.crawl import LOOPBACK_PROFILE
    from clinicwatch.jobs import run_job
    from db.schema import open_db
    from samples.server import SampleWeb

    with SampleWeb(clinics=clinics, seed=seed, shape=shape) as web:
        summary = run_job(db_path, seeds=str(web.seeds_csv), area=None, allow_private=True,
                          overrides=dict(LOOPBACK_PROFILE), verbose=verbose,
                          register_dir=Path(web.registers_dir))
        crawl = summary["crawl"]
        truth = load_truth(web.truth_path)
    db = open_db(db_path)
    try:
        expected, found = truth_counters(truth), db_counters(db)
    finally:
        db.close()
    report = {"ground": f"sample web, {clinics} sites, seed {seed}, {shape} pages", "crawl": crawl, "scores": {},
              "examples": {}}
    for key in expected:
        report["scores"][key] = prf(expected[key], found[key])
        report["examples"][key] = diff_examples(expected[key], found[key])
    s = report["scores"]
    report["ok"] = (crawl.get("status") == "finished"
                    and all(s[k]["precision"] >= PRICE_TARGET and s[k]["recall"] >= PRICE_TARGET
                            for k in ("prices", "practitioners", "registrations", "booking platforms")))
    return report


# --- golden fixtures -------------------------------------------------------------------------

CLINIC_FIELDS = ("name", "phone", "email", "postcode", "country", "locality", "branch")


def fixture_cases(root: str | Path) -> list[Path]:
    return sorted(p.parent for p in Path(root).glob("*/expected.json"))


def run_fixture(case: Path) -> tuple[dict, dict, dict]:
    from pipelines.normalise import normalise_extract
    from spiders.pages import extract_page

    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    body = (case / "page.html").read_bytes()
    extract = extract_page(body, meta["url"], content_type=meta.get("content_type"), hints=meta.get("hints"))
    normalise_extract(extract)  # golden rows are what is stored: per_session and numbers after normalising
    return meta, expected, extract.to_dict()


def fixture_counters(section: str, data: dict, case: str) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    if section == "prices":
        rows = data.get("prices") or []
        out["prices (treatment, amount, currency, unit)"] = Counter(price_key(p, case) for p in rows)
        out["prices.amount"] = Counter((case, amount_key(p.get("amount")), p.get("currency")) for p in rows)
        for field in ("sessions", "per_session", "from_price", "treatment_text"):
            out[f"prices.{field}"] = Counter(
                (case, amount_key(p.get("amount")), _norm(p.get(field))) for p in rows)
    elif section == "practitioners":
        people = data.get("practitioners") or []
        out["practitioners.name"] = Counter(person_key(p.get("name"), case) for p in people)
        for field in ("title", "profession"):
            out[f"practitioners.{field}"] = Counter(
                (case, fold(p.get("name")), _norm(p.get(field))) for p in people)
        out["registrations (kind, value)"] = Counter(
            reg_key(c, case) for p in people for c in p.get("credentials", []) if c.get("kind") in REGISTER_KINDS)
        out["credentials.format_valid"] = Counter(
            (*reg_key(c, case), c.get("format_valid")) for p in people for c in p.get("credentials", [])
            if c.get("kind") in REGISTER_KINDS)
    elif section == "clinic":
        clinic = data.get("clinic") or {}
        for field in CLINIC_FIELDS:
            value = clinic.get(field)
            out[f"clinic.{field}"] = Counter([(case, _norm(value))] if value not in (None, "") else [])
    return out


def _norm(value):
    if isinstance(value, str):
        return " ".join(value.lower().split())
    if isinstance(value, float):
        return round(value, 2)
    return value


def score_fixtures(root: str | Path) -> dict:
    cases = fixture_cases(root)
    if not cases:
        return {"ok": False, "ground": f"no fixtures under {root}", "scores": {}}
    exp_total: dict[str, Counter] = {}
    got_total: dict[str, Counter] = {}
    shapes = set()
    for case in cases:
        meta, expected, got = run_fixture(case)
        shapes.add(meta.get("shape"))
        for section in meta.get("check", []):
            exp_c = fixture_counters(section, expected, case.name)
            got_c = fixture_counters(section, got, case.name)
            if section == "clinic":  # only fields the fixture states are scored
                got_c = {k: v if exp_c[k] else Counter() for k, v in got_c.items()}
            for key in exp_c:
                exp_total.setdefault(key, Counter()).update(exp_c[key])
                got_total.setdefault(key, Counter()).update(got_c[key])
    scores = {key: prf(exp_total[key], got_total[key]) for key in sorted(exp_total)}
    return {"ground": f"{len(cases)} golden fixtures, {len(shapes)} page shapes, {root}",
            "scores": scores, "ok": True}


def format_report(report: dict) -> str:
    lines = [report.get("ground", "")]
    crawl = report.get("crawl")
    if crawl:
        lines.append(f"crawl: {crawl.get('status')} - {crawl.get('pages')} pages, {crawl.get('errors')} errors")
    lines.append(f"{'measure':48} {'precision':>9} {'recall':>7} {'f1':>6} {'expected':>8} {'found':>6}")
    for key, s in report.get("scores", {}).items():
        lines.append(f"{key:48} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} "
                     f"{s['expected']:8d} {s['found']:6d}")
    return "\n".join(lines)
