"""NPPES dissemination CSV import: real column names, streaming, missing columns, batches."""

from __future__ import annotations

import csv
import itertools
import json
from datetime import UTC, datetime

import pytest

from registers.npi_records import NpiRecord
from registers.nppes import NppesFormatError, import_nppes_csv, iso_date, parse_rows

SLOT_NAMES = [
    name.format(n)
    for n in range(1, 16)
    for name in (
        "Healthcare Provider Taxonomy Code_{}",
        "Provider License Number_{}",
        "Provider License Number State Code_{}",
        "Healthcare Provider Primary Taxonomy Switch_{}",
    )
]
HEADER = [
    "NPI", "Entity Type Code", "Replacement NPI", "Employer Identification Number (EIN)",
    "Provider Organization Name (Legal Business Name)", "Provider Last Name (Legal Name)",
    "Provider First Name", "Provider Middle Name", "Provider Name Prefix Text",
    "Provider Name Suffix Text", "Provider Credential Text",
    "Provider First Line Business Practice Location Address",
    "Provider Business Practice Location Address City Name",
    "Provider Business Practice Location Address State Name",
    "Provider Business Practice Location Address Postal Code",
    "Provider Enumeration Date", "Last Update Date", "NPI Deactivation Reason Code",
    "NPI Deactivation Date", "NPI Reactivation Date", "Provider Sex Code",
    *SLOT_NAMES,
    "Is Sole Proprietor", "Certification Date",
]


def row(**values: str) -> list[str]:
    return [values.get(col, "") for col in HEADER]


ROWS = [
    row(**{"NPI": "1234567893", "Entity Type Code": "1", "Provider Last Name (Legal Name)": "RIVERA",
           "Provider First Name": "ANA", "Provider Middle Name": "LUZ",
           "Provider Credential Text": "M.D.",
           "Provider Business Practice Location Address State Name": "TX",
           "Healthcare Provider Taxonomy Code_1": "207N00000X", "Provider License Number_1": "Q1234",
           "Provider License Number State Code_1": "TX",
           "Healthcare Provider Primary Taxonomy Switch_1": "Y",
           "Healthcare Provider Taxonomy Code_2": "207R00000X", "Provider License Number_2": "77001",
           "Provider License Number State Code_2": "NM",
           "Healthcare Provider Primary Taxonomy Switch_2": "N"}),
    row(**{"NPI": "1558598797", "Entity Type Code": "1", "Provider Last Name (Legal Name)": "OKAFOR",
           "Provider First Name": "TOM", "Provider Credential Text": "RN",
           "Provider Business Practice Location Address State Name": "FL",
           "NPI Deactivation Date": "03/15/2021", "NPI Reactivation Date": "01/04/2022"}),
    row(**{"NPI": "1689872012", "NPI Deactivation Date": "07/01/2019"}),  # deactivated: blank rest
    row(**{"NPI": "1003101296", "Entity Type Code": "2",
           "Provider Organization Name (Legal Business Name)": "GLOW MED SPA LLC",
           "Provider Business Practice Location Address State Name": "CA"}),
    row(**{"NPI": "not-an-npi"}),
]
NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def write(path, header, rows) -> str:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL)  # the real file quotes every field
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def get(db, npi):
    return NpiRecord.from_row(next(db["npi_registry"].rows_where("npi = ?", [npi])))


def test_import_full_header(db, tmp_path):
    path = write(tmp_path / "npidata_pfile_sample.csv", HEADER, ROWS)
    assert import_nppes_csv(db, path, batch_size=2, now=NOW) == 4
    ana = get(db, "1234567893")
    assert (ana.entity_type, ana.first_name, ana.middle_name, ana.last_name) == (1, "ANA", "LUZ", "RIVERA")
    assert (ana.credential, ana.state) == ("M.D.", "TX")
    assert ana.taxonomies == [
        {"code": "207N00000X", "primary": True, "state": "TX", "license": "Q1234"},
        {"code": "207R00000X", "primary": False, "state": "NM", "license": "77001"},
    ]
    assert ana.licence_states() == ["NM", "TX"]
    licences = db.execute("SELECT licences FROM npi_registry WHERE npi = '1234567893'").fetchone()[0]
    assert json.loads(licences) == [{"number": "Q1234", "state": "TX"}, {"number": "77001", "state": "NM"}]
    assert ana.active


