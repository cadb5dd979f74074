"""Who holds which title: "former U.S. President Donald Trump", "Dmitry Peskov, the Kremlin's
spokesman", "Mykhailo Podolyak, a senior adviser to Ukrainian President Volodymyr Zelensky".

A role is normalized to head title + rank + status + organisation. Two roles of one person with
the same head contradict when their statuses cannot hold at once (former vs current), their ranks
differ (deputy minister vs minister) or they name different countries; a narrower title ("senior
adviser" vs "adviser") agrees. Roles change over time, so articles dated far apart are not compared.
"Her former attorney" dates the relation to her, not the title, so it counts as historical ("then").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Iterable

from consistency import entities, lang
from consistency.kinds.base import Doc, Kind, Pair, by_first_letter, lowered
from consistency.model import Claim, Verdict
from consistency.text import WORD, words

NAME = "role"
# Words scanned left of a title for its status, rank and organisation ("former U.S. Deputy ...").
MAX_PREMODIFIERS = 6
MAX_DAYS_APART = 60
_SKIP_NAMES = frozenset(["The", "A", "An", "He", "She", "They", "It", "His", "Her", "In", "On", "At"])


@dataclass(frozen=True)
class Role:
    head: str
    rank: str = ""
    status: str = "current"
    org: str = ""
    country: str = ""

    def key(self) -> dict[str, str]:
        return {"head": self.head, "rank": self.rank, "status": self.status, "country": self.country}

    def describe(self) -> str:
        parts = [] if self.status == "current" else [self.status]
        parts += [p for p in (self.rank, self.head) if p]
        text = " ".join(parts)
        return f"{text} ({self.country or self.org})" if (self.country or self.org) else text


@cache
def _data() -> dict:
    return lang.load("roles")


@cache
def _title_pattern() -> re.Pattern[str]:
    """Titles in lower case, searched in `lowered(sentence)`: as blind to case as re.I on the
    sentence, without the cost of re.I on a long alternation."""
    titles = sorted((t.lower() for t in _data()["titles"]), key=len, reverse=True)
    alt = by_first_letter(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    # (?!\w), not \b: an abbreviated title ("Gov.") ends in a full stop.
    return re.compile(rf"\b(?P<title>{alt})(?P<elect>-elect)?(?!\w)")


# Month names that are also given names ("Theresa May", "Jan Kowalski") can start a name.
_NAME_MONTHS = frozenset(["jan", "may", "june", "april", "august"])


def _is_name_word(w: str) -> bool:
    lw = w.lower()
    return w[:1].isupper() and w not in _SKIP_NAMES and lw not in lang.load("time")["weekdays"] \
        and (lw not in lang.load("time")["months"] or lw in _NAME_MONTHS)


def _name_after(tokens: list[tuple[str, int, int]], i: int, text: str) -> tuple[int, int] | None:
    """Offsets of the capitalised run that starts at token i, if it is directly adjacent."""
    j = i
    while j < len(tokens) and j - i < 4 and _is_name_word(tokens[j][0]):
        if j > i and text[tokens[j - 1][2]:tokens[j][1]] not in (" ", " "):
            break
        j += 1
    if j == i:
        return None
    return tokens[i][1], tokens[j - 1][2]


def _modifiers(tokens: list[tuple[str, int, int]], i: int, text: str) -> tuple[int, Role]:
    """Scan left from the title at token i: status, rank, modifiers and organisation words."""
    data = _data()
    status, rank, org, country = "current", "", [], ""
    j = i - 1
    while j >= 0 and i - j <= MAX_PREMODIFIERS:
        w, s, e = tokens[j]
        gap = text[e:tokens[j + 1][1]]
        if gap not in (" ", "-", " "):
            break
        lw = w.lower().replace("’", "'")
        bare = lw.removesuffix("'s")
        if lw.rstrip("-") in data["status"] or lw + "-" in data["status"]:
            status = data["status"].get(lw, data["status"].get(lw + "-", status))
        elif lw in data["ranks"]:
            rank = lw
        elif lw in data["modifiers"]:
            pass
        elif lw in data["not_organisations"]:
            if lw in data["possessives"] and status != "current":
                status = "then"
            break
        elif w[:1].isupper() or lang.demonym(bare):
            org.insert(0, bare)
            country = country or lang.demonym(bare) or ""
        else:
            break
        j -= 1
    return j + 1, Role(head="", rank=rank, status=status, org=" ".join(org), country=country)


def _head(title: str) -> str:
    t = " ".join(title.lower().split())
    return _data()["synonyms"].get(t, t)


def _trailing_org(text: str) -> tuple[str, str]:
    """'to Ukrainian President X', 'of Russia': the organisation named after an appositive title."""
    m = re.match(r"\s+(?:of|to|for|at|with)\s+(?:the\s+)?([^,;.]{1,60})", text)
    if not m:
        return "", ""
    for w, _, _ in words(m.group(1)):
        c = lang.demonym(re.sub(r"['’]s$", "", w))
        if c:
            return m.group(1).strip(), c
    return m.group(1).strip(), ""


# "Jane Roe, a ": a name, a comma and an article, right before a title.
_NAME_AND_ARTICLE = re.compile(r"([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}),\s+(?:a|an|the)\s+$")


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    text = doc.article.text
    titles = _title_pattern()
    for sent in doc.sentences:
        matches = list(titles.finditer(lowered(sent.text)))
        if not matches:
            continue
        tokens = words(sent.text, sent.start)
        token_starts = [s for _, s, _ in tokens]
        for m in matches:
            title = sent.text[m.start("title"):m.end("title")]
            at = sent.start + m.start()
            # The token the title starts, or else the one it is glued to.
            k = bisect_right(token_starts, at) - 1
            t0 = k if k >= 0 and token_starts[k] == at else None
            prefix = ""
            if t0 is None:
                # "then-President", "ex-Governor": a status glued to the title by a hyphen.
                t0 = k if k >= 0 and tokens[k][2] > at else None
                prefix = text[tokens[t0][1]:at].lower() if t0 is not None else ""
                if prefix not in _data()["status"]:
                    continue
            t1 = t0 + len(WORD.findall(title))
            first, role = _modifiers(tokens, t0, text)
            if prefix:
                role = Role("", role.rank, _data()["status"][prefix], role.org, role.country)
            head = _head(title)
            if m.group("elect"):
                role = Role(role.head, role.rank, "elect", role.org, role.country)
            title_end = sent.start + m.end()
            after = text[title_end:sent.end]
            found = None
            introduces = title[:1].isupper() or bool(role.org) or role.status != "current"
            if t1 < len(tokens) and text[title_end:tokens[t1][1]] in (" ", " ") and introduces:
                found = _name_after(tokens, t1, text)
                if found:
                    found = (found, tokens[first][1], found[1])
            if not found and after.startswith(", ") and t1 < len(tokens):
                span = _name_after(tokens, t1, text)
                if span and text[span[1]:span[1] + 1] in (",", ".", ""):
                    found = (span, tokens[first][1], span[1])
            if not found:
                # "Name, a senior adviser": the name is within a few words before the title.
                base = max(sent.start, tokens[first][1] - 80) if first < len(tokens) else sent.start
                before = text[base:tokens[first][1]] if first < len(tokens) else ""
                # Most titles follow no article: they are not searched.
                am = _NAME_AND_ARTICLE.search(before) if before.rstrip().endswith(("a", "an", "the")) else None
                if am and am.group(1).split()[0].lower() not in lang.load("text")["sentence_openers"]:
                    org, country = _trailing_org(after)
                    if country or org:
                        role = Role(role.head, role.rank, role.status, role.org or org, role.country or country)
                    name = (base + am.start(1), base + am.end(1))
                    found = (name, name[0], title_end)
            if not found:
                continue
            (ns, ne), start, end = found
            person = text[ns:ne]
            if len(person) < 3 or entities.key(person) in lang.load("places")["demonyms"]:
                continue
            role = Role(head, role.rank, role.status, role.org, role.country)
            claims.append(doc.claim(NAME, subject=person, attribute=head, value=role, value_key=role.key(),
                                    start=start, end=end, display=role.describe(),
                                    context=(entities.key(person),)))
    return claims


def block_keys(claim: Claim) -> Iterable[str]:
    """One key per person and title; a name's inner spaces and hyphens vary between outlets
    ("Van Oort", "VanOort"), so they are left out of the key."""
    name = re.sub(r"[\s\-]", "", claim.subject.lower())
    return (f"{name}|{claim.attribute}",)


def _statuses_conflict(a: str, b: str) -> bool:
    return [a, b] in _data()["incompatible"] or [b, a] in _data()["incompatible"]


def compare(pair: Pair) -> Verdict | None:
    a, b = pair.left.value, pair.right.value
    da, db = pair.left_doc.reference, pair.right_doc.reference
    if da and db and abs((da - db).days) > MAX_DAYS_APART:
        return None
    reasons = []
    if _statuses_conflict(a.status, b.status):
        reasons.append(f"status {a.status} vs {b.status}")
    if a.rank != b.rank:
        reasons.append(f"rank {a.rank or 'none'} vs {b.rank or 'none'}")
    if a.country and b.country and a.country != b.country:
        reasons.append(f"country {a.country} vs {b.country}")
    sides = f"{pair.left.subject}: {a.describe()} vs {b.describe()}"
    if reasons:
        return Verdict("contradict", f"{sides}: {', '.join(reasons)} for the same person and title.")
    return Verdict("agree", f"{sides}: compatible.")


KIND = Kind(NAME, "One person is given incompatible titles (former vs current, deputy vs full, another country).",
            extract, block_keys, compare, entity_subject=True)
