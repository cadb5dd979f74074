"""How many, and how old: "at least 143 people injured", "$671 million", "a 39-year-old climber".

A count is normalized to an interval from its approximation ("more than 40" is (40, 400],
"dozens of" is [24, 120]) and tied to what is counted (the noun's lemma) and to the event words of
its clause. Two counts of one thing in one event contradict when their intervals are disjoint. An
age belongs to the person (or the role noun) it describes: "39-year-old Englishman Robert Buckley".
Years, times of day, scores ("65-24"), ordinals and identifiers are not counts. Numbers in one story
are many, so two counts are compared only when their sentences share a frame.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable

from consistency import entities, lang, numbers
from consistency.kinds.base import Doc, Kind, Pair, per_text
from consistency.model import Claim, Verdict
from consistency.text import Taken, content_words, folded, may_contain, name_spans, stem

NAME = "quantity"
# Two counts contradict only in sentences this alike (rapidfuzz token-set ratio): numbers of one
# story are many, and only a shared sentence frame says two of them count the same thing.
MIN_SENTENCE_SIMILARITY = 70


@dataclass(frozen=True)
class Amount:
    low: float
    high: float
    unit: str
    words: str

    def key(self) -> str:
        return _fmt(self.low) if self.low == self.high else f"{_fmt(self.low)}..{_fmt(self.high)}"

    def describe(self) -> str:
        span = _fmt(self.low) if self.low == self.high else f"{_fmt(self.low)} to {_fmt(self.high)}"
        return f"{span} {self.unit} (“{self.words}”)"


def _fmt(x: float) -> str:
    x = round(x, 2)
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}".rstrip("0")


@cache
def _data() -> dict:
    return lang.load("quantities")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = _data()
    num = numbers.word_pattern()
    approx = "|".join(re.escape(a) for a in sorted(data["approximations"], key=len, reverse=True))
    scale = "|".join(lang.load("numbers")["scales"])
    vague = "|".join(re.escape(v) for v in sorted(lang.load("numbers")["vague"], key=len, reverse=True))
    return {
        "age": re.compile(rf"\b(?P<num>\d{{1,3}})\s*-?\s*years?\s*-?\s*old\b(?!\s+(?:mark|record|law|case|tradition))", re.I),
        "money": re.compile(rf"(?:(?P<approx>{approx})\s+)?(?P<currency>[$€£])\s?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)(?:\s+(?P<scale>{scale}))?\b", re.I),
        "count": re.compile(rf"(?<![\w$€£.,:\-])(?:(?P<approx>{approx})\s+)?(?P<num>{num})(?:\s+(?P<scale>{scale}))?"
                            rf"\s+(?:(?:of|more|additional|other|new)\s+)?(?P<noun>[a-z][a-z\-]{{2,}})\b(?![\-:]\d)"),
        "vague": re.compile(rf"\b(?P<vague>{vague})\s+(?:of\s+)?(?P<noun>[a-z][a-z\-]{{2,}})\b", re.I),
    }


@cache
def _triggers() -> dict[str, tuple[str, ...]]:
    """What every match of a pattern contains, so a sentence without it is not searched."""
    return {"age": ("old",), "money": ("$", "€", "£"),
            "vague": tuple(v.lower() for v in lang.load("numbers")["vague"])}


def _interval(value: float, approx: str) -> tuple[float, float]:
    kind = _data()["approximations"].get(approx.lower(), "exact") if approx else "exact"
    return {
        "exact": (value, value),
        "above": (value, value * 10),
        "at least": (value, value * 10),
        "below": (0.0, value),
        "at most": (0.0, value),
        "around": (value * 0.85, value * 1.15),
        "nearly": (value * 0.85, value),
    }[kind]


def _event_words(sentence: str, start: int, end: int) -> tuple[str, ...]:
    left = re.split(r"[;:—–“”\"]", sentence[max(0, start - 200):start])[-1]
    right = re.split(r"[;:—–“”\"]|,", sentence[end:end + 200])[0]
    return tuple(sorted(set(content_words(left)[-6:] + content_words(right)[:6])))


def _age_subject(sentence: str, end: int) -> str | None:
    """The person an age describes: a name within the next few words, else the noun it modifies."""
    after = sentence[end:end + 80]
    names = [n for n, s, _ in name_spans(after) if s < 40]
    if names and len(names[0]) > 2:
        return names[0]
    m = re.match(r"\s+([a-z][a-z\-]{2,})", after)
    if m and m.group(1) not in lang.stopwords():
        return m.group(1)
    return None


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    skip_nouns = frozenset(_data()["lists"]["not_counted"])
    for sent in doc.sentences:
        text = sent.text
        taken = Taken()
        lowered = folded(text)
        for kind in ("age", "money", "count", "vague"):
            if not may_contain(lowered, _triggers().get(kind)):
                continue
            for m in _patterns()[kind].finditer(text):
                if taken.overlaps(m.start(), m.end()):
                    continue
                start, end = m.start(), m.end()
                if kind == "age":
                    value = float(m.group("num"))
                    subject = _age_subject(text, end)
                    if not subject or value > 120:
                        continue
                    amount = Amount(value, value, "years old", m.group())
                    # The surname: "Robert Buckley" and "Buckley" are one person's age.
                    subject_key, attribute = entities.key(subject).split()[-1], "age"
                    context = (subject_key,)
                else:
                    if kind == "vague":
                        low, high = lang.load("numbers")["vague"][m.group("vague").lower()]
                        amount_words, unit = m.group(), m.group("noun")
                    else:
                        value = numbers.parse(m.group("num"))
                        if value is None or (kind == "count" and (m.group("num").lower() in ("a", "an") or not _is_count(m, text))):
                            continue
                        if m.group("scale"):
                            value *= lang.load("numbers")["scales"][m.group("scale").lower()]
                        low, high = _interval(value, m.group("approx") or "")
                        unit = m.group("currency") if kind == "money" else m.group("noun")
                        amount_words = m.group()
                    attribute = "count"
                    duration = _duration_days(unit, text[end:end + 16]) if kind == "count" else None
                    if duration is not None:
                        # "eight years" = "8 years" = "96 months": durations compare in days.
                        if not duration:
                            continue
                        low, high, unit, attribute = low * duration, high * duration, "days", "duration"
                    elif kind != "money" and (unit.lower() in skip_nouns or unit.lower() in lang.stopwords()):
                        continue
                    amount = Amount(low, high, unit.lower(), amount_words)
                    subject_key = "duration" if attribute == "duration" else stem(unit)
                    context = _event_words(text, start, end)
                    if len(context) < 2:
                        continue
                taken.add(start, end)
                claims.append(doc.claim(NAME, subject=subject_key, attribute=attribute, value=amount,
                                        value_key=amount.key(), start=sent.start + start, end=sent.start + end,
                                        display=amount.describe(), context=context))
    return claims


def _duration_days(noun: str, after: str) -> float | None:
    """Days per unit when the noun is a unit of time (0 when the phrase is an age or a time ago,
    which other extractors read); None when it is not a unit of time."""
    days = lang.load("time")["units"].get(noun.lower().removesuffix("s"))
    if days is None:
        return None
    return 0 if re.match(r"[\s\-]*(?:ago|old|mark|anniversary|earlier|later)\b", after) else days


def _is_count(m: re.Match[str], text: str) -> bool:
    """Digits that are years, clock times, ordinals, scores or parts of identifiers are not counts."""
    raw = m.group("num")
    if raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100:
        return False
    before = text[max(0, m.start("num") - 6):m.start("num")]
    if re.search(r"(?:No\.|#|[Nn]umber)\s*$", before):
        return False
    after = text[m.end("num"):m.end("num") + 6]
    return not re.match(r"\s*(?:[ap]\.?\s?m\b|:\d|-\d|st\b|nd\b|rd\b|th\b)", after)


def block_keys(claim: Claim) -> Iterable[str]:
    return (f"{claim.attribute}|{claim.subject}",)


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    if pair.left.attribute in ("count", "duration"):
        shared = set(pair.left.context) & set(pair.right.context)
        if len(shared) < 3 or len(shared) < 0.6 * min(len(pair.left.context), len(pair.right.context)):
            return None
        overlap = a.low <= b.high and b.low <= a.high
        if not _same_names(pair) or not overlap and (_both_mention_both(pair) or
                                                     pair.sentence_similarity() < MIN_SENTENCE_SIMILARITY):
            return None
        what = f"{a.unit} ({', '.join(sorted(shared))})"
    else:
        what = f"the age of {pair.left.subject}"
        if abs(a.low - b.low) <= 1:
            return Verdict("agree", f"{what}: {a.describe()} and {b.describe()} are a birthday apart at most.")
    if a.low <= b.high and b.low <= a.high:
        return Verdict("agree", f"{what}: {a.describe()} and {b.describe()} overlap.")
    return Verdict("contradict", f"{what}: {a.describe()} vs {b.describe()}; the values cannot both hold.")


@per_text
def _values(doc: Doc) -> frozenset[tuple[str, str]]:
    return frozenset((c.subject, c.value_key) for c in extract(doc))


def _both_mention_both(pair: Pair) -> bool:
    """Each article also gives the other's number for the same noun ("17 of 34 passes"): the two
    numbers count different things, more likely than they disagree on one."""
    left, right = _values(pair.left_doc), _values(pair.right_doc)
    return (pair.right.subject, pair.right.value_key) in left and (pair.left.subject, pair.left.value_key) in right


def _same_names(pair: Pair) -> bool:
    """Counts in clauses that name different people ("Lawson had 16 points", "Green had 31") differ
    by subject, not by value: when both clauses name someone, they must share a name."""
    def names(claim: Claim, doc: Doc) -> frozenset[str]:
        sentence = next((s for s in doc.sentences if s.start <= claim.span.start < s.end), None)
        return _surnames(sentence.text) if sentence else frozenset()
    left, right = names(pair.left, pair.left_doc), names(pair.right, pair.right_doc)
    return not (left and right) or bool(left & right)


@lru_cache(maxsize=1 << 16)
def _surnames(sentence: str) -> frozenset[str]:
    """Cached: a sentence's count is compared with many others."""
    return frozenset(entities.key(n).split()[-1] for n, _, _ in name_spans(sentence) if len(n) > 2)


KIND = Kind(NAME, "Two articles give disjoint counts, amounts or ages for the same thing.",
            extract, block_keys, compare)
