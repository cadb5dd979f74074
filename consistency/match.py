"""Stage 4: which claims could be about the same fact. Claims are blocked by (kind, key) so cost
grows with block sizes, not with the square of the corpus; inside a block, rapidfuzz's `cdist`
scores the claims' event or topic words and keeps the pairs above the kind's threshold.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from rapidfuzz import fuzz, process

from consistency.kinds import KINDS
from consistency.model import Claim

# A key shared by more claims than this says little about any of them (a common word); pairs
# that matter share a rarer key too.
MAX_BLOCK = 400
# Scoring a block in threads pays only for big blocks: starting the pool costs more than a small
# block's scoring.
THREADED_BLOCK = 150


def _representatives(claims: Sequence[Claim], idx: list[int]) -> list[int]:
    """One claim per (article, value, context): repeats add cost but no new pair of values."""
    seen, out = set(), []
    for i in idx:
        c = claims[i]
        key = (c.article_id, repr(c.value_key), c.context)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out


def candidate_pairs(claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of claims from different articles that a comparator should look at."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        for key in KINDS[c.kind].block_keys(c):
            blocks[(c.kind, key)].append(i)
    pairs: set[tuple[int, int]] = set()
    for (kind, _), idx in sorted(blocks.items()):
        idx = _representatives(claims, idx)
        if len(idx) < 2 or len(idx) > MAX_BLOCK or len({claims[i].article_id for i in idx}) < 2:
            continue
        threshold = KINDS[kind].min_similarity
        if threshold:
            texts = [" ".join(claims[i].context) for i in idx]
            scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, score_cutoff=threshold,
                                   workers=-1 if len(idx) > THREADED_BLOCK else 1)
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                i, j = idx[a], idx[b]
                if claims[i].article_id == claims[j].article_id:
                    continue
                if threshold and scores[a][b] < threshold:
                    continue
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)
