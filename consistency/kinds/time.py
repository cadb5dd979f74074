"""When events happened: absolute dates, weekdays, relative days and elapsed times.

Every time is tied to an event key: the content words of the clause it stands in, so "since Russia
launched its full-scale invasion of Ukraine in February 2022" dates {russia, launch, full-scale,
war, ukraine}. Dates are intervals with a granularity ("2017" stays a year). Relative expressions
are resolved against the article's reference date; when that is unknown they stay relative
("three years ago", "on Monday") and are compared with what a same-story article implies.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Iterable

from consistency import lang, numbers
from consistency.kinds.base import Doc, Kind, Pair, per_text
from consistency.model import Claim, Verdict
from consistency.text import DIGIT, Taken, content_words, folded, may_contain

NAME = "time"
# Relative times ("on Friday") of articles dated further apart than this may name different days
# on purpose: a follow-up story's "Friday" is not the first story's.
RELATIVE_MAX_DAYS_APART = 6
# A contradiction needs the two sentences to be about one fact (rapidfuzz token-set ratio).
MIN_SENTENCE_SIMILARITY = 70
_YEAR = r"(?:1[89]\d\d|20\d\d)"


@dataclass(frozen=True)
class When:
    """An interval of days, or a weekday alone, or an elapsed time before an unknown date."""

    start: date | None = None
    end: date | None = None
    granularity: str = "day"  # day, month, year, weekday, elapsed
    weekday: int | None = None
    elapsed_days: tuple[float, float] | None = None
    words: str = ""
    relative: bool = False  # resolved from "on Friday", "yesterday" or "three years ago"
    # Where in its day a time falls, when the text says: "late Friday" or "Friday night" is
    # "late", "early Saturday" is "early". Either side of a midnight, adjacent days can agree.
    edge: str = ""

    def key(self) -> str:
        if self.elapsed_days is not None:
            low, high = self.elapsed_days
            return f"elapsed:{low / 365.25:.2f}-{high / 365.25:.2f}y"
        if self.start is None:
            return f"weekday:{calendar.day_name[self.weekday]}"
        if self.granularity == "year":
            return str(self.start.year)
        if self.granularity == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.granularity == "monthday":
            return f"--{self.start.month:02d}-{self.start.day:02d}"
        return self.start.isoformat()

    def describe(self) -> str:
        if self.elapsed_days is not None:
            low, high = self.elapsed_days
            return f"“{self.words}” = {_years(low)} to {_years(high)} before its article's date"
        if self.start is None:
            return f"a {calendar.day_name[self.weekday]} (article date unknown)"
        if self.granularity == "monthday":
            return f"{calendar.month_name[self.start.month]} {self.start.day} (year not stated)"
        text = self.key()
        if self.granularity == "day":
            text += f" ({calendar.day_name[self.start.weekday()]})"
        return text


def _years(days: float) -> str:
    years = days / 365.25
    if years >= 1:
        return f"{years:.1f} years"
    return f"{days / 30.44:.1f} months" if days >= 28 else f"{days:.0f} days"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = lang.load("time")
    month = "|".join(sorted(data["months"], key=len, reverse=True))
    weekday = "|".join(data["weekdays"])
    num = numbers.word_pattern()
    unit = "|".join(data["units"])
    approach = "|".join(re.escape(a) for a in sorted(data["approach"], key=len, reverse=True))
    m = rf"(?P<month>{month})\.?"
    return {
        "iso": re.compile(rf"\b(?P<year>{_YEAR})-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
        "mdy": re.compile(rf"\b{m}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<year>{_YEAR})\b)?", re.I),
        "dmy": re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{m}\b(?:,?\s*(?P<year>{_YEAR})\b)?", re.I),
        "my": re.compile(rf"\b{m},?\s+(?P<year>{_YEAR})\b", re.I),
        "year": re.compile(rf"\b(?:in|since|of|by|until|from|during|before|after)\s+(?:early\s+|late\s+|mid-?)?(?P<year>{_YEAR})\b(?![-–]\d|\s*[-–]\s*\d|\s+\w+\s+(?:election|season|campaign|games|olympics|budget))", re.I),
        "weekday": re.compile(rf"\b(?:(?P<rel>last|this|next|on|late|early)\s+)?(?P<weekday>{weekday})s?\b"
                              rf"(?:['’]s)?(?:\s+(?P<part>morning|afternoon|evening|night))?", re.I),
        "relday": re.compile(r"\b(?P<relday>yesterday|today|tonight)\b", re.I),
        "ago": re.compile(rf"\b(?:(?P<approach>{approach})\s+)?(?P<num>{num})\s+(?P<unit>{unit})s?\s+ago\b", re.I),
        "mark": re.compile(rf"\b(?:(?P<approach>{approach})\s+(?:the\s+)?)?(?P<num>{num})[\s\-]+(?P<unit>{unit})s?(?:[\s\-]+(?:old\s+)?)?(?P<mark>mark|anniversary)\b", re.I),
    }


@cache
def _triggers() -> dict[str, tuple[str, ...] | re.Pattern[str]]:
    """What every match of a pattern contains, so a sentence without it is not searched."""
    data = lang.load("time")
    return {"iso": DIGIT, "mdy": DIGIT, "dmy": DIGIT, "my": DIGIT, "year": DIGIT,
            "weekday": tuple(data["weekdays"]), "relday": ("yesterday", "today", "tonight"),
            "ago": ("ago",), "mark": ("mark", "anniversary")}


def _month(name: str) -> int:
    return lang.load("time")["months"][name.lower().rstrip(".")]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _absolute(kind: str, m: re.Match[str], ref: date | None) -> When | None:
    g = m.groupdict()
    try:
        if kind == "iso":
            d = date(int(g["year"]), int(g["mnum"]), int(g["day"]))
            return When(d, d, "day")
        if kind in ("mdy", "dmy"):
            month, day = _month(g["month"]), int(g["day"])
            if g.get("year"):
                d = date(int(g["year"]), month, day)
                return When(d, d, "day")
            if ref is not None:
                # The year that puts the date nearest the reference date: news looks both ways.
                d = min((date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1)),
                        key=lambda c: abs((c - ref).days))
                return When(d, d, "day")
            date(2000, month, day)  # validates the day of the month
            return When(date(2000, month, day), date(2000, month, day), "monthday")
        if kind == "my":
            year, month = int(g["year"]), _month(g["month"])
            return When(date(year, month, 1), _month_end(year, month), "month")
        if kind == "year":
            year = int(g["year"])
            return When(date(year, 1, 1), date(year, 12, 31), "year")
    except (ValueError, KeyError):
        return None
    return None


def _weekday(m: re.Match[str], ref: date | None) -> When:
    weekday = lang.load("time")["weekdays"][m.group("weekday").lower()]
    rel, part = (m.group("rel") or "").lower(), (m.group("part") or "").lower()
    edge = "late" if rel == "late" or part in ("evening", "night") else ("early" if rel == "early" else "")
    if ref is None:
        return When(weekday=weekday, granularity="weekday", edge=edge)
    back = (ref.weekday() - weekday) % 7
    d = ref + timedelta(days=(weekday - ref.weekday()) % 7) if rel == "next" else ref - timedelta(days=back)
    if rel == "last" and back == 0:
        d -= timedelta(days=7)
    return When(d, d, "day", weekday=weekday, relative=True, edge=edge)


def _elapsed(m: re.Match[str], ref: date | None) -> When | None:
    data = lang.load("time")
    value = numbers.parse(m.group("num"))
    if not value:
        return None
    unit = data["units"][m.group("unit").lower()]
    approach = data["approach"].get((m.group("approach") or "").lower(), "")
    whole = value == int(value)
    slack = 0.35 if whole and unit >= 365 else (0.15 if unit >= 365 else 0.5)
    low, high = value - slack, value + slack
    if approach == "below":
        low, high = value - 0.25 if unit >= 365 else value - 1, value
    elif approach == "above":
        low, high = value, value * 1.5 + 1
    elif approach == "around":
        low, high = value - 2 * slack, value + 2 * slack
    days = (max(low, 0) * unit, high * unit)
    words = m.group().strip()
    if ref is None:
        return When(granularity="elapsed", elapsed_days=days, words=words)
    start, end = ref - timedelta(days=days[1]), ref - timedelta(days=days[0])
    granularity = "year" if unit >= 365 else ("month" if unit >= 28 else "day")
    return When(start, end, granularity, words=words, relative=True)


def _event_words(sentence: str, start: int, end: int) -> tuple[str, ...]:
    """Content words of the clause around a time expression: what the time is the time of."""
    left = re.split(r"[;:—–“”\"]|,\s+(?:and|but|while|which|who)\b|\b(?:since|after|before|as|when|because|while|whether|until)\b", sentence[max(0, start - 200):start])[-1]
    left_words = content_words(left)[-8:]
    # A fronted time ("On Sunday, police said ...") belongs to the clause after its comma.
    stop = r"[;:—–“”\"]|\b(?:after|before|as|when|because|since|while|until)\b"
    right = re.split(stop if len(left_words) < 2 else stop + r"|,", sentence[end:end + 200])[0]
    words = left_words + content_words(right)[:6]
    return tuple(sorted(set(words)))


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    ref = doc.reference
    for sent in doc.sentences:
        taken = Taken()
        found: list[tuple[int, int, When]] = []
        lowered = folded(sent.text)
        for kind, pattern in _patterns().items():
            if not may_contain(lowered, _triggers().get(kind)):
                continue
            for m in pattern.finditer(sent.text):
                if taken.overlaps(m.start(), m.end()):
                    continue
                if kind == "weekday":
                    when = _weekday(m, ref)
                elif kind == "relday":
                    if ref is None:
                        continue
                    d = ref + timedelta(days=lang.load("time")["relative_days"][m.group("relday").lower()])
                    when = When(d, d, "day", relative=True)
                elif kind in ("ago", "mark"):
                    when = _elapsed(m, ref)
                else:
                    when = _absolute(kind, m, ref)
                if when is None:
                    continue
                taken.add(m.start(), m.end())
                found.append((m.start(), m.end(), when))
        for start, end, when in found:
            event = _event_words(sent.text, start, end)
            if len(event) < 2:
                continue
            claims.append(doc.claim(
                NAME, subject=" ".join(event), attribute=_attribute(when), value=when,
                value_key=when.key(), start=sent.start + start, end=sent.start + end,
                display=when.describe(), context=event))
    return claims


def _attribute(when: When) -> str:
    return "elapsed" if when.elapsed_days is not None else "when"


def block_keys(claim: Claim) -> Iterable[str]:
    return claim.context


def _overlap(a: When, b: When, slack: timedelta) -> bool:
    return a.start <= b.end + slack and b.start <= a.end + slack


def _across_midnight(a: When, b: When, wa: int, wb: int) -> bool:
    """"Late Friday" and "early Saturday" (or "Friday night" and "Saturday") can be one moment."""
    for first, second, w1, w2 in ((a, b, wa, wb), (b, a, wb, wa)):
        if (w1 + 1) % 7 == w2 and (first.edge == "late" or second.edge == "early"):
            return True
    return False


def _compare_when(a: When, b: When, same_story: bool) -> tuple[str, str] | None:
    """Return (relation, reason) for two times of one event, or None when they cannot be compared."""
    if a.elapsed_days is not None or b.elapsed_days is not None:
        if a.elapsed_days is None or b.elapsed_days is None or not same_story:
            return None
        (al, ah), (bl, bh) = a.elapsed_days, b.elapsed_days
        if al <= bh and bl <= ah:
            return "agree", "the elapsed times overlap"
        return "contradict", ("both articles report the same news, so their dates are close, "
                              "yet these elapsed times do not overlap")
    if a.start is None or b.start is None:
        wa = a.weekday if a.start is None else (a.start.weekday() if a.granularity == "day" else None)
        wb = b.weekday if b.start is None else (b.start.weekday() if b.granularity == "day" else None)
        if wa is None or wb is None:
            return None
        if wa == wb:
            return "agree", "same weekday"
        if _across_midnight(a, b, wa, wb):
            return "agree", "adjacent days either side of a midnight"
        return "contradict", "different weekdays"
    if "monthday" in (a.granularity, b.granularity):
        if a.granularity == "year" or b.granularity == "year":
            return None
        if a.granularity == "month" or b.granularity == "month":
            same = a.start.month == b.start.month
        else:
            same = (a.start.month, a.start.day) == (b.start.month, b.start.day)
        return ("agree", "same day of the year") if same else ("contradict", "different days")
    if _overlap(a, b, timedelta(0)):
        return "agree", "the dates overlap"
    if a.granularity == b.granularity == "day" and _across_midnight(a, b, a.start.weekday(), b.start.weekday()) \
            and abs((a.start - b.start).days) == 1:
        return "agree", "adjacent days either side of a midnight"
    return "contradict", "the intervals do not overlap"


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    if not _same_event(pair.left, pair.right):
        return None
    da, db = pair.left_doc.reference, pair.right_doc.reference
    if (a.relative or b.relative) and da and db and abs((da - db).days) > RELATIVE_MAX_DAYS_APART:
        return None
    if a.relative and b.relative and da != db and _words(pair.left) == _words(pair.right):
        return None  # "today" in two articles of different dates: each is right about its own day
    if a.start is None and a.elapsed_days is None or b.start is None and b.elapsed_days is None:
        if not pair.same_story:
            return None
    result = _compare_when(a, b, pair.same_story)
    if result is None:
        return None
    relation, reason = result
    dated = a.elapsed_days is None and b.elapsed_days is None
    if relation == "contradict" and (_both_mention_both(pair) or dated and pair.sentence_similarity() < MIN_SENTENCE_SIMILARITY):
        return None
    shared = ", ".join(sorted(set(pair.left.context) & set(pair.right.context)))
    return Verdict(relation, f"{a.describe()} vs {b.describe()}: {reason}. Same event ({shared}).")


def _words(claim: Claim) -> str:
    return " ".join(claim.evidence.lower().split())


def _same_event(a: Claim, b: Claim) -> bool:
    """Events match when most of the smaller event's words are shared, and at least two of them;
    years and months are often background ("in 2009 voters approved"), so they need three."""
    shared = set(a.context) & set(b.context)
    coarse = {a.value.granularity, b.value.granularity} & {"year", "month"}
    return len(shared) >= (3 if coarse else 2) and len(shared) >= 0.5 * min(len(a.context), len(b.context))


@per_text
def _values(doc: Doc) -> frozenset[str]:
    return frozenset(c.value_key for c in extract(doc))


def _both_mention_both(pair: Pair) -> bool:
    """Each article also states the other's value for some event: they differ on which event
    happened when, more likely than on when one event happened."""
    left, right = _values(pair.left_doc), _values(pair.right_doc)
    return pair.right.value_key in left and pair.left.value_key in right


KIND = Kind(NAME, "Two articles date the same event differently (dates, weekdays, elapsed times).",
            extract, block_keys, compare, min_similarity=50)
