"""How many, how far, how old, and by what score: "at least 57 people injured", "$48 million",
"a depth of 12 kilometers", "0.06 percent", "20 to 30 people", "a 44-year-old sailor", "a 27-20
win".

A count is normalized to an interval from its approximation ("more than 40" is (40, 400],
"dozens of" is [24, 120]) and tied to what is counted (the noun's lemma) and to the event words of
its clause; a measure ("8 miles", "12.5 percent") to its dimension in one base unit. An age belongs
to the person it describes: a name next to it ("44-year-old Welshman Tomas Pellow", "Greta
Lindqvist, 61,"), else the word for that person ("a 61-year-old grandmother"); "the 63-year-old
Chilean" describes someone named before, and gives that name's age too. A score is a game's
final score or a season's record, next to a result word ("win", "start") or after "beat Oakdale".
Years, dates, times of day, labels ("No. 5"), leads ("a 33-26 halftime lead"), changes ("down five
points"), stretches ("her first 12 serves") and conversions in parentheses ("12 kilometers (7
miles)") are not counts.

Numbers in one story are many, so two counts are compared only when several signals say they state
one fact: the event words around them, the likeness of their sentences, the holder (whose points:
the name that governs the number), and the other numbers of the two sentences (a shared "$19
million in cash" anchors "$23 million" and "$48 million" to one deal; different touchdown counts
say two seasons). Vetoes come first: different holders, different fates ("killed" and "injured"),
and a value that the other article also gives for the same noun (the two numbers then count
different things, more likely than they disagree on one). Two sentences of one story that give
all the same other figures tell one passage twice; and two articles of one story that each give a
single count of a thing that fared one way ("three hikers unaccounted for") give its toll. Two scores are
compared when their sentences name the same sides.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import zip_longest
from typing import Iterable

from rapidfuzz import fuzz

from consistency import entities, lang, numbers
from consistency.kinds.base import Doc, Kind, Pair, any_of, by_first_letter, claims_of, either, lowered, per_text
from consistency.model import Claim, Verdict
from consistency.text import DIGIT, Taken, content_words, may_contain, name_spans, stem

NAME = "quantity"
# How much evidence two counts need to be one fact (see `_score`), and the fewest event words
# their clauses must share. Measured on news clusters: below this, pairs of different facts of one
# story (two players' points, a region's toll and a province's) outnumber restated facts.
MIN_SAME_FACT = 90
MIN_SHARED_WORDS = 3
# Characters each side of a number whose likeness is compared when the sentences differ elsewhere.
WINDOW = 80
# Names (surnames, or the opponent) two sentences must share for their scores to be of one game.
MIN_SHARED_NAMES = 2
# How alike (rapidfuzz token-set ratio) two sentences with the same other figures must be to tell
# one passage though their clauses share few event words (see `_one_passage`).
PASSAGE_SIMILARITY = 70
# How many sentences back "the 63-year-old Chilean" may refer to a name.
ANTECEDENT_SENTENCES = 3


@dataclass(frozen=True)
class Amount:
    low: float
    high: float
    unit: str
    words: str
    # A one-sided approximation ("more than", "at most": see quantities.toml) and the figure it
    # bounds, in the same unit as low and high; "vague" for a count in words ("dozens").
    bound: str = ""
    stated: float = 0.0

    def key(self) -> str:
        return _fmt(self.low) if self.low == self.high else f"{_fmt(self.low)}..{_fmt(self.high)}"

    # Cached: every verdict on a pair describes both amounts, and an amount meets many others.
    @lru_cache(maxsize=1 << 16)
    def describe(self) -> str:
        span = _fmt(self.low) if self.low == self.high else f"{_fmt(self.low)} to {_fmt(self.high)}"
        return f"{span} {self.unit} (“{self.words}”)"


def _fmt(x: float) -> str:
    x = round(x, 4) if abs(x) < 1 else round(x, 2)
    if x == int(x):
        return f"{x:,.0f}"
    return f"{x:,.4f}".rstrip("0") if abs(x) < 1 else f"{x:,.2f}".rstrip("0")


@cache
def _data() -> dict:
    return lang.load("quantities")


def _alternatives(words: Iterable[str]) -> str:
    return by_first_letter(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _age() -> str:
    """"44-year-old", "44 years old", not "the 30-year-old law"."""
    ages = _data()["ages"]
    year, old = re.escape(ages["year"]), re.escape(ages["old"])
    return rf"\b(?P<num>\d{{1,3}})\s*-?\s*{year}s?\s*-?\s*{old}\b(?!\s+(?:{either(ages['not_people'])}))"


@cache
def _range_word() -> str:
    """Between the figures of a range: a dash or "to"."""
    return rf"(?:[-–]|{either(_data()['phrases']['range'])})"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _data()
    approx = _alternatives(data["approximations"])
    scale = _alternatives(lang.load("numbers")["scales"])
    vague = _alternatives(lang.load("numbers")["vague"])
    measures = _alternatives(data["measures"])
    currency = _alternatives(data["currencies"])
    money_scale = _alternatives(data["money_scales"])
    modifiers = _alternatives(data["lists"]["modifiers"])
    # "0. 06 percent": detokenised text spaces the decimal point; only a unit after it says so.
    num = rf"(?:\d+\.\s\d+(?=\s?(?:{measures})(?![a-z]))|{numbers.word_pattern()})"
    scores = data["scores"]
    results = _alternatives(scores["results"] + scores["records"])
    return {
        "score": re.compile(rf"(?<![\w.,\-–])(?P<a>\d{{1,3}})\s?[-–]\s?(?P<b>\d{{1,3}})(?![\w\-–]|\s?[-–]\s?\d)"
                            rf"(?:\s+(?:[a-z]+\s+)?(?P<result>{results})\b)?"),
        "age": re.compile(_age(), re.I),
        "apposition": re.compile(r"(?P<name>[A-Z][a-z'’\-]+(?:[ \t]+(?:\([^)]{1,20}\)[ \t]+)?[A-Z][A-Za-z'’\-]+){0,3})\s?,\s(?P<num>\d{1,3}),"),
        "money": re.compile(rf"(?:(?P<approx>{approx})\s+)?(?P<currency>{currency})\s?(?P<num>\d+(?:, ?\d{{3}})*(?:\.\d+)?)"
                            rf"(?:\s+(?P<scale>{scale})\b|(?P<short>{money_scale})\b)?", re.I),
        "count": re.compile(rf"(?<![\w$€£.,:\-])(?:(?P<approx>{approx})\s+)?(?P<num>{num})(?:\s+(?P<scale>{scale}))?"
                            rf"(?:\s?(?P<measure>{measures})(?![\w\-])|\s+(?:(?:{modifiers})\s+)?"
                            rf"(?P<noun>[a-z][a-z\-]{{2,}})\b)(?![\-:]\d)"),
        "range": re.compile(rf"(?<![\w$€£.,:\-–])(?:(?P<approx>{approx})\s+)?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)"
                            rf"\s?{_range_word()}\s?(?P<to>\d+(?:,\d{{3}})*(?:\.\d+)?)(?:\s+(?P<scale>{scale}))?"
                            rf"(?:\s?(?P<measure>{measures})(?![\w\-])|\s+(?P<noun>[a-z][a-z\-]{{2,}})\b)(?![\-:]\d)"),
        "vague": re.compile(rf"\b(?P<vague>{vague})\s+(?:of\s+)?(?P<noun>[a-z][a-z\-]{{2,}})\b", re.I),
    }


@cache
def _triggers() -> dict[str, tuple[str, ...] | re.Pattern[str]]:
    """What every match of a pattern contains, so a sentence without it is not searched."""
    return {"score": re.compile(r"\d\s?[-–]\s?\d"), "age": (_data()["ages"]["old"],),
            "apposition": re.compile(r", \d{1,3},"),
            "money": ("$", "€", "£"), "range": re.compile(rf"\d\s?{_range_word()}\s?\d"),
            "vague": any_of(v.lower() for v in lang.load("numbers")["vague"]), "count": _number_word()}


@cache
def _number_word() -> re.Pattern[str]:
    """A number in words at the start of a word: what a count in a sentence without digits holds
    (a lone "a" or "an" is matched, then dropped, by `_is_count`)."""
    data = lang.load("numbers")
    words = (set(data["units"]) | set(data["scales"]) | set(data["fractions"])) - set(data["articles"])
    return re.compile(rf"(?<!\w)(?:{_alternatives(words)})")


# The kinds whose every match holds a digit: most sentences have none, and skip them at once.
_DIGITS_NEEDED = frozenset(("score", "age", "apposition", "money", "range"))


@cache
def _searches(digits: bool) -> tuple[tuple[str, re.Pattern[str], tuple[str, ...] | re.Pattern[str] | None], ...]:
    """The kinds to search a sentence for, in order, with their patterns and triggers, for a
    sentence with or without digits: once, not per sentence. Any sentence with digits may hold a count."""
    return tuple((kind, _patterns()[kind], None if digits and kind == "count" else _triggers().get(kind))
                 for kind in ("score", "age", "apposition", "money", "range", "count", "vague")
                 if digits or kind not in _DIGITS_NEEDED)


def _amount(value: float, approx: str | None, unit: str, words: str, size: float = 1.0,
            tolerance: float = 0.0) -> Amount:
    """The interval a figure and its approximation allow, in units of `size`."""
    kind = _data()["approximations"].get(approx.lower(), "exact") if approx else "exact"
    low, high = _interval(value, kind)
    if kind == "exact":
        low, high = value * (1 - tolerance), value * (1 + tolerance)
    bound = kind if kind in ("above", "at least", "below", "at most") else ""
    return Amount(low * size, high * size, unit, words, bound, value * size)


def _interval(value: float, kind: str) -> tuple[float, float]:
    return {
        "exact": (value, value),
        "above": (value, value * 10),
        "at least": (value, value * 10),
        "below": (0.0, value),
        "at most": (0.0, value),
        "around": (value * 0.85, value * 1.15),
        "nearly": (value * 0.85, value),
    }[kind]


def _segments(doc: Doc) -> tuple[tuple[int, str], ...]:
    """The sentences, rejoined where the splitter cut a decimal ("a level of 0. 06 percent")."""
    text = doc.article.text
    return tuple((a, text[a:b]) for a, b in _bounds(doc))


def _bounds(doc: Doc) -> list[list[int]]:
    """[start, end] of each of `_segments`, without their texts."""
    text, spans = doc.article.text, []
    for s in doc.sentences:
        # The rare test first: most sentences open with no digit.
        if text[s.start:s.start + 1].isdigit() and spans and text[spans[-1][1] - 1] == "." \
                and text[spans[-1][1] - 2:spans[-1][1]][:1].isdigit():
            spans[-1][1] = s.end
        else:
            spans.append([s.start, s.end])
    return spans


_LEFT_CLAUSE = re.compile(r"[;:—–“”\"]")
# A possessive ending: "the parliament's 125 seats" and "125 seats in the parliament" share "parliament".
# Written to open with the apostrophe ("'s", or "'" after an s), so a search skips to the next one.
_POSSESSIVE = re.compile(r"['’](?:s\b|(?<=s['’]))")
_RIGHT_CLAUSE = re.compile(r"[;:—–“”\"]|,")
# Cached: the words around numbers repeat.
_parse = lru_cache(maxsize=1 << 14)(numbers.parse)


def _event_words(sentence: str, start: int, end: int) -> tuple[str, ...]:
    """Content words of the clause around a number, without other numbers and ages."""
    left = _LEFT_CLAUSE.split(sentence[max(0, start - 200):start])[-1]
    right = _RIGHT_CLAUSE.split(sentence[end:end + 200])[0]
    # Without ages, and with compounds split: "blood-alcohol level" and "blood alcohol level".
    left, right = (_POSSESSIVE.sub("", _patterns()["age"].sub(" ", side)).replace("-", " ")
                   for side in (left, right))
    found = content_words(left)[-6:] + content_words(right)[:6]
    return tuple(sorted({w for w in found if _parse(w) is None}))


@cache
def _not_names() -> frozenset[str]:
    time = lang.load("time")
    return frozenset(time["months"]) | frozenset(time["weekdays"]) | lang.stopwords()


def _name_key(name: str) -> str | None:
    """The surname of a name that can hold a number or an age; None for months, days, function
    words ("These 14 votes") and compounds ("Glasgow-born")."""
    words = entities.key(name).split()
    while words and words[-1] in _not_names():
        words.pop()  # "Manager Ada Whitlow Friday"
    if not words or "-" in name or len(words[-1]) < 3:
        return None
    return words[-1]


def _age_subject(sentence: str, start: int, end: int) -> tuple[str, bool] | None:
    """Whom an age describes, and whether by name: a name right after it ("44-year-old Welshman
    Tomas Pellow") or right before it ("Greta Lindqvist, a 61-year-old grandmother"), else the word
    for the person (a nationality is one: "the 63-year-old Chilean"). "The 10-year-old's death"
    names nobody. Names come whole (the caller keys them by surname)."""
    after = sentence[end:end + 80]
    if re.match(r"['’]s\b", after):
        return None
    clause = re.sub(r"\s*-\s*", "-", re.split(r"[,;:()\"“”]|\.\s", after)[0])
    for name, s, _ in name_spans(clause):
        if len(clause[:s].split()) > 2:
            break
        if _name_key(name):
            return entities.key(name), not lang.demonym(name)
    before = _name_before_age().search(sentence[max(0, start - 60):start])
    if before and _name_key(before.group(1)):
        return entities.key(before.group(1)), True
    words = re.findall(r"[A-Za-z][\w'\-]*", clause)[:2]
    i = next((i for i, w in enumerate(words) if w.islower()), None)
    if i is None or words[i] in lang.stopwords() or words[i] in lang.load("time")["months"]:
        return None
    # "A 41-year-old Danish sailor": the qualifier tells two sailors apart.
    return " ".join([w.lower() for w in words[:i]] + [_data()["age_nouns"].get(words[i], words[i])]), False


@cache
def _definite() -> re.Pattern[str]:
    """"the 63-year-old Chilean": a description of someone the text has named already."""
    return re.compile(rf"\b(?:{either(_data()['ages']['definite'])})\s+$", re.I)


def _antecedent(segments: tuple[tuple[int, str], ...], index: int, before: str) -> str | None:
    """The surname of whom "the 63-year-old Chilean" in segment `index` refers back to: the first
    full name of the nearest sentence before it that gives one ("Conductor Marta Ilves led
    the Orrin Philharmonic. The first concert since spring for the 63-year-old Chilean"), within
    `ANTECEDENT_SENTENCES`. None when its own sentence names someone before it: the description
    may then be of any of them."""
    if _name_keys(before):
        return None
    for _, text in reversed(segments[max(0, index - ANTECEDENT_SENTENCES):index]):
        full = [n for n, _, _ in name_spans(text) if len(n.split()) > 1 and _name_key(n)]
        if full:
            return _name_key(full[0])
    return None


@cache
def _name_before_age() -> re.Pattern[str]:
    """"Greta Lindqvist, a ": the name an age after it describes."""
    articles = _alternatives(_data()["ages"]["articles"])
    return re.compile(rf"([A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)*)\s?,\s(?:{articles})\s+$")


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    segments = _segments(doc)
    for index, (offset, text) in enumerate(segments):
        taken = Taken()
        low = lowered(text)
        for kind, pattern, trigger in _searches(DIGIT.search(low) is not None):
            if not may_contain(low, trigger):
                continue
            for m in pattern.finditer(text):
                start, end = m.start(), m.end()
                if kind == "apposition":
                    start = m.start("name")
                elif kind == "score":
                    end = m.end("b")
                if taken.overlaps(start, end):
                    continue
                found = _read(kind, m, text)
                if found is None or _in_conversion(text, m.start()):
                    continue
                subject, attribute, amount, described = found
                if attribute == "age":
                    # Keyed by surname ("Tomas Pellow" and "Pellow" are one person's age); the
                    # whole name or description stays in the context to tell namesakes apart,
                    # and a description of someone named before ("the 63-year-old Chilean")
                    # keeps whom it refers to.
                    context: tuple[str, ...] = (subject,)
                    if described and _definite().search(text[max(0, start - 8):start]):
                        context += tuple(filter(None, [_antecedent(segments, index, text[:start])]))
                    subject = subject.split()[-1]
                else:
                    context = _event_words(text, start, end)
                    if len(context) < 2:
                        continue
                if kind == "apposition":
                    start, end = m.start("num"), m.end("num")
                taken.add(m.start(), m.end())
                value_key = amount.words if attribute == "score" else amount.key()
                claims.append(doc.claim(NAME, subject=subject, attribute=attribute, value=amount,
                                        value_key=value_key, start=offset + start, end=offset + end,
                                        display=amount.describe(), context=context))
    return _untied(claims)


def _untied(claims: list[Claim]) -> list[Claim]:
    """Drop the tie of a description to a name the article gives another age: "Ilves, 40, ... the
    29-year-old Chilean" describes someone else."""
    ages = {(c.subject, c.value_key) for c in claims if c.attribute == "age"}
    return [replace(c, context=c.context[:1]) if _tie(c) and (_tie(c), c.value_key) not in ages
            and any(s == _tie(c) for s, _ in ages) else c for c in claims]


def _tie(claim: Claim) -> str | None:
    """The surname of whom a description of a person refers back to, if known (see `_antecedent`)."""
    return claim.context[1] if claim.attribute == "age" and len(claim.context) > 1 else None


def _read(kind: str, m: re.Match[str], text: str) -> tuple[str, str, Amount, bool] | None:
    """(subject, attribute, amount, whether an age's subject is a description rather than a name)
    of a match, or None when it is not a quantity after all."""
    if kind in ("age", "apposition"):
        value = float(m.group("num"))
        if kind == "age":
            person, named = _age_subject(text, m.start(), m.end()) or (None, True)
        else:
            # "Oren (Ozzy) Vance, 19,": the nickname is not part of the name.
            name = re.sub(r"\s*\([^)]*\)", "", m.group("name"))
            person, named = (entities.key(name) if _name_key(name) else None), True
            if person and lang.demonym(person):
                person = None
        if not person or not 0 < value <= 120:
            return None
        return person, "age", Amount(value, value, "years old", m.group() if kind == "age" else m.group("num")), not named
    found = _read_quantity(kind, m, text)
    return found and (*found, False)


def _read_quantity(kind: str, m: re.Match[str], text: str) -> tuple[str, str, Amount] | None:
    if kind == "score":
        return _read_score(m, text)
    if kind == "vague":
        low, high = lang.load("numbers")["vague"][m.group("vague").lower()]
        unit = m.group("noun").lower()
        if unit in _skipped():
            return None
        return stem(unit), "count", Amount(low, high, unit, m.group(), "vague")
    if kind == "range":
        return _read_range(m)
    if kind == "count" and not _is_count(m, text):
        return None
    value = _parse(m.group("num"))
    if value is None:
        return None
    if m.group("scale"):
        value *= lang.load("numbers")["scales"][m.group("scale").lower()]
    approx = m.group("approx")
    if kind == "money":
        if m.group("short"):
            value *= _data()["money_scales"][m.group("short").lower()]
        currency = _data()["currencies"][re.sub(r"\s+", " ", m.group("currency").lower())]
        return currency, "count", _amount(value, approx, currency, m.group())
    if m.group("measure"):
        dimension, size, tolerance = _data()["measures"][m.group("measure").lower()]
        return dimension, "measure", _amount(value, approx, dimension, m.group(), size, tolerance)
    noun = m.group("noun").lower()
    duration = _duration_days(noun, text[m.end():m.end() + 16])
    if duration is not None:
        # "eight years" = "8 years" = "96 months": durations compare in days.
        if not duration:
            return None
        return "duration", "duration", _amount(value, approx, "days", m.group(), duration)
    if noun in _skipped() or _after_part().search(text[max(0, m.start() - 12):m.start()]):
        return None
    subject = stem(noun)
    if noun in _data()["lists"]["partitive"]:
        # "two counts of aggravated armed robbery": what is counted is the robbery charge.
        of = re.match(r"\s+of\s+((?:[A-Za-z][\w'\-]*\s*-?\s*){1,4})", text[m.end():])
        words = re.findall(r"[A-Za-z][\w'\-]*", of.group(1).split(",")[0]) if of else []
        head = [w for w in words if w.lower() not in lang.stopwords()]
        if head:
            subject = f"{subject} of {stem(head[min(len(head), 3) - 1])}"
    return subject, "count", _amount(value, approx, noun, m.group())


def _read_score(m: re.Match[str], text: str) -> tuple[str, str, Amount] | None:
    """A final score ("a 27-20 win", "beat Oakdale 70-58"), as the higher and the lower number
    (outlets order a score by winner or by home team), or a record ("a 9-14 start"), as written."""
    result = (m.group("result") or "").lower()
    before = text[max(0, m.start() - 40):m.start()]
    if not result and not _after_verb().search(before):
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    subject = "record" if result in _data()["scores"]["records"] else "score"
    if subject == "score":
        a, b = max(a, b), min(a, b)
    return subject, "score", Amount(a, a, subject, f"{a}-{b}")


@cache
def _after_verb() -> re.Pattern[str]:
    """"beat Oakdale ": a score after a verb of winning and the side beaten."""
    verbs = _alternatives(_data()["scores"]["verbs"])
    return re.compile(rf"\b(?:{verbs})\s+(?:the\s+)?(?:[A-Z][\w'’.\-]*\s+){{1,3}}$")


def _read_range(m: re.Match[str]) -> tuple[str, str, Amount] | None:
    """"20 to 30 people", "57–58%": the interval between the two figures. A higher figure first is
    a score or a lead ("a 33-26 lead"), and a dash after a year is a span of years."""
    low, high = _parse(m.group("num")), _parse(m.group("to"))
    if low is None or high is None or not low < high or 1800 <= low <= 2100:
        return None
    scale = lang.load("numbers")["scales"][m.group("scale").lower()] if m.group("scale") else 1
    if m.group("measure"):
        dimension, size, _ = _data()["measures"][m.group("measure").lower()]
        return dimension, "measure", Amount(low * scale * size, high * scale * size, dimension, m.group())
    noun = m.group("noun").lower()
    scores = _data()["scores"]
    if noun in _skipped() or noun in scores["results"] or noun in scores["records"] \
            or _duration_days(noun, "") is not None:
        return None
    return stem(noun), "count", Amount(low * scale, high * scale, noun, m.group())


@cache
def _skipped() -> frozenset[str]:
    return frozenset(_data()["lists"]["not_counted"]) | lang.stopwords()


@cache
def _conversion() -> re.Pattern[str]:
    return re.compile(rf"\d[\d,.]*\s*(?:[A-Za-z]+\s*)?\(\s*(?:{either(_data()['phrases']['conversion'])})?\s*$")


def _in_conversion(text: str, start: int) -> bool:
    """A quantity in parentheses right after another is the same one converted or glossed:
    "12 kilometers (7 miles)", "$US2 million ($2.9 million)"."""
    return _conversion().search(text[max(0, start - 40):start]) is not None


def _duration_days(noun: str, after: str) -> float | None:
    """Days per unit when the noun is a unit of time (0 when the phrase is an age or a time ago,
    which other extractors read); None when it is not a unit of time."""
    days = lang.load("time")["units"].get(noun.lower().removesuffix("s"))
    if days is None:
        return None
    return 0 if _not_duration().match(after) else days


@cache
def _not_duration() -> re.Pattern[str]:
    return re.compile(rf"[\s\-]*(?:{either(_data()['phrases']['not_duration'])})\b")


@cache
def _before_number() -> re.Pattern[str]:
    """Words right before a number that make it a date, a label or a change."""
    data = _data()["lists"]
    months = lang.load("time")["months"]
    words = _alternatives(list(months) + data["labels"] + data["change"])
    return re.compile(rf"(?:\b(?:{words})\.?|No\.|#)\s*$", re.I)


@cache
def _after_part() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternatives(_data()['lists']['part'])})\s+$", re.I)


