"""When events happened: absolute dates, weekdays, relative days and elapsed times.

Every time is tied to an event key: the content words of the clause it stands in, so "since Russia
launched its full-scale invasion of Ukraine in February 2022" dates {russia, launch, full-scale,
war, ukraine}. Dates are intervals with a granularity ("2017" stays a year). Relative expressions
are resolved against the article's reference date; when that is unknown they stay relative
("three years ago", "on Monday") and are compared with what a same-story article implies.

Two times date one event when their clauses share most of their words (and, to disagree, their
sentences are alike or retell the event with many shared happenings), when they are what two
articles of one story date first in their leads, or when they date a birth or death of one
person. Where the wording is weak, other signs can tell one event: one score or price in both
clauses, one planned happening, one hour of the day beside both times, one thing the times are
attributes of ("the 2012 crash case"), a short clause retold whole in the other sentence. Names
alone do not make one event: a singer's arrival on Tuesday and her concert on Sunday share her,
not what happened. Nor do two times when one article gives the other's time to a related event, or
when each is the news of the day before its own article's date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import chain, groupby
from typing import Iterable

from consistency import entities, lang, numbers
from consistency.kinds.base import (Doc, Kind, Pair, any_of, by_first_letter, case_blind, claims_of, lowered, per_text,
                                     sentence_and_start, sentence_of, sentence_words)
from consistency.model import Claim, Verdict
from consistency.text import DIGIT, WORD, Taken, content_words, name_spans, stem

NAME = "time"
# Relative times ("on Friday") of articles dated further apart than this may name different days
# on purpose: a follow-up story's "Friday" is not the first story's.
RELATIVE_MAX_DAYS_APART = 6
# A contradiction needs the two sentences to be about one fact (rapidfuzz token-set ratio).
MIN_SENTENCE_SIMILARITY = 70
# Sentences this alike (rapidfuzz token-set ratio) are one sentence copied, so its time dates one
# fact even when the clause is a word or two ("She will be knighted June 4.").
COPY_MIN_SENTENCE_SIMILARITY = 90
# Words other than names that two clauses sharing most of their words must share to tell one
# event however differently the rest of their sentences run.
RETOLD_MIN_EVENT_WORDS = 5
# The lead: the first sentences of at least so many words (the headline counts when it is that
# long; bylines, datelines and subheads do not), where a news story says what happened when.
LEAD_SENTENCES = 3
LEAD_MIN_WORDS = 8
# Words other than names that two leads' clauses must share to date one event.
LEAD_MIN_EVENT_WORDS = 2
# A root this long meets the longer words it begins ("parliament", "parliamentary"); shorter
# ones would meet strangers ("organ", "organise").
DERIVED_MIN_LETTERS = 6
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# Read once: `calendar.day_name` formats a date for every name it is asked for.
_DAY_NAMES = tuple(calendar.day_name)


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
            return f"weekday:{_DAY_NAMES[self.weekday]}"
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
            return f"a {_DAY_NAMES[self.weekday]} (article date unknown)"
        if self.granularity == "monthday":
            return f"{calendar.month_name[self.start.month]} {self.start.day} (year not stated)"
        text = self.key()
        if self.granularity == "day":
            text += f" ({_DAY_NAMES[self.start.weekday()]})"
        return text


def _years(days: float) -> str:
    years = days / 365.25
    if years >= 1:
        return f"{years:.1f} years"
    return f"{days / 30.44:.1f} months" if days >= 28 else f"{days:.0f} days"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = lang.load("time")
    month = by_first_letter(sorted(data["months"], key=len, reverse=True))
    weekday = by_first_letter(data["weekdays"])
    num = numbers.word_pattern()
    unit = by_first_letter(data["units"])
    approach = by_first_letter(re.escape(a) for a in sorted(data["approach"], key=len, reverse=True))
    m = rf"(?P<month>{month})\.?"
    names = by_first_letter(data["year_names"])
    determiner = by_first_letter(data["determiners"])
    return {
        "iso": re.compile(rf"\b(?P<year>{_YEAR})-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
        "mdy": re.compile(rf"\b{m}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<year>{_YEAR})\b)?", re.I),
        "dmy": re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{m}\b(?:,?\s*(?P<year>{_YEAR})\b)?", re.I),
        "my": re.compile(rf"\b{m},?\s+(?P<year>{_YEAR})\b", re.I),
        "year": re.compile(rf"\b(?:in|since|of|by|until|from|during|before|after)\s+(?:early\s+|late\s+|mid-?)?(?P<year>{_YEAR})\b(?![-–]\d|\s*[-–]\s*\d|\s+(?:to|until|through)\s+\d|\s+\w+\s+(?:{names})\b)", re.I),
        # "the 2012 collapse": a year before a lower-case noun dates what the noun names.
        "ayear": re.compile(rf"\b(?:{determiner})\s+(?P<year>{_YEAR})\s+(?!(?:\w+\s+)?(?:{names})\b)(?=(?-i:[a-z]))", re.I),
        "weekday": re.compile(rf"\b(?:(?P<rel>last|this|next|on|late|early)\s+)?(?P<weekday>{weekday})(?P<plural>s)?\b"
                              rf"(?:['’]s)?(?:\s+(?P<part>morning|afternoon|evening|night))?", re.I),
        "relday": re.compile(r"\b(?P<relday>yesterday|today|tonight)\b", re.I),
        "ago": re.compile(rf"\b(?:(?P<approach>{approach})\s+)?(?P<num>{num})\s+(?P<unit>{unit})s?\s+ago\b", re.I),
        "mark": re.compile(rf"\b(?:(?P<approach>{approach})\s+(?:the\s+)?)?(?P<num>{num})[\s\-]+(?P<unit>{unit})s?(?:[\s\-]+(?:old\s+)?)?(?P<mark>mark|anniversary)\b", re.I),
    }


_RELDAYS = ("yesterday", "today", "tonight")


# A pattern with what every match of it holds in `lowered(sentence)`, and whether it searches there.
_Search = tuple[str, re.Pattern[str], re.Pattern[str], bool]
# Patterns whose matches are read for their offsets and lower-cased words alone: they search
# `lowered(sentence)` without re.I, twice as fast. The others keep the words as written.
_CASE_BLIND = frozenset(("mdy", "dmy", "my", "year", "weekday", "relday"))


@cache
def _searches() -> tuple[tuple[re.Pattern[str], tuple[_Search, ...]], ...]:
    """The patterns in their order, each with a trigger that every match of it holds in
    `lowered(sentence)`, in runs under a gate that every match of the run holds: a digit, or a
    calendar word. Most sentences hold neither and are skipped at the cost of two fast searches;
    a sentence with one is not searched for the other's triggers. Patterns share triggers, and a
    sentence is searched for each once."""
    data = lang.load("time")
    digit, word = DIGIT, any_of([*data["weekdays"], *_RELDAYS, "ago", "mark", "anniversary"])
    year = re.compile(_YEAR)
    # A month name by a number, written with what may come between them in "May 5", "May, 2019"
    # and "5th of May"; unlike the patterns, no leading \b, so the search skips to a first letter.
    month = by_first_letter(sorted(data["months"], key=len, reverse=True))
    month_number = re.compile(rf"(?:{month})\.?,?\s*\d")
    gated = {"iso": (digit, year), "mdy": (digit, month_number),
             "dmy": (digit, re.compile(rf"\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month})")), "my": (digit, month_number),
             "year": (digit, year), "ayear": (digit, year), "weekday": (word, any_of(data["weekdays"])),
             "relday": (word, any_of(_RELDAYS)), "ago": (word, any_of(["ago"])),
             "mark": (word, any_of(["mark", "anniversary"]))}
    runs = groupby(_patterns().items(), key=lambda item: gated[item[0]][0])
    return tuple((gate, tuple((kind, case_blind(pattern) if kind in _CASE_BLIND else pattern, gated[kind][1],
                                kind in _CASE_BLIND) for kind, pattern in run))
                 for gate, run in runs)


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
        if kind in ("year", "ayear"):
            year = int(g["year"])
            return When(date(year, 1, 1), date(year, 12, 31), "year")
    except (ValueError, KeyError):
        return None
    return None


def _weekday(m: re.Match[str], ref: date | None, ahead: bool) -> When:
    """A weekday as the day it names from the reference date: the last such day, or the coming
    one after "next" or "this" or when the clause looks ahead ("will play on Sunday")."""
    weekday = lang.load("time")["weekdays"][m.group("weekday").lower()]
    rel, part = (m.group("rel") or "").lower(), (m.group("part") or "").lower()
    edge = "late" if rel == "late" or part in ("evening", "night") else ("early" if rel == "early" else "")
    if ref is None:
        return When(weekday=weekday, granularity="weekday", edge=edge)
    if rel in ("next", "this") or ahead and rel != "last":
        days = (weekday - ref.weekday()) % 7
        d = ref + timedelta(days=7 if rel == "next" and days == 0 else days)
    else:
        back = (ref.weekday() - weekday) % 7
        d = ref - timedelta(days=7 if rel == "last" and back == 0 else back)
    return When(d, d, "day", weekday=weekday, relative=True, edge=edge)


def _looks_ahead(before: str) -> bool:
    """"will play on Sunday", "is scheduled for Friday": the coming day, not the last one."""
    near = {w.lower() for w in WORD.findall(before)[-6:]}
    return not near.isdisjoint(lang.load("time")["future"])


@cache
def _publication_words() -> re.Pattern[str]:
    """Any publication word, searched in `lowered(sentence)` before a time: few hold one."""
    return any_of(lang.load("time")["publication"])


def _published(before: str) -> bool:
    """"Posted in Local News on Friday": the time of the text, not of an event it reports
    ("the atlas was published in 1958")."""
    data = lang.load("time")
    tokens = [""] + [w.lower() for w in WORD.findall(before)]
    return any(tokens[i] in data["publication"] and tokens[i - 1] not in data["auxiliaries"]
               for i in range(max(1, len(tokens) - 8), len(tokens)))


def _recurring(sentence: str, m: re.Match[str]) -> bool:
    """"Tuesdays", "every Monday", "the first Monday of each month": a day that recurs."""
    if m.group("plural"):
        return True
    before = sentence[:m.start()].split()
    return bool(before) and before[-1].lower() in lang.load("time")["recurring"]


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


@cache
def _clause_marks() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Where a time's clause opens (before it), where a relative clause opens, and where it ends
    (after it) without, and with, words before the time; see [clauses] in time.toml."""
    clauses = lang.load("time")["clauses"]

    def any_of(key: str) -> str:
        return "|".join(clauses[key])

    quote = r"[;—–“”\"]|:(?!\s?\d)"  # not the colon of "3:30"
    opener = re.compile(rf"{quote}|,\s+(?:{any_of('joiners')})\b|\b(?:{any_of('openers')})\b")
    relative = re.compile(rf",\s+(?:{any_of('relatives')})\b")
    end = rf"{quote}|\b(?:{any_of('enders')})\b"
    return opener, relative, re.compile(end), re.compile(rf"{end}|,|\b(?:{any_of('coordinators')})\b")


