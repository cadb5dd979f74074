"""SARIF 2.1.0 output, so code-review tools can show each contradiction on the article lines.

A finding has two or more sides in as many articles; SARIF results have one primary location, so
each finding becomes one result per side, with the side it contradicts as a related location. Both results carry the
finding fingerprint, so a viewer's own baseline matching agrees with ours.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from consistency.kinds import KINDS
from consistency.model import Claim, Finding, RunResult
from consistency.report import write_text_atomic

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "consistency/v1"


def in_files(result: RunResult) -> dict[str, tuple[str, int]]:
    """Per article with a finding, the text its evidence is located in and where the article's
    text starts there: its file when the text is found in it, so a Markdown article's lines count
    the front matter above it; else (text taken out of HTML or JSON, a file changed since or
    gone) the article's text itself."""
    ids = {side.article_id for finding in result.findings for side in finding.sides}
    out = {}
    for article in result.articles:
        if article.id in ids:
            try:
                whole = Path(article.path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                whole = ""
            at = whole.find(article.text) if whole else -1
            out[article.id] = (whole, at) if at >= 0 else (article.text, 0)
    return out


def to_sarif(result: RunResult) -> dict[str, Any]:
    """The SARIF log as a plain dict; lines, columns and offsets count Unicode code points in the
    article's file (see `in_files`)."""
    articles = in_files(result)
    kinds = sorted({finding.kind for finding in result.findings})
    rule_index = {kind: i for i, kind in enumerate(kinds)}
    paths = {article.id: article.path for article in result.articles}
    results = [
        _result(finding, side, other, articles, paths, rule_index[finding.kind])
        for finding in result.findings
        for side, other in finding.facing()
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "consistency",
                        "version": result.version,
                        "rules": [_rule(kind) for kind in kinds],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(kind: str) -> dict[str, Any]:
    words = kind.replace("_", " ").replace("-", " ")
    return {
        "id": kind,
        "name": "".join(part.capitalize() for part in words.split()) + "Contradiction",
        "shortDescription": {"text": KINDS[kind].description if kind in KINDS else
                             f"Two articles make incompatible {words} claims about the same subject."},
        "help": {
            "text": (
                f"Two articles make {words} claims about the same subject that cannot both be "
                "true. Read both highlighted passages: correct the article that is wrong, or, if "
                "both can stand, accept the finding in the baseline with a reason."
            )
        },
        "defaultConfiguration": {"level": "error"},
    }


def _result(
    finding: Finding, side: Claim, other: Claim, articles: dict[str, tuple[str, int]],
    paths: dict[str, str], rule_index: int
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": finding.kind,
        "ruleIndex": rule_index,
        "level": "error" if finding.status == "new" else "note",
        "message": {"text": finding.explanation},
        "locations": [_location(side, paths[side.article_id], *articles[side.article_id])],
        "relatedLocations": [
            {
                "id": 1,
                **_location(other, paths[other.article_id], *articles[other.article_id]),
                "message": {"text": f"The other side: {other.display}"},
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "baselineState": "new" if finding.status == "new" else "unchanged",
    }
    if finding.status == "accepted":
        reason = (finding.accepted or {}).get("reason", "")
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": reason}]
    return out


def _location(claim: Claim, path: str, text: str, at: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path)},
            "region": region(text, at + claim.span.start, at + claim.span.end),
        }
    }


def _uri(path: str) -> str:
    """A relative POSIX path stays relative; an absolute one becomes a file: URI."""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix())


def region(text: str, start: int, end: int) -> dict[str, Any]:
    """SARIF region for text[start:end]: 1-based lines and columns, end column exclusive."""
    start_line, start_column = _line_column(text, start)
    end_line, end_column = _line_column(text, end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
        "snippet": {"text": text[start:end]},
    }


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def write_sarif(result: RunResult, path: str | Path, strip_suppressed: bool = False) -> None:
    """Write the log atomically; `strip_suppressed` drops accepted results for tools that ignore
    SARIF suppressions and would otherwise show them as open alerts."""
    log = to_sarif(result)
    if strip_suppressed:
        for run in log["runs"]:
            run["results"] = [r for r in run["results"] if "suppressions" not in r]
    write_text_atomic(path, json.dumps(log, indent=2, ensure_ascii=False) + "\n")
