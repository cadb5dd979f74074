"""The HTML report: evidence shown in its sentence, article text always escaped, only our own
script allowed to run, stable bytes, atomic writes, and filters that work in a real browser."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from consistency import graph, report
from consistency.model import Agreement, Article, Claim, Finding, ReadError, RunResult, Span

PAYLOAD = (
    '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1;alert(1)"> </textarea>'
)
TEXT_A = (
    "Kremlin keeps cryptic stance\n\n"
    "The Kremlin on Monday declined to comment. Russia launched its full-scale invasion of Ukraine "
    "in February 2022. Trump, the presumptive Republican nominee, said little.\n" + PAYLOAD + "\n"
)
TEXT_B = (
    "Over the weekend, former U.S. President Donald Trump suggested he had spoken with Putin. "
    "Russia launched its invasion of Ukraine in August 2024, officials said. More later."
)
FP_DATE = hashlib.sha256(b"event_date").hexdigest()
FP_ROLE = hashlib.sha256(b"role").hexdigest()


def article(id: str, text: str, **fields) -> Article:
    base = {"title": id, "source": None, "published": None, "url": None}
    base.update(fields)
    return Article(id=id, path=f"articles/{id}.txt", text=text, sha256="0" * 64, **base)


def claim(art: Article, kind: str, evidence: str, display: str, attribute: str = "value") -> Claim:
    start = art.text.index(evidence)
    return Claim(
        kind=kind,
        article_id=art.id,
        subject="event:invasion" if kind == "event_date" else "person:donald-trump",
        attribute=attribute,
        value=display,
        value_key=display,
        span=Span(art.id, start, start + len(evidence)),
        evidence=evidence,
        display=display,
    )


def make_result() -> RunResult:
    a = article(
        "kremlin-a",
        TEXT_A,
        title="Kremlin keeps cryptic stance <b>live</b>",
        source='Wire "A" <i>',
        published=date(2024, 6, 3),
        url="javascript:window.__pwned=1",
    )
    b = article(
        "claims-b",
        TEXT_B,
        title="Claims progress on talks",
        source="Wire B",
        url="https://example.org/b",
    )
    date_a = claim(a, "event_date", "February 2022", "2022-02")
    date_b = claim(b, "event_date", "August 2024", "2024-08")
    role_a = claim(
        a, "role", "the presumptive Republican nominee", "presumptive nominee (Republican)"
    )
    role_b = claim(b, "role", "former U.S. President Donald Trump", "former president (U.S.)")
    overlapping = claim(b, "role", "President Donald Trump", "president", attribute="title")
    findings = (
        Finding(
            kind="event_date",
            left=date_a,
            right=date_b,
            explanation="invasion of Ukraine: 2022-02 vs 2024-08 (±1 month)",
            fingerprint=FP_DATE,
        ),
        Finding(
            kind="role",
            left=role_a,
            right=role_b,
            explanation="Donald Trump: presumptive nominee (Republican) vs former president (U.S.)",
            fingerprint=FP_ROLE,
            status="accepted",
            accepted={"reason": "both held in 2024", "by": "desk editor", "at": "2024-06-04"},
        ),
    )
    return RunResult(
        version="0.1.0",
        articles=(a, b),
        claims=(date_a, date_b, role_a, role_b, overlapping),
        findings=findings,
        agreements=(),
        errors=(
            ReadError("articles/broken.html", "cannot decode as UTF-8\nsecond line of detail"),
        ),
        fixed=("f" * 64,),
    )


class Tags(HTMLParser):
    """Collects real start tags, so escaped text can never be mistaken for markup."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_evidence_is_marked_inside_its_sentence():
    html = report.render_html(make_result())
    assert "full-scale invasion of Ukraine in <mark>February 2022</mark>.</blockquote>" in html
    assert '"context">Russia launched its full-scale invasion' in html
    assert "Ukraine in <mark>August 2024</mark>, officials said.</blockquote>" in html
    assert "said little.</blockquote>" in html
    # "U.S." does not end the sentence: the context starts at the sentence's first word.
    assert (
        '"context">Over the weekend, <mark>former U.S. President Donald Trump</mark> suggested'
        in html
    )


