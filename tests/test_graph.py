"""consistency.graph: the claim graph, disputed facts and consensus with outliers.

tests/data/graph/five/ holds five short reports of one statement by Dmitry Peskov; four call him
the Kremlin spokesman, examiner.md calls him the former spokesman. gazette.md is a second
"former" report, kept outside the folder so a run can pick two against two. mayor/ words one
role two ways ("Mayor Helen Ortiz", "Helen Ortiz, the mayor of Ashford") beside a "former" outlier.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from consistency import check, graph
from consistency.kinds import KINDS

DATA = Path(__file__).parent / "data" / "graph"
FIVE = DATA / "five"
DEMO = Path(__file__).parents[1] / "articles"


@pytest.fixture(scope="module")
def five():
    result = check(FIVE)
    assert result.errors == ()
    assert [a.id for a in result.articles] == ["agence.md", "bulletin.md", "courier.md", "dispatch.md",
                                               "examiner.md"]
    return result


def edges(g, kind: str) -> list[tuple[str, str, dict]]:
    return [(u, v, d) for u, v, d in g.edges(data=True) if d["type"] == kind]


def test_node_and_edge_types(five):
    g = five.graph
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    assert types == {"article": 5, "claim": len(five.claims), "entity": 1}
    assert {n for n, d in g.nodes(data=True) if d["type"] == "entity"} == {"entity:dmitry peskov"}
    assert {d["type"] for _, _, d in g.edges(data=True)} == {"asserts", "about", "agrees", "contradicts"}
    for a in five.articles:
        assert g.nodes[f"article:{a.id}"]["label"] == a.title


def test_every_claim_is_asserted_by_its_article(five):
    g = five.graph
    asserts = edges(g, "asserts")
    assert len(asserts) == len(five.claims)
    for c in five.claims:
        assert g.nodes[c.id]["article"] == c.article_id
        assert (f"article:{c.article_id}", c.id) in {(u, v) for u, v, _ in asserts}


def test_entity_claims_are_about_their_subject_and_times_are_not():
    result = check(DEMO)
    g = result.graph
    about = {(u, v) for u, v, _ in edges(g, "about")}
    kinds = {c.kind for c in result.claims}
    assert "time" in kinds and "role" in kinds
    for c in result.claims:
        if KINDS[c.kind].entity_subject:
            assert (c.id, f"entity:{c.subject}") in about
        else:
            assert not [v for u, v in about if u == c.id]


def test_agreements_and_contradictions_become_edges(five):
    g = five.graph
    agrees = {frozenset((u, v)) for u, v, _ in edges(g, "agrees")}
    assert agrees == {frozenset((ag.left.id, ag.right.id)) for ag in five.agreements}
    contradicts = edges(g, "contradicts")
    assert {(u, v) for u, v, _ in contradicts} == {(f.left.id, side.id) for f in five.findings for side in f.sides[1:]}
    for _, _, d in contradicts:
        assert d["status"] == "new"
        assert d["fingerprint"] in {f.fingerprint for f in five.findings}


def test_disputed_facts_group_claims_joined_by_contradictions(five):
    facts = graph.disputed_facts(five.graph)
    roles = sorted(c.id for c in five.claims if c.kind == "role")
    assert len(roles) == 5
    assert facts == [roles]


def test_consensus_names_the_majority_and_the_outlier(five):
    [found] = graph.consensus(five.graph)
    assert found.kind == "role"
    assert found.subject == "dmitry peskov"
    assert found.value == "spokesperson (russia)"
    assert found.agreeing == ("agence.md", "bulletin.md", "courier.md", "dispatch.md")
    assert found.outliers == (("examiner.md", "former spokesperson (russia)"),)


def test_no_consensus_on_a_tie():
    result = check([FIVE / "agence.md", FIVE / "bulletin.md", FIVE / "examiner.md", DATA / "gazette.md"])
    assert len(graph.disputed_facts(result.graph)) == 1
    assert graph.consensus(result.graph) == []


def test_no_consensus_with_fewer_than_three_articles():
    result = check([FIVE / "agence.md", FIVE / "examiner.md"])
    assert len(result.findings) == 1
    assert graph.disputed_facts(result.graph) == [sorted([result.findings[0].left.id,
                                                          result.findings[0].right.id])]
    assert graph.consensus(result.graph) == []


def test_three_against_one_still_has_a_consensus():
    result = check([FIVE / "agence.md", FIVE / "courier.md", FIVE / "examiner.md", FIVE / "dispatch.md"])
    [found] = graph.consensus(result.graph)
    assert found.agreeing == ("agence.md", "courier.md", "dispatch.md")
    assert [a for a, _ in found.outliers] == ["examiner.md"]


def test_no_contradictions_no_disputed_facts():
    result = check([FIVE / "agence.md", FIVE / "bulletin.md", FIVE / "courier.md"])
    assert result.findings == ()
    assert edges(result.graph, "agrees")
    assert graph.disputed_facts(result.graph) == []
    assert graph.consensus(result.graph) == []


def test_one_value_in_two_wordings_is_not_an_outlier():
    # b.md names the town ("mayor of Ashford"), the others do not; all three agree on the role.
    result = check(DATA / "mayor")
    displays = {c.article_id: c.display for c in result.claims if c.kind == "role"}
    assert displays["a.md"] != displays["b.md"]
    [found] = graph.consensus(result.graph)
    assert found.subject == "helen ortiz"
    assert found.agreeing == ("a.md", "b.md", "c.md")
    assert found.outliers == (("d.md", displays["d.md"]),)
    assert found.value == displays["a.md"]
