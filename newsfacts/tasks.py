"""Prefect task wrappers around the pipeline stages: the only Prefect import in newsfacts/.

Tasks take whole batches (hundreds of articles): each task run costs ~30 ms of server work,
so one task per article would spend more time orchestrating than extracting. Caching is
off because inputs are large and results are committed to the lake, not to Prefect.
"""

from __future__ import annotations

from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newsfacts.catalog import publish_catalog
from newsfacts.extract.gazetteer import load_gazetteer
from newsfacts.lake import LakeWriter, Manifest, clean_uncommitted, published_files, read_column
from newsfacts.pipeline import BatchOutput, NewArticles, process_batch, rejects_table
from newsfacts.settings import Warehouse
from newsfacts.validate import validate_rows


@task(name="prepare-warehouse", cache_policy=NO_CACHE)
def prepare_warehouse(wh: Warehouse) -> tuple[set[str], set[str]]:
    """Clear leftovers of crashed loads and return the article and reject ids already loaded."""
    logger = get_run_logger()
    removed = clean_uncommitted(wh)
    if removed:
        logger.warning("removed %d uncommitted leftovers of an interrupted load", len(removed))
    files = published_files(wh)
    publish_catalog(wh, files)  # a crash after the last commit may have left it stale
    known_articles = set(read_column(files["articles"], "article_id"))
    known_rejects = set(read_column(files["rejects"], "reject_id"))
    logger.info("warehouse %s holds %d articles", wh.root, len(known_articles))
    return known_articles, known_rejects


@task(name="extract-validate", cache_policy=NO_CACHE)
def extract_validate(batch: NewArticles, run_id: str) -> BatchOutput:
    """Extract the facts of a batch of new articles and validate them against the contracts."""
    gazetteer = load_gazetteer() if batch.articles else None
    output = process_batch(batch, run_id, gazetteer)
    get_run_logger().info(
        "%d new articles: %d dates, %d counts, %d places, %d rejects",
        output.stats["articles_new"],
        output.stats["dates_loaded"],
        output.stats["counts_loaded"],
        output.stats["places_loaded"],
        len(output.rejects),
    )
    return output


@task(name="stage", cache_policy=NO_CACHE)
def stage(writer: LakeWriter, output: BatchOutput, known_rejects: set[str]) -> None:
    """Write a batch's tables into the load's staging area (not yet visible to readers)."""
    for table, data in output.tables.items():
        writer.stage(table, data)
    writer.stage("rejects", rejects_table(output.rejects, writer.run_id, known_rejects))


@task(name="commit", cache_policy=NO_CACHE)
def commit(writer: LakeWriter, run: dict[str, Any]) -> Manifest:
    """Publish the load atomically with its `runs` row, then refresh the catalog."""
    checked = validate_rows("runs", [run], writer.run_id)
    if checked.rejects:
        raise RuntimeError(f"the run's accounting does not balance: {checked.rejects[0]['reason']}")
    writer.stage("runs", checked.good)
    manifest = writer.commit()
    publish_catalog(writer.wh)
    get_run_logger().info("committed load %d (%s)", manifest.sequence, manifest.rows)
    return manifest
