"""Quantities: counts as intervals with what is counted, ages of people, and the hard negatives."""
from __future__ import annotations

import pytest

from consistency.kinds import quantity
from tests.kinds.conftest import make_doc, make_pair

CASES = [
    # text, expected (surface, attribute, subject, value key)
    ("Riots broke out and more than 403 people have been arrested in Athens.",
     [("more than 403 people", "count", "people", "403..4,030")]),
    ("The fire caused an estimated $1.5 million in damage to the church.",
     [("an estimated $1.5 million", "count", "$", "1,275,000..1,725,000")]),
    ("Police pulled the 43-year-old driver over a few blocks away.",
     [("43-year-old", "age", "driver", "43"), ("a few blocks", "count", "block", "2..5")]),
    ("On Saturday, 39 - year - old Englishman Robert Buckley died on the glacier.",
     [("39 - year - old", "age", "buckley", "39")]),
    ("The earthquake killed at least 1, 000 people near the coastal city.",
     [("at least 1, 000 people", "count", "people", "1,000..10,000")]),
    ("Dozens of houses collapsed in the village after the quake.",
     [("Dozens of houses", "count", "hous", "24..120")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extracts_quantities(text, expected):
    claims = quantity.extract(make_doc(text))
    assert [(c.evidence, c.attribute, c.subject, c.value_key) for c in claims] == expected
    for c in claims:
        assert text[c.span.start:c.span.end] == c.evidence


@pytest.mark.parametrize("text", [
    "The quake struck at 8 p.m. local time in 2004 near the coast.",      # time of day, year
    "The Colts locked up the No. 5 seed with a 31-24 win over the Titans.",  # ordinal label, score
])
def test_years_times_and_scores_are_not_counts(text):
    assert [c for c in quantity.extract(make_doc(text)) if c.attribute == "count"] == []


def _pair(*texts, **options):
    return make_pair(quantity, *texts, **options)


def test_disjoint_counts_of_one_event_contradict():
    verdict = quantity.compare(_pair("The attack on the school in Gaza left 40 people dead, the UN said.",
                                     "The attack on the school in Gaza left 83 people dead, officials said."))
    assert verdict.relation == "contradict"
    assert "40" in verdict.explanation and "83" in verdict.explanation


def test_approximation_that_covers_the_exact_count_agrees():
    verdict = quantity.compare(_pair("The attack on the school in Gaza left more than 40 people dead.",
                                     "The attack on the school in Gaza left 43 people dead."))
    assert verdict.relation == "agree"


def test_ages_of_one_person_compare_by_surname():
    verdict = quantity.compare(_pair("Police said 66-year-old LuAnn Johnson was with her family.",
                                     "The crash killed 73-year-old Johnson on Friday."))
    assert verdict.relation == "contradict"


def test_counts_in_different_sentence_frames_are_not_compared():
    pair = _pair("He completed 17 of 34 passes for 198 yards and two touchdowns in the win.",
                 "Over the season the rookie threw 34 passes that were intercepted by defenders.")
    assert quantity.compare(pair) is None


def test_counts_of_different_events_are_not_compared():
    pair = _pair("The attack on the school in Gaza left 40 people dead.",
                 "The new stadium in Doha will seat 40,000 people next year.")
    assert quantity.compare(pair) is None


@pytest.mark.parametrize("text, key", [
    ("He was sentenced to eight years in prison for the robbery.", "2,922"),
    ("He was sentenced to 8 years in prison for the robbery.", "2,922"),
    ("He was sentenced to 96 months in prison for the robbery.", "2,922.24"),
])
def test_durations_compare_in_days_whatever_the_unit(text, key):
    claims = quantity.extract(make_doc(text))
    assert [(c.attribute, c.value_key) for c in claims] == [("duration", key)]


@pytest.mark.parametrize("text", ["Russia invaded Ukraine three years ago.", "The war nears its two-year mark.",
                                  "A 39-year-old man was arrested."])
def test_times_ago_and_ages_are_not_durations(text):
    assert [c for c in quantity.extract(make_doc(text)) if c.attribute == "duration"] == []


def test_same_sentence_with_different_durations_contradicts():
    verdict = quantity.compare(_pair("The judge sentenced Timmons to 15 years in prison for the killing.",
                                     "The judge sentenced Timmons to 33 years in prison for the killing."))
    assert verdict.relation == "contradict"


def test_equal_counts_in_alike_sentences_agree():
    verdict = quantity.compare(_pair("The attack on the school in Gaza left 40 people dead, the UN said.",
                                     "The attack on the school in Gaza left 40 people dead, officials said."))
    assert verdict.relation == "agree"
