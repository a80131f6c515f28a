"""UK and voluntary register snapshots: import, status vocabulary, prescriber annotations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from registers.uk import (
    SnapshotFormatError,
    import_snapshot,
    map_status,
    prescriber_annotation,
)

NOW = datetime(2025, 3, 1, tzinfo=UTC)

STATUS_TABLE = [
    ("gmc", "Registered with a licence to practise", "clear"),
    ("gmc", "registered with a licence to practice", "clear"),
    ("gmc", "Registered with Licence", "clear"),  # LRMP file wording
    ("gmc", "Registered without a licence to practise", "inactive"),
    ("gmc", "Provisionally registered with a licence to practise", "conditions"),
    ("gmc", "Provisionally registered without a licence to practise", "inactive"),
    ("gmc", "Suspended", "inactive"),
    ("gmc", "Erased", "inactive"),
    ("gmc", "Administrative erasure", "inactive"),
    ("gmc", "Not registered", "inactive"),
    ("gmc", "Registered", "unknown"),  # says nothing about the licence
    ("nmc", "Effective registration", "clear"),
    ("nmc", "Registered", "clear"),
    ("nmc", "Lapsed", "inactive"),
    ("nmc", "Suspended", "inactive"),
    ("nmc", "Removed", "inactive"),
    ("nmc", "Struck off", "inactive"),
    ("nmc", "Voluntarily removed", "inactive"),
    ("nmc", "Interim suspension order", "inactive"),
    ("nmc", "Interim conditions of practice order", "inactive"),
    ("nmc", "Conditions of practice order", "conditions"),
    ("nmc", "Caution", "conditions"),
    ("nmc", "Undertakings", "conditions"),
    ("nmc", "Not currently practising", "inactive"),
    ("gdc", "Registered", "clear"),
    ("gdc", "Suspended", "inactive"),
    ("gdc", "Erased", "inactive"),
    ("gdc", "Interim order - conditions", "conditions"),
    ("gphc", "Registered", "clear"),
    ("gphc", "Removed", "inactive"),
    ("gphc", "Conditions", "conditions"),
    ("hcpc", "Registered", "clear"),
    ("hcpc", "Struck off", "inactive"),
    ("hcpc", "Lapsed", "inactive"),
    ("hcpc", "Conditions of practice", "conditions"),
    ("jccp", "Registered", "clear"),
    ("jccp", "Lapsed", "inactive"),
    ("saveface", "Accredited", "clear"),
    ("saveface", "Accreditation expired", "inactive"),
    ("saveface", "Pending review", "unknown"),
    ("nmc", "", "unknown"),
]


@pytest.mark.parametrize(("kind", "wording", "ours"), STATUS_TABLE,
                         ids=[f"{k}-{w or 'empty'}" for k, w, _ in STATUS_TABLE])
def test_status_vocabulary(kind, wording, ours):
    assert map_status(kind, wording) == ours


@pytest.mark.parametrize(
    ("kind", "wording", "annotations", "ours"),
    [
        ("gmc", "Registered with a licence to practise", ["GP Register"], "clear"),
        ("gmc", "Registered with a licence to practise", ["Conditions"], "conditions"),
        ("gmc", "Registered with a licence to practise", ["Interim order: suspension"], "inactive"),
        ("nmc", "Effective registration", ["Independent prescriber"], "clear"),
        ("nmc", "Conditions of practice order", ["Independent prescriber"], "conditions"),
        ("nmc", "Suspended", ["Caution"], "inactive"),  # annotations never improve a status
    ],
)
def test_annotations_only_make_status_worse(kind, wording, annotations, ours):
    assert map_status(kind, wording, annotations) == ours


@pytest.mark.parametrize(
    ("kind", "annotations", "expected"),
    [
        ("nmc", ["Independent prescriber"], True),
        ("nmc", ["V300"], True),
        ("nmc", ["Nurse independent / supplementary prescriber"], True),
        ("nmc", ["Community practitioner nurse prescriber (V100)"], False),
        ("nmc", ["Specialist community public health nurse"], False),
        ("hcpc", ["POM-A", "IP"], True),
        ("hcpc", ["POM-A", "SP"], False),
        ("gphc", ["Independent prescriber"], True),
        ("gphc", [], False),
        ("gmc", ["Independent prescriber"], None),
    ],
)
def test_prescriber_annotation(kind, annotations, expected):
    assert prescriber_annotation(kind, annotations) is expected


def write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


GMC_CSV = """number,name,status,annotations
1234567,Jane Smith,Registered with a licence to practise,GP Register
GMC 7654321,Ravi Patel,Registered without a licence to practise,
,Nobody,Registered with a licence to practise,
2345678,,Suspended,
"""


def test_import_gmc(db, tmp_path):
    result = import_snapshot(db, "gmc", write(tmp_path / "gmc.csv", GMC_CSV), now=NOW)
    assert (result.rows, result.skipped) == (2, 2)
    rows = db.execute(
        "SELECT number, name, name_key, status, our_status, annotations, imported_at "
        "FROM register_entries ORDER BY number").fetchall()
    assert rows == [
        ("1234567", "Jane Smith", "jane smith", "Registered with a licence to practise", "clear",
         "GP Register", "2025-03-01T00:00:00Z"),
        ("7654321", "Ravi Patel", "patel ravi", "Registered without a licence to practise",
         "inactive", "", "2025-03-01T00:00:00Z"),
    ]


def test_import_replaces_earlier_snapshot_of_same_kind_only(db, tmp_path):
    import_snapshot(db, "gmc", write(tmp_path / "gmc.csv", GMC_CSV), now=NOW)
    import_snapshot(db, "nmc", write(tmp_path / "nmc.csv",
                                     "number,name,status\n12A3456B,Emma Watson,Lapsed\n"), now=NOW)
    import_snapshot(db, "gmc", write(tmp_path / "gmc2.csv",
                                     "number,name,status\n1111111,A Person,Erased\n"), now=NOW)
    counts = dict(db.execute("SELECT kind, COUNT(*) FROM register_entries GROUP BY kind").fetchall())
    assert counts == {"gmc": 1, "nmc": 1}
    assert dict(db.execute("SELECT kind, rows FROM register_snapshots").fetchall()) == {"gmc": 1, "nmc": 1}


def test_nmc_annotations_semicolon_list_and_pin_normalised(db, tmp_path):
    text = 'number,name,status,annotations\n12a 3456b,"WATSON, Emma",Effective registration,' \
           '"Independent prescriber ; Specialist practitioner"\n'
    import_snapshot(db, "nmc", write(tmp_path / "nmc.csv", text), now=NOW)
    assert db.execute("SELECT number, annotations FROM register_entries").fetchone() == (
        "12A3456B", "Independent prescriber; Specialist practitioner")


def test_voluntary_register_number_may_be_empty(db, tmp_path):
    text = "number,name,status,annotations\n,Chloe Adeyemi,Registered,\nJ-1001,Tom Okafor,Lapsed,\n"
    assert import_snapshot(db, "jccp", write(tmp_path / "jccp.csv", text), now=NOW).rows == 2


def test_voluntary_register_without_number_column(db, tmp_path):
    text = "name,status\nChloe Adeyemi,Accredited\n"
    assert import_snapshot(db, "saveface", write(tmp_path / "sf.csv", text), now=NOW).rows == 1


def test_header_case_and_bom_tolerated(db, tmp_path):
    text = "\ufeffNumber, Name ,STATUS\n1234567,Jane Smith,Registered with a licence to practise\n"
    assert import_snapshot(db, "gmc", write(tmp_path / "g.csv", text), now=NOW).rows == 1


@pytest.mark.parametrize(
    ("kind", "text"),
    [("gmc", "gmc_number,full_name\n1,2\n"), ("gmc", "name,status\nJane,Registered\n"), ("nmc", "")],
    ids=["wrong-columns", "statutory-needs-number", "empty-file"],
)
def test_bad_files_refused_and_old_snapshot_kept(db, tmp_path, kind, text):
    import_snapshot(db, kind, write(tmp_path / "ok.csv",
                                    "number,name,status\n12A3456B,Old Row,Registered\n"), now=NOW)
    with pytest.raises(SnapshotFormatError, match="missing column"):
        import_snapshot(db, kind, write(tmp_path / "bad.csv", text), now=NOW)
    assert db.execute("SELECT name FROM register_entries").fetchall() == [("Old Row",)]


def test_failure_midway_rolls_back(db, tmp_path):
    import_snapshot(db, "gmc", write(tmp_path / "ok.csv", GMC_CSV), now=NOW)
    bad = tmp_path / "bad.csv"
    good = b"".join(b"%07d,Ok Row,Registered\n" % i for i in range(2000))  # past the read buffer
    bad.write_bytes(b"number,name,status\n" + good + b"2222222,\xff\xfe,x\n")
    with pytest.raises(SnapshotFormatError, match="unreadable"):
        import_snapshot(db, "gmc", str(bad), now=NOW, batch_size=1)
    assert db.execute("SELECT COUNT(*) FROM register_entries").fetchone()[0] == 2


def test_unknown_kind(db, tmp_path):
    with pytest.raises(ValueError, match="unknown register kind"):
        import_snapshot(db, "gnc", write(tmp_path / "x.csv", GMC_CSV))
