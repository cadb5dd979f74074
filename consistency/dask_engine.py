"""Extraction and comparing on an existing dask.distributed cluster (`--engine dask --scheduler
ADDRESS`), for corpora past one machine. Extraction is one task per article, running the same
`extract_article` as the local engine; comparing is one task per part of the pairs to judge,
running the same `judge`; so the result is the same byte for byte (a worker lacks the claims
`remember`ed here, so comparators there extract an article's claims again: the same ones). A
task that fails costs only its article (skipped, as locally) or the time to judge its part here.
The workers need this package installed (`pip install 'consistency[dask]'`); the per-article
time bound is the local engine's alone, since a worker thread cannot be stopped.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from consistency.compare import Judged, _pairs, judge
from consistency.extract import Extraction, _about, extract_article
from consistency.kinds import Doc
from consistency.model import Article, Claim, ReadError

# Pairs per comparing task: a task carries the claims, articles and names its pairs touch, so
# enough pairs to make that cost small, few enough that the workers share the work and a lost
# task costs little to judge again.
PART_PAIRS = 20_000


def extract_articles(articles: Sequence[Article], scheduler: str) -> tuple[list[Extraction], list[ReadError]]:
    """Extract every article on the cluster at `scheduler`, in article order."""
    from distributed import Client  # an optional dependency: the `dask` extra

    done: list[Extraction] = []
    errors: list[ReadError] = []
    with Client(scheduler, set_as_default=False) as client:
        futures = client.map(extract_article, list(articles), pure=False)
        for article, future in zip(articles, futures):
            try:
                extraction = future.result()
            except Exception as e:  # noqa: BLE001 - a fault in one article's extraction skips only it
                message = " ".join(f"extraction failed: {type(e).__name__}: {e}; skipped".split())
                errors.append(ReadError(article.path, _about(article, message)))
                continue
            done.append(replace(extraction, doc=replace(extraction.doc, article=article)))
    return done, errors


def judge_codes(claims: Sequence[Claim], codes: np.ndarray, docs: Mapping[str, Doc],
                names: Mapping[str, set[str]], scheduler: str) -> list[Judged]:
    """`compare.judge_codes` on the cluster at `scheduler`, a part of `PART_PAIRS` pairs per
    task. A part whose task fails (its worker lost, or every worker) is judged here."""
    from distributed import Client

    n = len(claims)
    parts = [codes[start:start + PART_PAIRS] for start in range(0, len(codes), PART_PAIRS)]
    judged: list[Judged] = []
    with Client(scheduler, set_as_default=False) as client:
        tasks = []
        for part in parts:
            used, task = _part(claims, part, docs, names)
            # Scattered (as one piece: a tuple would be scattered piece by piece, to several
            # workers), the payload goes to a worker directly rather than through the scheduler.
            [data] = client.scatter([task], hash=False)
            tasks.append((used, client.submit(judge_part, data, pure=False)))
        for part, (used, future) in zip(parts, tasks):
            try:
                judged += [(used[i], used[j], *verdict) for i, j, *verdict in future.result()]
            except Exception:  # noqa: BLE001 - a lost part costs time, not the run
                judged += judge(claims, _pairs(part, n), docs, names)
    return judged


def _part(claims: Sequence[Claim], codes: np.ndarray, docs: Mapping[str, Doc],
          names: Mapping[str, set[str]]) -> tuple[list[int], tuple]:
    """The claims the pairs coded `codes` touch (their indices, ascending), and a task of only
    what judging those pairs reads: the claims indexed afresh in the same order, so `judge`
    orders each pair's sides as it does here, their articles' Docs and names."""
    n = len(claims)
    used = np.unique(np.concatenate([codes // n, codes % n]))
    local = np.searchsorted(used, codes // n) * len(used) + np.searchsorted(used, codes % n)
    touched = [claims[k] for k in used.tolist()]
    articles = {c.article_id for c in touched}
    return used.tolist(), (touched, local, {a: docs[a] for a in articles}, {a: names[a] for a in articles})


def judge_part(task: tuple) -> list[Judged]:
    """`judge` on a worker of one part's pairs (see `_part`), indices local to the part."""
    claims, codes, docs, names = task
    return judge(claims, _pairs(codes, len(claims)), docs, names)
