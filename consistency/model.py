"""The plain data that flows between pipeline stages.

Every stage takes and returns these frozen dataclasses, so a stage can be tested, cached or run
in another process without knowing about the others. All offsets are half-open character offsets
into `Article.text` exactly as ingest produced it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    title: str
    source: str | None
    published: date | None
    url: str | None
    text: str
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class Span:
    """A view on an article's text: never a copy, so evidence can always be shown verbatim."""

    article_id: str
    start: int
    end: int

    def text(self, article: Article) -> str:
        return article.text[self.start:self.end]


@dataclass(frozen=True)
class Claim:
    """One typed statement an article makes.

    `subject` is the canonical key two claims must share to be about the same fact (an entity id
    for roles and statements, an event key for times and quantities). `value` is the kind's
    normalized value; `value_key` is its canonical JSON-able form, used for comparison display and
    fingerprints. `context` carries what matching needs beyond the subject (topic words, the
    entities of the sentence, the reported day).
    """

    kind: str
    article_id: str
    subject: str
    attribute: str
    value: Any
    value_key: Any
    span: Span
    evidence: str
    display: str
    hedges: tuple[str, ...] = ()
    context: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.article_id}#{self.kind}:{self.span.start}-{self.span.end}:{self.attribute}"


@dataclass(frozen=True)
class Verdict:
    relation: str  # "agree" or "contradict"
    explanation: str


@dataclass(frozen=True)
class Finding:
    """A contradiction between two claims, ordered so A-vs-B and B-vs-A are one finding; or, once
    grouped, one article's claim (`left`) against the claims of several (`right`, then `also`)."""

    kind: str
    left: Claim
    right: Claim
    explanation: str
    fingerprint: str
    status: str = "new"
    accepted: dict[str, str] | None = field(default=None, compare=False, hash=False)
    # How the two articles are related when that explains the difference: "edit of copy" or
    # "edit between copies" (one story family), "update" (a later report; --updates-as-findings).
    relation: str | None = None
    # More claims that say what `right` says, against `left`: one article against several.
    also: tuple[Claim, ...] = ()
    # Fingerprints of the two-sided findings merged into this one, so a baseline that recorded
    # them before another article said the same still knows this finding.
    merged: tuple[str, ...] = ()

    @property
    def sides(self) -> tuple[Claim, ...]:
        return (self.left, self.right, *self.also)

    def facing(self) -> list[tuple[Claim, Claim]]:
        """Each side with the side it contradicts: the lone side faces the first of the others."""
        return [(self.left, self.right)] + [(side, self.left) for side in (self.right, *self.also)]


@dataclass(frozen=True, slots=True)
class Agreement:
    """Two claims that agree; a run at 10k articles has hundreds of thousands (hence slots)."""

    kind: str
    left: Claim
    right: Claim
    explanation: str


@dataclass(frozen=True)
class Family:
    """Articles that are one story copied (wire copy with light edits): one source, not several.

    `original` is the member with the earliest reference date, when exactly one has it.
    """

    id: str  # "family:<n>"
    members: tuple[str, ...]  # article ids, sorted
    original: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "members": list(self.members), "original": self.original}


@dataclass(frozen=True)
class Update:
    """One fact that changed as the story unfolded: its claims in date order, earliest first.

    The contradictions between them (`fingerprints`) are not findings, since a later report that
    revises an earlier one is news, not a conflict; `reasons` say why each step is an update.
    """

    kind: str
    subject: str
    attribute: str
    timeline: tuple[tuple[date, Claim], ...]
    reasons: tuple[str, ...]
    fingerprints: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "attribute": self.attribute,
            "reasons": list(self.reasons),
            "fingerprints": list(self.fingerprints),
            "timeline": [{"date": day.isoformat(), "article": c.article_id, "claim": c.id, "text": c.evidence,
                          "start": c.span.start, "end": c.span.end, "value": c.value_key}
                         for day, c in self.timeline],
        }


@dataclass(frozen=True)
class ReadError:
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "kind": claim.kind,
        "article": claim.article_id,
        "subject": claim.subject,
        "attribute": claim.attribute,
        "value": claim.value_key,
        "text": claim.evidence,
        "start": claim.span.start,
        "end": claim.span.end,
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    sides = [
        {
            "article": c.article_id,
            "claim": c.id,
            "text": c.evidence,
            "start": c.span.start,
            "end": c.span.end,
            "value": c.value_key,
        }
        for c in finding.sides
    ]
    out: dict[str, Any] = {
        "fingerprint": finding.fingerprint,
        "kind": finding.kind,
        "status": finding.status,
        "explanation": finding.explanation,
        "sides": sides,
        "relation": finding.relation,
    }
    if finding.accepted:
        out["accepted"] = dict(finding.accepted)
    return out


class _BuiltOnFirstRead:
    """A dataclass field that may be given a function of no arguments instead of its value: the
    function is called the first time the field is read, and its value kept. `required`: the
    field has no default."""

    def __init__(self, required: bool = False) -> None:
        self.required = required

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            if self.required:
                raise AttributeError(self.slot)  # how a descriptor tells dataclass there is no default
            return None  # the field's default
        value = obj.__dict__.get(self.slot)
        if callable(value):
            value = obj.__dict__[self.slot] = value()
        return value

    def __set__(self, obj: object, value: Any) -> None:
        obj.__dict__[self.slot] = None if value is self else value  # the descriptor is its own default


@dataclass(frozen=True)
class RunResult:
    """Everything one check produced; `to_dict()` is the JSON document (format 1)."""

    version: str
    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    # The agreements, or a function that makes them: a run at 10k articles has hundreds of
    # thousands, which only the report and the graph read.
    agreements: tuple[Agreement, ...] = _BuiltOnFirstRead(required=True)  # type: ignore[assignment]
    errors: tuple[ReadError, ...]
    fixed: tuple[str, ...] = ()
    # The networkx graph (`consistency.graph`), or a function that builds it: most runs (the JSON,
    # the gate) never read it, and at 10k articles it holds a million edges.
    graph: Any = field(default=_BuiltOnFirstRead(), compare=False, hash=False, repr=False)
    # Article id -> (reference date that anchors its relative times, where it came from).
    references: dict[str, tuple[date | None, str]] = field(default_factory=dict, compare=False, hash=False)
    updates: tuple[Update, ...] = ()
    families: tuple[Family, ...] = ()
    # Seconds per pipeline stage (ingest, extract, normalize, match, compare, rest), for the
    # benchmark; never in the JSON, which must not change from run to run.
    timings: dict[str, float] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def new_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == "new")

    def _article_dict(self, article: Article) -> dict[str, Any]:
        ref, source = self.references.get(article.id, (None, "unknown"))
        return {**article.to_dict(), "reference_date": ref.isoformat() if ref else None,
                "reference_source": source}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": 1,
            "tool": {"name": "consistency", "version": self.version},
            "articles": [self._article_dict(a) for a in self.articles],
            "claims": [claim_to_dict(c) for c in self.claims],
            "findings": [finding_to_dict(f) for f in self.findings],
            "errors": [e.to_dict() for e in self.errors],
            "updates": [u.to_dict() for u in self.updates],
            "families": [f.to_dict() for f in self.families],
            "fixed": list(self.fixed),
        }
