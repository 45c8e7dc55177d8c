"""Records to table rows: where article ids and mention ids are attached."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any

from newsfacts.ids import mention_id
from newsfacts.records import Article, CountMention, DateMention, PlaceMention, SourceProblem
from newsfacts.validate import reject_id

Mention = DateMention | CountMention | PlaceMention


def article_row(
    article: Article, run_id: str, extractor_version: str, now: datetime
) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "source_id": article.source_id,
        "source_uri": article.source_uri,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published,
        "published_from": article.published_from,
        "dateline_place": article.dateline_place,
        "text": article.text,
        "extractor_version": extractor_version,
        "run_id": run_id,
        "ingested_at": now,
    }


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type[Mention]) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in fields(kind))
    return names


def mention_rows(article_id: str, mentions: list[Mention]) -> list[dict[str, Any]]:
    """Rows of a fact table (`dataclasses.asdict` deep-copies and was 10% of a run's time)."""
    rows = []
    for mention in mentions:
        row = {name: getattr(mention, name) for name in _field_names(type(mention))}
        row["article_id"] = article_id
        row["mention_id"] = mention_id(article_id, mention.char_start, mention.char_end)
        rows.append(row)
    return rows


def problem_row(problem: SourceProblem, run_id: str, now: datetime) -> dict[str, Any]:
    """An unreadable input as a `rejects` row (table `articles`, check `source:<reason>`)."""
    check = f"source:{problem.check}"
    where = f"{problem.source_uri}#L{problem.line}" if problem.line else problem.source_uri
    return {
        "reject_id": reject_id("articles", check, where, problem.reason),
        "run_id": run_id,
        "table_name": "articles",
        "check": check,
        "column": None,
        "article_id": None,
        "source_uri": problem.source_uri,
        "line": problem.line,
        "reason": problem.reason,
        "row": problem.payload,
        "rejected_at": now,
    }