_AFTER_DIGIT = re.compile(r"\d\s?[-–]\s?$")
# A clock time, a dash to another number, an ordinal or a date's year.
_NOT_COUNT_AFTER = re.compile(r"\s*(?:[ap]\.?\s?m\b|:\d|-\s?\d|–\s?\d|st\b|nd\b|rd\b|th\b|,\s?\d{4}\b)")


def _is_count(m: re.Match[str], text: str) -> bool:
    """Digits that are years, dates, clock times, ordinals, scores, labels, changes or parts of
    identifiers are not counts."""
    raw = m.group("num")
    if raw.lower() in lang.load("numbers")["articles"]:
        return False
    if raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100:
        return False
    before = text[max(0, m.start() - 16):m.start()]
    if _before_number().search(before) or _AFTER_DIGIT.search(before):
        return False
    after = text[m.end("num"):m.end("num") + 8]
    return not _NOT_COUNT_AFTER.match(after)


def block_keys(claim: Claim) -> Iterable[str]:
    tie = _tie(claim)
    return (f"{claim.attribute}|{claim.subject}",) + ((f"age|{tie}",) if tie else ())


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    if pair.left.attribute == "score":
        if not _same_game(pair):
            return None
        what = f"the {pair.left.subject}"
        if a.words == b.words:
            return Verdict("agree", f"{what}: {a.words} in both.")
        return Verdict("contradict", f"{what}: {a.words} vs {b.words}; one game has one final score.")
    overlap = _overlap(a, b)
    if pair.left.attribute == "age":
        person = _person(pair)
        if person is None:
            return None
        what = f"the age of {person}"
        if abs(a.low - b.low) <= 1:
            return Verdict("agree", f"{what}: {a.describe()} and {b.describe()} are a birthday apart at most.")
        if _different_people(pair.left.context[0], pair.right.context[0]):
            return None
        if person != pair.left.subject and not (pair.same_story and not _aged(pair)):
            return None
        if pair.left.subject in _data()["age_nouns"].values() and not (pair.same_story and not _accounted(pair)):
            return None
    else:
        # "Dozens" states no figure to contradict, only a range to agree with.
        # The event words both clauses have, once: every test below asks.
        shared = set(pair.left.context) & set(pair.right.context)
        if not (_same_fact(pair, overlap, shared) or _one_topic(pair, len(shared))) \
                or not overlap and "vague" in (a.bound, b.bound):
            return None
        what = f"{a.unit} ({', '.join(sorted(shared))})"
    if overlap:
        return Verdict("agree", f"{what}: {a.describe()} and {b.describe()} overlap.")
    return Verdict("contradict", f"{what}: {a.describe()} vs {b.describe()}; the values cannot both hold.")


