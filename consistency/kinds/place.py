"""Where events happened: "struck in Kent County", "reports from Lisbon, Portugal's capital", "the
hiker, from Ferndale, fell".

A place is the capitalised name after "in", "at", "near" or "from", tied like a time to the words
of its clause (the event). Its level comes from generic data (a country, a state or province, an
area named "... County") and from what the text says: "Fresno, Calif." puts Fresno in California,
"in Ashford village in Kent County" puts a village in a county, "X, Y's capital" makes X the
capital of Y. Two places of one event agree when they are one name ("Fresno", "Fresno,
California") or either article puts one inside the other. They contradict only when they cannot both hold: two
countries, two states, two counties, cities of different states, two capitals of one country; or
two places of unknown level in one sentence that two outlets word alike but for the place. Places
of different events in one story are the classic false alarm, so everything else stays silent.

A person's home ("a climber from Ayr", "a Dover man") is a fact of its own: two articles that
describe a person by one word in sentences that share the event speak of one person, who has one
home town; unless one of them names both places (a district and its city, or two people's homes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable

from rapidfuzz import fuzz

from consistency import entities, lang
from consistency.kinds.base import (Doc, Kind, Pair, any_of, by_first_letter, claims_of, either, lowered, per_text, sentence_and_start,
                                     sentence_of)
from consistency.model import Claim, Verdict
from consistency.text import WORD, may_contain, stem

NAME = "place"
# Two places of known, equal level contradict when their sentences are this similar
# (rapidfuzz token-set ratio): enough to say they tell one fact.
MIN_SENTENCE_SIMILARITY = 60
# Two places of unknown level contradict only when the rest of their sentences is this similar
# (rapidfuzz ratio): one outlet's sentence, reworded in nothing but the place.
MIN_REST_SIMILARITY = 90
# The attribute of a person's home ("a climber from Ayr"), a fact of its own.
HOME = "home"
# Two articles speak of one person described by one word when their sentences share this many
# other content words (the event: "fell", "glacier", ...).
MIN_SHARED_WORDS = 2
# A headline in title case capitalises (nearly) every word ("Storm Leaves Town Dark"): its
# capitals say nothing about names.
HEADLINE_CAPITALS = 0.8


@dataclass(frozen=True)
class Place:
    name: str
    level: str = ""  # "country", "state", "area" or "" (not known)
    container: str = ""  # the state or country the text puts it in
    capital_of: str = ""

    def key(self) -> str:
        return f"{self.name} ({self.container})" if self.container else self.name

    def describe(self) -> str:
        if self.capital_of:
            return f"{self.name}, capital of {self.capital_of}"
        return f"{self.key()}, a {self.level}" if self.level in ("country", "state") else self.key()


@cache
def _data() -> dict:
    return lang.load("places")


def _capital() -> str:
    """The word every claim of `_capitals` holds (its patterns are case-sensitive)."""
    return _data()["phrases"]["capital"]


@cache
def _clauses() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Where the clause of a place opens (left of it) and ends (right of it, or also at a comma);
    see [clauses]."""
    clauses = _data()["clauses"]
    left = re.compile(rf"[;:—–“”\"]|,\s+(?:{either(clauses['joiners'])})\b"
                      rf"|\b(?:{either(clauses['openers'])})\b")
    right = rf"[;:—–“”\"]|\b(?:{either(clauses['enders'])})\b"
    return left, re.compile(right), re.compile(rf"{right}|,")


