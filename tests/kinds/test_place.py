"""Place claims: where an event happened, how precise the text is about it, and when two places
cannot both be right."""
from __future__ import annotations

from pathlib import Path

import pytest

from consistency import check
from consistency.kinds import place
from consistency.kinds.base import Pair
from tests.kinds.conftest import make_doc, make_pair

CASES = [
    # text, expected (surface, attribute, name, level, container)
    ("A magnitude 4.4 earthquake struck in Kent County on Sunday, officials said.",
     [("Kent County", "in", "kent county", "area", "")]),
    ("The quake was centred near Fresno, Calif., the survey said.",
     [("Fresno, Calif.", "in", "fresno", "", "california")]),
    ("The singer was arrested in Reno, Nevada, on Friday.",
     [("Reno, Nevada", "in", "reno", "", "nevada")]),
    ("The hiker, from Ferndale, fell near the Otter Glacier on Saturday.",
     [("Ferndale", "home", "ferndale", "", ""), ("Otter Glacier", "in", "otter glacier", "", "")]),
    # A home before the word for a person; a nationality is no home town.
    ("A Dover mountain climber was rescued on Sunday.", [("Dover", "home", "dover", "", "")]),
    ("Police said an Ohio woman was hurt.", [("Ohio", "home", "ohio", "state", "")]),
    ("Jon Roe, an Australian climber from Ayr, fell on Sunday.", [("Ayr", "home", "ayr", "", "")]),
    ("A World Health Organization doctor treated the boy on Sunday.", []),
    # A long name keeps its last word.
    ("The club plays its home games at Jon Roe Memorial Sports Stadium, officials said.",
     [("Jon Roe Memorial Sports Stadium", "in", "jon roe memorial sports stadium", "", "")]),
    ("The summit was held in the U.S. last week.",
     [("U.S.", "in", "united states", "country", "")]),
    ("A magnitude 4.4 earthquake struck Kent County on Sunday morning.",
     [("Kent County", "in", "kent county", "area", "")]),
    ("Climbers were rescued on Mt. Hood after a storm near Mt. Adams forced them back.",
     [("Mt. Adams", "in", "mount adams", "", "")]),
    ("Voting ended calmly, said reports from Lisbon, Portugal's capital.",
     [("Lisbon, Portugal's capital", "from", "lisbon", "", "portugal"),
      ("Lisbon, Portugal's capital", "capital", "lisbon", "", "portugal")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extracts_places(text, expected):
    claims = place.extract(make_doc(text))
    got = [(c.evidence, c.attribute, c.value.name, c.value.level, c.value.container) for c in claims]
    assert got == expected
    for c in claims:
        assert text[c.span.start:c.span.end] == c.evidence


@pytest.mark.parametrize("text", [
    "She gave her first speech in Congress in January.",            # a body and a month
    "The fire at Smith's home spread to the garage quickly.",       # a possessive: the home is the place
    "Fatal Crash In Dover Leaves Two Dead",                         # a headline in title case
    "The award went to a reporter at Gov. Jane Doe's request.",     # a title starts no place
    "He arrived in Germany.",                                        # no event words beside the place
    "The quake was felt in Kent County, residents said.",           # felt in one place of many
    "Damage was reported in Fresno and Polk on Sunday.",            # a list of places
    "Damage was reported in Fresno, Polk and Kent counties on Sunday.",
    "The storm hit Smith hard on Monday.",                          # a verb's object that is no known place
    "Rescue teams worked within Dover Park on Sunday.",              # "in" inside a word
    "Quake damage Reported Near Dover Park Tuesday Night",          # a headline: nearly all capitals
    "A Dover man was also hurt in the crash.",                      # one of several people's homes
])
def test_no_place_from_names_that_are_not_places(text):
    assert place.extract(make_doc(text)) == []


def test_a_place_opens_the_sentence():
    claims = place.extract(make_doc("In Fresno, the quake damaged homes on Sunday."))
    assert [(c.evidence, c.context) for c in claims] == [("Fresno", ("damag", "earthquake", "home"))]


@pytest.mark.parametrize("text, name", [("Varga's car was found in Dover after the chase.", "Varga"),
                                        ("The Joneses' car was found in Dover after the chase.", "Joneses"),
                                        ("Varga’s car was found in Dover after the chase.", "Varga")])
def test_an_event_keeps_a_name_without_its_possessive(text, name):
    assert place.extract(make_doc(text))[0].context == (name, "car", "find")


def test_a_name_is_cut_before_a_title():
    claims = place.extract(make_doc("A fire broke out at Ohio Gov. Jane Doe's church overnight."))
    assert [(c.evidence, c.value.level) for c in claims] == [("Ohio", "state")]


def _pair(*texts, **options):
    return make_pair(place, *texts, **options)


@pytest.mark.parametrize("text_a, text_b, reason", [
    ("A magnitude 4.4 earthquake struck in Kent County on Sunday, officials said.",
     "A magnitude 4.4 earthquake struck in Polk County on Sunday, officials said.", "two different areas"),
    ("Floods damaged hundreds of homes in Ohio on Monday, officials said.",
     "Floods damaged hundreds of homes in Texas on Monday, officials said.", "in different states (ohio vs texas)"),
    ("The singer was arrested in Reno, Nevada, on Friday.",
     "The singer was arrested in Fresno, Calif., on Friday.", "in different states (nevada vs california)"),
    ("Rescuers found the missing yacht near Portugal on Tuesday.",
     "Rescuers found the missing yacht near Morocco on Tuesday.", "in different countries"),
    ("The talks were held at the Pine Lodge on Monday, officials said.",
     "The talks were held at the Elm Lodge on Monday, officials said.", "the same sentence but for the place"),
    # Two homes of one person: described by one word, in sentences on one event.
    ("The hiker, from Ferndale, fell near the Otter Glacier on Saturday.",
     "The hiker, from Riverton, fell near the Otter Glacier on Saturday.", "the same sentence but for the place"),
    ("A Dover climber who lost his rope on the north ridge was rescued.",
     "Jon Roe, a climber from Ayr, was lifted off the north ridge after losing his rope.", "two home towns, for one climber"),
    # One wording but for the home outweighs the other article naming that place elsewhere.
    ("The man, from Ayr, fell in the glacier area on Sunday.\nThe helicopter came from Dover.",
     "The man, from Dover, fell in the glacier area on Sunday.", "the same sentence but for the place"),
    ("Police said a Texas man was arrested after the crash on Route 9.",
     "A man from Ohio was arrested after the crash on Route 9, police said.", "in different states"),
])
def test_places_that_cannot_both_hold_contradict(text_a, text_b, reason):
    verdict = place.compare(_pair(text_a, text_b))
    assert verdict.relation == "contradict"
    assert reason in verdict.explanation


@pytest.mark.parametrize("text_a, text_b", [
    ("Voting ended calmly, said reports from Lisbon, Portugal's capital.",
     "Polls opened at dawn in Porto, Portugal's capital."),
    ("Voting ended calmly in the capital city of Portugal - Lisbon.",
     "Thousands marched through the Portuguese capital, Porto, on Monday."),
    ("Crowds gathered in Portugal's capital Lisbon.", "Polls opened at dawn in Porto, Portugal's capital."),
])
def test_two_capitals_of_one_country_contradict_whatever_the_event(text_a, text_b):
    doc_a, doc_b = make_doc(text_a, article_id="a.txt"), make_doc(text_b, article_id="b.txt")
    capital_a, capital_b = (next(c for c in place.extract(d) if c.attribute == "capital") for d in (doc_a, doc_b))
    assert list(place.block_keys(capital_a)) == list(place.block_keys(capital_b)) == ["capital|portugal"]
    verdict = place.compare(Pair(capital_a, capital_b, doc_a, doc_b, True))
    assert verdict.relation == "contradict"
    assert "one capital" in verdict.explanation


@pytest.mark.parametrize("text_a, text_b, reason", [
    ("The earthquake struck near Fresno early Sunday, officials said.",
     "The earthquake struck near Fresno, California early Sunday, officials said.", "same place"),
    ("The quake struck in Fresno on Sunday morning.",
     "The quake struck in California on Sunday morning, and Fresno, California, was hit hardest.",
     "one contains the other"),
    ("The storm flooded streets in Ashford village in Kent County on Monday.",
     "The storm flooded streets in Kent County on Monday.", "one contains the other"),
    ("The storm flooded streets in Kent on Monday.", "The storm flooded streets in Kent County on Monday.",
     "one name is part of the other"),
    ("The summit was held in the United States last week.", "The summit was held in the U.S. last week.",
     "same place"),
    ("Protesters gathered in Moscow on Saturday, police said.",
     "Protesters gathered in Russia on Saturday, police said.", "one contains the other"),
    ("The champion won the title bout at the Hill Arena on Saturday.",
     "The champion won the title bout at the Hill-Arena on Saturday.", "same place"),
    ("Rangers found the hikers in Pine Ridge State Park on Friday.",
     "Rangers found the hikers in Old Pine Ridge State on Friday.", "the names mostly overlap"),
    ("Fans celebrated in England after the final on Sunday.",
     "Fans celebrated in the United Kingdom after the final on Sunday.", "one contains the other"),
    ("Protesters gathered in Lisbon on Saturday, police said.",
     "Protesters gathered in Portugal on Saturday, police said.", "one contains the other"),
    ("Climbers were stranded near Mt. Adams after the storm.",
     "Climbers were stranded near Mount Adams after the storm.", "same place"),
])
def test_places_that_can_both_hold_agree(text_a, text_b, reason):
    verdict = place.compare(_pair(text_a, text_b))
    assert verdict.relation == "agree"
    assert reason in verdict.explanation


@pytest.mark.parametrize("text_a, text_b", [
    # A town and a state with nothing to say whether one contains the other: no verdict.
    ("The quake struck in Fresno on Sunday morning.", "The quake struck in California on Sunday morning."),
    # A town may share a capital's name: the capital list can make places agree, never differ.
    ("The storm flooded streets in Lisbon on Monday, officials said.",
     "The storm flooded streets in Ohio on Monday, officials said."),
    # Two events of one story.
    ("The suspect was arrested in Ohio on Monday.", "The victim was born in Texas and moved away."),
    ("Officials in Polk County opened shelters after the quake.", "The quake struck in Kent County."),
    ("Rescuers from Polk County reached the village after the quake struck.",
     "Rescuers reached the village in Kent County after the quake struck."),
    # The people of the story are shared, the events are not.
    ("Jane Doe beat Ann Roe in Germany on Monday.", "Jane Doe first met Ann Roe in Portugal years ago."),
    # Unknown places in sentences worded differently: not enough to say they are one fact.
    ("The hiker, from Ferndale, fell near the glacier on Saturday.",
     "Rescuers said the hiker from Riverton had fallen about 150 metres."),
    # Two people: one described as a climber, the other as a doctor.
    ("A Dover climber who lost his rope on the north ridge was rescued.",
     "Jon Roe, a doctor from Ayr, was lifted off the north ridge after losing his rope."),
    # The sentences share only names: the people around the climber, not the event.
    ("A Dover climber thanked Jon Roe and Ann Lee.", "Jon Roe, a climber from Ayr, met Ann Lee."),
    # A town and a state: the town may lie in the state.
    ("Police said a Dover man was arrested after the crash on Route 9.",
     "A man from Ohio was arrested after the crash on Route 9, police said."),
    # One article names the other's place too: a part of it, or another person's home.
    ("A Dover nurse was hurt in the flood, the mayor said.\nShe has worked in Kentwood for years.",
     "The mayor visited a Kentwood nurse who was hurt in the flood."),
])
def test_places_of_different_events_or_unknown_extent_are_not_contradictions(text_a, text_b):
    verdict = place.compare(_pair(text_a, text_b))
    assert verdict is None or verdict.relation == "agree"


def test_two_places_both_articles_name_in_one_sentence_are_not_a_contradiction():
    text = "A worker who lives in Oakdale said he met refugees in the Pine camp on Tuesday."
    doc_a, doc_b = make_doc(text, article_id="a.txt"), make_doc(text, article_id="b.txt")
    oakdale = place.extract(doc_a)[0]
    camp = place.extract(doc_b)[1]
    assert (oakdale.value.name, camp.value.name) == ("oakdale", "pine")
    assert place.compare(Pair(oakdale, camp, doc_a, doc_b, True)) is None


def test_a_corpus_flags_the_one_event_placed_in_two_counties():
    """End to end: blocking by event words brings the two counties together; a town of unknown
    extent and the places of other events (firefighters sent from a county) stay silent."""
    result = check(Path(__file__).parents[1] / "data" / "place_quake")
    findings = [f for f in result.findings if f.kind == "place"]
    assert [(f.left.article_id, f.left.evidence, f.right.article_id, f.right.evidence) for f in findings] == [
        ("courier.txt", "Polk County", "herald.txt", "Kent County")]
    assert "two different areas" in findings[0].explanation
