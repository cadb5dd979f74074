"""The library API: `check(paths) -> RunResult`. It reads articles and computes; it never prints
and writes no file but, when asked (`cache=True`), its extraction cache (the CLI and the
report/baseline modules write the rest), so other code can call it.
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping, Sequence

from consistency import baseline as baseline_mod
from consistency import dask_engine, graph, sources
from consistency.compare import compare
from consistency.cache import ClaimCache
from consistency.extract import Extraction, Progress, extract_articles
from consistency.group import group
from consistency.ingest import read_articles
from consistency.match import candidate_pairs
from consistency.model import Article, ReadError, RunResult
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
    # "local" extracts in processes on this machine; "dask" on the dask.distributed cluster whose
    # scheduler is at `scheduler` ("tcp://host:8786").
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
    clock = _Clock()
    articles, errors = read_articles(list(paths), html_timeout=settings.article_timeout)
    clock.lap("ingest")
    extractions, skipped = _extract(articles, settings, progress)
    clock.lap("extract")
    errors += skipped
    articles = [e.doc.article for e in extractions]
    docs = {e.doc.article.id: e.doc for e in extractions}
    raw = [c for e in extractions for c in e.claims]
    mentions = {e.doc.article.id: e.names for e in extractions}
    claims, table = normalize(raw, Counter(n for ns in mentions.values() for n in ns), settings.aliases)
    names = {aid: {table.get(n, n) for n in ns} for aid, ns in mentions.items()}
    clock.lap("normalize")
    pairs = candidate_pairs(claims)
    clock.lap("match")
    findings, agreements = compare(claims, pairs, docs, names)
    clock.lap("compare")
    review = sources.review(findings, docs, settings.updates_as_findings)
    findings = group(review.findings, docs)
    fixed: tuple[str, ...] = ()
    if settings.baseline is not None:
        known = baseline_mod.load(settings.baseline)
        found, fixed = baseline_mod.apply(findings, known, settings.today or date.today())
        findings = list(found)
    g = graph.build(articles, claims, findings, agreements, review.families)
    clock.lap("rest")
    return RunResult(version=VERSION, articles=tuple(articles), claims=tuple(claims),
                     findings=tuple(findings), agreements=tuple(agreements), errors=tuple(errors),
                     fixed=tuple(fixed), graph=g, references={i: (d.reference, d.reference_source) for i, d in docs.items()},
                     updates=review.updates, families=review.families, timings=clock.laps)


def _extract(articles: list[Article], settings: Settings,
             progress: Progress | None) -> tuple[list[Extraction], list[ReadError]]:
    """Extract every article, in order; with `settings.cache`, only those the cache lacks. A cache
    that cannot be opened or read (a read-only folder, a damaged file) is passed over."""
    jobs = settings.jobs or os.cpu_count() or 1
    store, found = None, {}
    if settings.cache:
        try:
            store = ClaimCache()
            found = store.get(articles)
        except (sqlite3.Error, OSError):
            store, found = None, {}
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
        finally:
            store.close()
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
