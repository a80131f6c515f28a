"""Crawler machinery: resolver guard, HTTP cache, resume, item schemas, monitors, the crawl record."""
