"""The extraction cache: a warm run gives the same document as a cold one, and extracts only what
changed; a cache from another extractor version is never read; concurrent runs leave it readable."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import consistency.api as api
import consistency.cache as cache_mod
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


def _json(folder: Path, **options: object) -> str:
    return json.dumps(check(folder, **options).to_dict(), sort_keys=True)


def test_warm_run_reads_the_cache_and_gives_the_same_json(corpus: Path, extracted: list[list[str]]) -> None:
    cold = _json(corpus, cache=True)
    warm = _json(corpus, cache=True)
    assert warm == cold == _json(corpus)
    assert (corpus.parent / ".consistency-cache" / "claims.sqlite").is_file()
    assert len(extracted[0]) == 2 and extracted[1] == []


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
    store = ClaimCache()
    assert len(store.get(articles)) == len(articles) == 24
    store.close()
