"""What someone did or did not say: "Peskov neither confirmed nor denied", "Trump has not yet
publicly commented on whether he spoke with Putin", "Trump suggested that he had spoken with Putin".

A statement is subject + predicate class (confirm, deny, comment, acknowledge) + polarity + topic
words. Two statements of one subject contradict when their topics overlap (the same people and, when
both say what happened, the same happening) and one says the subject did what the other says it
did not (or one says confirmed where the other says denied).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterable

from consistency import entities, lang
from consistency.kinds.base import Doc, Kind, Pair, by_first_letter, case_blind, lowered
from consistency.model import Claim, Verdict
from consistency.text import WORD, Taken, content_words, name_spans, stem

NAME = "statement"
SUBJECT_WINDOW = 120
_QUOTE = re.compile(r"[“\"]([^“”\"]{3,600})[”\"]")
_PRONOUNS = re.compile(r"\b(?:I|we|he|she|they)\b")
# Before a predicate, what makes it not said, or a demand or plan rather than an act.
_NOT_DONE = re.compile(r"\b(?:not|must|should|would|could|will|may|might|to)\s+$|n't\s+$")


@dataclass(frozen=True)
class Statement:
    predicate: str
    positive: bool
    # Stemmed verbs of what was (not) said: "would not say why she left the tour" and "said
    # that she went to a clinic" are about one person but not about one thing.
    about: tuple[str, ...] = ()

    def key(self) -> str:
        return f"{self.predicate}:{'yes' if self.positive else 'no'}"

    def describe(self) -> str:
        past = {"confirm": "confirmed", "deny": "denied", "comment": "commented",
                "acknowledge": "acknowledged"}[self.predicate]
        return past if self.positive else f"did not {self.predicate}"


@cache
def _may_negate() -> re.Pattern[str]:
    """Searched in `lowered(sentence)` first: few sentences hold a negated predicate."""
    return case_blind(_patterns()[0])


@cache
def _may_state() -> re.Pattern[str]:
    """Any verb form of the patterns, searched in `lowered(sentence)` first: most sentences hold
    none. Without a word boundary before it, the search skips to the next possible first letter."""
    data = lang.load("statements")
    forms = {form for table in ("predicates", "negatable") for forms in data[table].values() for form in forms}
    return re.compile(by_first_letter(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms)))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    data = lang.load("statements")

    def alt(items: Iterable[str]) -> str:
        return by_first_letter(re.escape(i).replace(r"\ ", r"\s+") for i in sorted(set(items), key=len, reverse=True))

    negatable = {form: cls for cls, forms in data["negatable"].items() for form in forms}
    verbs = {form: cls for cls, forms in data["predicates"].items() for form in forms}
    fill = alt(data["negation"]["fillers"])
    aux = r"(?:(?:can|could|will|would|did|does|do|has|have)\s+(?:i|we|he|she|they|it)\s+)?"
    negative = re.compile(
        rf"\b(?:{alt(data['negation']['before'])})\s+{aux}(?:(?:{fill})\s+)*(?P<verb>{alt(negatable)})\b"
        rf"(?:\s*,?\s*(?:or|nor)\s+{aux}(?P<verb2>{alt(negatable)})\b)?", re.I)
    # Case-sensitive: a capitalised "States" or "Hints" is a name or a headline word, not a verb.
    positive = re.compile(rf"\b(?P<verb>{alt(verbs)})\b")
    return negative, positive, {**verbs, **negatable}


_SPEECH = r"(?:said|says|stated|added|told|wrote|explained|insisted|noted|recalled|warned|tweeted)"
_SPEAKER = r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3})"

_SPEAKER_AFTER = (re.compile(rf"[,\s]*{_SPEAKER}\s+{_SPEECH}\b"), re.compile(rf"[,\s]*{_SPEECH}\s+{_SPEAKER}"))
_SPEAKER_BEFORE = re.compile(rf"{_SPEAKER}\s+{_SPEECH}\s*[:,]?\s*$")


def speaker_of(text: str, q_start: int, q_end: int) -> tuple[str, int, int] | None:
    """The person a quote is attributed to: “...,” Peskov said / “...,” said Peskov / Peskov said: “...”."""
    for pattern in _SPEAKER_AFTER:
        m = pattern.match(text[q_end:q_end + 80])
        if m:
            return m.group("name"), q_end + m.start("name"), q_end + m.end("name")
    m = _SPEAKER_BEFORE.search(text[max(0, q_start - 80):q_start])
    if m:
        base = max(0, q_start - 80)
        return m.group("name"), base + m.start("name"), base + m.end("name")
    return None


_APPOSITIVE = re.compile(r"([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}),\s+(?:the|a|an)\s+[^,]{2,80},\s*$")


def _subject(sentence: str, before: int) -> tuple[str, int] | None:
    """The nearest name left of the predicate in its clause, skipping days and months."""
    time = lang.load("time")
    # Look back a clause's length at most: a subject is near its verb, and a bounded window keeps
    # a megabyte-long "sentence" linear.
    base = max(0, before - SUBJECT_WINDOW)
    left = sentence[base:before]
    # Only a window that ends in a comma can end in an appositive: most do not, and are not searched.
    appositive = _APPOSITIVE.search(left) if left.rstrip().endswith(",") else None
    if appositive:
        return appositive.group(1), base + appositive.start(1)
    for name, s, _ in reversed(name_spans(left, base)):
        first = name.split()[0].lower()
        if first in time["weekdays"] or first in time["months"] or name in ("I", "We", "He", "She", "They", "It"):
            continue
        if len(name) < 3:
            continue
        return name, s
    return None


def _verbs(text: str) -> tuple[str, ...]:
    """Words that look like verbs: lower-case -ed and -ing forms and the irregular forms of the
    lemma table ("went", "spoke"). Enough to tell what a reported clause says happened."""
    found = {verb for verb in map(_verb, WORD.findall(text)) if verb is not None}
    return tuple(sorted(found))


@lru_cache(maxsize=1 << 16)
def _verb(word: str) -> str | None:
    """The stem of a word that looks like a verb, else None; once per word."""
    if word.islower() and word not in lang.stopwords() \
            and (word in lang.load("text")["lemmas"] or len(word) > 4 and word.endswith(("ed", "ing"))):
        return stem(word)
    return None


_CLAUSE_END = re.compile(r"[,;!?]|(?<![A-Z])\.(?=\s|$)|\s[“\"]")


def _clause_end(text: str, end: int) -> int:
    """Evidence runs to the end of the clause, so it shows what was (not) said, not just the verb."""
    m = _CLAUSE_END.search(text[end:end + 160])
    clause = text[end:end + (m.start() if m else 160)]
    return end + len(clause.rstrip())


def extract(doc: Doc) -> list[Claim]:
    negative, positive, classes = _patterns()
    claims: list[Claim] = []
    previous = ""
    for sent in doc.sentences:
        text = sent.text
        if not _may_state().search(lowered(text)):
            previous = text
            continue
        found: list[tuple[int, int, str, bool]] = []
        covered = Taken()
        for m in negative.finditer(text) if _may_negate().search(lowered(text)) else ():
            covered.add(m.start(), m.end())
            for group in ("verb", "verb2"):
                if m.group(group):
                    found.append((m.start(), m.end(), classes[" ".join(m.group(group).lower().split())], False))
        for m in positive.finditer(text):
            # "not said", and "must acknowledge" or "to confirm": a demand or plan, not an act.
            if covered.overlaps(m.start(), m.end()) or _NOT_DONE.search(text[max(0, m.start() - 20):m.start()]):
                continue
            found.append((m.start(), m.end(), classes[" ".join(m.group("verb").lower().split())], True))
        quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(text)] if found else []
        for start, end, predicate, is_positive in found:
            quote = next(((qs, qe) for qs, qe in quotes if qs <= start < qe), None)
            if quote:
                if not _PRONOUNS.search(text[quote[0]:start]):
                    continue
                speaker = speaker_of(text, *quote)
                if not speaker:
                    continue
                subject = speaker[0]
                claim_start = quote[0]
                claim_end = max(end, speaker[2])
            else:
                found_subject = _subject(text, start)
                if not found_subject:
                    continue
                subject, claim_start = found_subject
                claim_end = _clause_end(text, end)
            # A quote's "this" and "it" point back to what the sentence before was about.
            topic_text = previous + " " + text[quote[0]:quote[1]] if quote else text[end:end + 160]
            topic = set(content_words(topic_text)[:10])
            topic |= {entities.key(n) for n, _, _ in name_spans(topic_text)}
            topic.discard(entities.key(subject))
            if len(topic) < 2:
                continue
            value = Statement(predicate, is_positive, _verbs(topic_text))
            claims.append(doc.claim(NAME, subject=subject, attribute=predicate, value=value, value_key=value.key(),
                                    start=sent.start + claim_start, end=sent.start + claim_end,
                                    display=value.describe(), context=tuple(sorted(topic))))
        previous = text
    return claims


def block_keys(claim: Claim) -> Iterable[str]:
    return (claim.subject,)


def _topics_overlap(a: Claim, b: Claim) -> set[str]:
    """Shared topic words, enough of them; when both topics say what happened, it must be the
    same happening (a shared verb), not only the same people."""
    if a.value.about and b.value.about and not set(a.value.about) & set(b.value.about):
        return set()
    shared = set(a.context) & set(b.context)
    if len(shared) >= 2 and len(shared) >= 0.4 * min(len(a.context), len(b.context)):
        return shared
    return set()


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    shared = _topics_overlap(pair.left, pair.right)
    if not shared:
        return None
    sides = f"{pair.left.subject}: {a.describe()} vs {b.describe()}"
    topic = ", ".join(sorted(shared))
    if a.predicate == b.predicate:
        if a.positive == b.positive:
            return Verdict("agree", f"{sides}. Same polarity on {topic}.")
        return Verdict("contradict", f"{sides}. Opposite polarity about the same topic ({topic}).")
    if {a.predicate, b.predicate} == {"confirm", "deny"} and a.positive and b.positive:
        return Verdict("contradict", f"{sides}. One says confirmed, the other denied ({topic}).")
    return None


KIND = Kind(NAME, "One source says someone confirmed, denied or commented; another says they did not.",
            extract, block_keys, compare, entity_subject=True)
