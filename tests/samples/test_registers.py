"""Register snapshots agree with ground truth's register_state."""

from __future__ import annotations

import argparse
import csv
import json

import pytest

from clinicwatch.cliutil import CliError
from clinicwatch.commands import samples as cli
from samples.server import write_outputs

ACTIVE = {"gmc": {"Registered with a licence to practise"}, "nmc": {"Effective registration"},
          "gdc": {"Registered"}, "gphc": {"Registered"}, "hcpc": {"Registered"}}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    paths = write_outputs(out, clinics=200, seed=7, port=8765)
    records = [json.loads(x) for x in paths["truth"].read_text(encoding="utf-8").splitlines()]
    return paths, records


def _read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_uk_registers_match_register_state(outputs):
    paths, records = outputs
    registers = {k: {r["number"]: r for r in _read(paths["registers_dir"] / f"{k}.csv")} for k in ACTIVE}
    states = set()
    for rec in records:
        for p in rec["practitioners"]:
            for c in p["credentials"]:
                if c["kind"] not in ACTIVE:
                    continue
                row = registers[c["kind"]].get(c["value"])
                state = p["register_state"]
                states.add(state)
                if state == "not_on_register" or not c["format_valid"]:
                    assert row is None
                    continue
                assert row is not None, (p["name"], c)
                surname = p["name"].split()[-1].upper()
                if state == "name_mismatch":
                    assert surname not in row["name"]
                else:
                    assert row["name"].endswith(surname) and row["name"].startswith(p["name"].split()[0])
                active = row["status"] in ACTIVE[c["kind"]]
                if state == "conditions":
                    assert "Conditions" in row["status"] + row["annotations"]
                else:
                    assert active == (state in ("registered", "name_mismatch")), (state, row)
                if p["prescriber"] and c["kind"] == "nmc":
                    assert "Independent prescriber" in row["annotations"]
    assert {"registered", "not_on_register", "inactive", "name_mismatch", "conditions"} <= states
    assert len(registers["gmc"]) > sum(1 for r in records for p in r["practitioners"]
                                       for c in p["credentials"] if c["kind"] == "gmc" and
                                       p["register_state"] == "registered")  # filler rows present


def test_nppes_sample_matches_register_state(outputs):
    paths, records = outputs
    rows = _read(paths["registers_dir"] / "npidata_pfile_sample.csv")
    assert {"NPI", "Entity Type Code", "Provider Last Name (Legal Name)", "Provider First Name",
            "Provider Credential Text", "Healthcare Provider Taxonomy Code_1",
            "Provider License Number_1", "NPI Deactivation Date"} <= set(rows[0])
    by_npi = {r["NPI"]: r for r in rows}
    seen = set()
    for rec in records:
        for p in rec["practitioners"]:
            for c in p["credentials"]:
                if c["kind"] != "npi":
                    continue
                row, state = by_npi.get(c["value"]), p["register_state"]
                seen.add(state)
                if state == "not_on_register" or not c["format_valid"]:
                    assert row is None
                elif state == "inactive":
                    assert row["NPI Deactivation Date"]
                else:
                    assert row["Provider Last Name (Legal Name)"] == p["name"].split()[-1].upper()
                    assert not row["NPI Deactivation Date"]
                    lic = next(x["value"] for x in p["credentials"] if x["kind"] == "state_license")
                    assert row["Provider License Number_1"] == lic
    assert {"registered", "not_on_register", "inactive"} <= seen


def main(argv: list[str]) -> int:
    """Run only the sample-web subcommand (independent of other areas' commands)."""
    parser = argparse.ArgumentParser(prog="clinicwatch")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as exc:
        return exc.code


def test_cli_generate_writes_files(tmp_path, capsys):
    assert main(["sample-web", "generate", "--clinics", "5", "--out", str(tmp_path), "--port", "9999"]) == 0
    assert "wrote 5 sites" in capsys.readouterr().out
    lines = (tmp_path / "seeds.txt").read_text().split()
    assert len(lines) == 5 and all(u.endswith(":9999/") for u in lines)
    assert (tmp_path / "registers" / "gmc.csv").exists()


def test_cli_rejects_bad_arguments(tmp_path):
    with pytest.raises(SystemExit):
        main(["sample-web", "generate", "--clinics", "0", "--out", str(tmp_path)])
    assert main(["sample-web", "generate", "--clinics", "2", "--out", str(tmp_path),
                 "--price-version", "-1"]) == 2
