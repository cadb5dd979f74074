"""Stage 6: the claims, agreements and contradictions as one networkx graph.

Nodes: articles ("article:<id>"), entities ("entity:<key>"), claims (their ids) and story families
("family:<n>", copies of one story). Edges: `asserts` (article -> claim), `about` (claim -> entity),
`agrees` and `contradicts` (claim -> claim), `member_of` (article -> family). Disputed facts are the
connected components over `contradicts`; a fact reported by three or more independent sources (a
story family counts once) gets a consensus value and its outlier articles.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import networkx as nx

from consistency.kinds import KINDS
from consistency.model import Agreement, Article, Claim, Family, Finding


@dataclass(frozen=True)
class Consensus:
    kind: str
    subject: str
    value: str
    agreeing: tuple[str, ...]
    outliers: tuple[tuple[str, str], ...]  # (article id, its value)
    independent: int  # sources that report the fact, a story family counted once


def build(articles: Sequence[Article], claims: Sequence[Claim], findings: Sequence[Finding],
          agreements: Sequence[Agreement], families: Sequence[Family] = ()) -> nx.MultiDiGraph:
    nodes: list[tuple[str, dict]] = []
    edges: list[tuple[str, str, dict]] = []
    for a in articles:
        nodes.append((f"article:{a.id}", {"type": "article", "label": a.title, "source": a.source or ""}))
    for c in claims:
        claim_id = c.id
        nodes.append((claim_id, {"type": "claim", "kind": c.kind, "subject": c.subject, "value": c.display,
                                 "article": c.article_id, "key": json.dumps(c.value_key, sort_keys=True, default=str)}))
        edges.append((f"article:{c.article_id}", claim_id, {"type": "asserts"}))
        if KINDS[c.kind].entity_subject:
            nodes.append((f"entity:{c.subject}", {"type": "entity", "label": c.subject}))
            edges.append((claim_id, f"entity:{c.subject}", {"type": "about"}))
    for ag in agreements:
        edges.append((ag.left.id, ag.right.id, {"type": "agrees", "kind": ag.kind}))
    for f in findings:
        for side in f.sides[1:]:
            edges.append((f.left.id, side.id, {"type": "contradicts", "kind": f.kind, "fingerprint": f.fingerprint,
                                               "status": f.status}))
    for family in families:
        nodes.append((family.id, {"type": "family", "label": f"{len(family.members)} copies of one story",
                                  "original": family.original}))
        edges += [(f"article:{member}", family.id, {"type": "member_of"}) for member in family.members]
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    # Keys as networkx would number them one edge at a time (0, 1, ... per ordered pair of nodes),
    # given here so that adding in bulk skips its search for a free key.
    seen: Counter[tuple[str, str]] = Counter()
    keyed = []
    for u, v, data in edges:
        keyed.append((u, v, seen[(u, v)], data))
        seen[(u, v)] += 1
    g.add_edges_from(keyed)
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
    """For each disputed fact that three or more independent sources report, the majority value and
    the outliers. Copies of one story are one source: each family votes once for each value its
    members give, so syndication cannot outvote independent reporting."""
    out = []
    family = {u: v for u, v, d in g.edges(data=True) if d["type"] == "member_of"}
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
        votes: dict[str, set[str]] = {}
        for article, (key, _) in by_article.items():
            node = f"article:{article}"
            votes.setdefault(family.get(node, node), set()).add(key)
        if len(votes) < 3:
            continue
        counts = Counter(k for keys in votes.values() for k in keys)
        (key, top), *rest = counts.most_common()
        if rest and rest[0][1] == top:
            continue
        value = next(v for k, v in by_article.values() if k == key)
        first = g.nodes[sorted(comp)[0]]
        out.append(Consensus(
            kind=first["kind"], subject=first["subject"], value=value,
            agreeing=tuple(sorted(a for a, (k, _) in by_article.items() if k == key)),
            outliers=tuple(sorted((a, v) for a, (k, v) in by_article.items() if k != key)),
            independent=len(votes)))
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