def test_deactivation_and_reactivation(db, tmp_path):
    import_nppes_csv(db, write(tmp_path / "f.csv", HEADER, ROWS), now=NOW)
    tom, gone = get(db, "1558598797"), get(db, "1689872012")
    assert (tom.deactivation_date, tom.reactivation_date) == ("2021-03-15", "2022-01-04")
    assert tom.active
    assert gone.deactivation_date == "2019-07-01"
    assert not gone.active
    assert gone.last_name is None


def test_organisation_row(db, tmp_path):
    import_nppes_csv(db, write(tmp_path / "f.csv", HEADER, ROWS), now=NOW)
    org = get(db, "1003101296")
    assert (org.entity_type, org.display_name) == (2, "GLOW MED SPA LLC")


def test_snapshot_recorded(db, tmp_path):
    path = write(tmp_path / "f.csv", HEADER, ROWS)
    import_nppes_csv(db, path, now=NOW)
    assert db.execute("SELECT kind, rows, imported_at, source_file FROM register_snapshots").fetchall() == [
        ("nppes", 4, "2025-01-02T03:04:05Z", path)
    ]


def test_reimport_updates_rows(db, tmp_path):
    import_nppes_csv(db, write(tmp_path / "a.csv", HEADER, ROWS), now=NOW)
    changed = row(**{"NPI": "1234567893", "Entity Type Code": "1",
                     "Provider Last Name (Legal Name)": "RIVERA-COLE", "Provider First Name": "ANA",
                     "NPI Deactivation Date": "02/02/2024"})
    import_nppes_csv(db, write(tmp_path / "b.csv", HEADER, [changed]), now=NOW)
    ana = get(db, "1234567893")
    assert (ana.last_name, ana.deactivation_date, ana.taxonomies) == ("RIVERA-COLE", "2024-02-02", [])
    assert db.execute("SELECT COUNT(*) FROM npi_registry").fetchone()[0] == 4


def test_missing_and_reordered_columns(db, tmp_path):
    header = ["Provider First Name", "NPI", "Provider Last Name (Legal Name)",
              "Healthcare Provider Taxonomy Code_1"]
    rows = [["LENA", "1234567893", "HOLM", "363L00000X"]]
    assert import_nppes_csv(db, write(tmp_path / "m.csv", header, rows), now=NOW) == 1
    lena = get(db, "1234567893")
    assert (lena.first_name, lena.last_name, lena.entity_type, lena.state) == ("LENA", "HOLM", None, None)
    assert lena.taxonomies == [{"code": "363L00000X", "primary": False, "state": None, "license": None}]


def test_short_rows_are_tolerated(db, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text('"NPI","Entity Type Code","Provider First Name"\n"1234567893","1"\n')
    assert import_nppes_csv(db, str(path), now=NOW) == 1
    assert get(db, "1234567893").first_name is None


def test_file_without_npi_column_is_refused(db, tmp_path):
    path = write(tmp_path / "x.csv", ["number", "name", "status"], [["1234567", "A B", "Registered"]])
    with pytest.raises(NppesFormatError, match="NPI"):
        import_nppes_csv(db, path)
    assert db.execute("SELECT COUNT(*) FROM register_snapshots").fetchone()[0] == 0


def test_parse_rows_streams():
    def endless():
        yield HEADER
        for i in itertools.count():
            yield row(**{"NPI": f"1{i:09d}", "Provider First Name": "X"})
    first = list(itertools.islice(parse_rows(endless(), "now"), 3))
    assert [r[0] for r in first] == ["1000000000", "1000000001", "1000000002"]


@pytest.mark.parametrize(("raw", "iso"), [("05/23/2005", "2005-05-23"), ("1/2/2020", "2020-01-02"),
                                           ("2020-01-02", "2020-01-02"), ("", None), ("soon", None)])
def test_iso_date(raw, iso):
    assert iso_date(raw) == iso
