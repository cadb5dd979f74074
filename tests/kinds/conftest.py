"""Helpers to run one kind's extractor on a short text written for the test."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from consistency.extract import analyse
from consistency.kinds.base import Pair
from consistency.model import Article


def make_doc(text: str, published: date | None = None, article_id: str = "a.txt"):
    article = Article(id=article_id, path=article_id, title=text.split("\n", 1)[0], source=None,
                      published=published, url=None, text=text,
                      sha256=hashlib.sha256(text.encode()).hexdigest())
    return analyse(article)


def make_pair(kind, text_a: str, text_b: str, published_a: date | None = None, published_b: date | None = None,
              same_story: bool = True) -> Pair:
    """The first claim `kind` extracts from each of two one-sentence articles, as a pair to compare."""
    doc_a, doc_b = make_doc(text_a, published_a, "a.txt"), make_doc(text_b, published_b, "b.txt")
    return Pair(kind.extract(doc_a)[0], kind.extract(doc_b)[0], doc_a, doc_b, same_story)


@pytest.fixture
def doc():
    return make_doc
