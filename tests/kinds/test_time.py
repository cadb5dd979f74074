"""Time claims: text in, normalized value and surface out; comparisons of the same event."""
from __future__ import annotations

from datetime import date

import pytest

from consistency.kinds import time
from consistency.kinds.base import Pair, lowered
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
    # A year before a noun dates what the noun names; the surface is the year alone.
    ("The court fined the firm over the 2010 collapse of its warehouse roof.", None,
     [("2010", "2010")]),
    ("The painter was questioned about a 2012 boating accident near the lake.", None, [("2012", "2012")]),
    # Relative days resolve against the reference date, backwards unless "next" says otherwise.
    ("Police arrested the suspect last Friday near the border.", PUBLISHED,
     [("last Friday", "2013-04-26")]),
    ("Police arrested the suspect on Friday near the border.", PUBLISHED,
     [("on Friday", "2013-05-03")]),
    ("The suspect will appear in court next Monday in the capital.", PUBLISHED,
     [("next Monday", "2013-05-06")]),
    ("The mayor opened the new bridge over the river today.", PUBLISHED, [("today", "2013-05-03")]),
    # A clause that looks ahead, or "this", names the coming day; "next" never the same day.
    ("The striker will play in Sunday's final at the old stadium.", PUBLISHED, [("Sunday's", "2013-05-05")]),
    ("The council meets this Tuesday to vote on the harbour plan.", PUBLISHED, [("this Tuesday", "2013-05-07")]),
    ("The suspect will appear in court next Friday in the capital.", PUBLISHED, [("next Friday", "2013-05-10")]),
    # Publishing told as an event is dated; only a text's own "Posted on ..." line is not.
    ("Her first atlas of river birds was published in 1967.", None, [("in 1967", "1967")]),
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
    "The 2010 season was a poor one for the club.",      # a year naming a season
    "Fans still talk about the 2010 Harbour Cup.",       # a year in a name
    "The firm's 2011 annual report showed a loss.",     # a yearly thing the year names
    "Call 555-2013 for tickets.",
    "The museum opens its doors on Sundays.",            # a day that recurs
    "The council meets on the first Monday of each month.",
    "Every Monday the market fills the old square.",
    "Posted in Town Notes on Friday, June 7, 2019.",  # when the text was put out
])
def test_numbers_that_are_not_times_are_left_alone(text):
    assert time.extract(make_doc(text)) == []


@pytest.mark.parametrize("text, surface, inside, outside", [
    # Month names are times, not part of the event.
    ("Entries for the rowing regatta will be accepted from March 3 to April 9.", "March 3",
     {"entry", "rowing", "regatta"}, {"april"}),
    # A "when" clause tells what happened at the time before it.
    ("The climber was on the ridge Monday when he lost his footing in the fog.", "Monday",
     {"ridge", "lose", "foot"}, set()),
    # A clause fronted before the subject is not what the time dates.
    ("Despite a cold early Tuesday, the tenor will sing at Sunday's gala concert.", "Sunday's",
     {"sing", "gala", "concert"}, {"cold"}),
    ("The tenor will sing at Sunday's gala concert despite his cold.", "Sunday's",
     {"sing", "gala"}, {"cold"}),
    # A relative clause dates the noun before it.
    ("The referendum on the harbour, which is planned for May 19, 2024, was approved by the board.",
     "May 19, 2024", {"referendum", "harbour", "plann"}, {"approv", "board"}),
    # The colon of a clock time ends no clause, and "a. m." is no word.
    ("Early Monday morning, around 4: 15 a. m., the ferry ran aground near the pier.", "Early Monday morning",
     {"ferry", "run", "aground"}, {"m"}),
    # A gerund phrase after an opener ends where the main verb resumes at its auxiliary.
    ("The inmate who fled after pulling a gun during a transfer was captured Monday near the river.", "Monday",
     {"captur", "river"}, {"pull", "gun", "transfer"}),
    # A label before a colon dates what it names.
    ("Opening of the harbour bridge: May 3, 2024", "May 3, 2024", {"open", "harbour", "bridge"}, set()),
    # A clause joined by "and" after the time is another event.
    ("She sprained her wrist last Thursday and the trainer said the squad would miss her.", "last Thursday",
     {"sprain", "wrist"}, {"trainer", "squad"}),
])
def test_event_words_come_from_the_clause_of_the_time(text, surface, inside, outside):
    claim = next(c for c in time.extract(make_doc(text)) if c.evidence == surface)
    assert inside <= set(claim.context)
    assert not outside & set(claim.context)


