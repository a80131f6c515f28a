"""Score extraction on the real-text development set (devset/): `clinicwatch eval --devset DIR`.

Each label row (devset/labels/*.jsonl) names a public page and the facts a reader finds in its
text; the text itself is in DIR/cache/<sha1 of the URL>.txt, git-ignored and rebuilt as
devset/README.md says. The text is plain (the stored excerpt of the page), so it is given to the
extractor as a page of paragraphs, one per line, under the page's URL.

Measures (docs/evidence.md explains them):
* own prices: precision/recall/F1 of (treatment, amount, currency), and strictly with unit,
  quantity/sessions and the from flag as well;
* non-own money taken as a price: labelled other money (market figures, deposits, fees, finance,
  third-party deals, wholesale costs, old prices, examples) whose amount and currency come out
  as a clinic price; pages without own prices that still give a price;
* practitioners: recall and precision by name (accents, case and titles folded; a family name
  alone matches the full name); registration numbers found that the page does not state;
* crashes.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from clinicwatch.evaluate import amount_key
from core.text import name_key
from items import REGISTER_KINDS

NON_OWN = ("market_price", "deposit", "fee", "finance", "third_party", "wholesale", "was_price", "example",
           "other")
EQUIVALENT_UNITS = {"treatment": "session"}  # a one-off treatment price and a session price read alike


def _alnum(value) -> str:
    return "".join(ch for ch in str(value) if ch.isalnum()).upper()


def url_sha1(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def load_rows(root: Path) -> list[dict]:
    rows = []
    for path in sorted((root / "labels").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def page_html(text: str) -> bytes:
    """Plain page text as the page object reads it (spiders/pages/clinic_page.text_as_html), so the
    development set is scored exactly as `clinicwatch extract TEXTFILE --url URL` reads a saved page."""
    from spiders.pages.clinic_page import text_as_html

    return text_as_html(text).encode()


def loose_key(p: dict) -> tuple:
    return (p.get("treatment"), amount_key(p.get("amount")), (p.get("currency") or "").upper())


def strict_key(p: dict, *, label: bool) -> tuple:
    unit = p.get("unit") or "session"
    unit = EQUIVALENT_UNITS.get(unit, unit)
    count = p.get("sessions") if unit == "course" else (p.get("quantity") if unit in (
        "area", "unit", "ml", "syringe", "graft") else None)
    count = None if count in (None, 1, 1.0) and unit != "course" else count
    from_flag = bool(p.get("from") if label else p.get("from_price"))
    return (*loose_key(p), unit, None if count is None else float(count), from_flag)


def person_match(label: str, found: list[str]) -> int | None:
    """Index of the found name that is this labelled person, or None."""
    want = name_key(label).split()
    for i, name in enumerate(found):
        got = name_key(name).split()
        if got == want or (got and want and (set(got) <= set(want) or set(want) <= set(got))
                           and got[-1] == want[-1]):
            return i
    return None


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "expected": tp + fn, "found": tp + fp}


def score_page(row: dict, extract: dict) -> dict:
    """Counts and failure notes for one page."""
    out: dict = {"url": row["url"], "fails": defaultdict(list)}
    got = [p for p in extract.get("prices", []) if p.get("amount") is not None]
    for name, keyf_label, keyf_got in (
            ("loose", loose_key, loose_key),
            ("strict", lambda p: strict_key(p, label=True), lambda p: strict_key(p, label=False))):
        want = Counter(keyf_label(p) for p in row.get("own_prices", []))
        have = Counter(keyf_got(p) for p in got)
        tp = sum((want & have).values())
        out[name] = (tp, sum(have.values()) - tp, sum(want.values()) - tp)
        if name == "loose":
            for k in (want - have):
                out["fails"]["own price missed"].append(k)
            for k in (have - want):
                out["fails"]["price invented"].append(k)
    own_amounts = {(amount_key(p["amount"]), p["currency"].upper()) for p in row.get("own_prices", [])}
    got_amounts = {(amount_key(p["amount"]), (p.get("currency") or "").upper()) for p in got}
    taken = total = 0
    for m in row.get("other_money", []):
        if m.get("role") not in NON_OWN or m.get("amount") is None:
            continue
        key = (amount_key(m["amount"]), (m.get("currency") or "").upper())
        if key in own_amounts:
            continue  # the same figure is also an own price on this page
        total += 1
        if key in got_amounts:
            taken += 1
            out["fails"][f"{m['role']} taken as a price"].append(key)
    out["non_own"] = (taken, total)
    out["no_own_page"] = (not row.get("own_prices"), bool(got) and not row.get("own_prices"))
    if out["no_own_page"][1]:
        out["fails"]["price on a page without own prices"].append(len(got))
    found = [p.get("name") or "" for p in extract.get("practitioners", [])]
    remaining = list(found)
    tp = 0
    for person in row.get("practitioners", []):
        i = person_match(person["name"], remaining)
        if i is None:
            out["fails"]["practitioner missed"].append(person["name"])
        else:
            tp += 1
            remaining.pop(i)
    for name in remaining:
        out["fails"]["practitioner invented"].append(name)
    out["people"] = (tp, len(remaining), len(row.get("practitioners", [])) - tp)
    stated = {_alnum(r.get("number", "")) for person in row.get("practitioners", [])
              for r in person.get("registrations", [])} - {""}
    numbers = [c for person in extract.get("practitioners", []) for c in person.get("credentials", [])
               if c.get("kind") in REGISTER_KINDS]
    numbers += extract.get("clinic", {}).get("credentials", [])
    # a number the page states, also inside a longer printed form ("GMC 1234567"), is no look-alike
    lookalikes = [f"{c['kind']} {c['value']}" for c in numbers
                  if not any(s in _alnum(c["value"]) for s in stated)]
    out["lookalikes"] = lookalikes
    if lookalikes:
        out["fails"]["registration look-alike taken"].extend(lookalikes)
    return out


def evaluate_devset(root: str | Path) -> dict:
    from spiders.pages import extract_page

    root = Path(root)
    rows = load_rows(root)
    pages, missing, crashes, timings = [], [], [], []
    for row in rows:
        cached = root / "cache" / f"{url_sha1(row['url'])}.txt"
        if not cached.exists():
            missing.append(row["url"])
            continue
        body = page_html(cached.read_text(encoding="utf-8"))
        started = time.perf_counter()
        try:
            extract = extract_page(body, row["url"], content_type="text/html; charset=utf-8").to_dict()
        except Exception as exc:  # a crash is a finding of the evaluation, not the end of it
            crashes.append(f"{row['url']}: {type(exc).__name__}: {exc}")
            continue
        timings.append(time.perf_counter() - started)
        page = score_page(row, extract)
        page["role"] = row.get("page_role")
        pages.append(page)

    def total(key: str) -> tuple[int, int, int]:
        return tuple(sum(p[key][i] for p in pages) for i in range(3))

    taken, nonown = sum(p["non_own"][0] for p in pages), sum(p["non_own"][1] for p in pages)
    no_own = [p for p in pages if p["no_own_page"][0]]
    classes: dict[str, list[str]] = defaultdict(list)
    for p in pages:
        for cls, items in p["fails"].items():
            classes[cls].append(f"{p['url']}  {items[:4]}")
    return {
        "ground": f"development set {root}: {len(rows)} labelled pages, {len(pages)} scored, "
                  f"{len(missing)} without cached text, {len(crashes)} crashes",
        "scores": {
            "own prices (treatment, amount, currency)": prf(*total("loose")),
            "own prices (+ unit, quantity, from)": prf(*total("strict")),
            "practitioners (name)": prf(*total("people")),
        },
        "rates": {
            "non-own money taken as a price": [taken, nonown],
            "pages without own prices giving a price": [sum(p["no_own_page"][1] for p in no_own), len(no_own)],
            "registration look-alikes taken": [sum(len(p["lookalikes"]) for p in pages), len(pages)],
            "crashes": [len(crashes), len(rows) - len(missing)],
        },
        "failure_classes": {cls: {"pages": len(items), "examples": items} for cls, items in
                            sorted(classes.items(), key=lambda kv: -len(kv[1]))},
        "missing_text": missing,
        "crashes": crashes,
        "median_ms": round(sorted(timings)[len(timings) // 2] * 1000, 2) if timings else None,
        "ok": not crashes,
    }


def format_devset_report(report: dict, *, pages: bool = True) -> str:
    lines = [report["ground"]]
    lines.append(f"{'measure':48} {'precision':>9} {'recall':>7} {'f1':>6} {'expected':>8} {'found':>6}")
    for key, s in report["scores"].items():
        lines.append(f"{key:48} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f} "
                     f"{s['expected']:8d} {s['found']:6d}")
    for key, (n, of) in report["rates"].items():
        share = f"{n / of:.1%}" if of else "n/a"
        lines.append(f"{key:48} {share:>9} ({n}/{of})")
    lines.append("failure classes (pages):")
    for cls, info in report["failure_classes"].items():
        lines.append(f"  {cls}: {info['pages']}")
        if pages:
            lines += [f"    {example}" for example in info["examples"]]
    if report["missing_text"]:
        lines.append(f"no cached text for {len(report['missing_text'])} pages (devset/README.md rebuilds it)")
    lines += [f"CRASH {c}" for c in report["crashes"]]
    return "\n".join(lines)
