"""The consumer clinic report: one implementation for /check, /check.json and `clinicwatch check`.

Plain functions over a ``sqlite3.Connection`` (read-only use). :func:`check`
turns a query (or a clinic id) into a dict with a ``status``:

* ``empty``: nothing was typed;
* ``no_match``: nothing matches (the page says so, never an empty report);
* ``choose``: several clinics match; ``matches`` lists them;
* ``report``: ``report`` holds the clinic report (:func:`clinic_report`);
* ``not_found``: ``?clinic=`` names no clinic.

The report is data (numbers, ISO dates, plain-language sentences). URLs taken
from scraped pages are passed through :func:`safe_url`, so only http(s) links
are ever offered as links. Tables from analysis/ (price_positions) are used when
present; without them prices are shown with "no local norm yet".
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from analysis.labels import REGISTER_NAMES, money, plural, treatment_name
from analysis.registry import rule_sources
from analysis.rules import RULES
from core.nations import uk_nation
from items import QUANTITY_UNITS, REGISTER_KINDS
from publish.search import find_clinics
from core.wording import BASIS_PHRASES
from publish.wording import (
    PROFESSION_WORDS, UNIT_WORDS, credential_words, norm_words, prescriber_words,
)

SAFE_URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
SEVERITY_ORDER = {"red": 0, "amber": 1, "info": 2}
MAX_PAGES_LISTED = 20


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL, else None (javascript:, data:, junk)."""
    return url if url and SAFE_URL_RE.match(url.strip()) else None


def _rows(conn: sqlite3.Connection, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')", (name,)
    ).fetchone() is not None


def _day(stamp: str | None) -> str | None:
    return stamp[:10] if stamp else None


def clinic_facts(conn: sqlite3.Connection, clinic_id: str) -> dict[str, Any] | None:
    found = _rows(conn, "SELECT * FROM clinics WHERE id = ?", (clinic_id,))
    if not found:
        return None
    clinic = found[0]
    clinic["website_url"] = safe_url(clinic.get("website"))
    return clinic


def sources(conn: sqlite3.Connection, clinic: dict[str, Any]) -> dict[str, Any]:
    """Where the facts came from: clinic_sources rows and the pages read."""
    listed = _rows(conn, "SELECT source, url, first_seen, last_seen FROM clinic_sources "
                   "WHERE clinic_id = ? ORDER BY source, url", (clinic["id"],))
    for s in listed:
        s["safe_url"] = safe_url(s["url"])
    pages = _rows(conn, "SELECT url, page_kind, status, fetched_at, prices, practitioners FROM pages "
                  "WHERE clinic_id = ? ORDER BY fetched_at DESC, url", (clinic["id"],))
    if not pages:  # pages stored before identity was known carry only the site
        pages = _rows(conn, "SELECT url, page_kind, status, fetched_at, prices, practitioners "
                      "FROM pages WHERE site = ? AND clinic_id IS NULL ORDER BY fetched_at DESC, url",
                      (clinic["site"],))
    for p in pages:
        p["safe_url"] = safe_url(p["url"])
    fetched = [p["fetched_at"] for p in pages if p["fetched_at"]]
    return {"sources": listed, "pages": pages[:MAX_PAGES_LISTED], "page_count": len(pages),
            "last_checked": _day(max(fetched)) if fetched else _day(clinic.get("last_seen")),
            "first_checked": _day(min(fetched)) if fetched else _day(clinic.get("first_seen"))}


def _credential(cr: dict[str, Any]) -> dict[str, Any]:
    words, tone = credential_words(cr["kind"], cr["status"], cr["format_valid"])
    label = REGISTER_NAMES.get(cr["kind"], (cr["kind"].replace("_", " ").title(),))[0]
    return {"id": cr["id"], "kind": cr["kind"], "label": label, "value": cr["value"],
            "issuer": cr["issuer"], "status": cr["status"], "status_text": words, "tone": tone,
            "is_register": cr["kind"] in REGISTER_KINDS, "format_valid": cr["format_valid"],
            "checked_at": cr["checked_at"], "register_url": safe_url(cr["register_url"]),
            "source_url": safe_url(cr["source_url"])}


