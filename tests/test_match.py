"""consistency.match: candidate pairs come from shared block keys, across articles only."""
from __future__ import annotations

import hashlib
import random

import numpy as np

from consistency import match
from consistency.extract import analyse, extract
from consistency.match import MAX_BLOCK, Related, alike, block_pairs, blocks, candidate_pairs
from consistency.model import Article, Claim, Span

PESKOV_A = "Kremlin spokesman Dmitry Peskov said the talks in Geneva would go on."
PESKOV_B = "Former Kremlin spokesman Dmitry Peskov said the talks had stalled."
PESKOV_C = "Dmitry Peskov, the Kremlin spokesman, declined to comment."


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, path=article_id, title=article_id, source=None, published=None,
                   url=None, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def claims_of(*articles: Article) -> list[Claim]:
    return [c for a in articles for c in extract(analyse(a))]


def time_claim(article_id: str, context: tuple[str, ...], value: str = "2024-03-05") -> Claim:
    """A time claim as the extractor makes them: its event words are its block keys."""
    text = f"The event happened on {value}."
    start = text.index(value)
    return Claim(kind="time", article_id=article_id, subject=" ".join(context), attribute="when",
                 value=value, value_key=value, span=Span(article_id, start, start + len(value)),
                 evidence=value, display=value, context=context)


def test_claims_from_different_articles_sharing_a_key_are_paired():
    claims = claims_of(article("a.txt", PESKOV_A), article("b.txt", PESKOV_B))
    roles = [i for i, c in enumerate(claims) if c.kind == "role"]
    assert [claims[i].subject for i in roles] == ["Dmitry Peskov", "Dmitry Peskov"]
    pairs = candidate_pairs(claims)
    assert (roles[0], roles[1]) in pairs
    for i, j in pairs:
        assert i < j
        assert claims[i].article_id != claims[j].article_id
        assert claims[i].kind == claims[j].kind


def test_claims_of_one_article_are_never_paired():
    one = article("a.txt", PESKOV_A + " " + PESKOV_B + " " + PESKOV_C)
    claims = claims_of(one)
    assert sum(c.kind == "role" for c in claims) >= 2
    assert candidate_pairs(claims) == []


def test_only_cross_article_pairs_inside_a_block():
    claims = claims_of(article("a.txt", PESKOV_A + " " + PESKOV_B), article("b.txt", PESKOV_A))
    roles = [i for i, c in enumerate(claims) if c.kind == "role"]
    assert [claims[i].article_id for i in roles] == ["a.txt", "a.txt", "b.txt"]
    role_pairs = [p for p in candidate_pairs(claims) if claims[p[0]].kind == "role"]
    assert role_pairs == [(roles[0], roles[2]), (roles[1], roles[2])]


def test_claims_with_different_keys_are_not_paired():
    claims = claims_of(article("a.txt", PESKOV_A),
                       article("b.txt", "Russian President Vladimir Putin met envoys in Geneva."))
    assert not [p for p in candidate_pairs(claims) if claims[p[0]].kind == "role"]


def test_blocks_bigger_than_max_block_are_skipped():
    # Every claim shares the common word "said"; two also share the rarer "quake".
    claims = [time_claim(f"a{n}.txt", ("said", f"only{n}")) for n in range(MAX_BLOCK + 1)]
    claims += [time_claim("x.txt", ("quake", "said")), time_claim("y.txt", ("quake", "said"))]
    assert candidate_pairs(claims) == [(len(claims) - 2, len(claims) - 1)]


def test_a_block_at_the_limit_is_still_paired(monkeypatch):
    monkeypatch.setattr(match, "MAX_BLOCK", 3)
    three = [time_claim(f"a{n}.txt", ("quake", "struck")) for n in range(3)]
    assert candidate_pairs(three) == [(0, 1), (0, 2), (1, 2)]
    four = three + [time_claim("a3.txt", ("quake", "struck"))]
    assert candidate_pairs(four) == []


def test_repeats_in_one_article_count_once_against_the_limit(monkeypatch):
    monkeypatch.setattr(match, "MAX_BLOCK", 2)
    claims = [time_claim("a.txt", ("quake", "struck"))] * 5 + [time_claim("b.txt", ("quake", "struck"))]
    assert candidate_pairs(claims) == [(0, 5)]


def test_time_claims_need_similar_event_words():
    claims = [time_claim("a.txt", ("ashford", "earthquake", "struck")),
              time_claim("b.txt", ("ashford", "earthquake", "hit")),
              time_claim("c.txt", ("ashford", "election", "mayor", "vote", "won", "council"))]
    assert candidate_pairs(claims) == [(0, 1)]


def test_pairs_are_sorted_and_do_not_depend_on_hash_order():
    claims = claims_of(article("a.txt", PESKOV_A), article("b.txt", PESKOV_B), article("c.txt", PESKOV_C))
    pairs = candidate_pairs(claims)
    assert pairs, "expected some pairs"
    assert pairs == sorted(set(pairs))
    assert candidate_pairs(claims) == pairs
    # Shuffling the claims permutes the indices but not which claims are paired.
    order = list(range(len(claims)))
    random.Random(7).shuffle(order)
    shuffled = [claims[i] for i in order]
    as_ids = {frozenset((claims[i].id, claims[j].id)) for i, j in pairs}
    assert {frozenset((shuffled[i].id, shuffled[j].id)) for i, j in candidate_pairs(shuffled)} == as_ids


