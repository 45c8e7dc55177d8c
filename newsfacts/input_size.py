"""How much local input a run has, found cheaply, before any of it is read.

Used to decide whether starting worker processes ahead of the run pays: they cost a couple
of seconds of CPU and a few hundred MB, which a run of a few articles should not pay. The
walk stops as soon as the limit is passed, so a folder of a million files costs no more
than a glance at its first few hundred.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path


def local_input_exceeds(paths: Iterable[str | Path], limit: int) -> bool:
    """Whether the local files and folders among `paths` hold more than `limit` bytes.

    Feed URLs and unreadable paths count as empty: their size is unknown until fetched.
    """
    total = 0
    for size in _file_sizes(paths):
        total += size
        if total > limit:
            return True
    return False


def _file_sizes(paths: Iterable[str | Path]) -> Iterator[int]:
    for raw in paths:
        if str(raw).lower().startswith(("http://", "https://")):
            continue
        if os.path.isdir(raw):
            for folder, _, names in os.walk(raw):  # unreadable folders are skipped
                for name in names:
                    yield _size(os.path.join(folder, name))
        else:
            yield _size(raw)


def _size(path: str | Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
