"""The HTML report: one self-contained, deterministic file a person can open from disk.

Data first: `build_view` turns a RunResult into plain dataclasses in which every piece of article
text is already split into before / evidence / after strings, so the template only loops and
prints and Jinja's autoescaping covers all article data. The only markup marked safe is our own
CSS and JavaScript, and the Content-Security-Policy pins the script's hash, so no other script
can run even if some article text slipped through unescaped.
"""

from __future__ import annotations

import base64
import glob
import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
from markupsafe import Markup

from consistency import graph as graph_mod
from consistency import sources
from consistency.model import Article, Claim, Finding, RunResult

STATUSES = ("new", "known", "accepted")
CONTEXT_CHARS = 240  # the most context shown on each side of an evidence span
PALETTE_SIZE = 8  # colour classes c0..c7 in report.css, assigned to kinds in sorted order
UNKNOWN_SOURCE = "source unknown"

# A sentence ends at . ! ? or … (with closing quotes) before whitespace, or at a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|(?=\n)")
# A full stop that ends an initialism ("U.S.") or a title ("Mr.") does not end the sentence.
_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Prof)\.)$"
)


@dataclass(frozen=True)
class Side:
    article_anchor: str
    title: str
    source: str
    date: str
    before: str
    evidence: str
    after: str
    display: str


@dataclass(frozen=True)
class Card:
    anchor: str
    fingerprint: str
    kind: str
    subject: str
    status: str
    relation: str
    explanation: str
    sides: tuple[Side, ...]
    sources_json: str  # JSON list, read by the source filter
    accepted_by: str
    accepted_at: str
    accepted_reason: str
    accepted_expires: str


@dataclass(frozen=True)
class Segment:
    """A run of article text; `css` and `title` are set when the run is a claim's evidence."""

    text: str
    css: str = ""
    title: str = ""


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    id: str
    title: str
    source: str
    date: str
    path: str
    url: str
    claims: int
    findings: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str
    title: str
    href: str
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor


@dataclass(frozen=True)
class Edge:
    path: str
    label: str
    label_x: float
    label_y: float
    href: str
    title: str
    status: str


@dataclass(frozen=True)
class Graph:
    left: float
    top: float
    width: float
    height: float
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class Count:
    label: str
    count: int
    css: str = ""


@dataclass(frozen=True)
class Reporter:
    """One article's value for a fact, linking to the article."""

    article_anchor: str
    title: str
    source: str
    value: str


@dataclass(frozen=True)
class ConsensusRow:
    """A disputed fact that three or more sources report: what most say and who says otherwise."""

    kind: str
    subject: str
    value: str
    independent: int
    agreeing: tuple[Reporter, ...]
    outliers: tuple[Reporter, ...]


@dataclass(frozen=True)
class Member:
    article_anchor: str
    title: str
    source: str
    date: str
    original: bool


@dataclass(frozen=True)
class FamilyView:
    """Copies of one story: one source, however many outlets print it."""

    id: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Step:
    """One dated value on a fact's timeline, its evidence in its sentence."""

    date: str
    side: Side


@dataclass(frozen=True)
class Timeline:
    kind: str
    subject: str
    reasons: tuple[str, ...]
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Rate:
    source: str
    agreements: int
    contradictions: int
    percent: str


@dataclass(frozen=True)
class Unreadable:
    path: str
    reason: str


@dataclass(frozen=True)
class Report:
    version: str
    generated: str
    csp: str
    css: Markup
    script: Markup
    totals: tuple[Count, ...]
    by_status: tuple[Count, ...]
    by_kind: tuple[Count, ...]
    errors: tuple[Unreadable, ...]
    fixed: tuple[str, ...]
    consensus: tuple[ConsensusRow, ...]
    families: tuple[FamilyView, ...]
    updates: tuple[Timeline, ...]
    rates: tuple[Rate, ...]
    cards: tuple[Card, ...]
    kinds: tuple[str, ...]
    sources: tuple[str, ...]
    entities: tuple[str, ...]
    legend: tuple[Count, ...]
    graph: Graph | None
    articles: tuple[ArticleView, ...]


def render_html(result: RunResult, generated: str | None = None) -> str:
    """The report as one HTML string; `generated` is the only timestamp it may contain."""
    return (
        _environment().get_template("report.html.j2").render(report=build_view(result, generated))
    )


def write_html(result: RunResult, path: str | Path) -> None:
    """Render, then write atomically: a failed render leaves any previous report untouched."""
    write_text_atomic(path, render_html(result))


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write through a temporary file in the same folder and `os.replace`, so readers only ever
    see the old file or the complete new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_orphans(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _remove_orphans(path: Path) -> None:
    """Delete temporary files that killed writers of `path` left behind. The writer's pid is in
    the name, so a file whose writer still runs (this run's twin in another process) is kept."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:-len(".tmp")]
        if pid.isdigit() and not _running(int(pid)):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("consistency", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _asset(name: str) -> str:
    return (resources.files("consistency") / "templates" / name).read_text(encoding="utf-8")


def content_security_policy(script: str) -> str:
    """Allow exactly our inline script, by hash, and nothing from the network."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src data:"
    )