def _pair(*texts, **options):
    return make_pair(time, *texts, **options)


def _claim_pair(text_a, surface_a, text_b, surface_b, published_a=None, published_b=None):
    """The claims with the given surfaces, of two articles of one story."""
    doc_a, doc_b = make_doc(text_a, published_a, "a.txt"), make_doc(text_b, published_b, "b.txt")
    left = next(c for c in time.extract(doc_a) if c.evidence == surface_a)
    right = next(c for c in time.extract(doc_b) if c.evidence == surface_b)
    return Pair(left, right, doc_a, doc_b, True)


LEAD_A = ("Harbour district under water\n"
          "A powerful storm flooded the harbour district of Portville on Tuesday, officials said.\n"
          "Hundreds of homes were left without power.")
LEAD_B = ("Portville counts the cost\n"
          "Heavy rain from the storm flooded streets and cellars across the harbour district on Friday.\n"
          "The city council met to discuss repairs.")


def test_leads_of_one_story_that_date_its_event_differently_contradict():
    # Worded too differently for the sentence-similarity gate, but both articles open by dating
    # the same happening (storm, flood, harbour, district).
    verdict = time.compare(_claim_pair(LEAD_A, "on Tuesday", LEAD_B, "on Friday"))
    assert verdict.relation == "contradict"
    assert "lead" in verdict.explanation


def test_leads_are_not_contradicting_when_one_article_knows_the_other_day():
    # The second article has a Tuesday too, for something else: two steps of a story, maybe.
    text_b = LEAD_B.replace("The city council met to discuss repairs.", "The city council met on Tuesday to discuss repairs.")
    assert time.compare(_claim_pair(LEAD_A, "on Tuesday", text_b, "on Friday")) is None


def test_leads_of_different_stories_are_not_compared():
    pair = _claim_pair(LEAD_A, "on Tuesday", LEAD_B, "on Friday")
    assert time.compare(Pair(pair.left, pair.right, pair.left_doc, pair.right_doc, False)) is None


def test_a_later_time_is_no_lead():
    # The second article dates the flood only in its fourth sentence: its lead is about
    # something else, and the wording gate applies.
    text_b = ("Portville counts the cost\n"
              "The city council met on Monday to discuss repairs to the sea wall and the ferry pier.\n"
              "Residents asked for help with the clean-up of their cellars.\n"
              "Heavy rain from the storm flooded streets and cellars across the harbour district on Friday.")
    assert time.compare(_claim_pair(LEAD_A, "on Tuesday", text_b, "on Friday")) is None


def test_related_events_on_different_days_are_not_a_contradiction():
    # The classic false alarm: a fine on Tuesday, a concert on Sunday. Each lead dates its own
    # happening, and they share only the singer.
    pair = _claim_pair(
        "Tenor fined\nA court fined the Aldgate tenor Karl Vinter early Tuesday over a parking dispute.",
        "early Tuesday",
        "Vinter to sing\nThe Aldgate tenor Karl Vinter will sing at Sunday's gala concert despite the fine.",
        "Sunday's")
    assert time.compare(pair) is None


def test_an_article_that_gives_the_other_time_to_a_related_event_is_not_contradicting():
    # The second article dates the entries March 3 too; its March 13 is the draw's.
    text_a = "The club opened entries for the spring regatta on March 3 at the boathouse."
    text_b = ("The club opened the draw for the spring regatta on March 13 at the boathouse.\n"
              "Entries for the spring regatta opened on March 3.")
    assert time.compare(_claim_pair(text_a, "March 3", text_b, "March 13")) is None
    alone = "The club opened the draw for the spring regatta on March 13 at the boathouse."
    assert time.compare(_claim_pair(text_a, "March 3", alone, "March 13")).relation == "contradict"


