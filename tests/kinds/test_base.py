"""The helpers kinds share to go fast: each must give what the slow way gives."""
from __future__ import annotations

import re

import pytest

from consistency.extract import extract
from consistency.kinds import quantity
from consistency.kinds.base import any_of, by_first_letter, case_blind, claims_of, lowered, remember, sentence_words
from consistency.text import words
from tests.kinds.conftest import make_doc

TEXTS = [
    "The Mayor of Ashford said on MONDAY that Spokesman Lee had resigned.",
    "A KING and a \u212aing: the Kelvin sign folds to k, and \u0130stanbul keeps its length.",
    "mid-2012, U.S.-backed talks; 3.5 percent; o'clock",
]


@pytest.mark.parametrize("text", TEXTS)
def test_lowered_keeps_offsets(text):
    assert len(lowered(text)) == len(text)


@pytest.mark.parametrize("text", TEXTS)
def test_case_blind_matches_where_the_pattern_does(text):
    pattern = re.compile(r"\b(?:mayor|king|spokesman|monday|istanbul)(?:\s+of)?\b", re.I)
    assert [m.span() for m in case_blind(pattern).finditer(lowered(text))] == \
        [m.span() for m in pattern.finditer(text)]


def test_case_blind_refuses_upper_case():
    with pytest.raises(ValueError):
        case_blind(re.compile(r"\bMayor\b", re.I))


def test_by_first_letter_keeps_the_choice_of_alternative():
    # Longest first: "secretary of state" wins over "secretary", whose group it shares.
    alternatives = [re.escape(a).replace(r"\ ", r"\s+") for a in ("secretary of state", "spokesman", "secretary", "mayor")]
    plain = re.compile(rf"\b(?:{'|'.join(alternatives)})\b")
    grouped = re.compile(rf"\b(?:{by_first_letter(alternatives)})\b")
    text = "the secretary of state met the secretary, the mayor and a spokesman"
    assert [m.group() for m in grouped.finditer(text)] == [m.group() for m in plain.finditer(text)] == \
        ["secretary of state", "secretary", "mayor", "spokesman"]


def test_by_first_letter_leaves_what_it_cannot_group():
    assert by_first_letter(["\\$", "dollar"]) == "\\$|dollar"
    assert by_first_letter(["dollar", "Euro"]) == "dollar|Euro"
    assert by_first_letter(["dollar", "day"]) == "d(?:ollar|ay)"


def test_any_of_finds_any_string():
    assert any_of(["in ", "near "]).search("near Paris")
    assert any_of(["$", "€"]).search("cost €5")
    assert not any_of(["in ", "near "]).search("Paris")


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_words_are_words(text):
    assert sentence_words(text) == tuple(w for w, _, _ in words(text))


def test_claims_of_reads_what_extraction_remembered_and_extracts_what_it_did_not():
    doc = make_doc("Rescuers found 12 survivors and 3 dogs on Monday, 40 miles from Dover.")
    fresh = claims_of(doc, "quantity", quantity.extract)
    assert [c.evidence for c in fresh] == sorted((c.evidence for c in quantity.extract(doc)), key=doc.article.text.index)
    kept = [c for c in extract(doc) if c.kind != "quantity" or c.evidence != "3 dogs"]
    remember(doc, kept)
    assert "3 dogs" not in [c.evidence for c in claims_of(doc, "quantity", quantity.extract)]
    assert claims_of(doc, "quote", quantity.extract) == ()
