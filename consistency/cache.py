"""Extractions cached per article in SQLite, so a rerun extracts only the articles that changed;
and each match block's verdicts, so a rerun compares only the pairs of claims it has not seen.

Extraction is most of a run's cost and depends only on the article (its id, text and publication
date) and on the extraction code and data. The key is a sha256 of those, with the code and data
hashed as the extractor version: a cache written by another version, or for another text, is
never found, so never misread. No `Settings` field changes extraction today; one that does must
join the key. Values are pickles, so the extractor version also covers the pickled classes.

What a run derives from its extractions is kept as a few whole values (`get_state`), each one
row read in one query: the result of the whole run (`consistency.api`), keyed by every article's
key and the settings that change it; the last run's verdicts and blocks (`consistency.compare`) and
story-family data (`consistency.sources`), which name claims and articles by tokens and keys that
hash the articles' keys, so only what names exactly this run's claims is reused. Every value is
stored with the extractor version and read only under the same one: another version's value is
never unpickled. A run that writes extractions deletes those of other versions.

SQLite in WAL mode with a busy timeout lets two runs share the cache; each run writes its new
extractions and each value in one transaction that takes the write lock first (a transaction
that reads first fails at once, without waiting, when the other run has written since); the
last run to write a value wins.
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from consistency.extract import Extraction
from consistency.model import Article

FOLDER = ".consistency-cache"
FORMAT = 5
# Keys per SELECT ... IN (...): below SQLite's limit on bound parameters (32766).
_CHUNK = 30000
_PICKLE_PROTOCOL = 5


@cache
def extractor_version() -> str:
    """sha256 of every module and data file of the package: any change to the code or the
    language data can change what is extracted, so it starts a fresh cache."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version_info[:2]}".encode())
    root = resources.files("consistency")
    files = [f for folder in (root, root / "kinds", root / "data") for f in folder.iterdir()
             if f.name.endswith((".py", ".toml"))]
    for f in sorted(files, key=lambda f: (f.parent.name, f.name)):
        digest.update(f"{f.parent.name}/{f.name}\0".encode() + f.read_bytes() + b"\0")
    return digest.hexdigest()


def key(article: Article) -> str:
    published = article.published.isoformat() if article.published else ""
    return hashlib.sha256("\0".join((extractor_version(), article.id, published, article.sha256)).encode()).hexdigest()


class ClaimCache:
    """The cache in `folder`/claims.sqlite, created on first use."""

    def __init__(self, folder: str | Path = FOLDER) -> None:
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(Path(folder) / "claims.sqlite", timeout=60)
        self.conn.execute("PRAGMA journal_mode=WAL")
        with self.conn:
            columns = {row[1] for row in self.conn.execute("PRAGMA table_info(extraction)")}
            if columns and "version" not in columns:  # format 4's, which no version reads any more
                self.conn.execute("DROP TABLE extraction")
            self.conn.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                              "value BLOB NOT NULL)")
            self.conn.execute("CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, key TEXT NOT NULL, "
                              "value BLOB NOT NULL)")
            for table in ("block", "derived"):  # format 3's, which no version reads any more
                self.conn.execute(f"DROP TABLE IF EXISTS {table}")

    def get(self, articles: Sequence[Article]) -> dict[int, Extraction]:
        """Cached extractions by index in `articles`; an unreadable entry counts as missing."""
        keys = {key(a): i for i, a in enumerate(articles)}
        found: dict[int, Extraction] = {}
        for k, value in self._select("SELECT key, value FROM extraction WHERE key IN ({})", list(keys)):
            try:
                stored = pickle.loads(value)
            except Exception:  # noqa: BLE001 - a damaged entry is re-extracted, not trusted
                continue
            i = keys[k]
            found[i] = replace(stored, doc=replace(stored.doc, article=articles[i]))
        return found

    def put(self, extractions: Sequence[Extraction]) -> None:
        """Keep new extractions, and drop those of other extractor versions, which no run of this
        one reads: without that, every upgrade would leave the cache a whole corpus larger."""
        version = extractor_version()
        rows = [(key(e.doc.article), version, pickle.dumps(_without_text(e), protocol=_PICKLE_PROTOCOL))
                for e in extractions]
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")  # the write lock first: a read first could go stale
            self.conn.execute("DELETE FROM extraction WHERE version != ?", (version,))
            self.conn.executemany("INSERT OR REPLACE INTO extraction (key, version, value) VALUES (?, ?, ?)", rows)

    def get_state(self, name: str, key: str = "") -> object | None:
        """The value last stored as `name` under `key` by this extractor version; None when there
        is none, or it cannot be read."""
        try:
            row = self.conn.execute("SELECT value FROM state WHERE name = ? AND key = ?",
                                    (name, _state_key(key))).fetchone()
            return pickle.loads(row[0]) if row else None
        except Exception:  # noqa: BLE001 - a damaged value is computed again, not trusted
            return None

    def put_state(self, name: str, value: object, key: str = "") -> None:
        """Keep `value` as `name`, replacing the one before (one of each name is kept)."""
        try:
            blob = pickle.dumps(value, protocol=_PICKLE_PROTOCOL)
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute("INSERT OR REPLACE INTO state (name, key, value) VALUES (?, ?, ?)",
                                  (name, _state_key(key), blob))
        except (sqlite3.Error, pickle.PicklingError):
            pass  # the next run computes it again

    def _select(self, query: str, keys: list[str]) -> list[tuple]:
        rows = []
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            rows += self.conn.execute(query.format(",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def close(self) -> None:
        self.conn.close()


def _state_key(key: str) -> str:
    return hashlib.sha256(f"{extractor_version()}\0{key}".encode()).hexdigest()


def _without_text(extraction: Extraction) -> Extraction:
    """The article is read again on every run; storing its text too would double the cache."""
    article = extraction.doc.article
    return replace(extraction, doc=replace(extraction.doc, article=replace(article, text="", title="")))
