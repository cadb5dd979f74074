"""Quotes and who said them: “I cannot confirm this, nor can I deny it,” Peskov stated.

Two outlets quoting one sentence should agree on its words and its speaker. A near-identical quote
whose numbers or names differ is a changed fact; the same words given to two different speakers is
a misattribution. Quotes are blocked by their longest words and scored with rapidfuzz.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz

from consistency import entities
from consistency.kinds.base import Doc, Kind, Pair
from consistency.kinds.statement import speaker_of
from consistency.model import Claim, Verdict
from consistency.text import content_words

NAME = "quote"
_QUOTE = re.compile(r"[“\"]([^”\"]{20,600})[”\"]")
# Quotes this alike (rapidfuzz ratio on normalized words) are one quote.
SAME_QUOTE = 85
IDENTICAL_WORDING = 97


@dataclass(frozen=True)
class Quote:
    words: str  # lower case, punctuation dropped: what is compared

    def key(self) -> str:
        return self.words


def _normalize(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower().replace("’", "'")))


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    text = doc.article.text
    for sent in doc.sentences:
        for m in _QUOTE.finditer(sent.text):
            speaker = speaker_of(sent.text, m.start(), m.end())
            if speaker is None:
                continue
            name, name_start, name_end = speaker
            words = _normalize(m.group(1))
            longest = sorted(set(content_words(m.group(1))), key=lambda w: (-len(w), w))[:4]
            if len(words.split()) < 4 or not longest:
                continue
            value = Quote(words)
            claims.append(doc.claim(
                NAME, subject=name, attribute="quote", value=value, value_key=value.key(),
                start=sent.start + min(m.start(), name_start), end=sent.start + max(m.end(), name_end),
                display=f"{name}: “{m.group(1).strip()}”", context=tuple(longest)))
    return claims


def block_keys(claim: Claim) -> Iterable[str]:
    return claim.context


def _changed_facts(a: str, b: str) -> tuple[set[str], set[str]]:
    """Numbers only one side has: a changed figure in otherwise the same words."""
    wa, wb = set(a.split()), set(b.split())
    return {w for w in wa - wb if w[0].isdigit()}, {w for w in wb - wa if w[0].isdigit()}


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    similarity = fuzz.ratio(a.words, b.words)
    if similarity < SAME_QUOTE:
        return None
    same_speaker = pair.left.subject == pair.right.subject or \
        entities.key(pair.left.subject).split()[-1] == entities.key(pair.right.subject).split()[-1]
    if not same_speaker and similarity >= IDENTICAL_WORDING:
        return Verdict("contradict", f"the same words ({similarity:.0f}% alike) are attributed to "
                                     f"{pair.left.subject} and to {pair.right.subject}.")
    if same_speaker:
        only_left, only_right = _changed_facts(a.words, b.words)
        if only_left and only_right:
            return Verdict("contradict", f"{pair.left.subject} is quoted with {', '.join(sorted(only_left))} "
                                         f"in one article and {', '.join(sorted(only_right))} in the other, "
                                         f"in otherwise alike words ({similarity:.0f}%).")
        return Verdict("agree", f"{pair.left.subject} is quoted alike ({similarity:.0f}%).")
    return None


KIND = Kind(NAME, "A quote is changed between outlets (a number in it differs) or given to another speaker.",
            extract, block_keys, compare, entity_subject=True)
