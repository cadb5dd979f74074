"""Extractions cached per article in SQLite, so a rerun extracts only the articles that changed;
and each match block's verdicts, so a rerun compares only the pairs of claims it has not seen.

Extraction is most of a run's cost and depends only on the article (its id, text and publication
date) and on the extraction code and data. The key is a sha256 of those, with the code and data
hashed as the extractor version: a cache written by another version, or for another text, is
never found, so never misread. No `Settings` field changes extraction today; one that does must
join the key. Values are pickles, so the extractor version also covers the pickled classes.

A block's row (see `consistency.compare.compare_blocks`) is found by the block's kind and key,
but its verdicts are used only for pairs of the claims it names by token, and a token hashes the
claim's article key (so the extractor version too), its resolved subject and its article's resolved
names: the alias setting, the only one that changes verdicts, is covered by them. A row written by
another version or for another corpus is read, and none of its verdicts applies.

The MinHash signatures, copy verdicts and story families of `consistency.sources` are plain
values whose keys name the articles' cache keys.

SQLite in WAL mode with a busy timeout lets two runs share the cache; each run writes its new
extractions, its blocks and its derived values each in one transaction.
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

from consistency.compare import Judged, Stored
from consistency.extract import Extraction
from consistency.model import Article

FOLDER = ".consistency-cache"
FORMAT = 3
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
            self.conn.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            self.conn.execute("CREATE TABLE IF NOT EXISTS block (key TEXT PRIMARY KEY, digest BLOB NOT NULL, "
                              "tokens BLOB NOT NULL, verdicts BLOB NOT NULL)")
            self.conn.execute("CREATE TABLE IF NOT EXISTS derived (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

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
        rows = [(key(e.doc.article), pickle.dumps(_without_text(e), protocol=_PICKLE_PROTOCOL)) for e in extractions]
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO extraction (key, value) VALUES (?, ?)", rows)

    def get_blocks(self, digests: dict[str, bytes]) -> dict[str, Stored]:
        """Each named block's stored tokens and verdicts; tokens None when `digests` has their
        digest. An unreadable row counts as missing."""
        keys = {_block_key(name): name for name in digests}
        found: dict[str, Stored] = {}
        try:
            rows = self._select("SELECT key, digest, tokens, verdicts FROM block WHERE key IN ({})", list(keys))
        except sqlite3.Error:
            return found  # the blocks are compared again
        for k, digest, tokens, verdicts in rows:
            name = keys[k]
            try:
                found[name] = (None if digest == digests[name] else pickle.loads(tokens), pickle.loads(verdicts))
            except Exception:  # noqa: BLE001 - a damaged row is compared again, not trusted
                continue
        return found

    def put_blocks(self, rows: dict[str, tuple[bytes, tuple[bytes, ...], list[Judged]]]) -> None:
        values = [(_block_key(name), digest, pickle.dumps(tokens, protocol=_PICKLE_PROTOCOL),
                   pickle.dumps(verdicts, protocol=_PICKLE_PROTOCOL)) for name, (digest, tokens, verdicts) in rows.items()]
        try:
            with self.conn:
                self.conn.executemany("INSERT OR REPLACE INTO block (key, digest, tokens, verdicts) VALUES (?, ?, ?, ?)",
                                      values)
        except sqlite3.Error:
            pass  # the next run compares these blocks again

    def get_values(self, keys: Sequence[str]) -> dict[str, bytes]:
        """Derived values (`consistency.sources`: signatures, copy verdicts, families) by key; their
        keys name the articles' cache keys, so they carry the extractor version."""
        try:
            return dict(self._select("SELECT key, value FROM derived WHERE key IN ({})", list(keys)))
        except sqlite3.Error:
            return {}

    def put_values(self, values: dict[str, bytes]) -> None:
        try:
            with self.conn:
                self.conn.executemany("INSERT OR REPLACE INTO derived (key, value) VALUES (?, ?)", list(values.items()))
        except sqlite3.Error:
            pass  # the next run computes them again

    def _select(self, query: str, keys: list[str]) -> list[tuple]:
        rows = []
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            rows += self.conn.execute(query.format(",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def close(self) -> None:
        self.conn.close()


def _block_key(name: str) -> str:
    return hashlib.sha256(f"{FORMAT}\0{name}".encode()).hexdigest()


def _without_text(extraction: Extraction) -> Extraction:
    """The article is read again on every run; storing its text too would double the cache."""
    article = extraction.doc.article
    return replace(extraction, doc=replace(extraction.doc, article=replace(article, text="", title="")))