def test_each_article_reporting_the_day_before_its_own_is_two_steps_of_a_story():
    # "Thursday" in a Friday's article and "Wednesday" in a Thursday's: the news of each day.
    pair = _claim_pair(LEAD_A.replace("on Tuesday", "on Thursday"), "on Thursday",
                       LEAD_B.replace("on Friday", "on Wednesday"), "on Wednesday",
                       date(2013, 5, 3), date(2013, 5, 2))
    assert time.compare(pair) is None


def test_a_retold_event_contradicts_however_the_rest_of_the_sentences_run():
    verdict = time.compare(_pair(
        "A trawler skipper dumped nets full of undersized cod near the harbour Thursday and sailed off.",
        "Inspectors said the trawler was at anchor Monday when its skipper dumped nets full of undersized cod.",
        PUBLISHED, PUBLISHED, same_story=False))
    assert verdict.relation == "contradict"


def test_a_copied_sentence_dates_one_fact_however_short_its_clause():
    verdict = time.compare(_pair("She will be knighted June 4.", "She will be knighted June 14.",
                                 same_story=False))
    assert verdict.relation == "contradict"
    assert time.compare(_pair("She will be knighted June 4.", "The palace was repainted on June 14.",
                              same_story=False)) is None


@pytest.mark.parametrize("text_a, text_b, relation", [
    # A birth or a death happens once: two dates of it for one person disagree, however worded.
    ("Ewan Drummond (born 4 April 1961 in Carrick) is a Scottish luthier.",
     "The luthier Ewan Drummond was born on 14 April 1961 and grew up in Dundee.", "contradict"),
    ("Ewan Drummond (born 4 April 1961 in Carrick) is a Scottish luthier.",
     "The luthier Ewan Drummond was born on 4 April 1961 and grew up in Dundee.", "agree"),
])
def test_what_happens_to_a_person_once_has_one_date(text_a, text_b, relation):
    assert time.compare(_pair(text_a, text_b, same_story=False)).relation == relation


def test_days_resolved_from_the_article_date_are_not_births_or_deaths():
    # "on Friday" is the news of a day, not a calendar date: the once rule does not apply.
    pair = _pair("The mayor Tom Reed died in hospital on Friday, his family said.",
                 "The former mayor Tom Reed died at his home on Wednesday after a long illness.",
                 PUBLISHED, PUBLISHED, same_story=False)
    assert time.compare(pair) is None


def test_clauses_sharing_few_happenings_need_similar_sentences():
    # Three shared happenings (fire, old, mill), but not leads of one story and worded
    # differently: maybe two fires.
    pair = _pair("Officials said the fire destroyed the old mill in Harwick early on May 3.",
                 "Shortly after 4:10 on the morning of May 13 a neighbour reported a fire at the old mill.",
                 same_story=False)
    assert time.compare(pair) is None
    pair = _pair("Officials said the fire destroyed the old mill in Harwick early on May 3.",
                 "Officials said the fire destroyed the old mill in Harwick on May 13.", same_story=False)
    assert time.compare(pair).relation == "contradict"


def test_clauses_that_share_only_a_name_are_two_events():
    # Two games of one team: most of the short clause's words are shared, but only its name.
    pair = _claim_pair("Jo Ames became the top scorer for Lake Forest on Thursday in a home win.", "on Thursday",
                       "The Owls, who had won 10 straight games, lost 72-64 at top-ranked Lake Forest on Sunday.",
                       "on Sunday")
    assert time.compare(pair) is None


def test_same_event_on_different_weekdays_contradicts():
    verdict = time.compare(_pair("The earthquake struck Lake County on Tuesday morning.",
                                 "The earthquake struck Lake County on Thursday."))
    assert verdict.relation == "contradict"
    assert "Tuesday" in verdict.explanation and "Thursday" in verdict.explanation