def practitioners(conn: sqlite3.Connection, clinic_id: str) -> tuple[list[dict], list[dict]]:
    """(practitioners with their credentials, credentials claimed for the clinic itself)."""
    people = _rows(conn, "SELECT id, name, title, postnominals, profession, prescriber, role, "
                   "source_url FROM practitioners WHERE clinic_id = ? ORDER BY name", (clinic_id,))
    creds = _rows(conn, "SELECT * FROM credentials WHERE clinic_id = ? ORDER BY kind, value",
                  (clinic_id,))
    by_person: dict[str | None, list[dict]] = {}
    for cr in creds:
        by_person.setdefault(cr["practitioner_id"], []).append(_credential(cr))
    for p in people:
        p["display_name"] = " ".join(x for x in (p["title"], p["name"], p["postnominals"]) if x)
        p["profession_text"] = PROFESSION_WORDS.get(p["profession"] or "unknown", p["profession"])
        p["prescriber_text"] = prescriber_words(p["prescriber"])
        p["source_url"] = safe_url(p["source_url"])
        p["credentials"] = by_person.pop(p["id"], [])
    known = {p["id"] for p in people}
    orphans = [c for pid, cs in by_person.items() if pid not in known for c in cs]
    return people, orphans


def _positions(conn: sqlite3.Connection, clinic_id: str) -> dict[str, dict[str, Any]]:
    if not has_table(conn, "price_positions"):
        return {}
    rows = _rows(conn, "SELECT * FROM price_positions WHERE clinic_id = ?", (clinic_id,))
    return {r["price_id"]: r for r in rows}


def _price_text(p: dict[str, Any]) -> str:
    if p["amount"] is None:
        return "Price on request"
    text = ("from " if p["from_price"] else "") + money(p["amount"], p["currency"])
    if p["amount_max"]:
        text += " to " + money(p["amount_max"], p["currency"])
    if p["unit"] == "course" and p["sessions"]:
        return text + f" for a course of {p['sessions']}"
    if p["quantity"] and p["unit"] in QUANTITY_UNITS:
        words = UNIT_WORDS.get(p["unit"], p["unit"])
        if p["quantity"] == 1 and words.endswith("s"):
            words = words[:-1]  # "1 unit", "1 area"
        return text + f" for {p['quantity']:g} {words}"
    if p["unit"] in QUANTITY_UNITS:
        return text + " " + BASIS_PHRASES[p["unit"]]
    return text + " " + UNIT_WORDS.get(p["unit"], "")


def prices(conn: sqlite3.Connection, clinic_id: str) -> list[dict[str, Any]]:
    """Prices with their per-session figure and their place against the local norm."""
    rows = _rows(conn, "SELECT id, treatment, treatment_text, amount, amount_max, was_amount, "
                 "currency, unit, sessions, quantity, per_session, from_price, price_text, "
                 "source_url, last_seen FROM prices WHERE clinic_id = ? "
                 "ORDER BY treatment, per_session IS NULL, per_session, amount", (clinic_id,))
    positions = _positions(conn, clinic_id)
    for p in rows:
        p["treatment_name"] = treatment_name(p["treatment"])
        p["amount_text"] = _price_text(p).strip()
        p["per_session_text"] = (money(p["per_session"], p["currency"]) + " a session"
                                 if p["per_session"] is not None else None)
        p["source_url"] = safe_url(p["source_url"])
        p["norm"] = _norm(positions.get(p["id"]), p)
    return rows


# Money the clinic's pages mention that is not a treatment price, and that people want to know
# before they book (market figures, examples and old prices are not shown here).
CHARGE_ROLES = {"deposit": "Deposit", "fee": "Fee (cancellation, missed appointment, admin)",
                "finance": "Finance or membership"}


def charges(conn: sqlite3.Connection, clinic_id: str) -> list[dict[str, Any]]:
    """Deposits, fees and finance offers stated on the clinic's own pages (table ``money``)."""
    if not has_table(conn, "money"):
        return []
    roles = ", ".join(f"'{r}'" for r in CHARGE_ROLES)
    rows = _rows(conn, f"SELECT role, amount, amount_max, currency, text, source_url, last_seen FROM money "
                 f"WHERE clinic_id = ? AND role IN ({roles}) AND amount IS NOT NULL "
                 "ORDER BY role, amount", (clinic_id,))
    out, seen = [], set()
    for m in rows:
        key = (m["role"], m["amount"], m["currency"])
        if key in seen:  # the same deposit stated on several pages
            continue
        seen.add(key)
        text = money(m["amount"], m["currency"])
        if m["amount_max"]:
            text += " to " + money(m["amount_max"], m["currency"])
        out.append({"role": m["role"], "role_text": CHARGE_ROLES[m["role"]], "amount_text": text,
                    "text": m["text"], "source_url": safe_url(m["source_url"])})
    return out


