"""The real-text development set: cache paths, holdout guard, label checks.

    python devset/manage.py path URL      # where the page's text goes; exit 3 when the URL is held out
    python devset/manage.py check         # validate every label file, print coverage counts
    python devset/manage.py missing       # labelled pages whose text is not in the cache

Page text never enters git: it lives in devset/cache/<sha1-of-url>.txt (git-ignored) and is
rebuilt from the stored public pages as devset/README.md describes. Only labels are committed.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"
LABELS = HERE / "labels"
HOLDOUT = HERE.parent.parent / "shared" / "holdout-exclusions.txt"

PAGE_ROLES = ("clinic_prices", "clinic_service", "clinic_team", "clinic_blog", "clinic_other",
              "guide", "news", "directory", "marketplace", "regulator", "other")
TREATMENTS = ("hair_mesotherapy", "face_mesotherapy", "prp_hair", "prp_face", "microneedling",
              "botulinum_toxin", "dermal_filler", "skin_booster", "consultation", "hair_transplant", "other")
UNITS = ("session", "course", "area", "unit", "ml", "syringe", "treatment", "consultation", "graft")
MONEY_ROLES = ("market_price", "deposit", "fee", "finance", "third_party", "wholesale", "was_price",
               "example", "other")
PROFESSIONS = ("doctor", "dentist", "nurse", "nurse_practitioner", "physician_assistant", "pharmacist",
               "hcpc_professional", "aesthetician", "medical_assistant", "unknown")


def url_sha1(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def held_out() -> set[str]:
    if not HOLDOUT.exists():
        return set()
    return {line.strip() for line in HOLDOUT.read_text().splitlines() if line.strip() and not line.startswith("#")}


def cache_path(url: str) -> Path:
    return CACHE / f"{url_sha1(url)}.txt"


def load_labels() -> list[dict]:
    rows = []
    for path in sorted(LABELS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["_where"] = f"{path.name}:{n}"
                rows.append(row)
    return rows


def problems(row: dict, holdout: set[str]) -> list[str]:
    out = []
    url = row.get("url", "")
    if url_sha1(url) in holdout:
        out.append("URL is in the holdout list")
    if row.get("page_role") not in PAGE_ROLES:
        out.append(f"page_role {row.get('page_role')!r}")
    for key in ("lang", "country"):
        if not row.get(key):
            out.append(f"missing {key}")
    for p in row.get("own_prices", []):
        if p.get("treatment") not in TREATMENTS:
            out.append(f"treatment {p.get('treatment')!r}")
        if p.get("unit", "session") not in UNITS:
            out.append(f"unit {p.get('unit')!r}")
        if not isinstance(p.get("amount"), (int, float)) or not p.get("currency"):
            out.append(f"own price without amount/currency: {p}")
    for m in row.get("other_money", []):
        if m.get("role") not in MONEY_ROLES:
            out.append(f"money role {m.get('role')!r}")
    for person in row.get("practitioners", []):
        if not person.get("name"):
            out.append("practitioner without a name")
        if person.get("profession", "unknown") not in PROFESSIONS:
            out.append(f"profession {person.get('profession')!r}")
    return out


_WORD = re.compile(r"\w+")
COPY_RUN = 8  # words: a label string sharing this many consecutive words with the page copies it


def copied(row: dict) -> list[str]:
    """Label strings (notes, roles...) that repeat a run of the cached page's words: labels are facts."""
    path = cache_path(row.get("url", ""))
    if not path.exists():
        return []
    page = " ".join(_WORD.findall(path.read_text(encoding="utf-8").lower()))
    found = []

    def walk(value, where):
        if isinstance(value, str):
            words = _WORD.findall(value.lower())
            for i in range(len(words) - COPY_RUN + 1):
                if " ".join(words[i:i + COPY_RUN]) in page:
                    found.append(f"{where} copies page text: {' '.join(words[i:i + COPY_RUN])!r}")
                    return
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")

    walk({k: v for k, v in row.items() if k not in ("url", "query", "_where")}, "label")
    return found


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "path":
        url = argv[1]
        if not HOLDOUT.exists():  # without the list no page can be cleared for reading
            print(f"holdout list missing ({HOLDOUT}): refusing every URL", file=sys.stderr)
            return 2
        if url_sha1(url) in held_out():
            print("held out: do not read or label this page", file=sys.stderr)
            return 3
        print(cache_path(url))
        return 0
    if argv[:1] == ["check"]:
        holdout, rows, bad = held_out(), load_labels(), 0
        seen = Counter(r.get("url") for r in rows)
        for row in rows:
            issues = problems(row, holdout) + copied(row)
            if seen[row.get("url")] > 1:
                issues.append("URL labelled twice")
            for issue in issues:
                bad += 1
                print(f"{row['_where']}: {issue}")
        roles = Counter(r["page_role"] for r in rows)
        print(f"{len(rows)} pages; roles {dict(roles)}")
        print("with own prices:", sum(1 for r in rows if r.get("own_prices")),
              "| hair-loss own prices:", sum(1 for r in rows if any(
                  p["treatment"] in ("hair_mesotherapy", "prp_hair", "hair_transplant") or p.get("hair")
                  for p in r.get("own_prices", []))),
              "| with practitioners:", sum(1 for r in rows if r.get("practitioners")),
              "| market-price pages:", sum(1 for r in rows if any(
                  m["role"] == "market_price" for m in r.get("other_money", []))),
              "| neither:", sum(1 for r in rows if not r.get("own_prices") and not r.get("practitioners")
                                and not r.get("other_money")))
        print("langs", dict(Counter(r["lang"] for r in rows)))
        print("countries", dict(Counter(r["country"] for r in rows)))
        return 1 if bad else 0
    if argv[:1] == ["missing"]:
        missing = [r["url"] for r in load_labels() if not cache_path(r["url"]).exists()]
        print("\n".join(missing))
        print(f"{len(missing)} labelled pages have no cached text", file=sys.stderr)
        return 1 if missing else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
