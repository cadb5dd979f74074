"""Role claims: the three ways news names a title, normalized, and what makes two disagree."""
from __future__ import annotations

from datetime import date

import pytest

from consistency.kinds import role
from tests.kinds.conftest import make_doc, make_pair

CASES = [
    # text, expected (surface, person, head, rank, status, country)
    ("Over the weekend, former U.S. President Donald Trump said he had spoken to him.",
     [("former U.S. President Donald Trump", "Donald Trump", "president", "", "former", "united states")]),
    ("Kremlin spokesman Dmitry Peskov neither confirmed nor denied it.",
     [("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "spokesperson", "", "current", "russia")]),
    ("The Kremlin’s spokesman, Dmitry Peskov, was pressed by reporters.",
     [("Kremlin’s spokesman, Dmitry Peskov", "Dmitry Peskov", "spokesperson", "", "current", "russia")]),
    ("Moscow’s Deputy Foreign Minister, Sergei Ryabkov, stated that talks were possible.",
     [("Moscow’s Deputy Foreign Minister, Sergei Ryabkov", "Sergei Ryabkov", "foreign minister", "deputy",
       "current", "russia")]),
    ("Mykhailo Podolyak, a senior adviser to Ukrainian President Volodymyr Zelensky, dismissed it.",
     [("Mykhailo Podolyak, a senior adviser", "Mykhailo Podolyak", "adviser", "", "current", "ukraine"),
      ("Ukrainian President Volodymyr Zelensky", "Volodymyr Zelensky", "president", "", "current", "ukraine")]),
    ("Trump, the presumptive Republican nominee, may have engaged in diplomacy.",
     [("Trump, the presumptive Republican nominee", "Trump", "nominee", "", "presumptive", "")]),
    ("Meanwhile, Trump’s special envoy, Keith Kellogg, revealed a plan.",
     [("Trump’s special envoy, Keith Kellogg", "Keith Kellogg", "envoy", "", "current", "")]),
    # Abbreviated titles are spelled out.
    ("The church, where former Gov. Jane Doe and her family worship, burned.",
     [("former Gov. Jane Doe", "Jane Doe", "governor", "", "former", "")]),
    ("A fire damaged the church of Ohio Gov. Jane Doe on Friday.",
     [("Ohio Gov. Jane Doe", "Jane Doe", "governor", "", "current", "")]),
    ("Sen. John Roe voted against the bill.", [("Sen. John Roe", "John Roe", "senator", "", "current", "")]),
    # With a possessive pronoun, "former" dates the relation to that person, not the title.
    ("She rehired her former attorney John Roe, who had defended her before.",
     [("former attorney John Roe", "John Roe", "attorney", "", "then", "")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extracts_roles(text, expected):
    claims = role.extract(make_doc(text))
    got = [(c.evidence, c.subject, c.value.head, c.value.rank, c.value.status, c.value.country) for c in claims]
    assert got == expected
    for c in claims:
        assert text[c.span.start:c.span.end] == c.evidence


@pytest.mark.parametrize("text", [
    "The president said on Monday that the talks would go on.",       # no name follows
    "However, a senior U.S. official, speaking on condition of anonymity, said so.",
    "He served under President Bill Clinton for years.",                # preposition, not a rank
])
def test_no_role_without_a_named_person_or_with_a_preposition(text):
    claims = role.extract(make_doc(text))
    assert all(c.value.rank == "" for c in claims)
    assert all(c.subject.lower() not in ("however", "the president") for c in claims)


def _pair(*texts, **options):
    return make_pair(role, *texts, **options)


@pytest.mark.parametrize("text_a, text_b, relation", [
    ("Former Governor Jane Doe spoke at the rally.", "Governor Jane Doe spoke at the rally.", "contradict"),
    ("Deputy Foreign Minister Sergei Ryabkov spoke.", "Foreign Minister Sergei Ryabkov spoke.", "contradict"),
    ("Russian President Vladimir Putin spoke.", "Ukrainian President Vladimir Putin spoke.", "contradict"),
    ("Jane Doe, a senior adviser to the mayor, spoke.", "Jane Doe, an adviser to the mayor, spoke.", "agree"),
    ("Then-President Bill Clinton signed it.", "Former President Bill Clinton signed it.", "agree"),
    ("Kremlin spokesman Dmitry Peskov spoke.", "Kremlin spokeswoman Dmitry Peskov spoke.", "agree"),
    ("Former Gov. Jane Doe spoke at the rally.", "Governor Jane Doe spoke at the rally.", "contradict"),
    ("She rehired her former attorney John Roe.", "Her attorney, John Roe, spoke to reporters.", "agree"),
    ("Former attorney John Roe spoke to reporters.", "Her attorney, John Roe, spoke to reporters.", "contradict"),
])
def test_compare_roles(text_a, text_b, relation):
    verdict = role.compare(_pair(text_a, text_b))
    assert verdict.relation == relation


def test_roles_from_articles_dated_far_apart_are_not_compared():
    pair = _pair("Former Governor Jane Doe spoke.", "Governor Jane Doe spoke.", date(2010, 1, 1), date(2013, 1, 1))
    assert role.compare(pair) is None


@pytest.mark.parametrize("name_a, name_b", [
    ("Judge Ann DelMonte", "Judge Ann Del Monte"),
    ("Judge Jean-Luc Roe", "Judge Jean Luc Roe"),
])
def test_names_spelled_with_or_without_inner_spaces_share_a_block(name_a, name_b):
    (a,), (b,) = (role.extract(make_doc(f"{name} adjourned the trial.")) for name in (name_a, name_b))
    assert a.subject != b.subject
    assert list(role.block_keys(a)) == list(role.block_keys(b))


def test_different_people_do_not_share_a_block():
    (a,), (b,) = (role.extract(make_doc(f"Judge {name} adjourned the trial.")) for name in ("Ann Roe", "Ann Rowe"))
    assert list(role.block_keys(a)) != list(role.block_keys(b))
