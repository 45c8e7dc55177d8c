"""Extraction in worker processes: the extractors are CPU-bound Python, threads won't scale.

Workers are started with `spawn` (the parent runs Prefect's threads, and forking a
threaded process can deadlock), load the gazetteer once, and then take whole batches.
The pool starts only when a run has a second batch, so small runs never pay for it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from newsfacts.extract.gazetteer import load_gazetteer
from newsfacts.pipeline import BatchOutput, NewArticles, process_batch

_pool: ProcessPoolExecutor | None = None
_wanted = 1


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _warm_up() -> None:
    load_gazetteer()


def _extract(batch: NewArticles, run_id: str) -> BatchOutput:
    return process_batch(batch, run_id, load_gazetteer() if batch.articles else None)


@contextmanager
def extraction_workers(count: int) -> Iterator[None]:
    """Allow up to `count` worker processes for extraction within this block."""
    global _pool, _wanted
    _wanted = max(1, count)
    try:
        yield
    finally:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
        _pool, _wanted = None, 1


def start_workers() -> None:
    """Start the pool if more than one worker is allowed (idempotent)."""
    global _pool
    if _pool is None and _wanted > 1:
        _pool = ProcessPoolExecutor(
            max_workers=_wanted,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm_up,
        )


def extract_batch(batch: NewArticles, run_id: str) -> BatchOutput:
    """Process a batch in a worker when the pool runs, else right here."""
    if _pool is not None and batch.articles:
        return _pool.submit(_extract, batch, run_id).result()
    return _extract(batch, run_id)
