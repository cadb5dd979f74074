"""Sources over time: story families of syndicated copies, updates versus conflicts, consensus
counted by independent sources, and agreement per source.

tests/data/sources/ holds small written corpora:
- wire/: a wire story (2024-05-06) and three light rewrites; north-ledger.md (2024-05-08, the
  latest) changed "40 homes" to "60 homes".
- toll/: an earthquake toll reported on three days: 12, then 15, then 21 killed. same-day.md gives
  18 on the day coast-news.md gives 15; lower-later.md gives 9 after all of them.
- revisions/: Helen Ortiz as mayor (January), former mayor (February), mayor again (March); a
  bridge costing $40 million (May), then $55 million "in revised estimates" (June).
- consensus/: five outlets on a warehouse fire, hill-post.md the one that says 25 warehouses, not 14;
  hill-post-copy.md (outside the folder) is a syndicated copy of it.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from consistency import Settings, check, graph, report, sources
from consistency.cli import app
from consistency.model import Agreement, Article, Claim, Finding, Family, Span
from consistency.text import WORD

DATA = Path(__file__).parent / "data" / "sources"
WIRE, TOLL, REVISIONS, CONSENSUS = (DATA / name for name in ("wire", "toll", "revisions", "consensus"))
DOCS = Path(__file__).parents[1] / "docs" / "json-format.md"


def dated_evidence(update) -> list[tuple[str, str]]:
    return [(day.isoformat(), claim.evidence) for day, claim in update.timeline]


# --- story families ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wire():
    return check(WIRE)


def test_wire_story_and_its_rewrites_are_one_family(wire):
    assert [f.to_dict() for f in wire.families] == [{
        "id": "family:1",
        "members": ["north-ledger.md", "river-courier.md", "valley-times.md", "wire-service.md"],
        "original": "wire-service.md"}]
    assert wire.to_dict()["families"] == [f.to_dict() for f in wire.families]


def test_an_edited_number_is_an_edit_of_the_copy(wire):
    [finding] = wire.findings  # one edited copy against the three others
    assert (finding.left.article_id, finding.left.evidence) == ("north-ledger.md", "60 homes")
    assert [c.evidence for c in finding.sides[1:]] == ["40 homes"] * 3
    assert finding.relation == "edit of copy"
    assert "north-ledger.md, dated 2024-05-08, is the later copy" in finding.explanation
    assert "copies of one story (family:1)" in finding.explanation
    assert {f["relation"] for f in wire.to_dict()["findings"]} == {"edit of copy"}


def test_undated_copies_say_edit_between_copies(tmp_path):
    for path in WIRE.iterdir():
        text = path.read_text(encoding="utf-8")
        (tmp_path / path.name).write_text(re.sub(r"(?m)^published: .*\n", "", text), encoding="utf-8")
    result = check(tmp_path)
    [family] = result.families
    assert family.original is None and len(family.members) == 4
    assert [(f.relation, len(f.sides)) for f in result.findings] == [("edit between copies", 4)]
    assert all("dates do not say which came first" in f.explanation for f in result.findings)


def test_reports_of_one_story_in_their_own_words_are_not_copies():
    assert check(TOLL).families == ()
    assert check(CONSENSUS).families == ()


def article(id: str, text: str) -> Article:
    return Article(id=id, path=id, title=id, source=None, published=None, url=None, text=text, sha256="")


STORY = ("The harbour board approved a plan on Monday to dredge the main channel so that larger "
         "container ships can dock at the port, and work will begin in the autumn once the last "
         "permits are granted by the regional water authority, a spokeswoman for the board said.")


def test_a_truncated_copy_joins_its_family_and_short_texts_never_do():
    other = ("Fans queued through the night outside the stadium box office for tickets to the "
             "final, which sold out within an hour of going on sale on Friday morning, the club "
             "said, adding that a second batch would be released next week for season ticket holders.")
    articles = [
        article("full.md", STORY),
        article("truncated.md", STORY[:STORY.index(" once the last")] + "."),
        article("other.md", other),
        article("brief.md", "The harbour board approved a plan on Monday."),
        article("brief-copy.md", "The harbour board approved a plan on Monday."),
    ]
    assert sources.story_families(articles, {}) == (Family("family:1", ("full.md", "truncated.md")),)


class States(dict):
    """A store of the last run's values in memory, as `consistency.cache.ClaimCache` keeps them."""

    def get_state(self, name):
        return self.get(name)

    def put_state(self, name, value):
        self[name] = value


