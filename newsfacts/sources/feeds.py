"""RSS and Atom feeds, from files or http(s) URLs: one article per entry.

Feeds come from strangers, so the XML is checked for entity declarations and external
references before any parser sees it: a "billion laughs" feed is refused, not expanded.
"""

from __future__ import annotations

import codecs
import http.client
import io
import re
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from newsfacts.records import Article, SourceProblem
from newsfacts.sources.article import make_article
from newsfacts.sources.decode import BadInput, decode_text

#: A feed holds many articles, so the whole document may be this many times --max-bytes.
FEED_BYTES_FACTOR = 20
#: Seconds to wait on the network (per connection step) before giving up on a feed URL.
FETCH_TIMEOUT = 20.0

#: (url, timeout seconds, byte limit) -> body; raises OSError or BadInput("too_large").
Fetch = Callable[[str, float, int], bytes]

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.I)
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"}
    | {"nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head"})


def read_feed(
    path: Path, default_published: date | None, max_bytes: int
) -> Iterator[Article | SourceProblem]:
    """Articles from an RSS/Atom file (.rss, .atom, .xml), one per entry."""
    uri = str(path)
    limit = FEED_BYTES_FACTOR * max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            yield SourceProblem(
                uri,
                "too_large",
                f"{path.name}: the feed is {size:,} bytes, over the limit of {limit:,} "
                f"({FEED_BYTES_FACTOR} x --max-bytes); split it or raise --max-bytes",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceProblem(uri, "unreadable", f"{path.name}: cannot read the file: {exc}")
        return
    yield from read_feed_bytes(data, uri, path.name, default_published, max_bytes)


def read_feed_url(
    url: str,
    default_published: date | None,
    max_bytes: int,
    fetch: Fetch | None = None,
    timeout: float = FETCH_TIMEOUT,
) -> Iterator[Article | SourceProblem]:
    """Articles from a feed at an http(s) URL; `fetch` is injectable (tests, proxies)."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        reason = f"{url}: only http:// and https:// feed URLs are read; save other feeds to a file"
        yield SourceProblem(url, "format", reason)
        return
    try:
        data = (fetch or fetch_url)(url, timeout, FEED_BYTES_FACTOR * max_bytes)
    except BadInput as exc:
        yield SourceProblem(url, exc.check, f"{url}: {exc.reason}")
        return
    except (OSError, ValueError, http.client.HTTPException) as exc:
        reason = f"{url}: cannot fetch the feed ({exc}); check the URL and the network"
        yield SourceProblem(url, "unreadable", reason)
        return
    yield from read_feed_bytes(data, url, url, default_published, max_bytes)


def fetch_url(url: str, timeout: float, limit: int) -> bytes:
    """The body at `url`, refused once it grows past `limit` bytes (never read whole first)."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": "newsfacts",
            "Accept": "application/rss+xml, application/atom+xml, application/xml, */*;q=0.5",
        },
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise BadInput("too_large", f"the feed is {declared} bytes, over {limit:,}")
        data = response.read(limit + 1)
    if len(data) > limit:
        raise BadInput("too_large", f"the feed is over {limit:,} bytes; raise --max-bytes")
    return data


def read_feed_bytes(
    data: bytes, uri: str, name: str, default_published: date | None, max_bytes: int
) -> Iterator[Article | SourceProblem]:
    """Articles from feed bytes; `name` is how problems refer to the feed (file name, URL)."""
    try:
        check_safe_xml(data)
    except BadInput as exc:
        yield SourceProblem(uri, exc.check, f"{name}: {exc.reason}")
        return
    try:
        parsed = feedparser.parse(io.BytesIO(data))  # a stream: bytes could be taken as a URL
    except Exception as exc:  # feedparser raises on some garbled encoding declarations
        reason = f"{name}: the feed could not be parsed ({type(exc).__name__}: {exc})"
        yield SourceProblem(uri, "format", reason)
        return
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception") or "no <rss>, <feed> or <rdf:RDF> root element"
        reason = f"{name}: not an RSS or Atom feed ({problem}); check the file"
        yield SourceProblem(uri, "format", reason)
        return
    source = _plain_field(parsed.get("feed") or {}, "title")
    for number, entry in enumerate(parsed.get("entries") or [], start=1):
        yield _entry_article(entry, number, uri, name, source, default_published, max_bytes)


def check_safe_xml(data: bytes) -> None:
    """Raise BadInput("unsafe_xml") for XML declaring entities or external references."""
    reason = (
        "the XML declares entities or external references (a possible 'billion laughs' or "
        "external-entity attack), so it is refused; remove the DOCTYPE declarations"
    )
    try:
        defusedxml.ElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise BadInput("unsafe_xml", reason) from exc
    except (defusedxml.ElementTree.ParseError, ValueError, LookupError):
        # Malformed XML is left to feedparser's lenient parser, unless it declares entities.
        probe = data
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            probe = data.decode("utf-16", "replace").encode("utf-8", "replace")
        if _ENTITY_DECL.search(probe):
            raise BadInput("unsafe_xml", reason) from None


def _entry_article(
    entry: Any,
    number: int,
    uri: str,
    name: str,
    source: str | None,
    default_published: date | None,
    max_bytes: int,
) -> Article | SourceProblem:
    where = f"{name} entry {number}"
    detail = (entry.get("content") or [None])[0] or entry.get("summary_detail")
    if not detail or not str(detail.get("value") or "").strip():
        return SourceProblem(uri, "missing_text", f"{where}: the entry has no content or summary")
    text = _as_plain(detail["value"], detail.get("type"))
    try:
        text = decode_text(text.encode("utf-8", "surrogatepass"), max_bytes)
        meta = {
            "id": entry.get("id"),
            "url": entry.get("link"),
            "title": _plain_field(entry, "title"),
            "source": source,
            "published": _entry_date(entry),
        }
        return make_article(text, f"{uri}#entry-{number}", meta, default_published)
    except BadInput as exc:
        return SourceProblem(uri, exc.check, f"{where}: {exc.reason}")
    except (ValueError, UnicodeEncodeError) as exc:
        return SourceProblem(uri, "metadata", f"{where}: {exc}")


def _entry_date(entry: Any) -> date | None:
    """The entry's date as written (its own time zone), published before updated.

    feedparser's *_parsed values are converted to UTC, which can move an evening story
    to the next day; they are only the fallback for formats the standard library lacks.
    """
    for key in ("published", "updated"):
        raw = entry.get(key)
        if not raw:
            continue
        day = _parse_date(str(raw))
        if day is None and entry.get(f"{key}_parsed"):
            day = date(*entry[f"{key}_parsed"][:3])
        if day is None:
            raise ValueError(f"{key} {raw!r} is not a date (use RFC 822 or ISO 8601)")
        return day
    return None


def _parse_date(raw: str) -> date | None:
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.strip()).date()
    except ValueError:
        return None


def _plain_field(holder: Any, key: str) -> str | None:
    value = holder.get(key)
    if not value:
        return None
    detail = holder.get(f"{key}_detail") or {}
    return _as_plain(str(value), detail.get("type")) or None


def _as_plain(value: str, content_type: str | None) -> str:
    if content_type == "text/plain":
        return value
    collector = _TextCollector()
    collector.feed(value)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextCollector(HTMLParser):
    """Text of an HTML fragment: tags dropped, block elements become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
