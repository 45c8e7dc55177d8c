"""Building an Article from text and metadata: one place for the publication-date rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsfacts.ids import article_id
from newsfacts.records import Article
from newsfacts.sources.dateline import parse_dateline
from newsfacts.sources.metadata import optional_text, parse_published


def make_article(
    text: str,
    source_uri: str,
    meta: dict[str, Any],
    default_published: date | None,
) -> Article:
    """An Article whose publication date comes from metadata, else the dateline, else the CLI.

    Raises ValueError (with the field named) for metadata that is present but wrong:
    an impossible date is an error to report, not a reason to guess.
    """
    published = parse_published(meta.get("published"))
    published_from = "metadata" if published else None
    dateline = parse_dateline(text)
    if published is None and dateline is not None and dateline.published is not None:
        published, published_from = dateline.published, "dateline"
    if published is None and default_published is not None:
        published, published_from = default_published, "cli"
    return Article(
        article_id=article_id(text),
        text=text,
        source_uri=source_uri,
        source_id=optional_text(meta, "id"),
        title=optional_text(meta, "title"),
        url=optional_text(meta, "url"),
        source=optional_text(meta, "source"),
        published=published,
        published_from=published_from,
        dateline_place=dateline.place if dateline else None,
    )