def test_no_claims_no_pairs():
    assert candidate_pairs([]) == []


def test_blocks_hold_the_pairs_that_candidate_pairs_gives():
    claims = claims_of(article("a.txt", PESKOV_A), article("b.txt", PESKOV_B), article("c.txt", PESKOV_C))
    claims += [time_claim("x.txt", ("ashford", "earthquake", "struck")),
               time_claim("y.txt", ("ashford", "election", "mayor", "vote", "won", "council"))]
    pairs = set()
    for block in blocks(claims):
        assert 2 <= len(block.members) <= MAX_BLOCK and list(block.members) == sorted(block.members)
        a, b = block_pairs(claims, block, Related(claims, {}, {}))
        pairs |= {(int(block.members[x]), int(block.members[y])) for x, y in zip(a, b)}
    codes = np.array(sorted(i * len(claims) + j for i, j in pairs), dtype=np.int64)
    kept = codes[alike(claims, codes)]
    assert 0 < len(kept) < len(codes)  # some pairs' words are not alike enough
    assert [divmod(int(c), len(claims)) for c in kept] == candidate_pairs(claims)


def test_block_pairs_with_fresh_members_are_only_those_that_touch_them():
    claims = [time_claim(f"a{n}.txt", ("quake", "struck", f"w{n}")) for n in range(5)]
    [block] = [b for b in blocks(claims) if b.key == "quake"]
    related = Related(claims, {}, {})
    every = set(zip(*block_pairs(claims, block, related)))
    fresh = [False, False, True, False, False]
    touching = set(zip(*block_pairs(claims, block, related, np.array(fresh))))
    assert touching == {(a, b) for a, b in every if fresh[a] or fresh[b]} and len(touching) == 4


def related_articles(names, titles):
    """The pairs of articles (by id) that `Related` relates, asked of one claim per article."""
    claims = [time_claim(a, ("quake",)) for a in sorted(names)]
    i, j = np.triu_indices(len(claims), k=1)
    ok = Related(claims, names, titles)(i, j)
    return {(claims[x].article_id, claims[y].article_id) for x, y in zip(i[ok].tolist(), j[ok].tolist())}


def test_articles_sharing_a_name_or_a_title_are_related():
    names = {"a": {"jane doe", "springfield"}, "b": {"springfield"}, "c": {"acme"}, "e": set(), "f": {"oslo"}}
    titles = {"a": "Fire downtown", "c": "Other news", "f": " fire DOWNTOWN"}
    related = related_articles(names, titles)
    assert ("a", "b") in related  # a name
    assert ("a", "c") not in related and ("b", "c") not in related
    assert {("a", "e"), ("c", "e"), ("e", "f")} <= related  # nothing named to tell them apart
    assert ("a", "f") in related  # one title


def test_a_name_many_articles_hold_relates_them_only_with_other_names(monkeypatch):
    monkeypatch.setattr(match, "COMMON_NAME", 3)
    monkeypatch.setattr(match, "COMMON_SHARED", 2)
    names = {"a": {"lakeport", "ann vale"}, "b": {"lakeport", "ann vale"}, "c": {"lakeport", "tim oakes"},
             "d": {"lakeport", "rosa lind"}, "e": {"pine bay", "rosa lind"}}
    others = {f"z{k:02}": {f"town {k}"} for k in range(12)}  # other stories, so no name is most of the folder's
    # "lakeport" is held by four articles: a place that many stories name. The rarer names decide.
    assert related_articles(names | others, {}) == {("a", "b"), ("d", "e")}
    # Two common names together do: "ann vale" is held by four articles now.
    names["c"] |= {"ann vale"}
    names["d"] |= {"ann vale"}
    assert related_articles(names | others, {}) == {("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"),
                                                    ("c", "d"), ("d", "e")}


def test_a_name_most_of_the_folder_holds_relates_its_articles(monkeypatch):
    """A folder of one story's coverage: its place is named by many articles, but by most of them."""
    monkeypatch.setattr(match, "COMMON_NAME", 3)
    names = {x: {"lakeport", f"witness {x}"} for x in "abcde"} | {"f": {"pine bay"}}
    related = related_articles(names, {})
    assert ("a", "e") in related and len(related) == 10
    assert not {pair for pair in related if "f" in pair}


def test_claims_of_unrelated_stories_worded_alike_are_not_paired():
    quake = "A magnitude 5.8 earthquake hit near {} on 2024-03-05, said {}."
    a = article("a.txt", quake.format("Lakeport", "Mayor Ann Vale"))
    b = article("b.txt", quake.format("Lakeport", "Mayor Ann Vale"))
    c = article("c.txt", quake.format("Port Orin", "Governor Tim Oakes"))
    claims = claims_of(a, b, c)
    names = {x.id: {"lakeport", "ann vale"} if x is not c else {"port orin", "tim oakes"} for x in (a, b, c)}
    titles = {x.id: x.id for x in (a, b, c)}
    linked = {frozenset((claims[i].article_id, claims[j].article_id)) for i, j in candidate_pairs(claims, names, titles)}
    assert frozenset(("a.txt", "b.txt")) in linked
    assert not linked & {frozenset(("a.txt", "c.txt")), frozenset(("b.txt", "c.txt"))}
    assert frozenset(("a.txt", "c.txt")) in {frozenset((claims[i].article_id, claims[j].article_id))
                                             for i, j in candidate_pairs(claims)}
