"""Re-extract loaded articles (after an extractor upgrade) and replace their facts atomically.

Run it with `newsfacts reprocess [--all]`.
"""

from __future__ import annotations

from typing import Any

from prefect import flow

from newsfacts.load import run_reprocess
from newsfacts.settings import DEFAULT_BATCH_SIZE, Warehouse
from newsfacts.tasks import STEPS, current_run_id

FLOW_NAME = "newsfacts-reprocess"


@flow(name=FLOW_NAME, description="Re-extract articles of older extractor versions.")
def reprocess(
    warehouse: str = "warehouse", everything: bool = False, batch_size: int = DEFAULT_BATCH_SIZE
) -> dict[str, Any]:
    """Replace the facts of articles extracted by another extractor version (or all)."""
    return run_reprocess(
        Warehouse.at(warehouse),
        run_id=current_run_id(),
        flow_name=FLOW_NAME,
        everything=everything,
        batch_size=batch_size,
        steps=STEPS,
    )
