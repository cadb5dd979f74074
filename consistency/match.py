"""Stage 4: which claims could be about the same fact. Claims are blocked by (kind, key) so cost
grows with block sizes, not with the square of the corpus. Inside a block, pairs of claims from
articles that tell different stories (`Related`) are dropped first, with numpy masks: at 10k
articles a block's pairs are millions, and few are of one story. Last, rapidfuzz scores the
remaining pairs' event or topic words, pair by pair in one call (`alike`), and keeps those above
their kind's threshold.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Collection, Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from consistency.kinds import KINDS
from consistency.model import Claim

# A key shared by more claims than this says little about any of them (a common word); pairs
# that matter share a rarer key too.
MAX_BLOCK = 400
# A name (or title) carried by more articles than this is no sign of one story: a city, an
# agency, a word misread as a name are shared by unrelated stories too; the outlets of one story
# rarely reach it. Folders smaller than this treat every name alike.
COMMON_NAME = 30
# Two articles that share only common names may report one story when they share this many.
COMMON_SHARED = 3
# A name held by at least this share of a folder's articles is what the folder is about (a folder
# of one story's coverage): it relates them however many they are.
STORY_SHARE = 0.25
# Blocks of up to this many claims are the most; their pairs' positions are made once per size.
SMALL_BLOCK = 64


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


class Related:
    """Which articles may report one event: they share a name (or a title) few articles carry, or
    that most of the folder carries, or `COMMON_SHARED` names whatever their count, or one of them
    names nothing to tell them apart by. A folder often holds many stories whose sentences are worded alike ("a magnitude 5.8
    quake hit near ..."); the people, places and organisations they name tell them apart, unless
    many stories name them. Asked of claims, for millions of pairs at once."""

    def __init__(self, claims: Sequence[Claim], names: Mapping[str, Collection[str]],
                 titles: Mapping[str, str]) -> None:
        ids: dict[str, int] = {}
        self.article = np.array([ids.setdefault(c.article_id, len(ids)) for c in claims], dtype=np.int64)
        self.nameless = np.array([not names.get(a) for a in ids], dtype=bool)
        # A title is one more name ("marks" are both): (0, name) and (1, title) never clash.
        self._marks = [{(0, n) for n in names.get(a, ())} | {(1, t) for t in [_title(titles.get(a))] if t}
                       for a in ids]
        holders: dict[tuple[int, str], list[int]] = defaultdict(list)
        for x, held in enumerate(self._marks):
            for mark in held:
                holders[mark].append(x)
        self.articles = max(1, len(ids))
        self.common = frozenset(mark for mark, group in holders.items()
                                if COMMON_NAME < len(group) < STORY_SHARE * self.articles)
        # The pairs of articles (x < y, coded x * articles + y) that share a mark that is not
        # common: at most COMMON_NAME^2 / 2 per mark, so they grow with the corpus, not with its
        # square, unless the folder is one story's coverage.
        self.pairs = unique(np.array([x * self.articles + y for mark, group in holders.items()
                                      if len(group) > 1 and mark not in self.common
                                      for x, y in combinations(group, 2)], dtype=np.int64))
        number = {mark: k for k, mark in enumerate(sorted(self.common))}
        self.kinds_of_common = max(1, len(number))
        # Per article, its common marks' numbers (`count` of them from `start` in `marks`); and
        # who holds which, coded article * kinds_of_common + mark, sorted.
        own = [sorted(number[mark] for mark in held if mark in number) for held in self._marks]
        self.count = np.array([len(o) for o in own], dtype=np.int64)
        self.start = np.cumsum(self.count) - self.count
        self.marks = np.array([k for o in own for k in o], dtype=np.int64)
        self.held = np.repeat(np.arange(len(ids), dtype=np.int64), self.count) * self.kinds_of_common + self.marks

    def holding(self, marks: Collection[tuple[int, str]]) -> np.ndarray:
        """Per claim, whether its article holds one of `marks`."""
        marks = set(marks)
        return np.array([not held.isdisjoint(marks) for held in self._marks], dtype=bool)[self.article]

    def __call__(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether the articles of claims i and j (arrays, other articles) are related."""
        x, y = self.article[i], self.article[j]
        low, high = np.minimum(x, y), np.maximum(x, y)
        ok = self.nameless[x] | self.nameless[y] | within(low * self.articles + high, self.pairs)
        rest = np.flatnonzero(~ok)
        counts = self.count[low[rest]]
        if not counts.any():
            return ok
        # Each common mark of the first article, looked up among the second's.
        pair = np.repeat(rest, counts)
        nth = np.arange(len(pair)) - np.repeat(np.cumsum(counts) - counts, counts)
        marks = self.marks[self.start[low[pair]] + nth]
        shared = np.bincount(pair[within(high[pair] * self.kinds_of_common + marks, self.held)], minlength=len(ok))
        return ok | (shared >= COMMON_SHARED)


def _title(title: str | None) -> str:
    return (title or "").strip().casefold()


def unique(values: np.ndarray) -> np.ndarray:
    """`np.unique` by sorting, which is faster than its hashing for millions of int64 codes."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def within(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Which `values` are in `ordered` (sorted)."""
    if not len(ordered):
        return np.zeros(len(values), dtype=bool)
    return ordered[np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)] == values


