"""Sentences, words and names: the shallow analysis every extractor shares.

Plain regular expressions, linear in the text: news text is messy ("U. S.", "90 - day", headlines
with no full stop), and a statistical pipeline would be two orders of magnitude slower for little
gain on the patterns we look for. Every function returns offsets into the text it was given.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from consistency import lang

WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z\u00C0-\u024F][\w'’\-]*|\d+(?:[.,]\d+)*")
# WORD without its numbers: no letter can start inside a number, so this finds the same words.
# Initials ("U.S.") are written after their first letter, so the pattern opens with one class of
# characters and the search skips to the next letter.
_LETTER_WORD = re.compile(r"[A-Za-z\u00C0-\u024F](?:(?<=[A-Z])\.(?:[A-Z]\.)+|[\w'’\-]*)")
# End punctuation (with closing quotes and brackets) followed by space, or a line break: written
# to open with a class of characters, so the search skips from one candidate to the next.
_SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)|[.!?]*[\"'”’)\]]*(?=\s))")
# A capitalised word, allowing initials ("U.S.", "J.") and inner capitals ("McCain").
_CAP = r"(?:[A-Z]\.(?: ?[A-Z]\.)+|[A-Z][\w'’\-]*)"
_NAME = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:de|van|von|der|da|del|bin|al|la|le)[ \t]+){{0,2}}{_CAP})*")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(lang.load("text")["abbreviations"])


def sentences(text: str) -> list[Sentence]:
    """Split on end punctuation followed by space, and on every line break (headlines)."""
    out: list[Sentence] = []
    start = 0
    abbreviations = _abbreviations()
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        mark = m[0]
        if mark != "\n":
            before = text[max(start, m.start() - 40):m.start()].rsplit(None, 1)
            last = before[-1].lower().rstrip(".") if before else ""
            nxt = text[end:end + 3].lstrip()
            if mark[0] == "." and (last in abbreviations or (len(last) == 1 and last.isalpha())):
                if not nxt[:1].isupper() or last in abbreviations:
                    continue
            if nxt[:1].islower():
                continue
        _add(out, text, start, end)
        start = end
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        out.append(Sentence(start, start + len(stripped), stripped))


def sentence_at(sents: list[Sentence], offset: int) -> Sentence | None:
    for s in sents:
        if s.start <= offset < s.end:
            return s
    return None


def words(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start() + offset, m.end() + offset) for m in WORD.finditer(text)]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude lemma: enough to match "launched"/"launch" and "talks"/"talk" in event keys."""
    w = word.lower().replace("’", "'")
    data = lang.load("text")
    w = data["lemmas"].get(w, w)
    w = data["event_synonyms"].get(w, w)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + repl
    return w


# The non-ASCII letters that an ASCII letter matches under re.IGNORECASE (see the `re` docs).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDED_AWAY = re.compile("[\u0130\u0131\u017f\u212a]")
DIGIT = re.compile(r"\d")


def folded(text: str) -> str:
    """Lower case such that an IGNORECASE pattern can match an ASCII word in `text` only if the
    word is in `folded(text)`: a cheap `in` test lets extractors skip sentences a slow pattern
    cannot match, with the same result."""
    # str.translate is slow and almost never needed: look for the four letters first.
    if not text.isascii() and _FOLDED_AWAY.search(text):
        text = text.translate(_FOLD)
    return text.lower()


def may_contain(low: str, triggers: tuple[str, ...] | re.Pattern[str] | None) -> bool:
    """Whether folded text holds one of the strings (or a match of the small pattern) that every
    match of a slow pattern holds; None: no such strings are known, so any text may match."""
    if triggers is None:
        return True
    if not isinstance(triggers, tuple):
        return triggers.search(low) is not None
    if len(triggers) > _FEW_TRIGGERS:
        return _trie_pattern(triggers).search(low) is not None
    for t in triggers:
        if t in low:
            return True
    return False


# Up to this many strings, one `in` test each is faster than a pattern.
_FEW_TRIGGERS = 8


@lru_cache(maxsize=64)
def _trie_pattern(strings: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of `strings`, branching one character at a time: a plain
    alternation of a hundred words tries each word at every position of the text."""
    trie: dict = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        # A string that ends here is found already, whatever its longer siblings would add.
        if "" in node:
            return ""
        alternatives = [re.escape(ch) + branch(child) for ch, child in sorted(node.items())]
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return re.compile(branch(trie))


def content_words(text: str) -> list[str]:
    """Stemmed words that can say what an event is: no function words, no numbers."""
    return [w for w in map(_content_stem, _LETTER_WORD.findall(text)) if w is not None]


@lru_cache(maxsize=1 << 16)
def _content_stem(word: str) -> str | None:
    """The stem of a word that can say what an event is; None for a function word."""
    return None if word.lower() in lang.stopwords() else stem(word)


@cache
def _openers() -> frozenset[str]:
    return frozenset(lang.load("text")["sentence_openers"])


def name_spans(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Runs of capitalised words: candidate names of people, places and organisations.

    A leading sentence opener ("Despite", "The") is dropped, so "Despite Trump's" names Trump.
    """
    openers = _openers()
    out = []
    for m in _NAME.finditer(text):
        start, name = m.start(), m.group()
        while True:
            first, _, rest = name.partition(" ")
            if not rest or first.lower() not in openers:
                break
            start += len(first) + 1
            name = rest.lstrip()
        if name.lower() in openers:
            continue
        out.append((name, start + offset, start + len(name) + offset))
    return out


class Taken:
    """Non-overlapping spans already claimed in a text: an overlap check costs a bisection, so a
    text with thousands of matches stays linear."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start)
        return (i > 0 and self._ends[i - 1] > start) or (i < len(self._starts) and self._starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
