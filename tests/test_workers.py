"""Local extraction workers: forked from a server that loaded the gazetteer once.

The workers must give exactly the lake one process gives, and must not each build their
own gazetteer (that copy per worker was most of a run's memory).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from newsfacts import workers
from newsfacts.load import run_load
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
        run_load(
            [str(every)],
            Warehouse.at(folder),
            run_id=f"w{count}",
            flow_name="test",
            batch_size=3,
            max_bytes=10**6,
            workers=count,
        )
    assert snapshot(one)["articles"]
    assert snapshot(two) == snapshot(one)
