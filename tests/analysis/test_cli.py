"""`clinicwatch analyse`: summary text, JSON, and a one-line error for a missing DB."""

from __future__ import annotations

import argparse
import json

import pytest

from clinicwatch.commands import analysis as cli
from clinicwatch.cliutil import CliError


def main(argv):
    """Parse and run like clinicwatch.cli.main, with only this area registered."""
    parser = argparse.ArgumentParser(prog="clinicwatch")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def test_analyse_json_summary(db, build, tmp_path, capsys):
    for i in range(8):
        build.price(build.clinic(postcode=f"SW{i} 1AA"), amount=100 + i)
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    assert main(["analyse", "--db", path, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["norms"]["norms_by_level"] == {"city": 1, "country": 1, "postcode_area": 1}
    assert out["findings"]["rules"]["GEN-NOPRAC-01"]["amber"] == 8
    assert db["flags"].count == 8


def test_analyse_text_summary(db, build, capsys):
    build.price(build.clinic(), amount=100, from_price=1)
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    assert main(["analyse", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "norms: 0 from 0 clinic figures (1 comparable prices)" in out
    assert "PRICE-02 v1: info 1" in out
    assert "GEN-NOPRAC-01 v1: amber 1" in out


def test_analyse_missing_database(tmp_path):
    missing = tmp_path / "nope.db"
    with pytest.raises(CliError, match="^database not found: .*nope.db [(]run a crawl first[)]$"):
        main(["analyse", "--db", str(missing)])
    assert not missing.exists()