def _event_words(sentence: str, start: int, end: int) -> tuple[str, ...]:
    """Content words of the clause around a time expression: what the time is the time of."""
    opener, relative, end_alone, end_after_words = _clause_marks()
    before = sentence[max(0, start - 200):start]
    cut = None
    for cut in opener.finditer(before):
        pass
    left = before[cut.end():] if cut else before
    # "after pulling off an escape was captured Monday": a gerund phrase after the opener ends
    # where the main verb resumes, at its auxiliary; what the time dates follows.
    if cut and _GERUND.match(left):
        resumed = None
        for resumed in _auxiliary().finditer(left):
            pass
        if resumed:
            left = left[resumed.start():]
    # A clause fronted before the subject ("Despite her injury on Tuesday, the goalkeeper will
    # start on Sunday") is not what the time dates.
    fronted = left.rsplit(",", 1)[-1]
    left_words = _event_content(fronted)
    if len(left_words) >= 2:
        left = fronted
    else:
        if cut and relative.match(cut.group()):
            # "the referendum, which is planned for May 19": the time dates the noun before.
            left = before[:cut.start()] + " " + left
        left_words = _event_content(left)
    left_words = left_words[-8:]
    # A fronted time ("On Sunday, police said ...") belongs to the clause after its comma.
    stop = end_alone if len(left_words) < 2 else end_after_words
    after = sentence[end:end + 200]
    stopped = stop.search(after)
    right = after[:stopped.start()] if stopped else after
    right_words = _event_content(right)
    if not left_words and not right_words and cut and cut.group() == ":":
        # "Construction of the north pier: May 1993 – August 2002": a label dates what it names.
        left_words = _event_content(before[:cut.start()])[-8:]
    return tuple(sorted(set(left_words + right_words[:6] + _figures(left) + _figures(right))))


