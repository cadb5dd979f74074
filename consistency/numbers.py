"""Numbers written in digits or words: "18", "1,200", "three", "two-and-a-half", "twenty-five"."""
from __future__ import annotations

import re
from functools import cache

from consistency import lang
from consistency.kinds.base import by_first_letter

# Digits as news writes them: "18", "1,200", "3.5", and "0. 07" as detokenised text spaces a decimal
# point (not "nan", "1e3" or "1_000", which float() takes).
_DIGITS = re.compile(r"(?:\d{1,3}(?:, ?\d{3})+|\d+)(?:\. ?\d+)?")


@cache
def _words() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    data = lang.load("numbers")
    return data["units"], data["scales"], data["fractions"]


@cache
def _joins() -> tuple[tuple[str, ...], str]:
    """The articles ("a", "an": one) and the joiner ("and") of number phrases."""
    data = lang.load("numbers")
    return tuple(data["articles"]), data["joiner"]


@cache
def word_pattern() -> str:
    """A regex alternative matching a number in words or digits (for embedding in other patterns).
    The words are grouped by first letter (`by_first_letter`), longest first within a letter: the
    same matches as a flat alternation, several times faster to search."""
    units, scales, fractions = _words()
    articles, joiner = _joins()
    vocab = sorted((set(units) | set(scales) | set(fractions)) - set(articles), key=lambda w: (-len(w), w))
    word = by_first_letter(re.escape(w) for w in vocab)
    article = "|".join(re.escape(a) for a in sorted(articles, key=len, reverse=True))
    sep = rf"(?:[\s\-]+(?:{re.escape(joiner)}[\s\-]+)?(?:(?:{article})[\s\-]+)?)"
    return (rf"(?:(?:\d{{1,3}}(?:, ?\d{{3}})+|\d+)(?:\.\d+)?|(?:(?:{article})\s+)?(?:{word})(?:{sep}(?:{word}))*"
            rf"|(?:{article})(?=\s))")


def parse(text: str) -> float | None:
    """The value of a number phrase, or None when it is not one."""
    t = text.strip().lower()
    if _DIGITS.fullmatch(t):
        return float(t.replace(",", "").replace(" ", ""))
    units, scales, fractions = _words()
    articles, joiner = _joins()
    total, current, tokens = 0.0, 0.0, []
    words = re.split(r"[\s\-]+", t)
    for w in words:
        if w == joiner:
            continue
        if w in articles:
            if not tokens:
                current = 1.0
            tokens.append(w)
            continue
        if w in units:
            current += units[w]
        elif w in scales:
            current = (current or 1.0) * scales[w]
            if scales[w] >= 1000:
                total, current = total + current, 0.0
        elif w in fractions:
            # "a half", "two and a half", "half a million"; a lone "quarter" is a period of a
            # game, and "four-quarter" describes one.
            if not (tokens[-1:] and tokens[-1] in articles or not tokens and len(words) > 1):
                return None
            current = fractions[w] if len(tokens) <= 1 else current + fractions[w]
        else:
            return None
        tokens.append(w)
    return total + current if tokens else None
