"""Name matching between what a clinic claims and what a register holds.

Both sides are normalised the same way: accents removed (NFKD, combining marks
dropped), case folded, titles ("Dr", "Mr", "Nurse", "Prof"...) and trailing
post-nominals ("MD", "RN", "MBBS"...) removed, "SURNAME, Given" turned round,
hyphens, dots and apostrophes treated as separators or dropped.

The score (0-1) aligns tokens one-to-one, greedily, best pair first, and
averages over the shorter side, so middle names missing on either side cost
nothing and order does not matter. A pair scores 1 when equal, 0.9 when one
side is an initial of the other, the rapidfuzz ratio when that ratio is at
least 80 (typos), 0.85 when one word of 3+ letters starts the other ("Sam" /
"Samuel"), else 0. A claim of one token (a surname alone, "Dr Patel")
scores at most 0.9, and a match made of initials alone at most 0.5. Names that differ only in spacing ("Maryann" / "Mary-Ann")
are caught by comparing the joined tokens.

``names_match`` uses :data:`NAME_MATCH_THRESHOLD` = 0.85: "J Smith" matches
"John Smith" (0.95), "Jane Smith" does not match "John Smith" (0.5).
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

NAME_MATCH_THRESHOLD = 0.85
INITIAL_SCORE = 0.9
SINGLE_TOKEN_CAP = 0.9
INITIALS_ONLY_CAP = 0.5  # "J" alone, or "J M" vs "John Michael Smith": no word agrees
FUZZY_FLOOR = 80.0
JOINED_FLOOR = 92.0
PREFIX_SCORE = 0.85  # "Sam" / "Samuel", "Chris" / "Christopher": short forms
PREFIX_MIN = 3
MAX_TOKENS = 8

TITLES = frozenset(
    "dr doctor mr mrs ms miss mx master nurse sister prof professor sir dame lord lady "
    "rev revd reverend fr mme mlle sr sra srta herr frau".split()
)
# Removed only at the end of a name, and only while two tokens remain.
POSTNOMINALS = frozenset(
    "md do mbbs mbchb bchir bm bs mb chb bds dds dmd rn rgn rmn np aprn fnp pa pac "
    "lpn lvn phd msc bsc ba ma frcs mrcs frcp mrcp mrcgp frcgp frcsed mfds mjdf "
    "dch drcog ip v300 nmp jr sr ii iii iv esq cns bpharm mpharm facs facos".split()
)
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015./_,()]+")
_DROP = re.compile(r"['\u2018\u2019`\"]")
_NON_WORD = re.compile(r"[^a-z0-9]")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("ß", "ss").replace("ø", "o").replace("ł", "l").casefold()


def _turn_round(text: str) -> str:
    """'SMITH, Jane' -> 'Jane SMITH' (unless the part after the comma is post-nominals)."""
    if text.count(",") != 1:
        return text
    head, tail = (part.strip() for part in text.split(","))
    tail_tokens = [_NON_WORD.sub("", t) for t in _SEPARATORS.split(_fold(tail)) if t]
    if not tail_tokens or all(t in POSTNOMINALS or not t for t in tail_tokens):
        return head
    return f"{tail} {head}"


def name_tokens(name: str | None) -> list[str]:
    """Normalised tokens of a personal name, in natural order."""
    if not name:
        return []
    text = _DROP.sub("", _turn_round(name.strip()))
    tokens = [_NON_WORD.sub("", t) for t in _SEPARATORS.split(_fold(text))]
    tokens = [t for t in tokens if t]
    while tokens and tokens[0] in TITLES and len(tokens) > 1:
        tokens.pop(0)
    while len(tokens) > 2 and tokens[-1] in POSTNOMINALS:
        tokens.pop()
    return tokens[:MAX_TOKENS]


def name_key(name: str | None) -> str:
    """Order-free key for indexing a register by name: sorted tokens joined by spaces."""
    return " ".join(sorted(name_tokens(name)))


def _pair_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return INITIAL_SCORE
    if len(a) == 1 or len(b) == 1:
        return 0.0
    ratio = fuzz.ratio(a, b)
    if ratio >= FUZZY_FLOOR:
        return ratio / 100.0
    short, long = sorted((a, b), key=len)
    return PREFIX_SCORE if len(short) >= PREFIX_MIN and long.startswith(short) else 0.0


def _aligned_score(short: list[str], long: list[str]) -> float:
    pairs = sorted(
        ((_pair_score(a, b), i, j) for i, a in enumerate(short) for j, b in enumerate(long)),
        reverse=True,
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    total = 0.0
    full_word = False
    for score, i, j in pairs:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        total += score
        full_word = full_word or (score > 0 and min(len(short[i]), len(long[j])) > 1)
    average = total / len(short)
    return average if full_word else min(average, INITIALS_ONLY_CAP)


def name_match(claimed: str | None, registered: str | None) -> float:
    """Similarity in 0-1 between a claimed name and a register's name (see module doc)."""
    a, b = name_tokens(claimed), name_tokens(registered)
    if not a or not b:
        return 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    score = _aligned_score(short, long)
    if len(short) == 1:
        score = min(score, SINGLE_TOKEN_CAP)
    joined = fuzz.ratio("".join(a), "".join(b))
    if joined >= JOINED_FLOOR and len(a) > 1 and len(b) > 1:
        score = max(score, joined / 100.0)
    return round(score, 3)


def names_match(claimed: str | None, registered: str | None,
                threshold: float = NAME_MATCH_THRESHOLD) -> bool:
    """True when :func:`name_match` reaches ``threshold`` (default 0.85)."""
    return name_match(claimed, registered) >= threshold