def test_wording_and_precision_differences_agree():
    verdict = time.compare(_pair("The earthquake struck Lake County on Tuesday morning.",
                                 "An earthquake struck Lake County early Tuesday."))
    assert verdict.relation == "agree"
    verdict = time.compare(_pair("The earthquake struck Lake County on Tuesday morning.",
                                 "The earthquake struck Lake County Tuesday."))
    assert verdict.relation == "agree"
    verdict = time.compare(_pair("The earthquake struck Lake County on Tuesday.",
                                 "The earthquake struck Lake County on April 30, 2013.", published_a=date(2013, 5, 3)))
    assert verdict.relation == "agree"
    verdict = time.compare(_pair("Voters in Nordland elected a parliament on December 15.",
                                 "Nordland elected a new parliament on December 15, 2013."))
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


def test_a_day_announced_ahead_and_reported_after_is_one_day():
    # Saturday's preview and Monday's report both mean Sunday May 5.
    verdict = time.compare(_pair("The striker will play in the final on Sunday.",
                                 "The striker scored twice in Sunday's final.", date(2013, 5, 4), date(2013, 5, 6)))
    assert verdict.relation == "agree"
    assert "2013-05-05" in verdict.explanation


def test_relative_days_of_articles_published_weeks_apart_are_not_compared():
    pair = _pair("The earthquake struck Lake County on Tuesday morning.",
                 "The earthquake struck Lake County on Thursday.", date(2013, 5, 3), date(2013, 6, 14))
    assert time.compare(pair) is None


@pytest.mark.parametrize("text_a, text_b", [
    ("A fire destroyed the old church in Harwick late Friday.", "A fire destroyed the old church in Harwick early Saturday."),
    ("A fire destroyed the old church in Harwick on Friday night.", "A fire destroyed the old church in Harwick on Saturday."),
])
def test_adjacent_days_either_side_of_midnight_agree(text_a, text_b):
    assert time.compare(_pair(text_a, text_b)).relation == "agree"


def test_adjacent_days_without_a_midnight_cue_contradict():
    verdict = time.compare(_pair("A fire destroyed the old church in Harwick on Friday.",
                                 "A fire destroyed the old church in Harwick on Saturday."))
    assert verdict.relation == "contradict"


@pytest.mark.parametrize("text_a, text_b", [
    # A dismissal from a post, a founding and a publication happen once too.
    ("The club fired coach Ivo Marsh on March 2 after a losing run.",
     "Ivo Marsh, who was fired March 12 as coach of the club, joins the Rovers."),
    ("The weavers' guild of Tarnby was founded in 1921 by four families who had fled the floods.",
     "Old parish records show that the Tarnby weavers' guild was founded in 1924 as a charity for the widows of drowned fishermen."),
    ("In 1971 a second book of hers was published, River Songs.",
     "River Songs was published in 1967."),
])
def test_what_happens_once_to_a_post_or_a_work_has_one_date(text_a, text_b):
    pair = _pair(text_a, text_b, date(2005, 5, 3), date(2005, 5, 3), same_story=False)
    assert time.compare(pair).relation == "contradict"


def test_a_parenthesised_life_span_dates_a_birth_and_a_death():
    text = "Ada Brun, also called Adda Brun, (3 May 1901 – 9 June 1980) was a Danish botanist."
    birth, death = time.extract(make_doc(text))
    assert {"ada", "brun", "born"} <= set(birth.context) and "kill" not in birth.context
    assert {"ada", "brun", "kill"} <= set(death.context) and "born" not in death.context
    pair = _claim_pair(text, "9 June 1980", "Ada Brun died on 19 June 1980 in Aarhus.", "19 June 1980")
    assert time.compare(pair).relation == "contradict"


def test_a_span_of_years_is_no_year():
    assert time.extract(make_doc("The record of 2,290 points that Ed Hale set from 1974 to 1978 fell.")) == []


