"""The CI gate through the command line, as a pipeline uses it: record a baseline, fail on a new
contradiction, accept it with a reason, see it reported as fixed once it is gone, and print
GitHub Actions annotations that point at the evidence."""

from __future__ import annotations

import io
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from consistency.cli import _print_table, app, github_annotations
from consistency.model import Article, Claim, Finding, RunResult, Span

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
# Dates the invasion to March 2021; the demo corpus says February 2022, so this adds exactly one
# new finding, between this article and the one that gives the date.
THIRD = "Kremlin silent on Trump call\nRussia launched its full-scale invasion of Ukraine in March 2021.\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def check(*args: str):
    """`consistency check corpus` writing its JSON document; returns the result and the document."""
    result = run("check", "corpus", "--report", "out/index.html", "--json", "out/result.json", *args)
    return result, json.loads(Path("out/result.json").read_text(encoding="utf-8"))


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The demo articles in tmp_path/corpus with their findings recorded as known."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    for source in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(source, tmp_path / "corpus" / source.name)
    result = run("check", "corpus", "--report", "out/index.html", "--update-baseline")
    assert result.exit_code == 0, result.output
    assert Path("consistency-baseline.json").exists()
    return tmp_path / "corpus"


def test_a_recorded_baseline_passes_with_every_finding_known(corpus):
    result, doc = check()
    assert result.exit_code == 0, result.output
    assert doc["findings"]
    assert {f["status"] for f in doc["findings"]} == {"known"}
    assert result.stdout.splitlines()[-1] == "OK: 0 new finding(s), --fail-on new"


def test_new_finding_fails_then_accepted_passes_then_reported_fixed(corpus):
    known = {f["fingerprint"] for f in check()[1]["findings"]}
    (corpus / "third.txt").write_text(THIRD, encoding="utf-8")

    result, doc = check()
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "FAIL: 1 new finding(s), --fail-on new"
    (new,) = [f for f in doc["findings"] if f["status"] == "new"]
    assert {f["fingerprint"] for f in doc["findings"] if f["status"] == "known"} == known
    assert "third.txt" in {side["article"] for side in new["sides"]}

    accepted = run("accept", new["fingerprint"], "--reason", "third.txt is a satire piece", "--by", "desk")
    assert accepted.exit_code == 0, accepted.output
    result, doc = check("--sarif", "out/result.sarif")
    assert result.exit_code == 0, result.output
    (finding,) = [f for f in doc["findings"] if f["fingerprint"] == new["fingerprint"]]
    assert finding["status"] == "accepted"
    assert finding["accepted"]["reason"] == "third.txt is a satire piece"
    assert finding["accepted"]["by"] == "desk"
    sarif = json.loads(Path("out/result.sarif").read_text(encoding="utf-8"))
    suppressed = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 2  # one result per side
    for r in suppressed:
        assert r["partialFingerprints"]["consistency/v1"] == new["fingerprint"]
        assert r["suppressions"] == [
            {"kind": "external", "status": "accepted", "justification": "third.txt is a satire piece"}
        ]

    (corpus / "third.txt").unlink()
    result, doc = check()
    assert result.exit_code == 0, result.output
    assert new["fingerprint"] not in {f["fingerprint"] for f in doc["findings"]}
    assert doc["fixed"] == [new["fingerprint"]]
    assert f"fixed: {new['fingerprint']} (in the baseline, no longer found)" in result.stdout.splitlines()
    html = Path("out/index.html").read_text(encoding="utf-8")
    assert f'status-fixed">fixed</span> <code>{new["fingerprint"]}</code>' in html
    assert 'status-fixed">fixed</span></td><td class="num">1<' in html


def test_fail_on_any_fails_on_known_findings(corpus):
    result, doc = check("--fail-on", "any")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"FAIL: {len(doc['findings'])} finding(s), --fail-on any"
    assert check("--fail-on", "none")[0].exit_code == 0


