"""Finding clinics from what a person types into the /check box.

One function, :func:`find_clinics`, reads a free-text query and returns the
clinics it could mean, best first, each with the reason it matched:

* a website ("https://www.Glow.co.uk/prices" -> site ``glow.co.uk``): exact site
  key, or the site key followed by more labels (sample sites end ``.localhost``);
* a registration number ("GMC 1234567", "12A3456E"): exact value in
  ``credentials`` (register kinds only), through the (kind, value) index;
* a postcode: spacing and case ignored (UK full postcodes are tried in their
  canonical "SW1A 1AA" form; outward codes and US ZIPs list the clinics there);
* a clinic or practitioner name: full-text search (clinics_fts, practitioners_fts)
  with every word quoted, so FTS operators and SQL metacharacters are plain text;
  when that finds nothing, each word is corrected against the index vocabulary
  with rapidfuzz (typos) and the search is retried.

Candidates are ranked with rapidfuzz's WRatio against the clinic (or person) name.
The vocabulary cache is the one piece of module state: it is keyed by the database
file's path, size and mtime, so a changed database is re-read.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz, process

from items import REGISTER_KINDS

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
DOMAIN_RE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z0-9-]+)(?::\d+)?(?:[/?#].*)?$",
    re.IGNORECASE,
)
UK_POSTCODE_RE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$")
UK_OUTWARD_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
US_ZIP_RE = re.compile(r"^(\d{5})(?:-?\d{4})?$")
REG_PREFIX_RE = re.compile(
    r"^(?:(?:GMC|NMC|GDC|GPHC|HCPC|NPI|CQC|PIN|LICEN[CS]E|REG(?:ISTRATION)?|NO\.?|NUMBER)[:#.]?){0,3}"
)
REG_RE = re.compile(r"^(?=(?:[^0-9]*[0-9]){4})[A-Z0-9-]{4,20}$")
SPACES_RE = re.compile(r"\s+")

MAX_WORDS = 8
FTS_LIMIT = 50
FUZZY_CUTOFF = 75
_VOCAB: dict[tuple[str, str], tuple[tuple[Any, ...], list[str]]] = {}


@dataclass
class Match:
    clinic_id: str
    name: str | None
    site: str
    branch: str
    locality: str | None
    postcode: str | None
    country: str | None
    why: str
    score: float
    exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


CLINIC_COLS = "c.id, c.name, c.site, c.branch, c.locality, c.postcode, c.country"


def _match(row: tuple, why: str, score: float, exact: bool = False) -> Match:
    return Match(row[0], row[1], row[2], row[3] or "", row[4], row[5], row[6], why, score, exact)


def site_key(query: str) -> str | None:
    """The site key a typed website means, or None when it is not a website."""
    text = query.strip()
    if " " in text or "." not in text:
        return None
    m = DOMAIN_RE.match(text)
    return m.group(1).lower().rstrip(".") if m else None


def registration_key(query: str) -> str | None:
    """A register number as stored (upper case, no spaces, no "GMC"/"PIN" prefix)."""
    compact = SPACES_RE.sub("", query.upper())
    value = REG_PREFIX_RE.sub("", compact, count=1)
    return value if REG_RE.match(value) else None


def postcode_keys(query: str) -> tuple[list[str], str | None]:
    """(exact postcode forms to look up, outward code or ZIP prefix to list)."""
    compact = SPACES_RE.sub("", query.upper())
    m = UK_POSTCODE_RE.match(compact)
    if m:
        return [f"{m.group(1)} {m.group(2)}", compact], None
    z = US_ZIP_RE.match(compact)
    if z:
        return [z.group(1), compact, query.strip()], z.group(1)
    if UK_OUTWARD_RE.match(compact):
        return [], compact
    return [], None


def _by_site(conn: sqlite3.Connection, key: str) -> list[Match]:
    rows = conn.execute(
        f"SELECT {CLINIC_COLS} FROM clinics c WHERE c.site = ? OR (c.site > ? AND c.site < ?) "
        "ORDER BY c.site, c.branch LIMIT 50", (key, key + ".", key + "/"),
    ).fetchall()
    return [_match(r, f"website {r[2]}", 100.0, exact=True) for r in rows]


def _by_registration(conn: sqlite3.Connection, value: str) -> list[Match]:
    kinds = ",".join("?" * len(REGISTER_KINDS))
    rows = conn.execute(
        f"SELECT {CLINIC_COLS}, cr.kind, cr.value, p.title, p.name FROM credentials cr "
        f"JOIN clinics c ON c.id = cr.clinic_id LEFT JOIN practitioners p ON p.id = cr.practitioner_id "
        f"WHERE cr.kind IN ({kinds}) AND cr.value = ? LIMIT 50", (*REGISTER_KINDS, value),
    ).fetchall()
    out = []
    for r in rows:
        who = " ".join(x for x in (r[9], r[10]) if x)
        why = f"{r[7].upper()} number {r[8]}" + (f" ({who})" if who else "")
        out.append(_match(r, why, 100.0, exact=True))
    return out


def _by_postcode(conn: sqlite3.Connection, exact: list[str], prefix: str | None) -> list[Match]:
    out: list[Match] = []
    if exact:
        marks = ",".join("?" * len(exact))
        rows = conn.execute(
            f"SELECT {CLINIC_COLS} FROM clinics c WHERE c.postcode IN ({marks}) LIMIT 50", exact,
        ).fetchall()
        out += [_match(r, f"postcode {r[5]}", 95.0, exact=True) for r in rows]
    if prefix and not out:
        rows = conn.execute(
            f"SELECT {CLINIC_COLS} FROM clinics c WHERE c.postcode >= ? AND c.postcode < ? "
            "ORDER BY c.postcode LIMIT 50", (prefix + " ", prefix + "!"),
        ).fetchall()
        rows += conn.execute(
            f"SELECT {CLINIC_COLS} FROM clinics c WHERE c.postcode >= ? AND c.postcode < ? "
            "ORDER BY c.postcode LIMIT 50", (prefix, prefix + ":"),
        ).fetchall() if prefix.isdigit() else []
        out += [_match(r, f"postcode {r[5]}", 80.0) for r in rows]
    return out


def words(query: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(query)][:MAX_WORDS]


def fts_query(groups: list[list[str]], *, prefix_last: bool = True, joiner: str = " AND ") -> str:
    """FTS5 query text: every term double-quoted, so operators in input are plain words."""
    parts = []
    for i, alternatives in enumerate(groups):
        star = "*" if prefix_last and i == len(groups) - 1 and len(alternatives) == 1 else ""
        quoted = [f'"{t.replace(chr(34), chr(34) * 2)}"{star}' for t in alternatives]
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
    return joiner.join(parts)


def _fts(conn: sqlite3.Connection, match: str, query: str) -> list[Match]:
    if not match:
        return []
    out = []
    rows = conn.execute(
        f"SELECT {CLINIC_COLS} FROM clinics_fts f JOIN clinics c ON c.rowid = f.rowid "
        "WHERE clinics_fts MATCH ? ORDER BY f.rank LIMIT ?", (match, FTS_LIMIT),
    ).fetchall()
    for r in rows:
        score = fuzz.WRatio(query, r[1] or r[2], processor=str.lower)
        exact = (r[1] or "").strip().lower() == query.strip().lower()
        out.append(_match(r, "clinic name or address", float(score), exact))
    rows = conn.execute(
        f"SELECT {CLINIC_COLS}, p.title, p.name FROM practitioners_fts f "
        "JOIN practitioners p ON p.rowid = f.rowid JOIN clinics c ON c.id = p.clinic_id "
        "WHERE practitioners_fts MATCH ? ORDER BY f.rank LIMIT ?", (match, FTS_LIMIT),
    ).fetchall()
    for r in rows:
        who = " ".join(x for x in (r[7], r[8]) if x)
        score = fuzz.WRatio(query, r[8], processor=str.lower)
        out.append(_match(r, f"practitioner {who}", float(score) - 1))
    return out


def _vocabulary(conn: sqlite3.Connection, table: str) -> list[str]:
    path = conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    try:
        st = os.stat(path)
        stamp: tuple[Any, ...] = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = (id(conn),)
    cached = _VOCAB.get((path, table))
    if cached and cached[0] == stamp:
        return cached[1]
    vocab_table = f"cw_vocab_{table}"
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.[{vocab_table}] USING fts5vocab(main, [{table}], row)"
    )
    terms = [t for (t,) in conn.execute(f"SELECT term FROM temp.[{vocab_table}]") if len(t) >= 3
             and not t.isdigit()]
    _VOCAB[(path, table)] = (stamp, terms)
    return terms


def _corrected_groups(conn: sqlite3.Connection, tokens: list[str]) -> list[list[str]]:
    vocab = _vocabulary(conn, "clinics_fts") + _vocabulary(conn, "practitioners_fts")
    groups = []
    for token in tokens:
        if len(token) < 3:
            continue
        found = process.extract(token, vocab, scorer=fuzz.ratio, limit=4, score_cutoff=FUZZY_CUTOFF)
        alternatives = list(dict.fromkeys([token] + [term for term, _, _ in found]))
        if len(alternatives) > 1:
            groups.append(alternatives)
    return groups


def _by_name(conn: sqlite3.Connection, query: str) -> list[Match]:
    tokens = words(query)
    if not tokens:
        return []
    found = _fts(conn, fts_query([[t] for t in tokens]), query)
    if found:
        return found
    groups = _corrected_groups(conn, tokens)
    if not groups:
        return []
    found = _fts(conn, fts_query(groups, prefix_last=False), query)
    if not found and len(groups) > 1:
        found = _fts(conn, fts_query(groups, prefix_last=False, joiner=" OR "), query)
    for m in found:
        m.why += " (spelling corrected)"
        m.exact = False
    return found


def find_clinics(conn: sqlite3.Connection, query: str, limit: int = 10) -> list[Match]:
    """Clinics the query could mean, best first (one entry per clinic)."""
    text = SPACES_RE.sub(" ", (query or "").strip())[:200]
    if not text:
        return []
    found: list[Match] = []
    key = site_key(text)
    if key:
        found += _by_site(conn, key)
    reg = registration_key(text)
    if reg:
        found += _by_registration(conn, reg)
    exact_pc, prefix = postcode_keys(text)
    if exact_pc or prefix:
        found += _by_postcode(conn, exact_pc, prefix)
    if not any(m.exact for m in found):
        found += _by_name(conn, text)
    best: dict[str, Match] = {}
    for m in found:
        old = best.get(m.clinic_id)
        if old is None or (m.exact, m.score) > (old.exact, old.score):
            best[m.clinic_id] = m
    ranked = sorted(best.values(), key=lambda m: (-m.exact, -m.score, m.name or "", m.clinic_id))
    return ranked[:limit]