@pytest.mark.parametrize("text, surface, figures", [
    ("The Owls beat the host Hawks, 34-27, on Thursday night.", "on Thursday night", {"34-27"}),
    ("The same story played out Sunday night in a bitter 71 - 58 defeat to the Owls.", "Sunday night", {"71-58"}),
    ("Tekna said it would buy Lumo for $6.8 billion on Monday.", "on Monday", {"6.8"}),
    ("Hale now has 2,129 points after Tuesday's game.", "Tuesday's", set()),  # another clause
    # A low tally ("2-1", a "25-7" record) and a year are no figures that tell one happening.
    ("The Owls (25-7) won 2-1 on Friday in 2013 in front of 90 fans.", "on Friday", set()),
])
def test_figures_of_the_clause_are_event_words(text, surface, figures):
    claim = next(c for c in time.extract(make_doc(text)) if c.evidence == surface)
    assert {w for w in claim.context if w[0].isdigit()} == figures


def test_clauses_that_give_one_score_date_one_game():
    pair = _claim_pair("The Owls beat the host Hawks, 34-27, on Thursday night.", "on Thursday night",
                       "The same story played out Sunday night in a bitter 34-27 loss to the Owls.", "Sunday night")
    verdict = time.compare(pair)
    assert verdict.relation == "contradict" and "figures" in verdict.explanation
    other = _claim_pair("The Owls beat the host Hawks, 34-27, on Thursday night.", "on Thursday night",
                        "The same story played out Sunday night in a bitter 28-21 loss to the Owls.", "Sunday night")
    assert time.compare(other) is None


def test_a_figure_outside_one_clause_needs_a_shared_happening():
    text_a = "Analysts cut the rating after Tekna announced its plan to buy Lumo for $6.8 billion on Thursday."
    told = "Tekna agreed to buy Lumo for around $6.8 billion in cash, the companies announced Monday."
    assert time.compare(_claim_pair(text_a, "on Thursday", told, "Monday")).relation == "contradict"
    # Only a name shared: the Tekna board may have said anything on Monday.
    untold = "Tekna agreed to buy Lumo for around $6.8 billion in cash, the Tekna board said Monday."
    assert time.compare(_claim_pair(text_a, "on Thursday", untold, "Monday")) is None


def test_one_weekday_agrees_however_it_was_resolved():
    # "Saturday's semifinal" in a Friday's article was resolved to the last Saturday; the
    # Saturday of the next day's article is the coming one. The texts say one day.
    pair = _claim_pair("In Saturday's semifinal, the Owls face the Hawks at the arena.", "Saturday's",
                       "The Owls meet the Hawks in the semifinal Saturday afternoon at the arena.", "Saturday afternoon",
                       date(2013, 5, 3), date(2013, 5, 4))
    assert pair.left.value_key != pair.right.value_key
    assert time.compare(pair).relation == "agree"


def test_a_planned_happening_of_one_story_has_one_date():
    # Neither leads its article, where the lead rule would link them.
    text_a = ("The council met on February 26, 2024 in the capital to hear the parties.\n"
              "Municipal elections in Nordland, planned for June 9, 2024, will use paper ballots.")
    text_b = ("The council met on March 4, 2024 in the capital to draw the wards.\n"
              "The election of Nordland's municipal councils, now scheduled for June 19, 2024, needs new wards.")
    verdict = time.compare(_claim_pair(text_a, "June 9, 2024", text_b, "June 19, 2024"))
    assert verdict.relation == "contradict" and "planned" in verdict.explanation
    # A step towards the happening shares one word with it, not two.
    step = "Officials expect the campaign for this vote to open on April 5, 2024."
    assert time.compare(_claim_pair(text_a, "June 9, 2024", step, "April 5, 2024")) is None


def test_a_root_meets_its_derivations():
    pair = _claim_pair("Parliamentary elections in Nordland opened on May 3.", "May 3",
                       "Elections for the Nordland parliament opened May 13.", "May 13")
    assert {"election", "parliament", "nordland"} <= time._shared(pair.left, pair.right)
    assert {"election", "parliament", "nordland"} <= time._shared(pair.right, pair.left)
    pair = _claim_pair("The organ recital opened on May 3.", "May 3", "The organisers opened on May 13.", "May 13")
    assert "organ" not in time._shared(pair.left, pair.right)


