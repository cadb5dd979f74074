"""Stage 5: decide, for each candidate pair, whether the two claims agree or contradict.

The kind's comparator gives the verdict and the plain-words reason; this stage orders the sides,
gives each contradiction its stable fingerprint, and keeps one finding per fingerprint.

A verdict depends only on the two claims and their articles, so `compare_blocks` can reuse the
verdicts a block had in an earlier run (see `consistency.cache`): a claim is named by a token that
hashes its article's cache key, its place in the article's extraction, its resolved subject and
its article's resolved names. After one article changes, only pairs that touch its claims are
compared again.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Mapping, Protocol, Sequence

import numpy as np

from consistency.kinds import KINDS, Doc, Pair
from consistency.match import Block, Related, alike, block_pairs, unique, within
from consistency.model import Agreement, Claim, Finding

FINGERPRINT_SCHEME = "consistency/v1"
# Two articles report the same story when they share this many names, and this share of the
# smaller article's names (headline words and other capitalised noise make the union unreliable).
STORY_MIN_SHARED = 3
STORY_MIN_OVERLAP = 0.2

# A verdict for a pair of claim indices, sides in order: (left, right, relation, explanation,
# the fingerprint of a contradiction or "").
Judged = tuple[int, int, str, str, str]
# Pairs below which comparing in forked processes costs more than it saves.
PARALLEL_PAIRS = 50_000
# What forked processes compare: set just before the fork, so it is inherited, never pickled.
_shared: tuple | None = None


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


def judge(claims: Sequence[Claim], pairs: Iterable[tuple[int, int]], docs: Mapping[str, Doc],
          names: Mapping[str, set[str]]) -> list[Judged]:
    """The verdicts of the pairs that have one, in the pairs' order; the left side is the claim
    first by (article, offsets)."""
    rank = np.empty(len(claims), dtype=np.int64)
    rank[sorted(range(len(claims)), key=lambda i: (claims[i].article_id, claims[i].span.start, claims[i].span.end))] = \
        np.arange(len(claims))
    rank = rank.tolist()
    comparators = {name: kind.compare for name, kind in KINDS.items()}
    stories: dict[tuple[str, str], tuple[bool, tuple[str, ...]]] = {}
    explanations: dict[str, str] = {}  # one string per wording: most verdicts repeat one
    out = []
    for i, j in pairs:
        if rank[j] < rank[i]:
            i, j = j, i
        left, right = claims[i], claims[j]
        key = (left.article_id, right.article_id)
        story = stories.get(key)
        if story is None:
            story = stories[key] = same_story(names[key[0]], names[key[1]])
        verdict = comparators[left.kind](Pair(left, right, docs[key[0]], docs[key[1]], *story))
        if verdict is not None:
            fp = "" if verdict.relation == "agree" else _fingerprint(left, right)
            out.append((i, j, verdict.relation, explanations.setdefault(verdict.explanation, verdict.explanation), fp))
    return out


def _fingerprint(left: Claim, right: Claim) -> str:
    attribute = "/".join(sorted({left.attribute, right.attribute}))
    subject = left.subject if left.subject == right.subject else _shared_subject(left, right)
    return fingerprint(left.kind, subject, attribute, (left, right))


def _pairs(codes: np.ndarray, n: int) -> Iterator[tuple[int, int]]:
    """The pairs (i, j) coded i * n + j, made a slice at a time: millions of tuples at once would
    cost hundreds of megabytes."""
    for start in range(0, len(codes), 1 << 16):
        part = codes[start:start + (1 << 16)]
        yield from zip((part // n).tolist(), (part % n).tolist())


def _judge_part(bounds: tuple[int, int]) -> list[Judged]:
    claims, codes, docs, names = _shared
    return judge(claims, _pairs(codes[bounds[0]:bounds[1]], len(claims)), docs, names)


def judge_codes(claims: Sequence[Claim], codes: np.ndarray, docs: Mapping[str, Doc],
                names: Mapping[str, set[str]], jobs: int,
                elsewhere: Callable[..., list[Judged]] | None = None) -> list[Judged]:
    """`judge` of the pairs coded i * len(claims) + j, split between this process and `jobs - 1`
    forked ones: comparing is pure Python, one core per process. Without fork (Windows, macOS by
    default) or for few pairs, all here. `elsewhere(claims, codes, docs, names)`, when given, judges
    instead (`dask_engine.judge_codes` on a cluster)."""
    global _shared
    if not len(codes):
        return []
    if elsewhere is not None:
        return elsewhere(claims, codes, docs, names)
    if jobs < 2 or len(codes) < PARALLEL_PAIRS or "fork" not in multiprocessing.get_all_start_methods():
        return judge(claims, _pairs(codes, len(claims)), docs, names)
    step = -(-len(codes) // jobs)
    bounds = [(start, min(start + step, len(codes))) for start in range(0, len(codes), step)]
    _shared = (claims, codes, docs, names)
    try:
        with ProcessPoolExecutor(len(bounds) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            others = [(part, pool.submit(_judge_part, part)) for part in bounds[1:]]
            judged = _judge_part(bounds[0])
            for part, future in others:
                try:
                    judged += future.result()
                except BrokenProcessPool:
                    judged += _judge_part(part)  # a killed process (out of memory) costs time, not the run
            return judged
    finally:
        _shared = None


@dataclass(frozen=True)
class Agreed:
    """A run's agreements in order, by their claims' indices: a run at 10k articles has hundreds
    of thousands, which most runs never read, so `agreements` makes the objects on demand."""

    left: np.ndarray
    right: np.ndarray
    explanations: list[str]


def assemble(claims: Sequence[Claim], judged: Iterable[Judged]) -> tuple[list[Finding], Agreed]:
    """The agreements in order, and one finding per fingerprint (the first), sorted."""
    columns = [list(column) for column in zip(*judged)] or [[], [], [], [], []]
    return _assemble(claims, *columns)


def _assemble(claims: Sequence[Claim], left: list[int], right: list[int], relations: list[str],
              explanations: list[str], fingerprints: list[str]) -> tuple[list[Finding], Agreed]:
    """`assemble` of the verdicts' columns."""
    agree = np.array([r == "agree" for r in relations], dtype=bool)
    findings: dict[str, Finding] = {}
    for k in np.flatnonzero(~agree).tolist():
        if fingerprints[k] not in findings:
            i, j = left[k], right[k]
            findings[fingerprints[k]] = Finding(claims[i].kind, claims[i], claims[j], explanations[k], fingerprints[k])
    ordered = sorted(findings.values(), key=lambda f: (f.kind, f.left.article_id, f.left.span.start,
                                                        f.right.article_id, f.right.span.start))
    return ordered, Agreed(np.array(left, dtype=np.int64)[agree], np.array(right, dtype=np.int64)[agree],
                           [e for e, a in zip(explanations, agree.tolist()) if a])


