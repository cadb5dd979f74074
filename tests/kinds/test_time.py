"""Time claims: text in, normalized value and surface out; comparisons of the same event."""
from __future__ import annotations

from datetime import date

import pytest

from consistency.kinds import time
from tests.kinds.conftest import make_doc, make_pair

PUBLISHED = date(2013, 5, 3)  # a Friday

CASES = [
    # text, published, expected (surface, value key)
    ("Russia launched its full-scale invasion of Ukraine in February 2022.", None,
     [("February 2022", "2022-02")]),
    ("The quake struck the island on May 3, 2013, killing four people.", None,
     [("May 3, 2013", "2013-05-03")]),
    ("Voting for the new parliament began on Dec.14 across the country.", None,
     [("Dec.14", "--12-14")]),
    ("Voting for the new parliament began on Dec.14 across the country.", PUBLISHED,
     [("Dec.14", "2012-12-14")]),
    ("The festival was first held in 2017 in the old harbour.", None, [("in 2017", "2017")]),
    ("Police arrested the suspect on Tuesday near the border.", PUBLISHED,
     [("on Tuesday", "2013-04-30")]),
    ("Police arrested the suspect on Tuesday near the border.", None,
     [("on Tuesday", "weekday:Tuesday")]),
    ("The minister resigned yesterday after the vote.", PUBLISHED, [("yesterday", "2013-05-02")]),
    ("Russia launched its full-scale invasion of Ukraine three years ago.", None,
     [("three years ago", "elapsed:2.65-3.35y")]),
    ("The talks come as the war in Ukraine nears the two-and-a-half-year mark.", None,
     [("nears the two-and-a-half-year mark", "elapsed:2.25-2.50y")]),
    ("Russia launched its full-scale invasion of Ukraine three years ago.", date(2025, 2, 24),
     [("three years ago", "2021")]),
]


@pytest.mark.parametrize("text, published, expected", CASES)
def test_extracts_normalized_times(text, published, expected):
    claims = time.extract(make_doc(text, published))
    assert [(c.evidence, c.value_key) for c in claims] == expected
    for c in claims:
        assert text[c.span.start:c.span.end] == c.evidence


@pytest.mark.parametrize("text", [
    "He scored 2017 points over his career.",           # a count, not a year
    "The 2024 presidential election is close.",          # a year naming an election, no event date
    "Call 555-2013 for tickets.",
])
def test_numbers_that_are_not_times_are_left_alone(text):
    assert time.extract(make_doc(text)) == []


def _pair(*texts, **options):
    return make_pair(time, *texts, **options)


def test_same_event_on_different_weekdays_contradicts():
    verdict = time.compare(_pair("The earthquake struck Lake County on Tuesday morning.",
                                 "The earthquake struck Lake County on Thursday."))
    assert verdict.relation == "contradict"
    assert "Tuesday" in verdict.explanation and "Thursday" in verdict.explanation


def test_wording_and_precision_differences_agree():
    verdict = time.compare(_pair("The earthquake struck Lake County on Tuesday morning.",
                                 "An earthquake struck Lake County early Tuesday."))
    assert verdict.relation == "agree"
    verdict = time.compare(_pair("Voters in Turkmenistan elected a parliament on December 15.",
                                 "Turkmenistan elected a new parliament on December 15, 2013."))
    assert verdict.relation == "agree"


def test_a_year_agrees_with_a_day_inside_it():
    verdict = time.compare(_pair("The company launched the phone in 2017 in Europe.",
                                 "The company launched the phone on May 3, 2017 in Europe."))
    assert verdict.relation == "agree"


def test_elapsed_times_of_same_story_articles_with_unknown_dates_contradict():
    verdict = time.compare(_pair("Russia launched its full-scale invasion of Ukraine three years ago.",
                                 "The talks come as the war in Ukraine nears the two-and-a-half-year mark."))
    assert verdict.relation == "contradict"
    assert "three years ago" in verdict.explanation


def test_elapsed_times_are_not_compared_across_unrelated_stories():
    pair = _pair("Russia launched its full-scale invasion of Ukraine three years ago.",
                 "The talks come as the war in Ukraine nears the two-and-a-half-year mark.", same_story=False)
    assert time.compare(pair) is None


def test_different_events_are_not_compared():
    pair = _pair("The earthquake struck Lake County on Tuesday morning.",
                 "The governor visited the hospital on Thursday.")
    assert time.compare(pair) is None


def test_relative_days_of_articles_published_weeks_apart_are_not_compared():
    pair = _pair("The earthquake struck Lake County on Tuesday morning.",
                 "The earthquake struck Lake County on Thursday.", date(2013, 5, 3), date(2013, 6, 14))
    assert time.compare(pair) is None


@pytest.mark.parametrize("text_a, text_b", [
    ("A fire destroyed the old church in Wasilla late Friday.", "A fire destroyed the old church in Wasilla early Saturday."),
    ("A fire destroyed the old church in Wasilla on Friday night.", "A fire destroyed the old church in Wasilla on Saturday."),
])
def test_adjacent_days_either_side_of_midnight_agree(text_a, text_b):
    assert time.compare(_pair(text_a, text_b)).relation == "agree"


def test_adjacent_days_without_a_midnight_cue_contradict():
    verdict = time.compare(_pair("A fire destroyed the old church in Wasilla on Friday.",
                                 "A fire destroyed the old church in Wasilla on Saturday."))
    assert verdict.relation == "contradict"