@cache
def _lists() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A place that a list goes on from ("in Kent County, Polk County and ...", "in Fresno or
    Reno"), and one that a list reaches ("... and Reno")."""
    words = "|".join(rf"{re.escape(w)}\b" for w in _data()["phrases"]["list_words"])
    leads = "|".join(rf"{re.escape(w)}\s+" for w in _data()["phrases"]["list_leads"])
    return (re.compile(rf"\s*(?:,|{words})\s*(?:{leads})?[A-Z]"),
            re.compile(rf"\b(?:{either(_data()['phrases']['list_words'])})\s*$"))


def _any_case_first(word: str) -> str:
    """"in" -> "[Ii]n": a word that may open a sentence, in a case-sensitive pattern."""
    return f"[{word[0].upper()}{word[0]}]{re.escape(word[1:])}"


def _at_word_start(words: list[str]) -> str:
    """The words as regex alternatives that open a word: one per first letter, which opens with
    the letter and then asks that no word character precede it. A search then skips straight to
    the letters that can open one, where a leading word boundary is tried at every position."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(rf"{letter}(?<!\w.)(?:{'|'.join(rests)})" for letter, rests in groups.items())


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    # A capitalised word of a name: "U.S." initials, "O'Hare" (not a possessive "'s"), and the
    # abbreviations of the data ("Mt. Hood"), which a sentence's full stop ("in Oslo.") is not.
    abbreviations = [a.capitalize() for a in _data()["abbreviations"] if a.endswith(".")]
    word = rf"(?:(?:[A-Z]\.){{2,}}|(?:{either(abbreviations)})|[A-Z](?:[\w\-]|['’](?!s\b))*)"
    # What a name opens with: a search for a pattern that opens with a name skips other places
    # fast when told so first (twice as fast on news text).
    opens = rf"(?=[A-Z{re.escape(''.join(sorted({a[0] for a in abbreviations})))}])"
    name = rf"{word}(?:[ ]{word}){{0,4}}"
    words = _data()["phrases"]
    the, cap, city, of = (re.escape(words[k]) for k in ("article", "capital", "city", "of"))
    capital = rf"(?P<capital>['’]s?\s+{cap}\b)?"
    # A preposition may open the sentence ("In Fresno, ..."); a verb comes after its subject.
    prepositions = [w[0].upper() + w[1:] for w in _data()["prepositions"]] + list(_data()["prepositions"])
    return {
        "place": re.compile(rf"(?P<prep>{_at_word_start([*prepositions, *_data()['place_verbs']])})\s+"
                            rf"(?:{the}\s+)?(?P<name>{name})"
                            rf"(?:,\s*(?P<container>{name}){capital})?"),
        # Where a text says what contains a place: "Fresno, Calif.", "Lisbon, Portugal's capital",
        # "the capital city of Portugal - Lisbon", "in X village in Y district".
        "apposition": re.compile(rf"{opens}(?P<name>{name}),\s*(?P<container>{name}){capital}"),
        "capital_of": re.compile(rf"\b{cap}(?:\s+{city})?\s+{of}\s+(?P<container>{name})"
                                 rf"\s*[,\-–—]\s*(?P<name>{name})"),
        # "Portugal's capital, Lisbon", "the Portuguese capital Lisbon".
        "capital_named": re.compile(rf"{opens}(?P<container>{name})(?:['’]s?)?\s+{cap}(?:\s+{city})?,?\s+(?P<name>{name})"),
        # A home before the word for a person: "a Dover man", "an Ohio mountain climber".
        "home": re.compile(rf"\b(?:{'|'.join(_any_case_first(w) for w in words['indefinite'])})\s+(?P<name>{name})"
                           rf"\s+(?:[a-z]+\s+)?(?P<holder>{either(_data()['origin_nouns'])})\b"),
        # What every match of "home" holds, found several times faster.
        "holder": re.compile(rf"\s(?:{by_first_letter(re.escape(w) for w in _data()['origin_nouns'])})\b"),
        "nested": re.compile(rf"\b{_any_case_first(words['inside'])}\s+(?:{the}\s+)?(?P<name>{name})"
                             rf"(?:\s+[a-z]+)?\s+(?:{either(words['nested'])})\s+(?:{the}\s+)?(?P<container>{name})"),
    }


@cache
def _triggers() -> re.Pattern[str]:
    """What a sentence holds if it can hold a place claim: a preposition, a verb, "capital"."""
    return any_of((*(f"{p} " for p in _data()["prepositions"]), _capital(),
                   *(f"{v} " for v in _data()["place_verbs"]), *_data()["origin_nouns"]))


@cache
def _countries() -> frozenset[str]:
    return frozenset(_data()["countries"])


def _canonical(name: str) -> str:
    """Lower case, "the", possessive and hyphens dropped, abbreviations spelled out ("Mt." ->
    "mount")."""
    spelled = _data()["abbreviations"]
    return " ".join(spelled.get(w, w) for w in entities.key(name).replace("-", " ").split())


@lru_cache(maxsize=1 << 14)
def _level(key: str) -> tuple[str, str]:
    """(level, canonical name) from the generic data alone; asked again and again by comparators."""
    data = _data()
    if key in _countries():
        return "country", key
    if key in data["country_aliases"]:
        return "country", data["country_aliases"][key]
    for spelling in (key, key + "."):  # "Calif" before a comma lost its full stop to the name
        if spelling in data["subdivisions"]:
            return "state", data["subdivisions"][spelling][0]
    if len(key.split()) > 1 and key.split()[-1] in data["area_words"]:
        return "area", key
    return "", key


def _typed(surface: str) -> tuple[str, str]:
    """A container as the text writes it ("Calif.", "Portugal"): (level, canonical), or
    ("", "") when the data do not know it as a country or a state."""
    level, key = _level(_canonical(surface))
    return (level, key) if level in ("country", "state") else ("", "")


@cache
def _not_first() -> frozenset[str]:
    """Words that cannot start a place name: months, weekdays, titles, sentence openers."""
    time = lang.load("time")
    titles = {t.split()[0].rstrip(".") for t in lang.load("roles")["titles"]}
    return frozenset(set(time["months"]) | set(time["weekdays"]) | titles
                     | set(lang.load("text")["sentence_openers"]))


def _place_name(name: str) -> str | None:
    """The name cut before a title ("Ohio Gov. Jane Doe's church" -> "Ohio"), or None
    when it cannot be a place: a month, a title, a body ("Congress"), a lone initial."""
    parts = name.split()
    cut = next((i for i, w in enumerate(parts) if w.lower().rstrip(".") in _not_first()), len(parts))
    parts = parts[:cut]
    if not parts or parts[-1].lower().rstrip(".") in _data()["not_places"] or len(parts[0].rstrip(".")) < 2:
        return None
    return " ".join(parts)


@cache
def _headline_words() -> frozenset[str]:
    return frozenset(_data()["headline_words"])


def _is_headline(text: str) -> bool:
    """Title case: a capitalised function word inside ("Hit And Run"), or nearly all capitals."""
    tokens = [w for w in WORD.findall(text[:400]) if w.isalpha()]
    capitalised = [w for w in tokens[1:] if w[0].isupper()]
    if not _headline_words().isdisjoint(map(str.lower, capitalised)):
        return True
    return len(tokens) >= 4 and len(capitalised) + tokens[0][0].isupper() >= HEADLINE_CAPITALS * len(tokens)


def _without_possessive(name: str) -> str:
    """"Varga's", "Jones'" -> "Varga", "Jones": the name itself."""
    if name[-2:] in ("'s", "’s"):
        return name[:-2]
    return name[:-1] if name[-1] in "'’" else name


def _clause_words(text: str, own: set[str]) -> list[str]:
    """Content words, stemmed; names keep their capital ("Varga") so that an event can be told
    from the people who take part in it."""
    stop = lang.stopwords()
    words = []
    for w in WORD.findall(text):
        low = w.lower()
        if low not in stop and low not in own and not w[0].isdigit():
            words.append(_without_possessive(w) if w[0].isupper() else stem(w))
    return words


def _event_words(sentence: str, start: int, end: int, own: set[str]) -> tuple[str, ...]:
    """Words of the clause around a place: what the place is the place of."""
    opens, ends, ends_or_comma = _clauses()
    left = opens.split(sentence[max(0, start - 200):start])[-1]
    left_words = _clause_words(left, own)[-8:]
    # A fronted place ("In Fresno, the quake ...") and an appositive one ("The hiker, from
    # Ferndale, fell") belong to the clause after the comma.
    right = sentence[end:end + 200]
    cut = (ends if len(left_words) < 2 else ends_or_comma).search(right)
    right = right[:cut.start()] if cut else right
    return tuple(sorted(set(left_words + _clause_words(right, own)[:6])))


def _one_of_several(sentence: str, start: int, end: int) -> bool:
    """"felt in Kent County", "in Fresno and Reno", "also in Ohio": the place is one of several,
    so another article's other place does not contradict it."""
    goes_on, reached = _lists()
    if goes_on.match(sentence, end) or reached.search(sentence[max(0, start - 5):start]):
        return True
    return not _several_words().isdisjoint(map(str.lower, WORD.findall(sentence[max(0, start - 60):end + 60])))


@cache
def _several_words() -> frozenset[str]:
    return frozenset(_data()["several_words"])


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    for sent in doc.sentences:
        if not may_contain(lowered(sent.text), _triggers()):
            continue
        found = _sentence_claims(doc, sent.start, sent.text)
        # Asked last: the headline test is the slow one, and most sentences yield no claim.
        if found and not _is_headline(sent.text):
            claims.extend(found)
    return claims


def _sentence_claims(doc: Doc, offset: int, text: str) -> list[Claim]:
    """The claims of one sentence, headline or not (the caller asks that last)."""
    claims: list[Claim] = []
    for m in _patterns()["place"].finditer(text):
        name = _place_name(m.group("name"))
        if not name or text[m.end("name"):m.end("name") + 2] in ("'s", "’s"):
            continue
        level, key = _level(_canonical(name))
        container, end = "", m.start("name") + len(name)
        verb = m.group("prep") in _data()["place_verbs"]
        if m.group("container") and name == m.group("name"):
            c_level, c_key = _typed(m.group("container"))
            if c_level and c_key != key:
                container, end = c_key, m.end()
                if text[end:end + 1] == "." and _canonical(m.group("container")) + "." in _data()["subdivisions"]:
                    end += 1  # the full stop of "Calif."
        if verb and not (level or container):
            continue  # "hit Smith": only a known place is surely the object's place
        if _one_of_several(text, m.start(), end):
            continue
        own = {w.lower() for w in WORD.findall(text[m.start("name"):end])}
        holder = _holder(text[:m.start()]) if m.group("prep").lower() == _data()["phrases"]["home"] else ""
        if holder:
            claims.append(_home(doc, offset, text, m.start("name"), end, Place(key, level, container), holder))
            continue
        event = _event_words(text, m.start("name") if verb else m.start(), end, own)
        if sum(w[0].islower() for w in event) < 1 or len(event) < 2:
            continue
        place = Place(key, level, container)
        claims.append(doc.claim(
            NAME, subject=" ".join(event), attribute=_data()["prepositions"].get(m.group("prep").lower(), "in"),
            value=place, value_key=place.key(), start=offset + m.start("name"), end=offset + end,
            display=place.describe(), context=event))
    # Most sentences lack a word for a person, and the search for a home is slow.
    for m in _patterns()["home"].finditer(text) if _patterns()["holder"].search(text) else ():
        level, key = _level(_canonical(m.group("name")))
        if _place_name(m.group("name")) != m.group("name") or _one_of_several(text, m.start(), m.end("name")):
            continue
        if key in _data()["demonyms"] and not level and key not in _data()["capitals"]:
            continue  # "an Australian climber": a nationality, not a home town
        claims.append(_home(doc, offset, text, m.start("name"), m.end("name"), Place(key, level), m.group("holder")))
    claims.extend(_capitals(doc, offset, text))
    return claims


def _holder(before: str) -> str:
    """The word for a person right before "from" ("a climber from", "The man, from"), or ""."""
    last = re.search(r"([a-z]+)\s*,?\s*$", before)
    return last.group(1) if last and last.group(1) in _data()["origin_nouns"] else ""


def _home(doc: Doc, offset: int, sentence: str, start: int, end: int, place: Place, holder: str) -> Claim:
    """Where a person described as `holder` comes from. Its context is the holder, then the
    content words of the whole sentence: what tells whether two articles speak of one person."""
    own = {w.lower() for w in WORD.findall(sentence[start:end])} | {holder}
    words = sorted(set(_clause_words(sentence, own)))
    return doc.claim(NAME, subject=holder, attribute=HOME, value=place, value_key=place.key(),
                     start=offset + start, end=offset + end, display=place.describe(), context=(holder, *words))


def _capitals(doc: Doc, offset: int, text: str) -> list[Claim]:
    """"Lisbon, Portugal's capital": a country has one capital, whatever the event."""
    claims: list[Claim] = []
    if _capital() not in text:
        return claims  # each of the three patterns needs the word
    for kind in ("apposition", "capital_of", "capital_named"):
        for m in _patterns()[kind].finditer(text):
            level, country = _typed(m.group("container"))
            if not level and _data()["demonyms"].get(m.group("container").lower()) in _countries():
                level, country = "country", _data()["demonyms"][m.group("container").lower()]
            name = _place_name(m.group("name"))
            if level != "country" or kind == "apposition" and not m.group("capital") or name != m.group("name"):
                continue
            place = Place(_level(_canonical(name))[1], container=country, capital_of=country)
            claims.append(doc.claim(NAME, subject=country, attribute="capital", value=place,
                                    value_key=place.key(), start=offset + m.start(), end=offset + m.end(),
                                    display=place.describe(), context=("capital", country)))
    return claims


def block_keys(claim: Claim) -> Iterable[str]:
    if claim.attribute in ("capital", HOME):
        return (f"{claim.attribute}|{claim.subject}",)
    return (f"{claim.attribute}|{w}" for w in claim.context)


@per_text
def _containment(doc: Doc) -> frozenset[tuple[str, str]]:
    """(place, container) pairs the article states: "Fresno, Calif.", "in X village in Y district"."""
    text = doc.article.text
    found = set()
    # The two patterns of a capital need its word: most articles lack it, and a search is slow.
    for kind in ("apposition", "capital_of", "capital_named") if _capital() in text else ("apposition",):
        for m in _patterns()[kind].finditer(text):
            level, container = _typed(m.group("container"))
            name = _canonical(m.group("name"))
            if level and name != container:
                found.add((name, container))
    for m in _patterns()["nested"].finditer(text):
        name, container = _canonical(m.group("name")), _canonical(m.group("container"))
        if name != container:
            found.add((name, container))
    return frozenset(found)


def _parents(key: str, facts: frozenset[tuple[str, str]], loose: bool) -> set[str]:
    """Every place known to contain `key`: the article pair's own statements, then the data.
    Loose adds capitals and the demonym table ("moscow" -> russia): enough to agree, but a town
    can share a capital's name, so not enough to contradict."""
    data = _data()
    seen: set[str] = set()
    todo = [key]
    while todo:
        k = todo.pop()
        ups = {c for n, c in facts if n == k}
        if k in data["subdivisions"]:
            ups.add(data["subdivisions"][k][1])
        if loose:
            ups |= {c for c in (data["capitals"].get(k), data["demonyms"].get(k)) if c and c != k}
        for up in ups - seen:
            seen.add(up)
            todo.append(up)
    return seen


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in lang.stopwords())


