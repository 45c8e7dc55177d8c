"""The load steps as Prefect tasks: with runner.py, the only Prefect import in newsfacts/.

Tasks take whole batches (hundreds of articles): each task run costs ~30 ms of server work,
so one task per article would spend more time orchestrating than extracting. Caching is
off because inputs are large and results are committed to the lake, not to Prefect.
"""

from __future__ import annotations

import uuid

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from newsfacts import load

prepare_warehouse = task(name="prepare-warehouse", cache_policy=NO_CACHE)(load.prepare)
process = task(name="extract-validate-stage", cache_policy=NO_CACHE)(load.process)
commit = task(name="commit", cache_policy=NO_CACHE)(load.commit)
compact_task = task(name="compact", cache_policy=NO_CACHE)(load.compact_warehouse)

STEPS = load.Steps(
    prepare=prepare_warehouse,
    process=process,
    submit=process.submit,
    commit=commit,
)


def current_run_id() -> str:
    """The Prefect flow run id: the `runs.run_id` that ties the lake to Prefect's UI."""
    return str(flow_run.get_id() or f"local-{uuid.uuid4()}")
