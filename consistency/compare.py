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
from typing import Iterable, Iterator, Mapping, Protocol, Sequence

import numpy as np

from consistency.kinds import KINDS, Doc, Pair
from consistency.match import Block, block_pairs
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
            out.append((i, j, verdict.relation, verdict.explanation, fp))
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
                names: Mapping[str, set[str]], jobs: int) -> list[Judged]:
    """`judge` of the pairs coded i * len(claims) + j, split between this process and `jobs - 1`
    forked ones: comparing is pure Python, one core per process. Without fork (Windows, macOS by
    default) or for few pairs, all here."""
    global _shared
    if jobs < 2 or len(codes) < PARALLEL_PAIRS or "fork" not in multiprocessing.get_all_start_methods():
        return judge(claims, _pairs(codes, len(claims)), docs, names)
    step = -(-len(codes) // jobs)
    bounds = [(start, min(start + step, len(codes))) for start in range(0, len(codes), step)]
    _shared = (claims, codes, docs, names)
    try:
        with multiprocessing.get_context("fork").Pool(len(bounds) - 1) as pool:
            others = pool.map_async(_judge_part, bounds[1:])
            mine = _judge_part(bounds[0])
            return mine + [judged for part in others.get() for judged in part]
    finally:
        _shared = None


def assemble(claims: Sequence[Claim], judged: Iterable[Judged]) -> tuple[list[Finding], list[Agreement]]:
    """Agreements in order, and one finding per fingerprint (the first), sorted."""
    findings: dict[str, Finding] = {}
    agreements: list[Agreement] = []
    for i, j, relation, explanation, fp in judged:
        left, right = claims[i], claims[j]
        if relation == "agree":
            agreements.append(Agreement(left.kind, left, right, explanation))
        elif fp not in findings:
            findings[fp] = Finding(left.kind, left, right, explanation, fp)
    ordered = sorted(findings.values(), key=lambda f: (f.kind, f.left.article_id, f.left.span.start,
                                                        f.right.article_id, f.right.span.start))
    return ordered, agreements


def compare(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], docs: Mapping[str, Doc],
            names: Mapping[str, set[str]]) -> tuple[list[Finding], list[Agreement]]:
    return assemble(claims, judge(claims, pairs, docs, names))


# What a block holds between runs: its members' tokens (None when the caller's digest of them
# matched, so they are the caller's own) and the verdicts of its pairs by member position.
Stored = tuple[tuple[bytes, ...] | None, list[Judged]]


class BlockStore(Protocol):
    """Where `compare_blocks` keeps each block's verdicts between runs (`consistency.cache`)."""

    def get_blocks(self, digests: Mapping[str, bytes]) -> dict[str, Stored]: ...

    def put_blocks(self, rows: Mapping[str, tuple[bytes, tuple[bytes, ...], list[Judged]]]) -> None: ...


def compare_blocks(claims: Sequence[Claim], blocks: Sequence[Block], docs: Mapping[str, Doc],
                   names: Mapping[str, set[str]], tokens: Sequence[bytes], store: BlockStore | None = None,
                   jobs: int = 1) -> tuple[list[Finding], list[Agreement]]:
    """`compare` of every block's pairs, each pair once, in index order, in up to `jobs` processes.
    With a `store`, a block reuses the verdicts of the pairs of claims (tokens) it held last time
    and stores its own."""
    n = len(claims)
    members = {}
    for block in blocks:
        idx = block.members.tolist()
        members[f"{block.kind}\0{block.key}"] = (block, idx, tuple(tokens[i] for i in idx))
    digests = {name: hashlib.blake2b(b"".join(t), digest_size=16).digest() for name, (_, _, t) in members.items()}
    stored = store.get_blocks(digests) if store is not None else {}
    known: dict[int, Judged] = {}
    fresh_codes = []
    todo = []  # (block name, verdicts reused from its last run, codes of its pairs to compare)
    for name, (block, idx, block_tokens) in members.items():
        old_tokens, old_verdicts = stored.get(name, ((), []))
        if old_tokens is None:
            for a, b, *verdict in old_verdicts:
                i, j = idx[a], idx[b]
                known[min(i, j) * n + max(i, j)] = (i, j, *verdict)
            continue
        position = {t: p for p, t in enumerate(block_tokens)}
        old_position = [position.get(t) for t in old_tokens]
        reused = [(old_position[a], old_position[b], *verdict) for a, b, *verdict in old_verdicts
                  if old_position[a] is not None and old_position[b] is not None]
        for a, b, *verdict in reused:
            i, j = idx[a], idx[b]
            known[min(i, j) * n + max(i, j)] = (i, j, *verdict)
        old = set(old_tokens)
        a, b = block_pairs(claims, block, np.array([t not in old for t in block_tokens]) if old else None)
        codes = block.members[a] * n + block.members[b]
        fresh_codes.append(codes)
        todo.append((name, reused, codes))
    unique = np.unique(np.concatenate(fresh_codes)) if fresh_codes else np.empty(0, dtype=np.int64)
    unique = unique[~np.isin(unique, np.fromiter(known, dtype=np.int64, count=len(known)))]
    for judged in judge_codes(claims, unique, docs, names, jobs):
        known[min(judged[0], judged[1]) * n + max(judged[0], judged[1])] = judged
    if store is not None and todo:
        rows = {}
        for name, reused, codes in todo:
            block, idx, block_tokens = members[name]
            position = {i: p for p, i in enumerate(idx)}
            verdicts = list(reused)
            for code in codes.tolist():
                if code in known:
                    i, j, *verdict = known[code]
                    verdicts.append((position[i], position[j], *verdict))
            rows[name] = (digests[name], block_tokens, verdicts)
        store.put_blocks(rows)
    return assemble(claims, (known[code] for code in sorted(known)))