def _ancestors(place: Place, facts: frozenset[tuple[str, str]], loose: bool) -> set[str]:
    ups = _parents(place.name, facts, loose)
    if place.container:
        ups |= {place.container} | _parents(place.container, facts, loose)
    return ups


def _facts(pair: Pair) -> frozenset[tuple[str, str]]:
    """What the two articles state contains what: asked only when the names alone do not tell,
    as searching an article for it is slow."""
    return _containment(pair.left_doc) | _containment(pair.right_doc)


def _compatible(a: Place, b: Place, pair: Pair) -> str | None:
    """Why two places can both be right, or None."""
    if a.name == b.name:
        if a.container and b.container and a.container != b.container:
            return None
        return "same place"
    wa, wb = set(a.name.split()), set(b.name.split())
    if wa <= wb or wb <= wa:
        return "one name is part of the other"
    if len(wa & wb) >= max(2, min(len(wa), len(wb)) / 2):
        return "the names mostly overlap"  # a long name cut or worded two ways
    if a.name.replace(".", "") in (_initials(b.name), b.name) or b.name.replace(".", "") == _initials(a.name):
        return "one name abbreviates the other"
    facts = _facts(pair)
    if a.name in _ancestors(b, facts, loose=True) or b.name in _ancestors(a, facts, loose=True):
        return "one contains the other"
    return None


