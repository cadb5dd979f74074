"""Entity names and aliases: "Putin" = "Vladimir Putin" = "Russian President Vladimir Putin".

Extractors record the surface name they saw; `resolve` maps every surface name of a corpus to one
canonical key, so claims about one person meet in one block. In order:
- spellings of one name meet: "Blue Harbor" = "BlueHarbor", "Dr. Jane Smith" = "Jane Smith",
  "Acme Corp" = "Acme" (honorifics and suffixes are language data);
- a surname (or a first name) maps to the clearly most mentioned full name that ends (or starts)
  with it, an acronym to the only multi-word name of the corpus whose initials it spells
  ("NFU" = "Northern Fishing Union");
- a user alias table wins over all that.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache, lru_cache
from typing import Mapping

from consistency import lang

_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
# What a joined and a split spelling differ in: "blue harbor" / "blueharbor", "u. s." / "u.s.".
_JOINERS = re.compile(r"[\s.\-'’]")
# Longer runs of capitalised words are headlines and lists, not one name.
MAX_NAME_WORDS = 4
# A word named alone this many times more often than any longer name ending with it is an entity
# of its own ("Acme", and a headline's "Rival Buys Acme"), not a surname: news names a person
# in full about once an article, and by surname a few to a dozen times.
SURNAME_RATIO = 12
# A first word stands for its name less often than a surname does ("Vladimir", or a city for its
# team); named alone far more often than the full name, it names something else ("Acme" and its
# product "Acme Phone").
FIRST_NAME_RATIO = 4
# Letters an acronym has: "UN" to "NASDAQ"; longer all-letter words are words.
ACRONYM_LETTERS = (2, 6)


@cache
def _data() -> dict[str, frozenset[str]]:
    text = lang.load("text")
    names = text["names"]
    return {"honorifics": frozenset(names["honorifics"]), "suffixes": frozenset(names["suffixes"]),
            "skip": frozenset(names["acronym_skip"]),
            "not_names": (frozenset(text["stopwords"]) | frozenset(lang.load("numbers")["units"]))
            - frozenset(names["name_words"])}


@lru_cache(maxsize=1 << 16)
def key(surface: str) -> str:
    """The comparable form of a name: lower case, no article, no possessive, single spaces.
    Memoized: every kind and article asks for the same few names again and again."""
    s = _POSSESSIVE.sub("", surface.strip())
    s = _LEADING.sub("", s)
    return " ".join(s.replace("’", "'").lower().split())


def base(name_key: str) -> str:
    """A name key without leading honorifics and trailing suffixes: "dr. jane smith" -> "jane smith",
    "acme corp." -> "acme". A key that is nothing but such words stays whole."""
    data = _data()
    words = name_key.split()
    while len(words) > 1 and words[0].rstrip(".") in data["honorifics"]:
        words = words[1:]
    while len(words) > 1 and words[-1].rstrip(".,") in data["suffixes"]:
        words = words[:-1]
    return " ".join(words).rstrip(",")


def resolve(mentions: Mapping[str, int], aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map each name key to its canonical key across a corpus.

    `mentions` counts how often each name key occurs: when a surname fits several full names
    ("Donald Trump", and a headline's "Can Trump"), the clearly most mentioned one wins, and two
    names one acronym could stand for leave the acronym alone.
    """
    user = {key(a): key(c) for a, c in (aliases or {}).items()}
    keys = sorted(set(mentions) | set(user))
    form, counts = _spellings(keys, mentions)
    target = _short_forms(counts)
    out = {k: target.get(form[k], form[k]) for k in keys}
    # A user alias points at a name, which itself resolves: {"Vlad": "Putin"} reaches "vladimir putin".
    for alias, canonical in user.items():
        out[alias] = canonical if canonical == alias else out.get(canonical, canonical)
    return out


def _spellings(keys: list[str], mentions: Mapping[str, int]) -> tuple[dict[str, str], Counter[str]]:
    """Each key's form, shared by every spelling of one name: the base of its most mentioned
    spelling; and how often each form is mentioned in any spelling."""
    groups: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        groups[_JOINERS.sub("", base(k))].append(k)
    form: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for members in groups.values():
        top = base(min(members, key=lambda m: (-mentions.get(m, 0), m)))
        for m in members:
            form[m] = top
            counts[top] += mentions.get(m, 0)
    return form, counts


def _short_forms(counts: Counter[str]) -> dict[str, str]:
    """Single-word forms that stand for a longer name of the corpus, mapped to it."""
    not_names, skip = _data()["not_names"], _data()["skip"]
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for f in counts:
        words = f.split()
        if not 2 <= len(words) <= MAX_NAME_WORDS:
            continue
        by_initials["".join(w[0] for w in words)].add(f)
        content = [w for w in words if w not in skip]
        by_initials["".join(w[0] for w in content)].add(f)
        if not any(w in not_names for w in words):
            by_last[words[-1]].add(f)
            by_first[words[0]].add(f)
    out = {}
    for f in sorted(counts):
        if " " in f:
            continue
        if f in by_last:
            named = _most_mentioned(f, by_last[f], counts, SURNAME_RATIO)
        else:
            named = _most_mentioned(f, by_first.get(f, set()), counts, FIRST_NAME_RATIO)
        spelled = _acronym_of(f, by_initials, not_names)
        if named and spelled and named != spelled:
            continue
        if named or spelled:
            out[f] = named or spelled
    return out


def _most_mentioned(short: str, candidates: set[str], counts: Counter[str], ratio: int) -> str | None:
    """The clearly most mentioned candidate, if `short` is not named alone far more often."""
    ranked = sorted(candidates, key=lambda c: (-counts[c], c))
    if not ranked or counts[short] > ratio * counts[ranked[0]]:
        return None
    if len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]:
        return ranked[0]
    return None


def _acronym_of(form: str, by_initials: Mapping[str, set[str]], not_names: frozenset[str]) -> str | None:
    """The one multi-word name whose initials `form` spells ("nfu", "n.f.u."); a common word
    ("she") is no acronym, and one that two names could stand for stays itself."""
    letters = form.replace(".", "")
    low, high = ACRONYM_LETTERS
    if not (letters.isalpha() and low <= len(letters) <= high) or form in not_names or letters in not_names:
        return None
    candidates = by_initials.get(letters, set())
    return next(iter(candidates)) if len(candidates) == 1 else None


def strip_titles(name: str, title_words: frozenset[str]) -> str:
    """'Russian President Vladimir Putin' -> 'Vladimir Putin': the words after the last title word."""
    tokens = name.split()
    cut = 0
    for i, t in enumerate(tokens):
        if key(t) in title_words:
            cut = i + 1
    return " ".join(tokens[cut:])
