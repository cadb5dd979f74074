"""The `consistency` command: exit codes, output files, the baseline workflow, `claims`, `accept`.

Every run happens inside tmp_path (monkeypatch.chdir), so the default reports/ folder and
consistency-baseline.json are written there and never in the repository.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consistency.cli import app
from consistency.extract import analyse, extract
from consistency.ingest import read_articles

DEMO = Path(__file__).parents[1] / "articles"
DATA = Path(__file__).parent / "data" / "api"
# Wide enough that rich never wraps a line of evidence.
RUNNER = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1", "TERM": "dumb"})


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return RUNNER.invoke(app, [str(a) for a in args])


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def statuses(path: Path) -> list[str]:
    return sorted(f["status"] for f in read_json(path)["findings"])


def corpus_with_binary(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(DEMO, folder)
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 8)
    return folder


# --- check: exit codes and files ----------------------------------------------------------------

def test_new_findings_exit_1_and_write_every_output(in_tmp):
    result = run("check", DEMO, "--json", "out/result.json", "--sarif", "out/result.sarif")
    assert result.exit_code == 1, result.output
    assert "FAIL: 2 new finding(s), --fail-on new" in result.stdout
    html = (in_tmp / "reports" / "index.html").read_text(encoding="utf-8")
    assert "three years ago" in html
    doc = read_json(in_tmp / "out" / "result.json")
    assert doc["format"] == 1
    assert sorted(f["kind"] for f in doc["findings"]) == ["statement", "time"]
    sarif = read_json(in_tmp / "out" / "result.sarif")
    assert sarif["version"] == "2.1.0"
    # One SARIF result per side of each finding, each carrying the finding's fingerprint.
    results = sarif["runs"][0]["results"]
    assert len(results) == 2 * len(doc["findings"])
    assert {r["partialFingerprints"]["consistency/v1"] for r in results} == {
        f["fingerprint"] for f in doc["findings"]}


def test_json_file_matches_the_library_result(in_tmp):
    from consistency import check
    assert run("check", DEMO, "--json", "r.json").exit_code == 1
    assert read_json(in_tmp / "r.json") == json.loads(json.dumps(check(DEMO).to_dict()))


def test_report_path_option(in_tmp):
    result = run("check", DEMO, "--report", "elsewhere/report.html", "--quiet")
    assert result.exit_code == 1
    assert (in_tmp / "elsewhere" / "report.html").is_file()
    assert not (in_tmp / "reports").exists()


def test_update_baseline_then_a_second_run_passes(in_tmp):
    first = run("check", DEMO, "--update-baseline")
    assert first.exit_code == 0, first.output
    baseline = read_json(in_tmp / "consistency-baseline.json")
    assert len(baseline["known"]) == 2
    second = run("check", DEMO, "--json", "r.json")
    assert second.exit_code == 0, second.output
    assert statuses(in_tmp / "r.json") == ["known", "known"]
    # --fail-on any still counts known findings.
    assert run("check", DEMO, "--fail-on", "any").exit_code == 1


def test_fail_on_none_passes(in_tmp):
    result = run("check", DEMO, "--fail-on", "none")
    assert result.exit_code == 0, result.output
    assert "OK:" in result.stdout


def test_fail_on_bogus_is_a_usage_error(in_tmp):
    result = run("check", DEMO, "--fail-on", "bogus")
    assert result.exit_code == 2
    assert "--fail-on" in result.stderr
    assert not (in_tmp / "reports").exists()


def test_missing_path_exits_2(in_tmp):
    result = run("check", DEMO, in_tmp / "no-such-folder")
    assert result.exit_code == 2
    assert "no-such-folder" in result.stderr
    assert not (in_tmp / "reports").exists()


def test_clean_corpus_exits_0(in_tmp):
    result = run("check", DATA / "agreement", "--json", "r.json")
    assert result.exit_code == 0, result.output
    assert read_json(in_tmp / "r.json")["findings"] == []


# --- unreadable articles -----------------------------------------------------------------------

def test_unreadable_article_exits_2_but_writes_the_json(in_tmp):
    folder = corpus_with_binary(in_tmp)
    result = run("check", folder, "--json", "r.json")
    assert result.exit_code == 2, result.output
    assert "scan.txt" in result.stdout
    doc = read_json(in_tmp / "r.json")
    assert [Path(e["path"]).name for e in doc["errors"]] == ["scan.txt"]
    assert "binary" in doc["errors"][0]["message"]
    assert len(doc["articles"]) == 2
    assert len(doc["findings"]) == 2


def test_allow_unreadable_falls_back_to_the_findings_gate(in_tmp):
    folder = corpus_with_binary(in_tmp)
    assert run("check", folder, "--allow-unreadable").exit_code == 1
    assert run("check", folder, "--allow-unreadable", "--fail-on", "none").exit_code == 0


# --- claims ------------------------------------------------------------------------------------

def test_claims_prints_every_claim_with_its_span(in_tmp):
    path = DEMO / "kremlin-cryptic-stance-putin-trump-contacts.txt"
    result = run("claims", path)
    assert result.exit_code == 0, result.output
    assert "reference date unknown (unknown)" in result.stdout
    [article], _ = read_articles([path])
    claims = extract(analyse(article))
    assert claims
    lines = result.stdout.splitlines()[1:]
    assert len(lines) == len(claims)
    for line, claim in zip(lines, claims):
        assert line.split()[0] == f"{claim.span.start}-{claim.span.end}"
        assert line.split()[1] == claim.kind
        assert f"“{claim.evidence}”" in line


def test_claims_shows_the_metadata_date(in_tmp):
    result = run("claims", DATA / "contradiction" / "coast-news.md")
    assert result.exit_code == 0, result.output
    assert "reference date 2024-03-08 (metadata)" in result.stdout
    assert "“on Thursday”" in result.stdout


def test_claims_prints_bracketed_evidence_verbatim(in_tmp):
    # "[sic]" looks like console markup; it must reach the terminal as written.
    path = DATA.parent / "cli" / "bracketed.txt"
    result = run("claims", path)
    assert result.exit_code == 0, result.output
    [article], _ = read_articles([path])
    claims = extract(analyse(article))
    assert any("[sic]" in c.evidence for c in claims)
    for claim in claims:
        assert f"“{claim.evidence}”" in result.stdout


def test_missing_path_with_brackets_is_named_as_written(in_tmp):
    result = run("check", "notes[/]draft.md")
    assert result.exit_code == 2
    assert "notes[/]draft.md" in result.stderr


def test_claims_of_an_unreadable_file_exits_2(in_tmp):
    (in_tmp / "scan.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run("claims", in_tmp / "scan.txt")
    assert result.exit_code == 2
    assert "binary" in result.stderr


# --- accept ------------------------------------------------------------------------------------

def fingerprints(in_tmp: Path) -> dict[str, str]:
    assert run("check", DEMO, "--json", "first.json").exit_code == 1
    return {f["kind"]: f["fingerprint"] for f in read_json(in_tmp / "first.json")["findings"]}


def test_accept_marks_the_finding_accepted(in_tmp):
    fps = fingerprints(in_tmp)
    result = run("accept", fps["time"], "--reason", "Both spans date the same invasion; reporting dates differ.",
                 "--by", "desk")
    assert result.exit_code == 0, result.output
    # One of two findings accepted: the other still fails the gate.
    partly = run("check", DEMO, "--json", "r.json")
    assert partly.exit_code == 1
    assert statuses(in_tmp / "r.json") == ["accepted", "new"]
    assert run("accept", fps["statement"], "--reason", "Trump spoke after the other article ran.").exit_code == 0
    done = run("check", DEMO, "--json", "r.json")
    assert done.exit_code == 0, done.output
    doc = read_json(in_tmp / "r.json")
    assert sorted(f["status"] for f in doc["findings"]) == ["accepted", "accepted"]
    [time_finding] = [f for f in doc["findings"] if f["kind"] == "time"]
    assert time_finding["accepted"]["reason"] == "Both spans date the same invasion; reporting dates differ."
    assert time_finding["accepted"]["by"] == "desk"


def test_accept_without_reason_is_a_usage_error(in_tmp):
    fps = fingerprints(in_tmp)
    result = run("accept", fps["time"])
    assert result.exit_code == 2
    assert "--reason" in result.stderr
    assert not (in_tmp / "consistency-baseline.json").exists()


def test_accept_with_a_blank_reason_fails(in_tmp):
    fps = fingerprints(in_tmp)
    result = run("accept", fps["time"], "--reason", "   ")
    assert result.exit_code == 2
    assert "reason" in result.stderr
    assert not (in_tmp / "consistency-baseline.json").exists()


def test_broken_baseline_exits_2(in_tmp):
    (in_tmp / "consistency-baseline.json").write_text("{not json", encoding="utf-8")
    result = run("check", DEMO)
    assert result.exit_code == 2
    assert "consistency-baseline.json" in result.stderr


def test_progress_bar_stays_silent_when_stderr_is_not_a_terminal(capsys):
    from consistency.cli import _ProgressBar

    with _ProgressBar() as bar:
        for done in range(0, 201, 50):
            bar(done, 200)
    assert capsys.readouterr().err == ""


def test_progress_hook_is_told_how_far_extraction_has_come():
    from consistency import check

    seen = []
    check(Path(__file__).parents[1] / "articles", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1] == (2, 2)
    assert all(total == 2 and 0 <= done <= 2 for done, total in seen)


def test_a_crash_exits_2_not_1(monkeypatch, capsys):
    from consistency import cli

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(cli, "check", boom)
    monkeypatch.setattr("sys.argv", ["consistency", "check", str(Path(__file__).parents[1] / "articles")])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == cli.Exit.ERROR
    assert "internal failure: RuntimeError: disk on fire" in capsys.readouterr().err


def test_jobs_and_article_timeout_reach_the_run(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from consistency import cli

    seen = {}
    real = cli.check

    def spy(paths, settings, **kwargs):
        seen["settings"] = settings
        return real(paths, settings, **kwargs)
    monkeypatch.setattr(cli, "check", spy)
    monkeypatch.chdir(tmp_path)
    articles = str(Path(__file__).parents[1] / "articles")
    result = CliRunner().invoke(cli.app, ["check", articles, "--jobs", "1", "--article-timeout", "5", "-q"])
    assert result.exit_code == 1, result.output
    assert (seen["settings"].jobs, seen["settings"].article_timeout) == (1, 5.0)
    assert CliRunner().invoke(cli.app, ["check", articles, "--jobs", "0"]).exit_code == 2
