"""The library API: `check(paths) -> RunResult`. It reads articles and computes; it never prints
and writes no file but, when asked (`cache=True`), its cache (the CLI and the
report/baseline modules write the rest), so other code can call it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Callable, Mapping, Sequence

from consistency import baseline as baseline_mod
from consistency import cache as cache_mod
from consistency import compare as compare_mod
from consistency import dask_engine, graph, sources
from consistency.cache import ClaimCache
from consistency.compare import Agreed, compare_blocks
from consistency.extract import Extraction, Progress, collector_paused, extract_articles
from consistency.group import group
from consistency.ingest import read_articles
from consistency.kinds.base import remember
from consistency.match import blocks
from consistency.model import Agreement, Article, Claim, Family, Finding, ReadError, RunResult, Update
from consistency.normalize import normalize

VERSION = "0.1.0"


@dataclass(frozen=True)
class Settings:
    """What changes a run's result besides the articles themselves."""

    aliases: Mapping[str, str] = field(default_factory=dict)
    baseline: str | Path | None = None
    today: date | None = None
    updates_as_findings: bool = False
    # Seconds one article's extraction (and one HTML page's parsing) may take; a pathological text
    # is skipped and reported instead of hanging the run.
    article_timeout: float = 10.0
    # Extraction processes; None uses every core.
    jobs: int | None = None
    # Reuse extractions of unchanged articles from .consistency-cache/ in the current folder (and
    # store new ones there). Off by default so that library calls stay pure; the CLI turns it on.
    cache: bool = False
    # "local" extracts and compares in processes on this machine; "dask" on the dask.distributed
    # cluster whose scheduler is at `scheduler` ("tcp://host:8786").
    engine: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.article_timeout <= 0:
            raise ValueError(f"article_timeout must be positive, not {self.article_timeout!r}")
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs!r}")
        if self.engine not in ("local", "dask"):
            raise ValueError(f"engine must be local or dask, not {self.engine!r}")
        if (self.engine == "dask") != (self.scheduler is not None):
            raise ValueError("the dask engine needs a scheduler address, and only it takes one")


def check(paths: str | Path | Sequence[str | Path], settings: Settings | None = None,
          progress: Progress | None = None, **options: object) -> RunResult:
    """Check articles for contradictions. Options are `Settings` fields, for callers that need
    only one or two: `check("articles/", baseline="consistency-baseline.json")`. `progress` is
    told how far extraction, the long stage, has come (a progress bar's hook)."""
    if settings is not None and options:
        raise TypeError("pass either settings or keyword options, not both")
    settings = settings or Settings(**options)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    with collector_paused():
        return _check(paths, settings, progress)


def _check(paths: Sequence[str | Path], settings: Settings, progress: Progress | None) -> RunResult:
    clock = _Clock()
    articles, errors = read_articles(list(paths), html_timeout=settings.article_timeout)
    clock.lap("ingest")
    store = _open_cache() if settings.cache else None
    try:
        run_key = _run_key(articles, settings) if store is not None else ""
        saved = store.get_state("result", run_key) if store is not None else None
        if isinstance(saved, _Saved):
            clock.lap("extract")
        else:
            saved = _run(articles, settings, progress, store, clock)
            if store is not None and not saved.errors and len(saved.claims_of) == len(articles):
                store.put_state("result", saved, run_key)
    finally:
        if store is not None:
            store.close()
    articles = [a for a in articles if a.id in saved.claims_of]
    errors = errors + list(saved.errors)
    claims, findings = saved.claims, list(saved.findings)
    fixed: tuple[str, ...] = ()
    if settings.baseline is not None:
        known = baseline_mod.load(settings.baseline)
        found, fixed = baseline_mod.apply(findings, known, settings.today or date.today())
        findings = list(found)
    agreements = cache(partial(compare_mod.agreements, claims, saved.agreed))  # one set for both readers
    g = partial(_graph, articles, claims, findings, agreements, saved.families)
    clock.lap("rest")
    return RunResult(version=VERSION, articles=tuple(articles), claims=claims,
                     findings=tuple(findings), agreements=agreements, errors=tuple(errors),
                     fixed=tuple(fixed), graph=g, references=saved.references,
                     updates=saved.updates, families=saved.families, timings=clock.laps)


@dataclass(frozen=True)
class _Saved:
    """What a run computes from its articles before the baseline is applied: all a warm run of
    the same articles and settings needs, kept in the cache as one value."""

    claims: tuple[Claim, ...]
    claims_of: frozenset[str]  # the articles extracted
    errors: tuple[ReadError, ...]  # the articles whose extraction failed: such a run is not kept
    findings: tuple[Finding, ...]
    agreed: Agreed
    references: dict[str, tuple[date | None, str]]
    updates: tuple[Update, ...]
    families: tuple[Family, ...]