# A figure that tells one happening from another: a score of two-digit tallies ("34-27",
# "71 - 58"; a "2-1" win and a "25-7" record recur), a decimal ("6.1", "$6.8 billion") or a count
# of a hundred or more that is not a year ("2,129").
_FIGURE = re.compile(r"(?<![\d.,:])(?:[1-9]\d{1,2}\s?[-–]\s?[1-9]\d{1,2}|\d+\.\s?\d+|\d{1,3}(?:,\s?\d{3})+|\d{3,})(?![\d:]|[.,]\d)")


def _figures(text: str) -> list[str]:
    """The figures of a clause, spaces and thousands separators dropped, as event words: two
    clauses that give one game's score or one deal's price tell one happening."""
    if not DIGIT.search(text):
        return []  # most clauses: a digit is found much faster than a figure is looked for
    figures = [_FIGURE_SPACE.sub("", f).replace("–", "-") for f in _FIGURE.findall(text)]
    return [f for f in figures if not _YEAR_ALONE.fullmatch(f)]


_FIGURE_SPACE = re.compile(r"[\s,]")
_YEAR_ALONE = re.compile(_YEAR)


_GERUND = re.compile(r"\s*[a-z]+ing\b")


@cache
def _auxiliary() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(lang.load('time')['auxiliaries'])})\b")


