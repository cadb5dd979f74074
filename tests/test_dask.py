"""The dask engine extracts and compares on the cluster and gives the same document as the local
one, byte for byte."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from consistency import check, compare, dask_engine
from consistency.api import Settings

distributed = pytest.importorskip("distributed")

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
CLUSTER = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "ecbplus-dev" / "clusters" / "19_ecb"


@pytest.fixture(scope="module")
def scheduler():
    """A worker in its own process, as on a real cluster: it has none of this process's state
    (the claims `remember`ed for comparators)."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _json(folder: Path, **options: object) -> str:
    return json.dumps(check(folder, **options).to_dict(), sort_keys=True, ensure_ascii=False)


def test_dask_engine_matches_the_local_engine_on_articles(scheduler: str) -> None:
    assert _json(ARTICLES, engine="dask", scheduler=scheduler) == _json(ARTICLES)


def test_dask_engine_matches_the_local_engine_on_a_small_corpus(scheduler: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ARTICLES, corpus / "kremlin")
    for n, source in enumerate(sorted(ARTICLES.iterdir())):
        text = source.read_text(encoding="utf-8")
        (corpus / f"edited-{n}.txt").write_text(text.replace("2024", "2023").replace("Tuesday", "Monday"), encoding="utf-8")
    if CLUSTER.is_dir():
        shutil.copytree(CLUSTER, corpus / "ecb")
    local = _json(corpus)
    assert _json(corpus, engine="dask", scheduler=scheduler) == local
    assert json.loads(local)["claims"]


def test_the_dask_engine_needs_a_scheduler() -> None:
    with pytest.raises(ValueError, match="scheduler"):
        Settings(engine="dask")
    with pytest.raises(ValueError, match="local or dask"):
        Settings(engine="spark")


def test_cli_engine_dask(scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from consistency.cli import app
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    local = runner.invoke(app, ["check", str(ARTICLES), "--json", "local.json", "--no-cache"])
    remote = runner.invoke(app, ["check", str(ARTICLES), "--json", "dask.json", "--no-cache",
                                 "--engine", "dask", "--scheduler", scheduler])
    assert remote.exit_code == local.exit_code != 2
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "local.json").read_bytes()
    missing = runner.invoke(app, ["check", str(ARTICLES), "--engine", "dask"])
    assert missing.exit_code == 2 and "--scheduler" in missing.output


def _judged_by_the_run(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """What a local run of `folder` hands `judge_codes`: its claims, pair codes, Docs and names."""
    seen = []
    local = compare.judge_codes

    def spy(claims, codes, docs, names, jobs, elsewhere=None):
        seen.append((claims, codes, docs, names))
        return local(claims, codes, docs, names, jobs, elsewhere)
    with monkeypatch.context() as patched:
        patched.setattr(compare, "judge_codes", spy)
        check(folder)
    return seen[0]


def test_judging_on_the_cluster_in_parts_gives_the_local_verdicts_in_order(
        scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    claims, codes, docs, names = _judged_by_the_run(ARTICLES, monkeypatch)
    monkeypatch.setattr(dask_engine, "PART_PAIRS", 5)
    assert len(codes) > 2 * dask_engine.PART_PAIRS
    local = compare.judge_codes(claims, codes, docs, names, 1)
    assert local and any(relation != "agree" for _, _, relation, _, _ in local)
    assert dask_engine.judge_codes(claims, codes, docs, names, scheduler) == local


def test_a_part_carries_its_claims_in_their_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """In index order, `judge` orders each pair's sides on a worker as here, even claims tied on
    (article, offsets)."""
    claims, codes, docs, names = _judged_by_the_run(ARTICLES, monkeypatch)
    n, part = len(claims), codes[1::3]
    used, (touched, local, part_docs, part_names) = dask_engine._part(claims, part, docs, names)
    assert used == sorted(set(used)) and touched == [claims[k] for k in used]
    m = len(touched)
    assert [(used[c // m], used[c % m]) for c in local.tolist()] == [(c // n, c % n) for c in part.tolist()]
    assert set(part_docs) == set(part_names) == {c.article_id for c in touched}


def test_comparing_runs_on_the_cluster(scheduler: str, monkeypatch: pytest.MonkeyPatch) -> None:
    local = _json(ARTICLES)
    monkeypatch.setattr(dask_engine, "PART_PAIRS", 5)

    def judged_here(*args: object) -> None:
        raise AssertionError("judged in this process")
    monkeypatch.setattr(compare, "judge", judged_here)
    with distributed.Client(scheduler, set_as_default=False) as client, distributed.get_task_stream(client) as stream:
        assert _json(ARTICLES, engine="dask", scheduler=scheduler) == local
    tasks = [str(task["key"]) for task in stream.data if task["status"] == "OK"]
    assert sum(key.startswith("judge_part-") for key in tasks) > 1
    assert sum(key.startswith("extract_article-") for key in tasks) == len(list(ARTICLES.iterdir()))


def test_a_part_whose_task_fails_is_judged_here(monkeypatch: pytest.MonkeyPatch) -> None:
    local = _json(ARTICLES)
    here = []

    def judge(*args: object) -> list:
        here.append(args)
        return compare.judge(*args)

    def lost(task: tuple) -> list:
        raise RuntimeError("worker lost")
    monkeypatch.setattr(dask_engine, "judge", judge)
    monkeypatch.setattr(dask_engine, "judge_part", lost)
    monkeypatch.setattr(dask_engine, "PART_PAIRS", 5)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        assert _json(ARTICLES, engine="dask", scheduler=cluster.scheduler_address) == local
    assert len(here) > 1
