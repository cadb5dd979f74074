"""What a claim kind is: an extractor, a normalizer and a comparator behind one small interface.

A kind reads a `Doc` (one article with its shallow analysis) and returns claims; the matcher
groups claims by the kind's block keys; the comparator decides agree or contradict for a pair
and says why in plain words. Register a new kind in `consistency/kinds/__init__.py`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, wraps
from typing import Callable, Iterable, TypeVar

from rapidfuzz import fuzz

from consistency.model import Article, Claim, Span, Verdict
from consistency.text import WORD, Sentence, folded


@dataclass(frozen=True)
class Doc:
    """An article ready for extraction: sentences computed once, the reference date resolved."""

    article: Article
    sentences: tuple[Sentence, ...]
    reference: date | None
    reference_source: str  # "metadata", "dateline" or "unknown"

    def claim(self, kind: str, subject: str, attribute: str, value: object, value_key: object,
              start: int, end: int, display: str, context: Iterable[str] = (),
              hedges: Iterable[str] = ()) -> Claim:
        return Claim(kind=kind, article_id=self.article.id, subject=subject, attribute=attribute,
                     value=value, value_key=value_key, span=Span(self.article.id, start, end),
                     evidence=self.article.text[start:end], display=display,
                     hedges=tuple(hedges), context=tuple(context))


@dataclass(frozen=True)
class Pair:
    """Two claims to compare, with what the comparator may need to know about their articles."""

    left: Claim
    right: Claim
    left_doc: Doc
    right_doc: Doc
    same_story: bool
    shared_entities: tuple[str, ...] = field(default=())

    def sentence_similarity(self) -> float:
        """rapidfuzz token-set similarity (0-100) of the two claims' sentences: outlets that report
        one fact tend to reuse its sentence's words; two facts of one story rarely do."""
        return fuzz.token_set_ratio(sentence_of(self.left_doc, self.left), sentence_of(self.right_doc, self.right))


def sentence_of(doc: Doc, claim: Claim) -> str:
    return sentence_and_start(doc, claim)[0]


def sentence_and_start(doc: Doc, claim: Claim) -> tuple[str, int]:
    """The sentence a claim starts in and its offset (the evidence itself when it starts in none)."""
    i = bisect_right(_starts(doc), claim.span.start) - 1
    return (doc.sentences[i].text, doc.sentences[i].start) if i >= 0 else (claim.evidence, claim.span.start)


@lru_cache(maxsize=1 << 14)
def lowered(sentence: str) -> str:
    """`folded(sentence)`, once for all kinds: a lower-case pattern run on it without re.I matches
    where the same pattern with re.I matches on the sentence (`folded` keeps every offset)."""
    return folded(sentence)


@lru_cache(maxsize=1 << 14)
def sentence_words(sentence: str) -> tuple[str, ...]:
    """The words of a sentence (`words` without offsets), once: comparators ask pair after pair."""
    return tuple(WORD.findall(sentence))


def case_blind(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A re.I pattern written in lower case, compiled without re.I to search `lowered(text)`: it
    matches there wherever the pattern matches in the text (and where a part that turns re.I off
    outside a negative lookaround would not), several times faster: it tells which sentences to skip."""
    if any(c.isupper() for c in re.sub(r"\\.|\(\?P<\w+>", "", pattern.pattern)):
        raise ValueError(f"not written in lower case: {pattern.pattern[:60]}")
    return re.compile(pattern.pattern, pattern.flags & ~re.I)


def any_of(strings: Iterable[str]) -> re.Pattern[str]:
    """One search for any of the strings: faster than an `in` test for each."""
    return re.compile(by_first_letter(re.escape(s) for s in strings))


def either(words: Iterable[str]) -> str:
    """Words of the language data as regex alternatives `a|b|...`, escaped, in their order: for a
    slot that word boundaries or what follows close, where the order cannot change a match."""
    return "|".join(re.escape(w) for w in words)


def by_first_letter(alternatives: Iterable[str]) -> str:
    """Regex alternatives `a|b|...` as one group per first letter, in their order within it: the
    same matches (with or without re.I), but a position is tried once per letter rather than once
    per alternative, several times faster for a long list. Only when every alternative starts with
    an ASCII lower-case letter (under re.I no two such letters match one character); else as given."""
    alternatives = list(alternatives)
    if not all(a[:1].isascii() and a[:1].islower() for a in alternatives):
        return "|".join(alternatives)
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


T = TypeVar("T")


def per_text(fn: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """Memoize a function of what extraction reads (the text and the reference date) by the text's
    sha256 and that date: comparators call it for every pair, and a whole Doc is slow to hash.
    Bounded, so a long-lived process does not grow without end."""
    memo: dict[tuple[str, date | None], T] = {}

    @wraps(fn)
    def cached(doc: Doc) -> T:
        key = (doc.article.sha256, doc.reference)
        if key not in memo:
            if len(memo) >= 1 << 14:
                memo.clear()
            memo[key] = fn(doc)
        return memo[key]
    return cached


@per_text
def _starts(doc: Doc) -> list[int]:
    """Where the sentences start: comparators ask which sentence a claim is in, pair after pair."""
    return [s.start for s in doc.sentences]


# Each article's claims by kind as extraction made them, by (text sha256, reference date): a
# comparator that asks about an article's other claims reads them here rather than extracting
# again. Bounded, so a long-lived process does not grow without end.
_known: dict[tuple[str, date | None], dict[str, tuple[Claim, ...]]] = {}


def remember(doc: Doc, claims: Iterable[Claim]) -> None:
    """Keep the claims extraction found in `doc` (all kinds, in extraction's order) for `claims_of`."""
    if len(_known) >= 1 << 15:
        _known.clear()
    by_kind: dict[str, list[Claim]] = {}
    for claim in claims:
        by_kind.setdefault(claim.kind, []).append(claim)
    _known[(doc.article.sha256, doc.reference)] = {kind: tuple(found) for kind, found in by_kind.items()}


def claims_of(doc: Doc, kind: str, extract: Callable[[Doc], list[Claim]]) -> tuple[Claim, ...]:
    """One kind's claims of `doc` in extraction's order: remembered, or extracted afresh."""
    known = _known.get((doc.article.sha256, doc.reference))
    if known is not None:
        return known.get(kind, ())
    return tuple(sorted(extract(doc), key=lambda c: (c.span.start, c.span.end, c.kind, c.attribute)))


@dataclass(frozen=True)
class Kind:
    """One claim kind: what it finds, how its claims are blocked, and how two are compared."""

    name: str
    description: str
    extract: Callable[[Doc], list[Claim]]
    block_keys: Callable[[Claim], Iterable[str]]
    compare: Callable[[Pair], Verdict | None]
    # Claims whose subject is an entity surface name that corpus-level alias resolution rewrites.
    entity_subject: bool = False
    # rapidfuzz token_set_ratio (0-100) two claims of a block need to be compared; 0 compares all.
    min_similarity: float = 0
