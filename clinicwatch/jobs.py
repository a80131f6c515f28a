"""The whole job in order: discover -> crawl -> verify -> norms and findings -> summary.

Each stage is also a subcommand of its own (crawl, verify, analyse); this module
only sequences them and collects what each reports, so `clinicwatch run` and
`clinicwatch demo` share one code path.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from clinicwatch.cliutil import CliError, print_json
from db.schema import open_db

log = logging.getLogger(__name__)


def _post_crawl(db_path: str, settings, *, npi_client=None, register_dir: Path | None = None) -> dict:
    """Verification, norms and findings on the crawled database, with the job's settings."""
    from analysis import analyse
    from analysis.settings import from_settings
    from db.history import refresh_changes
    from registers.care_match import match_care_registers
    from registers.snapshots import import_snapshot_dir
    from pipelines.merge import merge_clinics
    from registers.verify import verify_credentials

    db = open_db(db_path)
    try:
        out: dict = {"clinics_merged": merge_clinics(db)}
        if register_dir is not None:
            out["registers_imported"] = import_snapshot_dir(db, register_dir)
        out["verification"] = verify_credentials(db, npi_client=npi_client)
        out["care_registers"] = match_care_registers(db)
        out["analysis"] = analyse(db, from_settings(settings))
        # again, now with findings and verdicts (the crawl's close already listed its own changes)
        out["changes"] = len(refresh_changes(db, settings.getfloat("CLINICWATCH_PRICE_CHANGE_THRESHOLD")))
        out["totals"] = totals(db)
        return out
    finally:
        db.close()


def totals(db) -> dict:
    counts = {}
    for table in ("clinics", "practitioners", "credentials", "prices", "flags", "crawl_errors"):
        counts[table] = db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
    counts["flags_by_severity"] = dict(
        db.execute("SELECT severity, count(*) FROM flags GROUP BY severity").fetchall()
    )
    return counts


def run_job(db_path: str, **kwargs) -> dict:
    """run_job_unlocked under the database's run lock: a second concurrent run refuses (ops)."""
    from clinicwatch.scheduling import LockHeld, run_lock

    try:
        with run_lock(db_path):
            return run_job_unlocked(db_path, **kwargs)
    except LockHeld as exc:
        raise CliError(str(exc)) from None


def run_job_unlocked(db_path: str, *, seeds: str | None, area: str | None, allow_private: bool,
                     overpass_url: str | None = None, overrides: dict | None = None,
                     verbose: bool = False, register_dir: Path | None = None) -> dict:
    """Discovery (area) or seeds -> crawl -> post-crawl stages, in one process.

    ``register_dir`` holds register snapshots to import before verification (the demo's).
    """
    from clinicwatch.crawl import build_settings, run_steps
    from clinicwatch.discover import write_seeds_from_listings
    from spiders.listings import ListingsSpider, parse_area
    from spiders.sites import SitesSpider

    summary: dict = {"ok": True, "db": db_path}
    settings = build_settings(db_path, allow_private=allow_private, overrides=overrides,
                              log_level="INFO" if verbose else "WARNING")
    with tempfile.TemporaryDirectory(prefix="clinicwatch-run-") as tmp:
        steps = []
        if area:
            try:
                parse_area(area)
            except ValueError as exc:
                raise CliError(str(exc), 2) from None
            found_seeds = str(Path(tmp) / "seeds.csv")
            steps.append(lambda: (ListingsSpider, {"area": area, "overpass_url": overpass_url}))

            def sites_from_listings():
                summary["discovered_websites"] = write_seeds_from_listings(db_path, found_seeds)
                return (SitesSpider, {"seeds": found_seeds}) if summary["discovered_websites"] else None

            steps.append(sites_from_listings)
        else:
            steps.append(lambda: (SitesSpider, {"seeds": seeds}))
        crawls = run_steps(db_path, steps, settings)
    summary["crawls"] = crawls
    summary["crawl"] = crawls[-1] if crawls else {}
    summary["ok"] = bool(crawls) and all(c.get("status") == "finished" for c in crawls)
    summary.update(_post_crawl(db_path, settings, register_dir=register_dir))
    return summary


def run_demo(db_path: str, *, clinics: int, seed: int, verbose: bool = False) -> dict:
    """`run` on the bundled sample web: loopback allowed, no politeness delays, its register snapshots."""
    from clinicwatch.crawl import LOOPBACK_PROFILE
    from samples.server import SampleWeb

    with SampleWeb(clinics=clinics, seed=seed) as web:
        print(f"sample web: {clinics} clinic sites on http://127.0.0.1:{web.port}/ "
              f"(hosts *.localhost)", flush=True)
        return run_job(db_path, seeds=str(web.seeds_csv), area=None, allow_private=True,
                       overrides=dict(LOOPBACK_PROFILE), verbose=verbose,
                       register_dir=Path(web.registers_dir))


def print_summary(summary: dict, as_json: bool) -> None:
    if as_json:
        print_json(summary)
        return
    crawl = summary.get("crawl", {})
    print(f"crawl {crawl.get('id')}: {crawl.get('status')} - {crawl.get('sites')} sites, "
          f"{crawl.get('pages')} pages, {crawl.get('errors')} errors")
    if crawl.get("error_reasons"):
        from db.store import format_error_reasons

        print(f"commonest errors: {format_error_reasons(crawl['error_reasons'])}")
    verification = summary.get("verification") or {}
    if verification:
        parts = ", ".join(f"{k} {v}" for k, v in sorted(verification.get("by_status", {}).items()))
        print(f"credentials checked: {parts or 'none'}")
    t = summary.get("totals", {})
    if t:
        print(f"stored: {t['clinics']} clinics, {t['prices']} prices, {t['practitioners']} "
              f"practitioners, {t['credentials']} credentials, {t['crawl_errors']} crawl errors")
        sev = t.get("flags_by_severity", {})
        print(f"findings: {t['flags']} ({', '.join(f'{k} {v}' for k, v in sorted(sev.items())) or 'none'})")
    if not summary.get("ok"):
        raise CliError("the run did not finish cleanly (see crawl status above)")