def test_shingles_are_word_five_grams_blind_to_case_and_an_edited_number_changes_five():
    text = "Officials said that the storm flooded 40 homes in the harbour district on Monday night."
    assert len(sources.shingles(text)) == len(WORD.findall(text)) - 4
    assert (sources.shingles(text.upper()) == sources.shingles(text)).all()
    edited = sources.shingles(text.replace("40", "41"))
    assert len(set(sources.shingles(text).tolist()) - set(edited.tolist())) == 5


def test_a_store_keeps_signatures_and_verdicts_so_a_rerun_shingles_only_what_changed(monkeypatch):
    articles = [article("full.md", STORY), article("truncated.md", STORY[:STORY.index(" once the last")] + "."),
                article("brief.md", "The harbour board approved a plan on Monday.")]
    keys = {a.id: f"key of {a.id}" for a in articles}
    store = States()
    expected = sources.story_families(articles, {})
    assert sources.story_families(articles, {}, store, keys) == expected
    signatures, verdicts = store["families"]
    assert set(signatures) == set(keys.values()) and verdicts == {("key of full.md", "key of truncated.md"): True}
    shingled = []
    real = sources.shingles
    monkeypatch.setattr(sources, "shingles", lambda text: shingled.append(text) or real(text))
    assert sources.story_families(articles, {}, store, keys) == expected
    assert shingled == []
    edited = [articles[0], article("truncated.md", STORY[:STORY.index(" once the last")] + " today."), articles[2]]
    assert sources.story_families(edited, {}, store, keys | {"truncated.md": "key of the edit"}) == expected
    assert len(shingled) == 2  # the edited article, and its candidate partner for the containment test


def test_families_become_graph_nodes_with_member_of_edges(wire):
    g = wire.graph
    assert g.nodes["family:1"]["type"] == "family"
    members = sorted(u for u, v, d in g.edges(data=True) if d["type"] == "member_of")
    assert members == [f"article:{m}" for m in wire.families[0].members]
    back = nx.node_link_graph(graph.node_link(g), edges="links")
    assert {u for u, v, d in back.edges(data=True) if d["type"] == "member_of" and v == "family:1"} == set(members)
    assert "member_of" in graph.graphml(g)


# --- updates versus conflicts ------------------------------------------------------------------

def test_a_death_toll_rising_over_three_days_is_an_update_not_a_finding():
    result = check(TOLL)
    assert result.findings == ()
    [update] = result.updates
    assert dated_evidence(update) == [("2024-03-04", "12 people"), ("2024-03-05", "15 people"),
                                      ("2024-03-06", "21 people")]
    assert update.reasons == ("the running count of people grew",)
    assert len(update.fingerprints) == 3
    [entry] = result.to_dict()["updates"]
    texts = {a.id: a.text for a in result.articles}
    assert [(t["date"], t["value"]) for t in entry["timeline"]] == [
        ("2024-03-04", "12"), ("2024-03-05", "15"), ("2024-03-06", "21")]
    assert all(texts[t["article"]][t["start"]:t["end"]] == t["text"] for t in entry["timeline"])


def test_updates_as_findings_keeps_them_as_labelled_findings():
    result = check(TOLL, Settings(updates_as_findings=True))
    assert len(result.findings) == 3
    assert {f.relation for f in result.findings} == {"update"}
    [update] = result.updates
    assert sorted(f.fingerprint for f in result.findings) == list(update.fingerprints)
    finding = next(f for f in result.findings if {f.left.article_id, f.right.article_id} == {
        "harbour-post.md", "coast-news.md"})
    assert "coast-news.md (2024-03-05) is dated after harbour-post.md (2024-03-04)" in finding.explanation


def test_the_cli_flag_turns_updates_into_failing_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1", "TERM": "dumb"})
    quiet = runner.invoke(app, ["check", str(TOLL), "--json", "out.json"])
    assert quiet.exit_code == 0, quiet.output
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["updates"]) == 1
    strict = runner.invoke(app, ["check", str(TOLL), "--updates-as-findings"])
    assert strict.exit_code == 1, strict.output
    assert "FAIL: 3 new finding(s)" in strict.stdout


