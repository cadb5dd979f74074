"""Quotes: attribution forms, a changed figure inside one quote, the same words given to two people."""
from __future__ import annotations

import pytest

from consistency.kinds import quote
from tests.kinds.conftest import make_doc, make_pair


@pytest.mark.parametrize("text, speaker", [
    ("“I cannot confirm this, nor can I deny it,” Peskov stated, offering nothing more.", "Peskov"),
    ("“If they did speak, it raises serious questions about what was discussed,” said Thomas Graham.",
     "Thomas Graham"),
    ("Podolyak wrote: “Decisions about Ukraine cannot be made behind Ukraine's back.”", "Podolyak"),
])
def test_quote_speakers(text, speaker):
    claims = quote.extract(make_doc(text))
    assert [c.subject for c in claims] == [speaker]
    assert "“" in claims[0].evidence and speaker in claims[0].evidence
    assert text[claims[0].span.start:claims[0].span.end] == claims[0].evidence


def test_unattributed_or_short_quotes_are_skipped():
    assert quote.extract(make_doc("He called it “a sham” and left.")) == []
    assert quote.extract(make_doc("“We will rebuild the school within a year,” he said.")) == []


def _pair(*texts, **options):
    return make_pair(quote, *texts, **options)


def test_a_changed_figure_inside_the_same_quote_contradicts():
    verdict = quote.compare(_pair("“We have counted 37 bodies inside the clinic so far,” said Elena Strand.",
                                  "“We have counted 71 bodies inside the clinic so far,” said Elena Strand."))
    assert verdict.relation == "contradict"
    assert "37" in verdict.explanation and "71" in verdict.explanation


def test_the_same_words_from_two_speakers_contradict():
    verdict = quote.compare(_pair("“This loss sits squarely on my shoulders alone,” said Marcus Hale.",
                                  "“This loss sits squarely on my shoulders alone,” said Dana Ortiz."))
    assert verdict.relation == "contradict"
    assert "Marcus Hale" in verdict.explanation and "Dana Ortiz" in verdict.explanation


def test_the_same_quote_with_small_wording_changes_agrees():
    verdict = quote.compare(_pair("“This loss sits squarely on my shoulders alone,” said Marcus Hale.",
                                  "“This loss sits, squarely, on my shoulders alone,” Hale said."))
    assert verdict.relation == "agree"


def test_different_quotes_are_not_compared():
    assert quote.compare(_pair("“This loss sits squarely on my shoulders alone,” said Marcus Hale.",
                               "“We will play much better next week in Lakeview,” said Marcus Hale.")) is None
