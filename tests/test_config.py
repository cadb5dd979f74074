"""User settings files: aliases from consistency.toml or pyproject's [tool.consistency]."""
from __future__ import annotations

import pytest

from consistency import config


def test_no_settings_file_means_no_settings(tmp_path):
    assert config.load(tmp_path) == {}


def test_aliases_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.consistency.aliases]\n"Vlad" = "Vladimir Putin"\n', encoding="utf-8")
    assert config.load(tmp_path) == {"aliases": {"Vlad": "Vladimir Putin"}}


def test_consistency_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.consistency.aliases]\n"A" = "B"\n', encoding="utf-8")
    (tmp_path / "consistency.toml").write_text('[aliases]\n"Kremlin" = "Russian government"\n', encoding="utf-8")
    assert config.load(tmp_path) == {"aliases": {"Kremlin": "Russian government"}}


@pytest.mark.parametrize("text, message", [
    ("[aliases\n", "consistency.toml"),
    ('aliases = ["a"]\n', "'aliases' must be a table"),
    ('colour = "red"\n', "unknown setting(s): colour"),
])
def test_bad_settings_name_the_file_and_the_problem(tmp_path, text, message):
    (tmp_path / "consistency.toml").write_text(text, encoding="utf-8")
    with pytest.raises(config.ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        config.load(tmp_path)


def test_alias_in_settings_joins_two_names_in_a_check(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from consistency.cli import app
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\npublished: 2024-03-08\n---\nPresident Jan Kowalski opened the bridge.\n",
                                 encoding="utf-8")
    (corpus / "b.md").write_text("---\npublished: 2024-03-08\n---\nFormer President Johnny Nowak opened the bridge.\n",
                                 encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["check", "corpus", "--json", "out.json", "-q"]).exit_code == 0
    (tmp_path / "consistency.toml").write_text('[aliases]\n"Johnny Nowak" = "Jan Kowalski"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "corpus", "--json", "out.json", "-q"])
    assert result.exit_code == 1
    assert '"kind": "role"' in (tmp_path / "out.json").read_text(encoding="utf-8")
