"""Read article files into `Article` records: the only stage that touches the articles on disk.

Every later stage points at character offsets in `Article.text`, so the text is decoded,
newline-normalized and NFC-normalized here and nowhere else. A corpus is collected from many
places and one bad file must not hide the rest: each problem becomes a one-line `ReadError` and
reading goes on. Order is fixed (paths as given, folders walked in sorted order) so that the same
input always gives the same output.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import reprlib
import stat
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import dateparser
import frontmatter
import trafilatura
import yaml

from consistency.model import Article, ReadError
from consistency.workers import Failure, Worker

# Checked in this order because the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13} | {127}
# bytes.translate deletes these, leaving the control bytes to count.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

# Only absolute dates: "yesterday" means nothing without knowing when the file was written.
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["absolute-time"],
}
# lxml keeps an iframe's fallback text as text, and trafilatura then lets it through.
_HTML_PRUNE = ["//iframe", "//object", "//embed"]
# htmldate's extensive search takes any date in the body ("the invasion began on 3 May 2023")
# for the publication date; a wrong reference date is worse than none.
_HTML_DATE_PARAMS = {"extensive_search": False, "original_date": True}

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_CONTAINER = reprlib.Repr()
_CONTAINER.maxlevel = 2
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
               bool: "boolean", type(None): "null"}


class _Unreadable(Exception):
    """The file as a whole cannot give an article; the message becomes its ReadError."""


@dataclass(frozen=True)
class _Record:
    text: str
    title: str
    source: str | None = None
    published: date | None = None
    url: str | None = None
    id: str | None = None
    number: int | None = None  # position in a multi-record file, for the `path#N` id


def read_articles(
    paths: Sequence[str | Path], max_bytes: int = 20_000_000, html_timeout: float = 10.0
) -> tuple[list[Article], list[ReadError]]:
    """Read every supported file under `paths`; never raises for a bad file.

    Articles come in reading order. An article whose id was already seen is reported and
    skipped, so an id always names exactly one article. An HTML page is parsed in a worker
    process, within `html_timeout` seconds: the HTML extractor's time grows faster than the page,
    and a hostile page of 500 KB keeps it busy for a minute.
    """
    articles: list[Article] = []
    errors: list[ReadError] = []
    path_of_id: dict[str, str] = {}
    html = _HtmlParser(html_timeout)
    try:
        for given in paths:
            for file, base_id in _files(Path(given), errors):
                where = str(file)
                try:
                    records, problems = _read_file(file, max_bytes, html)
                except _Unreadable as e:
                    errors.append(ReadError(where, str(e)))
                    continue
                except Exception as e:  # noqa: BLE001 - one odd file must not end the run
                    errors.append(ReadError(where, _one_line(f"{type(e).__name__}: {e}")))
                    continue
                errors.extend(ReadError(where, problem) for problem in problems)
                for record in records:
                    article = _article(record, base_id, where)
                    if article.id in path_of_id:
                        errors.append(ReadError(
                            where, f"duplicate article id {article.id!r} (also in {path_of_id[article.id]})"
                        ))
                        continue
                    path_of_id[article.id] = where
                    articles.append(article)
    finally:
        html.close()
    return articles, errors


def _files(given: Path, errors: list[ReadError]) -> list[tuple[Path, str]]:
    """The files to read under `given` with their default ids.

    Symlinked folders are not entered, so a link loop cannot hang the walk or lead outside the
    corpus. Hidden entries (.git, caches) are not articles.
    """
    if not given.is_dir():
        return [(given, given.name)]

    def report(e: OSError) -> None:
        errors.append(ReadError(str(e.filename), f"cannot read folder: {e.strerror}"))

    found = []
    for folder, subfolders, names in os.walk(given, onerror=report):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        inside = Path(folder).relative_to(given).as_posix()
        for name in names:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in _READERS:
                rel = name if inside == "." else f"{inside}/{name}"
                found.append((rel, Path(folder, name)))
    return [(file, rel) for rel, file in sorted(found)]


def _read_file(file: Path, max_bytes: int, html: _HtmlParser) -> tuple[list[_Record], list[str]]:
    try:
        info = file.stat()
        reader = _READERS.get(file.suffix.lower())
        if reader is None:
            expected = ", ".join(sorted(_READERS))
            kind = file.suffix or "(no extension)"
            raise _Unreadable(f"unsupported file type {kind} (expected {expected})")
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file")
        if info.st_size > max_bytes:
            raise _Unreadable(f"file is {_size(info.st_size)}, over the {_size(max_bytes)} limit")
        data = file.read_bytes()
    except OSError as e:
        raise _Unreadable(f"cannot read: {e.strerror or e}") from e
    text = _normalize(_decode(data))
    if _blank(text):
        raise _Unreadable("empty article")
    return html.read(text) if reader is _read_html else reader(text)


def _decode(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                name = codec.removesuffix("-sig").upper()
                raise _Unreadable(f"invalid {name} text at byte {e.start}") from e
    # Checked before UTF-8 because NUL and most control bytes are valid UTF-8 but never text.
    head = data[:8192]
    if b"\0" in data or len(head.translate(None, _NOT_CONTROL_BYTES)) > len(head) / 10:
        raise _Unreadable("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Articles saved on Windows are often cp1252; it is the one common 8-bit encoding we accept.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise _Unreadable(f"neither UTF-8 nor Windows-1252 text (byte {e.start})") from e


def _normalize(text: str) -> str:
    """Idempotent, because records are normalized again: all leading byte order marks go at once."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).lstrip("\ufeff")


