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
            yield _parse_line(raw, path, number, default_published, max_bytes)


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        chunk = handle.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _parse_line(
    raw: bytes, path: Path, number: int, default_published: date | None, max_bytes: int
) -> Article | SourceProblem:
    uri = f"{path}#L{number}"
    where = f"{path.name} line {number}"
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        reason = f"{where}: not valid UTF-8 at byte {exc.start}; re-encode the file as UTF-8"
        return SourceProblem(str(path), "encoding", reason, number)
    except json.JSONDecodeError as exc:
        return SourceProblem(
            str(path),
            "json",
            f"{where}: invalid JSON ({exc.msg} at column {exc.colno})",
            number,
            payload=raw[:2000].decode("utf-8", "replace"),
        )
    if not isinstance(record, dict):
        return SourceProblem(str(path), "json", f"{where}: expected a JSON object", number)
    text = record.get("text")
    if not isinstance(text, str):
        return SourceProblem(
            str(path),
            "missing_text",
            f'{where}: no string field "text"',
            number,
            payload=raw[:2000].decode("utf-8", "replace"),
        )
    try:
        text = decode_text(text.encode("utf-8", "surrogatepass"), max_bytes)
        return make_article(text, uri, record, default_published)
    except BadInput as exc:
        return SourceProblem(str(path), exc.check, f"{where}: {exc.reason}", number)
    except (ValueError, UnicodeEncodeError) as exc:
        return SourceProblem(str(path), "metadata", f"{where}: {exc}", number)
