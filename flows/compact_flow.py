"""Nightly housekeeping: merge each table's small files into one, atomically."""

from __future__ import annotations

from typing import Any

from prefect import flow

from newsfacts.settings import Warehouse
from newsfacts.tasks import compact_task, current_run_id

FLOW_NAME = "newsfacts-compact"


@flow(name=FLOW_NAME, description="Merge small Parquet files of every table (atomic).")
def compact(warehouse: str = "warehouse") -> dict[str, Any]:
    """Compact the lake; returns the files merged per table."""
    manifest = compact_task(Warehouse.at(warehouse), f"compact-{current_run_id()}")
    return {} if manifest is None else {t: len(v) for t, v in manifest.removes.items()}
