"""Local extraction workers: forked from a server that loaded the gazetteer once.

The workers must give exactly the lake one process gives, and must not each build their
own gazetteer (that copy per worker was most of a run's memory).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsfacts import load, workers
from newsfacts.lake import LakeWriter
from newsfacts.load import run_load
from newsfacts.pipeline import NewArticles
from newsfacts.settings import Warehouse
from tests.crash_writer import snapshot, write_inputs

pytestmark = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here"
)


def _inside_a_worker() -> dict[str, Any]:
    from newsfacts.extract import gazetteer

    preload = sys.modules.get("newsfacts.worker_preload")
    server_tasks = Path(f"/proc/{os.getppid()}/task")
    return {
        "pid": os.getpid(),
        "preloaded": getattr(preload, "LOADED", False),
        # Forking is only safe from a process with one thread (no polars/pyarrow pools).
        "fork_server_threads": len(list(server_tasks.iterdir())) if server_tasks.exists() else 1,
        "frozen_objects": gc.get_freeze_count(),
        # One load in this process's whole lineage (the fork server's, before the fork);
        # the worker's own warm-up found it in the cache.
        "gazetteer_loads": gazetteer._load.cache_info().misses,
        "gazetteer_cache_hits": gazetteer._load.cache_info().hits,
    }


def test_workers_share_the_gazetteer_the_fork_server_loaded() -> None:
    with workers.extraction_workers(2):
        workers.start_workers()
        assert workers._pool is not None
        facts = [workers._pool.submit(_inside_a_worker).result() for _ in range(4)]
    for fact in facts:
        assert fact["pid"] != os.getpid()
        assert fact["preloaded"] and fact["frozen_objects"] > 1_000
        assert fact["fork_server_threads"] == 1
        assert fact["gazetteer_loads"] == 1 and fact["gazetteer_cache_hits"] >= 1


def test_two_workers_load_exactly_what_one_process_loads(tmp_path: Path) -> None:
    _, every = write_inputs(tmp_path / "inputs")
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, count in ((one, 1), (two, 2)):
        _load(every, folder, workers=count)
    assert snapshot(one)["articles"]
    assert snapshot(two) == snapshot(one)


def test_the_fork_server_warms_the_extractors_before_forking() -> None:
    with workers.extraction_workers(2):
        workers.start_workers()
        assert workers._pool is not None
        warmed = workers._pool.submit(_preloaded_modules).result()
    assert {"newsfacts.extract.dates", "newsfacts.extract.counts"} <= set(warmed)
    assert "newsfacts.extract.places" in warmed


def _preloaded_modules() -> list[str]:
    preload = sys.modules.get("newsfacts.worker_preload")
    return list(getattr(preload, "PRELOADED_MODULES", []))


def test_workers_start_early_only_for_an_input_that_fills_a_batch(tmp_path: Path) -> None:
    _, every = write_inputs(tmp_path / "inputs")
    assert workers.start_workers_early(2, [str(every)], batch_size=3) is None
    assert workers._pool is None  # a dozen short articles: not worth two processes
    long_story = "Homs: Shelling killed at least 14 civilians on Tuesday, activists said. "
    (every / "long.txt").write_text(long_story * 100, encoding="utf-8")

    forking = workers.start_workers_early(2, [str(every)], batch_size=3)
    assert forking is not None
    forking.join(timeout=60)  # the caller goes on meanwhile (Prefect starts, in the CLI)
    early = workers._pool
    assert early is not None
    processes = list(early._processes.values())  # forked at once, before any batch is read
    assert len(processes) == 2
    _load(every, tmp_path / "early", workers=2)
    assert workers._pool is None and not any(p.is_alive() for p in processes)
    _load(every, tmp_path / "one", workers=1)
    assert snapshot(tmp_path / "early") == snapshot(tmp_path / "one")


def test_batches_stay_queued_ahead_of_the_workers(tmp_path: Path) -> None:
    """The next batches wait in the pool's queue, so no worker idles between batches."""
    _, every = write_inputs(tmp_path / "inputs")
    pending: list[object] = []
    depth: list[int] = []

    class Deferred:
        def __init__(self, writer: LakeWriter, batch: NewArticles, sequence: int) -> None:
            self.args = (writer, batch, sequence)
            pending.append(self)
            depth.append(len(pending))

        def result(self) -> Counter[str]:
            pending.remove(self)
            return load.process(*self.args)

    run_load(
        [str(every)],
        Warehouse.at(tmp_path / "wh"),
        run_id="queued",
        flow_name="test",
        batch_size=1,
        max_bytes=10**6,
        workers=1,
        steps=load.Steps(submit=Deferred),
    )
    assert max(depth) == load.BATCHES_PER_WORKER > 1
    assert snapshot(tmp_path / "wh")["articles"]


def _load(source: Path, warehouse: Path, workers: int) -> None:
    run_load(
        [str(source)],
        Warehouse.at(warehouse),
        run_id=warehouse.name,
        flow_name="test",
        batch_size=3,
        max_bytes=10**6,
        workers=workers,
    )
