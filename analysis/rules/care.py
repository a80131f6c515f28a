"""Care-register rules: clinics that must be registered as premises (CQC, HIS) and are not.

Both read ``care_matches`` (registers/care_match.py), which only has rows for
clinics of the register's nation (England: CQC; Scotland: HIS, from the postcode)
and only once that register's snapshot was imported: without a snapshot there is
no row, so nothing fires ("not checked" is not "not registered"). A clinic counts
as registered only when it matched a location whose status is ``registered``; a
match to a deregistered location counts as not registered.

ENG-CQC-02 (amber): in England, hair transplant surgery, thread lifts and
liposuction are regulated activities (surgical procedures), so the premises must
be registered with the Care Quality Commission (research regulation-2026.md,
section 1). The clinic must offer one of ``ENG_CQC_02_TREATMENTS`` on its price
list; the evidence is the price's page and its wording. Amber, not red: a clinic
may be registered under a provider name and address our matching did not link.

SCO-HIS-01 (amber): in Scotland, an independent clinic where a doctor, dentist,
nurse or pharmacist (``SCO_HIS_01_PROFESSIONS``) provides services must register
with Healthcare Improvement Scotland, whatever the procedure (section 2). The
evidence is the named professionals and the pages that name them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import sqlite_utils

from analysis import labels
from analysis.registry import Hit, rule, rule_sources
from analysis.rules.common import CLINIC_COLS, and_list, in_list, parse_json, rows

CQC_LOCATION_URL = "https://www.cqc.org.uk/location/{id}"

_UNREGISTERED = """
SELECT {clinic_cols}, m.location_id, m.method, m.score, m.status AS location_status,
  l.name AS location_name, l.deregistration_date, {extra}
FROM care_matches m JOIN clinics c ON c.id = m.clinic_id
LEFT JOIN care_locations l ON l.register = m.register AND l.location_id = m.location_id
WHERE m.register = :register AND coalesce(m.status, '') != 'registered' AND {condition}
ORDER BY c.id
"""
_OFFERED = """
  (SELECT json_group_array(json_object('id', id, 'treatment', treatment, 'text', treatment_text,
     'price_text', price_text, 'source_url', source_url))
   FROM (SELECT * FROM prices WHERE clinic_id = c.id AND treatment IN (SELECT value FROM
     json_each(:treatments)) ORDER BY treatment, id LIMIT :max_items)) AS offered
"""
_PEOPLE = """
  (SELECT json_group_array(json_object('id', id, 'name', name, 'profession', profession,
     'source_url', source_url))
   FROM (SELECT * FROM practitioners WHERE clinic_id = c.id AND profession IN (SELECT value FROM
     json_each(:professions)) ORDER BY id LIMIT :max_items)) AS people
"""
_HAS_PRICE = ("EXISTS (SELECT 1 FROM prices WHERE clinic_id = c.id AND treatment IN "
              "(SELECT value FROM json_each(:treatments)))")
_HAS_PERSON = ("EXISTS (SELECT 1 FROM practitioners WHERE clinic_id = c.id AND profession IN "
               "(SELECT value FROM json_each(:professions)))")
PROFESSION_NAMES = {"doctor": "doctor", "dentist": "dentist", "nurse": "nurse",
                    "nurse_practitioner": "nurse", "pharmacist": "pharmacist"}


def _match_words(r: Mapping[str, Any], register: str) -> str:
    """Why the clinic counts as not registered, in words."""
    if r["location_id"] is None:
        return f"we did not find it on the {register} register"
    since = f" since {r['deregistration_date']}" if r["deregistration_date"] else ""
    name = r["location_name"] or "a location"
    state = r["location_status"] or "not shown as registered"
    return (f"the {register} location it matches, {name} ({r['location_id']}), is "
            f"{state}{since}")


def _match_evidence(r: Mapping[str, Any], register: str) -> dict[str, Any]:
    url = CQC_LOCATION_URL.format(id=r["location_id"]) if register == "cqc" and r["location_id"] else None
    return {"register": register, "match_method": r["method"], "match_score": r["score"],
            "location_id": r["location_id"], "location_name": r["location_name"],
            "location_status": r["location_status"], "location_url": url}


@rule(
    "ENG-CQC-02", 1, severities=("amber",),
    title="English clinic offering surgery not on the CQC register",
    settings=("ENG_CQC_02_TREATMENTS",),
)
def cqc_unregistered_surgery(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    sql = _UNREGISTERED.format(clinic_cols=CLINIC_COLS, extra=_OFFERED, condition=_HAS_PRICE)
    params = {"register": "cqc", "treatments": in_list(s["ENG_CQC_02_TREATMENTS"]),
              "max_items": s["EVIDENCE_MAX_ITEMS"]}
    for r in rows(db, sql, params):
        offered = parse_json(r["offered"]) or []
        treatments = list(dict.fromkeys(o["treatment"] for o in offered))
        what = and_list([labels.treatment_name(t, start=False) for t in treatments])
        words = list(dict.fromkeys(o["text"] for o in offered if o["text"]))
        said = f' ("{words[0]}")' if words else ""
        clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
        message = (
            f"{clinic} offers {what}{said}, which in England may only be done at premises "
            f"registered with the Care Quality Commission (CQC), but {_match_words(r, 'CQC')}."
        )
        source_url = offered[0]["source_url"] if offered else None
        yield Hit("amber", message, r["clinic_id"], price_id=offered[0]["id"] if offered else None,
                  evidence_url=source_url,
                  evidence={"source_url": source_url, "treatments": treatments, "words": words,
                            "prices": offered, "rule_source": rule_sources()["ENG-CQC-02"]["url"],
                            **_match_evidence(r, "cqc")})


@rule(
    "SCO-HIS-01", 1, severities=("amber",),
    title="Scottish clinic with healthcare professionals not on the HIS register",
    settings=("SCO_HIS_01_PROFESSIONS",),
)
def his_unregistered_clinic(db: sqlite_utils.Database, s: Mapping[str, Any]) -> Iterator[Hit]:
    sql = _UNREGISTERED.format(clinic_cols=CLINIC_COLS, extra=_PEOPLE, condition=_HAS_PERSON)
    params = {"register": "his", "professions": in_list(s["SCO_HIS_01_PROFESSIONS"]),
              "max_items": s["EVIDENCE_MAX_ITEMS"]}
    for r in rows(db, sql, params):
        people = parse_json(r["people"]) or []
        named = and_list([f"{p['name']} ({PROFESSION_NAMES.get(p['profession'], p['profession'])})"
                          for p in people[:3]])
        more = f" and {len(people) - 3} more" if len(people) > 3 else ""
        clinic = labels.clinic_label(r["clinic_name"], r["site"], r["branch"])
        message = (
            f"{clinic} names {named}{more}. In Scotland a clinic where a doctor, dentist, nurse or "
            f"pharmacist works needs to register with Healthcare Improvement Scotland (HIS), "
            f"but {_match_words(r, 'HIS')}."
        )
        source_url = next((p["source_url"] for p in people if p.get("source_url")), None)
        yield Hit("amber", message, r["clinic_id"], evidence_url=source_url,
                  evidence={"source_url": source_url, "practitioners": people,
                            "rule_source": rule_sources()["SCO-HIS-01"]["url"], **_match_evidence(r, "his")})
