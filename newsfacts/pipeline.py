"""The stages between reading and loading, as plain functions the Prefect tasks wrap.

Kept free of Prefect so they are tested directly and reused by any orchestrator.
"""

from __future__ import annotations

import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from newsfacts import EXTRACTOR_VERSION
from newsfacts.contracts import FACT_TABLES, contract
from newsfacts.records import Article, SourceProblem
from newsfacts.rows import article_row, mention_rows, problem_row
from newsfacts.validate import reject_id, validate_rows

if TYPE_CHECKING:  # the extractors are imported by process_batch, where they run
    from newsfacts.extract.article import ArticleFacts
    from newsfacts.extract.gazetteer import Gazetteer


@dataclass(slots=True)
class NewArticles:
    """A batch split into what needs work and what does not."""

    articles: list[Article] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    seen: int = 0
    skipped: int = 0


@dataclass(slots=True)
class BatchOutput:
    """Validated rows of every table for one batch, plus its share of the run's accounting."""

    tables: dict[str, pa.Table]
    rejects: list[dict[str, Any]]
    stats: Counter[str]


def select_new(items: list[Article | SourceProblem], known: set[str]) -> NewArticles:
    """Drop articles already loaded (or repeated in the input) before any extraction.

    `known` is updated so that a later batch of the same run skips them too.
    """
    out = NewArticles()
    for item in items:
        if isinstance(item, SourceProblem):
            out.problems.append(item)
            continue
        out.seen += 1
        if item.article_id in known:
            out.skipped += 1
            continue
        known.add(item.article_id)
        out.articles.append(item)
    return out


def process_batch(batch: NewArticles, run_id: str, gazetteer: Gazetteer | None) -> BatchOutput:
    """Extract and validate one batch; every row ends up loaded or rejected, never lost.

    The extractors are imported here, not at the top: compiling their patterns takes half
    a second, which the orchestrating process of a run with worker processes never needs.
    """
    from newsfacts.extract.article import extract_article

    now = datetime.now(UTC)
    stats: Counter[str] = Counter(
        articles_seen=batch.seen,
        articles_skipped=batch.skipped,
        inputs_rejected=sum(1 for p in batch.problems if p.fatal),
        inputs_warned=sum(1 for p in batch.problems if not p.fatal),
    )
    rejects = [problem_row(p, run_id, now) for p in batch.problems]

    extracted: list[ArticleFacts] = []
    article_rows = []
    for article in batch.articles:
        try:
            facts = extract_article(article, gazetteer)
        except Exception as exc:  # an extractor bug must cost one article, not the run
            rejects.append(_extraction_failure(article, run_id, now, exc))
            stats["articles_rejected"] += 1
            continue
        extracted.append(facts)
        article_rows.append(article_row(article, run_id, EXTRACTOR_VERSION, now))

    articles = validate_rows("articles", article_rows, run_id)
    rejects.extend(articles.rejects)
    stats["articles_rejected"] += len(articles.rejects)
    stats["articles_new"] += articles.good.num_rows
    loaded_ids = set(articles.good.column("article_id").to_pylist())
    texts = {
        f.article.article_id: f.article.text
        for f in extracted
        if f.article.article_id in loaded_ids
    }

    tables: dict[str, pa.Table] = {"articles": articles.good}
    for table in FACT_TABLES:
        rows = [
            row
            for facts in extracted
            if facts.article.article_id in loaded_ids
            for row in mention_rows(facts.article.article_id, getattr(facts, table))
        ]
        validated = validate_rows(table, rows, run_id, texts)
        tables[table] = validated.good
        rejects.extend(validated.rejects)
        stats[f"{table}_extracted"] += len(rows)
        stats[f"{table}_loaded"] += validated.good.num_rows
        stats[f"{table}_rejected"] += len(validated.rejects)
    return BatchOutput(tables=tables, rejects=rejects, stats=stats)


def _extraction_failure(
    article: Article, run_id: str, now: datetime, exc: Exception
) -> dict[str, Any]:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    reason = (
        f"extraction failed with {type(exc).__name__}: {exc} (at {where.filename}:{where.lineno}); "
        "the article was not loaded and will be retried by the next run"
    )
    return {
        "reject_id": reject_id("articles", "extract", article.article_id, reason),
        "run_id": run_id,
        "table_name": "articles",
        "check": "extract",
        "column": None,
        "article_id": article.article_id,
        "source_uri": article.source_uri,
        "line": None,
        "reason": reason,
        "row": None,
        "rejected_at": now,
    }


def runs_row(
    run_id: str,
    flow_name: str,
    started_at: datetime,
    sources: str,
    stats: Counter[str],
) -> dict[str, Any]:
    """The run's row in `runs`: every accounting column, zero when nothing happened."""
    row: dict[str, Any] = {
        "run_id": run_id,
        "flow_name": flow_name,
        "started_at": started_at,
        "finished_at": datetime.now(UTC),
        "sources": sources,
        "extractor_version": EXTRACTOR_VERSION,
    }
    for column in contract("runs").column_names:
        if column not in row:
            row[column] = int(stats.get(column, 0))
    return row
