"""The `consistency` command: a thin shell that turns options into library calls and results into
output files, a terminal summary and an exit code. All the work is in `consistency.check`.
"""
from __future__ import annotations

import getpass
import json
import sys
from datetime import date
from enum import Enum, IntEnum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.markup import escape
from rich.table import Table

from consistency import baseline as baseline_mod
from consistency import config
from consistency import graph as graph_mod
from consistency import sarif
from consistency.api import Settings, check
from consistency.extract import analyse, extract
from consistency.ingest import read_articles
from consistency.model import Claim, Finding, RunResult
from consistency.report import write_html, write_text_atomic

DEFAULT_BASELINE = "consistency-baseline.json"
DEFAULT_REPORT = "reports/index.html"
BASELINE_HELP = f"Baseline file (default {DEFAULT_BASELINE} if it exists)."

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find where articles reporting one story contradict each other.")


class Exit(IntEnum):
    """Exit codes are public: CI scripts depend on them."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


class Format(str, Enum):
    """What `check` prints on stdout; files (--report, --json, --sarif) are written either way."""

    terminal = "terminal"
    github = "github"
    json = "json"


def _console(stderr: bool = False) -> Console:
    """Lines are never wrapped, so a log line or a path can be searched and copied whole; only the
    findings table wraps, to the terminal's width."""
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    _console(stderr=True).print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(Exit.ERROR)


def _gate(result: RunResult, fail_on: str) -> tuple[int, str]:
    """The exit decision as a pure function of the result: which count, which rule."""
    new = len(result.new_findings)
    total = len(result.findings)
    if fail_on == "any" and total:
        return Exit.FINDINGS, f"FAIL: {total} finding(s), --fail-on any"
    if fail_on == "new" and new:
        return Exit.FINDINGS, f"FAIL: {new} new finding(s), --fail-on new"
    counted = total if fail_on == "any" else new
    return Exit.CLEAN, f"OK: {counted} {'new ' if fail_on == 'new' else ''}finding(s), --fail-on {fail_on}"


def _print_table(console: Console, result: RunResult) -> None:
    """Boxes and colour help a person at a terminal; a CI log or a pipe gets plain columns."""
    if not result.findings:
        return
    if console.is_terminal:
        table = Table(show_lines=True, pad_edge=False, expand=True)
    else:
        table = Table(box=None, padding=(0, 2, 1, 0), pad_edge=False)
    table.add_column("status", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("finding", ratio=1, overflow="fold")
    for f in result.findings:
        sides = "".join(f"[bold]{escape(side.article_id)}[/]: “{escape(side.evidence)}”\n"
                        for side in f.sides)
        table.add_row(f.status, f.kind, f"{sides}[dim]{escape(f.explanation)}[/]")
    console.print(table)


def _print_counts(console: Console, result: RunResult) -> None:
    by_status: dict[str, int] = {}
    for f in result.findings:
        by_status[f.status] = by_status.get(f.status, 0) + 1
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) or "none"
    console.print(f"{len(result.articles)} articles, {len(result.claims)} claims, "
                  f"{len(result.agreements)} agreements, findings: {statuses}"
                  + (f", {len(result.fixed)} fixed" if result.fixed else ""), markup=False)
    for fingerprint in result.fixed:
        console.print(f"fixed: {fingerprint} (in the baseline, no longer found)", markup=False)


