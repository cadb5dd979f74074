"""consistency.extract: reference dates, and extraction in worker processes that sends articles in
batches yet bounds, fails and orders each article on its own."""
from __future__ import annotations

import gc
import multiprocessing
import os
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from consistency import extract
from consistency.extract import collector_paused, extract_article, extract_articles, reference_date
from consistency.ingest import read_articles
from consistency.model import Article, ReadError

DEMO = Path(__file__).parents[1] / "articles"

# The slow and dying extractors below are patched into this process and reach the workers by fork.
needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="patched extractors reach worker processes only by fork")


def _article(n: int, text: str) -> Article:
    return Article(id=f"{n:02d}.txt", path=f"{n:02d}.txt", title="", source=None, published=None, url=None,
                   text=text, sha256=str(n))


def _corpus(size: int) -> list[Article]:
    """`size` articles made of the demo articles, so that they fill several batches per worker."""
    texts = [a.text for a in read_articles([DEMO])[0]]
    return [_article(n, texts[n % len(texts)]) for n in range(size)]


def _when_marked(monkeypatch, action) -> None:
    """Make extraction of an article that holds "MARK" do `action` first."""
    real = extract.extract

    def patched(doc):
        if "MARK" in doc.article.text:
            action()
        return real(doc)

    monkeypatch.setattr(extract, "extract", patched)


# --- reference dates ---------------------------------------------------------------------------

def test_reference_date_prefers_metadata_then_a_dateline():
    article = _article(1, "MOSCOW, March 3, 2022 - The talks went on.")
    assert reference_date(replace(article, published=date(2022, 3, 4))) == (date(2022, 3, 4), "metadata")
    assert reference_date(article) == (date(2022, 3, 3), "dateline")
    assert reference_date(_article(1, "2021-07-09\nThe talks went on.")) == (date(2021, 7, 9), "dateline")
    assert reference_date(_article(1, "The talks went on.")) == (None, "unknown")


# --- extraction in workers ---------------------------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_workers_give_what_one_process_gives_in_article_order(jobs):
    articles = _corpus(40)
    extractions, errors = extract_articles(articles, 10.0, jobs)
    assert errors == []
    assert extractions == [extract_article(a) for a in articles]
    assert all(e.doc.article is a for e, a in zip(extractions, articles))


def test_progress_counts_up_to_every_article():
    seen = []
    extract_articles(_corpus(12), 10.0, 2, lambda done, total: seen.append((done, total)))
    assert seen[-1] == (12, 12)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        extract_articles(_corpus(3), 10.0, 1)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_objects_the_caller_froze_stay_frozen():
    """A server that freezes its objects before forking workers keeps them frozen."""
    held = [[n] for n in range(1000)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            pass
        assert gc.get_freeze_count() == frozen >= len(held)
    finally:
        gc.unfreeze()


def test_what_is_made_while_the_collector_is_paused_goes_to_the_oldest_generation():
    """A run's millions of objects outlive extraction: a collection of the youngest generation
    right after it would walk them all for nothing."""
    was = gc.isenabled()
    try:
        gc.enable()
        with collector_paused():
            made = [[n] for n in range(10 * gc.get_threshold()[0])]
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        assert all(id(m) in oldest for m in made)
    finally:
        gc.enable() if was else gc.disable()


@needs_fork
def test_each_article_of_a_batch_has_its_own_time_bound(monkeypatch):
    # Together the articles of one batch run far over the bound; each stays under it.
    _when_marked(monkeypatch, lambda: time.sleep(0.3))
    articles = [_article(n, f"MARK {n}. Peskov said on Monday that talks went on.") for n in range(6)]
    extractions, errors = extract_articles(articles, 1.0, 1)
    assert errors == []
    assert len(extractions) == 6


@needs_fork
def test_an_article_that_runs_over_in_a_batch_costs_only_itself(monkeypatch):
    _when_marked(monkeypatch, lambda: time.sleep(60))
    articles = _corpus(10)
    articles[4] = replace(articles[4], text="MARK " + articles[4].text)
    started = time.monotonic()
    extractions, errors = extract_articles(articles, 0.5, 1)
    assert time.monotonic() - started < 20
    assert errors == [ReadError("04.txt", "extraction took longer than 0.5 s; skipped")]
    assert [e.doc.article.id for e in extractions] == [a.id for a in articles if a.id != "04.txt"]


@needs_fork
def test_an_article_that_ends_its_worker_in_a_batch_costs_only_itself(monkeypatch):
    _when_marked(monkeypatch, lambda: os._exit(3))
    articles = _corpus(10)
    for n in (2, 7):
        articles[n] = replace(articles[n], text="MARK " + articles[n].text)
    extractions, errors = extract_articles(articles, 10.0, 1)
    assert [(e.path, e.message) for e in errors] == [
        (f"{n:02d}.txt", "extraction ended its process (exit code 3); skipped") for n in (2, 7)]
    assert extractions == [extract_article(a) for a in articles if "MARK" not in a.text]
