"""A small clinicwatch database for the publish tests.

Clinics (all invented):
* Glow Aesthetics (London, SW1A 1AA): findings (one red, one amber), a verified GMC
  doctor, a nurse whose NMC PIN was not found, prices with norms (one far below).
* Clearview Skin Clinic (Leeds): no findings, one verified nurse, one unverifiable number.
* Bright Smile Clinic, two branches: a name that matches twice.
* A hostile clinic whose scraped text carries script, javascript: links and HTML.
* Eight filler clinics so the London norm has enough clinics.
Private register tables hold a sentinel string that must never be published.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from db.schema import open_db

NOW = "2026-11-25T10:00:00Z"
XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
PRIVATE_SENTINEL = "PRIVATE-REGISTER-ROW-7f3a"
GLOW, CLEAR, SMILE1, SMILE2, EVIL = "a1a1a1a1a1a1a1a1", "c2c2c2c2c2c2c2c2", "b3b3b3b3b3b3b3b1", \
    "b3b3b3b3b3b3b3b2", "e4e4e4e4e4e4e4e4"


def _clinic(cid, site, name, locality, postcode, lat, lon, branch="", country="GB", website=None):
    return {"id": cid, "site": site, "branch": branch, "name": name,
            "website": website or f"https://www.{site}/", "phone": "+442071234567",
            "address": "1 High Street", "locality": locality, "region": None, "postcode": postcode,
            "country": country, "latitude": lat, "longitude": lon, "first_seen": NOW,
            "last_seen": NOW, "last_crawl_id": 1}


def _price(pid, cid, treatment, text, amount, unit="session", sessions=None, per_session=None):
    return {"id": pid, "clinic_id": cid, "treatment": treatment, "treatment_text": text,
            "amount": amount, "currency": "GBP", "unit": unit, "sessions": sessions,
            "per_session": per_session if per_session is not None else
            (amount if unit == "session" else None), "from_price": 0,
            "price_text": f"£{amount}", "source_url": f"https://{cid}.example/prices",
            "first_seen": NOW, "last_seen": NOW, "last_crawl_id": 1}


def _position(price_id, cid, unit_price, median=250.0, band="p25_p75"):
    return {"price_id": price_id, "clinic_id": cid, "treatment": "hair_mesotherapy",
            "currency": "GBP", "basis": "session", "unit_price": unit_price, "from_price": 0,
            "norm_level": "postcode_area", "norm_region_key": "GB:SW",
            "norm_region_label": "the SW postcode area", "norm_n": 10, "norm_median": median,
            "norm_p10": 150.0, "norm_p25": 200.0, "norm_p75": 300.0,
            "ratio_to_median": unit_price / median,
            "pct_vs_median": round((unit_price / median - 1) * 100, 1), "band": band,
            "computed_at": "2026-11-25"}


def build(path: str) -> str:
    db = open_db(path)  # every table, registers' and analysis' too (db/migrations.py)
    clinics = [
        _clinic(GLOW, "glowaesthetics.co.uk", "Glow Aesthetics", "London", "SW1A 1AA", 51.501, -0.141),
        _clinic(CLEAR, "clearviewskin.co.uk", "Clearview Skin Clinic", "Leeds", "LS1 4AP", 53.8, -1.55),
        _clinic(SMILE1, "brightsmile.co.uk", "Bright Smile Clinic", "Manchester", "M1 1AE", 53.48,
                -2.24, branch="manchester"),
        _clinic(SMILE2, "brightsmile.co.uk", "Bright Smile Clinic", "Bristol", "BS1 4DJ", 51.45,
                -2.59, branch="bristol"),
        _clinic(EVIL, "evil.example", f"Evil {XSS} Clinic", "Town", "E1 6AN", 51.52, -0.07,
                website="javascript:window.__pwned=1"),
    ]
    clinics += [_clinic(f"f{i:015d}", f"filler{i}.co.uk", f"Filler Clinic {i}", "London",
                        f"SW{i + 2} 1AA", 51.49 + i / 100, -0.15) for i in range(8)]
    db["clinics"].insert_all(clinics)
    db["practitioners"].insert_all([
        {"id": "p-glow-1", "clinic_id": GLOW, "name": "Jane Harper", "title": "Dr",
         "postnominals": "MBBS", "profession": "doctor", "prescriber": 1, "role": "Medical Director",
         "source_url": "https://www.glowaesthetics.co.uk/team"},
        {"id": "p-glow-2", "clinic_id": GLOW, "name": "Amy Lee", "title": "Nurse", "postnominals": "RGN",
         "profession": "nurse", "prescriber": None, "role": "Aesthetic Nurse",
         "source_url": "https://www.glowaesthetics.co.uk/team"},
        {"id": "p-clear-1", "clinic_id": CLEAR, "name": "Tom Reed", "title": None, "postnominals": "RN",
         "profession": "nurse", "prescriber": 1, "role": "Nurse prescriber",
         "source_url": "https://www.clearviewskin.co.uk/about"},
        {"id": "p-evil-1", "clinic_id": EVIL, "name": f"Mal {XSS}", "title": "Dr", "postnominals": XSS,
         "profession": "doctor", "prescriber": 1, "role": XSS, "source_url": "javascript:window.__pwned=1"},
    ])
    db["credentials"].insert_all([
        {"id": "cr-1", "practitioner_id": "p-glow-1", "clinic_id": GLOW, "kind": "gmc", "value": "7654321",
         "format_valid": 1, "status": "verified", "checked_at": NOW,
         "register_url": "https://www.gmc-uk.org/doctors/7654321", "source_url": "https://www.glowaesthetics.co.uk/team"},
        {"id": "cr-2", "practitioner_id": "p-glow-2", "clinic_id": GLOW, "kind": "nmc", "value": "12A3456E",
         "format_valid": 1, "status": "not_found", "checked_at": NOW,
         "register_url": "https://www.nmc.org.uk/registration/search-the-register/"},
        {"id": "cr-3", "practitioner_id": "p-clear-1", "clinic_id": CLEAR, "kind": "nmc", "value": "98B7654C",
         "format_valid": 1, "status": "verified", "checked_at": NOW,
         "register_url": "https://www.nmc.org.uk/registration/search-the-register/"},
        {"id": "cr-4", "practitioner_id": "p-clear-1", "clinic_id": CLEAR, "kind": "hcpc", "value": "PA12345",
         "format_valid": 1, "status": "unverifiable", "checked_at": NOW, "register_url": None},
        {"id": "cr-5", "practitioner_id": "p-evil-1", "clinic_id": EVIL, "kind": "gmc", "value": "1111111",
         "format_valid": 1, "status": "not_found", "checked_at": NOW,
         "register_url": "javascript:window.__pwned=1", "evidence": XSS},
    ])
    prices = [_price("pr-glow-meso", GLOW, "hair_mesotherapy", "Hair Mesotherapy", 90.0),
              _price("pr-glow-course", GLOW, "hair_mesotherapy", "Meso course of 4", 800.0, "course", 4, 200.0),
              _price("pr-glow-tox", GLOW, "botulinum_toxin", "Anti-wrinkle 1 area", 150.0, "area"),
              _price("pr-clear-meso", CLEAR, "hair_mesotherapy", "Hair mesotherapy", 260.0),
              _price("pr-evil", EVIL, "other", XSS, 10.0)]
    prices[-1]["price_text"] = XSS
    prices += [_price(f"pr-f{i}", f"f{i:015d}", "hair_mesotherapy", "Mesotherapy", 150.0 + 20 * i)
               for i in range(8)]
    db["prices"].insert_all(prices)
    if db["price_positions"].exists():
        db["price_positions"].insert_all([
            _position("pr-glow-meso", GLOW, 90.0, band="below_p10"),
            _position("pr-glow-course", GLOW, 200.0, band="p25_p75"),
            _position("pr-clear-meso", CLEAR, 260.0)])
        db["price_norms"].insert({"treatment": "hair_mesotherapy", "currency": "GBP", "basis": "session",
                                  "level": "postcode_area", "region_key": "GB:SW",
                                  "region_label": "the SW postcode area", "n": 10, "median": 250.0,
                                  "p10": 150.0, "p25": 200.0, "p75": 300.0, "min_value": 120.0,
                                  "max_value": 400.0, "computed_at": "2026-11-25"})
    flag = {"rule_version": 1, "created_at": NOW, "updated_at": NOW, "practitioner_id": None,
            "price_id": None, "credential_id": None}
    db["flags"].insert_all([
        {**flag, "id": "fl-1", "clinic_id": GLOW, "rule_id": "PRICE-01", "severity": "red",
         "price_id": "pr-glow-meso", "message": "Hair mesotherapy at £90 a session is 64% below the local median.",
         "evidence_url": "https://www.glowaesthetics.co.uk/prices", "evidence": '{"median": 250}'},
        {**flag, "id": "fl-2", "clinic_id": GLOW, "rule_id": "UK-REG-02", "severity": "amber",
         "practitioner_id": "p-glow-2", "credential_id": "cr-2",
         "message": "Nurse Amy Lee's NMC PIN 12A3456E was not found on the NMC register.",
         "evidence_url": "https://www.nmc.org.uk/registration/search-the-register/", "evidence": None},
        {**flag, "id": "fl-3", "clinic_id": EVIL, "rule_id": "UK-REG-02", "severity": "red",
         "message": f"Finding about {XSS}", "evidence_url": "javascript:window.__pwned=1", "evidence": XSS},
    ])
    pages = [{"url": f"https://www.glowaesthetics.co.uk/{p}", "site": "glowaesthetics.co.uk",
              "clinic_id": GLOW, "page_kind": p or "home", "status": 200, "fetched_at": NOW,
              "crawl_id": 1, "prices": 0, "practitioners": 0} for p in ("", "prices", "team")]
    pages += [{"url": f"https://www.clearviewskin.co.uk/{p}", "site": "clearviewskin.co.uk",
               "clinic_id": CLEAR, "page_kind": p or "home", "status": 200, "fetched_at": NOW,
               "crawl_id": 1, "prices": 0, "practitioners": 0} for p in ("", "prices", "about", "contact")]
    db["pages"].insert_all(pages)
    db["clinic_sources"].insert_all([
        {"clinic_id": GLOW, "source": "website", "url": "https://www.glowaesthetics.co.uk/",
         "first_seen": NOW, "last_seen": NOW},
        {"clinic_id": EVIL, "source": "website", "url": "javascript:window.__pwned=1",
         "first_seen": NOW, "last_seen": NOW},
        {"clinic_id": GLOW, "source": "booking:fresha", "url": "https://www.fresha.com/a/glow-aesthetics-london",
         "first_seen": NOW, "last_seen": NOW},
        {"clinic_id": EVIL, "source": "booking:treatwell", "url": "javascript:window.__pwned=1",
         "first_seen": NOW, "last_seen": NOW}])
    db["money"].insert_all([  # deposits, fees and finance the pages state (and a market figure not shown)
        {"id": "m1", "clinic_id": GLOW, "role": "deposit", "amount": 50.0, "currency": "GBP",
         "text": "A £50 deposit secures your booking.", "source_url": "https://www.glowaesthetics.co.uk/terms",
         "first_seen": NOW, "last_seen": NOW, "last_crawl_id": 1},
        {"id": "m2", "clinic_id": GLOW, "role": "fee", "amount": 40.0, "currency": "GBP",
         "text": "Missed appointments are charged £40.", "source_url": "https://www.glowaesthetics.co.uk/terms",
         "first_seen": NOW, "last_seen": NOW, "last_crawl_id": 1},
        {"id": "m3", "clinic_id": GLOW, "role": "market_price", "amount": 300.0, "currency": "GBP",
         "text": "Elsewhere one area costs about £300.", "source_url": "https://www.glowaesthetics.co.uk/blog/x",
         "first_seen": NOW, "last_seen": NOW, "last_crawl_id": 1},
        {"id": "m4", "clinic_id": EVIL, "role": "deposit", "amount": 10.0, "currency": "GBP",
         "text": f"Pay {XSS} now", "source_url": "javascript:window.__pwned=1",
         "first_seen": NOW, "last_seen": NOW, "last_crawl_id": 1}])
    db["crawls"].insert({"spider": "sites", "started_at": NOW, "finished_at": NOW, "status": "finished"})
    if db["register_entries"].exists():
        db["register_entries"].insert({"kind": "gmc", "number": "7654321", "name": PRIVATE_SENTINEL,
                                       "imported_at": NOW})
        db["register_cache"].insert({"url": "https://x.invalid/", "fetched_at": 1.0, "body": PRIVATE_SENTINEL})
    db.conn.commit()
    db.conn.close()
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> str:
    return build(str(Path(tmp_path_factory.mktemp("publish")) / "clinicwatch.db"))
