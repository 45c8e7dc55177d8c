"""Saved HTML pages: the page's main text (no menus, ads or comments) and its own metadata.

`extract_page` is shared with the WARC reader so a page reads the same whether it was
saved by a browser or captured by a crawler.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import trafilatura

from newsfacts.records import Article, SourceProblem
from newsfacts.sources.article import make_article
from newsfacts.sources.decode import BadInput, decode_text, read_limited

#: Dates only from the page's markup (never guessed from body text), and bounded by fixed
#: limits rather than "today", so extraction does not depend on the wall clock.
_DATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "extensive_search": False,
    "min_date": "1800-01-01",
    "max_date": "2200-12-31",
}
#: "Main text" shorter than this is a menu or a caption left on an index page, not a story.
MIN_WORDS = 5
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_html(
    path: Path, default_published: date | None, max_bytes: int
) -> Iterator[Article | SourceProblem]:
    """One article from a saved .html/.htm page; a page with no main text is reported."""
    uri = str(path)
    try:
        text, meta = extract_page(read_limited(path, max_bytes), None, None, max_bytes)
    except BadInput as exc:
        yield SourceProblem(uri, exc.check, f"{path.name}: {exc.reason}")
        return
    except OSError as exc:
        yield SourceProblem(uri, "unreadable", f"{path.name}: cannot read the file: {exc}")
        return
    try:
        yield make_article(text, uri, meta, default_published)
    except ValueError as exc:
        yield SourceProblem(uri, "metadata", f"{path.name}: bad page metadata: {exc}")


def extract_page(
    data: bytes, charset: str | None, url: str | None, max_bytes: int
) -> tuple[str, dict[str, Any]]:
    """Main text and metadata (title, url, published, source) of one HTML page.

    `charset` is what the transport declared (an HTTP header), `url` where the page came
    from. Raises BadInput when the page cannot be decoded or has no main text.
    """
    markup = decode_page(data, charset)
    try:
        doc = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=True,  # a menu read as text would become bogus facts
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # hostile markup must cost one page, never the run
        raise BadInput(
            "html", f"the page could not be parsed ({type(exc).__name__}: {exc}); skip or fix it"
        ) from exc
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.split()) < MIN_WORDS:
        raise BadInput(
            "no_text",
            "no main text found in the page (an index page, a login wall or a script-only "
            "page?); save the article page itself",
        )
    title = getattr(doc, "title", None) or None
    # The headline repeated as the first line would hide a dateline ("Cairo: ...") that
    # starts the story, so it is dropped: the title is kept in its own field.
    if title and body.startswith(title + "\n"):
        body = body[len(title) + 1 :]
    text = decode_text(body.encode("utf-8", "surrogatepass"), max_bytes)
    meta = {
        "title": title,
        "url": getattr(doc, "url", None) or url,
        "published": getattr(doc, "date", None),
        "source": getattr(doc, "sitename", None),
    }
    return text, meta


def decode_page(data: bytes, declared: str | None) -> str:
    """Markup from page bytes, using the declared charset (header, then <meta>, else UTF-8).

    Undeclared encodings are not guessed: a wrong guess would silently corrupt the text.
    """
    if data.startswith(codecs.BOM_UTF8):
        data, declared = data[len(codecs.BOM_UTF8) :], "utf-8"
    charset = declared or _meta_charset(data) or "utf-8"
    try:
        codec = codecs.lookup(charset).name
    except LookupError as exc:
        raise BadInput(
            "encoding", f"the page declares an unknown charset {charset!r}; re-save it as UTF-8"
        ) from exc
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise BadInput(
            "encoding",
            f"not valid {codec} at byte {exc.start} ({exc.reason}); fix the page's charset "
            "declaration or re-save it as UTF-8",
        ) from exc


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None
