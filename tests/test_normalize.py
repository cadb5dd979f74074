"""consistency.normalize: names in articles, and entity subjects rewritten to one canonical key."""
from __future__ import annotations

import hashlib
from collections import Counter

from consistency.extract import analyse, extract
from consistency.kinds import KINDS
from consistency.model import Article
from consistency.normalize import article_entities, normalize

TEXT_A = ("On Monday, Russian President Vladimir Putin met envoys in March. "
          "Kremlin spokesman Dmitry Peskov said the talks in Geneva went well.")
TEXT_B = "Peskov told reporters in Geneva that Putin had not spoken with Trump about the talks."


def article(article_id: str, text: str) -> Article:
    return Article(id=article_id, path=article_id, title=article_id, source=None, published=None,
                   url=None, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def corpus(*texts: str):
    articles = [article(f"{n}.txt", t) for n, t in enumerate(texts)]
    raw = [c for a in articles for c in extract(analyse(a))]
    mentions = Counter(name for a in articles for name in article_entities(a.text))
    return raw, mentions


def test_article_entities_strip_titles_and_leave_out_days_and_months():
    assert article_entities(TEXT_A) == ["vladimir putin", "dmitry peskov", "geneva"]


def test_article_entities_keep_one_entry_per_mention():
    names = article_entities(TEXT_B + " Putin, Putin and Peskov.")
    assert Counter(names) == Counter({"putin": 3, "peskov": 2, "geneva": 1, "trump": 1})


def test_a_word_capitalised_only_where_a_sentence_opens_is_not_a_name():
    text = ("Additionally, the mayor thanked Jane Doe. \"Right now we wait,\" Doe said. Texas won. "
            "I'm told Paris agreed. Paris is far.")
    assert article_entities(text) == ["jane doe", "doe", "paris", "paris"]


def test_article_entities_drop_short_names_and_bare_titles():
    assert article_entities("The President met the EU envoy at the UN.") == []


def test_entity_subjects_become_canonical_keys():
    raw, mentions = corpus(TEXT_A, TEXT_B)
    claims, table = normalize(raw, mentions)
    assert table["putin"] == "vladimir putin"
    assert table["peskov"] == "dmitry peskov"
    people = {(c.kind, c.subject) for c in claims if KINDS[c.kind].entity_subject}
    assert ("role", "vladimir putin") in people
    assert ("role", "dmitry peskov") in people
    assert ("statement", "dmitry peskov") in people
    # No claim keeps a surface form with titles or capitals.
    for c in claims:
        if KINDS[c.kind].entity_subject:
            assert c.subject == c.subject.lower()
            assert "president" not in c.subject and "spokesman" not in c.subject


def test_only_subjects_change():
    raw, mentions = corpus(TEXT_A, TEXT_B)
    claims, _ = normalize(raw, mentions)
    assert len(claims) == len(raw)
    for before, after in zip(raw, claims):
        assert (after.kind, after.span, after.evidence, after.value_key, after.attribute) == \
               (before.kind, before.span, before.evidence, before.value_key, before.attribute)
        if not KINDS[before.kind].entity_subject:
            assert after.subject == before.subject


def test_claims_about_one_person_meet_across_articles():
    raw, mentions = corpus(TEXT_A, TEXT_B)
    claims, _ = normalize(raw, mentions)
    by_article = {(c.article_id, c.subject) for c in claims if c.kind == "statement"}
    assert ("0.txt", "dmitry peskov") in by_article
    assert ("1.txt", "dmitry peskov") in by_article


def test_aliases_override_the_corpus():
    raw, mentions = corpus(TEXT_A, TEXT_B)
    claims, table = normalize(raw, mentions, aliases={"Peskov": "Kremlin press office"})
    assert table["peskov"] == "kremlin press office"
    subjects = {c.subject for c in claims if c.article_id == "1.txt" and c.kind == "statement"}
    assert subjects == {"kremlin press office"}
    # The full name is not an alias, so claims naming it in full stay as they were.
    assert ("0.txt", "dmitry peskov") in {(c.article_id, c.subject) for c in claims if c.kind == "role"}


def test_normalize_of_nothing():
    assert normalize([], Counter()) == ([], {})


def test_acronym_and_joined_spellings_meet_across_articles():
    raw, mentions = corpus(
        "The Northern Fishing Union said on Monday that the harbour in Port Kellan would close. "
        "Dr. Amara Okafor, the union's chairwoman, said talks had failed.",
        "The NFU said the harbour would stay open. Okafor told reporters in Port Kellan that NFU "
        "members would vote. She said the Kestrel Works plant was safe.",
        "KestrelWorks and the NFU met in Port Kellan.")
    claims, table = normalize(raw, mentions)
    assert table["nfu"] == "northern fishing union"
    assert table["kestrelworks"] == table["kestrel works"]
    speakers = {(c.article_id, c.subject) for c in claims if c.kind == "statement"}
    assert {("0.txt", "northern fishing union"), ("1.txt", "northern fishing union")} <= speakers
    assert {("0.txt", "amara okafor"), ("1.txt", "amara okafor")} <= speakers
