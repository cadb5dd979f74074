"""Properties that must hold for any input, checked with generated input (hypothesis).

Ingest never raises; every claim's span is the exact slice its evidence shows; fingerprints do not
move when unrelated text is added or the articles come in another order; the same input gives the
same JSON and HTML byte for byte. The profiles are in conftest.py: 200 examples locally, 10,000
under CI. The properties that run the whole check on every example use a tenth of that (see
`WHOLE_RUN`), and the one that starts worker processes a fortieth: one example costs tens of
milliseconds there, and the CI profile should stay under ten minutes on two cores.
"""
from __future__ import annotations

import json
import tempfile
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from consistency import Settings, api, check
from consistency.extract import extract_article
from consistency.ingest import read_articles
from consistency.report import render_html

WHOLE_RUN = settings(max_examples=max(20, settings.default.max_examples // 10),
                     suppress_health_check=[HealthCheck.too_slow])

# Real sentences, one or more per claim kind and the pieces that trip up sentence splitting.
FRAGMENTS = [
    "Over the weekend, former U.S. President Donald Trump said he had spoken to Vladimir Putin.",
    "Kremlin spokesman Dmitry Peskov neither confirmed nor denied it.",
    "The Kremlin’s spokesman, Dmitry Peskov, was pressed by reporters on Monday.",
    "Mykhailo Podolyak, a senior adviser to Ukrainian President Volodymyr Zelensky, dismissed it.",
    "Trump, who has not yet publicly commented on whether he spoke with Putin, stayed silent.",
    "Russia launched its full-scale invasion of Ukraine in February 2022, three years ago.",
    "The war nears the two-and-a-half-year mark.",
    "The earthquake killed at least 1,000 people near the coastal city on 3 May 2013.",
    "Dozens of houses collapsed in the village after the quake on Tuesday.",
    "The fire caused an estimated $1.5 million in damage to the church.",
    "Police said 71-year-old Greta Holloway was with her family yesterday.",
    "“I cannot confirm this, nor can I deny it,” Peskov said.",
    "He said: “We have not discussed the sanctions with Washington since 2019.”",
    "Moscow’s Deputy Foreign Minister, Sergei Ryabkov, stated that talks were possible.",
    "Mr. Smith arrived at 8 p.m. on Aug. 12, 2024 — late.",
    "KYIV, Ukraine — March 3, 2024",
    "2024-08-12",
    "\n", "\n\n", " ", ", ", ". ", "“", "”", "\"", "U.S.", "e\u0301", "\u00a0",
]

# Lowercase words that name no person, place, date, number, title or speech act.
NEUTRAL = ["the", "weather", "was", "mild", "and", "markets", "stayed", "quiet", "traffic", "moved",
           "slowly", "under", "grey", "skies", "while", "shops", "opened", "late", "gardens", "looked",
           "green"]

ARTICLE_A = """A magnitude 5.1 earthquake struck the coastal town of Ashford on Tuesday, damaging dozens of homes.

Mayor Helen Ortiz said emergency crews from Dover worked through the night.

The earthquake killed 12 people in Ashford, police said.

Governor Sam Reyes commented on whether the state would pay for the repairs in Ashford.

Former Police Chief Dana Kim, who led the rescue in Dover, praised the volunteers.
"""
ARTICLE_B = """The earthquake struck the coastal town of Ashford on Thursday, residents said.

Mayor Helen Ortiz thanked the emergency crews from Dover.

The earthquake killed 30 people in Ashford, police said.

Governor Sam Reyes has not yet commented on whether the state would pay for the repairs in Ashford.

Police Chief Dana Kim, who led the rescue in Dover, praised the volunteers.
"""


def _noise() -> st.SearchStrategy[str]:
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


def _fragment() -> st.SearchStrategy[str]:
    """A real fragment, sometimes with random text pushed into it."""
    plain = st.sampled_from(FRAGMENTS)
    broken = st.tuples(plain, st.integers(0, 100), _noise()).map(lambda t: t[0][:t[1]] + t[2] + t[0][t[1]:])
    return st.one_of(plain, plain, broken, _noise())


def _article_text() -> st.SearchStrategy[str]:
    return st.lists(_fragment(), min_size=1, max_size=15).map("".join)


def _neutral_paragraph() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(NEUTRAL), min_size=1, max_size=12).map(
        lambda ws: " ".join(ws).capitalize() + ".")


