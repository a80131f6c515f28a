"""`clinicwatch registers import|list` and `clinicwatch verify`, through argparse as main runs them."""

from __future__ import annotations

import argparse
import json

import pytest

from clinicwatch.cliutil import CliError
from db.schema import open_db
from clinicwatch.commands.registers import register

GMC = "number,name,status,annotations\n1234567,Jane Smith,Registered with a licence to practise,\n"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="clinicwatch")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except CliError as exc:
        print(f"clinicwatch {args.command}: {exc}", file=__import__("sys").stderr)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path):
    (tmp_path / "gmc.csv").write_text(GMC)
    (tmp_path / "bad.csv").write_text("foo,bar\n1,2\n")
    return tmp_path


def test_import_and_list(files, capsys):
    dbp = str(files / "c.db")
    code, out, _ = run(["registers", "import", "GMC", str(files / "gmc.csv"), "--db", dbp], capsys)
    assert code == 0
    assert out.strip() == f"imported 1 gmc rows from {files / 'gmc.csv'}"
    code, out, _ = run(["registers", "list", "--db", dbp, "--json"], capsys)
    listed = json.loads(out)
    assert [(r["kind"], r["rows"]) for r in listed] == [("gmc", 1)]
    code, out, _ = run(["registers", "list", "--db", dbp], capsys)
    assert out.startswith("gmc ") and "1 rows" in out


def test_unknown_kind_is_one_line_usage_error(files, capsys):
    code, out, err = run(["registers", "import", "gnc", str(files / "gmc.csv"),
                          "--db", str(files / "c.db")], capsys)
    assert code == 2
    assert err.count("\n") == 1 and "unknown register kind 'gnc'" in err


@pytest.mark.parametrize(("name", "needle"), [("bad.csv", "missing column"), ("nope.csv", "no such file")])
def test_bad_file_is_one_line_error(files, capsys, name, needle):
    code, _, err = run(["registers", "import", "nmc", str(files / name),
                        "--db", str(files / "c.db")], capsys)
    assert code == 1
    assert err.count("\n") == 1 and needle in err


def test_nppes_bad_file(files, capsys):
    code, _, err = run(["registers", "import", "nppes", str(files / "gmc.csv"),
                        "--db", str(files / "c.db")], capsys)
    assert (code, err.count("\n")) == (1, 1)
    assert "NPI" in err


def _one_credential(dbp: str, kind: str, value: str, region: str = "MN") -> None:
    db = open_db(dbp)
    db["clinics"].insert({"id": "c1", "site": "s", "name": "Clinic", "region": region})
    db["practitioners"].insert({"id": "p1", "clinic_id": "c1", "name": "Dr Paul Dewey"})
    db["credentials"].insert({"id": "k1", "practitioner_id": "p1", "clinic_id": "c1",
                              "kind": kind, "value": value, "format_valid": 1})
    db.close()


def test_verify_summary_and_json(files, capsys):
    dbp = str(files / "c.db")
    _one_credential(dbp, "gmc", "1234567")
    run(["registers", "import", "gmc", str(files / "gmc.csv"), "--db", dbp], capsys)
    code, out, _ = run(["verify", "--db", dbp], capsys)
    assert code == 0
    assert out.splitlines()[0] == "checked 1 credentials: name_mismatch 1"
    code, out, _ = run(["verify", "--db", dbp, "--json"], capsys)
    stats = json.loads(out)
    assert (stats["by_status"], stats["history_rows"]) == ({"name_mismatch": 1}, 0)


def test_verify_online_against_stand_in(files, capsys, npi_server):
    dbp = str(files / "c.db")
    _one_credential(dbp, "npi", "1760485387")
    code, out, _ = run(["verify", "--db", dbp, "--online", "--npi-url", npi_server.url,
                        "--allow-private", "--npi-min-interval", "0"], capsys)
    assert code == 0
    assert "verified 1" in out and "NPI Registry requests: 1" in out


def test_verify_online_refuses_loopback_without_flag(files, capsys, npi_server):
    dbp = str(files / "c.db")
    _one_credential(dbp, "npi", "1760485387")
    code, _, err = run(["verify", "--db", dbp, "--online", "--npi-url", npi_server.url], capsys)
    assert code == 1
    assert "loopback" in err and err.count("\n") == 1
    assert npi_server.requests == []


def test_import_cqc_reports_bad_lines(tmp_path, capsys):
    path = tmp_path / "cqc.jsonl"
    path.write_text('{"locationId": "1-100000001", "name": "Glow", "postalCode": "LS1 4AP"}\n'
                    "{broken\n")
    dbp = str(tmp_path / "c.db")
    code, out, _ = run(["registers", "import", "cqc", str(path), "--db", dbp], capsys)
    assert code == 0
    assert out.splitlines() == [f"imported 1 cqc locations from {path} (1 bad records skipped)",
                                "  skipped line 2: not JSON (Expecting property name enclosed "
                                "in double quotes)"]


def test_fetch_cqc_without_key_is_one_line_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CQC_SUBSCRIPTION_KEY", raising=False)
    code, out, err = run(["registers", "fetch", "cqc", "--location-id", "1-100000001",
                          "--db", str(tmp_path / "c.db")], capsys)
    assert code == 1
    assert err.strip().startswith("clinicwatch registers: no CQC API key: set CQC_SUBSCRIPTION_KEY")
    assert len(err.strip().splitlines()) == 1


def test_fetch_needs_something_to_fetch(tmp_path, capsys):
    code, _, err = run(["registers", "fetch", "cqc", "--db", str(tmp_path / "c.db")], capsys)
    assert code == 2 and "--location-id" in err
