"""consistency.compare: verdicts per pair, ordered sides, stable fingerprints, same-story test."""
from __future__ import annotations

import hashlib
import os
import signal
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from consistency import compare as compare_mod
from consistency import match
from consistency.compare import STORY_MIN_SHARED, compare, compare_blocks, fingerprint, same_story
from consistency.extract import analyse, extract
from consistency.match import blocks, candidate_pairs
from consistency.model import Article, Span
from consistency.normalize import article_entities, normalize

CURRENT = "Kremlin spokesman Dmitry Peskov said the talks in Geneva would go on."
CURRENT_REWORDED = ("Talks resumed in Geneva on Monday. "
                    "Dmitry Peskov, the Kremlin’s spokesman, said the talks would go on.")
FORMER = "Former Kremlin spokesman Dmitry Peskov said the talks had stalled."
DEPUTY = "Deputy Kremlin spokesman Dmitry Peskov said the talks had stalled."


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, path=article_id, title=article_id, source=None, published=None,
                   url=None, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def pipeline(*articles: Article):
    """ingest-free run of extract -> normalize -> match, as consistency.check does it."""
    docs = {a.id: analyse(a) for a in articles}
    raw = [c for a in articles for c in extract(docs[a.id])]
    mentions = {a.id: article_entities(a.text) for a in articles}
    claims, table = normalize(raw, Counter(n for ns in mentions.values() for n in ns))
    names = {aid: {table.get(n, n) for n in ns} for aid, ns in mentions.items()}
    return claims, candidate_pairs(claims), docs, names


def run(*articles: Article):
    return compare(*pipeline(*articles))


def role_findings(*articles: Article):
    findings, _ = run(*articles)
    return [f for f in findings if f.kind == "role"]


# --- fingerprints ------------------------------------------------------------------------------

def test_fingerprint_does_not_depend_on_side_order():
    [finding] = role_findings(article("a.txt", CURRENT), article("b.txt", FORMER))
    sides = (finding.left, finding.right)
    fp = fingerprint("role", "dmitry peskov", "spokesperson", sides)
    assert fp == finding.fingerprint
    assert fingerprint("role", "dmitry peskov", "spokesperson", sides[::-1]) == fp
    assert len(fp) == 64 and int(fp, 16) >= 0


def test_fingerprint_ignores_offsets_and_evidence_wording():
    [finding] = role_findings(article("a.txt", CURRENT), article("b.txt", FORMER))
    moved = replace(finding.left, span=Span("a.txt", 500, 540), evidence="Peskov, the Kremlin’s spokesman",
                    display="something else")
    assert fingerprint("role", "dmitry peskov", "spokesperson", (moved, finding.right)) == finding.fingerprint


def test_same_values_in_other_words_and_places_keep_the_fingerprint():
    [first] = role_findings(article("a.txt", CURRENT), article("b.txt", FORMER))
    [second] = role_findings(article("a.txt", CURRENT_REWORDED), article("b.txt", FORMER))
    assert first.left.evidence != second.left.evidence
    assert first.left.span != second.left.span
    assert second.fingerprint == first.fingerprint


def test_fingerprint_differs_when_a_value_differs():
    [former] = role_findings(article("a.txt", CURRENT), article("b.txt", FORMER))
    [deputy] = role_findings(article("a.txt", CURRENT), article("b.txt", DEPUTY))
    assert former.right.value_key != deputy.right.value_key
    assert former.fingerprint != deputy.fingerprint


def test_fingerprint_differs_by_kind_subject_and_article():
    [f] = role_findings(article("a.txt", CURRENT), article("b.txt", FORMER))
    sides = (f.left, f.right)
    fps = {
        fingerprint("role", "dmitry peskov", "spokesperson", sides),
        fingerprint("statement", "dmitry peskov", "spokesperson", sides),
        fingerprint("role", "vladimir putin", "spokesperson", sides),
        fingerprint("role", "dmitry peskov", "president", sides),
        fingerprint("role", "dmitry peskov", "spokesperson", (f.left, replace(f.right, article_id="c.txt"))),
    }
    assert len(fps) == 5


# --- compare -----------------------------------------------------------------------------------