def _event_content(text: str) -> list[str]:
    """Content words without month names (a time is not part of what happened) or single letters
    ("a. m.")."""
    months = lang.load("time")["months"]
    return [w for w in content_words(text) if w not in months and len(w) > 1]


def _root(stemmed: str) -> str:
    """A stem without a final "e", so that "change" meets "changes" and "changed"."""
    return stemmed[:-1] if len(stemmed) > 4 and stemmed.endswith("e") else stemmed


def _roots(claim: Claim) -> frozenset[str]:
    return _context_roots(claim.context)


@lru_cache(maxsize=1 << 16)
def _context_roots(context: tuple[str, ...]) -> frozenset[str]:
    """Once per clause: comparators ask pair after pair."""
    return frozenset(_root(w) for w in context)


def _shared(a: Claim, b: Claim) -> set[str]:
    """The roots two clauses share, a root meeting its derivations ("parliament" meets
    "parliamentary") as the shorter form."""
    return _shared_words(_roots(a), _roots(b))


def _shared_words(ra: frozenset[str] | set[str], rb: frozenset[str] | set[str]) -> set[str]:
    """The common roots, and each shorter root of a derivation pair; the pairs are of roots that
    are not common, so the answer does not hang on the order in which sets are walked."""
    common = ra & rb
    shared = set(common)
    for x in ra - common:
        if len(x) < DERIVED_MIN_LETTERS:
            continue  # neither it nor a shorter word is a root that derivations meet
        for y in rb - common:
            if len(y) > len(x) and y.startswith(x):
                shared.add(x)
            elif DERIVED_MIN_LETTERS <= len(y) < len(x) and x.startswith(y):
                shared.add(y)
    return shared


def _derived(short: str, long: str) -> bool:
    return len(short) >= DERIVED_MIN_LETTERS and long.startswith(short)


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    ref = doc.reference
    searches = _searches()
    for sent in doc.sentences:
        low = lowered(sent.text)
        runs = [run for gate, run in searches if gate.search(low)]
        if not runs:
            continue
        taken = Taken()
        found: list[tuple[int, int, When]] = []
        holds: dict[re.Pattern[str], bool] = {}
        for kind, pattern, trigger, blind in chain.from_iterable(runs):
            if trigger not in holds:
                holds[trigger] = trigger.search(low) is not None
            if not holds[trigger]:
                continue
            for m in pattern.finditer(low if blind else sent.text):
                if taken.overlaps(m.start(), m.end()):
                    continue
                if _publication_words().search(low, 0, m.start()) and _published(sent.text[:m.start()]):
                    continue
                if kind == "weekday":
                    if _recurring(sent.text, m):
                        continue
                    when = _weekday(m, ref, _looks_ahead(sent.text[:m.start()]))
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
                # "the 2012 collapse": the year alone is the surface.
                start, end = m.span("year") if kind == "ayear" else m.span()
                taken.add(m.start(), m.end())
                found.append((start, end, when))
        if not found:
            continue
        found.sort(key=lambda f: f[0])
        events = _life_span(sent.text, found, [_event_words(sent.text, start, end) for start, end, _ in found])
        for (start, end, when), event in zip(found, events):
            if not event:
                continue
            claims.append(doc.claim(
                NAME, subject=" ".join(event), attribute=_attribute(when), value=when,
                value_key=when.key(), start=sent.start + start, end=sent.start + end,
                display=when.describe(), context=event))
    return claims


_SPAN_DASH = re.compile(r"\s*[–—-]\s*")