def block_pairs(claims: Sequence[Claim], block: Block, related: Related,
                fresh: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Positions (a < b) in `block.members` of the pairs to score (`alike`): claims of different,
    related articles. With a `fresh` mask, only the pairs that touch a fresh member (the others'
    verdicts are known)."""
    idx = block.members
    articles = related.article[idx]
    a, b = _upper(len(idx)) if len(idx) <= SMALL_BLOCK else np.triu_indices(len(idx), k=1)
    keep = articles[a] != articles[b]
    if fresh is not None:
        keep &= fresh[a] | fresh[b]
    a, b = a[keep], b[keep]
    keep = related(idx[a], idx[b])
    return a[keep], b[keep]


@lru_cache(maxsize=SMALL_BLOCK)
def _upper(n: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.triu_indices(n, k=1)` of a small block, made once: most blocks are small, and making
    them costs more than using them."""
    return np.triu_indices(n, k=1)


def alike(claims: Sequence[Claim], codes: np.ndarray) -> np.ndarray:
    """Which pairs (codes i * len(claims) + j, of one kind each) have words alike enough for
    their kind: rapidfuzz's token_set_ratio of the claims' contexts at least the kind's
    `min_similarity`. One call per kind scores its pairs, in threads."""
    n = max(1, len(claims))
    first, second = codes // n, codes % n
    number = {kind: k for k, kind in enumerate(KINDS)}
    kinds = np.array([number[c.kind] for c in claims], dtype=np.int64)[first]
    texts = [" ".join(c.context) for c in claims]
    ok = np.ones(len(codes), dtype=bool)
    for kind, k in number.items():
        threshold = KINDS[kind].min_similarity
        rows = np.flatnonzero(kinds == k)
        if threshold and len(rows):
            scores = process.cpdist([texts[i] for i in first[rows].tolist()], [texts[j] for j in second[rows].tolist()],
                                    scorer=fuzz.token_set_ratio, score_cutoff=threshold, workers=-1)
            ok[rows] = scores >= threshold
    return ok


def candidate_pairs(claims: Sequence[Claim], names: Mapping[str, Collection[str]] | None = None,
                    titles: Mapping[str, str] | None = None) -> list[tuple[int, int]]:
    """Index pairs (i < j) of claims from different, related articles that a comparator should
    look at (every article is related when no names are given)."""
    related = Related(claims, names or {}, titles or {})
    codes = [block.members[a] * len(claims) + block.members[b]
             for block in blocks(claims) for a, b in [block_pairs(claims, block, related)]]
    unique = np.unique(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)
    unique = unique[alike(claims, unique)]
    return list(zip((unique // max(1, len(claims))).tolist(), (unique % max(1, len(claims))).tolist()))