def booking(conn: sqlite3.Connection, clinic_id: str) -> list[dict[str, Any]]:
    """Booking platforms the clinic's site links to: where else it lists treatments and prices."""
    from extract.booking import platform_of

    rows = _rows(conn, "SELECT source, url, last_seen FROM clinic_sources WHERE clinic_id = ? "
                 "AND source LIKE 'booking:%' ORDER BY source, url", (clinic_id,))
    out, seen = [], set()
    for row in rows:
        platform = row["source"].split(":", 1)[1]
        if platform in seen:
            continue
        seen.add(platform)
        known = platform_of(row["url"])
        out.append({"platform": platform, "name": known[1] if known else platform.title(),
                    "url": safe_url(row["url"]), "last_seen": row["last_seen"]})
    return out


def _norm(pos: dict[str, Any] | None, price: dict[str, Any]) -> dict[str, Any] | None:
    if not pos or pos.get("norm_median") is None:
        return None
    norm = {k: pos.get(k) for k in ("basis", "unit_price", "band", "ratio_to_median",
                                    "pct_vs_median")}
    norm.update(level=pos["norm_level"], region=pos["norm_region_label"], n=pos["norm_n"],
                median=pos["norm_median"], p10=pos["norm_p10"], p25=pos["norm_p25"],
                p75=pos["norm_p75"], currency=pos["currency"], from_price=bool(pos["from_price"]))
    norm["text"] = norm_words(norm, treatment_name(price["treatment"], start=False))
    return norm


def findings(conn: sqlite3.Connection, clinic_id: str) -> list[dict[str, Any]]:
    """The clinic's current findings, red first, each with its evidence link."""
    rows = _rows(conn, "SELECT id, rule_id, rule_version, severity, message, evidence_url, evidence, "
                 "practitioner_id, price_id, credential_id, created_at, updated_at "
                 "FROM flags WHERE clinic_id = ?", (clinic_id,))
    sources = rule_sources()
    for f in rows:
        f["evidence_url"] = safe_url(f["evidence_url"])
        source = sources.get(f["rule_id"]) or {}
        f["source"] = {"name": source.get("name"), "url": safe_url(source.get("url"))} if source else None
        f["rule_title"] = RULES[f["rule_id"]].title if f["rule_id"] in RULES else None
        try:
            f["evidence"] = json.loads(f["evidence"]) if f["evidence"] else None
        except ValueError:
            pass
    rows.sort(key=lambda f: (SEVERITY_ORDER.get(f["severity"], 3), f["rule_id"], f["id"]))
    return rows


def checked_summary(src: dict, people: list[dict], orphans: list[dict], price_rows: list[dict]
                    ) -> dict[str, Any]:
    """What was and was not checked, as counts and sentences."""
    creds = [c for p in people for c in p["credentials"]] + orphans
    reg = [c for c in creds if c["is_register"]]
    unchecked = [c for c in reg if c["status"] in ("unverifiable", "not_checked")]
    normed = [p for p in price_rows if p["norm"]]
    day = src["last_checked"] or "an unknown date"
    read = (f"We read {plural(src['page_count'], 'page')} of this site on {day}"
            if src["page_count"] else f"We have no record of the pages read (last seen {day})")
    sentence = (f"{read}; we found {plural(len(price_rows), 'price')} and "
                f"{plural(len(people), 'practitioner')}")
    sentence += f"; {plural(len(reg), 'registration number')} named"
    if unchecked:
        sentence += f", {len(unchecked)} of which could not be checked"
    notes = []
    if not price_rows:
        notes.append("No prices were found on the pages we read, so prices were not compared.")
    elif len(normed) < len(price_rows):
        notes.append(f"{len(price_rows) - len(normed)} of the prices have no local norm to "
                     "compare with (too few local clinics, a different unit, or price on request).")
    if not people:
        notes.append("The site names no practitioners, so nobody's registration could be checked.")
    elif not reg:
        notes.append("No registration numbers are given for the practitioners named.")
    return {"pages": src["page_count"], "last_checked": src["last_checked"],
            "prices": len(price_rows), "prices_compared": len(normed),
            "practitioners": len(people), "registrations": len(reg),
            "registrations_unchecked": len(unchecked), "sentence": sentence + ".", "notes": notes}


