"""consistency.entities: comparable name keys, corpus-wide alias resolution, title stripping."""
from __future__ import annotations

import pytest

from consistency.entities import base, key, resolve, strip_titles

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


@pytest.mark.parametrize("name_key, expected", [
    ("dr. amara okafor", "amara okafor"),
    ("ms okafor", "okafor"),
    ("sir tobias venn", "tobias venn"),
    ("norvale corp.", "norvale"),
    ("norvale shipping co", "norvale shipping"),
    ("henry abbot jr.", "henry abbot"),
    ("harbor holdings inc,", "harbor holdings"),
    # Nothing but an honorific or a suffix: a name of its own.
    ("dr.", "dr."),
    ("inc", "inc"),
    ("amara okafor", "amara okafor"),
])
def test_base_drops_honorifics_and_suffixes(name_key, expected):
    assert base(name_key) == expected


# Mentions of one corpus -> the canonical key each name must resolve to.
ALIASES = [
    pytest.param({"kestrel works": 2, "kestrelworks": 5},
                 {"kestrel works": "kestrelworks", "kestrelworks": "kestrelworks"}, id="joined-and-split"),
    pytest.param({"lucia della rovere": 3, "lucia dellarovere": 1, "della rovere": 2, "dellarovere": 1},
                 {"lucia dellarovere": "lucia della rovere", "dellarovere": "della rovere"},
                 id="joined-surname"),
    pytest.param({"o'hara": 2, "ohara": 1}, {"ohara": "o'hara"}, id="apostrophe"),
    pytest.param({"dr. amara okafor": 1, "amara okafor": 3, "ms. okafor": 2, "okafor": 4},
                 {"dr. amara okafor": "amara okafor", "ms. okafor": "amara okafor", "okafor": "amara okafor"},
                 id="honorifics"),
    pytest.param({"norvale corp.": 1, "norvale": 6, "henry abbot jr.": 1, "henry abbot": 2},
                 {"norvale corp.": "norvale", "henry abbot jr.": "henry abbot"}, id="suffixes"),
    pytest.param({"nfu": 6, "northern fishing union": 2},
                 {"nfu": "northern fishing union"}, id="acronym"),
    pytest.param({"bfa": 3, "b.f.a.": 1, "bureau of forest affairs": 1},
                 {"bfa": "bureau of forest affairs", "b.f.a.": "bureau of forest affairs"},
                 id="acronym-skips-of-and-dots"),
    pytest.param({"kpfd": 9, "kellan park fire department": 1, "kellan park": 4},
                 {"kpfd": "kellan park fire department", "kellan park": "kellan park"},
                 id="acronym-of-a-rarely-named-body"),
    pytest.param({"nfu": 6, "northern fishing union": 1, "northern fishing union inc": 1},
                 {"nfu": "northern fishing union", "northern fishing union inc": "northern fishing union"},
                 id="acronym-of-two-spellings-of-one-name"),
    # Hard negatives.
    pytest.param({"pca": 4, "pacific cargo alliance": 2, "public credit agency": 1},
                 {"pca": "pca"}, id="acronym-of-two-names"),
    pytest.param({"she": 5, "southern harbor energy": 2, "one": 3, "orlan navy exchange": 1},
                 {"she": "she", "one": "one"}, id="common-word-is-no-acronym"),
    pytest.param({"nfu": 6, "national farmers": 2}, {"nfu": "nfu"}, id="initials-must-be-complete"),
    pytest.param({"lee": 3, "robert lee": 2, "lake erie echo": 1},
                 {"lee": "lee"}, id="surname-and-acronym-disagree"),
    pytest.param({"john okafor": 2, "amara okafor": 2, "okafor": 5},
                 {"okafor": "okafor", "john okafor": "john okafor", "amara okafor": "amara okafor"},
                 id="two-people-one-surname"),
    pytest.param({"dr. john okafor": 2, "amara okafor": 2, "okafor": 5},
                 {"okafor": "okafor", "dr. john okafor": "john okafor"},
                 id="two-people-one-surname-honorific"),
    pytest.param({"norvale": 60, "expands norvale": 1, "norvale harbour": 2},
                 {"norvale": "norvale"}, id="much-more-named-alone-than-in-full"),
    pytest.param({"tyler": 4, "can tyler": 1, "nine hawks": 1, "hawks": 3},
                 {"tyler": "tyler", "hawks": "hawks"}, id="a-stopword-or-number-is-no-given-name"),
]


@pytest.mark.parametrize("mentions, expected", ALIASES)
def test_aliases_of_a_corpus(mentions, expected):
    table = resolve(mentions)
    assert {k: table[k] for k in expected} == expected


def test_user_alias_wins_over_an_acronym():
    table = resolve({"nfu": 6, "northern fishing union": 2}, {"NFU": "National Ferry Union"})
    assert table["nfu"] == "national ferry union"


def test_strip_titles_keeps_the_words_after_the_last_title_word():
    assert strip_titles("Russian President Vladimir Putin", TITLES) == "Vladimir Putin"
    assert strip_titles("former U.S. President Donald Trump", TITLES) == "Donald Trump"
    assert strip_titles("Kremlin’s spokesman Dmitry Peskov", TITLES) == "Dmitry Peskov"
    assert strip_titles("Dmitry Peskov", TITLES) == "Dmitry Peskov"


def test_strip_titles_of_a_bare_title_is_empty():
    assert strip_titles("President", TITLES) == ""
