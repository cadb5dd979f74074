"""Helpers to run one kind's extractor on a short text written for the test."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from consistency.extract import analyse
from consistency.model import Article


def make_doc(text: str, published: date | None = None, article_id: str = "a.txt"):
    article = Article(id=article_id, path=article_id, title=text.split("\n", 1)[0], source=None,
                      published=published, url=None, text=text,
                      sha256=hashlib.sha256(text.encode()).hexdigest())
    return analyse(article)


@pytest.fixture
def doc():
    return make_doc
