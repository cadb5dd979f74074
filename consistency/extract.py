"""Stage 2: articles -> claims. Each registered kind reads the same analysed `Doc`.

The reference date that anchors relative time ("three years ago", "on Monday") is settled here,
once per article: the publication date from metadata, else a dateline near the top of the text,
else unknown (and the claims stay relative, and the report says so).
"""
from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from multiprocessing.connection import Connection, wait

from consistency import lang
from consistency.kinds import KINDS, Doc
from consistency.model import Article, Claim, ReadError
from consistency.normalize import article_entities
from consistency.text import sentences
from consistency.workers import Failure, Worker

_DATELINE_WINDOW = 400


def reference_date(article: Article) -> tuple[date | None, str]:
    if article.published:
        return article.published, "metadata"
    months = lang.load("time")["months"]
    alt = "|".join(sorted(months, key=len, reverse=True))
    head = article.text[:_DATELINE_WINDOW]
    m = re.search(rf"(?m)^(?:[^\n]{{0,40}}?[\-–—,|]\s*)?(?P<month>{alt})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", head, re.I)
    if m:
        try:
            return date(int(m.group("year")), months[m.group("month").lower()], int(m.group("day"))), "dateline"
        except ValueError:
            pass
    m = re.search(r"(?m)^\W{0,3}(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b", head)
    if m:
        try:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), "dateline"
        except ValueError:
            pass
    return None, "unknown"


def analyse(article: Article) -> Doc:
    ref, source = reference_date(article)
    return Doc(article=article, sentences=tuple(sentences(article.text)), reference=ref, reference_source=source)


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    for kind in KINDS.values():
        claims.extend(kind.extract(doc))
    return sorted(claims, key=lambda c: (c.span.start, c.span.end, c.kind, c.attribute))


# Called with (articles extracted, articles to extract) as extraction goes on.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Extraction:
    """What one article yields: its analysis, its claims and the names it mentions."""

    doc: Doc
    claims: tuple[Claim, ...]
    names: tuple[str, ...]


def extract_article(article: Article) -> Extraction:
    doc = analyse(article)
    return Extraction(doc, tuple(extract(doc)), tuple(article_entities(article.text)))


def extract_articles(
    articles: Sequence[Article], timeout: float, jobs: int, progress: Progress | None = None
) -> tuple[list[Extraction], list[ReadError]]:
    """Extract every article in worker processes, in article order, each within `timeout` seconds.

    An article whose extraction runs over (or fails, or kills its process) costs only its own
    worker (see `consistency.workers`): it is replaced, the article is skipped and reported, and
    the other articles go on.
    """
    done: dict[int, Extraction] = {}
    failed: dict[int, str] = {}
    todo = deque(enumerate(articles))
    idle: list[Worker] = []
    busy: dict[Connection, tuple[Worker, int, float]] = {}
    try:
        while todo or busy:
            while todo and len(busy) < jobs:
                worker = idle.pop() if idle else Worker()
                index, article = todo.popleft()
                busy[worker.conn] = (worker, index, time.monotonic() + timeout)
                worker.send(extract_article, article)
            first_deadline = min(deadline for _, _, deadline in busy.values())
            for conn in wait(list(busy), timeout=max(0.0, first_deadline - time.monotonic())):
                worker, index, _ = busy.pop(conn)
                outcome = worker.receive()
                if isinstance(outcome, Failure):
                    failed[index] = f"extraction {outcome.message}; skipped"
                else:
                    done[index] = replace(outcome, doc=replace(outcome.doc, article=articles[index]))
                if worker.alive:
                    idle.append(worker)
                else:
                    worker.stop()
            now = time.monotonic()
            for conn, (worker, index, deadline) in list(busy.items()):
                if deadline <= now:
                    del busy[conn]
                    worker.stop()
                    failed[index] = f"extraction took longer than {timeout:g} s; skipped"
            if progress is not None:
                progress(len(done) + len(failed), len(articles))
    finally:
        for worker in idle + [worker for worker, _, _ in busy.values()]:
            worker.stop()
    errors = [ReadError(articles[i].path, _about(articles[i], failed[i])) for i in sorted(failed)]
    return [done[i] for i in sorted(done)], errors


def _about(article: Article, message: str) -> str:
    """Name the article when its file holds several (JSONL) or it has its own id."""
    return message if article.path.endswith(article.id) else f"article {article.id!r}: {message}"
