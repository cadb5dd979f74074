"""Extraction on an existing dask.distributed cluster (`--engine dask --scheduler ADDRESS`), for
corpora past one machine: one task per article, running the same `extract_article` as the local
engine, so the result is the same byte for byte. A task that fails skips only its article, as
locally. The workers need this package installed (`pip install 'consistency[dask]'`); the
per-article time bound is the local engine's alone, since a worker thread cannot be stopped.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from consistency.extract import Extraction, _about, extract_article
from consistency.model import Article, ReadError


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