def clinic_report(conn: sqlite3.Connection, clinic_id: str) -> dict[str, Any] | None:
    """Everything the consumer page shows about one clinic, or None if there is no such clinic."""
    clinic = clinic_facts(conn, clinic_id)
    if clinic is None:
        return None
    src = sources(conn, clinic)
    people, orphans = practitioners(conn, clinic_id)
    price_rows = prices(conn, clinic_id)
    found = findings(conn, clinic_id)
    counts = {s: sum(1 for f in found if f["severity"] == s) for s in ("red", "amber", "info")}
    checked = checked_summary(src, people, orphans, price_rows)
    return {"clinic": clinic, "sources": src["sources"], "pages": src["pages"],
            "practitioners": people, "clinic_credentials": orphans, "prices": price_rows,
            "charges": charges(conn, clinic_id), "booking": booking(conn, clinic_id),
            "findings": found, "counts": counts, "checked": checked,
            "headline": _headline(counts), "care_register": care_registration(conn, clinic)}


CARE_REGISTERS = {
    "cqc": ("CQC", "Care Quality Commission", "https://www.cqc.org.uk/location/{id}"),
    "his": ("HIS", "Healthcare Improvement Scotland", None),
}


def care_registration(conn: sqlite3.Connection, clinic: dict[str, Any]) -> dict[str, Any] | None:
    """Is the clinic registered as premises: CQC for English clinics, HIS for Scottish ones.

    ``status`` is registered, not_registered (matched a location that is not registered),
    not_found, or not_checked (no snapshot of that register imported); None outside
    England and Scotland (by postcode, core/nations.py).
    """
    if (clinic.get("country") or "").strip().upper() not in ("GB", "UK"):
        return None
    register = {"england": "cqc", "scotland": "his"}.get(uk_nation(clinic.get("postcode")) or "")
    if register is None:
        return None
    short, name, link = CARE_REGISTERS[register]
    out: dict[str, Any] = {"register": register, "register_name": name, "status": "not_checked",
                           "text": f"Not checked: we have no copy of the {name} ({short}) register yet.",
                           "location_id": None, "location_name": None, "url": None, "checked_at": None}
    match = (_rows(conn, "SELECT m.location_id, m.method, m.status, m.matched_at, l.name FROM "
                   "care_matches m LEFT JOIN care_locations l ON l.register = m.register AND "
                   "l.location_id = m.location_id WHERE m.clinic_id = ? AND m.register = ?",
                   (clinic["id"], register)) if has_table(conn, "care_matches") else [])
    if not match:
        return out
    m = match[0]
    out.update(location_id=m["location_id"], location_name=m["name"], checked_at=_day(m["matched_at"]))
    if m["location_id"] and link:
        out["url"] = safe_url(link.format(id=m["location_id"]))
    if m["status"] == "registered":
        out.update(status="registered", text=f"{short} registered: {m['name'] or m['location_id']}.")
    elif m["location_id"]:
        out.update(status="not_registered",
                   text=f"On the {short} register as {m['status'] or 'not registered'}, not as registered.")
    else:
        out.update(status="not_found", text=f"Not found on the {name} ({short}) register.")
    return out


def _headline(counts: dict[str, int]) -> str:
    if counts["red"]:
        return f"{plural(counts['red'], 'serious warning sign')} found"
    if counts["amber"]:
        return f"{plural(counts['amber'], 'thing')} to check before you book"
    return "No warning signs found in what we checked (see below for what that covers)"


def check(conn: sqlite3.Connection, q: str | None = None, clinic: str | None = None,
          limit: int = 10) -> dict[str, Any]:
    """Answer one consumer check: a report, a list to choose from, or a clear 'nothing'."""
    query = (q or "").strip()
    result: dict[str, Any] = {"query": query, "clinic_id": clinic, "status": "empty",
                              "matches": [], "report": None}
    if clinic:
        result["report"] = clinic_report(conn, clinic)
        result["status"] = "report" if result["report"] else "not_found"
        return result
    if not query:
        return result
    matches = find_clinics(conn, query, limit=limit)
    result["matches"] = [m.to_dict() for m in matches]
    if not matches:
        result["status"] = "no_match"
    elif len(matches) == 1 or (matches[0].exact and not matches[1].exact):
        result["status"] = "report"
        result["clinic_id"] = matches[0].clinic_id
        result["report"] = clinic_report(conn, matches[0].clinic_id)
    else:
        result["status"] = "choose"
    return result
