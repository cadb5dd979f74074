"""One article against several: the findings of one disputed value become one finding."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from consistency import baseline as bl
from consistency import check

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
    assert finding.also == () and finding.merged == ()
    assert {finding.left.article_id, finding.right.article_id} == {"outlet1.md", "outlet4.md"}


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

