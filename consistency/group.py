"""After compare and the sources review: one finding per disputed claim. When one article's claim
is contradicted by several other articles, that is one disagreement -- one article against the
rest, whatever values the rest give and however they are related to it -- not one per article
that disagrees with it: the reader sees it once with every side, and the gate counts it once.
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
from consistency.model import Claim, Family, Finding

def group(findings: Sequence[Finding], docs: Mapping[str, Doc], families: Sequence[Family] = ()) -> list[Finding]:
    """Merge the findings that pit one claim against several sources. A finding joins the side
    that more sources contradict -- copies of one story count once -- and stays two-sided on a
    tie, where neither side stands alone, unless one side is several copies of one story. The other articles come in the order of `_merged`, so the
    first pair shown is the plainest evidence. Every finding also carries the fingerprints it would
    have one step before or after a merge, so a baseline keeps knowing it as sources come and go."""
    family = {m: f.id for f in families for m in f.members}

    def source(other: Claim, lone: Claim) -> str:
        """A copy counts as its story, except against another copy of that story."""
        unit = family.get(other.article_id, other.article_id)
        return other.article_id if unit == family.get(lone.article_id) else unit
    against: dict[str, set[str]] = defaultdict(set)  # by claim id
    for f in findings:
        for lone, other in ((f.left, f.right), (f.right, f.left)):
            against[lone.id].add(source(other, lone))
    groups: dict[str, list[tuple[Finding, Claim, Claim]]] = defaultdict(list)
    ties: set[str] = set()
    out = []
    for f in findings:
        left, right = f.left.id, f.right.id
        if len(against[left]) > len(against[right]):
            groups[left].append((f, f.left, f.right))
        elif len(against[right]) > len(against[left]):
            groups[right].append((f, f.right, f.left))
        else:
            # A tie with several copies of one story is still one dispute: the claim against it.
            for lone, other in ((f.left, f.right), (f.right, f.left)):
                story = family.get(other.article_id)
                if story is not None and story != family.get(lone.article_id):
                    groups[lone.id].append((f, lone, other))
                    ties.add(lone.id)
                    break
            else:
                out.append(_two_sided(f))
    for lone, members in groups.items():
        if len({other.article_id for _, _, other in members}) < 2:
            out.extend(_two_sided(f) for f, _, _ in members)
        else:
            out.append(_merged(members, docs, story=lone in ties and len(against[lone]) == 1))
    # One value repeated in the lone article is one dispute: keep its first mention.
    unique: dict[str, Finding] = {}
    for f in sorted(out, key=lambda f: (f.kind, f.left.article_id, f.left.span.start,
                                        f.right.article_id, f.right.span.start)):
        unique.setdefault(f.fingerprint, f)
    return list(unique.values())


def _two_sided(finding: Finding) -> Finding:
    """A pair is what either side's merged finding would shrink back to."""
    names = {lone_fingerprint(finding, finding.left), lone_fingerprint(finding, finding.right)}
    return replace(finding, merged=tuple(sorted(names)))


def _merged(members: list[tuple[Finding, Claim, Claim]], docs: Mapping[str, Doc], story: bool = False) -> Finding:
    """The other articles come value by value, the value most of them give first (what the lone
    one disagrees with most), and within a value in order of how closely their wording of the
    value, then their sentence, matches the lone one's. `story`: the others are copies of one
    story, one source against one, so neither is called the one that disagrees."""
    told: dict[str, set[str]] = defaultdict(set)
    for _, _, other in members:
        told[repr(other.value_key)].add(other.article_id)

    def closeness(member: tuple[Finding, Claim, Claim]) -> tuple[int, float, float, str, int]:
        _, lone, other = member
        wording = fuzz.ratio(_shape(lone.evidence), _shape(other.evidence))
        similarity = Pair(lone, other, docs[lone.article_id], docs[other.article_id], False).sentence_similarity()
        return -len(told[repr(other.value_key)]), -wording, -similarity, other.article_id, other.span.start
    members = sorted(members, key=closeness)
    first, lone, _ = members[0]
    others: list[Claim] = []
    for _, _, other in members:
        if all(other.article_id != seen.article_id for seen in others):
            others.append(other)
    if story:
        explanation = (f"{lone.article_id} and one story in {len(others)} copies disagree, one source against one. "
                       f"{first.explanation}")
    else:
        explanation = f"{lone.article_id} disagrees with {len(others)} articles. {first.explanation}"
    same = [c.article_id for c in others[1:] if c.value_key == others[0].value_key]
    if same:
        explanation += f" {_names(same)} {'says' if len(same) == 1 else 'say'} the same as {others[0].article_id}."
    rest: dict[str, list[Claim]] = defaultdict(list)
    for c in others[1:]:
        if c.value_key != others[0].value_key:
            rest[repr(c.value_key)].append(c)
    for saying in rest.values():
        explanation += (f" {_names([c.article_id for c in saying])} {'gives' if len(saying) == 1 else 'give'} "
                        f"{saying[0].display} (“{saying[0].evidence}”).")
    return replace(first, left=lone, right=others[0], also=tuple(others[1:]), explanation=explanation,
                   fingerprint=lone_fingerprint(first, lone),
                   merged=tuple(sorted({f.fingerprint for f, _, _ in members})))


def _names(ids: list[str]) -> str:
    return ", ".join(ids[:-1]) + (" and " if len(ids) > 1 else "") + ids[-1]


def _shape(evidence: str) -> str:
    """The wording of a value without its figures: "73-year-old" is worded like "66-year-old"."""
    return re.sub(r"\d", "0", evidence.lower())


def lone_fingerprint(finding: Finding, lone: Claim) -> str:
    """sha256 of canonical JSON of the lone side (article, subject, value) -- not of the articles
    that contradict it or what they say: another article joining them keeps it."""
    doc = {"scheme": FINGERPRINT_SCHEME, "kind": finding.kind, "subject": lone.subject, "attribute": lone.attribute,
           "lone": [lone.article_id, lone.value_key]}
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
