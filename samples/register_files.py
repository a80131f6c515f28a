"""Register snapshots of the sample world: UK register CSVs, an NPPES-format CSV, and the
care registers (CQC locations as JSON lines, the HIS register as CSV; samples/care.py).

Consistent with ground truth's ``register_state``: registered people appear
with an active status, ``inactive`` ones with the register's own non-active
wording, ``conditions`` ones with conditions, ``name_mismatch`` ones under a
different name, and ``not_on_register`` (and malformed numbers) are absent.
Unrelated filler rows are mixed in, sorted by number like a real extract.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable
from pathlib import Path

from samples.care import HIS_FIELDS, cqc_records, his_rows
from samples.model import Person, SiteSpec
from samples.people import FILLER_SLOT, gdc_number, gmc_number, gphc_number, hcpc_number, nmc_pin, npi_number
from samples.world import FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES

UK_KINDS = ("gmc", "nmc", "gdc", "gphc", "hcpc")
ACTIVE = {"gmc": "Registered with a licence to practise", "nmc": "Effective registration"}
INACTIVE = {"gmc": ("Registered without a licence to practise", "Suspended", "Erased"),
            "nmc": ("Lapsed", "Suspended")}
NPPES_COLUMNS = (
    "NPI", "Entity Type Code", "Provider Organization Name (Legal Business Name)",
    "Provider Last Name (Legal Name)", "Provider First Name", "Provider Middle Name",
    "Provider Credential Text", "Provider Business Practice Location Address City Name",
    "Provider Business Practice Location Address State Name",
    "Provider Business Practice Location Address Postal Code",
    "Healthcare Provider Taxonomy Code_1", "Provider License Number_1",
    "Provider License Number State Code_1", "Healthcare Provider Primary Taxonomy Switch_1",
    "NPI Deactivation Date", "NPI Reactivation Date",
)
TAXONOMY = {"doctor": "207N00000X", "nurse_practitioner": "363LF0000X",
            "physician_assistant": "363A00000X", "nurse": "163W00000X"}
_NUMBERS = {"gmc": gmc_number, "nmc": nmc_pin, "gdc": gdc_number, "gphc": gphc_number, "hcpc": hcpc_number}


def _status(kind: str, state: str, number: str) -> str:
    if state == "inactive":
        options = INACTIVE.get(kind, ("Suspended", "Removed"))
        return options[sum(map(ord, number)) % len(options)]
    if state == "conditions" and kind == "nmc":
        return "Conditions of practice order"
    return ACTIVE.get(kind, "Registered")


def _annotations(p: Person, kind: str, state: str) -> str:
    notes = []
    if p.prescriber and kind in ("nmc", "gphc", "hcpc"):
        notes.append("Independent prescriber")
    if kind == "gmc" and p.title in ("Mr", "Miss"):
        notes.append("Specialist Register: Plastic surgery")
    if state == "conditions" and kind != "nmc":
        notes.append("Conditions")
    return "; ".join(notes)


def uk_rows(specs: Iterable[SiteSpec]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {k: [] for k in UK_KINDS}
    for spec in specs:
        for clinic in spec.clinics:
            for p in clinic.people:
                for c in p.credentials:
                    if c.kind not in UK_KINDS or not c.format_valid or p.register_state in (
                            None, "not_on_register"):
                        continue
                    rows[c.kind].append({"number": c.value, "name": p.register_name,
                                         "status": _status(c.kind, p.register_state, c.value),
                                         "annotations": _annotations(p, c.kind, p.register_state)})
    return rows


VOLUNTARY = {"Save Face": ("saveface", "Accredited"), "JCCP": ("jccp", "Registered")}


def voluntary_rows(specs: Iterable[SiteSpec], seed: int) -> dict[str, list[dict]]:
    """Save Face and JCCP snapshots: the members the sample web lists (``membership_listed``)
    under their own names, and unrelated members; no numbers (both registers are searched by name)."""
    rows: dict[str, list[dict]] = {"saveface": [], "jccp": []}
    for spec in specs:
        for clinic in spec.clinics:
            for p in clinic.people:
                for c in p.credentials:
                    if c.kind == "membership" and c.value in VOLUNTARY and p.membership_listed:
                        kind, status = VOLUNTARY[c.value]
                        rows[kind].append({"number": "", "name": p.name, "status": status, "annotations": ""})
    rng = random.Random(f"cw:{seed}:voluntary-fillers")
    for kind, items in rows.items():
        status = "Accredited" if kind == "saveface" else "Registered"
        for _ in range(max(5, len(items) // 2)):
            first, middle, last = _filler_name(rng)
            last = f"{last}-{rng.choice(('Hale', 'Wren', 'Marsh', 'Thorne'))}"  # never a sample person's name
            items.append({"number": "", "name": " ".join(x for x in (first, middle, last) if x),
                          "status": status, "annotations": ""})
        items.sort(key=lambda r: r["name"])
    return rows


def _filler_name(rng: random.Random) -> tuple[str, str, str]:
    first = rng.choice(FIRST_NAMES["en_f"] + FIRST_NAMES["en_m"])
    middle = rng.choice(MIDDLE_NAMES) if rng.random() < 0.5 else ""
    return first, middle, rng.choice(LAST_NAMES["en"])


def add_uk_fillers(rows: dict[str, list[dict]], seed: int) -> None:
    rng = random.Random(f"cw:{seed}:register-fillers")
    for kind, items in rows.items():
        for j in range(max(5, len(items) // 2)):
            first, middle, last = _filler_name(rng)
            number = _NUMBERS[kind](FILLER_SLOT + j)
            state = "inactive" if rng.random() < 0.1 else "registered"
            name = " ".join(x for x in (first, middle, last.upper()) if x)
            items.append({"number": number, "name": name, "status": _status(kind, state, number),
                          "annotations": ""})
        items.sort(key=lambda r: r["number"])


def npi_rows(specs: Iterable[SiteSpec], seed: int) -> list[dict]:
    rows = []
    for spec in specs:
        for clinic in spec.clinics:
            for p in clinic.people:
                npi = next((c for c in p.credentials if c.kind == "npi"), None)
                lic = next((c for c in p.credentials if c.kind == "state_license"), None)
                if not npi or not npi.format_valid or p.register_state in (None, "not_on_register"):
                    continue
                rows.append(_npi_row(npi.value, p, clinic.region, clinic.locality, clinic.postcode,
                                     lic.value if lic else "", p.register_state == "inactive"))
    rng = random.Random(f"cw:{seed}:npi-fillers")
    for j in range(max(5, len(rows) // 2)):
        first, middle, last = _filler_name(rng)
        state = rng.choice(("CA", "NY", "TX", "FL", "IL", "AZ"))
        filler = Person(first=first, last=last, middle=middle or None,
                        profession=rng.choice(tuple(TAXONOMY)))
        rows.append(_npi_row(npi_number(FILLER_SLOT + j), filler, state, "", "", "", rng.random() < 0.05))
    rows.sort(key=lambda r: r["NPI"])
    return rows


def _npi_row(npi: str, p: Person, state: str, city: str, postcode: str | None, lic: str,
             inactive: bool) -> dict:
    credential = {"doctor": "M.D." if p.postnominals != "DO" else "D.O.", "nurse": "RN",
                  "nurse_practitioner": "NP", "physician_assistant": "PA-C"}.get(p.profession, "")
    row = dict.fromkeys(NPPES_COLUMNS, "")
    row.update({"NPI": npi, "Entity Type Code": "1", "Provider Last Name (Legal Name)": p.last.upper(),
                "Provider First Name": p.first.upper(), "Provider Middle Name": (p.middle or "").upper(),
                "Provider Credential Text": credential,
                "Provider Business Practice Location Address City Name": city.upper(),
                "Provider Business Practice Location Address State Name": state,
                "Provider Business Practice Location Address Postal Code": postcode or "",
                "Healthcare Provider Taxonomy Code_1": TAXONOMY.get(p.profession, "390200000X"),
                "Provider License Number_1": lic, "Provider License Number State Code_1": state if lic else "",
                "Healthcare Provider Primary Taxonomy Switch_1": "Y"})
    if inactive:
        row["NPI Deactivation Date"] = "03/15/2024"
        for key in NPPES_COLUMNS[1:14]:
            row[key] = ""  # NPPES blanks a deactivated record's details
    return row


def write_registers(out_dir: Path, specs: list[SiteSpec], seed: int) -> Path:
    reg_dir = out_dir / "registers"
    reg_dir.mkdir(parents=True, exist_ok=True)
    rows = uk_rows(specs)
    add_uk_fillers(rows, seed)
    rows.update(voluntary_rows(specs, seed))
    for kind, items in rows.items():
        with open(reg_dir / f"{kind}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=("number", "name", "status", "annotations"))
            writer.writeheader()
            writer.writerows(items)
    with open(reg_dir / "cqc_locations.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in cqc_records(specs, seed))
    with open(reg_dir / "his.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=HIS_FIELDS)
        writer.writeheader()
        writer.writerows(his_rows(specs, seed))
    with open(reg_dir / "npidata_pfile_sample.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=NPPES_COLUMNS, quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(npi_rows(specs, seed))
    return reg_dir