def _person(pair: Pair) -> str | None:
    """Whose age both claims give: their subject, or the name a description refers to ("the
    63-year-old Chilean" after "Marta Ilves") when the other gives that name or refers to it
    too. None when two descriptions refer to different names, or only one of them refers to a
    name: the other may be anyone of the story."""
    left, right = pair.left, pair.right
    ties = (_tie(left), _tie(right))
    if left.subject == right.subject:
        return None if ties[0] != ties[1] else left.subject
    shared = ({left.subject, ties[0]} & {right.subject, ties[1]}) - {None}
    return min(shared, default=None)


def _aged(pair: Pair) -> bool:
    """Either article gives the other's age to someone: the description and the name may be of
    two people of the story."""
    return pair.left.value_key in _ages(pair.right_doc) or pair.right.value_key in _ages(pair.left_doc)


@per_text
def _ages(doc: Doc) -> frozenset[str]:
    return frozenset(c.value_key for c in _claims(doc) if c.attribute == "age")


def _same_game(pair: Pair) -> bool:
    """Two scores are of one game when their sentences name the same two sides (or a side and a
    player; an opponent named in both counts as one) and no other opponent: a roundup's other games
    name other teams. A score the other article also gives is another game's."""
    left, right = _facts(pair.left_doc, pair.left), _facts(pair.right_doc, pair.right)
    if left is None or right is None:
        return False
    if left.opponent and right.opponent and not left.opponent & right.opponent:
        return False
    sides = len(left.names & right.names) + bool(left.opponent & right.opponent)
    return sides >= MIN_SHARED_NAMES and not _accounted(pair)