def _generated(generated: str | None) -> str:
    if generated is not None:
        return generated
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return ""  # unset, or not a count of seconds: no timestamp rather than a wrong one
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_view(result: RunResult, generated: str | None = None) -> Report:
    """Everything the template prints, sorted, with all text already split and measured."""
    script = _asset("report.js")
    articles = {article.id: article for article in result.articles}
    findings = sorted(
        result.findings,
        key=lambda f: (
            STATUSES.index(f.status) if f.status in STATUSES else len(STATUSES),
            f.kind,
            f.left.subject,
            f.fingerprint,
        ),
    )
    kinds = tuple(sorted({c.kind for c in result.claims} | {f.kind for f in findings}))
    palette = {kind: f"kind-{_slug(kind)} c{i % PALETTE_SIZE}" for i, kind in enumerate(kinds)}
    cards = tuple(_card(finding, articles) for finding in findings)
    status_counts = Counter(f.status for f in findings)
    kind_counts = Counter(f.kind for f in findings)
    claims_of: dict[str, list[Claim]] = defaultdict(list)
    for c in result.claims:
        claims_of[c.article_id].append(c)
    disputes = Counter(a for f in findings for a in {side.article_id for side in f.sides})
    return Report(
        version=result.version,
        generated=_generated(generated),
        csp=content_security_policy(script),
        css=Markup(_asset("report.css")),
        script=Markup(script),
        totals=(
            Count("articles", len(result.articles)),
            Count("claims", len(result.claims)),
            Count("matched facts", len(result.agreements) + len(findings)),
            Count("agreements", len(result.agreements)),
            Count("findings", len(findings)),
        ),
        by_status=tuple(Count(s, status_counts[s], f"status-{s}") for s in STATUSES)
        + (Count("fixed", len(result.fixed), "status-fixed"),),
        by_kind=tuple(
            Count(kind, kind_counts[kind], palette[kind]) for kind in sorted(kind_counts)
        ),
        errors=tuple(
            Unreadable(e.path, (e.message.strip().splitlines() or [""])[0])
            for e in sorted(result.errors, key=lambda e: (e.path, e.message))
        ),
        fixed=tuple(sorted(result.fixed)),
        consensus=_consensus(result, articles),
        families=_families(result, articles),
        updates=tuple(
            Timeline(u.kind, u.subject, u.reasons,
                     tuple(Step(day.isoformat(), _side(c, articles.get(c.article_id))) for day, c in u.timeline))
            for u in result.updates
        ),
        rates=_rates(result),
        cards=cards,
        kinds=tuple(sorted(kind_counts)),
        sources=tuple(sorted({s.source for card in cards for s in card.sides})),
        entities=tuple(sorted({card.subject for card in cards})),
        legend=tuple(Count(kind, 0, palette[kind]) for kind in kinds),
        graph=_graph(findings, articles),
        articles=tuple(
            _article_view(a, claims_of[a.id], disputes[a.id], palette)
            for a in sorted(result.articles, key=lambda a: a.id)
        ),
    )


def _consensus(result: RunResult, articles: dict[str, Article]) -> tuple[ConsensusRow, ...]:
    """Consensus needs the claim graph; a result built without one simply has none to show."""
    if result.graph is None:
        return ()

    def reporter(article_id: str, value: str) -> Reporter:
        article = articles.get(article_id)
        return Reporter(
            article_anchor=article_anchor(article_id),
            title=article.title if article else article_id,
            source=_source(article),
            value=value,
        )

    return tuple(
        ConsensusRow(
            kind=fact.kind,
            subject=fact.subject,
            value=fact.value,
            independent=fact.independent,
            agreeing=tuple(reporter(a, fact.value) for a in fact.agreeing),
            outliers=tuple(reporter(a, value) for a, value in fact.outliers),
        )
        for fact in graph_mod.consensus(result.graph)
    )


def _families(result: RunResult, articles: dict[str, Article]) -> tuple[FamilyView, ...]:
    def member(article_id: str, original: bool) -> Member:
        article = articles.get(article_id)
        reference = result.references.get(article_id, (None, ""))[0]
        return Member(
            article_anchor=article_anchor(article_id),
            title=article.title if article else article_id,
            source=_source(article),
            date=reference.isoformat() if reference else "date unknown",
            original=original,
        )

    return tuple(
        FamilyView(family.id, tuple(member(m, m == family.original) for m in family.members))
        for family in result.families
    )


