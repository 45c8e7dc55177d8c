"""Readers that turn inputs into Articles, lazily, reporting what they cannot read.

Every reader yields `Article` or `SourceProblem` items and never raises for a bad input:
one broken file must not stop a run over thousands of good ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path

from newsfacts.records import Article, SourceProblem
from newsfacts.settings import DEFAULT_MAX_ARTICLE_BYTES
from newsfacts.sources.csvfile import DEFAULT_TEXT_COLUMN, read_csv, read_csv_articles
from newsfacts.sources.feeds import read_feed, read_feed_url
from newsfacts.sources.html import read_html
from newsfacts.sources.jsonl import read_jsonl
from newsfacts.sources.txt import read_txt
from newsfacts.sources.warc import read_warc

Item = Article | SourceProblem
Reader = Callable[[Path, date | None, int], Iterator[Item]]
_READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".jsonl": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".html": read_html,
    ".htm": read_html,
    ".csv": read_csv,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def read_sources(
    paths: Iterable[str | Path],
    default_published: date | None = None,
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    csv_text_column: str = DEFAULT_TEXT_COLUMN,
) -> Iterator[Item]:
    """Articles from files, folders (every readable file below, sorted) and feed URLs.

    `csv_text_column` names the column holding the article text in CSV files.
    """
    readers = dict(_READERS)
    if csv_text_column != DEFAULT_TEXT_COLUMN:
        readers[".csv"] = partial(read_csv_articles, text_column=csv_text_column)
    for raw in paths:
        if str(raw).lower().startswith(("http://", "https://")):
            yield from read_feed_url(str(raw), default_published, max_bytes)
            continue
        path = Path(raw)
        if not path.exists():
            kinds = ", ".join(_READERS)
            reason = f"{path} does not exist: give a folder, a feed URL or a file ({kinds})"
            yield SourceProblem(str(path), "missing", reason)
        elif path.is_dir():
            yield from _read_folder(path, default_published, max_bytes, readers)
        else:
            yield from _read_file(path, default_published, max_bytes, readers)


def _read_folder(
    folder: Path, default_published: date | None, max_bytes: int, readers: dict[str, Reader]
) -> Iterator[Item]:
    try:
        files = sorted(p for p in folder.rglob("*") if _suffix(p) in readers and p.is_file())
    except OSError as exc:
        yield SourceProblem(str(folder), "unreadable", f"cannot list folder {folder}: {exc}")
        return
    for path in files:
        yield from _read_file(path, default_published, max_bytes, readers)


def _read_file(
    path: Path, default_published: date | None, max_bytes: int, readers: dict[str, Reader]
) -> Iterator[Item]:
    reader = readers.get(_suffix(path))
    if reader is None:
        kinds = ", ".join(readers)
        reason = f"{path.name}: unknown input type; use one of {kinds}"
        yield SourceProblem(str(path), "format", reason)
        return
    yield from reader(path, default_published, max_bytes)


def _suffix(path: Path) -> str:
    """The reader key: the last suffix, or ".warc.gz" (a plain .gz is not a known input)."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def iter_batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Fixed-size batches, so Prefect task overhead is paid per batch, not per article."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