def _overlap(a: Amount, b: Amount) -> bool:
    """Whether two amounts can both hold. Two figures bounded the same way ("more than 300" and
    "more than 310") are two reports of the figure: they agree when the figures are about equal."""
    if a.bound and a.bound == b.bound != "vague":
        return abs(a.stated - b.stated) <= 0.15 * max(a.stated, b.stated)
    return a.low <= b.high and b.low <= a.high


def _different_people(left: str, right: str) -> bool:
    """"Oren Vance" and his sister "Lila Vance" share a surname, not an age; a "Danish
    sailor" and a "Norwegian sailor" share a noun."""
    a, b = left.split(), right.split()
    return len(a) > 1 and len(b) > 1 and a[-2] != b[-2]


def _same_fact(pair: Pair, overlap: bool, shared: set[str]) -> bool:
    """Whether two counts of one noun state one fact: no veto, and enough evidence (`_signals`), or
    one passage of the story told twice (`_one_passage`)."""
    signals = _signals(pair, overlap, shared)
    return signals is not None and _score(signals) >= MIN_SAME_FACT or _one_passage(pair, signals is not None)


def _one_passage(pair: Pair, signalled: bool) -> bool:
    """Two sentences of one story that give the same other figures, all of them ("36 growers
    filled 80 stalls" and "36 growers took 60 stalls"), tell one passage: their counts of one
    thing are one fact when the clauses share event words (`signalled`: no veto) or the sentences
    are worded alike, though the other article gives the other value elsewhere. Not for two
    holders or fates, nor when either sentence recalls an earlier year: outlets recall a past
    event's figures from different sources."""
    if not pair.same_story:
        return False
    # The sentences' other figures, from a lighter memo than `_facts`: most pairs stop here.
    left, right = _figures(pair.left_doc).get(_span(pair.left)), _figures(pair.right_doc).get(_span(pair.right))
    if not (left and left == right):
        return False
    facts = (_facts(pair.left_doc, pair.left), _facts(pair.right_doc, pair.right))
    if facts[0].recalled or facts[1].recalled:
        return False
    return signalled or _similarity(facts[0].text, facts[1].text) >= PASSAGE_SIMILARITY and not _apart(pair, *facts)