def _rates(result: RunResult) -> tuple[Rate, ...]:
    """Shown when two or more sources were compared: one source alone has nobody to agree with."""
    rates = sources.agreement_rates(result.articles, result.findings, result.agreements, result.families)
    if len(rates) < 2:
        return ()
    return tuple(Rate(r.source, r.agreements, r.contradictions, f"{r.rate:.0%}") for r in rates)


def finding_anchor(finding: Finding) -> str:
    return f"f-{finding.fingerprint[:16]}"


def article_anchor(article_id: str) -> str:
    """Article ids are paths; a hash makes a valid, stable fragment id out of any of them."""
    return "a-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:12]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _date(article: Article | None) -> str:
    return article.published.isoformat() if article and article.published else "date unknown"


def _source(article: Article | None) -> str:
    return article.source if article and article.source else UNKNOWN_SOURCE


def _card(finding: Finding, articles: dict[str, Article]) -> Card:
    sides = tuple(_side(side, articles.get(side.article_id)) for side in finding.sides)
    accepted = finding.accepted or {}
    return Card(
        anchor=finding_anchor(finding),
        fingerprint=finding.fingerprint,
        kind=finding.kind,
        subject=finding.left.subject,
        status=finding.status,
        relation=finding.relation or "",
        explanation=finding.explanation,
        sides=sides,
        sources_json=json.dumps(sorted({side.source for side in sides}), ensure_ascii=False),
        accepted_by=str(accepted.get("by", "")),
        accepted_at=str(accepted.get("at", "")),
        accepted_reason=str(accepted.get("reason", "")),
        accepted_expires=str(accepted.get("expires", "") or ""),
    )


def _side(claim: Claim, article: Article | None) -> Side:
    if article is None or not 0 <= claim.span.start <= claim.span.end <= len(article.text):
        before, evidence, after = "", claim.evidence, ""
    else:
        before, evidence, after = sentence_parts(article.text, claim.span.start, claim.span.end)
    return Side(
        article_anchor=article_anchor(claim.article_id),
        title=article.title if article else claim.article_id,
        source=_source(article),
        date=_date(article),
        before=before,
        evidence=evidence,
        after=after,
        display=claim.display,
    )


def _sentence_ends(text: str, pos: int, endpos: int):
    for match in _SENTENCE_END.finditer(text, pos, endpos):
        if match.group() == "." and _ABBREVIATION.search(
            text, max(0, match.start() - 12), match.end()
        ):
            continue
        yield match


