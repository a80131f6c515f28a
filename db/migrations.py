"""Every schema change, frozen: numbered migrations as literal SQL, applied once each.

A migration is never edited once released: a new table or column is a new entry at the end
of ``MIGRATIONS``. ``db.schema.ensure_schema`` applies the pending ones in order and records
each in ``_migrations``; tests/core/test_migrations.py builds a database at every past
version and migrates it to the newest. Tables of every area live here (registers' snapshots
and caches, analysis' norms and findings history, the change feed), so no other package runs
DDL of its own (temporary tables aside).
"""

from __future__ import annotations


# (name, statements)
MIGRATIONS: list[tuple[str, tuple[str, ...]]] = [
    ("001_base", (
        """CREATE TABLE [clinics] (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        branch TEXT NOT NULL DEFAULT '',
        name TEXT, website TEXT, phone TEXT, email TEXT,
        address TEXT, locality TEXT, region TEXT, postcode TEXT, country TEXT,
        latitude REAL, longitude REAL,
        first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    )""",
        """CREATE TABLE [practitioners] (
        id TEXT PRIMARY KEY,
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        name TEXT NOT NULL, title TEXT, postnominals TEXT, profession TEXT,
        prescriber INTEGER, role TEXT,
        source_url TEXT, first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    )""",
        """CREATE TABLE [credentials] (
        id TEXT PRIMARY KEY,
        practitioner_id TEXT REFERENCES practitioners(id),
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        kind TEXT NOT NULL, value TEXT NOT NULL, issuer TEXT,
        format_valid INTEGER,
        status TEXT NOT NULL DEFAULT 'not_checked',
        checked_at TEXT, register_url TEXT, register_name TEXT,
        evidence TEXT, source_url TEXT, first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    )""",
        """CREATE TABLE [prices] (
        id TEXT PRIMARY KEY,
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        treatment TEXT NOT NULL, treatment_text TEXT,
        amount REAL, amount_max REAL, was_amount REAL, currency TEXT,
        unit TEXT NOT NULL, sessions INTEGER, quantity REAL,
        per_session REAL, from_price INTEGER NOT NULL DEFAULT 0,
        price_text TEXT, source_url TEXT, evidence TEXT,
        first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    )""",
        """CREATE TABLE [price_observations] (
        price_id TEXT NOT NULL REFERENCES prices(id),
        crawl_id INTEGER NOT NULL,
        amount REAL, per_session REAL, currency TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (price_id, crawl_id)
    )""",
        """CREATE TABLE [flags] (
        id TEXT PRIMARY KEY,
        clinic_id TEXT REFERENCES clinics(id),
        practitioner_id TEXT, price_id TEXT, credential_id TEXT,
        rule_id TEXT NOT NULL, rule_version INTEGER NOT NULL,
        severity TEXT NOT NULL, message TEXT NOT NULL,
        evidence_url TEXT, evidence TEXT,
        created_at TEXT NOT NULL, updated_at TEXT
    )""",
        """CREATE TABLE [crawls] (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        spider TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running', finish_reason TEXT,
        seeds TEXT, sites INTEGER, pages INTEGER, items INTEGER, errors INTEGER,
        bytes INTEGER, monitor_failures TEXT
    )""",
        """CREATE TABLE [pages] (
        url TEXT PRIMARY KEY,
        site TEXT NOT NULL, clinic_id TEXT, page_kind TEXT,
        status INTEGER, fetched_at TEXT, crawl_id INTEGER,
        prices INTEGER, practitioners INTEGER, notes TEXT
    )""",
        """CREATE TABLE [crawl_errors] (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        crawl_id INTEGER, url TEXT NOT NULL, site TEXT,
        reason TEXT NOT NULL, status INTEGER, at TEXT NOT NULL
    )""",
        """CREATE TABLE [clinic_sources] (
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        source TEXT NOT NULL, url TEXT NOT NULL,
        first_seen TEXT, last_seen TEXT,
        PRIMARY KEY (clinic_id, source, url)
    )""",
        """CREATE INDEX "idx_practitioners_clinic_id"
    ON "practitioners" ("clinic_id")""",
        """CREATE INDEX "idx_credentials_practitioner_id"
    ON "credentials" ("practitioner_id")""",
        """CREATE INDEX "idx_credentials_clinic_id"
    ON "credentials" ("clinic_id")""",
        """CREATE INDEX "idx_credentials_kind_value"
    ON "credentials" ("kind", "value")""",
        """CREATE INDEX "idx_prices_clinic_id"
    ON "prices" ("clinic_id")""",
        """CREATE INDEX "idx_prices_treatment_currency_unit"
    ON "prices" ("treatment", "currency", "unit")""",
        """CREATE INDEX "idx_flags_clinic_id"
    ON "flags" ("clinic_id")""",
        """CREATE INDEX "idx_flags_rule_id"
    ON "flags" ("rule_id")""",
        """CREATE INDEX "idx_pages_site"
    ON "pages" ("site")""",
        """CREATE INDEX "idx_pages_clinic_id"
    ON "pages" ("clinic_id")""",
        """CREATE INDEX "idx_crawl_errors_crawl_id"
    ON "crawl_errors" ("crawl_id")""",
        """CREATE INDEX "idx_clinics_site"
    ON "clinics" ("site")""",
        """CREATE INDEX "idx_clinics_postcode"
    ON "clinics" ("postcode")""",
        """CREATE VIRTUAL TABLE "clinics_fts" USING FTS5 (
    "name", "website", "address", "locality", "postcode",
    tokenize='unicode61 remove_diacritics 2',
    content="clinics"
)""",
        """CREATE TRIGGER "clinics_ai" AFTER INSERT ON "clinics" BEGIN
  INSERT INTO "clinics_fts" (rowid, "name", "website", "address", "locality", "postcode") VALUES (new.rowid, new."name", new."website", new."address", new."locality", new."postcode");
END""",
        """CREATE TRIGGER "clinics_ad" AFTER DELETE ON "clinics" BEGIN
  INSERT INTO "clinics_fts" ("clinics_fts", rowid, "name", "website", "address", "locality", "postcode") VALUES('delete', old.rowid, old."name", old."website", old."address", old."locality", old."postcode");
END""",
        """CREATE TRIGGER "clinics_au" AFTER UPDATE ON "clinics" BEGIN
  INSERT INTO "clinics_fts" ("clinics_fts", rowid, "name", "website", "address", "locality", "postcode") VALUES('delete', old.rowid, old."name", old."website", old."address", old."locality", old."postcode");
  INSERT INTO "clinics_fts" (rowid, "name", "website", "address", "locality", "postcode") VALUES (new.rowid, new."name", new."website", new."address", new."locality", new."postcode");
END""",
        """CREATE VIRTUAL TABLE "practitioners_fts" USING FTS5 (
    "name", "role", "postnominals",
    tokenize='unicode61 remove_diacritics 2',
    content="practitioners"
)""",
        """CREATE TRIGGER "practitioners_ai" AFTER INSERT ON "practitioners" BEGIN
  INSERT INTO "practitioners_fts" (rowid, "name", "role", "postnominals") VALUES (new.rowid, new."name", new."role", new."postnominals");
END""",
        """CREATE TRIGGER "practitioners_ad" AFTER DELETE ON "practitioners" BEGIN
  INSERT INTO "practitioners_fts" ("practitioners_fts", rowid, "name", "role", "postnominals") VALUES('delete', old.rowid, old."name", old."role", old."postnominals");
END""",
        """CREATE TRIGGER "practitioners_au" AFTER UPDATE ON "practitioners" BEGIN
  INSERT INTO "practitioners_fts" ("practitioners_fts", rowid, "name", "role", "postnominals") VALUES('delete', old.rowid, old."name", old."role", old."postnominals");
  INSERT INTO "practitioners_fts" (rowid, "name", "role", "postnominals") VALUES (new.rowid, new."name", new."role", new."postnominals");
END""",
    )),
    ("010_registers", (
        """CREATE TABLE [register_entries] (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL, number TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL, name_key TEXT NOT NULL DEFAULT '',
        status TEXT, our_status TEXT, annotations TEXT,
        imported_at TEXT NOT NULL, source_file TEXT
    )""",
        """CREATE TABLE [npi_registry] (
        npi TEXT PRIMARY KEY,
        entity_type INTEGER, last_name TEXT, first_name TEXT, middle_name TEXT,
        organization_name TEXT, credential TEXT, state TEXT,
        taxonomies TEXT, licences TEXT,
        deactivation_date TEXT, reactivation_date TEXT, imported_at TEXT
    )""",
        """CREATE TABLE [register_cache] (
        url TEXT PRIMARY KEY,
        fetched_at REAL NOT NULL, body TEXT NOT NULL
    )""",
        """CREATE TABLE [register_snapshots] (
        kind TEXT PRIMARY KEY,
        source_file TEXT, imported_at TEXT NOT NULL, rows INTEGER NOT NULL
    )""",
        """CREATE TABLE [credential_status_history] (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        credential_id TEXT NOT NULL, status TEXT NOT NULL,
        checked_at TEXT NOT NULL, source TEXT
    )""",
        """CREATE INDEX "idx_register_entries_kind_number"
    ON "register_entries" ("kind", "number")""",
        """CREATE INDEX "idx_register_entries_kind_name_key"
    ON "register_entries" ("kind", "name_key")""",
        """CREATE INDEX "idx_credential_status_history_credential_id_id"
    ON "credential_status_history" ("credential_id", "id")""",
    )),
    ("020_analysis", (
        """CREATE TABLE [price_norms] (
        treatment TEXT NOT NULL, currency TEXT NOT NULL, basis TEXT NOT NULL,
        level TEXT NOT NULL, region_key TEXT NOT NULL, region_label TEXT,
        n INTEGER NOT NULL, median REAL NOT NULL, p10 REAL NOT NULL, p25 REAL NOT NULL,
        p75 REAL NOT NULL, min_value REAL NOT NULL, max_value REAL NOT NULL,
        computed_at TEXT NOT NULL,
        PRIMARY KEY (treatment, currency, basis, level, region_key)
    )""",
        """CREATE TABLE [price_positions] (
        price_id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL,
        treatment TEXT NOT NULL, currency TEXT NOT NULL, basis TEXT NOT NULL,
        unit_price REAL NOT NULL, from_price INTEGER NOT NULL,
        norm_level TEXT, norm_region_key TEXT, norm_region_label TEXT,
        norm_n INTEGER, norm_median REAL, norm_p10 REAL, norm_p25 REAL, norm_p75 REAL,
        ratio_to_median REAL, pct_vs_median REAL, band TEXT,
        computed_at TEXT NOT NULL
    )""",
        """CREATE TABLE [flags_history] (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        flag_id TEXT NOT NULL, rule_id TEXT NOT NULL, rule_version INTEGER NOT NULL,
        clinic_id TEXT, severity TEXT NOT NULL, message TEXT NOT NULL,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, cleared_at TEXT
    )""",
        'CREATE INDEX idx_price_positions_clinic ON price_positions (clinic_id)',
        'CREATE INDEX idx_flags_history_clinic ON flags_history (clinic_id)',
        'CREATE UNIQUE INDEX idx_flags_history_open ON flags_history (flag_id) WHERE cleared_at IS NULL',
        'CREATE INDEX idx_prices_clinic_treatment ON prices (clinic_id, treatment)',
    )),
    ("030_history", (
        """CREATE TABLE changes (
    id TEXT PRIMARY KEY,
    crawl_id INTEGER NOT NULL, previous_crawl_id INTEGER NOT NULL,
    kind TEXT NOT NULL, clinic_id TEXT, subject_id TEXT,
    summary TEXT NOT NULL, old_value, new_value, change REAL,
    url TEXT, detected_at TEXT NOT NULL
)""",
        'CREATE INDEX idx_changes_crawl ON changes (crawl_id, kind)',
        'CREATE INDEX idx_changes_clinic ON changes (clinic_id)',
        """CREATE VIEW latest_changes AS
    SELECT * FROM changes WHERE crawl_id = (
        SELECT max(id) FROM crawls WHERE spider = 'sites' AND finish_reason = 'finished')""",
    )),
    # Money on clinic pages that is not an own treatment price: deposits, fees, finance offers,
    # market figures... (extract/money_roles.py). Shown on the report; never in the norms.
    ("040_money", (
        """CREATE TABLE [money] (
        id TEXT PRIMARY KEY,
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        role TEXT NOT NULL, amount REAL, amount_max REAL, currency TEXT, treatment TEXT,
        text TEXT, source_url TEXT, first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    )""",
        'CREATE INDEX [idx_money_clinic_id] ON [money] ([clinic_id])',
    )),
    # PDF price lists read by a crawl (spiders/pages/pdf_page.py), beside its pages and errors.
    ("050_crawl_pdfs", (
        'ALTER TABLE crawls ADD COLUMN pdfs INTEGER',
    )),
    # Pages a crawl rendered in the browser (client-rendered sites, crawl/render.py).
    ("060_crawl_rendered", (
        'ALTER TABLE crawls ADD COLUMN rendered INTEGER',
    )),
    # Care registers of premises: CQC locations (England) and the HIS register (Scotland),
    # and which location each clinic matched (registers/care.py, registers/care_match.py).
    ("070_care_registers", (
        """CREATE TABLE [care_locations] (
        register TEXT NOT NULL, location_id TEXT NOT NULL,
        name TEXT, postcode TEXT, postcode_key TEXT, address TEXT, locality TEXT, region TEXT,
        status TEXT, registration_date TEXT, deregistration_date TEXT,
        provider_id TEXT, provider_name TEXT, type TEXT,
        regulated_activities TEXT, service_types TEXT,
        website TEXT, phone TEXT, rating TEXT, report_date TEXT,
        imported_at TEXT NOT NULL, source_file TEXT,
        PRIMARY KEY (register, location_id)
    )""",
        """CREATE TABLE [care_matches] (
        clinic_id TEXT NOT NULL, register TEXT NOT NULL,
        location_id TEXT, method TEXT NOT NULL, score REAL, status TEXT,
        matched_at TEXT NOT NULL,
        PRIMARY KEY (clinic_id, register)
    )""",
        'CREATE INDEX idx_care_locations_postcode ON care_locations (register, postcode_key)',
    )),
    # Regulated wording on clinic pages (extract/signals.py): the evidence of the conduct rules
    # (analysis/rules/conduct.py). One row per clinic, kind, value and page.
    ("080_signals", (
        """CREATE TABLE [signals] (
        id TEXT PRIMARY KEY,
        clinic_id TEXT NOT NULL REFERENCES clinics(id),
        kind TEXT NOT NULL, value TEXT NOT NULL, text TEXT,
        source_url TEXT, first_seen TEXT, last_seen TEXT, last_crawl_id INTEGER
    )""",
        'CREATE INDEX [idx_signals_clinic_id] ON [signals] ([clinic_id], [kind])',
    )),
    # A crawl's kind: 'crawl' (scheduled or operator crawls of seed lists) or 'live' (one site
    # checked on demand, clinicwatch/live.py). Live checks never count as the latest crawl of
    # the change feed: they read one site, so "everything else vanished" would be false.
    ("090_live_checks", (
        "ALTER TABLE crawls ADD COLUMN kind TEXT NOT NULL DEFAULT 'crawl'",
        'DROP VIEW latest_changes',
        """CREATE VIEW latest_changes AS
    SELECT * FROM changes WHERE crawl_id = (
        SELECT max(id) FROM crawls WHERE spider = 'sites' AND finish_reason = 'finished'
          AND kind != 'live')""",
    )),
]