def test_a_later_copy_with_a_higher_toll_is_an_edit_not_an_update(tmp_path):
    text = (TOLL / "harbour-post.md").read_text(encoding="utf-8")
    copy = text.replace("2024-03-04", "2024-03-05").replace("killed 12 people", "killed 15 people")
    (tmp_path / "harbour-post-copy.md").write_text(copy, encoding="utf-8")
    result = check([TOLL / "harbour-post.md", tmp_path / "harbour-post-copy.md"])
    assert result.updates == ()
    [finding] = result.findings
    assert finding.relation == "edit of copy"
    assert "harbour-post-copy.md, dated 2024-03-05, is the later copy" in finding.explanation


def test_the_same_toll_differing_on_the_same_day_is_a_finding():
    result = check([TOLL / "coast-news.md", DATA / "same-day.md"])
    assert result.updates == ()
    [finding] = result.findings
    assert {finding.left.evidence, finding.right.evidence} == {"15 people", "18 people"}
    assert finding.relation is None


def test_a_toll_that_falls_later_is_a_finding():
    result = check([TOLL / "harbour-post.md", DATA / "lower-later.md"])
    assert result.updates == ()
    [finding] = result.findings
    assert {finding.left.evidence, finding.right.evidence} == {"12 people", "9 people"}


def test_a_mayor_later_called_former_is_an_update_and_back_again_is_a_finding():
    moved_on = check([REVISIONS / "library-opens.md", REVISIONS / "library-award.md"])
    assert moved_on.findings == ()
    [update] = moved_on.updates
    assert dated_evidence(update) == [("2024-01-10", "Mayor Helen Ortiz"), ("2024-02-20", "former Mayor Helen Ortiz")]
    assert update.reasons == ("the status moved on from current to former",)
    back = check([REVISIONS / "library-award.md", REVISIONS / "library-anniversary.md"])
    assert back.updates == ()
    assert [f.kind for f in back.findings] == ["role"]


def test_a_revised_figure_is_an_update_and_without_the_word_a_finding(tmp_path):
    revised = check([REVISIONS / "bridge-plan.md", REVISIONS / "bridge-costs.md"])
    assert revised.findings == ()
    [update] = revised.updates
    assert dated_evidence(update) == [("2024-05-02", "$40 million"), ("2024-06-10", "$55 million")]
    assert update.reasons == ("the later article says “revised” near it",)
    plain = (REVISIONS / "bridge-costs.md").read_text(encoding="utf-8").replace("In revised estimates, the", "The")
    (tmp_path / "bridge-costs.md").write_text(plain, encoding="utf-8")
    result = check([REVISIONS / "bridge-plan.md", tmp_path / "bridge-costs.md"])
    assert result.updates == ()
    [finding] = result.findings
    assert {finding.left.evidence, finding.right.evidence} == {"$40 million", "$55 million"}


# --- consensus and agreement per source ---------------------------------------------------------

def test_five_sources_one_outlier():
    result = check(CONSENSUS)
    [fact] = graph.consensus(result.graph)
    assert fact.value == "14 warehouses (“14 warehouses”)"
    assert fact.agreeing == ("border-news.md", "kelso-record.md", "southern-echo.md", "tweed-daily.md")
    assert fact.outliers == (("hill-post.md", "25 warehouses (“25 warehouses”)"),)
    assert fact.independent == 5


def test_copies_of_the_outlier_do_not_outvote_an_independent_source():
    result = check([CONSENSUS / "kelso-record.md", CONSENSUS / "hill-post.md", DATA / "hill-post-copy.md"])
    assert [f.members for f in result.families] == [("hill-post-copy.md", "hill-post.md")]
    # Disputed by two sources only: one finding, and no one stands alone.
    finding, = result.findings
    assert finding.left.article_id == "kelso-record.md"
    assert finding.explanation.startswith("kelso-record.md and one story in 2 copies disagree, one source against one.")
    assert graph.consensus(result.graph) == []


def test_a_family_counts_once_in_the_consensus():
    result = check([CONSENSUS / "kelso-record.md", CONSENSUS / "border-news.md", CONSENSUS / "hill-post.md",
                    DATA / "hill-post-copy.md"])
    [fact] = graph.consensus(result.graph)
    assert fact.independent == 3
    assert fact.agreeing == ("border-news.md", "kelso-record.md")
    assert [a for a, _ in fact.outliers] == ["hill-post-copy.md", "hill-post.md"]


