"""Tests for consistency.ingest: every format, the id rules, decoding, and that bad files never
stop a run."""
from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest
import trafilatura

from consistency.ingest import read_articles
from consistency.model import ReadError

DATA = Path(__file__).parent / "data" / "ingest"
CORPUS = DATA / "corpus"
REAL_ARTICLES = Path(__file__).parents[1] / "articles"


def read_one(path: Path, **kwargs):
    articles, errors = read_articles([path], **kwargs)
    assert all("\n" not in e.message for e in errors), errors
    return articles, errors


def only_article(path: Path):
    articles, errors = read_one(path)
    assert errors == []
    assert len(articles) == 1
    return articles[0]


def only_error(path: Path, **kwargs) -> str:
    articles, errors = read_one(path, **kwargs)
    assert articles == []
    assert [e.path for e in errors] == [str(path)]
    return errors[0].message


@pytest.fixture(scope="module")
def corpus():
    articles, errors = read_articles([CORPUS])
    assert errors == []
    return {a.id: a for a in articles}


# --- folders and ids -------------------------------------------------------------------------

def test_folder_is_walked_sorted_and_skips_hidden_and_unsupported_files():
    articles, errors = read_articles([CORPUS])
    assert errors == []
    assert [a.id for a in articles] == [
        "feed.jsonl#1", "feed.jsonl#2", "feed-three", "42", "page.html", "plain.txt",
        "sub/heading.md", "sub/story.md", "kremlin-2013",
    ]
    assert not any("hidden" in a.text for a in articles)


def test_path_is_the_given_folder_joined_with_the_relative_path(corpus):
    assert corpus["sub/story.md"].path == str(CORPUS / "sub" / "story.md")


def test_a_file_given_directly_is_named_by_its_file_name():
    article = only_article(CORPUS / "sub" / "story.md")
    assert article.id == "story.md"
    assert article.path == str(CORPUS / "sub" / "story.md")


def test_duplicate_id_is_an_error_and_the_second_article_is_skipped(tmp_path):
    (tmp_path / "a.md").write_text("---\nid: same\n---\nFirst.\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"id": "same", "text": "Second."}', encoding="utf-8")
    articles, errors = read_articles([tmp_path])
    assert [(a.id, a.text) for a in articles] == [("same", "First.")]
    assert errors == [
        ReadError(str(tmp_path / "b.json"), f"duplicate article id 'same' (also in {tmp_path / 'a.md'})")
    ]


def test_reading_the_same_folder_twice_reports_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    articles, errors = read_articles([tmp_path, tmp_path])
    assert len(articles) == 1
    assert [e.message for e in errors] == [f"duplicate article id 'a.txt' (also in {tmp_path / 'a.txt'})"]


def test_sha256_is_of_the_article_text_not_the_file(corpus):
    for article in corpus.values():
        assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert corpus["feed.jsonl#1"].sha256 != corpus["feed.jsonl#2"].sha256


# --- formats ---------------------------------------------------------------------------------

def test_txt_text_is_the_whole_file_and_title_its_first_non_empty_line(corpus):
    article = corpus["plain.txt"]
    assert article.title == "Kremlin keeps cryptic stance"
    assert article.text == (CORPUS / "plain.txt").read_text(encoding="utf-8")
    assert (article.source, article.published, article.url) == (None, None, None)


def test_markdown_front_matter_metadata_and_body(corpus):
    article = corpus["sub/story.md"]
    assert article.title == "Trump says he spoke with Putin"
    assert article.source == "Example Wire"
    assert article.published == date(2024, 8, 12)  # from `date:`, a YAML date
    assert article.url == "https://wire.example.com/trump-putin"
    assert article.text.startswith("Former U.S. President Donald Trump")
    assert article.text.endswith("neither confirmed nor denied it.")


def test_markdown_front_matter_id_textual_date_and_numeric_title(corpus):
    article = corpus["kremlin-2013"]
    assert article.path == str(CORPUS / "with-id.md")
    assert article.title == "2013"
    assert article.published == date(2013, 5, 3)


def test_markdown_title_falls_back_to_the_first_heading(corpus):
    assert corpus["sub/heading.md"].title == "Peskov declines to comment"


def test_markdown_title_falls_back_to_the_first_line_without_a_heading(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nsource: X\n---\n\nJust a line.\nAnd another.\n", encoding="utf-8")
    assert only_article(path).title == "Just a line."


def test_html_text_and_metadata(corpus):
    article = corpus["page.html"]
    assert article.title == "Kremlin keeps cryptic stance"
    assert article.source == "Example Daily"
    assert article.published == date(2024, 8, 13)
    assert article.url == "https://daily.example.com/kremlin-stance"
    assert '"I cannot confirm this, nor can I deny it,"' in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_json_object_metadata_with_numeric_id(corpus):
    article = corpus["42"]
    assert article.path == str(CORPUS / "one.json")
    assert article.title == "Peskov on the call"
    assert article.source == "Example Post"
    assert article.published == date(2024, 8, 12)
    assert article.url == "https://post.example.com/42"
    assert article.text == "Peskov neither confirmed nor denied the call."


def test_jsonl_records_are_numbered_skipping_blank_lines(corpus):
    first, second, third = corpus["feed.jsonl#1"], corpus["feed.jsonl#2"], corpus["feed-three"]
    assert (first.title, first.source, first.published) == ("First", "Feed", date(2024, 8, 12))
    assert (second.title, second.text) == ("Second", "The Kremlin declined to comment.")
    assert third.title == "Peskov spoke on Monday."  # no title: first line of the text


def test_json_array_records_are_numbered(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "One."}, {"body": "Two."}]), encoding="utf-8")
    articles, errors = read_articles([tmp_path])
    assert errors == []
    assert [(a.id, a.text) for a in articles] == [("list.json#1", "One."), ("list.json#2", "Two.")]


