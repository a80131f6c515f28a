"""verify_credentials end to end on a small database built with db.schema.open_db."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from registers.npi import NpiClient
from registers.nppes import import_nppes_csv
from registers.uk import import_snapshot
from registers.verify import register_kind, verify_credentials

NOW = datetime(2025, 4, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)

CLINICS = [
    {"id": "uk1", "site": "glow.example", "name": "Glow Clinic", "region": "Greater London",
     "country": "GB"},
    {"id": "us1", "site": "medspa.example", "name": "101 Diabetic Supplies LLC", "region": "TX",
     "country": "US"},
    {"id": "us2", "site": "lake.example", "name": "Lake Clinic", "region": "MN", "country": "US"},
]
# credential id: (clinic, practitioner name or None, kind, value, format_valid, issuer)
CREDENTIALS = {
    "gmc-ok": ("uk1", "Dr Jane Smith", "gmc", "GMC 1234567", 1, None),
    "gmc-nolicence": ("uk1", "Dr Ravi Patel", "gmc", "7654321", 1, None),
    "gmc-other-person": ("uk1", "Dr Amir Khan", "gmc", "1111111", 1, None),
    "gmc-absent": ("uk1", "Dr Lee Wong", "gmc", "9999999", 1, None),
    "gmc-badformat": ("uk1", "Dr Lee Wong", "gmc", "12345", 0, None),
    "nmc-ip": ("uk1", "Nurse Emma Watson", "nmc", "12a3456b", 1, None),
    "nmc-conditions": ("uk1", "Sam Jones RGN", "nmc", "98B7654C", 1, None),
    "nmc-odd-wording": ("uk1", "Kate Bell", "nmc", "11C2222D", 1, None),
    "gdc-nosnapshot": ("uk1", "Dr Tom Hill", "gdc", "123456", 1, None),
    "hcpc-ip": ("uk1", "Mohammed Ali", "hcpc", "PA12345", 1, None),
    "jccp-member": ("uk1", "Chloe Adeyemi", "membership", "JCCP registered", None, "JCCP"),
    "jccp-absent": ("uk1", "Nina Ross", "membership", "member", None, "Joint Council (JCCP)"),
    "degree": ("uk1", "Dr Jane Smith", "degree", "MBBS", None, None),
    "npi-ok": ("us1", "Ana Rivera MD", "npi", "1234567893", 1, None),
    "npi-deactivated": ("us1", "Lena Holm", "npi", "1689872012", 1, None),
    "npi-reactivated": ("us1", "Tom Okafor", "npi", "1558598797", 1, None),
    "npi-absent": ("us1", "Ana Rivera", "npi", "1245319599", 1, None),
    "licence-tx": ("us1", "Ana Rivera", "state_license", "Q1234", 1, "TX"),
}
UK_SNAPSHOTS = {
    "gmc": "number,name,status,annotations\n"
           "1234567,Jane Elizabeth Smith,Registered with a licence to practise,GP Register\n"
           "7654321,Ravi Patel,Registered without a licence to practise,\n"
           "1111111,Jane Doe,Registered with a licence to practise,\n",
    "nmc": "number,name,status,annotations\n"
           '12A3456B,"WATSON, Emma",Effective registration,Independent prescriber\n'
           "98B7654C,Samuel Jones,Conditions of practice order,\n"
           "11C2222D,Kate Bell,Pending,\n",
    "hcpc": "number,name,status,annotations\nPA12345,\"ALI, Mohammed\",Registered,POM-A; IP\n",
    "jccp": "number,name,status,annotations\n,ADEYEMI Chloe,Registered,\n",
}
NPPES = (
    '"NPI","Entity Type Code","Provider Last Name (Legal Name)","Provider First Name",'
    '"Provider Middle Name","Provider Credential Text",'
    '"Provider Business Practice Location Address State Name","NPI Deactivation Date",'
    '"NPI Reactivation Date","Healthcare Provider Taxonomy Code_1","Provider License Number_1",'
    '"Provider License Number State Code_1","Healthcare Provider Primary Taxonomy Switch_1"\n'
    '"1234567893","1","RIVERA","ANA","LUZ","M.D.","TX","","","207N00000X","Q1234","TX","Y"\n'
    '"1689872012","","","","","","","07/01/2019","","","","",""\n'
    '"1558598797","1","OKAFOR","TOM","","RN","FL","03/15/2021","01/04/2022","163W00000X","RN9","FL","Y"\n'
)


def build(db, credentials=CREDENTIALS) -> None:
    db["clinics"].insert_all(CLINICS)
    people = {}
    for cid, (clinic, person, kind, value, fmt, issuer) in credentials.items():
        pid = None
        if person:
            pid = people.setdefault((clinic, person), f"p{len(people)}")
        db["credentials"].insert({
            "id": cid, "practitioner_id": pid, "clinic_id": clinic, "kind": kind, "value": value,
            "format_valid": fmt, "issuer": issuer, "evidence": f"{person}: {value}",
        })
    db["practitioners"].insert_all(
        [{"id": pid, "clinic_id": clinic, "name": name} for (clinic, name), pid in people.items()]
    )


def load_snapshots(db, tmp_path) -> None:
    for kind, text in UK_SNAPSHOTS.items():
        (tmp_path / f"{kind}.csv").write_text(text)
        import_snapshot(db, kind, tmp_path / f"{kind}.csv", now=NOW)
    (tmp_path / "npidata_pfile_sample.csv").write_text(NPPES)
    import_nppes_csv(db, tmp_path / "npidata_pfile_sample.csv", now=NOW)


def cred(db, cid) -> dict:
    row = next(db["credentials"].rows_where("id = ?", [cid]))
    if row["checked_at"]:
        row["evidence"] = json.loads(row["evidence"])
    return row


@pytest.fixture
def verified(db, tmp_path):
    build(db)
    load_snapshots(db, tmp_path)
    stats = verify_credentials(db, now=NOW)
    return db, stats


EXPECTED = {
    "gmc-ok": "verified",
    "gmc-nolicence": "inactive",
    "gmc-other-person": "name_mismatch",
    "gmc-absent": "not_found",
    "gmc-badformat": "not_found",
    "nmc-ip": "verified",
    "nmc-conditions": "conditions",
    "nmc-odd-wording": "unverifiable",
    "gdc-nosnapshot": "unverifiable",
    "hcpc-ip": "verified",
    "jccp-member": "verified",
    "jccp-absent": "not_found",
    "degree": "not_checked",
    "npi-ok": "verified",
    "npi-deactivated": "inactive",
    "npi-reactivated": "verified",
    "npi-absent": "not_found",
    "licence-tx": "unverifiable",
}


@pytest.mark.parametrize(("cid", "status"), EXPECTED.items(), ids=list(EXPECTED))
def test_statuses(verified, cid, status):
    db, _ = verified
    assert cred(db, cid)["status"] == status


def test_stats(verified):
    _, stats = verified
    expected = {}
    for cid, status in EXPECTED.items():
        if cid != "degree":
            expected[status] = expected.get(status, 0) + 1
    assert stats["by_status"] == dict(sorted(expected.items()))
    assert stats["checked"] == len(EXPECTED) - 1
    assert stats["history_rows"] == len(EXPECTED) - 1
    assert stats["errors"] == 0


def test_gmc_links_without_republishing_name(verified):
    db, _ = verified
    row = cred(db, "gmc-ok")
    assert row["register_url"] == "https://www.gmc-uk.org/doctors/1234567"
    assert row["register_name"] is None
    assert row["checked_at"] == "2025-04-01T12:00:00Z"
    assert row["evidence"]["register"]["register_status"] == "Registered with a licence to practise"
    assert row["evidence"]["text"] == "Dr Jane Smith: GMC 1234567"  # the crawler's text is kept


def test_format_invalid_number_looked_up_is_not_found_with_reason(verified):
    db, _ = verified
    evidence = cred(db, "gmc-badformat")["evidence"]["register"]
    assert evidence["format_valid"] is False
    assert evidence["source"] == "snapshot:gmc"


def test_prescriber_annotations_in_evidence(verified):
    db, _ = verified
    assert cred(db, "nmc-ip")["evidence"]["prescriber_annotation"] is True
    assert cred(db, "hcpc-ip")["evidence"]["prescriber_annotation"] is True
    assert cred(db, "nmc-conditions")["evidence"]["prescriber_annotation"] is False
    assert "prescriber_annotation" not in cred(db, "gmc-ok")["evidence"]


def test_unverifiable_carries_reason(verified):
    db, _ = verified
    assert cred(db, "gdc-nosnapshot")["evidence"]["register"]["reason"] == "no GDC snapshot loaded"
    assert cred(db, "gdc-nosnapshot")["register_url"] == "https://olr.gdc-uk.org/searchregister"
    assert "vocabulary" in cred(db, "nmc-odd-wording")["evidence"]["register"]["reason"]
    assert "state_license" in cred(db, "licence-tx")["evidence"]["register"]["reason"]


def test_npi_from_nppes_table(verified):
    db, _ = verified
    row = cred(db, "npi-ok")
    assert row["register_name"] == "ANA LUZ RIVERA"
    assert row["register_url"] == "https://npiregistry.cms.hhs.gov/provider-view/1234567893"
    assert row["evidence"]["licence_state_match"] is True
    assert row["evidence"]["register"]["licence_states"] == ["TX"]
    assert row["evidence"]["register"]["source"] == "nppes"
    assert cred(db, "npi-reactivated")["evidence"]["licence_state_match"] is False


def test_untouched_kinds_keep_their_evidence(verified):
    db, _ = verified
    row = next(db["credentials"].rows_where("id = 'degree'"))
    assert (row["checked_at"], row["evidence"]) == (None, "Dr Jane Smith: MBBS")


def test_history_only_on_change(verified, tmp_path):
    db, _ = verified
    again = verify_credentials(db, now=LATER)
    assert again["history_rows"] == 0
    assert cred(db, "gmc-ok")["checked_at"] == "2025-05-01T12:00:00Z"
    (tmp_path / "gmc2.csv").write_text(
        "number,name,status\n1234567,Jane Smith,Suspended\n7654321,Ravi Patel,"
        "Registered without a licence to practise\n1111111,Jane Doe,Erased\n")
    import_snapshot(db, "gmc", tmp_path / "gmc2.csv", now=LATER)
    third = verify_credentials(db, now=LATER)
    assert third["history_rows"] == 1
    history = db.execute(
        "SELECT status, checked_at, source FROM credential_status_history "
        "WHERE credential_id = 'gmc-ok' ORDER BY id").fetchall()
    assert history == [("verified", "2025-04-01T12:00:00Z", "snapshot:gmc"),
                       ("inactive", "2025-05-01T12:00:00Z", "snapshot:gmc")]


def test_nothing_loaded_never_verified(db):
    build(db)
    stats = verify_credentials(db, now=NOW)
    assert set(stats["by_status"]) == {"unverifiable"}
    reason = cred(db, "npi-ok")["evidence"]["register"]["reason"]
    assert reason == "no NPPES file imported and online lookup off"


ONLINE = {
    "dewey-mn": ("us2", "Dr Paul Dewey", "npi", "1760485387", 1, None),
    "dewey-tx": ("us1", "Paul R Dewey", "npi", "1760485387", 1, None),
    "org-by-person": ("us1", "Dale Greyslak", "npi", "1003101296", 1, None),
    "org-by-clinic": ("us1", None, "npi", "1003101296", 1, None),
    "unknown-valid": ("us1", "Ana Rivera", "npi", "1234567893", 1, None),
    "luhn-invalid": ("us1", "Ana Rivera", "npi", "1234567890", 0, None),
}


def online_run(db, npi_server):
    build(db, ONLINE)
    client = NpiClient(base_url=npi_server.url, db=db, allow_private=True, min_interval=0)
    return verify_credentials(db, npi_client=client, now=NOW)


def test_online_fallback(db, npi_server):
    stats = online_run(db, npi_server)
    statuses = {cid: cred(db, cid)["status"] for cid in ONLINE}
    assert statuses == {"dewey-mn": "verified", "dewey-tx": "verified",
                        "org-by-person": "name_mismatch", "org-by-clinic": "verified",
                        "unknown-valid": "not_found", "luhn-invalid": "unverifiable"}
    looked_up = sorted(q["number"] for _, _, q in npi_server.requests)
    assert looked_up == ["1003101296", "1234567893", "1760485387"]  # cached repeats, no Luhn-invalid
    assert stats["online_requests"] == 3
    assert cred(db, "dewey-mn")["evidence"]["licence_state_match"] is True
    assert cred(db, "dewey-tx")["evidence"]["licence_state_match"] is False
    assert cred(db, "dewey-mn")["evidence"]["register"]["source"] == "npi-api"


def test_online_failure_leaves_rows_untouched(db, npi_server):
    npi_server.fail_next = 100
    build(db, {"dewey-mn": ONLINE["dewey-mn"]})
    client = NpiClient(base_url=npi_server.url, allow_private=True, min_interval=0, retries=0)
    stats = verify_credentials(db, npi_client=client, now=NOW)
    assert stats["errors"] == 1
    row = cred(db, "dewey-mn")
    assert (row["status"], row["checked_at"]) == ("not_checked", None)


@pytest.mark.parametrize(
    ("kind", "value", "issuer", "expected"),
    [("gmc", "1", None, "gmc"), ("membership", "Save Face accredited", None, "saveface"),
     ("membership", "member", "JCCP", "jccp"), ("membership", "BACN", None, None),
     ("degree", "MBBS", None, None), ("cqc", "1-123456789", None, "cqc")],
)
def test_register_kind(kind, value, issuer, expected):
    assert register_kind(kind, value, issuer) == expected


def test_lookup_kind_in_evidence(verified):
    db, _ = verified
    assert cred(db, "gmc-absent")["evidence"]["lookup"] == "number"
    assert cred(db, "jccp-member")["evidence"]["lookup"] == "name"
    assert cred(db, "jccp-absent")["evidence"]["lookup"] == "name"
    assert "lookup" not in cred(db, "gdc-nosnapshot")["evidence"]


def test_import_snapshot_dir(db, tmp_path):
    from registers.snapshots import import_snapshot_dir

    regdir = tmp_path / "registers"
    regdir.mkdir()
    for kind, text in UK_SNAPSHOTS.items():
        (regdir / f"{kind}.csv").write_text(text)
    (regdir / "npidata_pfile_sample.csv").write_text(NPPES)
    (regdir / "README.txt").write_text("not a snapshot")
    assert import_snapshot_dir(db, regdir) == {"gmc": 3, "nmc": 3, "hcpc": 1, "jccp": 1, "nppes": 3}
    assert import_snapshot_dir(db, tmp_path / "missing") == {}


def test_online_errors_body_is_unverifiable_with_reason(db, npi_server):
    npi_server.refuse_numbers.add("1760485387")
    stats = online_run(db, npi_server)
    row = cred(db, "dewey-mn")
    assert row["status"] == "unverifiable"
    assert "Field state requires additional search criteria" in row["evidence"]["register"]["reason"]
    assert stats["errors"] == 0


def test_existing_json_evidence_keeps_other_keys_and_drops_stale_ones(db, tmp_path):
    build(db, {"k": ("uk1", "Dr Jane Smith", "gmc", "1234567", 1, None)})
    old = {"page": "team", "prescriber_annotation": True, "lookup": "name"}
    db.execute("UPDATE credentials SET evidence = ? WHERE id = 'k'", [json.dumps(old)])
    load_snapshots(db, tmp_path)
    verify_credentials(db, now=NOW)
    evidence = cred(db, "k")["evidence"]
    assert evidence["page"] == "team"
    assert "prescriber_annotation" not in evidence  # GMC has no such annotation
    assert evidence["lookup"] == "number"
    assert "text" not in evidence
