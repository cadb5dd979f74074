"""consistency.entities: comparable name keys, corpus-wide alias resolution, title stripping."""
from __future__ import annotations

import pytest

from consistency.entities import key, resolve, strip_titles

TITLES = frozenset(["russian", "president", "kremlin", "spokesman", "former", "u.s."])


@pytest.mark.parametrize("surface, expected", [
    ("Putin", "putin"),
    ("Trump’s", "trump"),
    ("Trump's", "trump"),
    ("Jones'", "jones"),
    ("The Kremlin", "kremlin"),
    ("the  White House", "white house"),
    ("  Vladimir   Putin ", "vladimir putin"),
    ("Theresa May", "theresa may"),
    ("O’Neill", "o'neill"),
])
def test_key(surface, expected):
    assert key(surface) == expected


def test_key_is_idempotent():
    for surface in ("The Kremlin’s", "Russian President Vladimir Putin", "Trump's"):
        assert key(key(surface)) == key(surface)


def test_surname_resolves_to_the_only_full_name():
    table = resolve({"vladimir putin": 2, "putin": 5, "dmitry peskov": 1, "peskov": 3})
    assert table["putin"] == "vladimir putin"
    assert table["peskov"] == "dmitry peskov"
    assert table["vladimir putin"] == "vladimir putin"


def test_first_name_resolves_when_no_surname_fits():
    assert resolve({"vladimir putin": 1, "vladimir": 1})["vladimir"] == "vladimir putin"


def test_ambiguous_surname_picks_the_clearly_most_mentioned_full_name():
    # A headline's "Can Trump" is a full name to the regex, but mentioned once.
    table = resolve({"donald trump": 4, "can trump": 1, "trump": 9})
    assert table["trump"] == "donald trump"
    assert table["can trump"] == "can trump"


def test_ambiguous_surname_stays_itself_on_a_tie():
    table = resolve({"john smith": 2, "jane smith": 2, "smith": 3})
    assert table["smith"] == "smith"
    assert table["john smith"] == "john smith"


def test_a_name_with_no_longer_form_stays_itself():
    assert resolve({"kremlin": 3, "peskov": 1}) == {"kremlin": "kremlin", "peskov": "peskov"}


def test_user_aliases_win_over_the_corpus():
    mentions = {"john smith": 2, "jane smith": 2, "smith": 3, "donald trump": 4, "trump": 1}
    table = resolve(mentions, {"Smith": "Jane Smith", "The Donald": "Donald Trump", "Trump": "Trump"})
    assert table["smith"] == "jane smith"
    assert table["donald"] == "donald trump"
    # The alias says "trump" is its own entity, though the corpus would map it to Donald Trump.
    assert table["trump"] == "trump"


def test_resolve_covers_every_key_and_is_order_independent():
    mentions = {"vladimir putin": 2, "putin": 5, "donald trump": 4, "trump": 6, "kremlin": 1}
    table = resolve(mentions)
    assert set(table) == set(mentions)
    assert resolve(dict(reversed(list(mentions.items())))) == table


def test_strip_titles_keeps_the_words_after_the_last_title_word():
    assert strip_titles("Russian President Vladimir Putin", TITLES) == "Vladimir Putin"
    assert strip_titles("former U.S. President Donald Trump", TITLES) == "Donald Trump"
    assert strip_titles("Kremlin’s spokesman Dmitry Peskov", TITLES) == "Dmitry Peskov"
    assert strip_titles("Dmitry Peskov", TITLES) == "Dmitry Peskov"


def test_strip_titles_of_a_bare_title_is_empty():
    assert strip_titles("President", TITLES) == ""
