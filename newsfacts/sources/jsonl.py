"""JSON Lines articles: one object per line, `text` required, the rest optional."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from newsfacts.records import Article, SourceProblem
from newsfacts.sources.article import make_article
from newsfacts.sources.decode import BadInput, decode_text
from newsfacts.sources.metadata import unknown_fields


def read_jsonl(
    path: Path, default_published: date | None, max_bytes: int
) -> Iterator[Article | SourceProblem]:
    """Articles line by line (streaming: the file is never held in memory whole).

    A bad line is reported with its number and the rest of the file is still read.
    """
    uri = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield SourceProblem(uri, "unreadable", f"{path.name}: cannot read the file: {exc}")
        return
    with handle:
        number = 0
        first_line_of_id: dict[str, tuple[int, str]] = {}
        while True:
            try:
                raw = handle.readline(max_bytes + 2)
            except OSError as exc:
                yield SourceProblem(uri, "unreadable", f"{path.name}: read failed: {exc}", number)
                return
            if not raw:
                return
            number += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
                yield SourceProblem(
                    uri,
                    "too_large",
                    f"{path.name} line {number}: the line is over {max_bytes:,} bytes; "
                    "split the article or raise --max-bytes",
                    number,
                )
                continue
            if not raw.strip():
                continue
            item, record = _parse_line(raw, path, number, default_published, max_bytes)
            if isinstance(item, Article):
                yield from _warnings(item, record, path, number, first_line_of_id)
            yield item


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        chunk = handle.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _warnings(
    article: Article,
    record: dict[str, object],
    path: Path,
    number: int,
    first_line_of_id: dict[str, tuple[int, str]],
) -> Iterator[SourceProblem]:
    """Warnings about a line that still loads: unknown fields, an id reused for other text."""
    where = f"{path.name} line {number}"
    extra = unknown_fields(record)
    if extra:
        yield SourceProblem(
            str(path),
            "unknown_fields",
            f"{where}: unknown fields {extra} were ignored (known: id, url, title, published, "
            "source, text); the article was loaded",
            number,
            fatal=False,
        )
    if article.source_id is None:
        return
    seen = first_line_of_id.setdefault(article.source_id, (number, article.article_id))
    if seen[0] != number and seen[1] != article.article_id:
        yield SourceProblem(
            str(path),
            "duplicate_id",
            f"{where}: id {article.source_id!r} was already used on line {seen[0]} for another "
            "text; both were loaded (as different articles)",
            number,
            fatal=False,
        )


def _parse_line(
    raw: bytes, path: Path, number: int, default_published: date | None, max_bytes: int
) -> tuple[Article | SourceProblem, dict[str, object]]:
    """The line as an Article (or the problem with it), and the parsed record."""
    uri = f"{path}#L{number}"
    where = f"{path.name} line {number}"
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        reason = f"{where}: not valid UTF-8 at byte {exc.start}; re-encode the file as UTF-8"
        return SourceProblem(str(path), "encoding", reason, number), {}
    except json.JSONDecodeError as exc:
        problem = SourceProblem(
            str(path),
            "json",
            f"{where}: invalid JSON ({exc.msg} at column {exc.colno})",
            number,
            payload=raw[:2000].decode("utf-8", "replace"),
        )
        return problem, {}
    if not isinstance(record, dict):
        return SourceProblem(str(path), "json", f"{where}: expected a JSON object", number), {}
    text = record.get("text")
    if not isinstance(text, str):
        problem = SourceProblem(
            str(path),
            "missing_text",
            f'{where}: no string field "text"',
            number,
            payload=raw[:2000].decode("utf-8", "replace"),
        )
        return problem, record
    try:
        text = decode_text(text.encode("utf-8", "surrogatepass"), max_bytes)
        return make_article(text, uri, record, default_published), record
    except BadInput as exc:
        return SourceProblem(str(path), exc.check, f"{where}: {exc.reason}", number), record
    except (ValueError, UnicodeEncodeError) as exc:
        return SourceProblem(str(path), "metadata", f"{where}: {exc}", number), record