def test_sides_are_ordered_by_article_whatever_the_input_order():
    a, b = article("a.txt", CURRENT), article("b.txt", FORMER)
    [forward] = role_findings(a, b)
    [backward] = role_findings(b, a)
    assert forward == backward
    assert forward.left.article_id == "a.txt"
    assert forward.right.article_id == "b.txt"
    assert "current vs former" in forward.explanation
    assert forward.status == "new"


def test_compatible_roles_agree_and_make_no_finding():
    findings, agreements = run(article("a.txt", CURRENT), article("b.txt", CURRENT_REWORDED))
    assert [f for f in findings if f.kind == "role"] == []
    [agreement] = [ag for ag in agreements if ag.kind == "role"]
    assert {agreement.left.article_id, agreement.right.article_id} == {"a.txt", "b.txt"}


def test_one_finding_per_fingerprint():
    claims, pairs, docs, names = pipeline(article("a.txt", CURRENT), article("b.txt", FORMER))
    once, _ = compare(claims, pairs, docs, names)
    twice, _ = compare(claims, pairs + [(j, i) for i, j in pairs], docs, names)
    assert twice == once
    assert len({f.fingerprint for f in once}) == len(once)


def test_no_pairs_no_findings():
    claims, _, docs, names = pipeline(article("a.txt", CURRENT), article("b.txt", FORMER))
    assert compare(claims, [], docs, names) == ([], [])


# --- compare_blocks ----------------------------------------------------------------------------

class States(dict):
    """A store of the last run's values in memory, as `consistency.cache.ClaimCache` keeps them."""

    def get_state(self, name):
        return self.get(name)

    def put_state(self, name, value):
        self[name] = value


def compared(claims, docs, names, store=None):
    """`compare_blocks` of the claims' blocks, its agreements made, as `compare` gives them."""
    findings, agreed = compare_blocks(claims, blocks(claims), docs, names, tokens_of(claims), store)
    return findings, list(compare_mod.agreements(claims, agreed))


def tokens_of(claims):
    """What a verdict depends on, here simply the claim's article text and place, and its subject."""
    return [hashlib.blake2b(f"{c.id}|{c.evidence}|{c.subject}".encode(), digest_size=16).digest() for c in claims]


@pytest.fixture()
def judged(monkeypatch):
    """The pairs each compare_blocks call sent to the comparators."""
    calls = []
    real = compare_mod.judge

    def spy(claims, pairs, docs, names):
        pairs = list(pairs)
        calls.append([(claims[i].id, claims[j].id) for i, j in pairs])
        return real(claims, pairs, docs, names)
    monkeypatch.setattr(compare_mod, "judge", spy)
    return calls


def corpus(*texts):
    return [article(f"{n}.txt", text) for n, text in enumerate(texts)]


def test_compare_blocks_is_compare_of_the_candidate_pairs():
    claims, pairs, docs, names = pipeline(*corpus(CURRENT, FORMER, CURRENT_REWORDED, DEPUTY))
    assert compared(claims, docs, names) == compare(claims, pairs, docs, names)


def test_a_rerun_reuses_every_verdict_and_an_edit_compares_only_its_pairs(judged):
    store = States()
    claims, pairs, docs, names = pipeline(*corpus(CURRENT, FORMER, CURRENT_REWORDED))
    expected = compare(claims, pairs, docs, names)
    assert expected[0] and expected[1]
    assert compared(claims, docs, names, store) == expected
    judged.clear()
    assert compared(claims, docs, names, store) == expected
    assert judged == []
    claims, pairs, docs, names = pipeline(*corpus(CURRENT, FORMER, DEPUTY))
    expected = compare(claims, pairs, docs, names)
    assert compared(claims, docs, names, store) == expected
    assert judged[-1] and all("2.txt" in left + right for left, right in judged[-1])


def test_verdicts_from_forked_processes_are_the_same_in_the_same_order(monkeypatch):
    claims, pairs, docs, names = pipeline(*corpus(CURRENT, FORMER, CURRENT_REWORDED, DEPUTY))
    codes = np.array([i * len(claims) + j for i, j in pairs], dtype=np.int64)
    monkeypatch.setattr(compare_mod, "PARALLEL_PAIRS", 1)
    assert len(pairs) > 3
    assert compare_mod.judge_codes(claims, codes, docs, names, 3) == compare_mod.judge(claims, pairs, docs, names)


