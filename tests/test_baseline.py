"""The baseline: a stable, sorted file, and the new / known / accepted / fixed labels it drives."""

from __future__ import annotations

import json
from datetime import date

import pytest

from consistency import baseline as bl
from consistency.model import Claim, Finding, Span

TODAY = date(2024, 6, 10)


def finding(
    fingerprint: str, kind: str = "event_date", left: str = "b", right: str = "a"
) -> Finding:
    def side(article_id: str, value: str) -> Claim:
        return Claim(
            kind,
            article_id,
            "event:invasion",
            "date",
            value,
            value,
            Span(article_id, 0, 4),
            "text",
            value,
        )

    return Finding(
        kind,
        side(left, "2022-02"),
        side(right, "2024-08"),
        f"2022-02 vs 2024-08 ({fingerprint[:1]})",
        fingerprint,
    )


FP_NEW, FP_KNOWN, FP_ACCEPTED, FP_GONE = ("1" * 64, "2" * 64, "3" * 64, "4" * 64)


def sample() -> bl.Baseline:
    known = bl.updated(bl.Baseline(), [finding(FP_GONE), finding(FP_KNOWN, kind="role")])
    return bl.accept(
        known, FP_ACCEPTED, "  both true at the time  ", by="editor", at=date(2024, 6, 1)
    )


def test_missing_file_is_an_empty_baseline(tmp_path):
    assert bl.load(tmp_path / "nope.json") == bl.Baseline()


def test_round_trip_is_equal_sorted_and_stable(tmp_path):
    path = tmp_path / "sub" / "baseline.json"
    written = bl.accept(
        sample(), "0" * 64, "old story", by="ed", at="2024-05-01", expires="2024-12-31"
    )
    bl.write(path, written)
    text = path.read_text(encoding="utf-8")
    assert bl.load(path) == written
    bl.write(path, bl.load(path))
    assert path.read_text(encoding="utf-8") == text  # rewriting changes nothing
    assert text.endswith("}\n") and text.startswith('{\n  "accepted": [\n    {\n')
    doc = json.loads(text)
    assert doc["format"] == 1
    assert [e["fingerprint"] for e in doc["known"]] == [FP_KNOWN, FP_GONE]
    assert [e["fingerprint"] for e in doc["accepted"]] == ["0" * 64, FP_ACCEPTED]
    assert doc["known"][0] == {
        "articles": ["a", "b"],
        "fingerprint": FP_KNOWN,
        "kind": "role",
        "subject": "event:invasion",
        "summary": "2022-02 vs 2024-08 (2)",
    }
    assert doc["accepted"][1] == {
        "at": "2024-06-01",
        "by": "editor",
        "fingerprint": FP_ACCEPTED,
        "reason": "both true at the time",
    }
    assert doc["accepted"][0]["expires"] == "2024-12-31"
    assert [p.name for p in path.parent.iterdir()] == ["baseline.json"]


def test_apply_labels_new_known_accepted_and_fixed():
    findings, fixed = bl.apply(
        [finding(FP_NEW), finding(FP_KNOWN), finding(FP_ACCEPTED)], sample(), TODAY
    )
    assert [(f.fingerprint, f.status) for f in findings] == [
        (FP_NEW, "new"),
        (FP_KNOWN, "known"),
        (FP_ACCEPTED, "accepted"),
    ]
    assert findings[2].accepted == {
        "reason": "both true at the time",
        "by": "editor",
        "at": "2024-06-01",
    }
    assert findings[0].accepted is None
    assert fixed == (FP_GONE,)


def test_expired_acceptance_makes_the_finding_new_again():
    accepted = bl.accept(
        bl.Baseline(), FP_ACCEPTED, "checked", by="ed", at="2024-01-01", expires="2024-06-10"
    )
    (on_last_day,), _ = bl.apply([finding(FP_ACCEPTED)], accepted, date(2024, 6, 10))
    (after,), _ = bl.apply([finding(FP_ACCEPTED)], accepted, date(2024, 6, 11))
    assert on_last_day.status == "accepted" and on_last_day.accepted["expires"] == "2024-06-10"
    assert after.status == "new" and after.accepted is None


def test_accepting_moves_a_known_finding_out_of_known():
    base = bl.updated(bl.Baseline(), [finding(FP_KNOWN)])
    accepted = bl.accept(base, FP_KNOWN, "fine", by="ed", at="2024-06-01")
    assert FP_KNOWN not in accepted.known and FP_KNOWN in accepted.accepted
    assert FP_KNOWN in base.known  # the input is left alone


def test_updated_records_current_findings_and_keeps_acceptances():
    labelled, _ = bl.apply([finding(FP_NEW), finding(FP_ACCEPTED)], sample(), TODAY)
    fresh = bl.updated(sample(), labelled)
    assert sorted(fresh.known) == [FP_NEW]
    assert fresh.accepted == sample().accepted


@pytest.mark.parametrize("reason", ["", "   "])
def test_accept_requires_a_reason(reason):
    with pytest.raises(bl.BaselineError, match="needs a reason"):
        bl.accept(bl.Baseline(), FP_NEW, reason, by="ed", at="2024-06-01")


def test_accept_rejects_a_bad_date():
    with pytest.raises(bl.BaselineError, match="bad date"):
        bl.accept(bl.Baseline(), FP_NEW, "ok", by="ed", at="2024-06-01", expires="next year")


ACCEPTED = {"fingerprint": "x", "reason": "r", "by": "e", "at": "2024-01-01"}


def with_accepted(*entries: dict) -> str:
    return json.dumps({"format": 1, "known": [], "accepted": list(entries)})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "JSON object"),
        ('{"format": 2, "known": [], "accepted": []}', "unsupported baseline format 2"),
        ('{"format": 1, "known": {}, "accepted": []}', "'known' must be a list"),
        (
            '{"format": 1, "known": [{"fingerprint": "x"}], "accepted": []}',
            "known\\[0\\] lacks kind",
        ),
        (with_accepted({**ACCEPTED, "reason": ""}), "empty reason"),
        (with_accepted({**ACCEPTED, "expires": "soon"}), "bad date"),
        (with_accepted(ACCEPTED, ACCEPTED), "lists x twice"),
    ],
)
def test_malformed_file_raises_one_line_error(tmp_path, text, message):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(bl.BaselineError, match=message) as error:
        bl.load(path)
    assert "\n" not in str(error.value) and str(path) in str(error.value)