def _one_topic(pair: Pair, shared: int) -> bool:
    """Two texts under one title (one topic's passages, or copies of one story) that each give a
    single count of a thing, in clauses that share an event word, give the same count, unless what
    is counted fared differently. Two articles of one story that each give a single count of a
    thing that fared one way ("three hikers still missing"), in clauses that share
    `MIN_SHARED_WORDS` event words, give the story's one toll of it, unless either recalls an
    earlier year."""
    left, right = _title(pair.left_doc.article.title), _title(pair.right_doc.article.title)
    titled = bool(left) and left == right
    if not (titled and shared or pair.same_story and pair.left.attribute == "count" and shared >= MIN_SHARED_WORDS) \
            or _counted(pair.left_doc)[_what(pair.left)] != 1 or _counted(pair.right_doc)[_what(pair.right)] != 1:
        return False
    fates = (_facts(pair.left_doc, pair.left), _facts(pair.right_doc, pair.right))
    if None in fates:
        return False
    if titled:
        return not (fates[0].fate and fates[1].fate and fates[0].fate != fates[1].fate)
    return fates[0].fate is not None and fates[0].fate == fates[1].fate and not (fates[0].recalled or fates[1].recalled) \
        and not _apart(pair, *fates)


@lru_cache(maxsize=1 << 14)
def _title(title: str) -> str:
    """A title as compared, once per title: pair after pair asks."""
    return title.strip().casefold()


