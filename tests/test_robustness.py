"""Hostile content and faults: no article can hang the run, crash it or take others down with it.

The first part checks the per-article time bound of `consistency.check` (worker processes, see
`consistency.workers`). The second runs every extractor on pathological text and times it against
that bound. The rest checks the same bound on HTML parsing in ingest, and keeps what these tests
found wrong: in ingest, and in a statement's span.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from datetime import date
from multiprocessing.connection import wait
from pathlib import Path

import pytest
import trafilatura

from consistency import Settings, check, extract
from consistency.extract import analyse
from consistency.ingest import read_articles
from consistency.kinds import KINDS
from consistency.model import Article, ReadError
from consistency.normalize import article_entities
from consistency.text import sentences

DEMO = Path(__file__).parents[1] / "articles"
BOUND = Settings().article_timeout

# The slow, failing and dying extractors below are patched into this process and reach the
# workers by fork; a spawned worker would import the real ones.
needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="patched extractors reach worker processes only by fork")


def _patch_extract(monkeypatch, marker: str, action) -> None:
    """Make extraction of any article containing `marker` do `action` instead."""
    real = extract.extract

    def patched(doc):
        if marker in doc.article.text:
            action()
        return real(doc)

    monkeypatch.setattr(extract, "extract", patched)


def _corpus(tmp_path: Path, **bad: str) -> Path:
    for article in DEMO.iterdir():
        (tmp_path / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


# --- the time bound ----------------------------------------------------------------------------

@needs_fork
def test_article_that_runs_over_is_skipped_and_reported_and_the_rest_is_checked(tmp_path, monkeypatch):
    _patch_extract(monkeypatch, "RUNAWAY", lambda: time.sleep(60))
    folder = _corpus(tmp_path, **{"a-runaway.txt": "RUNAWAY text."})
    started = time.monotonic()
    result = check(folder, Settings(article_timeout=0.5))
    assert time.monotonic() - started < 10
    assert result.errors == (ReadError(str(folder / "a-runaway.txt"), "extraction took longer than 0.5 s; skipped"),)
    assert "a-runaway.txt" not in {a.id for a in result.articles}
    assert sorted(f.kind for f in result.findings) == ["statement", "time"]


@needs_fork
def test_a_record_of_a_multi_article_file_is_named(tmp_path, monkeypatch):
    _patch_extract(monkeypatch, "RUNAWAY", lambda: time.sleep(60))
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Fine."}\n{"text": "RUNAWAY."}\n{"text": "Also fine."}\n', encoding="utf-8")
    result = check(feed, Settings(article_timeout=0.5, jobs=1))
    assert [a.id for a in result.articles] == ["feed.jsonl#1", "feed.jsonl#3"]
    assert result.errors == (
        ReadError(str(feed), "article 'feed.jsonl#2': extraction took longer than 0.5 s; skipped"),)


@needs_fork
def test_extraction_that_raises_skips_only_its_article(tmp_path, monkeypatch):
    def fail():
        raise RuntimeError("boom\nsecond line")

    _patch_extract(monkeypatch, "FAULT", fail)
    folder = _corpus(tmp_path, **{"fault.txt": "FAULT text."})
    result = check(folder, Settings(jobs=1))
    assert result.errors == (
        ReadError(str(folder / "fault.txt"), "extraction failed: RuntimeError: boom second line; skipped"),)
    assert len(result.articles) == 2


@needs_fork
def test_a_worker_that_dies_is_replaced(tmp_path, monkeypatch):
    _patch_extract(monkeypatch, "DIE", lambda: os._exit(3))
    folder = _corpus(tmp_path, **{"a-die.txt": "DIE now.", "b-die.txt": "DIE again."})
    result = check(folder, Settings(jobs=1))
    assert [e.message for e in result.errors] == ["extraction ended its process (exit code 3); skipped"] * 2
    assert len(result.articles) == 2
    assert len(result.findings) == 2


@needs_fork
def test_results_keep_article_order_whatever_order_workers_finish_in(tmp_path, monkeypatch):
    # The first articles take longest, so the workers finish them last.
    texts = {f"{n}.txt": f"Article {n}: Peskov said on Monday that talks went on. DELAY{n}" for n in range(6)}
    for n in range(6):
        _patch_extract(monkeypatch, f"DELAY{n}", lambda n=n: time.sleep(0.05 * (6 - n)))
    folder = _corpus(tmp_path, **texts)
    parallel = check(folder, Settings(jobs=4))
    serial = check(folder, Settings(jobs=1))
    assert [a.id for a in parallel.articles] == sorted(a.id for a in parallel.articles)
    assert json.dumps(parallel.to_dict(), sort_keys=True) == json.dumps(serial.to_dict(), sort_keys=True)


@pytest.mark.parametrize("bad", [{"article_timeout": 0}, {"article_timeout": -1}, {"jobs": 0}])
def test_settings_refuse_a_bound_or_job_count_that_cannot_work(bad):
    with pytest.raises(ValueError):
        Settings(**bad)


def test_claims_of_every_kind_cross_the_process_boundary():
    corpora = [DEMO, *sorted((Path(__file__).parent / "data").glob("*/*/"))]
    kinds = set()
    for corpus in corpora:
        articles, _ = read_articles([corpus])
        extractions, errors = extract.extract_articles(articles, BOUND, 2)
        assert errors == []
        for article, got in zip(articles, extractions):
            assert got == extract.extract_article(article)
            kinds |= {c.kind for c in got.claims}
    assert kinds == set(KINDS)


# --- pathological text -------------------------------------------------------------------------

def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _paragraph(size: int) -> str:
    """Plain news words with no punctuation at all: one sentence of `size` characters."""
    rng = random.Random(6)
    vocabulary = ("the minister said that talks would continue after a meeting in the capital "
                  "president former official confirmed denied people killed three years ago").split()
    return " ".join(rng.choice(vocabulary) for _ in range(size // 5))[:size]


PATHOLOGICAL = {
    "'a ' x 100,000": lambda: "a " * 100_000,
    "1 MB of capitalised words A B C": lambda: " ".join(chr(65 + i % 26) for i in range(500_000)),
    "1 MB paragraph without punctuation": lambda: _paragraph(1_000_000),
    "50,000 digits": lambda: _repeat("1234567890", 50_000),
    "200 KB of “": lambda: "“" * 200_000,
    "1 MB of commas": lambda: "," * 1_000_000,
    "200 KB of 'U.S. '": lambda: _repeat("U.S. ", 200_000),
    "200 KB of 'President '": lambda: _repeat("President ", 200_000),
    "200 KB of 'ex-President '": lambda: _repeat("ex-President ", 200_000),
    "200 KB of 'not confirmed nor '": lambda: _repeat("not confirmed nor ", 200_000),
}
STAGES = ["sentences", "names", *KINDS]


def _time_one(text: str, stage: str, conn) -> None:
    doc = analyse(Article(id="x", path="x", title="x", source=None, published=date(2024, 8, 12), url=None,
                          text=text, sha256=""))
    run = {"sentences": lambda: sentences(text), "names": lambda: article_entities(text)}.get(
        stage, lambda: KINDS[stage].extract(doc))
    started = time.perf_counter()
    run()
    conn.send(time.perf_counter() - started)


@pytest.fixture(scope="module")
def stage_times():
    """Seconds per (input, stage), None when it ran past the bound; cases run side by side, each in
    its own process, on every core."""
    context = multiprocessing.get_context("fork")
    pending = [(name, stage) for name in PATHOLOGICAL for stage in STAGES]
    texts = {name: make() for name, make in PATHOLOGICAL.items()}
    times: dict[tuple[str, str], float | None] = {}
    running: dict = {}
    while pending or running:
        while pending and len(running) < (os.cpu_count() or 1):
            case = pending.pop(0)
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_time_one, args=(texts[case[0]], case[1], send))
            process.start()
            send.close()
            # Building the article's sentences comes before the clock starts: allow for it.
            running[receive] = (case, process, time.monotonic() + BOUND + 2)
        wait(list(running), timeout=0.1)
        for receive, (case, process, deadline) in list(running.items()):
            if receive.poll():
                times[case] = receive.recv()
            elif time.monotonic() < deadline:
                continue
            else:
                times[case] = None
            process.kill()
            process.join()
            receive.close()
            del running[receive]
    for name in PATHOLOGICAL:
        print(f"{name:36}", " ".join(f"{s}={'>' + str(BOUND) if times[name, s] is None else f'{times[name, s]:.2f}'}"
                                     for s in STAGES))
    return times


@pytest.mark.parametrize("name, stage", [(name, stage) for name in PATHOLOGICAL for stage in STAGES])
def test_every_stage_finishes_pathological_text_within_the_bound(stage_times, name, stage):
    seconds = stage_times[name, stage]
    assert seconds is not None and seconds < BOUND, f"{stage} on {name}: {seconds} s"


def test_a_corpus_of_pathological_articles_still_finishes(tmp_path):
    """Whatever the extractors do with them, each bad article costs at most the bound."""
    bad = {f"bad-{n}.txt": make()[:300_000] for n, make in enumerate(PATHOLOGICAL.values())}
    folder = _corpus(tmp_path, **bad)
    started = time.monotonic()
    result = check(folder, Settings(article_timeout=1, jobs=2))
    elapsed = time.monotonic() - started
    assert elapsed < len(bad) / 2 * 1 + 10
    assert sorted(f.kind for f in result.findings) == ["statement", "time"]
    skipped = {Path(e.path).name for e in result.errors}
    assert all(e.message == "extraction took longer than 1 s; skipped" for e in result.errors)
    assert skipped | {a.id for a in result.articles} == set(bad) | {p.name for p in DEMO.iterdir()}


# --- ingest: byte order marks ------------------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("boms.txt", b"\xef\xbb\xbf" * 3),
    ("boms.md", "\ufeff---\ntitle: T\n---\n\ufeff\n".encode()),
    ("bom.json", json.dumps({"text": "\ufeff\ufeff "}).encode()),
])
def test_text_of_only_byte_order_marks_is_empty(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    articles, errors = read_articles([path])
    assert articles == []
    assert errors == [ReadError(str(path), "empty article")]


def test_leading_byte_order_marks_all_go_and_offsets_count_from_the_text(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "\ufeff\ufeffPeskov spoke."}), encoding="utf-8-sig")
    articles, errors = read_articles([path])
    assert errors == []
    assert articles[0].text == "Peskov spoke."


# --- ingest: the HTML time bound ---------------------------------------------------------------

PAGE = "<html><body><article><p>{} Dmitry Peskov declined to comment on the talks.</p></article></body></html>"


@needs_fork
@pytest.mark.parametrize("action, message", [
    (lambda: time.sleep(60), "HTML parsing took longer than 0.5 s"),
    (lambda: os._exit(3), "HTML parsing ended its process (exit code 3)"),
])
def test_html_page_that_hangs_or_kills_the_parser_is_reported_and_the_next_page_is_read(
        tmp_path, monkeypatch, action, message):
    real = trafilatura.bare_extraction

    def patched(text, **options):
        if "HOSTILE" in text:
            action()
        return real(text, **options)

    monkeypatch.setattr(trafilatura, "bare_extraction", patched)
    for name, marker in (("a.html", "First."), ("b.html", "HOSTILE"), ("c.html", "Last.")):
        (tmp_path / name).write_text(PAGE.format(marker), encoding="utf-8")
    started = time.monotonic()
    articles, errors = read_articles([tmp_path], html_timeout=0.5)
    assert time.monotonic() - started < 10
    assert [a.id for a in articles] == ["a.html", "c.html"]
    assert errors == [ReadError(str(tmp_path / "b.html"), message)]


_LAUGHS = "".join(f"{name}: &{name} [{', '.join(['*' + ref] * 9)}]\n" for name, ref in zip("bcdefghi", "abcdefgh"))


@pytest.mark.parametrize("field", ["title", "published"])
def test_front_matter_billion_laughs_is_shown_short_not_expanded(tmp_path, field):
    """Nine aliases deep, the value is a list of 387 million strings: str() of it never ends."""
    path = tmp_path / "a.md"
    path.write_text(f"---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{_LAUGHS}{field}: *i\n---\nBody.\n",
                    encoding="utf-8")
    started = time.monotonic()
    articles, errors = read_articles([path])
    assert time.monotonic() - started < 10
    assert [a.text for a in articles] == ["Body."]
    shown = articles[0].title if field == "title" else errors[0].message
    assert shown.count("[...]") >= 6 and len(shown) < 500


def test_json_nested_too_deeply_is_an_error(tmp_path):
    path = tmp_path / "a.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert read_articles([path]) == ([], [ReadError(str(path), "RecursionError: maximum recursion depth "
                                                   "exceeded while decoding a JSON array from a unicode string")])


# --- a span found wrong by tests/test_properties.py --------------------------------------------

def test_statement_evidence_starts_at_its_subject_in_a_long_sentence():
    text = ("Heavy rain strong wind flooded roads closed schools damaged bridges broke power lines and cut "
            "water supplies across northern provinces before Governor Sam Reyes confirmed that the state "
            "would pay for repairs.")
    article = Article(id="a", path="a", title="a", source=None, published=None, url=None, text=text, sha256="")
    [claim] = [c for c in extract.extract_article(article).claims if c.kind == "statement"]
    assert claim.evidence.startswith(claim.subject)


def test_one_hundred_thousand_tiny_files_are_all_read(tmp_path):
    """A folder people drop files into can hold very many: every one is read, in order, none lost."""
    for folder in range(100):
        sub = tmp_path / f"f{folder:03d}"
        sub.mkdir()
        for n in range(1000):
            (sub / f"a{n:04d}.txt").write_text(f"Item {folder}-{n}\nThe council met on Monday.\n", encoding="utf-8")
    articles, errors = read_articles([tmp_path])
    assert errors == []
    assert len(articles) == 100_000
    assert articles[0].id == "f000/a0000.txt" and articles[-1].id == "f099/a0999.txt"
