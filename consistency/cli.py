"""The `consistency` command: a thin shell that turns options into library calls and results into
output files, a terminal summary and an exit code. All the work is in `consistency.check`.
"""
from __future__ import annotations

import getpass
import json
import sys
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from consistency import baseline as baseline_mod
from consistency import sarif
from consistency.api import Settings, check
from consistency.extract import analyse, extract
from consistency.ingest import read_articles
from consistency.model import RunResult
from consistency.report import write_html, write_text_atomic

DEFAULT_BASELINE = "consistency-baseline.json"
DEFAULT_REPORT = "reports/index.html"

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find where articles reporting one story contradict each other.")


class Exit(IntEnum):
    """Exit codes are public: CI scripts depend on them."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


def _fail(message: str) -> typer.Exit:
    Console(stderr=True).print(f"[bold red]error:[/] {message}", highlight=False)
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


def _print_summary(console: Console, result: RunResult) -> None:
    if result.findings:
        table = Table(show_lines=True, pad_edge=False, expand=True)
        table.add_column("status", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("finding", ratio=1, overflow="fold")
        for f in result.findings:
            table.add_row(f.status, f.kind, f"[bold]{f.left.article_id}[/]: “{f.left.evidence}”\n"
                          f"[bold]{f.right.article_id}[/]: “{f.right.evidence}”\n[dim]{f.explanation}[/]")
        console.print(table)
    for e in result.errors:
        console.print(f"[yellow]unreadable:[/] {e.path}: {e.message}", highlight=False)
    by_status: dict[str, int] = {}
    for f in result.findings:
        by_status[f.status] = by_status.get(f.status, 0) + 1
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) or "none"
    console.print(f"{len(result.articles)} articles, {len(result.claims)} claims, "
                  f"{len(result.agreements)} agreements, findings: {statuses}"
                  + (f", {len(result.fixed)} fixed" if result.fixed else ""), highlight=False)


@app.command("check")
def check_command(
    paths: list[Path] = typer.Argument(..., help="Folders or article files to check."),
    report: Path = typer.Option(Path(DEFAULT_REPORT), help="Where to write the HTML report."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the JSON document (format 1) here."),
    sarif_out: Optional[Path] = typer.Option(None, "--sarif", help="Write SARIF 2.1.0 here."),
    sarif_strip_suppressed: bool = typer.Option(False, help="Leave accepted findings out of SARIF."),
    baseline: Optional[Path] = typer.Option(None, help=f"Baseline file (default {DEFAULT_BASELINE} if it exists)."),
    update_baseline: bool = typer.Option(False, help="Record the current findings as known in the baseline."),
    fail_on: str = typer.Option("new", help="Which findings fail the run: new, any or none."),
    allow_unreadable: bool = typer.Option(False, help="Unreadable articles are a warning, not exit 2."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the verdict line."),
) -> None:
    """Check articles for contradictions; write the report, JSON and SARIF; exit 0, 1 or 2."""
    if fail_on not in ("new", "any", "none"):
        raise _fail(f"--fail-on must be new, any or none, not {fail_on!r}")
    if baseline is None and Path(DEFAULT_BASELINE).exists():
        baseline = Path(DEFAULT_BASELINE)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    try:
        result = check(paths, Settings(baseline=baseline))
    except baseline_mod.BaselineError as e:
        raise _fail(str(e)) from None
    console = Console(highlight=False)
    try:
        write_html(result, report)
        if json_out:
            write_text_atomic(json_out, json.dumps(result.to_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        if sarif_out:
            sarif.write_sarif(result, sarif_out, strip_suppressed=sarif_strip_suppressed)
        if update_baseline:
            target = baseline or Path(DEFAULT_BASELINE)
            baseline_mod.write(target, baseline_mod.updated(baseline_mod.load(target), result.findings))
    except OSError as e:
        raise _fail(f"cannot write output: {e}") from None
    if not quiet:
        _print_summary(console, result)
        console.print(f"report: {report}")
    code, verdict = _gate(result, "none" if update_baseline else fail_on)
    if result.errors and not allow_unreadable:
        code, verdict = Exit.ERROR, f"ERROR: {len(result.errors)} article(s) could not be read ({verdict})"
    console.print(verdict)
    raise typer.Exit(code)


@app.command("claims")
def claims_command(article: Path = typer.Argument(..., help="One article file.")) -> None:
    """Print what was extracted from one article, with character spans."""
    articles, errors = read_articles([article])
    for e in errors:
        Console(stderr=True).print(f"{e.path}: {e.message}", highlight=False)
    if not articles:
        raise typer.Exit(Exit.ERROR)
    console = Console(highlight=False)
    for a in articles:
        doc = analyse(a)
        console.print(f"{a.id}: reference date {doc.reference or 'unknown'} ({doc.reference_source})")
        for c in extract(doc):
            console.print(f"  {c.span.start:>6}-{c.span.end:<6} {c.kind:<9} {c.subject[:40]:<40} "
                          f"{c.attribute:<12} {c.display}  “{c.evidence}”")


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
    Console(highlight=False).print(f"accepted {fingerprint} in {baseline}")


def main() -> None:
    app(prog_name="consistency")


if __name__ == "__main__":
    sys.exit(main())
