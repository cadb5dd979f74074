"""The library API: `check(paths) -> RunResult`. It reads articles and computes; it never prints
and never writes files (the CLI and the report/baseline modules do), so other code can call it.
"""
from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping, Sequence

from consistency import baseline as baseline_mod
from consistency import graph, sources
from consistency.compare import compare
from consistency.extract import extract_articles
from consistency.ingest import read_articles
from consistency.match import candidate_pairs
from consistency.model import RunResult
from consistency.normalize import normalize

VERSION = "0.1.0"


@dataclass(frozen=True)
class Settings:
    """What changes a run's result besides the articles themselves."""

    aliases: Mapping[str, str] = field(default_factory=dict)
    baseline: str | Path | None = None
    today: date | None = None
    updates_as_findings: bool = False
    # Seconds one article's extraction may take; a pathological text is skipped and reported
    # instead of hanging the run.
    article_timeout: float = 10.0
    # Extraction processes; None uses every core.
    jobs: int | None = None

    def __post_init__(self) -> None:
        if self.article_timeout <= 0:
            raise ValueError(f"article_timeout must be positive, not {self.article_timeout!r}")
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs!r}")


def check(paths: str | Path | Sequence[str | Path], settings: Settings | None = None, **options: object) -> RunResult:
    """Check articles for contradictions. Options are `Settings` fields, for callers that need
    only one or two: `check("articles/", baseline="consistency-baseline.json")`."""
    if settings is not None and options:
        raise TypeError("pass either settings or keyword options, not both")
    settings = settings or Settings(**options)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    clock = _Clock()
    articles, errors = read_articles(list(paths))
    clock.lap("ingest")
    extractions, skipped = extract_articles(articles, settings.article_timeout, settings.jobs or os.cpu_count() or 1)
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
    findings = list(review.findings)
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


class _Clock:
    """Seconds spent per stage, so the benchmark can say where a run's time goes."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = now - self._last
        self._last = now
