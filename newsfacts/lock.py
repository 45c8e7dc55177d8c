"""One writer at a time per warehouse, with a message saying who holds the lock.

An OS file lock (flock) is released by the kernel when its holder dies, even by SIGKILL,
so a crashed run never leaves the warehouse locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsfacts.errors import WarehouseError


@contextmanager
def writer_lock(
    path: Path, timeout: float = 3600.0, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the exclusive writer lock at `path`, waiting up to `timeout` seconds for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and on_wait is not None:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "?"
                    on_wait(f"another newsfacts run ({holder}) is loading here; waiting for it")
                    told = True
                if time.monotonic() > deadline:
                    raise WarehouseError(
                        f"the warehouse lock {path} is still held after {timeout:.0f} s by another "
                        "newsfacts run; wait for it to finish (or stop it) and try again"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