def _what(claim: Claim) -> tuple[str, str]:
    return claim.attribute, claim.subject


@per_text
def _counted(doc: Doc) -> Counter[tuple[str, str]]:
    """How many claims of each (attribute, subject) an article makes."""
    return Counter(_what(c) for c in _claims(doc))


def _score(signals: dict[str, float]) -> float:
    """The likeness (0-100) of the sentences or of the text around the numbers, plus 2 per shared
    event word (up to 6), 5 for a shared holder (10 when both sentences are about the holder) and
    5 for a shared anchor number: restatements of one fact score about 100, two facts of one story
    rarely above 90."""
    return (signals["similarity"] + 2 * min(signals["shared"], 6) + 5 * signals["holder"]
            + 5 * signals["anchors"])


def _signals(pair: Pair, overlap: bool, shared: set[str]) -> dict[str, float] | None:
    """The evidence that two counts state one fact, or None on a veto: different holders, sentences
    whose other numbers all differ, a value the other article also gives, or different fates
    (killed, injured) of what is counted. `shared`: the event words of both clauses."""
    if len(shared) < MIN_SHARED_WORDS:
        return None
    left, right = _facts(pair.left_doc, pair.left), _facts(pair.right_doc, pair.right)
    if left is None or right is None:
        return None
    if _apart(pair, left, right):
        return None
    if not overlap and (_accounted(pair) or (left.anchors and right.anchors and _clash(left.anchors, right.anchors))):
        return None
    holder = _holders(pair, left, right) and left.holder == right.holder
    # A holder both sentences are about (their first name) makes them one person's line twice.
    about = holder and left.holder == left.subject and right.holder == right.subject
    return {"shared": len(shared), "holder": float(holder) + float(about),
            "anchors": float(bool(left.anchors & right.anchors)),
            "similarity": max(_similarity(left.text, right.text), _similarity(left.window, right.window))}


def _holders(pair: Pair, left: _Facts, right: _Facts) -> bool:
    """Whether both counts have a holder to tell them apart by (an amount of money's is its payer
    or payee, which outlets name either way)."""
    return bool(left.holder and right.holder) and pair.left.subject not in _currencies()