def sentence_parts(text: str, start: int, end: int) -> tuple[str, str, str]:
    """Split the sentence(s) around text[start:end] into before / evidence / after, clipping very
    long context at a word boundary with an ellipsis."""
    low = 0
    for match in _sentence_ends(text, 0, start):
        low = match.end()
    while low < start and text[low].isspace():
        low += 1
    high = next((m.end() for m in _sentence_ends(text, end, len(text))), len(text))
    before, after = text[low:start], text[end:high].rstrip()
    if len(before) > CONTEXT_CHARS:
        cut = before[-CONTEXT_CHARS:]
        before = "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut
    if len(after) > CONTEXT_CHARS:
        cut = after[:CONTEXT_CHARS]
        after = (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"
    return before, text[start:end], after


def _article_view(
    article: Article, claims: list[Claim], findings: int, palette: dict[str, str]
) -> ArticleView:
    own = sorted(claims, key=lambda c: (c.span.start, -c.span.end, c.kind, c.attribute, c.display))
    return ArticleView(
        anchor=article_anchor(article.id),
        id=article.id,
        title=article.title,
        source=_source(article),
        date=_date(article),
        path=article.path,
        url=article.url if article.url and article.url.startswith(("https://", "http://")) else "",
        claims=len(own),
        findings=findings,
        segments=marked_segments(article.text, own, palette),
    )


def marked_segments(text: str, claims: list[Claim], palette: dict[str, str]) -> tuple[Segment, ...]:
    """Cut the text into plain and claim runs; a claim overlapping an earlier marked one is
    skipped, since marks cannot nest across each other."""
    segments: list[Segment] = []
    position = 0
    for claim in claims:
        start, end = claim.span.start, claim.span.end
        if start < position or end <= start or end > len(text):
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(
            Segment(text[start:end], palette[claim.kind], f"{claim.kind}: {claim.display}")
        )
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return tuple(segments)


# The picture of the contradiction graph: articles on a circle, one curve per finding.
_WIDTH, _RADIUS, _SPREAD, _MARGIN = 760, 190, 34, 40
_CHAR_WIDTH = 7.2  # an upper estimate of one 12px label character, to fit labels in the picture


def _graph(findings: list[Finding], articles: dict[str, Article]) -> Graph | None:
    """Articles that disagree, joined by one edge per finding.

    Positions are a circle ordered by connected component (via networkx), so clusters of disputed
    facts sit together; a circle needs no numeric library and is identical on every machine.
    """
    if not findings:
        return None
    graph = nx.MultiGraph()
    for finding in findings:
        for side in finding.sides[1:]:
            graph.add_edge(finding.left.article_id, side.article_id)
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: c[0])
    order = [node for component in components for node in component]
    cx = cy = _WIDTH / 2  # the height is fitted to the drawing below
    positions = {}
    for i, node in enumerate(order):
        angle = math.pi + 2 * math.pi * i / len(order)
        positions[node] = (math.cos(angle), math.sin(angle))

    first: dict[str, Finding] = {}
    for finding in findings:
        for side in finding.sides:
            first.setdefault(side.article_id, finding)
    nodes = []
    for node in order:
        ux, uy = positions[node]
        x, y = cx + _RADIUS * ux, cy + _RADIUS * uy
        article = articles.get(node)
        title = article.title if article else node
        nodes.append(
            Node(
                x=_r(x),
                y=_r(y),
                label=_shorten(title, 30),
                title=f"{title} ({_source(article)}, {_date(article)})",
                href="#" + finding_anchor(first[node]),
                label_x=_r(x + 18 * ux),
                label_y=_r(y + 18 * uy + 4),
                anchor="start" if ux > 0.3 else "end" if ux < -0.3 else "middle",
            )
        )

    edges = []
    pairs: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        for side in finding.sides[1:]:
            pairs[tuple(sorted((finding.left.article_id, side.article_id)))].append(finding)
    for (a, b), group in sorted(pairs.items()):
        for k, finding in enumerate(group):
            edges.append(
                _edge(finding, positions[a], positions[b], k - (len(group) - 1) / 2, cx, cy)
            )
    # Fit the picture to what is drawn: no label cut off at a side, no pair of articles lost in
    # white space.
    ys = [n.y for n in nodes] + [n.label_y for n in nodes] + [e.label_y for e in edges]
    top, bottom = min(ys) - _MARGIN, max(ys) + _MARGIN
    xs = [0.0, float(_WIDTH)]
    for node in nodes:
        extent = {"start": (0, 1), "end": (-1, 0), "middle": (-0.5, 0.5)}[node.anchor]
        xs += [node.label_x + side * len(node.label) * _CHAR_WIDTH for side in extent]
    for edge in edges:
        xs += [edge.label_x + side * len(edge.label) * _CHAR_WIDTH for side in (-0.5, 0.5)]
    left, right = min(xs) - 10, max(xs) + 10
    return Graph(
        left=_r(left),
        top=_r(top),
        width=_r(right - left),
        height=_r(bottom - top),
        nodes=tuple(nodes),
        edges=tuple(edges),
    )


def _edge(
    finding: Finding,
    a: tuple[float, float],
    b: tuple[float, float],
    offset: float,
    cx: float,
    cy: float,
) -> Edge:
    x1, y1 = cx + _RADIUS * a[0], cy + _RADIUS * a[1]
    x2, y2 = cx + _RADIUS * b[0], cy + _RADIUS * b[1]
    if (x1, y1) == (x2, y2):
        # One article contradicting itself: a loop outside the circle.
        ux, uy = a
        reach = 70 + abs(offset) * _SPREAD
        c1 = (x1 + reach * ux - 30 * uy, y1 + reach * uy + 30 * ux)
        c2 = (x1 + reach * ux + 30 * uy, y1 + reach * uy - 30 * ux)
        path = (
            f"M{_r(x1)} {_r(y1)} C{_r(c1[0])} {_r(c1[1])} {_r(c2[0])} {_r(c2[1])} {_r(x1)} {_r(y1)}"
        )
        lx, ly = x1 + 0.8 * reach * ux, y1 + 0.8 * reach * uy
    else:
        length = math.hypot(x2 - x1, y2 - y1)
        nx_, ny_ = -(y2 - y1) / length, (x2 - x1) / length
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        bend = offset * _SPREAD
        control = (_r(mx + 2 * bend * nx_), _r(my + 2 * bend * ny_))
        path = f"M{_r(x1)} {_r(y1)} Q{control[0]} {control[1]} {_r(x2)} {_r(y2)}"
        lx, ly = mx + bend * nx_, my + bend * ny_
    return Edge(
        path=path,
        label=finding.kind,
        label_x=_r(lx),
        label_y=_r(ly + 4),
        href="#" + finding_anchor(finding),
        title=f"{finding.kind} ({finding.status}): {finding.explanation}",
        status=finding.status,
    )


def _r(value: float) -> float:
    """Round coordinates so tiny float differences never change the output."""
    return round(value, 1) + 0.0


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