def _print_errors(console: Console, result: RunResult) -> None:
    for e in result.errors:
        console.print(f"[yellow]unreadable:[/] {escape(e.path)}: {escape(e.message)}")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(command: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {props}::{_escape_data(message)}"


def _annotation_message(finding: Finding, other: Claim) -> str:
    message = f"{finding.explanation}\nOther side: {other.article_id}: “{other.evidence}”"
    if finding.accepted:
        message += f"\nAccepted: {finding.accepted.get('reason', '')}"
    return message


def github_annotations(result: RunResult) -> list[str]:
    """GitHub Actions workflow commands: one annotation per finding side, on the evidence itself.

    New findings are errors, known and accepted ones notices. GitHub drops an annotation that has
    columns but spans lines, so a multi-line span gets lines only.
    """
    paths = {a.id: a.path for a in result.articles}
    texts = sarif.in_files(result)
    lines = []
    for f in result.findings:
        for side, other in f.facing():
            text, at = texts[side.article_id]
            where = sarif.region(text, at + side.span.start, at + side.span.end)
            properties: dict[str, object] = {"file": paths[side.article_id], "line": where["startLine"]}
            if where["startLine"] == where["endLine"]:
                properties |= {"col": where["startColumn"], "endLine": where["endLine"],
                               "endColumn": where["endColumn"]}
            else:
                properties["endLine"] = where["endLine"]
            properties["title"] = f"consistency {f.kind}" + ("" if f.status == "new" else f" ({f.status})")
            lines.append(_annotation("error" if f.status == "new" else "notice", properties,
                                     _annotation_message(f, other)))
    for e in result.errors:
        lines.append(_annotation("error", {"file": e.path, "title": "consistency unreadable article"},
                                 e.message))
    return lines


def _json_text(result: RunResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


CACHE_HELP = "Reuse the claims of unchanged articles from .consistency-cache/ in the current folder."


class Engine(str, Enum):
    """Where articles are extracted and compared: processes on this machine, or a dask.distributed cluster."""

    local = "local"
    dask = "dask"


def _run(paths: list[Path], baseline: Optional[Path], updates_as_findings: bool = False,
         cache: bool = True, engine: Engine = Engine.local, scheduler: Optional[str] = None,
         jobs: Optional[int] = None, article_timeout: float = 10.0) -> RunResult:
    """Check `paths` against the given baseline, or the default one when it exists."""
    if baseline is None and Path(DEFAULT_BASELINE).exists():
        baseline = Path(DEFAULT_BASELINE)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    if (engine is Engine.dask) != (scheduler is not None):
        raise _fail("--engine dask needs --scheduler ADDRESS, and only it takes one")
    try:
        aliases = config.load(Path.cwd()).get("aliases", {})
        settings = Settings(baseline=baseline, aliases=aliases, updates_as_findings=updates_as_findings,
                            cache=cache, engine=engine.value, scheduler=scheduler, jobs=jobs,
                            article_timeout=article_timeout)
        with _ProgressBar() as progress:
            return check(paths, settings, progress=progress)
    except (baseline_mod.BaselineError, config.ConfigError) as e:
        raise _fail(str(e)) from None


class _ProgressBar:
    """A bar on stderr for long runs at a terminal; silent for short runs, pipes and CI logs."""

    MIN_ARTICLES = 50

    def __init__(self) -> None:
        self._bar: Progress | None = None
        self._task = None

    def __enter__(self) -> "_ProgressBar":
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            console = Console(stderr=True)
            if total < self.MIN_ARTICLES or not console.is_terminal:
                return
            self._bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("extract", total=total)
        self._bar.update(self._task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command("check")
def check_command(
    paths: list[Path] = typer.Argument(..., help="Folders or article files to check."),
    report: Path = typer.Option(Path(DEFAULT_REPORT), help="Where to write the HTML report."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the JSON document (format 1) here."),
    sarif_out: Optional[Path] = typer.Option(None, "--sarif", help="Write SARIF 2.1.0 here."),
    sarif_strip_suppressed: bool = typer.Option(False, help="Leave accepted findings out of SARIF."),
    baseline: Optional[Path] = typer.Option(None, help=BASELINE_HELP),
    update_baseline: bool = typer.Option(False, help="Record the current findings as known in the baseline."),
    fail_on: str = typer.Option("new", help="Which findings fail the run: new, any or none."),
    allow_unreadable: bool = typer.Option(False, help="Unreadable articles are a warning, not exit 2."),
    updates_as_findings: bool = typer.Option(
        False, help="Report a later article's update (a toll that grew, a title now former) as a finding."),
    output_format: Format = typer.Option(
        Format.terminal, "--format",
        help="stdout: terminal (table), github (Actions annotations) or json (the JSON document)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Terminal format: print only the verdict line."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help=CACHE_HELP),
    engine: Engine = typer.Option(Engine.local, help="Extract and compare locally or on a dask.distributed cluster."),
    scheduler: Optional[str] = typer.Option(None, help="The dask scheduler's address, with --engine dask."),
    jobs: Optional[int] = typer.Option(None, min=1, help="Extraction processes (default: all cores)."),
    article_timeout: float = typer.Option(10.0, min=0.1, help="Seconds one article's extraction may take."),
) -> None:
    """Check articles for contradictions; write the report, JSON and SARIF; exit 0, 1 or 2."""
    if fail_on not in ("new", "any", "none"):
        raise _fail(f"--fail-on must be new, any or none, not {fail_on!r}")
    result = _run(paths, baseline, updates_as_findings, cache, engine, scheduler, jobs, article_timeout)
    try:
        write_html(result, report)
        if json_out:
            write_text_atomic(json_out, _json_text(result))
        if sarif_out:
            sarif.write_sarif(result, sarif_out, strip_suppressed=sarif_strip_suppressed)
        if update_baseline:
            target = baseline or Path(DEFAULT_BASELINE)
            baseline_mod.write(target, baseline_mod.updated(baseline_mod.load(target), result.findings))
    except OSError as e:
        raise _fail(f"cannot write output: {e}") from None
    code, verdict = _gate(result, "none" if update_baseline else fail_on)
    if result.errors and not allow_unreadable:
        code, verdict = Exit.ERROR, f"ERROR: {len(result.errors)} input problem(s), see above ({verdict})"
    # With --format json stdout is the document alone, so it pipes into jq; the verdict goes to stderr.
    console = _console(stderr=output_format is Format.json)
    if output_format is Format.json:
        sys.stdout.write(_json_text(result))
    elif output_format is Format.github:
        for line in github_annotations(result):
            sys.stdout.write(line + "\n")
        _print_counts(console, result)
    elif not quiet:
        _print_table(console, result)
        _print_errors(console, result)
        _print_counts(console, result)
        console.print(f"report: {report}", markup=False)
    console.print(verdict, markup=False)
    raise typer.Exit(code)


@app.command("graph")
def graph_command(
    paths: list[Path] = typer.Argument(..., help="Folders or article files to check."),
    graphml: Optional[Path] = typer.Option(None, help="Write the graph as GraphML here."),
    node_link: Optional[Path] = typer.Option(None, help="Write the graph as node-link JSON here."),
    baseline: Optional[Path] = typer.Option(None, help=BASELINE_HELP),
    cache: bool = typer.Option(True, "--cache/--no-cache", help=CACHE_HELP),
) -> None:
    """Export the graph of articles, entities and claims with their agreements and contradictions;
    exit 2 if an article cannot be read."""
    if graphml is None and node_link is None:
        raise _fail("nothing to write: give --graphml FILE, --node-link FILE or both")
    result = _run(paths, baseline, cache=cache)
    try:
        if graphml:
            write_text_atomic(graphml, graph_mod.graphml(result.graph))
        if node_link:
            write_text_atomic(node_link, json.dumps(graph_mod.node_link(result.graph), indent=2,
                                                    ensure_ascii=False, sort_keys=True) + "\n")
    except OSError as e:
        raise _fail(f"cannot write output: {e}") from None
    _print_errors(_console(stderr=True), result)
    _console().print(f"graph: {result.graph.number_of_nodes()} nodes, {result.graph.number_of_edges()} edges",
                     markup=False)
    raise typer.Exit(Exit.ERROR if result.errors else Exit.CLEAN)


@app.command("claims")
def claims_command(article: Path = typer.Argument(..., help="One article file.")) -> None:
    """Print what was extracted from one article, with character spans."""
    articles, errors = read_articles([article])
    for e in errors:
        _console(stderr=True).print(f"{e.path}: {e.message}", markup=False)
    if not articles:
        raise typer.Exit(Exit.ERROR)
    console = _console()
    for a in articles:
        doc = analyse(a)
        console.print(f"{a.id}: reference date {doc.reference or 'unknown'} ({doc.reference_source})",
                      markup=False)
        for c in extract(doc):
            console.print(f"  {c.span.start:>6}-{c.span.end:<6} {c.kind:<9} {c.subject[:40]:<40} "
                          f"{c.attribute:<12} {c.display}  “{c.evidence}”", markup=False)


@app.command("accept")
def accept_command(
    fingerprint: str = typer.Argument(..., help="The finding's fingerprint (from the report or JSON)."),
    reason: str = typer.Option(..., help="Why this finding is acceptable."),
    baseline: Path = typer.Option(Path(DEFAULT_BASELINE), help="Baseline file to record it in."),
    by: str = typer.Option("", help="Who accepts it (default: the current user)."),
    expires: Optional[str] = typer.Option(None, help="YYYY-MM-DD after which it fails again."),
) -> None:
    """Accept a finding with a reason, so it no longer fails the gate."""
    try:
        current = baseline_mod.load(baseline)
        updated = baseline_mod.accept(current, fingerprint, reason, by or getpass.getuser(), date.today(), expires)
        baseline_mod.write(baseline, updated)
    except baseline_mod.BaselineError as e:
        raise _fail(str(e)) from None
    _console().print(f"accepted {fingerprint} in {baseline}", markup=False)


def main() -> None:
    """The console script. A crash must not read as "new findings" (exit 1) in CI: it exits 2."""
    try:
        app(prog_name="consistency")
    except Exception as e:  # noqa: BLE001 - the last line of defence, reported in one line
        Console(stderr=True).print(f"error: internal failure: {type(e).__name__}: {e}", markup=False,
                                   highlight=False)
        sys.exit(Exit.ERROR)


if __name__ == "__main__":
    main()