def claim(article_id: str, value: str) -> Claim:
    return Claim(kind="role", article_id=article_id, subject="helen ortiz", attribute="mayor", value=value,
                 value_key=value, span=Span(article_id, 0, 5), evidence="Mayor", display=value)


def test_agreement_rate_per_source_leaves_out_copies_and_updates():
    arts = [Article(i, i, i, source, None, None, "Mayor", "") for i, source in (
        ("a.md", "Herald"), ("b.md", "Herald"), ("c.md", None), ("d.md", "Gazette"), ("e.md", "Gazette"))]
    a, b, c, d, e = (claim(x.id, "mayor") for x in arts)
    agreements = [Agreement("role", a, c, ""), Agreement("role", b, c, ""), Agreement("role", d, e, ""),
                  Agreement("role", a, d, "")]
    findings = [Finding("role", c, d, "", "1"), Finding("role", a, e, "", "2", relation="update")]
    rates = sources.agreement_rates(arts, findings, agreements, [Family("family:1", ("d.md", "e.md"))])
    # Herald: a-c, b-c, a-d; c.md (no source) is named by its id; d-e are copies; a-e is an update.
    assert [(r.source, r.agreements, r.contradictions) for r in rates] == [
        ("Gazette", 1, 1), ("Herald", 3, 0), ("c.md", 2, 1)]
    assert [r.rate for r in rates] == [0.5, 1.0, 2 / 3]


# --- report and documentation ------------------------------------------------------------------

def test_report_shows_families_timeline_consensus_and_rates():
    result = check([WIRE, TOLL, CONSENSUS])
    view = report.build_view(result)
    assert [f.id for f in view.families] == ["family:1"]
    assert [m.original for m in view.families[0].members] == [False, False, False, True]
    [timeline] = view.updates
    assert [(s.date, s.side.evidence) for s in timeline.steps] == [
        ("2024-03-04", "12 people"), ("2024-03-05", "15 people"), ("2024-03-06", "21 people")]
    assert [c.outliers[0].title for c in view.consensus] == ["Huge fire at Kelso estate"]
    rates = {r.source: (r.agreements, r.contradictions, r.percent) for r in view.rates}
    assert rates["Hill Post"] == (0, 4, "0%")
    assert rates["North Ledger"] == (0, 3, "0%")
    html = report.render_html(result)
    assert html.count('<span class="badge relation">edit of copy</span>') == 1
    sources_section = html.split('<section id="sources"', 1)[1].split("</section>", 1)[0]
    assert sources_section.index("2024-03-04") < sources_section.index("2024-03-05") < sources_section.index("2024-03-06")
    assert "The earthquake killed <mark>21 people</mark> in the coastal town" in sources_section
    assert "Storm flattens homes in Marlow</a> <span class=\"meta\">(Wire Service, 2024-05-06, original)" in sources_section


def documented_fields(section: str) -> set[str]:
    text = DOCS.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return {name for row in re.findall(r"^\| (`[^|]+`) \|", body, re.M) for name in re.findall(r"`(\w+)`", row)}


def test_json_format_doc_names_every_update_and_family_field():
    doc = check([WIRE, TOLL]).to_dict()
    [update] = doc["updates"]
    assert documented_fields("`updates[]`") == set(update) | set(update["timeline"][0])
    assert documented_fields("`families[]`") == set(doc["families"][0])
    assert date.fromisoformat(update["timeline"][0]["date"])


def test_a_folder_of_one_text_many_times_is_one_family_from_a_linear_number_of_candidates(monkeypatch):
    text = " ".join(f"The harbour board met on day {n} to discuss the new ferry timetable." for n in range(12))
    articles = [Article(f"{n:03}.md", f"{n:03}.md", "t", None, None, None, text, "") for n in range(300)]
    candidates = []
    real = sources._candidates
    monkeypatch.setattr(sources, "_candidates", lambda ids, sigs: candidates.extend(real(ids, sigs)) or candidates)
    family, = sources.story_families(articles, {a.id: None for a in articles})
    assert len(family.members) == 300
    assert len(candidates) < 600  # all pairs would be 44,850