def _apart(pair: Pair, left: _Facts, right: _Facts) -> bool:
    """Different holders (unless one sentence also names the other's holder as a possible one), or
    different fates (killed, injured) of what is counted: two facts."""
    subject = pair.left.subject
    if _holders(pair, left, right) and left.holder != right.holder \
            and not (_may_hold(right, left.holder, subject) or _may_hold(left, right.holder, subject)):
        return True
    return bool(left.fate and right.fate and left.fate != right.fate)


@lru_cache(maxsize=1 << 16)
def _similarity(a: str, b: str) -> float:
    """rapidfuzz token-set ratio of two sentences (0-100), cached: a sentence meets many others."""
    return fuzz.token_set_ratio(a, b)


def _may_hold(facts: _Facts, holder: str, subject: str) -> bool:
    """Whether a sentence's count may be `holder`'s though another name governs it: the sentence
    names the holder, and no other count of the same thing there is the holder's ("Ivo Brandt 22
    points, while Abel Strand had 9 points": the 9 is not Brandt's)."""
    return holder in facts.names and (subject, holder) not in facts.held


@cache
def _currencies() -> frozenset[str]:
    return frozenset(_data()["currencies"].values())


@dataclass(frozen=True)
class _Facts:
    """What a count's sentence says around it: the sentence, its holder, its names, the other
    quantities in it (anchors) as (subject, value key), and for a score the words of the
    opponent's name."""

    text: str
    holder: str | None
    names: frozenset[str]
    anchors: frozenset[tuple[str, str]]
    opponent: frozenset[str] = frozenset()
    window: str = ""
    fate: str | None = None
    # (subject, holder) of the sentence's other counts.
    held: frozenset[tuple[str, str]] = frozenset()
    # The surname of the name the sentence first gives: whom it is about.
    subject: str | None = None
    # Whether the sentence names a year before the article's: it recalls an earlier event.
    recalled: bool = False


def _facts(doc: Doc, claim: Claim) -> _Facts | None:
    """None for a claim this extractor would not make from the text (one read from an old cache).
    Made a sentence at a time when first asked: most sentences' counts meet no pair that gets
    past the cheap vetoes."""
    made, span = _made(doc), _span(claim)
    if span not in made:
        index = _placed(doc).get(span)
        if index is None:
            return None
        made.update(_sentence_facts(doc, *_sentence_claims(doc)[index]))
    return made[span]


@per_text
def _claims(doc: Doc) -> tuple[Claim, ...]:
    """The article's claims once, for the comparator's questions about their neighbours."""
    return claims_of(doc, NAME, extract)


_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?![\d,.]\d)")


def _span(claim: Claim) -> tuple[int, int]:
    return claim.span.start, claim.span.end


@per_text
def _sentence_claims(doc: Doc) -> tuple[tuple[int, str, tuple[Claim, ...]], ...]:
    """Each sentence (offset, text) with the claims that start in it, for the sentences with any."""
    bounds = _bounds(doc)
    starts = [start for start, _ in bounds]
    inside: dict[int, list[Claim]] = {}
    for c in _claims(doc):
        i = bisect_right(starts, c.span.start) - 1
        if i >= 0 and c.span.start < bounds[i][1]:
            inside.setdefault(i, []).append(c)
    text = doc.article.text
    return tuple((bounds[i][0], text[bounds[i][0]:bounds[i][1]], tuple(inside[i])) for i in sorted(inside))


@per_text
def _figures(doc: Doc) -> dict[tuple[int, int], frozenset[tuple[str, str]]]:
    """Per claim, the other quantities of its sentence as (subject, value key): its anchors."""
    return {_span(c): frozenset((o.subject, o.value_key) for o in inside if o is not c and o.attribute != "age")
            for _, _, inside in _sentence_claims(doc) for c in inside}


@per_text
def _placed(doc: Doc) -> dict[tuple[int, int], int]:
    """Per claim, the index of its sentence in `_sentence_claims`."""
    return {_span(c): i for i, (_, _, inside) in enumerate(_sentence_claims(doc)) for c in inside}


@per_text
def _made(doc: Doc) -> dict[tuple[int, int], _Facts]:
    """The facts of the claims of the sentences `_facts` was asked about so far, by span."""
    return {}


def _sentence_facts(doc: Doc, offset: int, text: str, inside: tuple[Claim, ...]) -> dict[tuple[int, int], _Facts]:
    """The facts of a sentence's claims: what depends on the sentence alone is read once per
    sentence text (`_read_sentence`, `_around`), as copies of a story repeat sentences."""
    figures = _figures(doc)
    names, about, years = _read_sentence(text)
    recalled = doc.reference is not None and any(y < doc.reference.year for y in years)
    around = {id(c): _around(text, c.span.start - offset, c.span.end - offset, c.attribute == "score") for c in inside}
    out = {}
    for c in inside:
        holder, opponent, window, fate = around[id(c)]
        held = frozenset((o.subject, around[id(o)][0]) for o in inside
                         if o is not c and o.attribute != "age" and around[id(o)][0])
        out[_span(c)] = _Facts(text, holder, names, figures[_span(c)], opponent, window, fate, held, about, recalled)
    return out


@lru_cache(maxsize=1 << 14)
def _read_sentence(text: str) -> tuple[frozenset[str], str | None, tuple[int, ...]]:
    """A sentence's surnames, the first of them (whom it is about) and the years it names."""
    keys = _name_keys(text)
    return frozenset(keys), keys[0] if keys else None, tuple(int(y) for y in _YEAR.findall(text))


