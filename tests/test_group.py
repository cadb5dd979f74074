"""One article against several: the findings of one disputed value become one finding."""
from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from consistency import baseline as bl
from consistency import check
from consistency.group import group
from consistency.kinds import Doc
from consistency.model import Article, Claim, Family, Finding, Span
from consistency.text import sentences

FIRE = Path(__file__).parent / "data" / "group_fire"  # outlet4 says 15 homes, outlets 1-3 say 12


def _corpus(tmp_path: Path, *outlets: int) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in outlets:
        shutil.copy(FIRE / f"outlet{n}.md", folder)
    return folder


def test_one_article_against_three_is_one_finding_with_every_side():
    result = check(FIRE)
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert (finding.left.article_id, finding.left.evidence) == ("outlet4.md", "15 homes")
    assert [(c.article_id, c.evidence) for c in finding.sides[1:]] == [
        ("outlet1.md", "12 homes"), ("outlet2.md", "12 homes"), ("outlet3.md", "12 homes")]
    assert len(finding.merged) == 3
    assert finding.explanation.startswith("outlet4.md disagrees with 3 articles.")
    assert "outlet2.md and outlet3.md say the same as outlet1.md" in finding.explanation
    sides = result.to_dict()["findings"][0]["sides"]
    assert [s["text"] for s in sides] == ["15 homes", "12 homes", "12 homes", "12 homes"]


def test_two_articles_stay_a_pair():
    finding, = check([FIRE / "outlet1.md", FIRE / "outlet4.md"]).findings
    assert finding.also == ()
    assert {finding.left.article_id, finding.right.article_id} == {"outlet1.md", "outlet4.md"}
    # What either side's merged finding would be called, once more articles side with the other.
    assert check(FIRE).findings[0].fingerprint in finding.merged and len(finding.merged) == 2


def test_another_article_saying_the_same_keeps_the_fingerprint(tmp_path):
    two = check(_corpus(tmp_path, 1, 2, 4)).findings
    three = check(FIRE).findings
    assert len(two) == len(three) == 1
    assert two[0].fingerprint == three[0].fingerprint
    assert len(two[0].also) == 1


def test_a_baseline_of_the_pair_still_knows_the_merged_finding():
    pair, = check([FIRE / "outlet1.md", FIRE / "outlet4.md"]).findings
    known = bl.updated(bl.Baseline(), bl.apply([pair], bl.Baseline(), date(2024, 3, 8))[0])
    merged, = check(FIRE).findings
    labelled, fixed = bl.apply([merged], known, date(2024, 3, 8))
    assert labelled[0].status == "known"
    assert fixed == ()
    again = bl.updated(known, labelled)
    assert list(again.known) == [merged.fingerprint]
    assert again.known[merged.fingerprint]["articles"] == ["outlet1.md", "outlet2.md", "outlet3.md", "outlet4.md"]



def _article(name: str, text: str) -> Article:
    return Article(name, name, name, None, date(2024, 5, 8), None, text, "sha-" + name)


def _claim(article: Article, surface: str, event: str, day: str) -> Claim:
    start = article.text.index(surface)
    return Claim("time", article.id, event, "when", day, day, Span(article.id, start, start + len(surface)),
                 surface, day, context=tuple(event.split()))


def _finding(a: Claim, b: Claim, relation: str | None = None) -> Finding:
    return Finding("time", a, b, f"{a.value_key} vs {b.value_key}", f"pair:{a.id}:{b.id}", relation=relation)


def _docs(*articles: Article) -> dict[str, Doc]:
    return {a.id: Doc(a, tuple(sentences(a.text)), a.published, "metadata") for a in articles}


A = _article("a", "The fire began on Monday. The trial ended on Monday.")
B = _article("b", "The fire began on Tuesday.")
C = _article("c", "The trial ended on Tuesday.")
D = _article("d", "Witnesses said the fire began on Tuesday.")
FIRE_A, TRIAL_A = _claim(A, "Monday", "fire began", "2024-05-06"), _claim(A, "Monday. ", "trial ended", "2024-05-06")
FIRE_B, TRIAL_C = _claim(B, "Tuesday", "fire began", "2024-05-07"), _claim(C, "Tuesday", "trial ended", "2024-05-07")
FIRE_D = _claim(D, "Tuesday", "fire began", "2024-05-07")