def _run_key(articles: Sequence[Article], settings: Settings) -> str:
    """Names a run's result: every article's cache key and title (the key covers the text only),
    in order, and the settings that change the result before the baseline."""
    doc = {"articles": [[cache_mod.key(a), a.title] for a in articles], "aliases": sorted(settings.aliases.items()),
           "updates_as_findings": settings.updates_as_findings}
    return hashlib.sha256(json.dumps(doc).encode()).hexdigest()


def _run(articles: list[Article], settings: Settings, progress: Progress | None,
         store: ClaimCache | None, clock: _Clock) -> _Saved:
    extractions, skipped = _extract(articles, settings, progress, store)
    clock.lap("extract")
    articles = [e.doc.article for e in extractions]
    docs = {e.doc.article.id: e.doc for e in extractions}
    keys = {a.id: cache_mod.key(a) for a in articles}
    raw = [c for e in extractions for c in e.claims]
    for e in extractions:
        remember(e.doc, e.claims)
    mentions = {e.doc.article.id: e.names for e in extractions}
    claims, table = normalize(raw, Counter(n for ns in mentions.values() for n in ns), settings.aliases)
    names = {aid: {table.get(n, n) for n in ns} for aid, ns in mentions.items()}
    clock.lap("normalize")
    matched = blocks(claims)
    clock.lap("match")
    tokens = _tokens(extractions, claims, names, keys)
    elsewhere = partial(dask_engine.judge_codes, scheduler=settings.scheduler) if settings.engine == "dask" else None
    findings, agreed = compare_blocks(claims, matched, docs, names, tokens, store,
                                      settings.jobs or os.cpu_count() or 1, elsewhere)
    clock.lap("compare")
    review = sources.review(findings, docs, settings.updates_as_findings, store, keys)
    return _Saved(tuple(claims), frozenset(docs), tuple(skipped),
                  tuple(group(review.findings, docs, review.families)), agreed,
                  {i: (d.reference, d.reference_source) for i, d in docs.items()}, review.updates, review.families)


def _graph(articles: Sequence[Article], claims: Sequence[Claim], findings: Sequence[Finding],
           agreements: Callable[[], tuple[Agreement, ...]], families: Sequence[Family]) -> object:
    return graph.build(articles, claims, findings, agreements(), families)


def _open_cache() -> ClaimCache | None:
    """The cache in the current folder; one that cannot be opened (a read-only folder, a damaged
    file) is passed over: the run's result does not depend on it."""
    try:
        return ClaimCache()
    except (sqlite3.Error, OSError):
        return None


def _tokens(extractions: Sequence[Extraction], claims: Sequence[Claim], names: Mapping[str, set[str]],
            keys: Mapping[str, str]) -> list[bytes]:
    """Per claim, what its verdicts depend on, hashed (see `consistency.compare`): its article's
    cache key and its place in that article's extraction, its resolved subject, its article's
    resolved names and its title (which relates articles too). `claims` are the extractions'
    claims in order, normalized."""
    out = []
    for e in extractions:
        article = e.doc.article
        told = json.dumps([sorted(names[article.id]), article.title])
        prefix = f"{keys[article.id]}\0{hashlib.sha256(told.encode()).hexdigest()}"
        for local in range(len(e.claims)):
            claim = claims[len(out)]
            out.append(hashlib.blake2b(f"{prefix}\0{local}\0{claim.subject}".encode(), digest_size=16).digest())
    return out


def _extract(articles: list[Article], settings: Settings, progress: Progress | None,
             store: ClaimCache | None) -> tuple[list[Extraction], list[ReadError]]:
    """Extract every article, in order; with a `store`, only those it lacks. A cache that cannot
    be read is passed over."""
    jobs = settings.jobs or os.cpu_count() or 1
    found = {}
    if store is not None:
        try:
            found = store.get(articles)
        except sqlite3.Error:
            found = {}
    todo = [a for i, a in enumerate(articles) if i not in found]
    if settings.engine == "dask":
        fresh, errors = dask_engine.extract_articles(todo, settings.scheduler)
    else:
        fresh, errors = extract_articles(todo, settings.article_timeout, jobs, progress)
    if store is not None:
        try:
            store.put(fresh)
        except sqlite3.Error:
            pass  # the run's result does not depend on the cache; the next run extracts again
    # extract_articles hands back the very Article objects it was given.
    by_article = {id(e.doc.article): e for e in fresh}
    ordered = [found[i] if i in found else by_article.get(id(a)) for i, a in enumerate(articles)]
    return [e for e in ordered if e is not None], errors


class _Clock:
    """Seconds spent per stage, so the benchmark can say where a run's time goes."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = now - self._last
        self._last = now
