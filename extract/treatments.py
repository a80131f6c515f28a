"""Treatment names -> canonical treatments (items.TREATMENTS), hair vs face from context.

The vocabulary is data (extract/treatments.yml); this module compiles it once and
answers two questions: what canonical treatment does a name denote (``classify``),
and which treatments does running text mention (``mentions``, for prose prices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from core.text import fold

# importlib.resources, not __file__: scrapyd runs the project from a zipped egg (docs/ops.md)
_DATA = resources.files("extract").joinpath("treatments.yml")
_SPACE = re.compile(r"\s+")
_TRIM = re.compile(r"^[\s:;,.\-–—|•*·>#()\[\]]+|[\s:;,.\-–—|•*·<()\[\]]+$")
_LETTER = re.compile(r"[^\W\d_]")
_GENERIC = "other"
_MAX_NAME_WORDS = 12


@dataclass(frozen=True)
class Mention:
    group: str  # a yml group: a canonical treatment, or "prp"/"mesotherapy" (hair_face)
    priority: int
    start: int
    end: int
    text: str  # the matched text as written (start/end index the original text)


@dataclass(frozen=True)
class _Group:
    treatment: str
    priority: int
    hair_face: bool
    pattern: re.Pattern


@dataclass(frozen=True)
class _Vocab:
    groups: tuple[_Group, ...]
    hair: re.Pattern
    face: re.Pattern
    not_treatment: frozenset[str]
    not_service: re.Pattern


def _alternation(names: list[str]) -> re.Pattern:
    parts = []
    for name in sorted({fold(str(n)).strip() for n in names}, key=len, reverse=True):
        wild = name.endswith("*")
        body = re.escape(name.rstrip("*")).replace(r"\ ", r"[\s\-]*")
        parts.append(body + (r"[\w'-]*" if wild else ""))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    """The compiled treatments.yml (loaded once per process)."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    groups = tuple(
        _Group(g["treatment"], int(g["priority"]), g.get("resolve") == "hair_face", _alternation(g["names"]))
        for g in sorted(data["groups"], key=lambda g: -int(g["priority"]))
    )
    return _Vocab(
        groups=groups,
        hair=_alternation(data["hair_context"]),
        face=_alternation(data["face_context"]),
        not_treatment=frozenset(fold(str(n)) for n in data["not_treatment"]),
        not_service=_alternation(data["not_service_words"]),
    )


def normalise(name: str) -> str:
    """Folded, trimmed, single-spaced form of a label."""
    return _TRIM.sub("", _SPACE.sub(" ", fold(name))).strip()


def _fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, per folded character, the index of the original character."""
    if text.isascii():  # fold() maps ASCII one to one: only the case changes
        return text.lower(), list(range(len(text) + 1))
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        f = fold(c)
        chars.append(f)
        index.extend([i] * len(f))
    return "".join(chars), index + [len(text)]


def mentions(text: str) -> list[Mention]:
    """Every treatment named in (unfolded) text, in reading order; overlaps keep the best."""
    folded, index = _fold_map(text)
    found = []
    for g in vocab().groups:
        for m in g.pattern.finditer(folded):
            start, end = index[m.start()], index[m.end() - 1] + 1
            found.append(Mention(g.treatment, g.priority, start, end, text[start:end]))
    found.sort(key=lambda x: (x.start, -x.priority, -(x.end - x.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            if (m.priority, m.end - m.start) > (kept[-1].priority, kept[-1].end - kept[-1].start):
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def best(text: str) -> Mention | None:
    """The mention that names the treatment: highest priority, then longest."""
    found = mentions(text)
    return max(found, key=lambda m: (m.priority, m.end - m.start), default=None)


def hair_or_face(name: str, context: str = "") -> str:
    """"hair" or "face": the name decides first, then the nearest context word, default face."""
    v = vocab()
    for text in (fold(name), fold(context)):
        hair, face = v.hair.search(text), v.face.search(text)
        if hair and (not face or hair.start() <= face.start()):
            return "hair"
        if face:
            return "face"
    return "face"


def resolve(group: str, name: str, context: str = "") -> str:
    """A yml group to a canonical treatment (prp -> prp_hair/prp_face, ...)."""
    if group == "prp":
        return "prp_" + hair_or_face(name, context)
    if group == "mesotherapy":
        return hair_or_face(name, context) + "_mesotherapy"
    return group


def is_furniture(name: str) -> bool:
    """True for navigation/page-furniture labels ("Home", "Book now", "Preise")."""
    norm = normalise(name)
    v = vocab()
    return not norm or not _LETTER.search(norm) or norm in v.not_treatment or bool(v.not_service.search(norm))


def is_not_service(name: str) -> bool:
    """True for a label that is something else sold beside treatments (voucher, add-on, deposit)."""
    return bool(vocab().not_service.search(normalise(name)))


def classify(name: str, context: str = "") -> str | None:
    """Canonical treatment for a name as written; None when it is no treatment name.

    ``context`` (headings nearest first, section text) decides hair vs face and names the
    treatment when the label alone does not ("2 areas" under "Anti-wrinkle injections").
    """
    if is_furniture(name):
        return None
    norm = normalise(name)
    hit = best(norm)
    if hit:
        return resolve(hit.group, norm, context)
    if len(norm.split()) > _MAX_NAME_WORDS:
        return None
    for m in mentions(context):
        if m.group != _GENERIC:
            return resolve(m.group, norm, context)
    return _GENERIC


_TOPIC_MIN = 3  # mentions the page's main treatment needs, and twice the runner-up's
_TOPIC_CHARS = 30_000
_OPENING_CHARS = 300


def page_topic(title: str, h1: str, body: str) -> str:
    """The treatment a page is about, for a price whose label names none ("Cost of treatment from
    £450", "Kosten: ab 300 CHF"): the title's or the h1's treatment, else the one the page's text
    names most (three times or more, twice as often as any other; menus name each treatment once,
    and consultations are mentioned everywhere), else the one the page's opening names alone when the
    text names it most, else what the title says (possibly "other")."""
    for text in (title, h1):
        found = classify(text)
        if found and found != _GENERIC:
            return found
    counts: dict[str, int] = {}
    sample = body[:_TOPIC_CHARS]
    for m in mentions(sample):
        if m.group not in (_GENERIC, "consultation"):
            counts[m.group] = counts.get(m.group, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= _TOPIC_MIN and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return resolve(ranked[0][0], "", sample)
    opening = {m.group for m in mentions(body[:_OPENING_CHARS])} - {_GENERIC, "consultation"}
    if len(opening) == 1 and ranked and ranked[0][0] in opening and ranked[0][1] >= 2 and (
            len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        # a page whose opening lines (its headings when there is no title or h1) name one treatment,
        # also the one its text names most: "Lip lines: smoothing with hyaluronic acid"
        return resolve(ranked[0][0], "", sample)
    return classify(title) or classify(h1) or ""
