"""Stage 4: which claims could be about the same fact. Claims are blocked by (kind, key) so cost
grows with block sizes, not with the square of the corpus; inside a block, rapidfuzz's `cdist`
scores the claims' event or topic words and keeps the pairs above the kind's threshold. A block's
pairs are picked with numpy masks: at 10k articles there are millions of them. Last, pairs from
articles that tell different stories (`related`) are dropped.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Collection, Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from consistency.kinds import KINDS
from consistency.model import Claim

# A key shared by more claims than this says little about any of them (a common word); pairs
# that matter share a rarer key too.
MAX_BLOCK = 400
# Scoring a block in threads pays only for big blocks: starting the pool costs more than a small
# block's scoring.
THREADED_BLOCK = 150


@dataclass(frozen=True)
class Block:
    """Claims that share a block key: one per (article, value, context), in claim order."""

    kind: str
    key: str
    members: np.ndarray  # claim indices, ascending


def blocks(claims: Sequence[Claim]) -> list[Block]:
    """The blocks with pairs to score, in (kind, key) order: two to `MAX_BLOCK` members from at
    least two articles. Repeats of a claim in one article add cost but no new pair of values."""
    grouped: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        for key in KINDS[c.kind].block_keys(c):
            grouped[(c.kind, key)].append(i)
    repeats: dict[tuple, int] = {}
    repeat = [repeats.setdefault((c.article_id, repr(c.value_key), c.context), len(repeats)) for c in claims]
    out = []
    for (kind, key), members in sorted(grouped.items()):
        seen: set[int] = set()
        idx = [i for i in members if not (repeat[i] in seen or seen.add(repeat[i]))]
        if 2 <= len(idx) <= MAX_BLOCK and len({claims[i].article_id for i in idx}) > 1:
            out.append(Block(kind, key, np.array(idx, dtype=np.int64)))
    return out


def block_pairs(claims: Sequence[Claim], block: Block, fresh: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Positions (a < b) in `block.members` of the pairs to compare: claims of different articles
    whose words are alike enough. With a `fresh` mask, only the pairs that touch a fresh member
    (the others' verdicts are known), and only fresh members' words are scored."""
    idx = block.members
    codes: dict[str, int] = {}
    articles = np.array([codes.setdefault(claims[i].article_id, len(codes)) for i in idx])
    a, b = np.triu_indices(len(idx), k=1)
    keep = articles[a] != articles[b]
    if fresh is not None:
        keep &= fresh[a] | fresh[b]
    a, b = a[keep], b[keep]
    threshold = KINDS[block.kind].min_similarity
    if threshold and len(a):
        rows = np.flatnonzero(fresh) if fresh is not None else np.arange(len(idx))
        texts = [" ".join(claims[i].context) for i in idx]
        scores = process.cdist([texts[r] for r in rows], texts, scorer=fuzz.token_set_ratio, score_cutoff=threshold,
                               workers=-1 if len(rows) * len(idx) > THREADED_BLOCK ** 2 else 1)
        row = np.full(len(idx), -1)
        row[rows] = np.arange(len(rows))
        # token_set_ratio is symmetric: a pair is scored from whichever side has a row.
        by_a = row[a] >= 0
        score = np.where(by_a, scores[np.maximum(row[a], 0), b], scores[np.maximum(row[b], 0), a])
        a, b = a[score >= threshold], b[score >= threshold]
    return a, b


def related(a: str, b: str, names: Mapping[str, Collection[str]], titles: Mapping[str, str]) -> bool:
    """Whether two articles may report one event: they share a name or a title, or one of them
    names nothing to tell them apart by. A folder often holds many stories whose sentences are
    worded alike ("a magnitude 5.8 quake hit near ..."); the people, places and organisations
    they name tell them apart."""
    return _related(frozenset(names.get(a, ())), frozenset(names.get(b, ())), _title(titles.get(a)),
                    _title(titles.get(b)))


def _title(title: str | None) -> str:
    return (title or "").strip().casefold()


def _related(na: frozenset[str], nb: frozenset[str], ta: str, tb: str) -> bool:
    if not na or not nb:
        return True
    return not na.isdisjoint(nb) or (bool(ta) and ta == tb)


def related_pairs(claims: Sequence[Claim], codes: np.ndarray, names: Mapping[str, Collection[str]],
                  titles: Mapping[str, str]) -> np.ndarray:
    """Which pair codes (i * len(claims) + j) join claims of `related` articles: each pair of
    articles is asked once, however many claim pairs it has (millions at 10k articles)."""
    ids: dict[str, int] = {}
    article = np.array([ids.setdefault(c.article_id, len(ids)) for c in claims], dtype=np.int64)
    known = [frozenset(names.get(a, ())) for a in ids]
    title = [_title(titles.get(a)) for a in ids]
    n, m = max(1, len(claims)), max(1, len(ids))
    x, y = article[codes // n], article[codes % n]
    unique, inverse = np.unique(np.minimum(x, y) * m + np.maximum(x, y), return_inverse=True)
    ok = np.array([_related(known[p // m], known[p % m], title[p // m], title[p % m]) for p in unique.tolist()],
                  dtype=bool)
    return ok[inverse.reshape(-1)]


def candidate_pairs(claims: Sequence[Claim], names: Mapping[str, Collection[str]] | None = None,
                    titles: Mapping[str, str] | None = None) -> list[tuple[int, int]]:
    """Index pairs (i < j) of claims from different, `related` articles that a comparator should
    look at (every article is related when no names are given)."""
    codes = []
    for block in blocks(claims):
        a, b = block_pairs(claims, block)
        codes.append(block.members[a] * len(claims) + block.members[b])
    unique = np.unique(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)
    if names is not None:
        unique = unique[related_pairs(claims, unique, names, titles or {})]
    return list(zip((unique // max(1, len(claims))).tolist(), (unique % max(1, len(claims))).tolist()))
