"""Nightly housekeeping: merge each table's small files into one, atomically."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from newsfacts.load import compact_warehouse
from newsfacts.settings import Warehouse

FLOW_NAME = "newsfacts-compact"

compact_task = task(name="compact", cache_policy=NO_CACHE)(compact_warehouse)


@flow(name=FLOW_NAME, description="Merge small Parquet files of every table (atomic).")
def compact(warehouse: str = "warehouse") -> dict[str, Any]:
    """Compact the lake; returns the files merged per table."""
    run_id = flow_run.get_id() or f"local-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
    manifest = compact_task(Warehouse.at(warehouse), f"compact-{run_id}")
    return {} if manifest is None else {t: len(v) for t, v in manifest.removes.items()}
