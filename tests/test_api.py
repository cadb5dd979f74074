"""consistency.check, the library API: findings on the demo corpus and on small written corpora,
the format-1 JSON document, spans that point into the text, and byte-stable output."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import consistency
from consistency import Settings, check

DEMO = Path(__file__).parents[1] / "articles"
DATA = Path(__file__).parent / "data" / "api"

ARTICLE_KEYS = {"id", "path", "title", "source", "published", "url", "sha256", "reference_date",
                "reference_source"}
CLAIM_KEYS = {"id", "kind", "article", "subject", "attribute", "value", "text", "start", "end"}
FINDING_KEYS = {"fingerprint", "kind", "status", "explanation", "sides", "relation"}
SIDE_KEYS = {"article", "claim", "text", "start", "end", "value"}
ERROR_KEYS = {"path", "message"}


@pytest.fixture(scope="module")
def demo():
    return check(DEMO)


def by_kind(result, kind: str):
    found = [f for f in result.findings if f.kind == kind]
    assert len(found) == 1, [f.explanation for f in result.findings]
    return found[0]


# --- the demo corpus ---------------------------------------------------------------------------

def test_demo_corpus_has_exactly_two_findings(demo):
    assert demo.errors == ()
    assert len(demo.articles) == 2
    assert all(a.published is None for a in demo.articles)
    assert sorted(f.kind for f in demo.findings) == ["statement", "time"]
    assert demo.new_findings == demo.findings


def test_demo_time_finding_is_the_elapsed_time_of_the_war(demo):
    finding = by_kind(demo, "time")
    assert {finding.left.evidence, finding.right.evidence} == {
        "three years ago", "nears the two-and-a-half-year mark"}
    assert finding.left.article_id != finding.right.article_id
    assert "three years ago" in finding.explanation
    assert "two-and-a-half-year" in finding.explanation


def test_demo_statement_finding_is_whether_trump_commented(demo):
    finding = by_kind(demo, "statement")
    assert finding.left.subject == finding.right.subject == "donald trump"
    values = {c.article_id: c.value_key for c in (finding.left, finding.right)}
    assert values == {
        "kremlin-ambiguity-trump-claims-progress.txt": "comment:yes",
        "kremlin-cryptic-stance-putin-trump-contacts.txt": "comment:no",
    }
    said_not = finding.right if finding.right.value_key == "comment:no" else finding.left
    assert said_not.evidence.startswith("Trump, who has not yet publicly commented")
    assert "putin" in finding.explanation.lower()


def test_demo_reference_dates_are_unknown(demo):
    doc = demo.to_dict()
    assert [(a["reference_date"], a["reference_source"]) for a in doc["articles"]] == [
        (None, "unknown"), (None, "unknown")]


# --- the JSON document -------------------------------------------------------------------------

def test_to_dict_has_the_format_1_keys(demo):
    doc = demo.to_dict()
    assert set(doc) == {"format", "tool", "articles", "claims", "findings", "errors", "updates", "families", "fixed"}
    assert doc["format"] == 1
    assert doc["tool"] == {"name": "consistency", "version": consistency.__version__}
    assert doc["articles"] and doc["claims"] and doc["findings"]
    for a in doc["articles"]:
        assert set(a) == ARTICLE_KEYS
    for c in doc["claims"]:
        assert set(c) == CLAIM_KEYS
    for f in doc["findings"]:
        assert set(f) == FINDING_KEYS
        assert len(f["sides"]) == 2
        for side in f["sides"]:
            assert set(side) == SIDE_KEYS
    assert doc["errors"] == []


def test_to_dict_is_plain_json(demo):
    doc = demo.to_dict()
    assert json.loads(json.dumps(doc)) == doc


def test_every_span_slices_its_article_text(demo):
    texts = {a.id: a.text for a in demo.articles}
    doc = demo.to_dict()
    assert len(doc["claims"]) == len(demo.claims)
    for c in doc["claims"]:
        assert texts[c["article"]][c["start"]:c["end"]] == c["text"]
        assert c["start"] < c["end"]
    for f in doc["findings"]:
        for side in f["sides"]:
            assert texts[side["article"]][side["start"]:side["end"]] == side["text"]
    claim_ids = {c["id"] for c in doc["claims"]}
    assert {s["claim"] for f in doc["findings"] for s in f["sides"]} <= claim_ids


def test_same_input_gives_the_same_json():
    first = json.dumps(check(DEMO).to_dict(), sort_keys=True)
    second = json.dumps(check(DEMO).to_dict(), sort_keys=True)
    assert first == second


def test_check_accepts_a_list_of_files(demo):
    files = sorted(DEMO.iterdir())
    result = check([str(f) for f in files])
    assert [f.fingerprint for f in result.findings] == [f.fingerprint for f in demo.findings]


def test_check_reports_a_missing_path_as_an_error(tmp_path):
    result = check([DEMO, tmp_path / "nowhere.md"])
    assert len(result.articles) == 2
    assert [e.path for e in result.errors] == [str(tmp_path / "nowhere.md")]
    assert set(result.to_dict()["errors"][0]) == ERROR_KEYS


# --- small written corpora ---------------------------------------------------------------------

def test_weekday_contradiction_between_two_dated_articles():
    result = check(DATA / "contradiction")
    assert result.errors == ()
    assert [a.published for a in result.articles] == [date(2024, 3, 8), date(2024, 3, 8)]
    finding = by_kind(result, "time")
    assert (finding.left.evidence, finding.right.evidence) == ("on Tuesday", "on Thursday")
    assert (finding.left.value_key, finding.right.value_key) == ("2024-03-05", "2024-03-07")
    assert "earthquake" in finding.left.context and "earthquake" in finding.right.context
    assert result.to_dict()["articles"][0]["reference_source"] == "metadata"


def test_agreeing_articles_in_different_words_give_no_finding():
    result = check(DATA / "agreement")
    assert result.errors == ()
    assert len(result.articles) == 3
    assert result.findings == ()
    # The agreements are found, not merely missed: the date and the mayor's role meet.
    agreed = {(ag.kind, frozenset((ag.left.evidence, ag.right.evidence))) for ag in result.agreements}
    assert ("time", frozenset(("on Tuesday", "March 5"))) in agreed
    assert ("role", frozenset(("Mayor Helen Ortiz", "Helen Ortiz, the mayor"))) in agreed


def test_baseline_setting_labels_known_findings(tmp_path):
    first = check(DATA / "contradiction")
    [finding] = [f for f in first.findings if f.kind == "time"]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"format": 1, "known": [], "accepted": [{
        "fingerprint": finding.fingerprint, "reason": "the Herald corrected it", "by": "desk",
        "at": "2024-03-09"}]}), encoding="utf-8")
    result = check(DATA / "contradiction", Settings(baseline=baseline, today=date(2024, 3, 10)))
    [labelled] = [f for f in result.findings if f.fingerprint == finding.fingerprint]
    assert labelled.status == "accepted"
    [entry] = [f for f in result.to_dict()["findings"] if f["fingerprint"] == finding.fingerprint]
    assert entry["status"] == "accepted"
    assert entry["accepted"]["reason"] == "the Herald corrected it"
    assert labelled not in result.new_findings


def test_options_are_settings_fields():
    by_keyword = check(DEMO, jobs=1)
    by_settings = check(DEMO, Settings(jobs=1))
    assert json.dumps(by_keyword.to_dict(), sort_keys=True) == json.dumps(by_settings.to_dict(), sort_keys=True)
    with pytest.raises(TypeError):
        check(DEMO, Settings(), jobs=1)
    with pytest.raises(TypeError):
        check(DEMO, no_such_option=True)