def agreements(claims: Sequence[Claim], agreed: Agreed) -> tuple[Agreement, ...]:
    return tuple(Agreement(claims[i].kind, claims[i], claims[j], explanation)
                 for i, j, explanation in zip(agreed.left.tolist(), agreed.right.tolist(), agreed.explanations))


def compare(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], docs: Mapping[str, Doc],
            names: Mapping[str, set[str]]) -> tuple[list[Finding], list[Agreement]]:
    findings, agreed = assemble(claims, judge(claims, pairs, docs, names))
    return findings, list(agreements(claims, agreed))



@dataclass(frozen=True)
class Verdicts:
    """A run's verdicts and blocks, kept for the next run (`compare_blocks`). Claims are named by
    their position in `tokens`; arrays are flat, each block's part between two of its bounds."""

    tokens: tuple[bytes, ...]
    names: tuple[str, ...]  # the blocks, "kind\\0key"
    member_bounds: np.ndarray
    members: np.ndarray  # per block, its claims
    verdict_bounds: np.ndarray
    verdict_ids: np.ndarray  # per block, the verdicts of its pairs
    left: np.ndarray  # per verdict, its two claims
    right: np.ndarray
    relations: list[str]
    explanations: list[str]
    fingerprints: list[str]
    common: frozenset[tuple[int, str]]  # `Related.common`: the names too common to relate two articles


class VerdictStore(Protocol):
    """Where `compare_blocks` keeps the last run's `Verdicts` (`consistency.cache`)."""

    def get_state(self, name: str) -> object | None: ...

    def put_state(self, name: str, value: object) -> None: ...


