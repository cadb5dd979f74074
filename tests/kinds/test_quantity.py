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
    # Measures compare in one base unit; a conversion in parentheses is the same measure again.
    ("The quake struck at a depth of 10 kilometers (6 miles), the survey said.",
     [("10 kilometers", "measure", "km", "9.5..10.5")]),
    ("The ferry sank about 3 miles off the coast of the island.",
     [("about 3 miles", "measure", "km", "4.1..5.55")]),
    # Detokenised text spaces a decimal point, and the sentence splitter cuts there.
    ("His blood alcohol level was 0. 24 percent, three times the legal limit.",
     [("0. 24 percent", "measure", "percent", "0.24")]),
    ("The turnout in the northern region was 61% according to the commission.",
     [("61%", "measure", "percent", "61")]),
    # Currency marks and short scales: all dollars, all millions.
    ("The company said it will pay US$334 million for the start-up, including $281M in cash.",
     [("US$334 million", "count", "$", "334,000,000"), ("$281M", "count", "$", "281,000,000")]),
    ("Damage to the hall was estimated at $US2 million ($2.9 million), officials said.",
     [("$US2 million", "count", "$", "2,000,000")]),
    # Charges count what their "of" phrase names.
    ("He was charged with two counts of first-degree murder and one count of arson.",
     [("two counts", "count", "count of murder", "2"), ("one count", "count", "count of arson", "1")]),
    # An adjective between the number and the noun is not what is counted.
    ("The team won seven consecutive games before the break in March.",
     [("seven consecutive games", "count", "game", "7")]),
    # Ages: a name after or before the age, a name with its age in commas, or the word for the person.
    ("Harold Smith, 54, of Leeds, was arrested on Monday.", [("54", "age", "smith", "54")]),
    ("Police arrested Ana Diaz, a 29-year-old nurse, near the station.",
     [("29-year-old", "age", "diaz", "29")]),
    ("A 59 - year - old grandmother was struck by the car.", [("59 - year - old", "age", "woman", "59")]),
    # Ranges are intervals; a higher figure first is a score or a lead, never a range.
    ("Police said 20 to 30 people were hurt in the clashes near the square.",
     [("20 to 30 people", "count", "people", "20..30")]),
    ("The party won 57–58% of the rural vote in the election.", [("57–58%", "measure", "percent", "57..58")]),
    # Final scores (higher figure first, however written) and records (as written).
    ("Harrison did not play in the Colts' 24-31 loss to the Jaguars on Sunday.",
     [("24-31", "score", "score", "31-24")]),
    ("North Carolina beat Evansville 91-73 on Thursday night at home.", [("91-73", "score", "score", "91-73")]),
    ("The coach was fired after a disappointing 9-14 start to the season.", [("9-14", "score", "record", "9-14")]),
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
    "He hurt his knee in an October 19 game against the Hawks.",           # a date
    "The team lost its Week 12 game in overtime to the Bears.",            # a label
    "He completed his first 17 passes before halftime on the road.",       # a stretch of the game
    "The center is down almost five points per game this season.",         # a change, not a level
    "The 7 - 2 team travels to Denver for the Sunday game.",               # a record
    "The Colts took a 33-26 halftime lead during a 15-2 run in the third.",  # a lead and a run
    "The club has existed since 1974-78 when it was founded in the city.",  # a span of years
])
def test_years_dates_labels_and_scores_are_not_counts(text):
    assert [c for c in quantity.extract(make_doc(text)) if c.attribute in ("count", "measure")] == []


@pytest.mark.parametrize("text", [
    "The 10-year-old's death shocked the town and its schools.",  # whose death, not who
    "IE6, 7, 8 and 9 are affected by the flaw, Microsoft said.",  # a list, not a name and an age
    "The law is a 30-year-old record of the town's rules.",        # a thing's age
])
def test_ages_need_a_person(text):
    assert [c for c in quantity.extract(make_doc(text)) if c.attribute == "age"] == []


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