def test_unreadable_article_wins_over_new_findings(corpus):
    (corpus / "third.txt").write_text(THIRD, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01\xff\xfe binary")
    result, doc = check()
    assert result.exit_code == 2
    assert [e["path"] for e in doc["errors"]] == [str(Path("corpus") / "broken.txt")]
    assert [f["status"] for f in doc["findings"]].count("new") == 1
    assert result.stdout.splitlines()[-1] == (
        "ERROR: 1 input problem(s), see above (FAIL: 1 new finding(s), --fail-on new)"
    )
    assert check("--allow-unreadable")[0].exit_code == 1


def line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def test_github_format_annotates_each_side_of_each_finding(corpus):
    (corpus / "third.txt").write_text(THIRD, encoding="utf-8")
    result, doc = check("--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "FAIL: 1 new finding(s), --fail-on new"
    errors = [line for line in lines if line.startswith("::error ")]
    notices = [line for line in lines if line.startswith("::notice ")]
    assert len(errors) == 2
    assert len(notices) == 2 * (len(doc["findings"]) - 1)
    assert not [line for line in lines if "│" in line or "┃" in line]  # no table

    (new,) = [f for f in doc["findings"] if f["status"] == "new"]
    paths = {a["id"]: a["path"] for a in doc["articles"]}
    for side, other in (new["sides"], new["sides"][::-1]):
        text = Path(paths[side["article"]]).read_text(encoding="utf-8")
        line, col = line_column(text, side["start"])
        end_line, end_col = line_column(text, side["end"])
        assert line == end_line  # a single-line span, so columns are given
        assert (
            f"::error file={paths[side['article']]},line={line},col={col},endLine={end_line},"
            f"endColumn={end_col},title=consistency time::{new['explanation']}"
            f"%0AOther side: {other['article']}: “{other['text']}”"
        ) in errors
    third = THIRD.splitlines()[1]
    (annotation,) = [e for e in errors if e.startswith("::error file=corpus/third.txt,")]
    assert third.index("March 2021") + 1 == int(annotation.split(",col=")[1].split(",")[0])


def test_json_format_prints_only_the_document_on_stdout(corpus):
    result, doc = check("--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == doc
    assert result.stderr.splitlines()[-1] == "OK: 0 new finding(s), --fail-on new"


def test_quiet_terminal_output_is_the_verdict_alone(corpus):
    result, _ = check("--quiet")
    assert result.stdout == "OK: 0 new finding(s), --fail-on new\n"


def test_terminal_output_in_a_pipe_is_plain(corpus):
    result, doc = check("--fail-on", "none")
    assert doc["findings"]
    assert doc["findings"][0]["explanation"].split()[0] in result.stdout
    assert "\x1b[" not in result.stdout  # no colour
    assert not set("│┃━─┏┡└") & set(result.stdout)  # no box drawing


def claim(article: Article, evidence: str) -> Claim:
    start = article.text.index(evidence)
    return Claim("time", article.id, "event:x", "when", evidence, evidence,
                 Span(article.id, start, start + len(evidence)), evidence, evidence)


def test_annotations_escape_properties_and_drop_columns_across_lines():
    a = Article("a", "news/50%, a:b.txt", "a", None, None, None, "It began\nin 2021.", "0" * 64)
    b = Article("b", "news/b.txt", "b", None, None, None, "It began in 2024.", "0" * 64)
    finding = Finding("time", claim(a, "began\nin 2021"), claim(b, "2024"), "2021 vs 2024: 100%",
                      "f" * 64, status="accepted", accepted={"reason": "typo, fixed: later"})
    result = RunResult("0", (a, b), (finding.left, finding.right), (finding,), (), ())
    assert github_annotations(result) == [
        "::notice file=news/50%25%2C a%3Ab.txt,line=1,endLine=2,title=consistency time (accepted)"
        "::2021 vs 2024: 100%25%0AOther side: b: “2024”%0AAccepted: typo, fixed: later",
        "::notice file=news/b.txt,line=1,col=13,endLine=1,endColumn=17,title=consistency time "
        "(accepted)::2021 vs 2024: 100%25%0AOther side: a: “began%0Ain 2021”"
        "%0AAccepted: typo, fixed: later",
    ]


def test_annotations_on_a_markdown_article_count_its_front_matter_lines(tmp_path):
    for name, year in (("a", "2021"), ("b", "2024")):
        (tmp_path / f"{name}.md").write_text(f"---\ntitle: {name}\n---\nIt began in {year}.\n", encoding="utf-8")
    a, b = (Article(n, str(tmp_path / f"{n}.md"), n, None, None, None, f"It began in {y}.", "0" * 64)
            for n, y in (("a", "2021"), ("b", "2024")))
    finding = Finding("time", claim(a, "2021"), claim(b, "2024"), "2021 vs 2024", "f" * 64)
    result = RunResult("0", (a, b), (finding.left, finding.right), (finding,), (), ())
    assert [line.split(",title=")[0] for line in github_annotations(result)] == [
        f"::error file={tmp_path / n}.md,line=4,col=13,endLine=4,endColumn=17" for n in ("a", "b")]


def test_table_has_boxes_on_a_terminal_only_and_prints_brackets_verbatim():
    a = Article("a", "a.txt", "a", None, None, None, "Filed [bold]2021[/bold].", "0" * 64)
    b = Article("b", "b.txt", "b", None, None, None, "Filed 2024.", "0" * 64)
    finding = Finding("time", claim(a, "[bold]2021[/bold]"), claim(b, "2024"), "[2021] vs 2024", "f" * 64)
    result = RunResult("0", (a, b), (finding.left, finding.right), (finding,), (), ())
    for terminal in (True, False):
        out = io.StringIO()
        _print_table(Console(file=out, force_terminal=terminal, width=100), result)
        text = out.getvalue()
        assert ("┃" in text) is terminal
        assert ("\x1b[" in text) is terminal
        plain = Text.from_ansi(text).plain
        assert "“[bold]2021[/bold]”" in plain and "[2021] vs 2024" in plain


REPO = ARTICLES.parent


def test_documented_ci_commands_run(tmp_path, monkeypatch):
    """The example workflow and the pre-commit hook call options that exist, and pass on a
    corpus whose findings are in the baseline."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ARTICLES, tmp_path / "articles")
    assert run("check", "articles/", "--update-baseline").exit_code == 0
    workflow = yaml.safe_load((REPO / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
    (command,) = [s["run"] for s in workflow["jobs"]["check"]["steps"]
                  if s.get("run", "").startswith("consistency ")]
    result = run(*shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    assert json.loads(Path("results.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "consistency" and hook["pass_filenames"] is False
    result = run(*shlex.split(hook["entry"])[1:], *hook["args"])
    assert result.exit_code == 0, result.output


def documented_fields(section: str) -> set[str]:
    """The field names in the first column of a section's tables in docs/json-format.md."""
    text = (REPO / "docs" / "json-format.md").read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return {name for row in re.findall(r"^\| (`[^|]+`) \|", body, re.M)
            for name in re.findall(r"`(\w+)`", row)}


def test_json_format_doc_names_every_field(corpus):
    (corpus / "third.txt").write_text(THIRD, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00 binary")
    doc = check()[1]
    new = next(f for f in doc["findings"] if f["status"] == "new")
    assert run("accept", new["fingerprint"], "--reason", "satire").exit_code == 0
    doc = check()[1]
    finding = next(f for f in doc["findings"] if f["status"] == "accepted")
    assert documented_fields("Top level") == set(doc)
    assert documented_fields("`articles[]`") == set(doc["articles"][0])
    assert documented_fields("`claims[]`") == set(doc["claims"][0])
    assert documented_fields("`findings[]`") == set(finding) | set(finding["sides"][0])
    assert documented_fields("`errors[]`") == set(doc["errors"][0])