def compare_blocks(claims: Sequence[Claim], blocks: Sequence[Block], docs: Mapping[str, Doc],
                   names: Mapping[str, set[str]], tokens: Sequence[bytes], store: VerdictStore | None = None,
                   jobs: int = 1, elsewhere: Callable[..., list[Judged]] | None = None
                   ) -> tuple[list[Finding], Agreed]:
    """`compare` of every block's pairs, each pair once, in index order, in up to `jobs` processes
    or by `elsewhere` (see `judge_codes`), agreements as `Agreed`. With a `store`, the verdicts of
    the last run stored are reused: a block whose claims (tokens) are the same keeps its verdicts,
    one that changed keeps those of its claims that stay and compares only the pairs that touch a
    new one. Whether two articles are related depends on how many articles hold the names they
    share: the claims of articles that hold a name that became common, or ceased to be, are
    compared again."""
    n = len(claims)
    related = Related(claims, names, {aid: d.article.title for aid, d in docs.items()})
    old = store.get_state("verdicts") if store is not None else None
    if not isinstance(old, Verdicts) or len(set(tokens)) != n:
        old = None
    empty = np.empty(0, dtype=np.int64)
    if old is not None:
        stale = related.holding(related.common ^ old.common)
        where = {t: i for i, t in enumerate(tokens)}
        to_new = np.array([where.get(t, -1) for t in old.tokens], dtype=np.int64)
        old_left, old_right = to_new[old.left], to_new[old.right]
        old_codes = np.where((old_left >= 0) & (old_right >= 0),
                             np.minimum(old_left, old_right) * n + np.maximum(old_left, old_right), -1)
        old_block = {name: k for k, name in enumerate(old.names)}
    # Per block, the old verdicts it keeps and the codes (i * n + j) of the pairs it compares.
    kept, fresh, changed = [], [], old is None or len(old.names) != len(blocks)
    for block in blocks:
        k = old_block.get(f"{block.kind}\0{block.key}") if old is not None else None
        ids, fresh_mask = empty, None
        if k is not None:
            was = to_new[old.members[old.member_bounds[k]:old.member_bounds[k + 1]]]
            ids = old.verdict_ids[old.verdict_bounds[k]:old.verdict_bounds[k + 1]]
            same = len(was) == len(block.members) and (was == block.members).all()
            if same and not stale[block.members].any():
                kept.append(ids)
                fresh.append(empty)
                continue
            current = block.members[~stale[block.members]]
            ids = ids[np.isin(old_left[ids], current) & np.isin(old_right[ids], current)]
            fresh_mask = ~np.isin(block.members, was) | stale[block.members]
        changed = True
        kept.append(ids)
        a, b = (block_pairs(claims, block, related, fresh_mask) if fresh_mask is None or fresh_mask.any()
                else (empty, empty))
        fresh.append(block.members[a] * n + block.members[b])
    reused = unique(np.concatenate(kept)) if kept else empty
    reused_codes = old_codes[reused] if old is not None else empty
    todo = unique(np.concatenate(fresh)) if fresh else empty
    todo = todo[~within(todo, np.sort(reused_codes))]
    judged = judge_codes(claims, todo[alike(claims, todo)], docs, names, jobs, elsewhere)
    if old is not None:
        picked = reused.tolist()
        columns = [old_left[reused].tolist(), old_right[reused].tolist(),
                   *([values[v] for v in picked] for values in (old.relations, old.explanations, old.fingerprints))]
    else:
        columns = [[], [], [], [], []]
    for c, column in enumerate(columns):
        column += [verdict[c] for verdict in judged]
    codes = np.concatenate([reused_codes, np.array([min(i, j) * n + max(i, j) for i, j, *_ in judged], dtype=np.int64)])
    order = np.argsort(codes, kind="stable")
    left, right, relations, explanations, fingerprints = ([column[k] for k in order.tolist()] for column in columns)
    # Most explanations repeat (a few tens of thousands among a million verdicts at 10k articles):
    # one string each keeps memory and the stored values small.
    shared: dict[str, str] = {}
    explanations = [shared.setdefault(e, e) for e in explanations]
    # Storing a million verdicts takes seconds. After a small edit the stored ones still serve (the
    # next run compares the edit's pairs again), so they are stored when one in a hundred is new.
    if store is not None and changed and 100 * len(judged) >= len(codes):
        per_block = [np.concatenate([old_codes[ids], codes]) if len(ids) else codes for ids, codes in zip(kept, fresh)]
        store.put_state("verdicts", Verdicts(
            tuple(tokens), tuple(f"{b.kind}\0{b.key}" for b in blocks),
            *_flat([b.members for b in blocks]), *_flat(_positions(codes[order], per_block)),
            np.array(left, dtype=np.int64), np.array(right, dtype=np.int64), relations, explanations, fingerprints,
            related.common))
    return _assemble(claims, left, right, relations, explanations, fingerprints)


def _positions(ordered: np.ndarray, parts: list[np.ndarray]) -> list[np.ndarray]:
    """Per part, the positions in `ordered` (sorted) of its codes that are there."""
    return [np.searchsorted(ordered, part)[within(part, ordered)] for part in parts]


def _flat(parts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(bounds, values): part k is values[bounds[k]:bounds[k + 1]]."""
    bounds = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=bounds[1:])
    return bounds, np.concatenate(parts).astype(np.int64) if parts else np.empty(0, dtype=np.int64)
