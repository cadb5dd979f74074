"""Stage 3: corpus-level normalization. Entity subjects become canonical keys ("Putin" and
"Russian President Vladimir Putin" both become "vladimir putin"), so claims about one person from
different articles fall into one block. Per-claim normalization (dates, roles) happens in each kind.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache, lru_cache
from typing import Mapping, Sequence

from consistency import entities, lang
from consistency.kinds import KINDS
from consistency.model import Claim
from consistency.text import name_spans


@cache
def _title_words() -> frozenset[str]:
    roles = lang.load("roles")
    words = {w for t in roles["titles"] for w in t.split()} | set(roles["status"]) | set(roles["ranks"])
    return frozenset(words | set(lang.load("places")["demonyms"]) | set(roles["modifiers"]))


# What a capitalised word that opens a sentence follows: the text's start, a line break, or the
# end of a sentence (with its closing quotes or brackets) and any opening quote.
_OPENING = re.compile(r"(?:^|[\n.!?][\"'”’)\]]*)[\s\"'“‘`(\[]*$")


def article_entities(text: str) -> list[str]:
    """Name keys mentioned in an article, titles stripped, days and months left out. A single word
    that is capitalised only where a sentence opens ("Additionally", "Right") is no evidence of
    a name: it is left out unless the article also capitalises it elsewhere (or it is written
    like no common word: "NFU", "KestrelWorks")."""
    found: list[tuple[str, bool]] = []
    for name, start, _ in name_spans(text):
        mention = _mention(name)
        if mention is not None:
            person, plain = mention
            found.append((person, plain and bool(_OPENING.search(text, max(0, start - 8), start))))
    named = {person for person, opening in found if not opening}
    return [person for person, opening in found if not opening or person in named]


@lru_cache(maxsize=1 << 16)
def _mention(name: str) -> tuple[str, bool] | None:
    """The name key a surface name mentions (None for a day, a month or a scrap) and whether it is
    written like a common word; once per name: articles repeat their names."""
    time = lang.load("time")
    person = entities.key(entities.strip_titles(name, _title_words()))
    if len(person) <= 2 or person in time["weekdays"] or person in time["months"]:
        return None
    return person, " " not in name and name[1:].replace("'", "").replace("’", "").islower()


def normalize(claims: Sequence[Claim], mentions: Counter[str],
              aliases: Mapping[str, str] | None = None) -> tuple[list[Claim], dict[str, str]]:
    people: dict[str, str] = {}

    def person(surface: str) -> str:
        """Memoized: a corpus names one person in many claims."""
        if surface not in people:
            people[surface] = entities.key(entities.strip_titles(surface, _title_words()) or surface)
        return people[surface]

    counts = Counter(mentions)
    counts.update(person(c.subject) for c in claims if KINDS[c.kind].entity_subject)
    table = entities.resolve(counts, aliases)
    out = []
    for c in claims:
        if KINDS[c.kind].entity_subject:
            subject = table.get(person(c.subject), person(c.subject))
            if subject != c.subject:
                c = replace(c, subject=subject)
        out.append(c)
    return out, table
