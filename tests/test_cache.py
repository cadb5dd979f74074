"""The cache: a warm run gives the same document as a cold one, and extracts and compares only what
changed; a cache from another extractor version or for other settings is never read; concurrent
runs leave it readable."""
from __future__ import annotations

import json
import pickle
from dataclasses import replace
from datetime import date
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import consistency.api as api
import consistency.cache as cache_mod
import consistency.compare as compare_mod
from consistency import baseline as baseline_mod
from consistency import check
from consistency.cache import ClaimCache
from consistency.extract import Extraction, extract_articles
from consistency.ingest import read_articles

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of articles/ with the current folder (where the cache lives) set to tmp_path."""
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture()
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The article ids each run sent to extraction."""
    calls: list[list[str]] = []
    real = api.extract_articles

    def spy(articles, timeout, jobs, progress=None):
        calls.append([a.id for a in articles])
        return real(articles, timeout, jobs, progress)
    monkeypatch.setattr(api, "extract_articles", spy)
    return calls


@pytest.fixture()
def editions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Six editions of each article of articles/, so that blocks hold many pairs."""
    folder = tmp_path / "editions"
    folder.mkdir()
    for i, source in enumerate(sorted(ARTICLES.iterdir())):
        text = source.read_text(encoding="utf-8")
        for k in range(6):
            (folder / f"{i}-{k}.txt").write_text(f"Edition {k}.\n{text}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture()
def judged(monkeypatch: pytest.MonkeyPatch) -> list[list[tuple[str, str]]]:
    """The articles of the pairs each run sent to the comparators."""
    calls: list[list[tuple[str, str]]] = []
    real = compare_mod.judge

    def spy(claims, pairs, docs, names):
        pairs = list(pairs)
        calls.append([(claims[i].article_id, claims[j].article_id) for i, j in pairs])
        return real(claims, pairs, docs, names)
    monkeypatch.setattr(compare_mod, "judge", spy)
    return calls


def _json(folder: Path, **options: object) -> str:
    return json.dumps(check(folder, **options).to_dict(), sort_keys=True)


def test_warm_run_reads_the_cache_and_gives_the_same_json(corpus: Path, extracted: list[list[str]]) -> None:
    cold = _json(corpus, cache=True)
    warm = _json(corpus, cache=True)
    assert len(extracted) == 1 and len(extracted[0]) == 2  # the warm run read the whole result
    assert warm == cold == _json(corpus)
    assert (corpus.parent / ".consistency-cache" / "claims.sqlite").is_file()


def test_a_warm_run_gives_the_agreements_and_graph_of_a_cold_one(corpus: Path) -> None:
    cold = check(corpus, cache=True)
    warm = check(corpus, cache=True)
    assert warm.agreements == cold.agreements and warm.agreements
    assert sorted(warm.graph.edges(data="type")) == sorted(cold.graph.edges(data="type"))


def test_a_result_is_reused_only_under_the_same_settings(corpus: Path, extracted: list[list[str]]) -> None:
    _json(corpus, cache=True)
    for options in ({"updates_as_findings": True}, {"aliases": {"Dmitry Peskov": "Kremlin spokesman"}}):
        assert _json(corpus, cache=True, **options) == _json(corpus, **options)
    assert len(extracted) == 5  # both settings ran, without the cache's result, and from the cache's extractions
    assert extracted[1] == extracted[3] == []


def test_a_baseline_applies_to_a_cached_result(corpus: Path, tmp_path: Path) -> None:
    result = check(corpus, cache=True)
    assert result.findings
    path = tmp_path / "baseline.json"
    baseline_mod.write(path, baseline_mod.updated(baseline_mod.load(path), result.findings[:1]))
    warm = _json(corpus, cache=True, baseline=path, today=date(2026, 1, 1))
    assert warm == _json(corpus, baseline=path, today=date(2026, 1, 1))
    assert '"status": "known"' in warm


def test_a_changed_article_is_extracted_again(corpus: Path, extracted: list[list[str]]) -> None:
    _json(corpus, cache=True)
    changed = sorted(corpus.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Trump", "Biden"), encoding="utf-8")
    assert _json(corpus, cache=True) == _json(corpus)
    assert len(extracted[1]) == 1 and changed.name.startswith(extracted[1][0])


def test_no_cache_leaves_no_cache_behind(corpus: Path) -> None:
    _json(corpus)
    assert not (corpus.parent / ".consistency-cache").exists()


def test_a_cache_written_by_another_version_is_ignored(corpus: Path, extracted: list[list[str]],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    articles, _ = read_articles([corpus])
    empty = [Extraction(e.doc, (), ()) for e in extract_articles(articles, 10.0, 1)[0]]
    with monkeypatch.context() as m:
        m.setattr(cache_mod, "extractor_version", lambda: "another version")
        store = ClaimCache()
        store.put(empty)  # claims that the current version would never produce
        store.close()
    assert _json(corpus, cache=True) == _json(corpus)
    assert len(extracted[0]) == 2


def test_extractions_of_another_version_are_dropped_when_this_one_writes(corpus: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    articles, _ = read_articles([corpus])
    extractions = extract_articles(articles, 10.0, 1)[0]
    with monkeypatch.context() as m:
        m.setattr(cache_mod, "extractor_version", lambda: "another version")
        old = ClaimCache()
        old.put(extractions)
        old.close()
    store = ClaimCache()
    assert store.conn.execute("SELECT COUNT(*) FROM extraction").fetchone()[0] == 2
    store.put(extractions[:1])
    assert store.conn.execute("SELECT version FROM extraction").fetchall() == [(cache_mod.extractor_version(),)]
    store.close()


def test_two_runs_at_once_leave_a_readable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folders = []
    for n in range(2):
        folder = tmp_path / f"corpus{n}"
        folder.mkdir()
        for i, source in enumerate(sorted(ARTICLES.iterdir())):
            text = source.read_text(encoding="utf-8")
            for k in range(6):
                (folder / f"{n}-{i}-{k}.txt").write_text(f"Edition {n} {k}.\n{text}", encoding="utf-8")
        folders.append(folder)
    code = "import sys; from consistency import check; check(sys.argv[1], cache=True, jobs=1)"
    runs = [subprocess.Popen([sys.executable, "-c", code, str(f)], cwd=tmp_path) for f in folders]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    articles = [a for f in folders for a in read_articles([f])[0]]
    cache_mod.extractor_version.cache_clear()  # the runs' version, should the code have changed since
    store = ClaimCache()
    assert len(store.get(articles)) == len(articles) == 24
    store.close()


def test_a_rerun_compares_nothing_and_an_edit_only_the_pairs_of_its_claims(editions: Path, judged) -> None:
    cold = _json(editions, cache=True)
    assert len(judged) == 1 and judged[0]
    assert _json(editions, cache=True) == cold
    assert len(judged) == 1
    edited = editions / "1-3.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Monday", "Wednesday"), encoding="utf-8")
    assert _json(editions, cache=True) == _json(editions)
    fresh, everything = judged[1:]
    assert fresh and all("1-3.txt" in pair for pair in fresh)
    assert len(fresh) < len(everything)


def test_values_stored_by_another_version_or_damaged_are_not_used(editions: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:
        m.setattr(cache_mod, "extractor_version", lambda: "another version")
        _json(editions, cache=True)
    store = ClaimCache()
    rows = dict(store.conn.execute("SELECT name, value FROM state").fetchall())
    assert sorted(rows) == ["families", "result", "verdicts"]
    # The other version's result without its findings, and its verdicts all agreements: a run that
    # read them would lose its findings.
    saved, verdicts = pickle.loads(rows["result"]), pickle.loads(rows["verdicts"])
    stale = {"result": replace(saved, findings=()),
             "verdicts": replace(verdicts, relations=["agree"] * len(verdicts.relations),
                                 fingerprints=[""] * len(verdicts.relations))}
    with store.conn:
        store.conn.executemany("UPDATE state SET value = ? WHERE name = ?",
                               [(pickle.dumps(value), name) for name, value in stale.items()])
    store.close()
    expected = _json(editions)
    assert _json(editions, cache=True) == expected
    store = ClaimCache()
    with store.conn:
        store.conn.execute("UPDATE state SET value = ?", (b"damaged",))
    store.close()
    assert _json(editions, cache=True) == expected


def test_an_edit_of_titles_alone_is_compared_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles that name no one in common are related by one title, which the text's key does
    not cover."""
    folder = tmp_path / "bridge"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    texts = {"a.md": "Ann Vale said the harbour bridge in Lakeport opened on May 3 after two years of work.",
             "b.md": "Tim Oakes said the harbour bridge opened on May 13 after two years of work."}

    def write(titles: dict[str, str]) -> None:
        for name, text in texts.items():
            (folder / name).write_text(f"---\ntitle: {titles[name]}\n---\n{text}\n", encoding="utf-8")
    write({"a.md": "Bridge opens", "b.md": "Works end"})
    assert not check(folder, cache=True).findings
    write({"a.md": "Bridge opens", "b.md": "Bridge opens"})
    assert _json(folder, cache=True) == _json(folder)
    assert check(folder).findings
