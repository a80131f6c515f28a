"""A dbm-style mapping stored in one SQLite file, for Scrapy's DbmCacheStorage.

Python 3.11 here has no gdbm/ndbm and ``dbm.dumb`` rewrites its index on every
write; Scrapy's filesystem cache writes six gzipped files per response. This
module gives ``HTTPCACHE_DBM_MODULE`` one table, writes batched into one
transaction every ``COMMIT_EVERY`` writes (and on close), values zlib-compressed.
A lost last batch after a crash only means those pages are fetched in full next
time. (Python 3.13's ``dbm.sqlite3`` is the same idea.)
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator, MutableMapping

COMMIT_EVERY = 200
error = (sqlite3.Error, KeyError)


def _key(key: str | bytes) -> bytes:
    return key.encode() if isinstance(key, str) else bytes(key)


class SqliteDbm(MutableMapping):
    def __init__(self, path: str, flag: str = "c"):
        if flag not in ("r", "w", "c", "n"):
            raise ValueError(f"bad flag {flag!r}")
        self.conn = sqlite3.connect(path, isolation_level="DEFERRED", check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB NOT NULL)")
        if flag == "n":
            self.conn.execute("DELETE FROM kv")
        self.pending = 0

    def __getitem__(self, key):
        row = self.conn.execute("SELECT v FROM kv WHERE k = ?", (_key(key),)).fetchone()
        if row is None:
            raise KeyError(key)
        return zlib.decompress(row[0])

    def __setitem__(self, key, value):
        data = value.encode() if isinstance(value, str) else bytes(value)
        self.conn.execute("INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)",
                          (_key(key), zlib.compress(data, 3)))
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.sync()

    def __delitem__(self, key):
        if self.conn.execute("DELETE FROM kv WHERE k = ?", (_key(key),)).rowcount == 0:
            raise KeyError(key)

    def __contains__(self, key) -> bool:
        return self.conn.execute("SELECT 1 FROM kv WHERE k = ?", (_key(key),)).fetchone() is not None

    def __iter__(self) -> Iterator[bytes]:
        return (row[0] for row in self.conn.execute("SELECT k FROM kv").fetchall())

    def __len__(self) -> int:
        return self.conn.execute("SELECT count(*) FROM kv").fetchone()[0]

    def sync(self) -> None:
        self.conn.commit()
        self.pending = 0

    def close(self) -> None:
        self.sync()
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open(path: str, flag: str = "c", mode: int = 0o666) -> SqliteDbm:  # noqa: A001 - the dbm API
    return SqliteDbm(path, flag)
