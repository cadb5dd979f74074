"""The CI gate's memory: which findings are already known, and which a person accepted and why.

The file is committed next to the articles, so it is versioned, sorted and pretty-printed: a pull
request that accepts a finding shows up as a small, readable diff. Entries are keyed by the
finding fingerprint, which leaves out offsets and wording, so unrelated edits keep them valid.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from consistency.model import Finding
from consistency.report import write_text_atomic

FORMAT = 1


class BaselineError(ValueError):
    """A baseline file or request that cannot be used; the message is one line for the CLI."""


@dataclass(frozen=True)
class Baseline:
    """Known and accepted entries, each keyed by fingerprint and holding the entry as written."""

    known: dict[str, dict[str, Any]] = field(default_factory=dict)
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)


def load(path: str | Path) -> Baseline:
    """Read a baseline; a missing file is an empty baseline so a first run needs no setup."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Baseline()
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    if not isinstance(doc, dict):
        raise BaselineError(f"{path}: expected a JSON object at the top level")
    if doc.get("format") != FORMAT:
        raise BaselineError(
            f"{path}: unsupported baseline format {doc.get('format')!r}, expected {FORMAT}"
        )
    known = _entries(path, doc, "known", ("fingerprint", "kind", "subject", "articles", "summary"))
    accepted = _entries(path, doc, "accepted", ("fingerprint", "reason", "by", "at"))
    for fingerprint, entry in accepted.items():
        if not isinstance(entry["reason"], str) or not entry["reason"].strip():
            raise BaselineError(f"{path}: accepted entry {fingerprint} has an empty reason")
        if entry.get("expires") is not None:
            _date(entry["expires"], f"{path}: accepted entry {fingerprint}")
    return Baseline(known=known, accepted=accepted)


def _entries(
    path: Path, doc: dict[str, Any], name: str, required: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    items = doc.get(name, [])
    if not isinstance(items, list):
        raise BaselineError(f"{path}: '{name}' must be a list")
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise BaselineError(f"{path}: {name}[{i}] must be an object")
        missing = [key for key in required if key not in item]
        if missing:
            raise BaselineError(f"{path}: {name}[{i}] lacks {', '.join(missing)}")
        fingerprint = item["fingerprint"]
        if not isinstance(fingerprint, str) or not fingerprint:
            raise BaselineError(f"{path}: {name}[{i}] has no fingerprint string")
        if fingerprint in out:
            raise BaselineError(f"{path}: {name} lists {fingerprint} twice")
        out[fingerprint] = item
    return out


def _date(value: date | str, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise BaselineError(f"{where}: bad date {value!r}, expected YYYY-MM-DD") from exc


def _active(entry: dict[str, Any], today: date) -> bool:
    """An acceptance holds up to and including its expiry day."""
    expires = entry.get("expires")
    return expires is None or today <= _date(expires, f"accepted entry {entry['fingerprint']}")


def apply(
    findings: Iterable[Finding], baseline: Baseline, today: date
) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """Label findings new / known / accepted and list the baseline fingerprints no longer found.

    An expired acceptance no longer protects its finding, which then counts as new unless it is
    also known: expiry exists to make someone look again.
    """
    labelled = []
    for finding in findings:
        names = (finding.fingerprint, *finding.merged)
        entry = next((baseline.accepted[n] for n in names
                      if n in baseline.accepted and _active(baseline.accepted[n], today)), None)
        if entry is not None:
            accepted = {
                key: entry[key]
                for key in ("reason", "by", "at", "expires")
                if entry.get(key) is not None
            }
            labelled.append(replace(finding, status="accepted", accepted=accepted))
        elif any(n in baseline.known for n in names):
            labelled.append(replace(finding, status="known", accepted=None))
        else:
            labelled.append(replace(finding, status="new", accepted=None))
    found = {n for finding in labelled for n in (finding.fingerprint, *finding.merged)}
    fixed = sorted((baseline.known.keys() | baseline.accepted.keys()) - found)
    return tuple(labelled), tuple(fixed)


def updated(baseline: Baseline, findings: Iterable[Finding]) -> Baseline:
    """Record every current, not accepted finding as known; `findings` are those `apply` labelled.

    Accepted entries are kept as they are: only `accept` and a person editing the file change them.
    """
    known = {
        finding.fingerprint: {
            "fingerprint": finding.fingerprint,
            "kind": finding.kind,
            "subject": finding.left.subject,
            "articles": sorted({side.article_id for side in finding.sides}),
            "summary": finding.explanation,
        }
        for finding in findings
        if finding.status != "accepted"
    }
    return Baseline(known=known, accepted=dict(baseline.accepted))


def accept(
    baseline: Baseline,
    fingerprint: str,
    reason: str,
    by: str,
    at: date | str,
    expires: date | str | None = None,
) -> Baseline:
    """Accept a finding on someone's word; a reason is required so the file says why it is fine.

    The finding leaves `known`, so once the acceptance expires it is new again and fails the gate.
    """
    if not reason or not reason.strip():
        raise BaselineError(f"accepting {fingerprint} needs a reason")
    entry: dict[str, Any] = {
        "fingerprint": fingerprint,
        "reason": reason.strip(),
        "by": by,
        "at": _date(at, f"accepting {fingerprint}").isoformat(),
    }
    if expires is not None:
        entry["expires"] = _date(expires, f"accepting {fingerprint}").isoformat()
    known = {key: value for key, value in baseline.known.items() if key != fingerprint}
    return Baseline(known=known, accepted={**baseline.accepted, fingerprint: entry})


def dumps(baseline: Baseline) -> str:
    """The file text: sorted keys and entries, two-space indent, trailing newline."""
    doc = {
        "format": FORMAT,
        "known": [baseline.known[key] for key in sorted(baseline.known)],
        "accepted": [baseline.accepted[key] for key in sorted(baseline.accepted)],
    }
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(path: str | Path, baseline: Baseline) -> None:
    """Write atomically, so an interrupted run never leaves a half-written baseline."""
    write_text_atomic(path, dumps(baseline))