def test_two_disputes_in_one_article_stay_apart():
    out = group([_finding(FIRE_A, FIRE_B), _finding(TRIAL_A, TRIAL_C)], _docs(A, B, C))
    assert [(f.left.subject, f.right.subject, f.also) for f in out] == [
        ("fire began", "fire began", ()), ("trial ended", "trial ended", ())]


def test_copies_of_one_story_count_once_and_make_one_dispute():
    findings = [_finding(FIRE_A, FIRE_B), _finding(FIRE_A, FIRE_D)]
    assert [len(f.sides) for f in group(findings, _docs(A, B, D))] == [3]
    copies = (Family("family:1", ("b", "d")),)
    # One article against one story told by two copies: a tie, but one dispute, not two.
    out, = group(findings, _docs(A, B, D), copies)
    assert (out.left.article_id, [c.article_id for c in out.sides[1:]]) == ("a", ["b", "d"])
    assert out.explanation.startswith("a and one story in 2 copies disagree, one source against one.")
    # Two independent articles against the two copies: each copy stands alone against them.
    e = _article("e", "The fire began on Monday, a witness said.")
    fire_e = _claim(e, "Monday", "fire began", "2024-05-06")
    more = findings + [_finding(fire_e, FIRE_B), _finding(fire_e, FIRE_D)]
    assert [(f.left.article_id, [c.article_id for c in f.sides[1:]]) for f in group(more, _docs(A, B, D, e), copies)] \
        == [("b", ["a", "e"]), ("d", ["a", "e"])]


def test_a_baseline_of_the_merged_finding_still_knows_what_is_left_of_it():
    merged = group([_finding(FIRE_A, FIRE_B), _finding(FIRE_A, FIRE_D)], _docs(A, B, D))
    known = bl.updated(bl.Baseline(), bl.apply(merged, bl.Baseline(), date(2024, 6, 1))[0])
    accepted = bl.accept(bl.Baseline(), merged[0].fingerprint, "the first report was wrong", "me", "2024-06-01")
    left = group([_finding(FIRE_A, FIRE_B)], _docs(A, B))
    assert bl.apply(left, known, date(2024, 6, 1)) == ((replace(left[0], status="known"),), ())
    labelled, fixed = bl.apply(left, accepted, date(2024, 6, 1))
    assert (labelled[0].status, fixed) == ("accepted", ())


def test_an_expired_acceptance_does_not_hide_an_active_one():
    merged = group([_finding(FIRE_A, FIRE_B), _finding(FIRE_A, FIRE_D)], _docs(A, B, D))
    baseline = bl.accept(bl.Baseline(), merged[0].fingerprint, "old", "me", "2024-01-01", expires="2024-02-01")
    baseline = bl.accept(baseline, merged[0].merged[0], "still fine", "me", "2024-05-01")
    assert bl.apply(merged, baseline, date(2024, 6, 1))[0][0].status == "accepted"


def test_one_claim_disputed_in_two_relations_and_with_two_values_is_one_finding():
    e = _article("e", "The fire began on Tuesday.")
    f = _article("f", "The fire began on Wednesday.")
    findings = [_finding(FIRE_A, FIRE_B, "edit between copies"), _finding(FIRE_A, FIRE_D, "edit between copies"),
                _finding(FIRE_A, _claim(e, "Tuesday", "fire began", "2024-05-07")),
                _finding(FIRE_A, _claim(f, "Wednesday", "fire began", "2024-05-08"))]
    out, = group(findings, _docs(A, B, D, e, f))
    assert out.left == FIRE_A
    # The value most of them give first; the one that gives another value last.
    assert [c.article_id for c in out.sides[1:]] == ["b", "e", "d", "f"]
    assert out.explanation.endswith("e and d say the same as b. f gives 2024-05-08 (“Wednesday”).")
    assert len(out.merged) == 4