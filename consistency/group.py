"""After compare and the sources review: one finding per disputed claim. When one article's value
contradicts the same value in several other articles, that is one disagreement -- one article against
the rest -- not one per article that disagrees with it: the reader sees it once with every side,
and the gate counts it once.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from consistency.compare import FINGERPRINT_SCHEME
from consistency.kinds import Doc, Pair
from consistency.model import Claim, Finding

# (kind, relation, the lone side's article and value, the value it is contradicted with)
_Key = tuple[str, str, str, str, str]


def group(findings: Sequence[Finding], docs: Mapping[str, Doc]) -> list[Finding]:
    """Merge the findings that pit one article's value against one other value from several
    articles. A finding joins the side that more articles contradict; the rest stay as they are.
    The other articles come in order of how closely their wording of the value, then their
    sentence, matches the lone one's, so the first pair shown is the plainest evidence."""
    against: dict[_Key, set[str]] = defaultdict(set)
    for f in findings:
        for lone, other in ((f.left, f.right), (f.right, f.left)):
            against[_key(f, lone, other)].add(other.article_id)
    groups: dict[_Key, list[tuple[Finding, Claim, Claim]]] = defaultdict(list)
    for f in findings:
        left, right = _key(f, f.left, f.right), _key(f, f.right, f.left)
        if (len(against[left]), right) >= (len(against[right]), left):
            groups[left].append((f, f.left, f.right))
        else:
            groups[right].append((f, f.right, f.left))
    out = []
    for members in groups.values():
        if len({other.article_id for _, _, other in members}) < 2:
            out.extend(f for f, _, _ in members)
        else:
            out.append(_merged(members, docs))
    return sorted(out, key=lambda f: (f.kind, f.left.article_id, f.left.span.start,
                                      f.right.article_id, f.right.span.start))


def _key(finding: Finding, lone: Claim, other: Claim) -> _Key:
    return (finding.kind, finding.relation or "", lone.article_id, repr(lone.value_key), repr(other.value_key))


def _merged(members: list[tuple[Finding, Claim, Claim]], docs: Mapping[str, Doc]) -> Finding:
    def closeness(member: tuple[Finding, Claim, Claim]) -> tuple[float, float, int, str, int]:
        _, lone, other = member
        wording = fuzz.ratio(_shape(lone.evidence), _shape(other.evidence))
        similarity = Pair(lone, other, docs[lone.article_id], docs[other.article_id], False).sentence_similarity()
        return -wording, -similarity, lone.span.start, other.article_id, other.span.start
    members = sorted(members, key=closeness)
    first, lone, _ = members[0]
    others: list[Claim] = []
    for _, _, other in members:
        if all(other.article_id != seen.article_id for seen in others):
            others.append(other)
    agreeing = [c.article_id for c in others[1:]]
    names = ", ".join(agreeing[:-1]) + (" and " if len(agreeing) > 1 else "") + agreeing[-1]
    explanation = (f"{lone.article_id} disagrees with {len(others)} articles. {first.explanation} {names} "
                   f"{'says' if len(agreeing) == 1 else 'say'} the same as {others[0].article_id}.")
    return replace(first, left=lone, right=others[0], also=tuple(others[1:]), explanation=explanation,
                   fingerprint=lone_fingerprint(first.kind, lone, others[0]),
                   merged=tuple(sorted({f.fingerprint for f, _, _ in members})))


def _shape(evidence: str) -> str:
    """The wording of a value without its figures: "73-year-old" is worded like "66-year-old"."""
    return re.sub(r"\d", "0", evidence.lower())


def lone_fingerprint(kind: str, lone: Claim, other: Claim) -> str:
    """sha256 of canonical JSON of the lone side (article, subject, value) and the value it is
    contradicted with, not of the articles that say it: another article saying the same keeps it."""
    doc = {"scheme": FINGERPRINT_SCHEME, "kind": kind, "subject": lone.subject, "attribute": lone.attribute,
           "lone": [lone.article_id, lone.value_key], "against": other.value_key}
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