def test_verdicts_stored_for_other_claims_are_not_used():
    claims, pairs, docs, names = pipeline(*corpus(CURRENT, FORMER))
    store = States()
    compared(claims, docs, names, store)
    # The same blocks and pairs, of other claims (another version, another corpus), all agreeing.
    kept = store["verdicts"]
    n = len(kept.relations)
    store["verdicts"] = replace(kept, tokens=tuple(t[::-1] for t in kept.tokens), relations=["agree"] * n,
                                explanations=["stale"] * n, fingerprints=[""] * n)
    assert compared(claims, docs, names, store) == compare(claims, pairs, docs, names)


def test_a_block_that_lost_and_gained_claims_keeps_the_verdicts_of_those_that_stay(judged):
    store = States()
    claims, _, docs, names = pipeline(*corpus(CURRENT, FORMER, CURRENT_REWORDED, DEPUTY))
    compared(claims, docs, names, store)
    # The second article goes, a fifth comes: blocks change, and shift their claims' indices.
    claims, pairs, docs, names = pipeline(article("0.txt", CURRENT), article("2.txt", CURRENT_REWORDED),
                                          article("3.txt", DEPUTY), article("4.txt", FORMER))
    judged.clear()
    assert compared(claims, docs, names, store) == compare(claims, pairs, docs, names)
    fresh, everything = judged
    assert fresh and all("4.txt" in left + right for left, right in fresh)
    assert len(fresh) < len(everything)


def test_articles_whose_shared_names_became_common_are_compared_again(monkeypatch):
    monkeypatch.setattr(match, "COMMON_NAME", 2)
    monkeypatch.setattr(match, "STORY_SHARE", 1.01)  # three articles of three are not the folder's one story
    store = States()
    claims, _, docs, names = pipeline(*corpus(CURRENT, FORMER))
    [before] = compared(claims, docs, names, store)[0]
    # A third article names the same people: held by three articles, the names the first two
    # share no longer relate them, though their claims are the same.
    claims, _, docs, names = pipeline(*corpus(CURRENT, FORMER, DEPUTY))
    after = compared(claims, docs, names, store)
    assert after == compared(claims, docs, names)
    sides = {before.left.article_id, before.right.article_id}
    assert not [f for f in after[0] if {f.left.article_id, f.right.article_id} == sides]


# --- same_story --------------------------------------------------------------------------------

def test_same_story_needs_enough_shared_names():
    a = {"dmitry peskov", "vladimir putin", "donald trump", "geneva"}
    b = {"dmitry peskov", "vladimir putin", "donald trump", "kyiv"}
    assert same_story(a, b) == (True, ("dmitry peskov", "donald trump", "vladimir putin"))
    two = {"dmitry peskov", "vladimir putin", "kyiv"}
    assert same_story(a, two) == (False, ("dmitry peskov", "vladimir putin"))


def test_same_story_needs_a_share_of_the_smaller_article():
    shared = {f"name {n}" for n in range(STORY_MIN_SHARED)}
    small = shared | {"geneva"}
    crowded = shared | {f"other {n}" for n in range(40)}
    assert same_story(small, crowded)[0] is True
    # Both articles name many people and share only three of them: not the same story.
    assert same_story(crowded, shared | {f"else {n}" for n in range(40)})[0] is False


@pytest.mark.parametrize("a, b", [(set(), set()), ({"geneva"}, set())])
def test_same_story_of_empty_name_sets(a, b):
    assert same_story(a, b) == (False, ())


_PARENT = os.getpid()
_JUDGE_PART = compare_mod._judge_part


def _killed_in_a_child(bounds):
    if os.getpid() != _PARENT:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return _JUDGE_PART(bounds)


def test_a_killed_comparing_process_costs_time_not_the_run(monkeypatch):
    claims, pairs, docs, names = pipeline(*corpus(CURRENT, FORMER, CURRENT_REWORDED, DEPUTY))
    codes = np.array([i * len(claims) + j for i, j in pairs], dtype=np.int64)
    monkeypatch.setattr(compare_mod, "PARALLEL_PAIRS", 1)
    monkeypatch.setattr(compare_mod, "_judge_part", _killed_in_a_child)
    assert compare_mod.judge_codes(claims, codes, docs, names, 3) == compare_mod.judge(claims, pairs, docs, names)