def test_card_shows_explanation_titles_dates_and_acceptance():
    html = report.render_html(make_result())
    assert "invasion of Ukraine: 2022-02 vs 2024-08 (±1 month)" in html
    assert "Kremlin keeps cryptic stance &lt;b&gt;live&lt;/b&gt;" in html
    assert "Claims progress on talks" in html
    assert "2024-06-03" in html and "date unknown" in html
    assert "Accepted by desk editor on 2024-06-04: both held in 2024" in html
    anchors = [attrs["id"] for tag, attrs in tags(html) if tag == "article"]
    assert anchors == [f"f-{FP_DATE[:16]}", f"f-{FP_ROLE[:16]}"]  # new before accepted


def test_summary_counts_and_unreadable_articles():
    html = report.render_html(make_result())
    assert re.search(r'status-new">new</span></td><td class="num">1<', html)
    assert re.search(r'status-accepted">accepted</span></td><td class="num">1<', html)
    assert re.search(r'status-fixed">fixed</span></td><td class="num">1<', html)
    assert "<code>articles/broken.html</code>: cannot decode as UTF-8</li>" in html
    assert "second line of detail" not in html


def test_summary_counts_matched_facts_and_lists_fixed_fingerprints():
    result = make_result()
    html = report.render_html(result)
    # Matched facts are the compared pairs: both findings, no agreements.
    assert "<dt>matched facts</dt><dd>2</dd>" in html
    assert re.search(r'kind-role c\d">role</mark></td><td class="num">1<', html)
    assert f'status-fixed">fixed</span> <code>{"f" * 64}</code>' in html
    assert "Disputed facts reported by three or more sources" not in html  # no graph, no consensus


def consensus_result() -> RunResult:
    """Three wires on Trump's title: two agree he is a former president, one calls him nominee."""
    arts = [
        article(f"wire-{n}", text, title=f"Wire {n} story", source=f"Wire {n}")
        for n, text in (
            ("a", "Today former U.S. President Donald Trump spoke."),
            ("b", "Later, former U.S. President Donald Trump left."),
            ("c", "Today the presumptive Republican nominee spoke."),
        )
    ]
    a, b = (claim(x, "role", "former U.S. President Donald Trump", "former president") for x in arts[:2])
    c = claim(arts[2], "role", "the presumptive Republican nominee", "presumptive nominee")
    findings = tuple(
        Finding("role", side, c, "former president vs presumptive nominee",
                hashlib.sha256(side.id.encode()).hexdigest())
        for side in (a, b)
    )
    agreements = (Agreement("role", a, b, "same title"),)
    return RunResult(
        version="0.1.0", articles=tuple(arts), claims=(a, b, c), findings=findings,
        agreements=agreements, errors=(), graph=graph.build(arts, (a, b, c), findings, agreements),
    )


def test_summary_shows_consensus_and_outlier_sources():
    html = report.render_html(consensus_result())
    assert "<dt>matched facts</dt><dd>3</dd>" in html
    (table,) = re.findall(r'<table class="consensus">.*?</table>', html, re.S)
    rows = re.findall(r"<tr><td>.*?</tr>", table, re.S)
    assert len(rows) == 1
    assert '<td>role · person:donald-trump <span class="meta">(3 independent sources)</span></td>' in rows[0]
    assert "<strong>former president</strong>" in rows[0]
    assert "(2 sources: " in rows[0] and "Wire a story" in rows[0] and "Wire b story" in rows[0]
    (outliers,) = re.findall(r"<ul>(.*?)</ul>", rows[0], re.S)
    assert outliers == (
        f'<li><a href="#{report.article_anchor("wire-c")}">Wire c story</a> '
        '<span class="meta">(Wire c)</span>: presumptive nominee</li>'
    )


def test_graph_picture_is_wide_enough_for_its_labels():
    view = report.build_view(make_result()).graph
    for node in view.nodes:
        width = len(node.label) * report._CHAR_WIDTH
        left = {"start": node.label_x, "end": node.label_x - width, "middle": node.label_x - width / 2}
        assert view.left <= left[node.anchor]
        assert left[node.anchor] + width <= view.left + view.width


def test_article_text_is_escaped_never_markup():
    html = report.render_html(make_result())
    found = tags(html)
    assert [t for t, _ in found if t == "script"] == ["script"]  # only our own
    assert not [t for t, _ in found if t in ("img", "textarea", "b", "i")]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "&lt;/textarea&gt;" in html
    assert not any("javascript:" in (attrs.get("href") or "") for _, attrs in found)
    assert any(attrs.get("href") == "https://example.org/b" for _, attrs in found)


