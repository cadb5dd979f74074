"""Stage 6: the claims, agreements and contradictions as one networkx graph.

Nodes: articles ("article:<id>"), entities ("entity:<key>") and claims (their ids). Edges:
`asserts` (article -> claim), `about` (claim -> entity), `agrees` and `contradicts` (claim ->
claim). Disputed facts are the connected components over `contradicts`; a fact reported by three
or more articles gets a consensus value and its outlier articles.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import networkx as nx

from consistency.kinds import KINDS
from consistency.model import Agreement, Article, Claim, Finding


@dataclass(frozen=True)
class Consensus:
    kind: str
    subject: str
    value: str
    agreeing: tuple[str, ...]
    outliers: tuple[tuple[str, str], ...]  # (article id, its value)


def build(articles: Sequence[Article], claims: Sequence[Claim], findings: Sequence[Finding],
          agreements: Sequence[Agreement]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for a in articles:
        g.add_node(f"article:{a.id}", type="article", label=a.title, source=a.source or "")
    for c in claims:
        g.add_node(c.id, type="claim", kind=c.kind, subject=c.subject, value=c.display, article=c.article_id,
                   key=json.dumps(c.value_key, sort_keys=True, default=str))
        g.add_edge(f"article:{c.article_id}", c.id, type="asserts")
        if KINDS[c.kind].entity_subject:
            g.add_node(f"entity:{c.subject}", type="entity", label=c.subject)
            g.add_edge(c.id, f"entity:{c.subject}", type="about")
    for ag in agreements:
        g.add_edge(ag.left.id, ag.right.id, type="agrees", kind=ag.kind)
    for f in findings:
        g.add_edge(f.left.id, f.right.id, type="contradicts", kind=f.kind, fingerprint=f.fingerprint,
                   status=f.status)
    return g


def _fact_graph(g: nx.MultiDiGraph, types: set[str]) -> nx.Graph:
    h = nx.Graph()
    h.add_edges_from((u, v) for u, v, d in g.edges(data=True) if d["type"] in types)
    return h


def disputed_facts(g: nx.MultiDiGraph) -> list[list[str]]:
    """Claim ids grouped by the contradictions that join them, largest group first."""
    comps = [sorted(c) for c in nx.connected_components(_fact_graph(g, {"contradicts"}))]
    return sorted(comps, key=lambda c: (-len(c), c))


def consensus(g: nx.MultiDiGraph) -> list[Consensus]:
    """For each disputed fact that three or more articles report, the majority value and the outliers."""
    out = []
    facts = _fact_graph(g, {"contradicts", "agrees"})
    for comp in nx.connected_components(facts):
        if not any(d["type"] == "contradicts" for u, v, d in g.subgraph(comp).edges(data=True)):
            continue
        # Values are told apart by their canonical key, not their display: "mayor" and
        # "mayor (Ashford)" are one value worded two ways.
        by_article: dict[str, tuple[str, str]] = {}
        for node in sorted(comp):
            data = g.nodes[node]
            by_article.setdefault(data["article"], (data["key"], data["value"]))
        if len(by_article) < 3:
            continue
        counts = Counter(k for k, _ in by_article.values())
        (key, top), *rest = counts.most_common()
        if rest and rest[0][1] == top:
            continue
        value = next(v for k, v in by_article.values() if k == key)
        first = g.nodes[sorted(comp)[0]]
        out.append(Consensus(
            kind=first["kind"], subject=first["subject"], value=value,
            agreeing=tuple(sorted(a for a, (k, _) in by_article.items() if k == key)),
            outliers=tuple(sorted((a, v) for a, (k, v) in by_article.items() if k != key))))
    return sorted(out, key=lambda c: (c.kind, c.subject, c.value))


def _exportable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy in sorted order with only string, number and boolean attributes, so both exports
    are the same bytes on every run and GraphML can declare a type for every attribute."""

    def plain(attrs: dict) -> dict:
        return {
            key: value if isinstance(value, (str, int, float, bool)) else
            json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
            for key, value in sorted(attrs.items())
            if value is not None
        }

    out = nx.MultiDiGraph()
    for node in sorted(g.nodes):
        out.add_node(node, **plain(g.nodes[node]))
    edges = sorted(g.edges(data=True), key=lambda e: (e[0], e[1], json.dumps(plain(e[2]), sort_keys=True)))
    for u, v, data in edges:
        out.add_edge(u, v, **plain(data))
    return out


def graphml(g: nx.MultiDiGraph) -> str:
    """The graph as a GraphML document (for Gephi, yEd, Cytoscape).

    Edges get ids e0, e1, ... in sorted order: networkx would use each edge's multigraph key,
    which repeats ("0") across the document.
    """
    h = _exportable(g)
    for i, (u, v, key) in enumerate(h.edges(keys=True)):
        h.edges[u, v, key]["id"] = f"e{i}"
    lines = nx.generate_graphml(h, edge_id_from_attribute="id")
    return "<?xml version='1.0' encoding='utf-8'?>\n" + "\n".join(lines) + "\n"


def node_link(g: nx.MultiDiGraph) -> dict:
    """The graph as node-link data (for d3 and `networkx.node_link_graph(data, edges="links")`)."""
    return nx.node_link_data(_exportable(g), edges="links")
