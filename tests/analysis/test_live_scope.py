"""A live check judges one clinic against the published norms and replaces only its findings."""

from __future__ import annotations

import datetime as dt

from analysis import analyse
from analysis.norms import compute_norms, position_prices
from analysis.store import save_clinic_findings
from db.schema import open_db

T1, T2 = "2026-04-01T08:00:00+00:00", "2026-04-02T08:00:00+00:00"


def london(build, n: int = 10) -> None:
    for i in range(n):
        c = build.clinic(postcode=f"SW{i} 1AA")
        build.practitioner(c, f"Dr {i}", title="Dr", profession="doctor")
        build.price(c, amount=100 + 10 * i)


def test_positions_use_the_norms_as_they_are(db, build, tmp_path):
    """The same position whether computed with the world or alone beside a copy of the norms,
    and the norms table is not rewritten."""
    london(build)
    compute_norms(db, today="2026-04-01")
    norms = list(db.query("SELECT * FROM price_norms ORDER BY rowid"))
    scratch = open_db(str(tmp_path / "scratch.db"))
    scratch["price_norms"].insert_all(norms)
    for row in db.query("SELECT * FROM clinics LIMIT 1"):
        scratch["clinics"].insert({**row, "id": "new", "site": "new.example"})
    for amount, price_id in ((60.0, "cheap"), (145.0, "middling")):
        scratch["prices"].insert({"id": price_id, "clinic_id": "new", "treatment": "hair_mesotherapy",
                                  "amount": amount, "per_session": amount, "currency": "GBP",
                                  "unit": "session", "from_price": 0})
    stats = position_prices(scratch, today="2026-04-02")
    assert list(scratch.query("SELECT * FROM price_norms ORDER BY rowid")) == norms
    assert stats["positions"] == 2 and stats["norms"] == len(norms)
    got = {r["price_id"]: r for r in scratch.query("SELECT * FROM price_positions")}
    median = next(n["median"] for n in norms if n["level"] == "postcode_area")
    assert got["cheap"]["norm_median"] == median == got["middling"]["norm_median"]
    assert got["cheap"]["band"] == "below_p10" and got["middling"]["band"] == "p25_p75"
    assert got["cheap"]["pct_vs_median"] == round((60.0 / median - 1) * 100, 1)


COLUMNS = ("id, clinic_id, practitioner_id, price_id, credential_id, rule_id, rule_version, severity, "
           "message, evidence_url, evidence")


def test_scoped_findings_leave_other_clinics_alone(db, build):
    london(build)
    cheap = build.clinic(postcode="SW9 9AA")
    build.price(cheap, amount=40)  # far below the norm, and nobody named
    analyse(db, now=dt.datetime.fromisoformat(T1))
    others = list(db.query("SELECT * FROM flags WHERE clinic_id != ? ORDER BY id", [cheap]))
    assert others  # the London doctors have findings of their own (UK-REG-05)
    before = db.execute(f"SELECT {COLUMNS} FROM flags WHERE clinic_id = ? ORDER BY id", [cheap]).fetchall()
    assert "GEN-NOPRAC-01" in {r[5] for r in before}
    # the clinic now names a doctor: its new findings lack GEN-NOPRAC-01; a stray row for
    # another clinic is ignored, and nobody else's findings are cleared
    rows = [tuple(r) for r in before if r[5] != "GEN-NOPRAC-01"]
    rows.append(("stray", others[0]["clinic_id"], None, None, None, "X-1", 1, "info", "not this clinic's", None, "{}"))
    counts = save_clinic_findings(db, rows, T2, [cheap])
    assert list(db.query("SELECT * FROM flags WHERE clinic_id != ? ORDER BY id", [cheap])) == others
    after = db.execute(f"SELECT {COLUMNS} FROM flags WHERE clinic_id = ? ORDER BY id", [cheap]).fetchall()
    assert after == rows[:-1] and counts == {"findings": len(rows) - 1, "new": 0, "cleared": 1}
    closed = list(db.query("SELECT rule_id, clinic_id FROM flags_history WHERE cleared_at IS NOT NULL"))
    assert closed == [{"rule_id": "GEN-NOPRAC-01", "clinic_id": cheap}]
