"""consistency.numbers: numbers written in digits or words, as news text writes them."""
from __future__ import annotations

import re

import pytest

from consistency.numbers import parse, word_pattern


@pytest.mark.parametrize("text, value", [
    ("18", 18),
    ("1,200", 1200),
    ("1,200,000", 1_200_000),
    ("1, 200", 1200),
    ("3.5", 3.5),
    # Detokenised text spaces a decimal point.
    ("0. 07", 0.07),
    ("35. 17", 35.17),
    (" 42 ", 42),
    ("three", 3),
    ("Three", 3),
    ("eleven", 11),
    ("twenty-five", 25),
    ("twenty five", 25),
    ("two-and-a-half", 2.5),
    ("two and a half", 2.5),
    ("one and a half", 1.5),
    ("a half", 0.5),
    ("a quarter", 0.25),
    ("a hundred", 100),
    ("two hundred", 200),
    ("one hundred and twenty", 120),
    ("three thousand five hundred", 3500),
    ("twenty-five thousand", 25_000),
    ("half a million", 500_000),
    ("two and a half million", 2_500_000),
    ("an", 1),
])
def test_parse_number_phrases(text, value):
    assert parse(text) == value


@pytest.mark.parametrize("text", [
    "", "  ", "and", "banana", "several", "a dozen", "two-thirds", "1,2", "three apples",
    # A year then a count is two numbers, not one badly grouped one.
    "2022, 300", "2022,300",
    # float() takes these, but no article means a number by them.
    "nan", "inf", "Infinity", "1e3", "1_000",
    # A fraction counts after an article or before one: a lone "quarter" is a period of a game.
    "quarter", "half", "four-quarter", "four - quarter",
])
def test_parse_non_numbers_is_none(text):
    assert parse(text) is None


def number_phrases(sentence: str) -> list[str]:
    """word_pattern() is meant to be embedded; here it is embedded between word boundaries."""
    return [m.group() for m in re.finditer(rf"\b(?:{word_pattern()})\b", sentence, re.I)]


def test_word_pattern_finds_number_phrases_in_a_sentence():
    sentence = ("About 1,200 people fled, twenty-five of them children, two-and-a-half years after "
                "the last quake; one and a half days later three hundred returned.")
    found = number_phrases(sentence)
    assert found == ["1,200", "twenty-five", "two-and-a-half", "one and a half", "three hundred"]
    assert [parse(f) for f in found] == [1200, 25, 2.5, 1.5, 300]


def test_word_pattern_finds_nothing_without_numbers():
    assert number_phrases("Nobody came, and the town was quiet.") == []


def test_word_pattern_keeps_a_year_and_a_count_apart():
    assert number_phrases("In 2022, 300 soldiers died; in 2023, 1,200 more.") == ["2022", "300", "2023", "1,200"]


def test_word_pattern_prefers_the_longest_number_word():
    assert number_phrases("Seventeen of the eighteen ships sailed.") == ["Seventeen", "eighteen"]


def test_word_pattern_takes_the_article_before_a_unit():
    pattern = re.compile(rf"\b(?P<num>{word_pattern()})\s+years?\s+ago\b", re.I)
    m = pattern.search("The war began a year ago, not two years ago.")
    assert m.group("num") == "a"
    assert parse(m.group("num")) == 1
    assert [parse(m.group("num")) for m in pattern.finditer("It began a year ago, not two years ago.")] == [1, 2]
