"""The load steps as Prefect tasks: with runner.py, the only Prefect import in newsfacts/.

Tasks take whole batches (hundreds of articles): each task run costs ~30 ms of server work,
so one task per article would spend more time orchestrating than extracting. Caching is
off because inputs are large and results are committed to the lake, not to Prefect.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from newsfacts import load

prepare_warehouse = task(name="prepare-warehouse", cache_policy=NO_CACHE)(load.prepare)
extract_validate = task(name="extract-validate", cache_policy=NO_CACHE)(load.extract_validate)
stage = task(name="stage", cache_policy=NO_CACHE)(load.stage)
commit = task(name="commit", cache_policy=NO_CACHE)(load.commit)

STEPS = load.Steps(
    prepare=prepare_warehouse,
    extract_validate=extract_validate,
    submit_extract=extract_validate.submit,
    stage=stage,
    commit=commit,
)
