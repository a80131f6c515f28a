"""The US scope-of-practice table (analysis/scope.py) and the rules that read it, state by state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import scope
from analysis.rules import run_rules

NOW = "2026-05-01T00:00:00+00:00"
REQUIRED_STATES = ("CA", "TX", "FL", "NY", "AZ", "NV", "IL", "GA")
HEADER = ",".join(scope.COLUMNS)
GOOD = ("CA,esthetician,toxin,no,n.a.,an aesthetician may not inject,Board FAQ,"
        "https://board.example/faq,2026-12-07,")
TABLE = scope.default_table()


# -- the table file ------------------------------------------------------------------------

@pytest.mark.parametrize("state", REQUIRED_STATES)
def test_every_required_state_has_every_role_and_group(state):
    missing = [(role, group) for role in scope.ROLES for group in scope.GROUPS
               if TABLE.get(state, role, group) is None]
    assert missing == []


@pytest.mark.parametrize("key", sorted(TABLE.rows), ids="/".join)
def test_every_row_has_sources_a_date_and_values_from_the_vocabulary(key):
    row = TABLE.rows[key]
    assert row.sources and all(u.startswith(("http://", "https://")) for u in row.sources)
    assert row.checked == "2026-12-07"
    assert row.may_inject in scope.MAY_INJECT and row.supervision in scope.SUPERVISION
    assert (row.supervision == "n.a.") == (row.may_inject != "yes")
    assert row.rule and row.source_name


def test_unknown_rows_say_why():
    unexplained = [k for k, r in TABLE.rows.items() if r.may_inject == "unknown" and not r.notes]
    assert unexplained == []


BAD_ROWS = {
    "state-not-us": (GOOD.replace("CA,", "XX,", 1), "state 'XX'"),
    "role-unknown": (GOOD.replace("esthetician", "barber"), "role 'barber'"),
    "treatment-unknown": (GOOD.replace(",toxin,", ",laser,"), "treatment 'laser'"),
    "may-inject-maybe": (GOOD.replace(",no,", ",maybe,"), "may_inject 'maybe'"),
    "supervision-for-a-no": (GOOD.replace(",n.a.,", ",physician,"), "supervision must be 'n.a.'"),
    "empty-rule": (GOOD.replace("an aesthetician may not inject", ""), "rule is empty"),
    "brackets-in-source-name": (GOOD.replace("Board FAQ", "Board (FAQ)"), "without brackets"),
    "source-not-a-url": (GOOD.replace("https://board.example/faq", "board FAQ page"), "URLs"),
    "date-not-iso": (GOOD.replace("2026-12-07", "7 Dec 2026"), "checked '7 Dec 2026'"),
    "extra-field": (GOOD + ",surplus", "more fields than the header"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_malformed_row_is_refused_with_its_line(case):
    line, problem = BAD_ROWS[case]
    with pytest.raises(scope.ScopeTableError) as err:
        scope.parse([HEADER, GOOD.replace("toxin", "filler"), line], "t.csv")
    assert "t.csv line 3: " in str(err.value) and problem in str(err.value)


def test_a_second_row_for_the_same_key_is_refused():
    with pytest.raises(scope.ScopeTableError, match="line 3: a second row for CA/esthetician/toxin"):
        scope.parse([HEADER, GOOD, GOOD], "t.csv")


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("state,role\nCA,esthetician\n")
    with pytest.raises(scope.ScopeTableError, match="header must be"):
        scope.load(path)


def test_a_good_row_parses_with_several_sources():
    table = scope.parse([HEADER, GOOD.replace("https://board.example/faq",
                                              "https://a.example/x https://b.example/y")])
    row = table.get("ca", "esthetician", "toxin")
    assert row.sources == ("https://a.example/x", "https://b.example/y")
    assert row.evidence()["source"] == ["https://a.example/x", "https://b.example/y"]


@pytest.mark.parametrize("profession,role,postnominals,expected", [
    ("doctor", "Medical Director", "MD", "physician"),
    ("nurse", "Registered Nurse Injector", "RN, BSN", "registered_nurse"),
    ("nurse", "LVN Injector", None, "practical_nurse"),
    ("nurse", "Aesthetic Nurse", "L.P.N.", "practical_nurse"),
    ("nurse", "Licensed Vocational Nurse", None, "practical_nurse"),
    ("nurse", "Clinical Lead", "RN", "registered_nurse"),
    ("aesthetician", "Licensed Esthetician", None, "esthetician"),
    ("medical_assistant", None, None, "medical_assistant"),
    ("pharmacist", None, None, None),
])
def test_table_role(profession, role, postnominals, expected):
    assert scope.table_role(profession, role, postnominals) == expected


def test_docs_show_the_table_generated_from_the_data():
    docs = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert scope.markdown_summary(TABLE) in docs
    assert "analysis/data/us_scope_of_practice.csv" in docs


# -- the rules, state by state -------------------------------------------------------------

def clinic(build, state, *people, treatment="botulinum_toxin"):
    c = build.clinic("US", None, "Springfield", state)
    build.price(c, treatment, amount=300, currency="USD")
    for name, kw in people:
        build.practitioner(c, name, **kw)
    return c


DOCTOR = ("Dr Ann Park", {"profession": "doctor", "role": "Medical Director"})
ESTHETICIAN = ("Kim Lo", {"profession": "aesthetician", "role": "Esthetician and Injector"})
ASSISTANT = ("Bea Cruz", {"profession": "medical_assistant", "role": "Botox Injector"})
RN = ("Lou Diaz", {"profession": "nurse", "role": "Registered Nurse Injector",
                   "postnominals": "RN"})
LPN = ("Pat Ng", {"profession": "nurse", "role": "LPN Injector"})

# (rule, state, people, expected severities, words the message must contain)
CASES = {
    "role01-esthetician-ca-red": ("US-ROLE-01", "CA", [ESTHETICIAN], ["red"],
                                  ["In California", "Medical Board of California FAQ"]),
    "role01-esthetician-ca-doctor-red": ("US-ROLE-01", "CA", [DOCTOR, ESTHETICIAN], ["red"],
                                         ["In California"]),
    "role01-assistant-ny-doctor-red": ("US-ROLE-01", "NY", [DOCTOR, ASSISTANT], ["red"],
                                       ["In New York", "Board for Medicine"]),
    "role01-esthetician-nv-red": ("US-ROLE-01", "NV", [DOCTOR, ESTHETICIAN], ["red"],
                                  ["In Nevada", "Nevada Revised Statutes"]),
    "role01-lpn-nv-red": ("US-ROLE-01", "NV", [DOCTOR, LPN], ["red"], ["In Nevada"]),
    "role01-esthetician-tx-unknown-amber": ("US-ROLE-01", "TX", [DOCTOR, ESTHETICIAN], ["amber"],
                                            ["could not confirm that Texas", "In Texas"]),
    "role01-assistant-il-unknown-amber": ("US-ROLE-01", "IL", [DOCTOR, ASSISTANT], ["amber"],
                                          ["could not confirm that Illinois"]),
    "role01-lvn-ca-unknown-amber": ("US-ROLE-01", "CA", [DOCTOR, LPN], ["amber"],
                                    ["practical or vocational nurse", "In California"]),
    "role01-state-not-in-table-amber": ("US-ROLE-01", "WA", [ESTHETICIAN], ["amber"],
                                        ["not yet checked Washington"]),
    "role01-no-state-amber": ("US-ROLE-01", None, [ESTHETICIAN], ["amber"],
                              ["state is not known"]),
    "role01-rn-not-a-subject": ("US-ROLE-01", "CA", [DOCTOR, RN], [], []),
    "role01-lpn-without-injector-role": ("US-ROLE-01", "NV",
                                         [DOCTOR, ("Pat Ng", {"profession": "nurse",
                                                              "role": "LPN"})], [], []),
    "role02-rn-tx-alone-amber": ("US-ROLE-02", "TX", [RN], ["amber"],
                                 ["In Texas", "22 TAC 193.17", "checked 2026-12-07"]),
    "role02-rn-tx-with-doctor-silent": ("US-ROLE-02", "TX", [DOCTOR, RN], [], []),
    "role02-rn-ca-alone-amber": ("US-ROLE-02", "CA", [RN], ["amber"], ["In California"]),
    "role02-rn-fl-unknown-amber": ("US-ROLE-02", "FL", [RN], ["amber"], ["In Florida"]),
    "role02-rn-state-not-in-table-amber": ("US-ROLE-02", "WA", [RN], ["amber"],
                                           ["not yet checked Washington"]),
    "role02-lpn-nv-amber": ("US-ROLE-02", "NV", [LPN], ["amber"],
                            ["practical or vocational nurse", "In Nevada"]),
    "role03-not-read-from-table": ("US-ROLE-03", "NV", [RN], ["amber"], []),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_role_rules_per_state(db, build, case):
    rule_id, state, people, expected, words = CASES[case]
    clinic(build, state, *people)
    run_rules(db, now=NOW)
    found = list(db.query("SELECT severity, message, evidence FROM flags WHERE rule_id = ?",
                          [rule_id]))
    assert [f["severity"] for f in found] == expected
    for f in found:
        assert all(w in f["message"] for w in words), f["message"]


def test_evidence_carries_the_state_row(db, build):
    clinic(build, "CA", ESTHETICIAN, treatment="dermal_filler")
    run_rules(db, now=NOW)
    (f,) = db.query("SELECT evidence FROM flags WHERE rule_id = 'US-ROLE-01'")
    evidence = json.loads(f["evidence"])
    row = TABLE.get("CA", "esthetician", "filler")
    assert evidence["state"] == "CA" and evidence["scope_verdict"] == "no"
    assert evidence["scope_rows"] == [row.evidence()]
    assert {"state", "role", "rule", "source", "checked"} <= set(evidence["scope_rows"][0])


def test_toxin_and_filler_rows_are_both_consulted(db, build):
    c = clinic(build, "NY", RN)
    build.price(c, "dermal_filler", amount=600, currency="USD")
    run_rules(db, now=NOW)
    (f,) = db.query("SELECT evidence FROM flags WHERE rule_id = 'US-ROLE-02'")
    rows = json.loads(f["evidence"])["scope_rows"]
    assert [(r["role"], r["treatment"]) for r in rows] == [
        ("registered_nurse", "toxin"), ("registered_nurse", "filler")]


def test_role02_silent_where_a_state_lets_nurses_inject_on_their_own(db, build, monkeypatch):
    own = ("NC,registered_nurse,{g},yes,none,a registered nurse may inject on their own "
           "authority,Test board,https://board.example/rn,2026-12-07,")
    text = [HEADER] + [own.format(g=g) for g in scope.GROUPS]
    monkeypatch.setattr(scope, "default_table", lambda: scope.parse(text, "nc.csv"))
    clinic(build, "NC", RN)
    clinic(build, "SC", RN)  # not in this table: amber
    run_rules(db, now=NOW)
    got = [r["message"] for r in db.query("SELECT message FROM flags WHERE rule_id = 'US-ROLE-02'")]
    assert len(got) == 1 and "not yet checked South Carolina" in got[0]
