"""Builds the golden price fixtures in tests/fixtures/pages/price-<shape>-<n>/ (run by hand).

    .venv/bin/python tests/extract_prices/fixture_pages.py

Each case is a hand-written clinic page body (invented clinics, our own wording) put
into one of several site shells (WordPress, Elementor, Divi, Wix, Squarespace, Joomla,
static) with navigation, cookie banner and footer, and the prices a reader sees on it.
Expected rows are written by hand here; per_session follows docs/data-contract.md.
Not a test module: pytest does not collect it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fixture_cases import CASES
from fixture_shells import shell
from extract.price_units import per_session  # the one definition

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def expected_rows(case: dict) -> list[dict]:
    rows = []
    for r in case["prices"]:
        treatment, text, amount, unit, sessions, from_price = (list(r) + [False])[:6]
        rows.append({
            "treatment": treatment, "treatment_text": text, "amount": amount,
            "currency": case["currency"], "unit": unit, "sessions": sessions,
            "per_session": per_session(amount, unit, sessions), "from_price": from_price,
        })
    return rows


def write(case: dict, n: int) -> Path:
    folder = OUT / f"price-{case['shape']}-{n}"
    folder.mkdir(parents=True, exist_ok=True)
    charset = case.get("charset", "utf-8")
    page = shell(case["cms"], case["lang"], case["title"], case["body"], charset, case.get("head", ""),
                 case.get("country"))
    (folder / "page.html").write_bytes(page.encode(charset, errors="xmlcharrefreplace"))
    meta = {"url": case["url"], "content_type": f"text/html; charset={charset}", "shape": case["shape"],
            "check": ["prices"]}
    if case.get("xfail"):
        meta["xfail"] = case["xfail"]
    if case.get("country"):
        meta["hints"] = {"country": case["country"]}
    (folder / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / "expected.json").write_text(
        json.dumps({"prices": expected_rows(case)}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


def main() -> int:
    counts: dict[str, int] = {}
    for case in CASES:
        counts[case["shape"]] = counts.get(case["shape"], 0) + 1
        write(case, counts[case["shape"]])
    print(f"{len(CASES)} cases, {len(counts)} shapes -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
