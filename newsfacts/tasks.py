"""The load steps as Prefect tasks: with runner.py, the only Prefect import in newsfacts/.

Tasks take whole batches (a thousand articles, settings.DEFAULT_BATCH_SIZE): each task run
costs ~75 ms of CPU in this process and the Prefect server together, so one task per article
would spend more time orchestrating than extracting. Caching is
off because inputs are large and results are committed to the lake, not to Prefect.
Batches are handed over `quote`d: Prefect otherwise walks every parameter, down to each
article's fields, looking for upstream futures (measured: 15 ms per walk of a 500-article
batch, in the flow process that also stages and commits), which tells it nothing here.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import cast

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from newsfacts import load
from newsfacts.lake import LakeWriter
from newsfacts.pipeline import NewArticles

prepare_warehouse = task(name="prepare-warehouse", cache_policy=NO_CACHE)(load.prepare)
process = task(name="extract-validate-stage", cache_policy=NO_CACHE)(load.process)
commit = task(name="commit", cache_policy=NO_CACHE)(load.commit)
compact_task = task(name="compact", cache_policy=NO_CACHE)(load.compact_warehouse)


def _quoted(batch: NewArticles) -> NewArticles:
    """The batch marked for Prefect not to walk; the task receives it unwrapped."""
    return cast(NewArticles, quote(batch))


def _process(writer: LakeWriter, batch: NewArticles, sequence: int) -> Counter[str]:
    return process(writer, _quoted(batch), sequence)


def _submit(writer: LakeWriter, batch: NewArticles, sequence: int) -> PrefectFuture[Counter[str]]:
    return process.submit(writer, _quoted(batch), sequence)


STEPS = load.Steps(prepare=prepare_warehouse, process=_process, submit=_submit, commit=commit)


def current_run_id() -> str:
    """The Prefect flow run id: the `runs.run_id` that ties the lake to Prefect's UI."""
    return str(flow_run.get_id() or f"local-{uuid.uuid4()}")
