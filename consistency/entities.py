"""Entity names and aliases: "Putin" = "Vladimir Putin" = "Russian President Vladimir Putin".

Extractors record the surface name they saw; `resolve` maps every surface name of a corpus to one
canonical key, so claims about one person meet in one block. A surname (or a first name) maps to
the only full name in the corpus that ends (or starts) with it; a user alias table wins over that.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Mapping

_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)


def key(surface: str) -> str:
    """The comparable form of a name: lower case, no article, no possessive, single spaces."""
    s = _POSSESSIVE.sub("", surface.strip())
    s = _LEADING.sub("", s)
    return " ".join(s.replace("’", "'").lower().split())


def resolve(mentions: Mapping[str, int], aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map each name key to its canonical key across a corpus.

    `mentions` counts how often each name key occurs: when a surname fits several full names
    ("Donald Trump", and a headline's "Can Trump"), the clearly most mentioned one wins.
    """
    user = {key(a): key(c) for a, c in (aliases or {}).items()}
    keys = sorted(set(mentions) | set(user))
    full = [k for k in keys if len(k.split()) >= 2]
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    for k in full:
        parts = k.split()
        by_last[parts[-1]].add(k)
        by_first[parts[0]].add(k)
    out: dict[str, str] = {}
    for k in keys:
        if len(k.split()) == 1 and (by_last.get(k) or by_first.get(k)):
            out[k] = _most_mentioned(by_last.get(k) or by_first[k], mentions) or k
        else:
            out[k] = k
    # A user alias points at a name, which itself resolves: {"Vlad": "Putin"} reaches "vladimir putin".
    for alias, target in user.items():
        out[alias] = target if target == alias else out.get(target, target)
    return out


def _most_mentioned(candidates: set[str], mentions: Mapping[str, int]) -> str | None:
    ranked = sorted(candidates, key=lambda c: (-mentions.get(c, 0), c))
    if len(ranked) == 1 or mentions.get(ranked[0], 0) > mentions.get(ranked[1], 0):
        return ranked[0]
    return None


def strip_titles(name: str, title_words: frozenset[str]) -> str:
    """'Russian President Vladimir Putin' -> 'Vladimir Putin': the words after the last title word."""
    tokens = name.split()
    cut = 0
    for i, t in enumerate(tokens):
        if key(t) in title_words:
            cut = i + 1
    return " ".join(tokens[cut:])
