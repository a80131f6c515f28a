"""Scrapy settings for clinicwatch: polite defaults for the real web.

Per-run values come from the CLI (``clinicwatch crawl``), ``-s NAME=VALUE`` or the
environment; nothing here is specific to the sample web or to tests.
"""

import os

BOT_NAME = "clinicwatch"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Identity and manners -------------------------------------------------------------
CLINICWATCH_CONTACT_URL = os.environ.get(
    "CLINICWATCH_CONTACT_URL", "https://github.com/clinicwatch/clinicwatch#crawler"
)
USER_AGENT = f"clinicwatch/0.1 (+{CLINICWATCH_CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # +-50% random variation of the delay
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024  # HTML past 4 MB is no clinic page (extraction reads 3M chars); bounds memory
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Refuse private, loopback and link-local addresses unless --allow-private.
CLINICWATCH_ALLOW_PRIVATE = False
TWISTED_DNS_RESOLVER = "crawl.netguard.GuardedResolver"

# --- Per-site bounds (the sites spider) -----------------------------------------------
CLINICWATCH_MAX_PAGES_PER_SITE = 25
# Client-rendered sites (crawl/render.py): auto renders app shells in Chromium, within these limits.
CLINICWATCH_RENDER = "auto"  # auto | never | always (--render)
CLINICWATCH_RENDER_MAX_PER_SITE = 10
CLINICWATCH_RENDER_MAX_PER_CRAWL = 300
# PDF price lists (spiders/pages/pdf_page.py)
CLINICWATCH_MAX_PDFS_PER_SITE = 3
CLINICWATCH_MAX_PDF_BYTES = 5 * 1024 * 1024
CLINICWATCH_MAX_DEPTH = 3

# --- Pipeline and storage ---------------------------------------------------------------
CONCURRENT_ITEMS = 10  # a page yields one item; 100 costs ~1.7x throughput (ecosystem.md §7)
CLINICWATCH_DB = os.environ.get("CLINICWATCH_DB", "clinicwatch.db")
CLINICWATCH_BATCH_SIZE = 200
ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.normalise.NormalisePipeline": 200,
    "pipelines.store.StorePipeline": 900,
}
DOWNLOADER_MIDDLEWARES = {
    "crawl.netguard.UrlGuardMiddleware": 50,
}
SPIDER_MIDDLEWARES = {}
EXTENSIONS = {}

# --- Scrapy housekeeping ----------------------------------------------------------------
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("CLINICWATCH_LOG_LEVEL", "INFO")
DEPTH_PRIORITY = 0

# --- Incremental recrawls (ops; see crawl/cache.py, docs/ops.md) ------------------------
# Every page is stored with its validators; the next crawl sends conditional requests and
# re-parses the stored page on "304 Not Modified". The cache sits next to the database
# (<db>-httpcache) unless HTTPCACHE_DIR is set.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "crawl.cache.RevalidatePolicy"
HTTPCACHE_STORAGE = "crawl.cache.DbCacheStorage"
HTTPCACHE_DBM_MODULE = "crawl.sqlitedbm"  # one SQLite file; see crawl/sqlitedbm.py
HTTPCACHE_DIR = ""
HTTPCACHE_EXPIRATION_SECS = 0
# Count bytes on the wire (after the cache), so crawls.bytes is what was downloaded.
DOWNLOADER_MIDDLEWARES["scrapy.downloadermiddlewares.stats.DownloaderStats"] = 950

# --- History (ops; see db/history.py) ------------------------------------------------------
# A price that moves by more than this fraction between two crawls is listed in `changes`.
CLINICWATCH_PRICE_CHANGE_THRESHOLD = 0.10

# --- Monitoring (ops; see crawl/monitors.py) ---------------------------------------------
import items as _items  # noqa: E402 - spidermon keys its item schemas by class
SPIDERMON_ENABLED = True
EXTENSIONS["spidermon.contrib.scrapy.extensions.Spidermon"] = 500
EXTENSIONS["crawl.monitors.CrawlProgress"] = 510
EXTENSIONS["crawl.record.CrawlRecordExtension"] = 900  # owns the crawls row; after Spidermon: records its verdict
ITEM_PIPELINES["spidermon.contrib.scrapy.pipelines.ItemValidationPipeline"] = 800
SPIDERMON_VALIDATION_SCHEMAS = {  # item class -> JSON schema (object path)
    _items.PageItem: "crawl.item_schemas.PAGE_ITEM",
    _items.CrawlErrorItem: "crawl.item_schemas.CRAWL_ERROR_ITEM",
}
SPIDERMON_SPIDER_CLOSE_MONITORS = ("crawl.monitors.CrawlMonitorSuite",)
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
SPIDERMON_MAX_ITEM_VALIDATION_ERRORS = 0
# Thresholds (fractions). Coverage: share of crawled sites with >= 1 price / credential.
# Low on purpose: many clinics publish no prices or credentials; these catch extraction that breaks.
CLINICWATCH_MONITOR_MIN_PRICE_COVERAGE = 0.25
CLINICWATCH_MONITOR_MIN_CREDENTIAL_COVERAGE = 0.1
CLINICWATCH_MONITOR_MIN_PRICE_AMOUNT_COVERAGE = 0.5  # share of prices with an amount (not POA)
CLINICWATCH_MONITOR_MAX_ERROR_RATE = 0.2  # crawl errors / requests
CLINICWATCH_MONITOR_MAX_RETRY_RATE = 0.2  # retries / requests
CLINICWATCH_MONITOR_MIN_REQUESTS = 20  # rates and coverage are judged only above this many requests
CLINICWATCH_PROGRESS_INTERVAL = 30  # seconds between progress lines on stderr; 0: none
