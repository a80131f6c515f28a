"""Store pipeline: stable ids, batched upserts, no duplicates on re-crawl, no lost fields."""

from items import ClinicInfo, Credential, CrawlErrorItem, PageExtract, PageItem, Practitioner, Price
from db.schema import open_db
from crawl.record import CrawlRecord
from db import store
from pipelines.normalise import NormalisePipeline
from pipelines.store import StorePipeline, page_rows
from pipelines.validate import ValidatePipeline


def make_page(url="http://glow.example/prices", kind="prices", amount=150.0, when="2026-11-25T10:00:00+00:00",
              clinic=None, phone=None):
    extract = PageExtract(
        clinic=clinic or ClinicInfo(name="Glow Clinic", phone=phone, country="GB"),
        page_kind=kind,
        prices=[Price(treatment="hair_mesotherapy", treatment_text="Hair Mesotherapy", amount=amount,
                      currency="GBP", unit="course", sessions=4),
                Price(treatment="consultation", treatment_text="Consultation", amount=None,
                      currency="GBP", unit="consultation")],
        practitioners=[Practitioner(name="Jane Smith", title="Dr", profession="doctor", prescriber=True,
                                    credentials=[Credential(kind="gmc", value="GMC 1234567")])],
    )
    return PageItem(url=url, site="glow.example", seed_url="http://glow.example/", fetched_at=when,
                    status=200, extract=extract)


def run_pages(db_path, pages, batch_size=2):
    crawl_id = CrawlRecord(db_path, "sites").open()  # as crawl/record.py does at spider_opened
    pipes = [ValidatePipeline(), NormalisePipeline(), StorePipeline(db_path, batch_size, crawl_id=crawl_id)]
    pipes[2].open_spider()
    for page in pages:
        for pipe in pipes:
            page = pipe.process_item(page)
    pipes[2].flush()
    return pipes[2]


def count(db, table):
    return db.execute(f"select count(*) from [{table}]").fetchone()[0]


def test_normalised_rows_are_stored(db_path):
    run_pages(db_path, [make_page()])
    db = open_db(db_path)
    price = db.execute("select amount, per_session, sessions, unit from prices where treatment='hair_mesotherapy'").fetchone()
    assert price == (150.0, 37.5, 4, "course")
    cred = db.execute("select kind, value, format_valid, status from credentials").fetchone()
    assert cred == ("gmc", "1234567", 1, "not_checked")
    assert db.execute("select amount from prices where treatment='consultation'").fetchone() == (None,)


def test_recrawl_updates_rows_instead_of_duplicating(db_path):
    run_pages(db_path, [make_page(when="2026-11-01T00:00:00+00:00")])
    run_pages(db_path, [make_page(amount=180.0, when="2026-11-25T00:00:00+00:00")])
    db = open_db(db_path)
    assert (count(db, "clinics"), count(db, "prices"), count(db, "practitioners"), count(db, "credentials")) == (1, 2, 1, 1)
    row = db.execute("select amount, first_seen, last_seen from prices where treatment='hair_mesotherapy'").fetchone()
    assert row == (180.0, "2026-11-01T00:00:00+00:00", "2026-11-25T00:00:00+00:00")
    history = db.execute("select amount from price_observations order by crawl_id").fetchall()
    assert [h[0] for h in history if h[0] is not None] == [150.0, 180.0]


def test_blog_page_fills_gaps_but_does_not_override_home_details(db_path):
    home = make_page(url="http://glow.example/", kind="home", phone="+441614960000")
    blog = make_page(url="http://glow.example/blog/x", kind="blog",
                     clinic=ClinicInfo(name="Blog | Glow", phone="+442079460000", email="hi@glow.example"))
    run_pages(db_path, [blog, home])
    clinic = open_db(db_path).execute("select name, phone, email from clinics").fetchone()
    assert clinic == ("Glow Clinic", "+441614960000", "hi@glow.example")


def test_crawl_errors_are_recorded_with_reason(db_path):
    pipe = run_pages(db_path, [CrawlErrorItem(url="http://glow.example/x", site="glow.example",
                                              reason="HTTP 503\x00", at="2026-11-25T00:00:00+00:00", status=503)])
    db = open_db(db_path)
    assert db.execute("select crawl_id, reason, status from crawl_errors").fetchone() == (pipe.crawl_id, "HTTP 503", 503)


def test_hostile_values_are_cleaned_not_stored(db_path):
    page = make_page()
    page.extract.prices[0].amount = float("1e309")
    page.extract.prices[1].treatment_text = "x" * 1_000_000
    page.extract.practitioners[0].name = "Jane\x07 Smith\u202e"
    run_pages(db_path, [page])
    db = open_db(db_path)
    assert db.execute("select amount from prices where treatment='hair_mesotherapy'").fetchone() == (None,)
    assert db.execute("select max(length(treatment_text)) from prices").fetchone()[0] <= 2001
    assert db.execute("select name from practitioners").fetchone() == ("Jane Smith",)
    notes = db.execute("select notes from pages").fetchone()[0]
    assert "amount" in notes and "rejected" in notes


def test_batches_are_written_in_one_transaction(db_path):
    rows = page_rows(make_page(), crawl_id=1)
    db = open_db(db_path)
    rows["prices"][1]["treatment"] = None  # NOT NULL violation in the middle of the batch
    try:
        store.save_batch(db, rows)
    except Exception:
        pass
    assert count(db, "clinics") == 0 and count(db, "prices") == 0


def test_clinic_level_credentials_are_stored_without_a_practitioner(db_path):
    page = make_page(url="http://glow.example/", kind="home")
    page.extract.clinic.credentials = [Credential(kind="cqc", value="1-123456789", evidence="CQC provider ID")]
    run_pages(db_path, [page])
    db = open_db(db_path)
    row = db.execute("select practitioner_id, kind, value, format_valid from credentials where kind='cqc'").fetchone()
    assert row == (None, "cqc", "1-123456789", 1)


def test_a_killed_crawl_is_marked_interrupted_when_the_next_one_starts(db_path):
    db = open_db(db_path)
    killed = store.start_crawl(db, "sites")
    assert store.mark_interrupted(db) == 1
    row = store.get_crawl(db, killed)
    assert (row["status"], row["finish_reason"]) == ("interrupted", "killed")
    assert store.mark_interrupted(db) == 0
