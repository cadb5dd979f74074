"""Sources over time: syndicated copies, updates, and how often each source agrees.

Findings treat every article as an independent witness at one moment; news is neither.
- Wire copy is republished with light edits. Word 5-gram shingles, MinHash signatures and banding
  give candidate pairs (never all pairs); a candidate is a copy when most of the shorter text's
  shingles are in the longer one. Copies form one story family: their agreement is one source, and
  a value changed between them is an edit of the copy (the later one), not a second witness. With
  a store (`consistency.cache`), the articles' signatures and candidate pairs' verdicts are kept
  by the articles' cache keys, so a rerun shingles only the articles that changed.
- Stories unfold. When the articles' reference dates order two contradicting claims and the later
  claim is a running count that grew, a role status that moved on, or sits by a word such as
  "revised", the later article updates the earlier one: a step on a timeline, not a finding.
- Per source, agreements / (agreements + contradictions) with independent articles.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Mapping, Protocol, Sequence

import networkx as nx
import numpy as np

from consistency import lang
from consistency.kinds import Doc
from consistency.match import unique, within
from consistency.model import Agreement, Article, Claim, Family, Finding, Update
from consistency.text import WORD, stem

SHINGLE_WORDS = 5
# Texts with fewer shingles are too short to tell a copy from a shared quote.
MIN_SHINGLES = 20
# A copy: this share of the shorter text's shingles is in the longer one, so truncated copies count.
MIN_CONTAINMENT = 0.5
# MinHash with 128 hash functions in 64 bands of 2 rows: a pair is a candidate when a band matches,
# near-certain at a Jaccard similarity of 0.25 (98%), rare at 0.02 (2.5%).
BANDS, ROWS = 64, 2
# A band value shared by more articles than this is boilerplate or one text many times over: its
# articles are paired along a chain, not all with all, so a folder of copies stays linear.
MAX_BUCKET = 64
_PRIME = 4294967291  # the largest prime below 2**32: (a * x + b) % _PRIME never overflows uint64
# An odd multiplier that spreads a 5-gram's word hashes over 64 bits (the golden-ratio constant).
_MIX = np.uint64(0x9E3779B97F4A7C15)


class Store(Protocol):
    """The last run's values by name (`consistency.cache.ClaimCache`)."""

    def get_state(self, name: str) -> object | None: ...

    def put_state(self, name: str, value: object) -> None: ...


@dataclass(frozen=True)
class Review:
    """The findings relabelled and without updates, the updates as timelines, the story families."""

    findings: tuple[Finding, ...]
    updates: tuple[Update, ...]
    families: tuple[Family, ...]


@dataclass(frozen=True)
class SourceRate:
    source: str
    agreements: int
    contradictions: int

    @property
    def rate(self) -> float:
        return self.agreements / (self.agreements + self.contradictions)


def review(findings: Sequence[Finding], docs: Mapping[str, Doc], updates_as_findings: bool = False,
           store: Store | None = None, keys: Mapping[str, str] | None = None) -> Review:
    """Group copies into families, label edits between copies, and move updates out of the
    findings (or label them, when asked to keep them). Copies differ by an edit, not by news: a
    difference between them is never an update. `store` and `keys` (article id -> cache key) as
    for `story_families`."""
    dates = {article_id: doc.reference for article_id, doc in docs.items()}
    families = story_families([doc.article for doc in docs.values()], dates, store, keys)
    family_of = {member: family for family in families for member in family.members}
    kept, steps = [], []
    markers: dict[tuple[str, int], str | None] = {}  # a claim contradicts many others: look once
    for finding in findings:
        related = _relate(finding, family_of, dates)
        step = None if related.relation else _update(finding, docs, markers)
        if step is None:
            kept.append(related)
            continue
        earlier, later, reason = step
        steps.append((finding, earlier, later, reason))
        if updates_as_findings:
            kept.append(replace(finding, relation="update", explanation=(
                f"{finding.explanation} {later.article_id} ({dates[later.article_id]}) is dated after "
                f"{earlier.article_id} ({dates[earlier.article_id]}) and {reason}: it may update the "
                f"earlier report rather than contradict it.")))
    return Review(tuple(kept), _timelines(steps, dates), families)


# --- story families --------------------------------------------------------------------------

class _WordHashes(dict):
    """crc32 of a word in lower case, looked up: a corpus repeats its words millions of times.
    Bounded, so a long-lived process does not grow without end."""

    def __missing__(self, word: str) -> int:
        if len(self) >= 1 << 20:
            self.clear()
        value = self[word] = zlib.crc32(word.lower().encode("utf-8"))
        return value


_word_hashes = _WordHashes()