@lru_cache(maxsize=1 << 16)
def _around(sentence: str, start: int, end: int, score: bool) -> tuple[str | None, frozenset[str], str, str | None]:
    """The holder of the number at `start:end` of a sentence, a score's opponent, the text around
    it and its fate."""
    opponent = _opponent(sentence, start, end) if score else frozenset()
    return (_holder(sentence, start, end), opponent, sentence[max(0, start - WINDOW):end + WINDOW],
            _fate(sentence, start, end))


@cache
def _fates() -> dict[str, str]:
    return {stem(w): fate for fate, words in _data()["fates"].items() for w in words}


def _fate(sentence: str, start: int, end: int) -> str | None:
    """What happened to what a count counts, by the nearest fate word within four words: "killed
    40 people", "40 people were injured"."""
    before = [stem(w) for w in re.findall(r"[A-Za-z][\w'\-]*", sentence[max(0, start - 60):start])[-4:]]
    after = [stem(w) for w in re.findall(r"[A-Za-z][\w'\-]*", sentence[end:end + 60])[:4]]
    nearest = [w for pair in zip_longest(reversed(before), after) for w in pair if w]
    return next((_fates()[w] for w in nearest if w in _fates()), None)


def _opponent(sentence: str, start: int, end: int) -> frozenset[str]:
    """The words of the name a score is against: "a 27-20 win over the Harbor City Gulls",
    "an 80-66 victory over visiting Millbrook", "beat Millbrook 80-66"."""
    after = _opponent_after().match(sentence[end:end + 80])
    verbs = _alternatives(_data()["scores"]["verbs"])
    before = re.search(rf"\b(?:{verbs})\s+(?:the\s+)?((?:[A-Z][\w'’.\-]*\s+){{1,3}})$", sentence[max(0, start - 40):start])
    name = after.group(1) if after else before.group(1) if before else ""
    return frozenset(w for w in re.findall(r"[a-z][\w'’\-]*", name.lower()) if w not in lang.stopwords())


@cache
def _opponent_after() -> re.Pattern[str]:
    """" win over the Harbor City Gulls": the result word, then the opponent's name."""
    words = either(_data()["scores"]["opponent"])
    return re.compile(rf"\s+(?:[a-z]+\s+)?[a-z]+\s+(?:{words})\s+(?:the\s+)?(?:[a-z\-]+\s+)?"
                      rf"((?:[A-Z][\w'’.\-]*\s*(?:of\s+)?)+)")


def _clash(left: frozenset[tuple[str, str]], right: frozenset[tuple[str, str]]) -> bool:
    """The two sentences give other counts of the same nouns, and none of them agree: two
    different sets of figures ("269 yards ... 201 yards" and "793 yards ... 302 yards")."""
    common = {s for s, _ in left} & {s for s, _ in right}
    return bool(common) and not (left & right)


def _holder(sentence: str, start: int, end: int) -> str | None:
    """Whose number it is: a name right after it ("11 points from Nora Quillan"), else the last
    name of its clause before it ("Abel Strand posted 19 points", "Ivo Brandt (26 points)"). A
    clause without a name that a relative pronoun opens tells of the name before it ("they hired
    Strand, who lasted 52 games"); one that a participle opens, of the full name the sentence
    opens with ("Abel Strand put on a show, scoring 49 points")."""
    name_after, clause_opens, participle, relative = _holder_patterns()
    after = name_after.match(sentence[end:end + 60])
    if after and _name_key(after.group(1).strip()):
        return _name_key(after.group(1).strip())
    # clause, opener, clause, ..., opener, the clause of the number
    parts = clause_opens.split(re.sub(r"\(\s*$", "", sentence[max(0, start - 120):start]))
    keys = _name_keys(parts[-1])
    if keys or len(parts) < 3:
        return keys[-1] if keys else None
    if relative.match(parts[-2]):
        keys = _name_keys("".join(parts[:-2]))
        return keys[-1] if keys else None
    if participle.match(parts[-2] + parts[-1]):
        # The participle's subject is the sentence's: the full name it opens with, if any (a
        # single capitalised word there may be any word).
        opening = name_spans(sentence[:start])
        if opening and not sentence[:opening[0][1]].strip() and len(opening[0][0].split()) > 1:
            return _name_key(opening[0][0])
    return None


def _name_keys(text: str) -> list[str]:
    """The surnames of the names in a text that can hold a number, in order."""
    return [k for k in (_name_key(n) for n, _, _ in name_spans(text)) if k]


@cache
def _holder_patterns() -> tuple[re.Pattern[str], ...]:
    """A name after a holder word ("from", "by"); where the clause before a number opens; and the
    openings of a clause that continues the one before it (", scoring" and "who")."""
    holders = _data()["holders"]
    return (re.compile(rf"\s*(?:[a-z]+\s+){{0,2}}?(?:{either(holders['after'])})\s+((?:[A-Z][\w'’\-]*[ \t]*)+)"),
            re.compile(rf"([;:,—–\"“”()]|\b(?:{either(holders['clause'])})\b)"),
            re.compile(rf",\s*[a-z]+(?:{either(holders['participle'])})\b"),
            re.compile(rf"(?:{either(holders['relative'])})$"))


@per_text
def _values(doc: Doc) -> frozenset[tuple[str, str, str]]:
    return frozenset((c.attribute, c.subject, c.value_key) for c in _claims(doc))


def _accounted(pair: Pair) -> bool:
    """Either article also gives the other's value for the same noun ("17 of 34 passes", two
    players' points): the two numbers count different things, more likely than they disagree on one."""
    left, right = pair.left, pair.right
    return (left.attribute, left.subject, left.value_key) in _values(pair.right_doc) or \
        (right.attribute, right.subject, right.value_key) in _values(pair.left_doc)


KIND = Kind(NAME, "Two articles give disjoint counts, measures, amounts or ages for the same thing.",
            extract, block_keys, compare)
