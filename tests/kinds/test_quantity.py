"""Quantities: counts as intervals with what is counted, ages of people, and the hard negatives."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from consistency.kinds import quantity
from consistency.kinds.base import Pair
from consistency.model import Span
from tests.kinds.conftest import make_doc, make_pair

CASES = [
    # text, expected (surface, attribute, subject, value key)
    ("Protests spread and more than 212 people have been detained in Varnholm.",
     [("more than 212 people", "count", "people", "212..2,120")]),
    ("The fire caused an estimated $1.5 million in damage to the church.",
     [("an estimated $1.5 million", "count", "$", "1,275,000..1,725,000")]),
    ("Officers stopped the 52-year-old driver a few blocks from the bridge.",
     [("52-year-old", "age", "driver", "52"), ("a few blocks", "count", "block", "2..5")]),
    ("On Sunday, 47 - year - old Welshman Tomas Pellow died on the ridge.",
     [("47 - year - old", "age", "pellow", "47")]),
    ("The earthquake killed at least 1, 000 people near the coastal city.",
     [("at least 1, 000 people", "count", "people", "1,000..10,000")]),
    ("Dozens of houses collapsed in the village after the quake.",
     [("Dozens of houses", "count", "hous", "24..120")]),
    # Measures compare in one base unit; a conversion in parentheses is the same measure again.
    ("The tremor began at a depth of 12 kilometers (7 miles), the agency said.",
     [("12 kilometers", "measure", "km", "11.4..12.6")]),
    ("The ferry sank about 3 miles off the coast of the island.",
     [("about 3 miles", "measure", "km", "4.1..5.55")]),
    # Detokenised text spaces a decimal point, and the sentence splitter cuts there.
    ("The lab found the lead content of the paint was 0. 18 percent, twice the allowed limit.",
     [("0. 18 percent", "measure", "percent", "0.18")]),
    ("The turnout in the northern region was 61% according to the commission.",
     [("61%", "measure", "percent", "61")]),
    # Currency marks and short scales: all dollars, all millions.
    ("The firm said it will pay US$212 million for the start-up, including $95M in cash.",
     [("US$212 million", "count", "$", "212,000,000"), ("$95M", "count", "$", "95,000,000")]),
    ("Damage to the hall was estimated at $US2 million ($2.9 million), officials said.",
     [("$US2 million", "count", "$", "2,000,000")]),
    # Charges count what their "of" phrase names.
    ("She was charged with three counts of first-degree burglary and one count of arson.",
     [("three counts", "count", "count of burglary", "3"), ("one count", "count", "count of arson", "1")]),
    # An adjective between the number and the noun is not what is counted.
    ("The team won seven consecutive games before the break in March.",
     [("seven consecutive games", "count", "game", "7")]),
    # Ages: a name after or before the age, a name with its age in commas, or the word for the person.
    ("Harold Smith, 54, of Leeds, was arrested on Monday.", [("54", "age", "smith", "54")]),
    ("Police arrested Ana Diaz, a 29-year-old nurse, near the station.",
     [("29-year-old", "age", "diaz", "29")]),
    ("A 63 - year - old grandmother was struck by the bus.", [("63 - year - old", "age", "woman", "63")]),
    # Ranges are intervals; a higher figure first is a score or a lead, never a range.
    ("Police said 20 to 30 people were hurt in the clashes near the square.",
     [("20 to 30 people", "count", "people", "20..30")]),
    ("The party won 57–58% of the rural vote in the election.", [("57–58%", "measure", "percent", "57..58")]),
    # Final scores (higher figure first, however written) and records (as written).
    ("Okafor did not play in the Gulls' 17-27 loss to the Herons on Sunday.",
     [("17-27", "score", "score", "27-17")]),
    ("Westbrook State beat Millbrook 80-66 on Thursday night at home.", [("80-66", "score", "score", "80-66")]),
    ("The manager was dismissed after a dismal 6-11 start to the campaign.", [("6-11", "score", "record", "6-11")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extracts_quantities(text, expected):
    claims = quantity.extract(make_doc(text))
    assert [(c.evidence, c.attribute, c.subject, c.value_key) for c in claims] == expected
    for c in claims:
        assert text[c.span.start:c.span.end] == c.evidence


@pytest.mark.parametrize("text, expected", [
    ("Officers detained twenty-one protesters outside the hall on Friday.", [("twenty-one protesters", "21")]),
    ("Organisers expected a hundred guests at the gala dinner.", [("a hundred guests", "100")]),
    # Number words inside other words ("often", "someone", "tennis") are none.
    ("Rescuers found two hikers near the ridge. She often met someone at the tennis club.", [("two hikers", "2")]),
])
def test_counts_in_words_are_found_in_sentences_without_digits(text, expected):
    assert [(c.evidence, c.value_key) for c in quantity.extract(make_doc(text))] == expected


@pytest.mark.parametrize("text", [
    "The quake struck at 8 p.m. local time in 2004 near the coast.",      # time of day, year
    "The Gulls clinched the No. 3 seed with a 27-20 win over the Herons.",  # ordinal label, score
    "She sprained her ankle in a November 14 game against the Otters.",   # a date
    "The team lost its Week 12 game in overtime to the Bears.",            # a label
    "She won her first 12 serves before the break in the opener.",        # a stretch of the game
    "The guard is down nearly six rebounds per game this year.",           # a change, not a level
    "The 7 - 2 team travels to Selkirk for the Sunday game.",               # a record
    "The Gulls built a 29-22 halftime lead during a 12-3 run in the second.",  # a lead and a run
    "The club has existed since 1974-78 when it was founded in the city.",  # a span of years
])
def test_years_dates_labels_and_scores_are_not_counts(text):
    assert [c for c in quantity.extract(make_doc(text)) if c.attribute in ("count", "measure")] == []


@pytest.mark.parametrize("text", [
    "The 10-year-old's death shocked the town and its schools.",  # whose death, not who
    "NX6, 7, 8 and 9 are affected by the flaw, Lumatek said.",  # a list, not a name and an age
    "The law is a 30-year-old record of the town's rules.",        # a thing's age
])
def test_ages_need_a_person(text):
    assert [c for c in quantity.extract(make_doc(text)) if c.attribute == "age"] == []


def _pair(*texts, **options):
    return make_pair(quantity, *texts, **options)


def test_disjoint_counts_of_one_event_contradict():
    verdict = quantity.compare(_pair("The shelling of the clinic in Dorvale left 37 people dead, the agency said.",
                                     "The shelling of the clinic in Dorvale left 71 people dead, officials said."))
    assert verdict.relation == "contradict"
    assert "37" in verdict.explanation and "71" in verdict.explanation


def test_approximation_that_covers_the_exact_count_agrees():
    verdict = quantity.compare(_pair("The shelling of the clinic in Dorvale left more than 37 people dead.",
                                     "The shelling of the clinic in Dorvale left 39 people dead."))
    assert verdict.relation == "agree"


def test_ages_of_one_person_compare_by_surname():
    verdict = quantity.compare(_pair("Police said 58-year-old Marta Fenwick was with her family.",
                                     "The crash killed 65-year-old Fenwick on Friday."))
    assert verdict.relation == "contradict"


def test_ages_of_two_people_sharing_a_surname_are_not_compared():
    pair = _pair("The vigil was for Oren (Ozzy) Vance, 19, who was hurt in the fire.",
                 "His older sister, Lila Vance, 23, spoke to reporters.")
    assert quantity.compare(pair) is None


def test_ages_of_differently_described_people_are_kept_apart():
    pair = _pair("A 41-year-old Danish sailor drowned off the cape.",
                 "A 45-year-old Norwegian sailor drowned off the cape.")
    assert set(quantity.block_keys(pair.left)).isdisjoint(quantity.block_keys(pair.right))


def _tremor(depth: str) -> str:
    return f"The tremor began at a depth of {depth} under the town of Halden, the agency said."


def test_same_sentence_with_a_changed_measure_contradicts():
    verdict = quantity.compare(_pair(_tremor("12 kilometers"), _tremor("27 kilometers")))
    assert verdict.relation == "contradict"


def test_a_converted_distance_agrees():
    verdict = quantity.compare(_pair(_tremor("12 kilometers"), _tremor("7.5 miles")))
    assert verdict.relation == "agree"


def test_counts_of_different_holders_are_not_compared():
    pair = _pair("Jones scored 21 points for the Otters in the win over the Bears on the road.",
                 "Brown scored 14 points for the Otters in the win over the Bears on the road.")
    assert quantity.compare(pair) is None


@pytest.mark.parametrize("left, right", [
    # A participle's subject is the name the sentence opens with.
    ("Abel Strand put on a show at the arena, scoring 49 points for the Comets in the win.",
     "Ivo Brandt put on a show at the arena, scoring 31 points for the Comets in the win."),
    # A relative pronoun's, the name before it.
    ("The Comets then hired Strand, who lasted 52 games before he was fired by the owner.",
     "The Comets then hired Brandt, who lasted 41 games before he was fired by the owner."),
])
def test_a_clause_without_a_name_has_the_holder_it_continues(left, right):
    assert quantity.compare(_pair(left, right)) is None


def test_counts_of_the_person_two_sentences_are_about_contradict():
    verdict = quantity.compare(_pair(
        "Abel Strand was brilliant again, scoring 49 points in the semifinal win at home.",
        "Abel Strand scored 23 points in the semifinal win at home against the Otters on a cold Friday night "
        "in Halden."))
    assert verdict.relation == "contradict"


def test_a_holder_named_with_a_count_of_their_own_does_not_hold_another():
    both = make_doc("Ivo Brandt scores 22.5 points a night for the Comets, while Abel Strand scores "
                    "6.5 points a night for them.", article_id="a.txt")
    strand = quantity.extract(both)[1]
    assert strand.evidence == "6.5 points"
    # Brandt is named there, but with points of his own: Strand's 6.5 are not his.
    assert not quantity._may_hold(quantity._facts(both, strand), "brandt", strand.subject)
    named = make_doc("Ivo Brandt watched as Abel Strand scored 6.5 points a night for the Comets.", article_id="b.txt")
    assert quantity._may_hold(quantity._facts(named, quantity.extract(named)[0]), "brandt", strand.subject)


def test_the_facts_of_a_count_are_read_in_its_own_sentence():
    doc = make_doc("Tests found the lead level was 0. 06 percent in the lake water. Later Ivo Brandt "
                   "said 12 beaches along the shore were closed.")
    level, beaches = quantity.extract(doc)
    assert quantity._facts(doc, level).text == "Tests found the lead level was 0. 06 percent in the lake water."
    assert (quantity._facts(doc, beaches).holder, quantity._facts(doc, beaches).text.split()[0]) == ("brandt", "Later")


def test_a_claim_the_extractor_would_not_make_has_no_facts():
    doc = make_doc("Abel Strand scored 19 points in the win on Friday.")
    claim = quantity.extract(doc)[0]
    moved = replace(claim, span=Span(claim.article_id, claim.span.start + 1, claim.span.end))
    assert quantity._facts(doc, moved) is None
    assert quantity._facts(doc, claim).holder == "strand"


def test_possessives_do_not_split_the_words_of_an_event():
    left = quantity.extract(make_doc("The 240 hopefuls stand for the council's 75 places on Sunday."))
    right = quantity.extract(make_doc("The 240 hopefuls stand for 75 places on the council on Sunday."))
    assert "council" in left[1].context and "council" in right[1].context


def test_passages_under_one_title_with_one_count_each_contradict():
    left = make_doc("Storms of the Halden valley\nSpotters logged 61 twisters during the storms.", article_id="a.txt")
    right = make_doc("Storms of the Halden valley\nBy Friday, with 78 twisters logged during the storms, it was the "
                     "worst outbreak the valley had seen.", article_id="b.txt")
    pair = Pair(quantity.extract(left)[0], quantity.extract(right)[0], left, right, True)
    assert quantity.compare(pair).relation == "contradict"


def test_passages_under_one_title_with_several_counts_of_a_thing_are_not_paired_blindly():
    left = make_doc("Storms of the Halden valley\nSpotters logged 61 twisters during the storms.", article_id="a.txt")
    right = make_doc("Storms of the Halden valley\nBy Friday, with 78 twisters logged during the storms, it was the "
                     "worst outbreak the valley had seen, after 12 twisters the year before.", article_id="b.txt")
    pair = Pair(quantity.extract(left)[0], quantity.extract(right)[0], left, right, True)
    assert quantity.compare(pair) is None


def test_passages_under_one_title_need_a_shared_event_word():
    left = make_doc("Storms of the Halden valley\nSpotters logged 61 twisters during the storms.", article_id="a.txt")
    right = make_doc("Storms of the Halden valley\nFarmers counted 78 twisters over the plains.", article_id="b.txt")
    pair = Pair(quantity.extract(left)[0], quantity.extract(right)[0], left, right, True)
    assert quantity.compare(pair) is None


def test_counts_in_sentences_with_other_differing_figures_are_not_compared():
    pair = _pair("He caught 26 passes and scored three touchdowns in the season for the Comets.",
                 "He caught 44 passes and scored seven touchdowns in the season for the Comets.")
    assert quantity.compare(pair) is None


def test_an_anchor_figure_ties_two_amounts_to_one_deal():
    pair = _pair("Acme agreed on Monday to pay $212 million for the chip maker Zeta Labs, "
                 "including $95 million in cash.",
                 "Acme will pay $436 million for the chip maker Zeta Labs, including $95 million in cash.")
    shared = set(pair.left.context) & set(pair.right.context)
    assert quantity._signals(pair, False, shared)["anchors"] == 1
    assert quantity.compare(pair).relation == "contradict"


def test_a_value_the_other_article_also_gives_is_not_a_contradiction():
    left = "The fire destroyed 12 homes in the valley on Sunday, officials said."
    right = ("The fire destroyed 30 homes in the valley on Sunday, officials said. "
             "Another 12 homes were damaged by the smoke in the town.")
    assert quantity.compare(_pair(left, right)) is None


def test_two_final_scores_of_one_game_contradict():
    verdict = quantity.compare(_pair("Okafor gave the Riverton Gulls a 27-20 win over the Kingsport Herons.",
                                     "The Riverton Gulls beat Kingsport 52-20 on Thursday night."))
    assert verdict.relation == "contradict"
    assert "27-20" in verdict.explanation and "52-20" in verdict.explanation


def test_scores_against_different_opponents_are_not_compared():
    pair = _pair("Mabry scored 20 as the Red Foxes won a 78-66 victory over Millbrook.",
                 "Mabry had 24 as the Red Foxes won a 97-61 rout of the Institute of Dunmore.")
    assert quantity.compare(pair) is None


def test_two_lower_bounds_of_one_count_are_two_figures():
    verdict = quantity.compare(_pair("Shops were burned, and more than 150 people have been detained in Varnholm.",
                                     "Shops were burned, and more than 290 people have been detained in Varnholm."))
    assert verdict.relation == "contradict"


def test_a_vague_count_contradicts_nothing():
    pair = _pair("Dozens of people were injured in the blast at the market, police said.",
                 "Over 300 people were injured in the blast at the market, police said.")
    assert quantity.compare(pair) is None


def test_counts_of_the_dead_and_of_the_injured_are_not_compared():
    pair = _pair("The storm hit the valley on Monday, killing at least 4 people in the county.",
                 "The storm hit the valley on Monday, injuring at least 60 people in the county.")
    assert quantity.compare(pair) is None


def test_counts_in_different_sentence_frames_are_not_compared():
    pair = _pair("He completed 21 of 38 passes for 240 yards and two touchdowns in the win.",
                 "Over the season the rookie threw 38 passes that were intercepted by defenders.")
    assert quantity.compare(pair) is None


def test_counts_of_different_events_are_not_compared():
    pair = _pair("The shelling of the clinic in Dorvale left 37 people dead.",
                 "The new arena in Calloway will seat 37,000 people next year.")
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
    verdict = quantity.compare(_pair("The judge sentenced Pruett to 12 years in prison for the fraud.",
                                     "The judge sentenced Pruett to 21 years in prison for the fraud."))
    assert verdict.relation == "contradict"


def test_equal_counts_in_alike_sentences_agree():
    verdict = quantity.compare(_pair("The shelling of the clinic in Dorvale left 37 people dead, the agency said.",
                                     "The shelling of the clinic in Dorvale left 37 people dead, officials said."))
    assert verdict.relation == "agree"


# A description of someone named before ("the 63-year-old Chilean") is that person's age.
_CONCERT = ("Conductor Marta Ilves led the Orrin Philharmonic at the Kessby festival. "
            "It was the first concert since spring for the {age}-year-old Chilean.")


def _story(*texts):
    docs = [make_doc(t, article_id=f"{i}.txt") for i, t in enumerate(texts)]
    ages = [next(c for c in quantity.extract(d) if c.attribute == "age") for d in docs]
    return Pair(ages[0], ages[1], docs[0], docs[1], True)


def test_a_description_takes_the_age_of_the_name_before_it():
    pair = _story(_CONCERT.format(age=63), "The 69-year-old Ilves had cancelled her winter tour.")
    assert set(quantity.block_keys(pair.left)) & set(quantity.block_keys(pair.right))
    assert quantity.compare(pair).relation == "contradict"


def test_two_descriptions_of_one_named_person_compare():
    pair = _story(_CONCERT.format(age=63),
                  "Marta Ilves returned to the stage. The 67-year-old Cuban conductor bowed twice.")
    assert quantity.compare(pair).relation == "contradict"


def test_descriptions_of_two_named_people_are_not_compared():
    pair = _story(_CONCERT.format(age=63),
                  "Piret Saar sang the solo in Kessby. The 58-year-old Chilean soprano was in fine voice.")
    assert quantity.compare(pair) is None


def test_a_description_after_a_name_in_its_own_sentence_refers_to_nobody_known():
    claims = quantity.extract(make_doc("Marta Ilves met Piret Saar in Kessby. "
                                       "Ilves thanked Saar after the encore, and the 40-year-old Chilean wept."))
    assert [c.context for c in claims if c.attribute == "age"] == [("chilean",)]


def test_a_description_is_not_tied_to_a_name_given_another_age():
    claims = quantity.extract(make_doc("Marta Ilves, 61, led the Orrin Philharmonic at the Kessby festival. "
                                       "It was the first concert since spring for the 52-year-old Chilean."))
    assert [c.context for c in claims if c.attribute == "age"] == [("marta ilves",), ("chilean",)]


def test_a_description_that_refers_to_a_name_is_not_compared_with_one_that_refers_to_nobody_known():
    pair = _story(_CONCERT.format(age=63),
                  "Ilves thanked Piret Saar after the encore, and the 40-year-old Chilean wept.")
    assert pair.left.subject == pair.right.subject == "chilean"
    assert quantity.compare(pair) is None


def test_a_description_is_not_compared_with_a_name_when_the_other_age_is_someone_elses():
    pair = _story(_CONCERT.format(age=63), "The 69-year-old Ilves thanked Piret Saar, 63, after the encore.")
    assert quantity.compare(pair) is None


# Two sentences of one story that give the same other figures tell one passage.
_MARKET = ("On Friday 36 growers brought produce to the {stalls} stalls of Brennick's harvest fair.",
           "The office counted 36 growers at the harvest fair, which fills {stalls} stalls of Brennick's quay.")


def _stalls(left: str, right: str, **options) -> Pair:
    docs = [make_doc(t, options.get("published"), f"{i}.txt") for i, t in enumerate((left, right))]
    stalls = [next(c for c in quantity.extract(d) if c.subject == "stall") for d in docs]
    return Pair(stalls[0], stalls[1], docs[0], docs[1], options.get("same_story", True))


def test_counts_among_the_same_other_figures_are_one_fact():
    pair = _stalls(_MARKET[0].format(stalls=80), _MARKET[1].format(stalls=60))
    assert quantity.compare(pair).relation == "contradict"


def test_counts_among_the_same_other_figures_of_two_stories_are_not_compared():
    pair = _stalls(_MARKET[0].format(stalls=80), _MARKET[1].format(stalls=60), same_story=False)
    assert quantity.compare(pair) is None


def test_figures_recalled_from_an_earlier_year_do_not_make_one_passage():
    pair = _stalls(_MARKET[0].format(stalls=80).replace("On Friday", "In 1998"), _MARKET[1].format(stalls=60),
                  published=date(2008, 5, 2))
    assert quantity.compare(pair) is None


def _amounts(left: str, right: str, values: tuple[str, str]) -> Pair:
    docs = [make_doc(t, None, f"{i}.txt") for i, t in enumerate((left, right))]
    found = [next(c for c in quantity.extract(d) if c.value_key == v) for d, v in zip(docs, values)]
    return Pair(found[0], found[1], docs[0], docs[1], True)


def test_alike_sentences_with_the_same_other_figures_contradict_though_the_value_recurs():
    pair = _amounts("Orvane will pay $212 million for Lumatek, including $95 million in cash.",
                    "Orvane Corp is acquiring Lumatek today for $212 million, including $60 million in cash. "
                    "Analysts had put the cash at $95 million.", ("95,000,000", "60,000,000"))
    assert quantity.compare(pair).relation == "contradict"


def test_alike_sentences_with_the_same_other_figures_keep_different_fates_apart():
    pair = _amounts("The blast at the Halden plant on Monday hurt 12 workers and killed 40 people.",
                    "The blast at the Halden plant on Monday hurt 12 workers and injured 95 people.", ("40", "95"))
    assert quantity.compare(pair) is None


# Two articles of one story that each give one count of a thing that fared one way give its toll.
_SLIDE = ("Mud buried the Orvik road on Tuesday and three hikers were still {fate} at dusk, the rangers said.",
          "Rangers searching the buried Orvik road said eight hikers were {fate} after the mudslide.")


def _hikers(left: str, right: str, published: date | None = None) -> Pair:
    docs = [make_doc(t, published, f"{i}.txt") for i, t in enumerate((left, right))]
    found = [next(c for c in quantity.extract(d) if c.subject == "hiker") for d in docs]
    return Pair(found[0], found[1], docs[0], docs[1], True)


def test_the_single_counts_of_one_fate_in_a_story_are_its_toll():
    pair = _hikers(_SLIDE[0].format(fate="missing"), _SLIDE[1].format(fate="missing"))
    assert quantity.compare(pair).relation == "contradict"


def test_single_counts_without_a_fate_are_not_a_toll():
    pair = _hikers(_SLIDE[0].format(fate="stranded"), _SLIDE[1].format(fate="stranded"))
    assert quantity.compare(pair) is None


def test_single_counts_recalled_from_an_earlier_year_are_not_a_toll():
    pair = _hikers(_SLIDE[0].format(fate="missing").replace("on Tuesday", "in 1998"), _SLIDE[1].format(fate="missing"),
                   published=date(2008, 5, 2))
    assert quantity.compare(pair) is None


def test_single_counts_of_one_fate_need_several_shared_event_words():
    pair = _hikers(_SLIDE[0].format(fate="missing"), "A spokesman said eight hikers went missing in the storm.")
    assert quantity.compare(pair) is None


def test_an_indefinite_description_introduces_someone_new():
    claims = quantity.extract(make_doc("Marta Ilves led the Orrin Philharmonic in Kessby. "
                                       "A 52-year-old Chilean listened from the front row."))
    assert [c.context for c in claims if c.attribute == "age"] == [("chilean",)]