def test_derivations_are_found_whatever_order_sets_are_walked_in():
    # Each chain gives its shortest and longest word to one side, the middle one to the other: a
    # root found early must not hide a later pair (which it did in some string hash orders).
    chains = [("nation", "national", "nationalist"), ("person", "personal", "personality"),
              ("origin", "original", "originality"), ("profess", "profession", "professional")]
    ends = {w for short, _, long in chains for w in (short, long)}
    middles = {middle for _, middle, _ in chains}
    expected = {w for short, middle, _ in chains for w in (short, middle)}
    assert time._shared_words(ends, middles) == expected
    assert time._shared_words(middles, ends) == expected


def test_times_that_name_one_thing_date_it():
    # Worded differently, but both times are the attribute of one boat collision case.
    pair = _claim_pair("She agreed to a settlement over her June 2010 boat collision case.", "June 2010",
                       "The judge ordered the community service under a sentence for a 2012 boat collision case.", "2012")
    verdict = time.compare(pair)
    assert verdict.relation == "contradict" and "Names one thing" in verdict.explanation
    # One noun alone is not one thing: a team plays many games.
    pair = _claim_pair("The Owls lost Sunday's game at home.", "Sunday's",
                       "The Owls rested before Thursday's game.", "Thursday's", PUBLISHED, PUBLISHED)
    assert time.compare(pair) is None


def test_a_short_clause_retold_in_the_other_sentence_dates_one_past_event():
    text_a = "Vance became notorious when he fled the courthouse during his trial on March 11, 2005."
    text_b = "Mr. Vance fled on March 21, 2005 while guards took him to his trial."
    verdict = time.compare(_claim_pair(text_a, "March 11, 2005", text_b, "March 21, 2005"))
    assert verdict.relation == "contradict" and "retold" in verdict.explanation
    # Without the year, a date may be of another year's event.
    assert time.compare(_claim_pair(text_a.replace(", 2005", ""), "March 11", text_b.replace(", 2005", ""),
                                    "March 21", PUBLISHED, PUBLISHED)) is None


def test_a_pronoun_that_opens_a_sentence_is_whom_the_title_names():
    text_a = "Ada Brun\nShe taught botany in Aarhus for twenty years. She died in Lisbon in 1972."
    text_b = "Ada Brun\nAda Brun died on 3 May 1971 in Porto, aged 70."
    pair = _claim_pair(text_a, "in 1972", text_b, "3 May 1971")
    verdict = time.compare(pair)
    assert verdict.relation == "contradict" and "once" in verdict.explanation
    # Under another title the pronoun may be anyone.
    other = _claim_pair(text_a.replace("Ada Brun", "Harbour botany", 1), "in 1972", text_b, "3 May 1971")
    assert time.compare(other) is None


def test_a_coming_happening_told_with_will_or_due_is_planned():
    # "will" is no event word, so the clause alone does not tell that it looks ahead.
    # Neither leads its article, where the lead rule would link them.
    text_a = ("The Harwick Opera House reopened on May 2 after two years of repairs.\n"
              "Mira Holt, back from her long tour, will sing at Saturday's gala concert in the hall.")
    text_b = ("Tickets sold out within an hour on Monday, the box office said.\n"
              "The gala concert, where the soprano Mira Holt sings three arias, is due on Thursday.")
    verdict = time.compare(_claim_pair(text_a, "Saturday's", text_b, "on Thursday"))
    assert verdict.relation == "contradict" and "planned" in verdict.explanation
    # Told of as past, the concert may be another one.
    past = text_b.replace("sings three arias, is due", "sang three arias, was held")
    assert time.compare(_claim_pair(text_a, "Saturday's", past, "on Thursday")) is None


