"""Stage 5: decide, for each candidate pair, whether the two claims agree or contradict.

The kind's comparator gives the verdict and the plain-words reason; this stage orders the sides,
gives each contradiction its stable fingerprint, and keeps one finding per fingerprint.
"""
from __future__ import annotations

import hashlib
import json
from typing import Mapping, Sequence

from consistency.kinds import KINDS, Doc, Pair
from consistency.model import Agreement, Claim, Finding

FINGERPRINT_SCHEME = "consistency/v1"
# Two articles report the same story when they share this many names, and this share of the
# smaller article's names (headline words and other capitalised noise make the union unreliable).
STORY_MIN_SHARED = 3
STORY_MIN_OVERLAP = 0.2


def fingerprint(kind: str, subject: str, attribute: str, sides: Sequence[Claim]) -> str:
    """sha256 of canonical JSON without offsets or wording, so unrelated edits keep it."""
    values = sorted([c.article_id, c.value_key] for c in sides)
    doc = {"scheme": FINGERPRINT_SCHEME, "kind": kind, "subject": subject, "attribute": attribute,
           "values": values}
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _shared_subject(left: Claim, right: Claim) -> str:
    """Two wordings of one event: the words they share name it, and survive edits elsewhere in
    either clause, so the fingerprint does too."""
    shared = sorted(set(left.context) & set(right.context))
    return " ".join(shared) if shared else " | ".join(sorted({left.subject, right.subject}))


def same_story(a: set[str], b: set[str]) -> tuple[bool, tuple[str, ...]]:
    shared = a & b
    ok = len(shared) >= STORY_MIN_SHARED and len(shared) >= STORY_MIN_OVERLAP * min(len(a), len(b))
    return ok, tuple(sorted(shared))


def compare(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], docs: Mapping[str, Doc],
            names: Mapping[str, set[str]]) -> tuple[list[Finding], list[Agreement]]:
    findings: dict[str, Finding] = {}
    agreements: list[Agreement] = []
    story_cache: dict[tuple[str, str], tuple[bool, tuple[str, ...]]] = {}
    for i, j in pairs:
        left, right = sorted((claims[i], claims[j]), key=lambda c: (c.article_id, c.span.start, c.span.end))
        key = (left.article_id, right.article_id)
        if key not in story_cache:
            story_cache[key] = same_story(names[left.article_id], names[right.article_id])
        story, shared = story_cache[key]
        pair = Pair(left, right, docs[left.article_id], docs[right.article_id], story, shared)
        verdict = KINDS[left.kind].compare(pair)
        if verdict is None:
            continue
        if verdict.relation == "agree":
            agreements.append(Agreement(left.kind, left, right, verdict.explanation))
            continue
        attribute = "/".join(sorted({left.attribute, right.attribute}))
        subject = left.subject if left.subject == right.subject else _shared_subject(left, right)
        fp = fingerprint(left.kind, subject, attribute, (left, right))
        if fp not in findings:
            findings[fp] = Finding(left.kind, left, right, verdict.explanation, fp)
    ordered = sorted(findings.values(), key=lambda f: (f.kind, f.left.article_id, f.left.span.start,
                                                        f.right.article_id, f.right.span.start))
    return ordered, agreements