def test_content_security_policy_pins_the_inline_script():
    html = report.render_html(make_result())
    (script,) = re.findall(r"<script>(.*?)</script>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    (csp,) = [
        a["content"]
        for t, a in tags(html)
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp == (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src data:"
    )
    assert set(re.findall(r"https?://[^\s\"<]+", html)) == {
        "https://example.org/b"
    }  # nothing loaded


def test_article_view_marks_claims_and_skips_overlaps():
    html = report.render_html(make_result())
    assert re.search(
        r'<mark class="kind-role c\d" title="role: former president \(U.S.\)">'
        r"former U.S. President Donald Trump</mark>",
        html,
    )
    assert re.search(
        r'<mark class="kind-event-date c\d" title="event_date: 2022-02">February 2022</mark>', html
    )
    assert 'title="role: president"' not in html


def test_graph_links_edges_and_nodes_to_findings():
    html = report.render_html(make_result())
    links = [
        attrs["href"]
        for tag, attrs in tags(html)
        if tag == "a" and attrs.get("class", "").startswith(("edge", "node"))
    ]
    assert sorted(set(links)) == sorted({f"#f-{FP_DATE[:16]}", f"#f-{FP_ROLE[:16]}"})
    assert len(links) == 4  # two edges, two articles


def test_output_is_byte_identical_and_dated_only_on_request(monkeypatch):
    result = make_result()
    first = report.render_html(result)
    assert first == report.render_html(make_result())
    assert "generated" not in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717372800")
    assert "generated 2024-06-03T00:00:00Z" in report.render_html(result)
    assert "generated 2024-01-01" in report.render_html(result, generated="2024-01-01")


def test_write_html_creates_folders(tmp_path):
    target = tmp_path / "deep" / "er" / "report.html"
    report.write_html(make_result(), target)
    assert target.read_text(encoding="utf-8") == report.render_html(make_result())
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]


def test_failed_render_keeps_previous_report(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    report.write_html(make_result(), target)
    before = target.read_bytes()

    def broken(result, generated=None):
        raise RuntimeError("template exploded")

    monkeypatch.setattr(report, "render_html", broken)
    with pytest.raises(RuntimeError):
        report.write_html(make_result(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(report.os, "replace", refuse)
    with pytest.raises(OSError):
        report.write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


CHROMIUM = Path("/usr/bin/chromium")


def test_report_in_a_real_browser(tmp_path):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "CI is set but /usr/bin/chromium is missing: install Debian's chromium package"
            )
        pytest.skip(
            "/usr/bin/chromium is missing (apt-get install chromium); with CI set this fails"
        )
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "report.html"
    report.write_html(make_result(), page_file)
    dialogs: list[str] = []
    console: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("console", lambda m: console.append(m.text))
            page.goto(page_file.as_uri())
            page.keyboard.press("Tab")
            assert (
                page.evaluate("document.activeElement.className") == "skip"
            )  # keyboard first stop
            cards = page.locator("article.card")
            date_card = page.locator(f"#f-{FP_DATE[:16]}")
            role_card = page.locator(f"#f-{FP_ROLE[:16]}")
            assert cards.count() == 2
            assert date_card.is_visible() and role_card.is_visible()
            assert page.locator("#filters").is_visible()  # our script ran despite the strict CSP
            assert page.locator("#shown").inner_text() == "2 of 2 findings shown"

            page.select_option("#filter-kind", "role")
            assert role_card.is_visible() and not date_card.is_visible()
            page.select_option("#filter-kind", "")
            page.select_option("#filter-source", 'Wire "A" <i>')
            assert date_card.is_visible() and role_card.is_visible()
            page.select_option("#filter-status", "new")
            assert date_card.is_visible() and not role_card.is_visible()
            page.select_option("#filter-status", "")

            page.fill("#filter-search", "august")
            assert date_card.is_visible() and not role_card.is_visible()
            page.fill("#filter-search", "nothing like this")
            assert not date_card.is_visible() and page.locator("#no-match").is_visible()
            page.fill("#filter-search", "")
            assert date_card.is_visible() and role_card.is_visible()
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            assert page.evaluate("window.__pwned") is None
        finally:
            browser.close()
    assert dialogs == []
    assert not [m for m in console if "Content Security Policy" in m]
    assert (tmp_path / "report.png").stat().st_size > 0


def test_a_malformed_source_date_epoch_gives_no_timestamp(monkeypatch):
    from consistency.report import _generated

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    assert _generated(None) == ""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _generated(None) == "2023-11-14T22:13:20Z"
