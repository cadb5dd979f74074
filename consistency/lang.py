"""Language knowledge, loaded from the TOML files in `consistency/data/`.

Phrasings live in data so that supporting a new title, verb or month is a data edit. Each file is
validated on load (a typo in a section name fails loudly, not silently) and cached.
"""
from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

_REQUIRED = {
    "time": ("months", "weekdays", "relative_days", "units", "approach"),
    "numbers": ("units", "scales", "fractions", "vague", "articles", "joiner"),
    "roles": ("titles", "status", "incompatible", "ranks", "modifiers", "not_organisations", "possessives"),
    "places": ("demonyms", "countries", "area_words", "not_places", "place_verbs", "several_words",
               "headline_words", "subdivisions", "country_aliases", "abbreviations", "capitals",
               "prepositions", "phrases", "clauses", "origin_nouns"),
    "quantities": ("approximations", "lists", "phrases", "ages", "holders", "scores"),
    "statements": ("predicates", "negatable", "negation"),
    "sources": ("running_counts", "people", "status_changes", "markers"),
    "text": ("abbreviations", "sentence_openers", "stopwords", "event_synonyms", "lemmas", "names"),
}


class DataError(ValueError):
    """A language data file is missing a section; raised at load so the fault names the file."""


@cache
def load(name: str) -> dict[str, Any]:
    raw = resources.files("consistency.data").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    missing = [s for s in _REQUIRED[name] if s not in data]
    if missing:
        raise DataError(f"consistency/data/{name}.toml lacks section(s): {', '.join(missing)}")
    return data


@cache
def stopwords() -> frozenset[str]:
    return frozenset(load("text")["stopwords"])


@cache
def demonym(word: str) -> str | None:
    return load("places")["demonyms"].get(word.lower())
