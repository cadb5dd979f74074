"""Statements with polarity: who confirmed, denied or commented, and who did not."""
from __future__ import annotations

import pytest

from consistency import lang
from consistency.kinds import statement
from consistency.kinds.base import lowered
from tests.kinds.conftest import make_doc, make_pair

CASES = [
    # text, expected (surface, subject, predicate, positive)
    ("Kremlin spokesman Dmitry Peskov neither confirmed nor denied whether such a conversation had taken place.",
     [("Dmitry Peskov neither confirmed nor denied whether such a conversation had taken place",
       "Dmitry Peskov", "confirm", False),
      ("Dmitry Peskov neither confirmed nor denied whether such a conversation had taken place",
       "Dmitry Peskov", "deny", False)]),
    ("As speculation mounts, all eyes are on Trump, who has not yet publicly commented on whether he spoke with Putin.",
     [("Trump, who has not yet publicly commented on whether he spoke with Putin", "Trump", "comment", False)]),
    ("Over the weekend, Trump suggested that he had spoken directly with Vladimir Putin about the conflict.",
     [("Trump suggested that he had spoken directly with Vladimir Putin about the conflict", "Trump", "comment",
       True)]),
    ("The Kremlin on Monday declined to confirm or deny whether Vladimir Putin had spoken with Trump.",
     [("Kremlin on Monday declined to confirm or deny whether Vladimir Putin had spoken with Trump",
       "Kremlin", "confirm", False),
      ("Kremlin on Monday declined to confirm or deny whether Vladimir Putin had spoken with Trump",
       "Kremlin", "deny", False)]),
    ("The Interior Ministry confirmed that two soldiers had been killed near the border.",
     [("Interior Ministry confirmed that two soldiers had been killed near the border", "Interior Ministry",
       "confirm", True)]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extracts_statements(text, expected):
    claims = statement.extract(make_doc(text))
    got = [(c.evidence, c.subject, c.value.predicate, c.value.positive) for c in claims]
    assert got == expected
    for c in claims:
        assert text[c.span.start:c.span.end] == c.evidence


def test_quote_is_attributed_to_its_speaker():
    text = ("Reporters asked whether Putin and Trump had spoken by phone.\n"
            "“I cannot confirm this, nor can I deny it,” Peskov stated.")
    claims = [c for c in statement.extract(make_doc(text)) if c.value.predicate in ("confirm", "deny")]
    assert {(c.subject, c.value.predicate, c.value.positive) for c in claims} == {
        ("Peskov", "confirm", False), ("Peskov", "deny", False)}
    assert {"putin", "trump"} <= set(claims[0].context)


@pytest.mark.parametrize("text", [
    "The United States imposed new sanctions on Monday.",   # "States" is a name, not a verb
    "Trump Hints at Private Talks",                         # headline capitals
])
def test_capitalised_words_are_not_verbs(text):
    assert statement.extract(make_doc(text)) == []


def _pair(*texts, **options):
    return make_pair(statement, *texts, **options)


def test_commented_vs_not_commented_on_the_same_topic_contradicts():
    verdict = statement.compare(_pair(
        "Trump suggested that he had spoken directly with Vladimir Putin about the conflict.",
        "Trump has not yet publicly commented on whether he spoke with Putin."))
    assert verdict.relation == "contradict"
    assert "did not comment" in verdict.explanation


def test_confirmed_vs_denied_contradicts_and_same_polarity_agrees():
    confirm = "The Interior Ministry confirmed that two soldiers had been killed near the border."
    deny = "The Interior Ministry denied that two soldiers had been killed near the border."
    assert statement.compare(_pair(confirm, deny)).relation == "contradict"
    assert statement.compare(_pair(confirm, confirm)).relation == "agree"


def test_different_topics_are_not_compared():
    pair = _pair("The Interior Ministry confirmed that two soldiers had been killed near the border.",
                 "The Interior Ministry declined to comment on the new budget proposal for schools.")
    assert statement.compare(pair) is None


@pytest.mark.parametrize("text, about", [
    ("Jane Doe would not say what the singer was being treated for.", ("treat",)),
    ("Jane Doe said on Friday that the singer went to a clinic.", ("go",)),
    ("Jane Doe declined to comment on the new budget proposal for schools.", ()),
])
def test_a_statement_keeps_the_verbs_of_what_was_said(text, about):
    (claim,) = statement.extract(make_doc(text))
    assert claim.value.about == about


def test_same_people_but_a_different_happening_are_not_compared():
    pair = _pair("Jane Doe would not say why the Harbor Lights actor had left the tour early.",
                 "Jane Doe said Friday that the Harbor Lights actor went to a clinic.")
    assert {"harbor lights", "actor"} <= set(pair.left.context) & set(pair.right.context)
    assert statement.compare(pair) is None


def test_same_people_and_the_same_happening_still_contradict():
    verdict = statement.compare(_pair(
        "Jane Doe would not say whether the Harbor Lights actor was treated at a clinic.",
        "Jane Doe said the Harbor Lights actor was treated at a clinic in Ohio."))
    assert verdict.relation == "contradict"


def test_every_verb_form_passes_the_first_search():
    """A sentence without any verb form of the patterns is skipped: none may be missing there."""
    data = lang.load("statements")
    forms = {form for table in ("predicates", "negatable") for forms in data[table].values() for form in forms}
    for form in forms:
        assert statement._may_state().search(lowered(f"They {form.upper().replace(' ', '  ')} it.")), form
    assert not statement._may_state().search(lowered("The bridge opened on time."))
