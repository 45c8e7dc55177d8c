"""Where batches are extracted: here, in local worker processes, or on a Dask cluster.

The extractors are CPU-bound Python, so threads will not scale. Local workers are forked
from a fork server that loaded the gazetteer first (newsfacts/worker_preload.py), so they
share one copy of it; the flow process itself is never forked (it runs Prefect's threads,
and forking a threaded process can deadlock). Where there is no fork server (not POSIX),
workers are spawned and each loads its own copy. Workers take whole batches; the pool
starts only once a run has a full batch, so small runs never pay for it. With a Dask
scheduler address the batches go to the cluster's workers instead (any machine with
newsfacts installed), while the flow process keeps reading, staging and committing: the
lake has one writer.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsfacts.errors import NewsfactsError
from newsfacts.extract.gazetteer import load_gazetteer
from newsfacts.input_size import local_input_exceeds

if TYPE_CHECKING:  # the pipeline (validation stack) is imported where batches are extracted,
    # so that importing this module to start workers early costs next to nothing
    from newsfacts.pipeline import BatchOutput, NewArticles

_pool: ProcessPoolExecutor | None = None
_dask: Any = None  # a distributed.Client while a run uses a Dask cluster
_wanted = 1


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _warm_up(forked_from_server: bool) -> None:
    """Runs first in every worker: make sure the gazetteer is there, and say if unshared.

    The fork server skips a preload that fails without a word, so a worker that finds no
    preloaded gazetteer says so and loads its own copy: an error then surfaces here, in
    the worker, with its traceback, and success costs only memory.
    """
    preload = sys.modules.get("newsfacts.worker_preload")
    if forked_from_server and not getattr(preload, "LOADED", False):
        logging.getLogger("newsfacts").warning(
            "extraction worker %d did not inherit the fork server's gazetteer; loading its "
            "own copy (more memory per worker)",
            os.getpid(),
        )
    load_gazetteer()


def _extract(batch: NewArticles, run_id: str) -> BatchOutput:
    from newsfacts.pipeline import process_batch

    return process_batch(batch, run_id, load_gazetteer() if batch.articles else None)


@contextmanager
def extraction_workers(
    count: int, dask_address: str | None = None, connect_timeout: float = 30
) -> Iterator[int]:
    """Set up extraction for a run; yields how many batches may be in flight at once.

    Local: up to `count` worker processes. Dask: every thread of the cluster's workers.
    """
    global _pool, _wanted, _dask
    _wanted = max(1, count)
    in_flight = _wanted
    if dask_address:
        _dask = _connect(dask_address, connect_timeout)
        in_flight = max(1, sum(_dask.nthreads().values()))
    try:
        yield in_flight
    finally:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
        if _dask is not None:
            _dask.close()
        _pool, _dask, _wanted = None, None, 1


def _connect(address: str, timeout: float) -> Any:
    try:
        from distributed import Client
    except ImportError as exc:
        raise NewsfactsError(
            "--dask-address needs Dask: pip install 'newsfacts[dask]' (and newsfacts on every "
            "Dask worker)"
        ) from exc
    try:
        return Client(address, set_as_default=False, timeout=timeout)
    except OSError as exc:
        raise NewsfactsError(
            f"cannot reach the Dask scheduler at {address}: {exc}; start it with "
            "`dask scheduler` and workers with `dask worker ADDRESS`"
        ) from exc


def worker_context() -> multiprocessing.context.BaseContext:
    """The fork server with the gazetteer preloaded where the OS has one, else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsfacts.worker_preload"])
    return context


def start_workers() -> None:
    """Start local worker processes if allowed and no cluster is used (idempotent)."""
    global _pool
    if _pool is None and _dask is None and _wanted > 1:
        context = worker_context()
        _pool = ProcessPoolExecutor(
            max_workers=_wanted,
            mp_context=context,
            initializer=_warm_up,
            initargs=(context.get_start_method() == "forkserver",),
        )


#: What one article takes on disk, roughly (BBC averages 2.2 kB): with `batch_size` of them,
#: an input fills a batch, the point where the load would start its workers anyway.
BYTES_PER_ARTICLE = 2048


def start_workers_early(
    count: int, sources: Sequence[str], batch_size: int
) -> threading.Thread | None:
    """Start `count` worker processes now, if the local input fills more than one batch.

    The CLI calls this before Prefect starts (its temporary server, the flow run), so the
    fork server loads the gazetteer and the workers import the validation stack while
    Prefect gets going, instead of after the first batch has been read: the first batches
    then find their workers ready. The forking happens on a thread, since each fork waits
    for the fork server to finish its preload (a second). Returns that thread, or None
    when the input is too small. The run's `extraction_workers` adopts the pool and shuts
    it down at the end.
    """
    global _wanted
    if count <= 1 or not local_input_exceeds(sources, batch_size * BYTES_PER_ARTICLE):
        return None
    _wanted = count
    start_workers()
    assert _pool is not None
    forking = threading.Thread(
        target=_fork_all, args=(_pool, count), name="newsfacts-start-workers", daemon=True
    )
    forking.start()
    return forking


def _fork_all(pool: ProcessPoolExecutor, count: int) -> None:
    try:
        for _ in range(count):  # while none is idle, each submission forks one more worker
            pool.submit(_ready)
    except RuntimeError:  # the run already ended and shut the pool down: nothing to start
        pass


def _ready() -> None:
    """Nothing: the worker's initializer has done the work by the time this runs."""


def extract_batch(batch: NewArticles, run_id: str) -> BatchOutput:
    """Process a batch on the cluster or in a worker process when there is one, else here."""
    if batch.articles and _dask is not None:
        return _dask.submit(_extract, batch, run_id, pure=False).result()
    if batch.articles and _pool is not None:
        return _pool.submit(_extract, batch, run_id).result()
    return _extract(batch, run_id)