def _why_exclusive(a: Place, b: Place, facts: frozenset[tuple[str, str]]) -> str | None:
    """Why two places that do not contain one another cannot be one event's place: they lie in
    different countries or states (as the data or the articles say), or are two areas."""
    if a.level == b.level == "area":
        return "two different areas"
    for level, plural in (("country", "countries"), ("state", "states")):
        where = []
        for place in (a, b):
            names = {place.name} | _ancestors(place, facts, loose=False)
            where.append({_level(n)[1] for n in names if _level(n)[0] == level})
        if where[0] and where[1] and not where[0] & where[1]:
            return f"in different {plural} ({', '.join(sorted(where[0]))} vs {', '.join(sorted(where[1]))})"
    return None


def _rest_similarity(pair: Pair) -> float:
    """Similarity of the two sentences without their places: one wording with one name swapped."""
    rests = []
    for doc, claim in ((pair.left_doc, pair.left), (pair.right_doc, pair.right)):
        text, start = sentence_and_start(doc, claim)
        rests.append(text[:claim.span.start - start] + text[claim.span.end - start:])
    return fuzz.ratio(*rests)


@per_text
def _values(doc: Doc) -> frozenset[str]:
    return frozenset(c.value.name for c in claims_of(doc, NAME, extract))


def _both_mention_both(pair: Pair) -> bool:
    """Each article also names the other's place (in the claim's own sentence, or as a place of
    its own): they tie the two places to events differently, more likely than they disagree on
    where one event happened ("lives in Oakdale ... met refugees in the Pine camp")."""
    for claim, doc, other in ((pair.left, pair.left_doc, pair.right), (pair.right, pair.right_doc, pair.left)):
        sentence = _canonical_sentence(sentence_of(doc, claim))
        if other.value.name not in _values(doc) and f" {other.value.name} " not in sentence:
            return False
    return True