def test_ages_of_two_people_sharing_a_surname_are_not_compared():
    pair = _pair("The vigil was for Kimani (Kiki) Gray, 16, who was shot by police.",
                 "His older sister, Mahnefah Gray, 19, spoke to reporters.")
    assert quantity.compare(pair) is None


def test_ages_of_differently_described_people_are_kept_apart():
    pair = _pair("A 32-year-old British climber died on the mountain.",
                 "A 36-year-old Australian climber died on the mountain.")
    assert set(quantity.block_keys(pair.left)).isdisjoint(quantity.block_keys(pair.right))


def test_same_sentence_with_a_changed_measure_contradicts():
    verdict = quantity.compare(_pair("The quake struck at a depth of 10 kilometers near the town of Tarn, the survey said.",
                                     "The quake struck at a depth of 23 kilometers near the town of Tarn, the survey said."))
    assert verdict.relation == "contradict"


def test_a_converted_distance_agrees():
    verdict = quantity.compare(_pair("The quake struck at a depth of 10 kilometers near the town of Tarn, the survey said.",
                                     "The quake struck at a depth of 6.2 miles near the town of Tarn, the survey said."))
    assert verdict.relation == "agree"


def test_counts_of_different_holders_are_not_compared():
    pair = _pair("Jones scored 21 points for the Hawks in the win over the Bears on the road.",
                 "Brown scored 14 points for the Hawks in the win over the Bears on the road.")
    assert quantity.compare(pair) is None


def test_counts_in_sentences_with_other_differing_figures_are_not_compared():
    pair = _pair("He caught 29 passes and scored four touchdowns in the season for the Saints.",
                 "He caught 39 passes and scored six touchdowns in the season for the Saints.")
    assert quantity.compare(pair) is None


def test_an_anchor_figure_ties_two_amounts_to_one_deal():
    pair = _pair("Acme agreed on Monday to pay $334 million for the chip maker Zeta Labs, including $281 million in cash.",
                 "Acme will pay $671 million for the chip maker Zeta Labs, including $281 million in cash.")
    assert quantity._signals(pair, overlap=False)["anchors"] == 1
    assert quantity.compare(pair).relation == "contradict"


def test_a_value_the_other_article_also_gives_is_not_a_contradiction():
    left = "The fire destroyed 12 homes in the valley on Sunday, officials said."
    right = ("The fire destroyed 30 homes in the valley on Sunday, officials said. "
             "Another 12 homes were damaged by the smoke in the town.")
    assert quantity.compare(_pair(left, right)) is None


def test_two_final_scores_of_one_game_contradict():
    verdict = quantity.compare(_pair("Ratliff gave the Indianapolis Colts a 31-24 win over the Jacksonville Jaguars.",
                                     "The Indianapolis Colts beat Jacksonville 65-24 on Thursday night."))
    assert verdict.relation == "contradict"
    assert "31-24" in verdict.explanation and "65-24" in verdict.explanation


def test_scores_against_different_opponents_are_not_compared():
    pair = _pair("Hansbrough scored 20 as the Tar Heels won a 91-73 victory over Evansville.",
                 "Hansbrough had 24 as the Tar Heels won a 108-70 rout of the College of Charleston.")
    assert quantity.compare(pair) is None


def test_two_lower_bounds_of_one_count_are_two_figures():
    verdict = quantity.compare(_pair("Stores were looted, and more than 200 people have been arrested in Athens.",
                                     "Stores were looted, and more than 403 people have been arrested in Athens."))
    assert verdict.relation == "contradict"


def test_a_vague_count_contradicts_nothing():
    pair = _pair("Dozens of people were injured in the blast at the market, police said.",
                 "Over 300 people were injured in the blast at the market, police said.")
    assert quantity.compare(pair) is None


def test_counts_of_the_dead_and_of_the_injured_are_not_compared():
    pair = _pair("The quake struck the province on Tuesday, killing at least 5 people in the district.",
                 "The quake struck the province on Tuesday, injuring at least 50 people in the district.")
    assert quantity.compare(pair) is None


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
