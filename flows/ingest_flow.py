"""The ingest flow: read articles, extract facts, validate them, load them into the lake.

Run it with `newsfacts run`, or directly: `python flows/ingest_flow.py seeds/`.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from newsfacts.load import run_load
from newsfacts.settings import DEFAULT_BATCH_SIZE, DEFAULT_MAX_ARTICLE_BYTES, Warehouse
from newsfacts.tasks import STEPS, current_run_id

FLOW_NAME = "newsfacts-ingest"


@flow(name=FLOW_NAME, description="Articles -> dates, counts, places -> Parquet lake + DuckDB.")
def ingest(
    sources: list[str],
    warehouse: str = "warehouse",
    published: date | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    workers: int = 1,
    dask_address: str | None = None,
    csv_text_column: str = "text",
) -> dict[str, Any]:
    """Load every new article of `sources` into `warehouse`; returns the run's `runs` row.

    `workers` > 1 extracts batches in that many worker processes; `dask_address` sends
    them to a Dask cluster instead (scale-out across machines).
    """
    run = run_load(
        sources,
        Warehouse.at(warehouse),
        run_id=current_run_id(),
        flow_name=FLOW_NAME,
        published=published,
        batch_size=batch_size,
        max_bytes=max_bytes,
        steps=STEPS,
        on_wait=get_run_logger().warning,
        workers=workers,
        dask_address=dask_address,
        csv_text_column=csv_text_column,
    )
    publish_artifacts(run, warehouse)
    return run


def publish_artifacts(run: dict[str, Any], warehouse: str) -> None:
    """What the run loaded, visible on the flow run's page in the Prefect UI."""
    rows = [
        {
            "table": "articles",
            "extracted": run["articles_seen"] - run["articles_skipped"],
            "loaded": run["articles_new"],
            "rejected": run["articles_rejected"],
        }
    ]
    rows += [
        {
            "table": table,
            "extracted": run[f"{table}_extracted"],
            "loaded": run[f"{table}_loaded"],
            "rejected": run[f"{table}_rejected"],
        }
        for table in ("dates", "counts", "places")
    ]
    create_table_artifact(
        key="newsfacts-run-tables", table=rows, description="Facts and rejects per table"
    )
    create_markdown_artifact(
        key="newsfacts-run-summary",
        markdown=(
            f"## newsfacts run `{run['run_id']}`\n\n"
            f"- warehouse: `{warehouse}`\n"
            f"- articles read: {run['articles_seen']}, new: {run['articles_new']}, "
            f"already loaded: {run['articles_skipped']}\n"
            f"- unreadable inputs: {run['inputs_rejected']}, "
            f"loaded with warnings: {run['inputs_warned']}\n"
            f"- facts loaded: {run['dates_loaded']} dates, {run['counts_loaded']} counts, "
            f"{run['places_loaded']} places\n"
            '- rejects: `newsfacts sql "select * from rejects where run_id = '
            f"'{run['run_id']}'\"`\n"
        ),
        description="Run summary",
    )


if __name__ == "__main__":
    ingest(sys.argv[1:] or ["seeds"])
