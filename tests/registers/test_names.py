"""Name matching, table-driven: what must match and what must not."""

from __future__ import annotations

import pytest

from registers.names import NAME_MATCH_THRESHOLD, name_key, name_match, name_tokens, names_match

MATCHES = [
    ("title-dr", "Dr Jane Smith", "Jane Smith"),
    ("title-mr", "Mr Tom Okafor", "Tom Okafor"),
    ("title-nurse", "Nurse Emma Watson", "Emma Watson"),
    ("title-prof", "Prof. Alan Turing", "Alan Mathison Turing"),
    ("title-miss", "Miss Chloe Adeyemi", "ADEYEMI, Chloe"),
    ("comma-order", "Jane Smith", "SMITH, Jane"),
    ("comma-order-middle", "Jane Smith", "SMITH, Jane Elizabeth"),
    ("space-order", "John Smith", "SMITH JOHN"),
    ("case", "jane smith", "JANE SMITH"),
    ("initial", "J Smith", "John Smith"),
    ("initial-dot", "J. Smith", "John Smith"),
    ("two-initials", "J. M. Smith", "John Michael Smith"),
    ("register-initial", "Jane Smith", "J Smith"),
    ("middle-missing-claim", "Paul Dewey", "PAUL R. DEWEY"),
    ("middle-missing-register", "Sarah Jane Brown", "Sarah Brown"),
    ("accent-e", "José Garcia", "Jose Garcia"),
    ("accent-both", "José García", "JOSE GARCIA"),
    ("accent-umlaut", "Jürgen Müller", "Jurgen Muller"),
    ("accent-cedilla", "François Lefèvre", "FRANCOIS LEFEVRE"),
    ("hyphen-vs-space", "Mary-Ann Jones", "Mary Ann Jones"),
    ("hyphen-vs-joined", "Mary-Ann Jones", "Maryann Jones"),
    ("double-barrel-one-part", "Jane Smith-Jones", "Jane Smith"),
    ("double-barrel-spaced", "Lucy Hart-Davis", "HART DAVIS, Lucy"),
    ("apostrophe", "Sarah O'Brien", "Sarah OBrien"),
    ("curly-apostrophe", "Sarah O\u2019Brien", "SARAH O'BRIEN"),
    ("postnominals", "Dr Jane Smith MBBS MRCS", "Jane Smith"),
    ("postnominal-comma", "Jane Smith, RN", "Jane Smith"),
    ("credential-suffix", "John Smith II", "JOHN SMITH"),
    ("typo-one-letter", "Jon Smith", "John Smith"),
    ("short-form", "Sam Jones", "Samuel Jones"),
    ("short-form-long", "Chris Evans", "EVANS, Christopher James"),
    ("surname-only-claim", "Dr Patel", "Priya Patel"),
    ("asian-order", "Li Wei", "Wei Li"),
    ("extra-spaces", "  Jane   Smith ", "Jane Smith"),
]

MISMATCHES = [
    ("different-first", "Jane Smith", "John Smith"),
    ("different-surname", "Jane Smith", "Jane Brown"),
    ("different-person", "Amir Khan", "Paul Dewey"),
    ("initial-differs", "J Smith", "Mary Smith"),
    ("surname-only-differs", "Dr Patel", "Priya Shah"),
    ("shared-first-only", "Li Wei", "Wei Zhang"),
    ("initials-only", "J", "John Smith"),
    ("two-letter-prefix", "Al Smith", "Alan Smith"),
    ("prefix-of-surname-only", "Jane Smi", "Jane Brown"),
    ("empty-claim", "", "John Smith"),
    ("title-only", "Dr", "John Smith"),
    ("organisation-vs-person", "Glow Aesthetics", "Jane Smith"),
]


@pytest.mark.parametrize(("claimed", "registered"), [m[1:] for m in MATCHES],
                         ids=[m[0] for m in MATCHES])
def test_matches(claimed, registered):
    assert names_match(claimed, registered), name_match(claimed, registered)
    assert names_match(registered, claimed), "matching is symmetric"


@pytest.mark.parametrize(("claimed", "registered"), [m[1:] for m in MISMATCHES],
                         ids=[m[0] for m in MISMATCHES])
def test_mismatches(claimed, registered):
    assert not names_match(claimed, registered), name_match(claimed, registered)


def test_scores_order_exact_over_initial_over_surname_only():
    exact = name_match("John Smith", "John Smith")
    initial = name_match("J Smith", "John Smith")
    surname = name_match("Smith", "John Smith")
    assert exact == 1.0
    assert exact > initial > NAME_MATCH_THRESHOLD
    assert surname <= 0.9


def test_threshold_argument():
    assert name_match("Smith", "Smyth") < NAME_MATCH_THRESHOLD
    assert names_match("Smith", "Smyth", threshold=0.75)


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Dr. José GARCÍA-López", ["jose", "garcia", "lopez"]),
        ("SMITH, Jane", ["jane", "smith"]),
        ("Jane Smith, MD", ["jane", "smith"]),
        ("Nurse Do", ["do"]),
        ("Jane Do", ["jane", "do"]),
        (None, []),
    ],
)
def test_tokens(raw, tokens):
    assert name_tokens(raw) == tokens


def test_name_key_is_order_free():
    assert name_key("SMITH, Jane") == name_key("Jane Smith") == "jane smith"
