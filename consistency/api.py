"""The library API: `check(paths) -> RunResult`. It reads articles and computes; it never prints
and never writes files (the CLI and the report/baseline modules do), so other code can call it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping, Sequence

from consistency import baseline as baseline_mod
from consistency import graph
from consistency.compare import compare
from consistency.extract import analyse, extract
from consistency.ingest import read_articles
from consistency.match import candidate_pairs
from consistency.model import RunResult
from consistency.normalize import article_entities, normalize

VERSION = "0.1.0"


@dataclass(frozen=True)
class Settings:
    """What changes a run's result besides the articles themselves."""

    aliases: Mapping[str, str] = field(default_factory=dict)
    baseline: str | Path | None = None
    today: date | None = None


def check(paths: str | Path | Sequence[str | Path], settings: Settings | None = None) -> RunResult:
    settings = settings or Settings()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    articles, errors = read_articles(list(paths))
    docs = {a.id: analyse(a) for a in articles}
    raw = [c for a in articles for c in extract(docs[a.id])]
    mentions = {a.id: article_entities(a.text) for a in articles}
    claims, table = normalize(raw, Counter(n for ns in mentions.values() for n in ns), settings.aliases)
    names = {aid: {table.get(n, n) for n in ns} for aid, ns in mentions.items()}
    findings, agreements = compare(claims, candidate_pairs(claims), docs, names)
    fixed: tuple[str, ...] = ()
    if settings.baseline is not None:
        known = baseline_mod.load(settings.baseline)
        found, fixed = baseline_mod.apply(findings, known, settings.today or date.today())
        findings = list(found)
    g = graph.build(articles, claims, findings, agreements)
    return RunResult(version=VERSION, articles=tuple(articles), claims=tuple(claims),
                     findings=tuple(findings), agreements=tuple(agreements), errors=tuple(errors),
                     fixed=tuple(fixed), graph=g, references={i: (d.reference, d.reference_source) for i, d in docs.items()})
