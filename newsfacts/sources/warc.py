"""Web archives (.warc, .warc.gz): one article per archived HTML page, read as a stream.

Crawls are large and often damaged at the edges, so records are read one at a time and a
corrupt record is reported and skipped: the reader looks for the next record and goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsfacts.records import Article, SourceProblem
from newsfacts.sources.article import make_article
from newsfacts.sources.decode import BadInput
from newsfacts.sources.html import extract_page

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MARKER = b"\nWARC/1."
#: After this many corrupt records the file is given up: it is probably not a WARC at all.
MAX_CORRUPT_RECORDS = 50


def read_warc(
    path: Path, default_published: date | None, max_bytes: int
) -> Iterator[Article | SourceProblem]:
    """Articles from the HTML `response` records of a WARC file (gzipped or not).

    Other records (requests, metadata, images, error pages) are skipped silently: they
    are a normal part of a crawl, not problems.
    """
    uri = str(path)
    try:
        handle = path.open("rb")
        gzipped = handle.read(2) == _GZIP_MAGIC[:2]
    except OSError as exc:
        yield SourceProblem(uri, "unreadable", f"{path.name}: cannot read the file: {exc}")
        return
    with handle:
        start: int | None = 0
        corrupt = 0
        while start is not None:
            handle.seek(start)
            records = ArchiveIterator(handle)
            at = start
            try:
                for record in records:
                    at = records.offset
                    if record.format != "warc":  # warcio would read stray text as ARC
                        raise ArchiveLoadFailed("the record does not start with WARC/1.x")
                    item = _record_item(record, at, path, default_published, max_bytes)
                    if item is not None:
                        yield item
                start = None
            except OSError as exc:
                yield SourceProblem(uri, "unreadable", f"{path.name}: read failed: {exc}")
                return
            except Exception as exc:  # warcio raises many error types on damaged records
                corrupt += 1
                at = max(at, records.offset)
                reason = (
                    f"{path.name} at byte {at}: corrupt WARC record "
                    f"({type(exc).__name__}: {exc}); it was skipped"
                )
                yield SourceProblem(uri, "warc", reason)
                start = _next_record(handle, at + 1, _GZIP_MAGIC if gzipped else _WARC_MARKER)
                if start is not None and corrupt >= MAX_CORRUPT_RECORDS:
                    reason = f"{path.name}: {corrupt} corrupt records; the rest is skipped"
                    yield SourceProblem(uri, "warc", reason)
                    return


def _record_item(
    record: Any, offset: int, path: Path, default_published: date | None, max_bytes: int
) -> Article | SourceProblem | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or not content_type.lower().startswith(_HTML_TYPES):
        return None
    target = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path.name} record at byte {offset} ({target})"
    try:
        payload = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # chunked/gzip/brotli decoders raise their own error types
        reason = f"{where}: cannot decode the HTTP body ({type(exc).__name__}: {exc})"
        return SourceProblem(str(path), "warc", reason)
    if len(payload) > max_bytes:
        reason = f"{where}: the page is over {max_bytes:,} bytes; raise --max-bytes"
        return SourceProblem(str(path), "too_large", reason)
    try:
        text, meta = extract_page(payload, _charset(content_type), target, max_bytes)
    except BadInput as exc:
        return SourceProblem(str(path), exc.check, f"{where}: {exc.reason}")
    meta["url"] = target or meta["url"]
    meta["id"] = record.rec_headers.get_header("WARC-Record-ID")
    # The capture date is only a bound on the publication date, so the page's own wins.
    meta["published"] = meta["published"] or record.rec_headers.get_header("WARC-Date")
    try:
        return make_article(text, f"{path}#{offset}", meta, default_published)
    except ValueError as exc:
        return SourceProblem(str(path), "metadata", f"{where}: {exc}")


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _next_record(handle: BinaryIO, position: int, marker: bytes) -> int | None:
    """Offset of the next record start at or after `position`, or None at end of file."""
    overlap = len(marker) - 1
    while True:
        handle.seek(position)
        chunk = handle.read(1 << 20)
        found = chunk.find(marker)
        if found >= 0:
            return position + found + (1 if marker == _WARC_MARKER else 0)
        if len(chunk) < (1 << 20):
            return None
        position += len(chunk) - overlap