def _insert_paragraphs(text: str, inserts: list[tuple[int, str]]) -> str:
    """Insert paragraphs at paragraph boundaries (the start counts as one)."""
    paragraphs = text.split("\n\n")
    for at, paragraph in sorted(inserts, reverse=True):
        paragraphs.insert(at % (len(paragraphs) + 1), paragraph)
    return "\n\n".join(paragraphs)


@contextmanager
def _folder(files: dict[str, str]):
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            Path(folder, name).write_text(text, encoding="utf-8")
        yield Path(folder)


@contextmanager
def _in_process():
    """Extraction in this process: the worker pool costs a fork per run and is tested elsewhere
    (tests/test_robustness.py); these properties are about what the stages after it compute."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "extract_articles", lambda articles, timeout, jobs, progress=None: (
            [extract_article(a) for a in articles], []))
        yield


def _findings(result):
    return sorted((f.fingerprint, f.kind, f.left.evidence, f.right.evidence, f.explanation)
                  for f in result.findings)


def _fingerprints(result):
    """Without the explanation: a shared paragraph may rightly make the two articles copies of one
    story (consistency.sources), which the explanation then says."""
    return sorted((f.fingerprint, f.kind, f.left.evidence, f.right.evidence) for f in result.findings)


def _spans_point_into_text(result) -> None:
    texts = {a.id: a.text for a in result.articles}
    for claim in result.claims:
        assert texts[claim.article_id][claim.span.start:claim.span.end] == claim.evidence


# --- ingest ------------------------------------------------------------------------------------

# Pieces of every format, so generated files get past the first check of each reader.
_FORMAT_PIECES = [b"---\n", b"title: ", b"published: 2024-02-30\n", b"id: 1\n", b": [\n", b"{", b"}",
                  b"[", b"]", b'"text": ', b'"body": ', b'"x"', b",", b"null", b"\n", b"<html>",
                  b"<p>", b"</p>", b"<script>", b"<article>", b"&amp;", b"\xef\xbb\xbf", b"\xff\xfe",
                  b"\xfe\xff", b"\x00", b"\r\n", b"\x93Q\x94", "Πεσκόφ é".encode(), b"\xc3"]


@given(
    suffix=st.sampled_from([".txt", ".md", ".markdown", ".json", ".jsonl", ".html", ".htm"]),
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(st.one_of(st.sampled_from(_FORMAT_PIECES), st.binary(max_size=8),
                           _noise().map(str.encode)), max_size=30).map(b"".join),
    ),
)
def test_ingest_never_raises_and_accounts_for_every_file(suffix, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "article" + suffix)
        path.write_bytes(data)
        articles, errors = read_articles([path])
    assert articles or errors
    assert all(e.path == str(path) and e.message and "\n" not in e.message for e in errors)
    assert len({a.id for a in articles}) == len(articles)
    for article in articles:
        assert article.text.strip()
        assert "\r" not in article.text
        assert unicodedata.is_normalized("NFC", article.text)


# --- spans -------------------------------------------------------------------------------------

@given(text=_article_text(), published=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))))
def test_every_claim_span_is_the_slice_its_evidence_shows(text, published):
    record = {"text": text, "published": published.isoformat() if published else None}
    with _folder({"a.json": json.dumps(record)}) as folder:
        articles, _ = read_articles([folder])
    assume(articles)
    article = articles[0]
    for claim in extract_article(article).claims:
        assert 0 <= claim.span.start < claim.span.end <= len(article.text)
        assert article.text[claim.span.start:claim.span.end] == claim.evidence
        assert claim.article_id == claim.span.article_id == article.id
        # Offsets counted in another text (a sentence, a lowered or re-normalized copy) show up as
        # evidence that starts in white space or runs across a line.
        assert not claim.evidence[0].isspace() and "\n" not in claim.evidence


# --- fingerprints ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_fingerprints():
    with _folder({"a.txt": ARTICLE_A, "b.txt": ARTICLE_B}) as folder, _in_process():
        found = _fingerprints(check(folder))
    assert sorted(kind for _, kind, *_ in found) == ["quantity", "role", "statement", "time"]
    return found


@WHOLE_RUN
@given(
    inserts_a=st.lists(st.tuples(st.integers(0, 10), _neutral_paragraph()), max_size=4),
    inserts_b=st.lists(st.tuples(st.integers(0, 10), _neutral_paragraph()), max_size=4),
)
def test_fingerprints_survive_unrelated_paragraphs(base_fingerprints, inserts_a, inserts_b):
    files = {"a.txt": _insert_paragraphs(ARTICLE_A, inserts_a), "b.txt": _insert_paragraphs(ARTICLE_B, inserts_b)}
    with _folder(files) as folder, _in_process():
        result = check(folder)
    assert _fingerprints(result) == base_fingerprints
    _spans_point_into_text(result)


@WHOLE_RUN
@given(inserts=st.lists(st.tuples(st.booleans(), st.integers(0, 10), _article_text()), max_size=4))
def test_findings_do_not_depend_on_the_order_articles_are_read(inserts):
    """Given in either order, or with file names swapped while the ids stay: the same findings."""
    texts = {"herald": ARTICLE_A, "news": ARTICLE_B}
    for into_a, at, text in inserts:
        key = "herald" if into_a else "news"
        texts[key] = _insert_paragraphs(texts[key], [(at, text)])
    assume("---" not in texts["herald"] + texts["news"])
    with _folder({"1.md": f"---\nid: herald\n---\n{texts['herald']}",
                  "2.md": f"---\nid: news\n---\n{texts['news']}"}) as folder, _in_process():
        forward = check([folder / "1.md", folder / "2.md"])
        backward = check([folder / "2.md", folder / "1.md"])
    with _folder({"1.md": f"---\nid: news\n---\n{texts['news']}",
                  "2.md": f"---\nid: herald\n---\n{texts['herald']}"}) as folder, _in_process():
        renamed = check(folder)
    assert [a.id for a in backward.articles] == [a.id for a in forward.articles][::-1]
    assert _findings(forward) == _findings(backward) == _findings(renamed)


# --- byte-stable output ------------------------------------------------------------------------

@WHOLE_RUN
@given(texts=st.lists(_article_text(), min_size=1, max_size=3), epoch=st.integers(0, 2**32))
def test_same_input_gives_the_same_json_and_html_bytes(texts, epoch):
    files = {f"{n}.txt": text for n, text in enumerate(texts)}
    with _folder(files) as folder, _in_process(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        first, second = check(folder), check(folder)
        first_html, second_html = render_html(first), render_html(second)
    assert json.dumps(first.to_dict(), sort_keys=True) == json.dumps(second.to_dict(), sort_keys=True)
    assert first_html == second_html
    stamp = datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f"generated {stamp}" in first_html
    _spans_point_into_text(first)


@settings(max_examples=max(5, settings.default.max_examples // 40), suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_article_text(), min_size=2, max_size=6))
def test_worker_processes_give_what_one_process_gives(texts):
    """Parallel extraction finishes in any order; the result must not show it."""
    files = {f"{n}.txt": text for n, text in enumerate(texts)}
    with _folder(files) as folder:
        parallel = check(folder, Settings(jobs=3))
        with _in_process():
            serial = check(folder)
    assert json.dumps(parallel.to_dict(), sort_keys=True) == json.dumps(serial.to_dict(), sort_keys=True)