def test_one_hour_of_the_day_beside_shared_happenings_tells_one_moment():
    # Neither leads its article, where the lead rule would link them.
    text_a = ("Coastguards towed two fishing boats back to Kelmar harbour on Sunday.\n"
              "With 80 passengers aboard, the morning ferry ran aground on a sandbank near the lighthouse "
              "at 7.15am on Monday.")
    text_b = ("The ferry line cancelled its crossings on Friday until the hull is checked.\n"
              "The ferry went aground beside the old pier at about 8am on Thursday in thick fog.")
    verdict = time.compare(_claim_pair(text_a, "on Monday", text_b, "on Thursday"))
    assert verdict.relation == "contradict" and "hour" in verdict.explanation
    # Hours apart, they may be two groundings.
    evening = text_b.replace("8am", "6pm")
    assert time.compare(_claim_pair(text_a, "on Monday", evening, "on Thursday")) is None
    # The clock's "am" is no happening: the ferry alone is too little.
    vague = text_b.replace("went aground", "sailed")
    assert time.compare(_claim_pair(text_a, "on Monday", vague, "on Thursday")) is None


MUSEUM_A = ("The town bought the old mill in 2019.\n"
            "Crowds filled the old mill for the June 19 founding of the Lena Kors Museum, its director said.")
MUSEUM_B = ("Her heirs gave the town her letters in 2021.\n"
            "The Lena Kors Museum opened its doors on June 9 in the old mill, and it was founded "
            "with her letters.")


def test_a_founding_of_one_full_name_told_beside_the_clause_happens_once():
    verdict = time.compare(_claim_pair(MUSEUM_A, "June 19", MUSEUM_B, "June 9"))
    assert verdict.relation == "contradict" and "once" in verdict.explanation
    # Articles of two stories may tell of two openings.
    pair = _claim_pair(MUSEUM_A, "June 19", MUSEUM_B, "June 9")
    assert time.compare(Pair(pair.left, pair.right, pair.left_doc, pair.right_doc, False)) is None
    # Without the founding in the other sentence, the opening's date may be of another happening.
    shut = MUSEUM_B.replace("it was founded with", "it showed")
    assert time.compare(_claim_pair(MUSEUM_A, "June 19", shut, "June 9")) is None
    # A founding told as what the time follows dates another happening.
    tours = "Tours of the Lena Kors Museum began in the old mill on June 20, a day after it was founded."
    assert time.compare(_claim_pair(MUSEUM_A, "June 19", tours, "June 20")) is None


@pytest.mark.parametrize("text_a, surface_a, text_b, surface_b", [
    # Only the place is shared: two foundings in one town.
    ("The March 14 founding of a choir in Lakeport, Ohio, pleased the mayor.", "March 14",
     "A chess club met in Lakeport, Ohio on March 2 and was founded that evening.", "March 2"),
    # Two names share words, yet neither is the other: "Ivo Brandt", "Brandt Lane", "Nell Brandt".
    ("The March 14 founding of the Ivo Brandt bakery pleased the mayor.", "March 14",
     "Nell Brandt opened a tea room on March 4 in Ivo Lane, and it was founded with her savings.", "March 4"),
])
def test_a_founding_needs_one_full_name_in_both_clauses(text_a, surface_a, text_b, surface_b):
    assert time.compare(_claim_pair(text_a, surface_a, text_b, surface_b)) is None


@pytest.mark.parametrize("text", [
    "The bridge opened on 2019-05-06 downtown.",
    "The vote on MAY 5th, 2019 was close.",
    "She was born on the 5th of May 1950 in a mill town.",
    "Sales fell in March, 2020 across the region.",
    "The mill closed in early 1998 after a strike.",
    "The 2012 collapse cost many jobs.",
    "They met LAST FRIDAY night at the port.",
    "He left Yesterday without a word.",
    "The dam was finished about three years ago.",
    "Crowds marked the 10-year anniversary of the flood.",
])
def test_gates_and_triggers_let_every_match_through(text):
    """A sentence is searched for a pattern only when the pattern's gate and trigger hold in it,
    and a pattern that searches the lowered sentence finds what its re.I form finds as written."""
    low = lowered(text)
    matched = 0
    for gate, run in time._searches():
        for kind, pattern, trigger, blind in run:
            spans = [m.span() for m in time._patterns()[kind].finditer(text)]
            if spans:
                matched += 1
                assert gate.search(low) and trigger.search(low), kind
            if blind:
                assert [m.span() for m in pattern.finditer(low)] == spans, kind
    assert matched