def shingles(text: str) -> np.ndarray:
    """Lower-cased word 5-grams as sorted, unique 64-bit hashes (numpy does the 5-grams of a
    10k-article corpus in a second, strings would take many); a number is a word, so an edited
    number changes five shingles."""
    words = WORD.findall(text)
    words = np.fromiter(map(_word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE_WORDS + 1
    if n < 1:
        return np.empty(0, dtype=np.uint64)
    grams = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE_WORDS):
        grams = grams * _MIX + words[k:k + n]  # wraps around modulo 2**64
    return unique(grams)


@cache
def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    """The hash functions (a * x + b) % _PRIME, drawn from sha256 so they never change."""
    def draw(tag: str, i: int) -> int:
        return int.from_bytes(hashlib.sha256(f"{tag}{i}".encode()).digest()[:8], "big") % (_PRIME - 1) + 1
    n = BANDS * ROWS
    return (np.array([draw("a", i) for i in range(n)], dtype=np.uint64),
            np.array([draw("b", i) for i in range(n)], dtype=np.uint64))


def _signature(shingle_set: np.ndarray) -> np.ndarray:
    prime = np.uint64(_PRIME)
    a, b = _coefficients()
    y = np.outer(shingle_set % prime, a)
    y += b
    # y %= prime, written so: numpy divides by one number fast but takes remainders slowly.
    whole = y // prime
    whole *= prime
    y -= whole
    return y.min(axis=0)


def story_families(articles: Sequence[Article], dates: Mapping[str, date | None], store: Store | None = None,
                   keys: Mapping[str, str] | None = None) -> tuple[Family, ...]:
    """Articles that are copies of one another, joined transitively; families numbered in order of
    their first member's id. With a `store`, the signatures and candidates' verdicts of the last
    run are reused for the articles whose cache keys (`keys`, article id -> key) are the same,
    and this run's are kept."""
    by_id = {a.id: a for a in articles}
    sets: dict[str, np.ndarray] = {}

    def shingle_set(article_id: str) -> np.ndarray:
        if article_id not in sets:
            sets[article_id] = shingles(by_id[article_id].text)
        return sets[article_id]

    kept = store.get_state("families") if store is not None and keys is not None else None
    old_signatures, old_verdicts = kept if isinstance(kept, tuple) else ({}, {})
    key_of = keys if keys is not None else {i: i for i in by_id}
    stored: dict[str, bytes] = {}
    signatures: dict[str, np.ndarray | None] = {}
    for article_id in sorted(by_id):
        value = old_signatures.get(key_of[article_id])
        if value is None:
            s = shingle_set(article_id)
            value = _signature(s).tobytes() if len(s) >= MIN_SHINGLES else b""
        stored[key_of[article_id]] = value
        signatures[article_id] = np.frombuffer(value, dtype=np.uint64) if value else None
    ids = sorted(i for i, signature in signatures.items() if signature is not None)
    candidates = _candidates(ids, [signatures[i] for i in ids])
    copies = nx.utils.UnionFind(ids)
    verdicts: dict[tuple[str, str], bool] = {}
    for x, y in candidates:
        pair = (key_of[x], key_of[y])
        verdict = old_verdicts.get(pair)
        if verdict is None and copies[x] != copies[y]:
            small, large = shingle_set(x), shingle_set(y)
            if len(large) < len(small):
                small, large = large, small
            verdict = int(within(small, large).sum()) >= MIN_CONTAINMENT * len(small)
        if verdict is not None:
            verdicts[pair] = verdict
            if verdict:
                copies.union(x, y)
    groups = sorted(sorted(group) for group in copies.to_sets() if len(group) > 1)
    families = tuple(Family(f"family:{n}", tuple(group), _original(group, dates)) for n, group in enumerate(groups, 1))
    if store is not None and keys is not None and (sets or stored.keys() != old_signatures.keys()
                                                   or verdicts.keys() != old_verdicts.keys()):
        store.put_state("families", (stored, verdicts))
    return families


def _candidates(ids: list[str], signatures: list[np.ndarray]) -> list[tuple[str, str]]:
    """Pairs of ids (sorted) whose signatures agree on all rows of at least one band."""
    if not ids:
        return []
    bands = np.ascontiguousarray(np.stack(signatures).reshape(len(ids), BANDS, ROWS))
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        values = bands[:, band, :].copy().view(f"V{8 * ROWS}").ravel()
        order = np.argsort(values, kind="stable")
        ordered = values[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for start, end in zip(starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist()):
            members = sorted(order[start:end].tolist())
            if len(members) > MAX_BUCKET:  # boilerplate: a chain joins the copies among them
                pairs.update(zip(members, members[1:]))
            else:
                pairs.update((x, y) for k, x in enumerate(members) for y in members[k + 1:])
    return [(ids[x], ids[y]) for x, y in sorted(pairs)]


def _original(members: list[str], dates: Mapping[str, date | None]) -> str | None:
    """The one member dated before all others; None when a date is unknown or the earliest is shared."""
    if not all(dates.get(m) for m in members):
        return None
    first, second = sorted(members, key=lambda m: dates[m])[:2]
    return first if dates[first] < dates[second] else None


def _relate(finding: Finding, family_of: Mapping[str, Family], dates: Mapping[str, date | None]) -> Finding:
    left, right = finding.left.article_id, finding.right.article_id
    family = family_of.get(left)
    if family is None or family != family_of.get(right):
        return finding
    copies = f"{left} and {right} are copies of one story ({family.id})"
    if dates.get(left) and dates.get(right) and dates[left] != dates[right]:
        copy = max((left, right), key=lambda a: dates[a])
        return replace(finding, relation="edit of copy", explanation=(
            f"{finding.explanation} {copies}; {copy}, dated {dates[copy]}, is the later copy and "
            f"changed the value: an edit of the copy, not a second source."))
    return replace(finding, relation="edit between copies", explanation=(
        f"{finding.explanation} {copies} and their dates do not say which came first: an edit "
        f"between copies, not a second source."))


# --- updates ---------------------------------------------------------------------------------

@cache
def _data() -> dict:
    return lang.load("sources")


@cache
def _stems(section: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _data()[section])


@cache
def _marker_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(_data()["markers"], key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


def _update(finding: Finding, docs: Mapping[str, Doc],
            markers: dict[tuple[str, int], str | None]) -> tuple[Claim, Claim, str] | None:
    """(earlier claim, later claim, why the later one updates the earlier) when it does."""
    left, right = finding.left, finding.right
    day_left, day_right = docs[left.article_id].reference, docs[right.article_id].reference
    if not day_left or not day_right or day_left == day_right:
        return None
    earlier, later = (left, right) if day_left < day_right else (right, left)
    reason = _why_update(earlier, later, docs[later.article_id], markers)
    return (earlier, later, reason) if reason else None


def _why_update(earlier: Claim, later: Claim, later_doc: Doc, markers: dict[tuple[str, int], str | None]) -> str | None:
    if later.kind == "quantity" and later.attribute == earlier.attribute == "count" \
            and _running(earlier) and _running(later) and later.value.low > earlier.value.high:
        return f"the running count of {later.value.unit} grew"
    if later.kind == "role" and [earlier.value.status, later.value.status] in _data()["status_changes"] \
            and _without_status(earlier) == _without_status(later):
        return f"the status moved on from {earlier.value.status} to {later.value.status}"
    where = (later.article_id, later.span.start)
    if where not in markers:
        markers[where] = _marker_near(later, later_doc)
    marker = markers[where]
    if marker:
        return f"the later article says “{marker}” near it"
    return None


def _running(claim: Claim) -> bool:
    running = _stems("running_counts")
    return claim.subject in running or (claim.subject in _stems("people") and bool(set(claim.context) & running))


def _without_status(claim: Claim) -> dict:
    return {k: v for k, v in claim.value_key.items() if k != "status"}


def _marker_near(claim: Claim, doc: Doc) -> str | None:
    """A revision word in the claim's sentence or the one before it."""
    spans = doc.sentences
    i = bisect_right([s.start for s in spans], claim.span.start) - 1
    if i < 0 or claim.span.start >= spans[i].end:
        return None
    m = _marker_pattern().search(doc.article.text, spans[max(0, i - 1)].start, spans[i].end)
    return " ".join(m.group().split()) if m else None


def _timelines(steps: Sequence[tuple[Finding, Claim, Claim, str]], dates: Mapping[str, date | None]) -> tuple[Update, ...]:
    """One timeline per fact: the claims joined by update steps, in date order."""
    facts = nx.Graph()
    for finding, earlier, later, reason in steps:
        facts.add_edge(earlier.id, later.id, finding=finding, reason=reason)
    claims = {c.id: c for _, earlier, later, _ in steps for c in (earlier, later)}
    updates = []
    for component in nx.connected_components(facts):
        edges = facts.subgraph(component).edges(data=True)
        timeline = sorted(((dates[claims[i].article_id], claims[i]) for i in component),
                          key=lambda dc: (dc[0], dc[1].article_id, dc[1].span.start))
        first = timeline[0][1]
        updates.append(Update(
            kind=first.kind, subject=first.subject, attribute=first.attribute, timeline=tuple(timeline),
            reasons=tuple(sorted({d["reason"] for _, _, d in edges})),
            fingerprints=tuple(sorted(d["finding"].fingerprint for _, _, d in edges))))
    return tuple(sorted(updates, key=lambda u: (u.kind, u.subject, u.attribute, u.timeline[0][0], u.timeline[0][1].id)))


# --- agreement per source --------------------------------------------------------------------

def agreement_rates(articles: Sequence[Article], findings: Sequence[Finding], agreements: Sequence[Agreement],
                    families: Sequence[Family]) -> tuple[SourceRate, ...]:
    """Per source (its name, else the article id): agreements with articles outside its story
    family, and contradictions other than updates. A pair counts once for each source in it; a finding of
    one article against several is a pair per other article."""
    source = {a.id: a.source or a.id for a in articles}
    unit = {a.id: f"article:{a.id}" for a in articles} | {m: f.id for f in families for m in f.members}
    agree: Counter[str] = Counter()
    contradict: Counter[str] = Counter()
    for ag in agreements:
        left, right = ag.left.article_id, ag.right.article_id
        if unit[left] != unit[right]:
            agree.update({source[left], source[right]})
    for f in findings:
        if f.relation != "update":
            for side in f.sides[1:]:
                contradict.update({source[f.left.article_id], source[side.article_id]})
    return tuple(SourceRate(s, agree[s], contradict[s]) for s in sorted(agree.keys() | contradict.keys()))
