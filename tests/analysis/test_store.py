"""Findings are recomputed idempotently; stale ones leave flags and close in history."""

from __future__ import annotations

from analysis import analyse
from analysis.norms import compute_norms
from analysis.registry import Hit, flag_id
from analysis.rules import run_rules

T1, T2, T3, T4 = (f"2026-04-0{i}T08:00:00+00:00" for i in range(1, 5))


def scenario(build):
    for i in range(10):
        c = build.clinic(postcode=f"SW{i} 1AA")
        build.practitioner(c, f"Dr {i}", title="Dr", profession="doctor")
        build.price(c, amount=100 + i)
    cheap = build.clinic(postcode="SW9 9AA")  # names nobody, cheap, offers toxin
    low = build.price(cheap, amount=40)
    build.price(cheap, "botulinum_toxin", amount=150, from_price=1)
    return cheap, low


def flags(db):
    return [{k: v for k, v in r.items() if k not in ("created_at", "updated_at")}
            for r in db.query("SELECT * FROM flags ORDER BY id")]


def history(db):
    return list(db.query("SELECT flag_id, rule_id, severity, first_seen, last_seen, cleared_at "
                         "FROM flags_history ORDER BY id"))


def test_running_twice_gives_the_same_tables(db, build):
    scenario(build)
    first = analyse(db)
    snapshot = flags(db), [r["flag_id"] for r in history(db)]
    second = analyse(db)
    assert (flags(db), [r["flag_id"] for r in history(db)]) == snapshot
    assert second["findings"]["findings"] == first["findings"]["findings"] > 0
    assert second["findings"]["new"] == 0 and second["findings"]["cleared"] == 0
    assert db["flags_history"].count == first["findings"]["findings"]


def test_stale_findings_leave_flags_and_close_in_history(db, build):
    cheap, low = scenario(build)
    compute_norms(db, today="2026-04-01")
    run_rules(db, now=T1)
    price_flag = next(db.query("SELECT id FROM flags WHERE rule_id = 'PRICE-01'"))["id"]
    # the clinic raises its price and names a prescriber: both findings go away
    db["prices"].update(low, {"amount": 105, "per_session": 105})
    build.practitioner(cheap, "Dr New", profession="doctor", prescriber=1)
    compute_norms(db, today="2026-04-02")
    stats = run_rules(db, now=T2)
    rules_now = {r["rule_id"] for r in db.query("SELECT rule_id FROM flags")}
    assert "PRICE-01" not in rules_now and "GEN-NOPRAC-01" not in rules_now
    assert "UK-POM-01" not in rules_now
    assert stats["cleared"] == 3
    episode = next(r for r in history(db) if r["flag_id"] == price_flag)
    assert (episode["first_seen"], episode["last_seen"], episode["cleared_at"]) == (T1, T1, T2)


def test_a_finding_that_returns_opens_a_new_episode(db, build):
    _, low = scenario(build)
    compute_norms(db, today="2026-04-01")
    run_rules(db, now=T1)
    db["prices"].update(low, {"amount": 105, "per_session": 105})
    compute_norms(db, today="2026-04-02")
    run_rules(db, now=T2)
    db["prices"].update(low, {"amount": 30, "per_session": 30})
    compute_norms(db, today="2026-04-03")
    run_rules(db, now=T3)
    run_rules(db, now=T4)
    episodes = [r for r in history(db) if r["rule_id"] == "PRICE-01"]
    assert [(e["first_seen"], e["last_seen"], e["cleared_at"]) for e in episodes] == [
        (T1, T1, T2), (T3, T4, None)]
    flag = next(db.query("SELECT * FROM flags WHERE rule_id = 'PRICE-01'"))
    assert "£30 a session" in flag["message"]


def test_created_at_kept_and_updated_at_moves_only_on_change(db, build):
    _, low = scenario(build)
    compute_norms(db, today="2026-04-01")
    run_rules(db, now=T1)
    run_rules(db, now=T2)
    row = next(db.query("SELECT * FROM flags WHERE rule_id = 'PRICE-01'"))
    assert (row["created_at"], row["updated_at"]) == (T1, T1)
    db["prices"].update(low, {"amount": 35, "per_session": 35})
    compute_norms(db, today="2026-04-03")
    run_rules(db, now=T3)
    row = next(db.query("SELECT * FROM flags WHERE rule_id = 'PRICE-01'"))
    assert (row["created_at"], row["updated_at"]) == (T1, T3)
    assert "£35" in row["message"]


def test_flag_id_depends_on_rule_and_subjects_only():
    a = Hit("red", "one wording", "c1", practitioner_id="r1")
    b = Hit("amber", "another wording", "c1", practitioner_id="r1", evidence={"x": 1})
    assert flag_id("UK-REG-05", a) == flag_id("UK-REG-05", b)
    assert flag_id("UK-REG-05", a) != flag_id("UK-REG-02", a)
    assert flag_id("UK-REG-05", a) != flag_id("UK-REG-05", Hit("red", "m", "c1", "r2"))
