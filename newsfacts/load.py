"""One load, start to finish: the body of the ingest flow, with its steps injectable.

The Prefect flow passes the steps wrapped as tasks (newsfacts/tasks.py); crash and
concurrency tests pass the plain functions, so the lake's guarantees are tested where they
live without starting a Prefect server per kill point.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

import pyarrow.compute as pc

from newsfacts import EXTRACTOR_VERSION
from newsfacts.catalog import publish_catalog
from newsfacts.contracts import FACT_TABLES
from newsfacts.lake import (
    LakeWriter,
    Manifest,
    clean_uncommitted,
    compact,
    lake_dataset,
    last_sequence,
    published_files,
    read_column,
    read_manifests,
)
from newsfacts.lock import writer_lock
from newsfacts.pipeline import (
    NewArticles,
    runs_row,
    select_new,
)
from newsfacts.records import Article
from newsfacts.settings import DEFAULT_BATCH_SIZE, Warehouse
from newsfacts.sources import iter_batches, read_sources
from newsfacts.validate import validate_rows
from newsfacts.workers import extract_batch, extraction_workers, start_workers

log = logging.getLogger("newsfacts")


def prepare(wh: Warehouse) -> tuple[set[str], set[str]]:
    """Clear leftovers of crashed loads; return the article and reject ids already loaded."""
    removed = clean_uncommitted(wh)
    if removed:
        log.warning("removed %d uncommitted leftovers of an interrupted load", len(removed))
    manifests = read_manifests(wh)
    files = published_files(wh, manifests)
    publish_catalog(wh, manifests)  # a crash right after the last commit may have left it stale
    known_articles = set(read_column(wh, files["articles"], "article_id"))
    known_rejects = set(read_column(wh, files["rejects"], "reject_id"))
    log.info("warehouse %s holds %d articles", wh.location, len(known_articles))
    return known_articles, known_rejects


def process(writer: LakeWriter, batch: NewArticles, sequence: int) -> Counter[str]:
    """Extract, validate and stage one batch; returns only its accounting.

    The batch's rows go straight to the load's staging area (invisible to readers until the
    commit), so the orchestrator never holds them: Prefect keeps every task's return value
    for the whole flow run, and returning the rows made memory grow with the input.
    """
    output = extract_batch(batch, writer.run_id)
    for table, data in output.tables.items():
        writer.stage(table, data, sequence=sequence)
    writer.stage_rejects(output.rejects, sequence)
    log.info(
        "%d new articles: %d dates, %d counts, %d places loaded; %d rejects",
        output.stats["articles_new"],
        output.stats["dates_loaded"],
        output.stats["counts_loaded"],
        output.stats["places_loaded"],
        len(output.rejects),
    )
    return output.stats


def commit(writer: LakeWriter, run: dict[str, Any]) -> Manifest:
    """Publish the load atomically together with its `runs` row, then refresh the catalog."""
    checked = validate_rows("runs", [run], writer.run_id)
    if checked.rejects:
        raise RuntimeError(f"the run's accounting does not balance: {checked.rejects[0]['reason']}")
    writer.stage("runs", checked.good)
    manifest = writer.commit()
    publish_catalog(writer.wh)
    log.info("committed load %d: %s", manifest.sequence, manifest.rows)
    return manifest


#: Batches in flight per worker. With one, a worker that finishes idles while the
#: orchestrator stages its output, reads the next batch and submits it (and Prefect records
#: both task runs): ~0.1 s per batch. With two, the next batch is already queued in the
#: pool and all that bookkeeping happens while the workers extract; more would only hold
#: more articles in memory.
BATCHES_PER_WORKER = 2

#: Called with the run's running totals after each batch is staged (the CLI's progress bar;
#: a flow parameter cannot carry a callback, and the flow runs in the CLI's process).
progress_listeners: list[Callable[[Counter[str]], None]] = []


class Pending(Protocol):
    """A batch being processed: a concurrent.futures or a Prefect future."""

    def result(self) -> Counter[str]: ...


def _submit_in_thread(writer: LakeWriter, batch: NewArticles, sequence: int) -> Pending:
    return _threads.submit(process, writer, batch, sequence)


_threads = ThreadPoolExecutor(max_workers=8, thread_name_prefix="newsfacts-extract")


@dataclass(frozen=True, slots=True)
class Steps:
    """The steps of a load; the flow passes Prefect tasks, tests the plain functions.

    `submit` starts `process` on a batch without waiting, so that several batches are
    extracted at once (in worker processes) while the loop reads the next.
    """

    prepare: Callable[[Warehouse], tuple[set[str], set[str]]] = prepare
    process: Callable[[LakeWriter, NewArticles, int], Counter[str]] = process
    submit: Callable[[LakeWriter, NewArticles, int], Pending] = _submit_in_thread
    commit: Callable[[LakeWriter, dict[str, Any]], Manifest] = commit


def run_load(
    sources: Sequence[str],
    wh: Warehouse,
    *,
    run_id: str,
    flow_name: str,
    published: date | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int,
    steps: Steps | None = None,
    on_wait: Callable[[str], None] | None = None,
    workers: int = 1,
    dask_address: str | None = None,
    csv_text_column: str = "text",
) -> dict[str, Any]:
    """Load every new article of `sources` into `wh`; returns the run's `runs` row.

    The writer lock is held for the whole load, so two loads at once end as if run one
    after the other; readers are never blocked (they read committed files only). Batches
    are extracted `workers` at a time and staged in input order, so the result does not
    depend on the number of workers. With `dask_address`, batches are extracted on that
    Dask cluster (see newsfacts/workers.py).
    """
    steps = steps or Steps()
    started = datetime.now(UTC)
    with (
        writer_lock(wh.lock_file, on_wait=on_wait or log.warning),
        extraction_workers(workers, dask_address) as parallel,
    ):
        based_on = last_sequence(wh)  # read before the ids: a later commit elsewhere fails ours
        known_articles, known_rejects = steps.prepare(wh)
        writer = LakeWriter(wh, run_id, known_rejects, based_on)
        stats: Counter[str] = Counter()
        items = read_sources(
            sources,
            default_published=published,
            max_bytes=max_bytes,
            csv_text_column=csv_text_column,
        )
        in_flight: deque[Pending] = deque()

        def finish_oldest() -> None:
            stats.update(in_flight.popleft().result())
            for listener in progress_listeners:
                listener(stats)

        for number, items_batch in enumerate(iter_batches(items, batch_size)):
            batch = select_new(items_batch, known_articles)
            for problem in batch.problems:
                kind = "rejected input" if problem.fatal else "input loaded with a warning"
                log.warning("%s: %s", kind, problem.reason)
            if number == 1 or len(items_batch) == batch_size:
                # A full first batch means more will come: start the worker processes now,
                # so this process never loads the gazetteer (one copy per process counts).
                start_workers()
            in_flight.append(steps.submit(writer, batch, number))
            if len(in_flight) >= BATCHES_PER_WORKER * parallel:
                finish_oldest()
        while in_flight:
            finish_oldest()
        run = runs_row(run_id, flow_name, started, json.dumps(list(map(str, sources))), stats)
        steps.commit(writer, run)
    return run


def compact_warehouse(wh: Warehouse, run_id: str) -> Manifest | None:
    """Merge small files under the writer lock and republish the catalog."""
    with writer_lock(wh.lock_file, on_wait=log.warning):
        clean_uncommitted(wh)
        manifest = compact(wh, run_id)
        publish_catalog(wh)
    return manifest


def articles_to_reprocess(wh: Warehouse, everything: bool) -> list[Article]:
    """Loaded articles whose facts came from another extractor version (or all of them)."""
    files = published_files(wh)["articles"]
    if not files:
        return []
    dataset = lake_dataset(wh, files)
    wanted = None if everything else pc.field("extractor_version") != EXTRACTOR_VERSION
    return [
        Article(
            article_id=row["article_id"],
            text=row["text"],
            source_uri=row["source_uri"],
            source_id=row["source_id"],
            title=row["title"],
            url=row["url"],
            source=row["source"],
            published=row["published"],
            published_from=row["published_from"],
            dateline_place=row["dateline_place"],
        )
        for row in dataset.to_table(filter=wanted).to_pylist()
    ]


def run_reprocess(
    wh: Warehouse,
    *,
    run_id: str,
    flow_name: str,
    everything: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    steps: Steps | None = None,
) -> dict[str, Any]:
    """Re-extract loaded articles and replace their old facts in one atomic commit."""
    steps = steps or Steps()
    started = datetime.now(UTC)
    with writer_lock(wh.lock_file, on_wait=log.warning):
        based_on = last_sequence(wh)
        _, known_rejects = steps.prepare(wh)
        articles = articles_to_reprocess(wh, everything)
        log.info("re-extracting %d articles", len(articles))
        writer = LakeWriter(wh, run_id, known_rejects, based_on)
        writer.drop_articles({a.article_id for a in articles}, ("articles", *FACT_TABLES))
        stats: Counter[str] = Counter()
        for number, start in enumerate(range(0, len(articles), batch_size)):
            chunk = articles[start : start + batch_size]
            batch = NewArticles(articles=chunk, seen=len(chunk))
            stats.update(steps.process(writer, batch, number))
        for table in ("articles", *FACT_TABLES):
            stats[f"{table}_replaced"] = writer.removed_rows.get(table, 0)
        run = runs_row(run_id, flow_name, started, json.dumps(["reprocess"]), stats)
        steps.commit(writer, run)
    return run
