"""The dask engine gives the same document as the local one, byte for byte."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from consistency import check
from consistency.api import Settings

distributed = pytest.importorskip("distributed")

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
CLUSTER = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "ecbplus-dev" / "clusters" / "19_ecb"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
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
