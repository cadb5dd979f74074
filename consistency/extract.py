"""Stage 2: articles -> claims. Each registered kind reads the same analysed `Doc`.

The reference date that anchors relative time ("three years ago", "on Monday") is settled here,
once per article: the publication date from metadata, else a dateline near the top of the text,
else unknown (and the claims stay relative, and the report says so).
"""
from __future__ import annotations

import gc
import re
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from multiprocessing.connection import Connection, wait

from consistency import lang
from consistency.kinds import KINDS, Doc
from consistency.model import Article, Claim, ReadError
from consistency.normalize import article_entities
from consistency.text import Sentence, sentences
from consistency.workers import Failure, Worker

_DATELINE_WINDOW = 400


def reference_date(article: Article) -> tuple[date | None, str]:
    if article.published:
        return article.published, "metadata"
    months = lang.load("time")["months"]
    head = article.text[:_DATELINE_WINDOW]
    m = _dateline().search(head)
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


@cache
def _dateline() -> re.Pattern[str]:
    """A line that opens with a date, perhaps after a place: "LISBON, May 2, 2016" or "May 2, 2016"."""
    alt = "|".join(sorted(lang.load("time")["months"], key=len, reverse=True))
    return re.compile(rf"(?m)^(?:[^\n]{{0,40}}?[\-–—,|]\s*)?(?P<month>{alt})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I)


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


@contextmanager
def collector_paused() -> Iterator[None]:
    """A run's results are millions of small objects without cycles; as they pile up, the cyclic
    garbage collector would walk all of them again and again for nothing. Reference counting still
    frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # They outlive the block: put them in the oldest generation, or the first collection
            # after it would walk them all, still in the youngest. Not when the caller froze objects
            # of its own (before forking, say): unfreezing would release those too.
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# Articles sent to a worker at a time, at most: enough to make a round trip's cost small, few
# enough that the workers finish together.
_BATCH = 16


@collector_paused()
def extract_articles(
    articles: Sequence[Article], timeout: float, jobs: int, progress: Progress | None = None
) -> tuple[list[Extraction], list[ReadError]]:
    """Extract every article in worker processes, in article order, each within `timeout` seconds.

    An article whose extraction runs over (or fails, or kills its process) costs only its own
    worker (see `consistency.workers`): it is replaced, the article is skipped and reported, and
    the other articles go on. A worker gets its articles in batches and answers each as it is
    done, so an article's time starts when the one before it is answered.
    """
    done: dict[int, Extraction] = {}
    failed: dict[int, str] = {}
    todo = deque(range(len(articles)))
    idle: list[Worker] = []
    busy: dict[Connection, _Batch] = {}
    try:
        while todo or busy:
            while todo and len(busy) < jobs:
                worker = idle.pop() if idle else Worker()
                size = max(1, min(_BATCH, len(todo) // (2 * jobs)))
                batch = _Batch(worker, deque(todo.popleft() for _ in range(size)), time.monotonic() + timeout)
                busy[worker.conn] = batch
                worker.send(_extract_found, [articles[i] for i in batch.pending])
            first_deadline = min(batch.deadline for batch in busy.values())
            for conn in wait(list(busy), timeout=max(0.0, first_deadline - time.monotonic())):
                batch = busy[conn]
                outcome = batch.worker.receive()
                index = batch.pending.popleft()
                if isinstance(outcome, Failure):
                    failed[index] = f"extraction {outcome.message}; skipped"
                else:
                    done[index] = _extraction(articles[index], outcome)
                batch.deadline = time.monotonic() + timeout
                if not batch.worker.alive:
                    _give_up(busy.pop(conn), todo)
                elif not batch.pending:
                    idle.append(busy.pop(conn).worker)
            now = time.monotonic()
            for conn, batch in list(busy.items()):
                # An answer that came in since `wait` returned is on time: the next round reads it.
                if batch.deadline <= now and not conn.poll(0):
                    failed[batch.pending.popleft()] = f"extraction took longer than {timeout:g} s; skipped"
                    _give_up(busy.pop(conn), todo)
            if progress is not None:
                progress(len(done) + len(failed), len(articles))
    finally:
        for worker in idle + [batch.worker for batch in busy.values()]:
            worker.stop()
    errors = [ReadError(articles[i].path, _about(articles[i], failed[i])) for i in sorted(failed)]
    return [done[i] for i in sorted(done)], errors


@dataclass
class _Batch:
    """A worker's articles not yet answered, in order; the first must be answered by `deadline`."""

    worker: Worker
    pending: deque[int]
    deadline: float


def _give_up(batch: _Batch, todo: deque[int]) -> None:
    """Stop the batch's worker; its unanswered articles go back to the front of the queue."""
    batch.worker.stop()
    todo.extendleft(reversed(batch.pending))


# What a worker sends back for an article: all of its `Extraction` but what the main process holds
# already, the article and the sentences' texts (slices of it), which are most of the bytes.
_Found = tuple[date | None, str, tuple[int, ...], tuple[Claim, ...], tuple[str, ...]]


def _extract_found(article: Article) -> _Found:
    found = extract_article(article)
    bounds = tuple(offset for s in found.doc.sentences for offset in (s.start, s.end))
    return found.doc.reference, found.doc.reference_source, bounds, found.claims, found.names


def _extraction(article: Article, found: _Found) -> Extraction:
    reference, source, bounds, claims, names = found
    text = article.text
    sents = tuple(Sentence(start, end, text[start:end]) for start, end in zip(bounds[::2], bounds[1::2]))
    return Extraction(Doc(article, sents, reference, source), claims, names)


def _about(article: Article, message: str) -> str:
    """Name the article when its file holds several (JSONL) or it has its own id."""
    return message if article.path.endswith(article.id) else f"article {article.id!r}: {message}"