@pytest.mark.parametrize("value, expected", [
    ("2013-05-03", date(2013, 5, 3)),
    ("2013-05-03T23:30:00-05:00", date(2013, 5, 3)),
    ("2013-05-03T10:00:00Z", date(2013, 5, 3)),
    ("May 3, 2013", date(2013, 5, 3)),
    ("3 May 2013", date(2013, 5, 3)),
])
def test_published_accepts_iso_and_textual_dates(tmp_path, value, expected):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "Text.", "published": value}), encoding="utf-8")
    assert only_article(path).published == expected


@pytest.mark.parametrize("value", ["yesterday", "next friday", "3 days ago", "May 2013", 2013])
def test_published_that_is_not_a_full_absolute_date_is_ignored_with_a_note(tmp_path, value):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "Text.", "published": value}), encoding="utf-8")
    articles, errors = read_one(path)
    assert [a.published for a in articles] == [None]
    assert [e.message for e in errors] == [f"'published' is not a date: {value!r} (ignored)"]


def test_front_matter_published_yesterday_is_a_note_and_the_article_is_kept(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\npublished: yesterday\n---\nBody.\n", encoding="utf-8")
    articles, errors = read_one(path)
    assert [(a.title, a.published, a.text) for a in articles] == [("T", None, "Body.")]
    assert errors == [ReadError(str(path), "front matter 'published' is not a date: 'yesterday' (ignored)")]


# --- decoding and normalization --------------------------------------------------------------

def test_text_is_nfc_normalized_and_offsets_point_into_it(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Cafe\u0301 Peskov\r\nsaid no.\rEnd", encoding="utf-8")
    article = only_article(path)
    assert article.text == "Caf\u00e9 Peskov\nsaid no.\nEnd"
    start = article.text.index("Peskov")
    assert start == 5
    assert article.text[start:start + 6] == "Peskov"


def test_json_escapes_are_normalized_too(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "Cafe\\u0301\\r\\nnext"}', encoding="utf-8")
    assert only_article(path).text == "Caf\u00e9\nnext"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_marks_are_honoured(tmp_path, encoding):
    path = tmp_path / "a.txt"
    data = "Ελλάδα: Ο Πεσκόφ δεν επιβεβαίωσε.".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    article = only_article(path)
    assert article.text == "Ελλάδα: Ο Πεσκόφ δεν επιβεβαίωσε."
    assert article.title == article.text


def test_windows_1252_is_accepted(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf\xe9 \x93quoted\x94")
    assert only_article(path).text == "café \u201cquoted\u201d"


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    assert only_error(path) == "binary file, not text"


def test_mostly_control_characters_is_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x01\x02\x03\x04 text")
    assert only_error(path) == "binary file, not text"


def test_control_characters_up_to_a_tenth_of_the_start_are_text(tmp_path):
    # Tabs, line and form feeds and carriage returns are text; escape and delete are not.
    (tmp_path / "a.txt").write_bytes(b"\x1b" + b"a\t\n\x0c\r" * 2)
    (tmp_path / "b.txt").write_bytes(b"\x1b\x7f" + b"a" * 8)
    articles, errors = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a.txt"]
    assert errors == [ReadError(str(tmp_path / "b.txt"), "binary file, not text")]


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_file_is_an_error(tmp_path, content):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    assert only_error(path) == "empty article"


def test_markdown_with_only_front_matter_is_empty(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Nothing else\n---\n\n", encoding="utf-8")
    assert only_error(path) == "empty article"


def test_file_over_max_bytes_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x" * 2500, encoding="utf-8")
    assert only_error(path, max_bytes=1000) == "file is 2.5 KB, over the 1 KB limit"
    assert len(read_one(path, max_bytes=2500)[0]) == 1


def test_non_english_text_is_read(tmp_path):
    (tmp_path / "el.md").write_text(
        "---\ntitle: Το Κρεμλίνο σιωπά\n---\nΟ Ντμίτρι Πεσκόφ δεν επιβεβαίωσε ούτε διέψευσε.\n",
        encoding="utf-8",
    )
    (tmp_path / "ja.txt").write_text("クレムリン、電話会談を否定せず\nペスコフ報道官は月曜日に述べた。\n", encoding="utf-8")
    articles, errors = read_articles([tmp_path])
    assert errors == []
    assert [(a.id, a.title) for a in articles] == [
        ("el.md", "Το Κρεμλίνο σιωπά"),
        ("ja.txt", "クレムリン、電話会談を否定せず"),
    ]
    assert articles[0].text == "Ο Ντμίτρι Πεσκόφ δεν επιβεβαίωσε ούτε διέψευσε."


# --- bad content -----------------------------------------------------------------------------

def test_malformed_front_matter_is_a_one_line_error(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    assert only_error(path) == "malformed front matter: did not find expected ',' or ']' (line 3)"


def test_impossible_yaml_date_is_malformed_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\npublished: 2013-02-30\n---\nBody.\n", encoding="utf-8")
    assert only_error(path) == "malformed front matter: day is out of range for month"


def test_title_that_is_a_list_becomes_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: [a, b]\n---\nBody.\n", encoding="utf-8")
    assert only_article(path).title == "['a', 'b']"


def test_html_scripts_iframes_and_inline_images_never_become_text(tmp_path):
    image = base64.b64encode(b"\x89PNG" + b"\x00payload" * 200_000).decode()
    assert len(image) > 2_000_000
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>Peskov</title><script>var leak = 'SCRIPTLEAK';</script></head><body>"
        "<article><p>Dmitry Peskov declined to confirm or deny whether the two leaders had spoken.</p>"
        "<script>document.write('SCRIPTLEAK2')</script>"
        "<iframe src='https://ads.example.com/IFRAMELEAK'>IFRAMELEAK fallback</iframe>"
        f"<img src='data:image/png;base64,{image}' alt='photo'>"
        "<p>The Kremlin said there was nothing to add.</p></article></body></html>",
        encoding="utf-8",
    )
    article = only_article(path)
    assert "Dmitry Peskov declined" in article.text
    assert "nothing to add" in article.text
    for leak in ("LEAK", "base64", image[:40], "<"):
        assert leak not in article.text
    assert len(article.text) < 500


def test_html_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8")
    assert only_error(path) == "no article text found in HTML"


@pytest.mark.parametrize("content, got", [
    ("[1, 2, 3]", "array of number"),
    ('"just a string"', "string"),
    ("[]", "empty array"),
    ('[{"text": "ok"}, 5]', "array of number, object"),
])
def test_json_that_is_not_an_article_object_is_an_error(tmp_path, content, got):
    path = tmp_path / "a.json"
    path.write_text(content, encoding="utf-8")
    assert only_error(path) == f"JSON is not an article object or an array of them (got {got})"


def test_json_object_without_text_is_an_error(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"title": "No body"}', encoding="utf-8")
    assert only_error(path) == "no 'text' or 'body' field"


def test_invalid_json_is_an_error(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    assert only_error(path).startswith("invalid JSON: Unterminated string")


def test_jsonl_broken_line_is_reported_and_other_lines_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "One."}\n{"text": "Two."}\n{"text": broken}\n[1]\n{"title": "no text"}\n{"text": "Six."}\n',
        encoding="utf-8",
    )
    articles, errors = read_one(path)
    assert [(a.id, a.text) for a in articles] == [
        ("feed.jsonl#1", "One."), ("feed.jsonl#2", "Two."), ("feed.jsonl#6", "Six."),
    ]
    assert [e.message for e in errors] == [
        "line 3: invalid JSON: Expecting value (column 10)",
        "line 4: not an article object (got array of number)",
        "line 5: no 'text' or 'body' field",
    ]
    assert {e.path for e in errors} == {str(path)}


def test_explicit_file_with_unsupported_extension_is_an_error(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert only_error(path) == (
        "unsupported file type .pdf (expected .htm, .html, .json, .jsonl, .markdown, .md, .txt)"
    )


def test_missing_path_is_an_error(tmp_path):
    assert only_error(tmp_path / "nope.txt") == "cannot read: No such file or directory"


def test_symlink_loops_do_not_hang_the_walk(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Text.", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink("self.txt", tmp_path / "self.txt")
    articles, errors = read_articles([tmp_path])
    assert [a.id for a in articles] == ["sub/a.txt"]
    assert [e.path for e in errors] == [str(tmp_path / "self.txt")]
    assert errors[0].message.startswith("cannot read: Too many levels of symbolic links")


def test_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Secret.", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 0 does not stop root from reading the file")
        assert only_error(path) == "cannot read: Permission denied"
    finally:
        path.chmod(0o644)


def test_os_error_while_reading_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert only_error(path) == "cannot read: Permission denied"


def test_unexpected_exception_becomes_an_error_for_that_file_only(tmp_path, monkeypatch):
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Fine.", encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    articles, errors = read_articles([tmp_path])
    assert [a.id for a in articles] == ["b.txt"]
    assert errors == [ReadError(str(tmp_path / "a.html"), "RuntimeError: boom second line")]


def test_run_goes_on_after_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.md").write_text("---\n: : :\n---\nx", encoding="utf-8")
    (tmp_path / "d.txt").write_text("", encoding="utf-8")
    (tmp_path / "e.txt").write_text("Last.", encoding="utf-8")
    articles, errors = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a.txt", "e.txt"]
    assert [Path(e.path).name for e in errors] == ["b.txt", "c.md", "d.txt"]


# --- the demo corpus -------------------------------------------------------------------------

def test_reads_the_real_articles():
    articles, errors = read_articles([REAL_ARTICLES])
    assert errors == []
    assert [(a.id, a.title, a.published) for a in articles] == [
        ("kremlin-ambiguity-trump-claims-progress.txt", "Claims Progress on Ukraine War Negotiations", None),
        ("kremlin-cryptic-stance-putin-trump-contacts.txt",
         "Kremlin keeps cryptic stance on Putin-Trump contacts", None),
    ]
    for article in articles:
        assert article.text == Path(article.path).read_text(encoding="utf-8")
        assert "Peskov" in article.text