@lru_cache(maxsize=1 << 14)
def _canonical_sentence(sentence: str) -> str:
    """A sentence's `_canonical` words, space-padded: a claim's sentence is asked of pair after pair."""
    return f" {_canonical(sentence)} "


@per_text
def _words(doc: Doc) -> str:
    """The article's words, canonical and space-padded: where a place name is looked up."""
    words = WORD.findall(re.sub(r"['’]s\b", "", doc.article.text))
    return f" {_canonical(' '.join(words))} "


def _names_either(pair: Pair) -> bool:
    """One article also names the other's place somewhere ("a Kentwood mother", later "in
    Dover"): it sees the two places side by side (one in the other, or two people's), not as
    two answers to one question."""
    return (f" {pair.right.value.name} " in _words(pair.left_doc)
            or f" {pair.left.value.name} " in _words(pair.right_doc))


def _compare_homes(pair: Pair) -> Verdict | None:
    """Two homes of people that two articles describe by one word ("climber") in sentences that
    share more words (the event): one person, who has one home town."""
    a, b = pair.left.value, pair.right.value
    shared = set(pair.left.context[1:]) & set(pair.right.context[1:])
    if pair.left.subject != pair.right.subject or len(shared) < MIN_SHARED_WORDS or not any(w[0].islower() for w in shared):
        return None
    one = f"one {pair.left.subject} ({', '.join(sorted(shared))})"
    sides = f"{a.describe()} vs {b.describe()}"
    why = _compatible(a, b, pair)
    if why:
        return Verdict("agree", f"{sides}: {why}. The home of {one}.")
    if not a.level and not b.level and _rest_similarity(pair) >= MIN_REST_SIMILARITY:
        return Verdict("contradict", f"{sides}: the same sentence but for the place, for {one}.")
    if _names_either(pair):
        return None
    reason = _why_exclusive(a, b, _facts(pair)) or ("two home towns" if not a.level and not b.level else None)
    return Verdict("contradict", f"{sides}: {reason}, for {one}.") if reason else None


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    if pair.left.attribute != pair.right.attribute:
        return None  # where a thing happened and where a person comes from are two facts
    if pair.left.attribute == HOME:
        return _compare_homes(pair)
    shared = set(pair.left.context) & set(pair.right.context)
    event_words = [w for w in shared if w[0].islower()]
    if not event_words or len(shared) < 2 or len(shared) < 0.5 * min(len(pair.left.context), len(pair.right.context)):
        return None
    event = ", ".join(sorted(shared))
    sides = f"{a.describe()} vs {b.describe()}"
    why = _compatible(a, b, pair)
    if why:
        return Verdict("agree", f"{sides}: {why}. Same event ({event}).")
    if _both_mention_both(pair):
        return None
    if pair.left.attribute == pair.right.attribute == "capital":
        return Verdict("contradict", f"{sides}: a country has one capital.")
    reason = _why_exclusive(a, b, _facts(pair))
    if reason and pair.sentence_similarity() >= MIN_SENTENCE_SIMILARITY:
        return Verdict("contradict", f"{sides}: {reason}. Same event ({event}).")
    if not a.level and not b.level and _rest_similarity(pair) >= MIN_REST_SIMILARITY:
        return Verdict("contradict", f"{sides}: the same sentence but for the place. Same event ({event}).")
    return None


KIND = Kind(NAME, "Two articles place the same event in places that cannot both be right.",
            extract, block_keys, compare, min_similarity=50)
