"""Stage 2: articles -> claims. Each registered kind reads the same analysed `Doc`.

The reference date that anchors relative time ("three years ago", "on Monday") is settled here,
once per article: the publication date from metadata, else a dateline near the top of the text,
else unknown (and the claims stay relative, and the report says so).
"""
from __future__ import annotations

import re
from datetime import date

from consistency import lang
from consistency.kinds import KINDS, Doc
from consistency.model import Article, Claim
from consistency.text import sentences

_DATELINE_WINDOW = 400


def reference_date(article: Article) -> tuple[date | None, str]:
    if article.published:
        return article.published, "metadata"
    months = lang.load("time")["months"]
    alt = "|".join(sorted(months, key=len, reverse=True))
    head = article.text[:_DATELINE_WINDOW]
    m = re.search(rf"(?m)^(?:[^\n]{{0,40}}?[\-–—,|]\s*)?(?P<month>{alt})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", head, re.I)
    if m:
        try:
            return date(int(m.group("year")), months[m.group("month").lower()], int(m.group("day"))), "dateline"
        except ValueError:
            pass
    m = re.search(r"(?m)^\W{0,3}(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b", head)
    if m:
        try:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), "dateline"
        except ValueError:
            pass
    return None, "unknown"


def analyse(article: Article) -> Doc:
    ref, source = reference_date(article)
    return Doc(article=article, sentences=tuple(sentences(article.text)), reference=ref, reference_source=source)


def extract(doc: Doc) -> list[Claim]:
    claims: list[Claim] = []
    for kind in KINDS.values():
        claims.extend(kind.extract(doc))
    return sorted(claims, key=lambda c: (c.span.start, c.span.end, c.kind, c.attribute))
