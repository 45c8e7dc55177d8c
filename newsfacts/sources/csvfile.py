"""CSV articles: one row per article, the text in a named column, metadata by column name."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from newsfacts.records import Article, SourceProblem
from newsfacts.sources.article import make_article
from newsfacts.sources.decode import BadInput, decode_text

DEFAULT_TEXT_COLUMN = "text"
#: Columns copied into the article's metadata when the header has them.
META_COLUMNS = ("id", "title", "url", "published", "source")


def read_csv(
    path: Path, default_published: date | None, max_bytes: int
) -> Iterator[Article | SourceProblem]:
    """Articles from a .csv file whose text is in the "text" column."""
    yield from read_csv_articles(path, default_published, max_bytes)


def read_csv_articles(
    path: Path,
    default_published: date | None,
    max_bytes: int,
    text_column: str = DEFAULT_TEXT_COLUMN,
) -> Iterator[Article | SourceProblem]:
    """Articles row by row (streaming); a bad row is reported with its line number.

    Rows are read with undecodable bytes kept as escapes, so one badly encoded row is
    reported on its own instead of ending the file.
    """
    uri = str(path)
    # The csv module refuses fields over its limit (128 KiB by default): allow an article.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    try:
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        yield SourceProblem(uri, "unreadable", f"{path.name}: cannot read the file: {exc}")
        return
    with handle:
        rows = csv.reader(handle)
        try:
            header = [name.strip() for name in next(rows, [])]
        except (csv.Error, OSError) as exc:
            yield SourceProblem(uri, "csv", f"{path.name} line 1: unreadable header: {exc}", 1)
            return
        if not header:
            yield SourceProblem(uri, "empty", f"{path.name}: the file is empty (no header row)")
            return
        if text_column not in header:
            have = ", ".join(repr(name) for name in header) or "none"
            reason = (
                f"{path.name}: no {text_column!r} column (the header has: {have}); "
                "name the text column in the header or choose it with text_column"
            )
            yield SourceProblem(uri, "missing_text", reason, 1)
            return
        extra = [name for name in header if name not in (text_column, *META_COLUMNS)]
        if extra:
            reason = (
                f"{path.name}: unknown columns {extra} were ignored (known: "
                f"{', '.join(META_COLUMNS)}, {text_column}); the rows are still read"
            )
            yield SourceProblem(uri, "unknown_fields", reason, 1, fatal=False)
        yield from _rows(rows, header, text_column, path, default_published, max_bytes)


def _rows(
    rows: Iterator[list[str]],
    header: list[str],
    text_column: str,
    path: Path,
    default_published: date | None,
    max_bytes: int,
) -> Iterator[Article | SourceProblem]:
    uri = str(path)
    end = 1  # physical line where the previous record ended
    first_line_of_id: dict[str, tuple[int, str]] = {}
    while True:
        line = end + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            end = getattr(rows, "line_num", end + 1)
            check = "too_large" if "field larger" in str(exc) else "csv"
            reason = f"{path.name} line {line}: {exc}; fix the row or raise --max-bytes"
            yield SourceProblem(uri, check, reason, line)
            continue
        except OSError as exc:
            yield SourceProblem(uri, "unreadable", f"{path.name}: read failed: {exc}", line)
            return
        end = getattr(rows, "line_num", end + 1)
        if not any(field.strip() for field in row):
            continue
        item = _row_article(row, header, text_column, path, line, default_published, max_bytes)
        yield item
        if isinstance(item, Article) and item.source_id is not None:
            seen = first_line_of_id.setdefault(item.source_id, (line, item.article_id))
            if seen[0] != line and seen[1] != item.article_id:
                reason = (
                    f"{path.name} line {line}: id {item.source_id!r} was already used on line "
                    f"{seen[0]} for another text; both were loaded (as different articles)"
                )
                yield SourceProblem(uri, "duplicate_id", reason, line, fatal=False)


def _row_article(
    row: list[str],
    header: list[str],
    text_column: str,
    path: Path,
    line: int,
    default_published: date | None,
    max_bytes: int,
) -> Article | SourceProblem:
    uri, where = str(path), f"{path.name} line {line}"
    payload = ",".join(row)[:2000].encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if len(row) != len(header):
        reason = f"{where}: {len(row)} fields but the header has {len(header)}; check the quoting"
        return SourceProblem(uri, "csv", reason, line, payload=payload)
    record = dict(zip(header, row, strict=True))
    if any("\udc80" <= ch <= "\udcff" for field in row for ch in field):
        reason = f"{where}: not valid UTF-8; re-encode the file as UTF-8"
        return SourceProblem(uri, "encoding", reason, line)
    meta = {key: record[key] for key in META_COLUMNS if key in record}
    try:
        text = decode_text(record[text_column].encode("utf-8"), max_bytes)
        return make_article(text, f"{path}#L{line}", meta, default_published)
    except BadInput as exc:
        return SourceProblem(uri, exc.check, f"{where}: {exc.reason}", line, payload=payload)
    except ValueError as exc:
        return SourceProblem(uri, "metadata", f"{where}: {exc}", line, payload=payload)