def _blank(text: str) -> bool:
    """Judged on the normalized text, which is what the article will hold."""
    return not _normalize(text).strip()


def _read_txt(text: str) -> tuple[list[_Record], list[str]]:
    return [_Record(text=text, title=_first_line(text))], []


def _read_markdown(text: str) -> tuple[list[_Record], list[str]]:
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as e:  # PyYAML raises ValueError for dates like 2013-02-30
        raise _Unreadable(f"malformed front matter: {_yaml_problem(e)}") from e
    if _blank(post.content):
        raise _Unreadable("empty article")
    # The search looks at every line start; most articles hold no "#" at all.
    heading = _HEADING.search(post.content) if "#" in post.content else None
    fallback_title = heading.group(1) if heading else _first_line(post.content)
    problems: list[str] = []
    record = _from_fields(post.metadata, post.content, fallback_title, "front matter ", problems)
    return [record], problems


class _HtmlParser:
    """Parses pages in one worker process, started for the first page and replaced when a page
    runs over the time bound or kills it."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.worker: Worker | None = None

    def read(self, text: str) -> tuple[list[_Record], list[str]]:
        if self.worker is None or not self.worker.alive:
            self.worker = Worker()
        outcome = self.worker.call(_read_html, text, self.timeout)
        if isinstance(outcome, Failure):
            raise _Unreadable(outcome.error or f"HTML parsing {outcome.message}")
        return outcome

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()


def _read_html(text: str) -> tuple[list[_Record], list[str]]:
    """Runs in the `_HtmlParser` worker, so a page without article text is a problem returned,
    not raised."""
    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        prune_xpath=_HTML_PRUNE,
        date_extraction_params=_HTML_DATE_PARAMS,
    )
    if doc is None or _blank(doc.text or ""):
        return [], ["no article text found in HTML"]
    record = _Record(
        text=doc.text,
        title=doc.title or _first_line(doc.text),
        source=doc.sitename or doc.hostname,
        published=_parse_date(doc.date),
        url=doc.url,
    )
    return [record], []


def _read_json(text: str) -> tuple[list[_Record], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise _Unreadable(f"invalid JSON: {e}") from e
    problems: list[str] = []
    if isinstance(data, dict):
        record = _json_record(data, "", problems)
        if record is None:
            raise _Unreadable(problems[0])
        return [record], problems
    if not (isinstance(data, list) and data and all(isinstance(item, dict) for item in data)):
        raise _Unreadable(f"JSON is not an article object or an array of them (got {_json_kind(data)})")
    records = []
    for number, item in enumerate(data, 1):
        record = _json_record(item, f"record {number}: ", problems)
        if record is not None:
            records.append(replace(record, number=number))
    return records, problems


def _read_jsonl(text: str) -> tuple[list[_Record], list[str]]:
    """One article per line; a broken line costs only that article.

    Records are numbered over the non-blank lines, so blank lines can be added without changing
    the `path#N` ids.
    """
    records: list[_Record] = []
    problems: list[str] = []
    number = 0
    for line_no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        number += 1
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {line_no}: invalid JSON: {e.msg} (column {e.colno})")
            continue
        if not isinstance(item, dict):
            problems.append(f"line {line_no}: not an article object (got {_json_kind(item)})")
            continue
        record = _json_record(item, f"line {line_no}: ", problems)
        if record is not None:
            records.append(replace(record, number=number))
    return records, problems


def _json_record(item: dict[str, Any], where: str, problems: list[str]) -> _Record | None:
    body = item.get("text", item.get("body"))
    if body is None:
        problems.append(f"{where}no 'text' or 'body' field")
        return None
    if not isinstance(body, str):
        problems.append(f"{where}article text is not a string (got {_json_kind(body)})")
        return None
    if _blank(body):
        problems.append(f"{where}empty article")
        return None
    return _from_fields(item, body, _first_line(body), where, problems)


def _from_fields(
    fields: dict[str, Any], text: str, fallback_title: str, where: str, problems: list[str]
) -> _Record:
    """Metadata shared by front matter and JSON; a value of the wrong type is kept as text or,
    for dates, dropped with a note, because losing the whole article over it would be worse."""
    date_key = "published" if fields.get("published") is not None else "date"
    raw_date = fields.get(date_key)
    published = _parse_date(raw_date)
    if raw_date is not None and published is None:
        problems.append(f"{where}'{date_key}' is not a date: {_short(raw_date)} (ignored)")
    title = _text_field(fields, "title")
    return _Record(
        text=text,
        title=title or fallback_title,
        source=_text_field(fields, "source"),
        published=published,
        url=_text_field(fields, "url"),
        id=_text_field(fields, "id"),
    )


def _text_field(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    text = "" if value is None else _shown(value, str).strip()
    return text or None


def _shown(value: Any, convert: Callable[[Any], str]) -> str:
    """`convert(value)`, but a container is shown only a few items and two levels deep: YAML
    aliases let ten lines of front matter make a list of a billion strings."""
    return _CONTAINER.repr(value) if isinstance(value, (list, tuple, dict, set)) else convert(value)


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        parsed = dateparser.parse(value, settings=_DATEPARSER_SETTINGS)
        return parsed.date() if parsed else None


def _article(record: _Record, base_id: str, path: str) -> Article:
    if record.id is not None:
        article_id = record.id
    elif record.number is not None:
        article_id = f"{base_id}#{record.number}"
    else:
        article_id = base_id
    # Normalized again because JSON escapes and HTML entities can spell carriage returns and
    # decomposed characters that the pass over the whole file never saw; the pass is idempotent.
    text = _normalize(record.text)
    return Article(
        id=article_id,
        path=path,
        title=_one_line(_normalize(record.title)),
        source=record.source,
        published=record.published,
        url=record.url,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _short(value: Any) -> str:
    shown = _shown(value, repr)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        inner = sorted({_JSON_TYPES.get(type(item), type(item).__name__) for item in value})
        return f"array of {', '.join(inner)}" if inner else "empty array"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _size(n: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _yaml_problem(e: Exception) -> str:
    if isinstance(e, yaml.MarkedYAMLError) and e.problem:
        # frontmatter hands PyYAML the text from the end of the opening '---' line, so
        # PyYAML's line numbers are the file's.
        return f"{e.problem} (line {e.problem_mark.line + 1})" if e.problem_mark else e.problem
    return _one_line(str(e))


_READERS: dict[str, Callable[[str], tuple[list[_Record], list[str]]]] = {
    ".txt": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
}
