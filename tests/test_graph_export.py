"""Graph exports: GraphML and node-link JSON that other tools read back as the same graph, with
the same bytes on every run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

import consistency
from consistency import graph
from consistency.cli import app

ARTICLES = Path(__file__).resolve().parent.parent / "articles"


def export(name: str):
    return CliRunner().invoke(app, ["graph", "corpus", "--graphml", f"{name}.graphml",
                                    "--node-link", f"{name}.json"])


def test_exports_read_back_as_the_checked_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ARTICLES, tmp_path / "corpus")
    result = export("g")
    assert result.exit_code == 0, result.output
    expected = consistency.check("corpus").graph
    assert result.stdout == (
        f"graph: {expected.number_of_nodes()} nodes, {expected.number_of_edges()} edges\n"
    )

    linked = nx.node_link_graph(json.loads(Path("g.json").read_text(encoding="utf-8")), edges="links")
    from_graphml = nx.read_graphml("g.graphml", force_multigraph=True)
    for exported in (linked, from_graphml):
        assert exported.is_directed() and exported.is_multigraph()
        assert sorted(exported.nodes) == sorted(expected.nodes)
        assert sorted(exported.nodes(data=True)) == sorted(expected.nodes(data=True))
        assert sorted((u, v, d["type"]) for u, v, d in exported.edges(data=True)) == sorted(
            (u, v, d["type"]) for u, v, d in expected.edges(data=True)
        )
    contradicts = {d["fingerprint"] for _, _, d in linked.edges(data=True) if d["type"] == "contradicts"}
    assert contradicts == {f.fingerprint for f in consistency.check("corpus").findings}
    assert contradicts

    assert export("again").exit_code == 0
    assert Path("again.graphml").read_bytes() == Path("g.graphml").read_bytes()
    assert Path("again.json").read_bytes() == Path("g.json").read_bytes()


def test_graph_needs_somewhere_to_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["graph", str(ARTICLES)])
    assert result.exit_code == 2
    assert "give --graphml FILE, --node-link FILE or both" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_attributes_become_strings_or_numbers_and_edge_ids_are_unique():
    g = nx.MultiDiGraph()
    g.add_node("b", span=(3, 9), missing=None, count=2)
    g.add_node("a", value={"to": "2022-02", "from": "2022-02"})
    g.add_edge("a", "b", type="agrees")
    g.add_edge("a", "b", type="contradicts")

    data = graph.node_link(g)
    assert [n["id"] for n in data["nodes"]] == ["a", "b"]
    assert data["nodes"][0]["value"] == '{"from": "2022-02", "to": "2022-02"}'
    assert data["nodes"][1] == {"id": "b", "span": "[3, 9]", "count": 2}
    assert [(e["key"], e["type"]) for e in data["links"]] == [(0, "agrees"), (1, "contradicts")]

    text = graph.graphml(g)
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<graphml ")
    assert 'id="e0"' in text and 'id="e1"' in text
    back = nx.parse_graphml(text, force_multigraph=True)
    assert back.nodes["b"] == {"span": "[3, 9]", "count": 2}