def _life_span(sentence: str, found: list[tuple[int, int, When]], events: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """"Ada Brun (3 May 1901 – 9 June 1980) was a botanist": the two dates of a parenthesised span
    after a name are a birth and a death of whom the words before it name."""
    born, died = lang.load("time")["life_span"]
    for i in range(len(found) - 1):
        (s1, e1, _), (s2, e2, _) = found[i], found[i + 1]
        if sentence[:s1].rstrip().endswith("(") and _SPAN_DASH.fullmatch(sentence[e1:s2]) \
                and sentence[e2:].lstrip().startswith(")"):
            names = set(events[i]) - {born}
            events[i], events[i + 1] = tuple(sorted(names | {born})), tuple(sorted(names | {died}))
    return events


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
    if a.weekday is not None and a.weekday == b.weekday:
        # Both say the same day of the week: whether each meant the last or the coming one is
        # our guess, not what the texts say.
        return "agree", "same weekday"
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


# How a finding names the link between its two claims, when it is more than a shared event.
_WHY = {"copy": "Same sentence", "lead": "Both lead their articles", "once": "Happens to a person once",
        "figure": "Same figures", "scheduled": "Same planned happening", "named": "Names one thing",
        "within": "One clause retold in the other sentence", "clock": "Same hour of the day"}


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    link = _link(pair)
    if link is None:
        return None
    da, db = pair.left_doc.reference, pair.right_doc.reference
    if (a.relative or b.relative) and da and db and abs((da - db).days) > RELATIVE_MAX_DAYS_APART:
        return None
    if a.relative and b.relative and da != db \
            and (_words(pair.left) == _words(pair.right) or _same_offset(pair)):
        return None  # "today" in two articles of different dates: each is right about its own day
    if a.start is None and a.elapsed_days is None or b.start is None and b.elapsed_days is None:
        if not pair.same_story:
            return None
    result = _compare_when(a, b, pair.same_story)
    if result is None:
        return None
    relation, reason = result
    if relation == "contradict" and not _may_contradict(pair, link):
        return None
    roots = _shared(pair.left, pair.right)
    shared = ", ".join(sorted({w for w in pair.left.context if _root(w) in roots} or roots))
    why = _WHY.get(link, "Same event")
    return Verdict(relation, f"{a.describe()} vs {b.describe()}: {reason}. {why} ({shared}).")



def _words(claim: Claim) -> str:
    return " ".join(claim.evidence.lower().split())


def _same_offset(pair: Pair) -> bool:
    """"Thursday" in a Friday's article and "Wednesday" in a Thursday's: each reports the day
    before its own, the news of its day, so two steps of a story rather than one event."""
    a, b = pair.left.value, pair.right.value
    da, db = pair.left_doc.reference, pair.right_doc.reference
    return a.start is not None and b.start is not None and a.start - da == b.start - db


def _link(pair: Pair) -> str | None:
    """Why two claims may date one event, or None.
    "copy": the sentences are one sentence copied, the time aside.
    "lead": each is the first time its article's lead gives, where a news story says what
    happened when; articles of one story that share what happened (two words other than names)
    date the story's event.
    "wording": most of the smaller event's words are shared, at least two of them, and not only
    names (two facts about one team share its name); "retold" when many of them are not names,
    "once" when they tell a person's birth or death by date.
    Years and months are often background ("in 2009 the town approved"), so they need three words.
    Where wording alone is weak, other signs tell one event (see `_signs`)."""
    a, b = pair.left, pair.right
    shared = _shared(a, b)
    if shared and pair.sentence_similarity() >= COPY_MIN_SENTENCE_SIMILARITY:
        return "copy"
    link = _worded(pair, shared)
    return _signs(pair, shared) or link if link in (None, "wording") else link


def _worded(pair: Pair, shared: set[str]) -> str | None:
    a, b = pair.left, pair.right
    coarse = {a.value.granularity, b.value.granularity} & {"year", "month"}
    if len(shared) < (3 if coarse else 2):
        return None
    if not coarse and pair.same_story and _close_in_time(pair) and _leads(pair) \
            and len(_happenings(pair, shared)) >= LEAD_MIN_EVENT_WORDS:
        return "lead"
    if len(shared) >= 0.5 * min(len(a.context), len(b.context)):
        happenings = _happenings(pair, shared)
        if not coarse and len(happenings) >= RETOLD_MIN_EVENT_WORDS:
            return "retold"
        if happenings & set(lang.load("time")["once"]) and shared - happenings and _calendar(a.value) \
                and _calendar(b.value):
            return "once"
        return "wording" if happenings else None
    return None


def _signs(pair: Pair, shared: set[str]) -> str | None:
    """Signs besides wording that two clauses tell one event.
    "scheduled": articles of one story that both announce a coming happening and share what it is.
    "figure": articles of one story whose clauses give one figure (a score, a price) and share a
    word besides: the figure tells the happening.
    "clock": articles of one story that give one hour of the day beside their times and share
    what happened then.
    "once": a birth or death told of a pronoun that stands for whom the article's title names, or,
    in articles of one story, of one full name both clauses give while one tells the birth or
    death and the other's sentence does.
    "named": the times are attributes of one named thing ("the 2012 boat collision case").
    "within": a past event's short clause, full date and all, retold in the other sentence."""
    if pair.same_story and _scheduled(pair, shared):
        return "scheduled"
    if pair.same_story and _figure(pair, shared):
        return "figure"
    if pair.same_story and _same_hour(pair, shared):
        return "clock"
    if _once_of_title_subject(pair, shared) or _once_of_full_name(pair, shared):
        return "once"
    if _same_name(pair):
        return "named"
    if _retold_within(pair, shared):
        return "within"
    return None


def _once_of_title_subject(pair: Pair, shared: set[str]) -> bool:
    """"He died in Lisbon in 1972." in an article whose title names Ada Brun, beside "Ada Brun died
    on 3 May 1971": a sentence that opens with a pronoun is about whom the title names, so the
    two clauses tell one birth or death of one person when the other names that person in full."""
    if not (shared & set(lang.load("time")["once"]) and _calendar(pair.left.value) and _calendar(pair.right.value)):
        return False
    for doc, claim, other in ((pair.left_doc, pair.left, pair.right), (pair.right_doc, pair.right, pair.left)):
        words = sentence_words(sentence_of(doc, claim))
        if words and words[0].lower() in lang.load("time")["subject_pronouns"] \
                and len(_title_roots(doc.article.title or "") & _roots(other)) >= 2:
            return True
    return False


def _once_of_full_name(pair: Pair, shared: set[str]) -> bool:
    """"the April 8 founding of the Orla Vint Trust" beside "the Orla Vint Trust opened on April 18
    in the square, and it was founded by her pupils": articles of one story whose clauses both
    give one full name, where one tells what happens once (a birth, a death, a founding), which
    the other's sentence tells too, outside its clause but with no word of time order between
    ("talks at the Orla Vint Trust began on April 19, a day after it was founded" date the talks)."""
    if not pair.same_story or not (_calendar(pair.left.value) and _calendar(pair.right.value)):
        return False
    once = set(lang.load("time")["once"])
    left, right = _roots(pair.left) & once, _roots(pair.right) & once
    told = bool(left) and _tells_beside(pair.right_doc, pair.right, left) \
        or bool(right) and _tells_beside(pair.left_doc, pair.left, right)
    return told and _shared_full_name(pair, shared)


def _shared_full_name(pair: Pair, shared: set[str]) -> bool:
    """Whether both sentences give one name of two words or more, whose words both clauses
    share: "Brandt" in both with another word besides is not yet one name."""
    names = _full_names(sentence_of(pair.left_doc, pair.left)) & _full_names(sentence_of(pair.right_doc, pair.right))
    return any(_sentence_roots(name) <= shared for name in names)


@lru_cache(maxsize=1 << 14)
def _full_names(sentence: str) -> frozenset[str]:
    """The keys of the names of two words or more in a sentence."""
    return frozenset(k for name, _, _ in name_spans(sentence) if len((k := entities.key(name)).split()) >= 2)


def _tells_beside(doc: Doc, claim: Claim, roots: frozenset[str]) -> bool:
    """Whether the claim's sentence gives one of the roots with no word of time order ("after",
    "before", "when") between it and the claim's time."""
    sentence, start = sentence_and_start(doc, claim)
    at, end = claim.span.start - start, claim.span.end - start
    for position, root in _word_roots(sentence):
        if root in roots:
            between = (end, position) if position >= end else (position, at)
            if not _time_order().search(sentence, *between):
                return True
    return False


@cache
def _time_order() -> re.Pattern[str]:
    """The words that open a clause of time order or cause ("after", "when", "because")."""
    return re.compile(rf"\b(?:{'|'.join(lang.load('time')['clauses']['openers'])})\b", re.I)


@lru_cache(maxsize=1 << 14)
def _word_roots(sentence: str) -> tuple[tuple[int, str], ...]:
    """Each word's offset and root."""
    return tuple((m.start(), _root(stem(m.group()))) for m in WORD.finditer(sentence))


@lru_cache(maxsize=1 << 12)
def _title_roots(title: str) -> frozenset[str]:
    return frozenset(_root(w) for w in content_words(title))


def _retold_within(pair: Pair, shared: set[str]) -> bool:
    """Two full dates, year and all, where every word of one short clause is in the other's
    sentence ("Vance fled on May 3, 2005" beside "Vance became notorious when he fled from
    the courthouse on May 13, 2005"): a past event that articles retell as background."""
    if not all(_full_date(c) for c in (pair.left, pair.right)):
        return False
    for small, doc, other in ((pair.left, pair.right_doc, pair.right), (pair.right, pair.left_doc, pair.left)):
        words = _roots(small)
        if 2 <= len(words) <= len(_roots(other)) and words <= _sentence_roots(sentence_of(doc, other)) \
                and _happenings(pair, shared & words):
            return True
    return False


def _full_date(claim: Claim) -> bool:
    return claim.value.granularity == "day" and not claim.value.relative and re.search(_YEAR, claim.evidence) is not None


@lru_cache(maxsize=1 << 14)
def _sentence_roots(sentence: str) -> frozenset[str]:
    return frozenset(_root(w) for w in content_words(sentence))


def _same_name(pair: Pair) -> bool:
    """"A 2012 boat collision case" and "her June 2010 boat collision case": times that name a thing,
    as its attribute, date one thing when the names end in one noun and share another word."""
    a, b = _named(pair.left_doc, pair.left), _named(pair.right_doc, pair.right)
    if not a or not b or not (a[-1] == b[-1] or _derived(*sorted((a[-1], b[-1]), key=len))):
        return False
    return len(_shared_words(set(a), set(b))) >= 2


def _named(doc: Doc, claim: Claim) -> tuple[str, ...]:
    """The roots of the noun phrase a time is the attribute of: "Saturday's harbour regatta", "the
    2012 flood"; none when the time is no attribute ("in 2012 the town", "on Sunday police said")."""
    sentence, start = sentence_and_start(doc, claim)
    possessive = claim.evidence.endswith(("'s", "’s"))
    return _named_in(sentence, claim.span.start - start, claim.span.end - start, possessive)


@lru_cache(maxsize=1 << 14)
def _named_in(sentence: str, start: int, end: int, possessive: bool) -> tuple[str, ...]:
    before = sentence_words(sentence[:start])
    if not possessive and not (before and before[-1].lower() in lang.load("time")["determiners"]):
        return ()
    words = []
    for word in sentence_words(sentence[end:])[:4]:
        if not word[0].islower() or word in lang.stopwords() or not word.isalpha():
            break
        words.append(_root(stem(word)))
    return tuple(words)


# How far (in characters) from a time a clock time may stand and still tell its hour.
CLOCK_NEAR = 30
# How many minutes apart two clock times may be and still tell one moment.
CLOCK_MAX_MINUTES_APART = 60


def _same_hour(pair: Pair, shared: set[str]) -> bool:
    """Both times stand beside a clock time ("at 7.15am on Monday", "at about 8am on Thursday")
    within an hour of each other, and the clauses share two happenings besides the clock's own
    words: one happening at one hour of the day."""
    if len(shared - _clock_words()) < 2:
        return False
    a, b = _clocks(pair.left_doc, pair.left), _clocks(pair.right_doc, pair.right)
    if not any(abs(x - y) <= CLOCK_MAX_MINUTES_APART for x in a for y in b):
        return False
    return len(_happenings(pair, shared - _clock_words())) >= 2


@cache
def _clock_words() -> frozenset[str]:
    return frozenset(content_words(" ".join(lang.load("time")["day_halves"])))


@cache
def _clock() -> re.Pattern[str]:
    """A clock time, "9pm", "9.20 pm", "2:30 a.m.": the hour, minutes and half of the day, whose
    letters may each take a dot."""
    halves = "|".join(r"\.?\s?".join(map(re.escape, half)) for half in lang.load("time")["day_halves"])
    return re.compile(rf"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.]\s?(?P<minute>[0-5]\d))?\s?(?P<half>{halves})\b\.?", re.I)


def _clocks(doc: Doc, claim: Claim) -> frozenset[int]:
    sentence, start = sentence_and_start(doc, claim)
    return _clocks_near(sentence, claim.span.start - start, claim.span.end - start)


@lru_cache(maxsize=1 << 14)
def _clocks_near(sentence: str, start: int, end: int) -> frozenset[int]:
    """The minutes after midnight of the clock times near a time in its sentence."""
    near = sentence[max(0, start - CLOCK_NEAR):end + CLOCK_NEAR]
    minutes = set()
    halves = lang.load("time")["day_halves"]
    for m in _clock().finditer(near):
        hour = int(m.group("hour")) % 12 + halves[re.sub(r"\W", "", m.group("half")).lower()]
        minutes.add(hour * 60 + int(m.group("minute") or 0))
    return frozenset(minutes)


def _figure(pair: Pair, shared: set[str]) -> bool:
    """Both clauses give one figure and share a word besides; or one clause gives a figure that
    the other's sentence gives outside its clause ("Tekna bought Lumo for $6.8 billion, the firms
    announced Monday"), and they share a happening."""
    words = {w for w in shared if not w[0].isdigit()}
    if len(words) < len(shared):
        return bool(words)
    told = {f for f in pair.left.context if f[0].isdigit()} & _sentence_figures(sentence_of(pair.right_doc, pair.right)) \
        or {f for f in pair.right.context if f[0].isdigit()} & _sentence_figures(sentence_of(pair.left_doc, pair.left))
    return bool(told) and bool(_happenings(pair, words))


@lru_cache(maxsize=1 << 14)
def _sentence_figures(sentence: str) -> frozenset[str]:
    return frozenset(_figures(sentence))


@cache
def _future_roots() -> frozenset[str]:
    return frozenset(_root(stem(w)) for w in lang.load("time")["future"])


def _scheduled(pair: Pair, shared: set[str]) -> bool:
    """Both clauses announce a coming happening ("the vote, which is scheduled for May 4", "the vote
    is planned for May 14", "will sing at Saturday's concert") and share what it is and another word: a
    story's one planned happening. One word alone may be a step towards it ("the vote campaign is
    expected to open on March 2")."""
    future = _future_roots()
    return len(shared) >= 2 and _ahead(pair.left_doc, pair.left) and _ahead(pair.right_doc, pair.right) \
        and bool(_happenings(pair, shared - future))


def _ahead(doc: Doc, claim: Claim) -> bool:
    """A clause that tells a coming happening: a future word in it, or just before its time where
    a stop word ("will") is no event word."""
    if _roots(claim) & _future_roots():
        return True
    sentence, start = sentence_and_start(doc, claim)
    return _looks_ahead_in(sentence, claim.span.start - start)


@lru_cache(maxsize=1 << 14)
def _looks_ahead_in(sentence: str, at: int) -> bool:
    return _looks_ahead(sentence[:at])


def _calendar(when: When) -> bool:
    """A date as the calendar gives it, not resolved from "on Friday" or "three years ago"."""
    return when.start is not None and not when.relative


def _close_in_time(pair: Pair) -> bool:
    da, db = pair.left_doc.reference, pair.right_doc.reference
    return da is None or db is None or abs((da - db).days) <= RELATIVE_MAX_DAYS_APART


def _may_contradict(pair: Pair, link: str) -> bool:
    """Whether two differing times of one event are a contradiction rather than two events: a
    plain "wording" link also needs sentences alike enough to be about one fact."""
    if _both_mention_both(pair) or _dates_another_event(pair):
        return False
    if link == "lead" and _mentions_the_other(pair):
        return False  # a weak link: the article knows the other day, as another step of the story
    a, b = pair.left.value, pair.right.value
    if link != "wording" or a.elapsed_days is not None or b.elapsed_days is not None:
        return True
    return pair.sentence_similarity() >= MIN_SENTENCE_SIMILARITY


@per_text
def _claims(doc: Doc) -> tuple[Claim, ...]:
    return claims_of(doc, NAME, extract)


@per_text
def _values(doc: Doc) -> frozenset[str]:
    return frozenset(c.value_key for c in _claims(doc))


@per_text
def _lead(doc: Doc) -> int | None:
    """Where the first date or day of the lead is, if it gives one."""
    full = [s for s in doc.sentences if len(sentence_words(s.text)) >= LEAD_MIN_WORDS][:LEAD_SENTENCES]
    dated = [c.span.start for c in _claims(doc)
             if c.value.elapsed_days is None and any(s.start <= c.span.start < s.end for s in full)]
    return min(dated, default=None)


def _leads(pair: Pair) -> bool:
    return _lead(pair.left_doc) == pair.left.span.start and _lead(pair.right_doc) == pair.right.span.start


def _happenings(pair: Pair, shared: set[str]) -> set[str]:
    """The shared event words that are not names: those written in lower case in either
    sentence. Two facts about one person share the name; one event shares what happened."""
    lower = _lower_roots(sentence_of(pair.left_doc, pair.left)) | _lower_roots(sentence_of(pair.right_doc, pair.right))
    return {w for w in shared
            if w in lower or len(w) >= DERIVED_MIN_LETTERS and any(_derived(w, low) for low in lower)}


@lru_cache(maxsize=1 << 14)
def _lower_roots(sentence: str) -> frozenset[str]:
    """The roots of the words a sentence writes in lower case."""
    return frozenset(_root(stem(w)) for w in sentence_words(sentence) if w[0].islower())


def _both_mention_both(pair: Pair) -> bool:
    """Each article also states the other's value for some event: they differ on which event
    happened when, more likely than on when one event happened."""
    left, right = _values(pair.left_doc), _values(pair.right_doc)
    return pair.right.value_key in left and pair.left.value_key in right


def _mentions_the_other(pair: Pair) -> bool:
    """Either article gives the other's time to anything at all."""
    return (any(_agree(c.value, pair.right.value) for c in _claims(pair.left_doc))
            or any(_agree(c.value, pair.left.value) for c in _claims(pair.right_doc)))


def _agree(a: When, b: When) -> bool:
    result = _compare_when(a, b, True)
    return result is not None and result[0] == "agree"


def _dates_another_event(pair: Pair) -> bool:
    """One article gives the other's time to a related event ("landed Tuesday" beside "the
    concert on Sunday"): the two times belong to two events, and that article agrees on the other."""
    return (_states(pair.left_doc, pair.left, pair.right.value)
            or _states(pair.right_doc, pair.right, pair.left.value))


def _states(doc: Doc, claim: Claim, value: When) -> bool:
    event = _roots(claim)
    return any(c.span != claim.span and event & _roots(c) and _agree(c.value, value) for c in _claims(doc))


KIND = Kind(NAME, "Two articles date the same event differently (dates, weekdays, elapsed times).",
            extract, block_keys, compare, min_similarity=50)
