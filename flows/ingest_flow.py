"""The ingest flow: read articles, extract facts, validate them, load them into the lake.

Run it with `newsfacts run`, or directly: `python flows/ingest_flow.py seeds/`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from newsfacts.lake import LakeWriter
from newsfacts.lock import writer_lock
from newsfacts.pipeline import runs_row, select_new
from newsfacts.settings import DEFAULT_BATCH_SIZE, DEFAULT_MAX_ARTICLE_BYTES, Warehouse
from newsfacts.sources import iter_batches, read_sources
from newsfacts.tasks import commit, extract_validate, prepare_warehouse, stage

FLOW_NAME = "newsfacts-ingest"


@flow(name=FLOW_NAME, description="Articles -> dates, counts, places -> Parquet lake + DuckDB.")
def ingest(
    sources: list[str],
    warehouse: str = "warehouse",
    published: date | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> dict[str, Any]:
    """Load every new article of `sources` into `warehouse`; returns the run's `runs` row.

    The writer lock is held for the whole run, so two runs at once end as if run one
    after the other; readers are never blocked.
    """
    logger = get_run_logger()
    started = datetime.now(UTC)
    run_id = str(flow_run.get_id() or f"local-{started:%Y%m%dT%H%M%S%f}")
    wh = Warehouse.at(warehouse)
    with writer_lock(wh.lock_file, on_wait=logger.warning):
        known_articles, known_rejects = prepare_warehouse(wh)
        writer = LakeWriter(wh, run_id)
        stats: Counter[str] = Counter()
        items = read_sources(sources, default_published=published, max_bytes=max_bytes)
        for items_batch in iter_batches(items, batch_size):
            batch = select_new(items_batch, known_articles)
            for problem in batch.problems:
                logger.warning("rejected input: %s", problem.reason)
            output = extract_validate(batch, run_id)
            stage(writer, output, known_rejects)
            stats.update(output.stats)
        run = runs_row(run_id, FLOW_NAME, started, json.dumps(list(map(str, sources))), stats)
        commit(writer, run)
    return run


if __name__ == "__main__":
    ingest(sys.argv[1:] or ["seeds"])
