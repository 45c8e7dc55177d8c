"""newsfacts: news articles in, a queryable warehouse of dates, counts and places out."""

import os
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsfacts")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

#: Bumped whenever extraction output may change; stored with every article so that
#: `newsfacts reprocess` can find facts made by an older extractor.
EXTRACTOR_VERSION = "3"


def _release_freed_memory() -> None:
    """Allocator settings that let a long run's processes give memory back.

    Arrow's default allocator keeps freed blocks per thread, and glibc opens a heap arena
    per thread: the orchestrator, which stages batches from several threads, grew by
    ~1 MB per batch with them (475 MB after 20,000 articles; 388 MB with these). Set
    before Arrow allocates anything; MALLOC_ARENA_MAX reaches the processes this one
    starts (worker fork server, Prefect's temporary server). A value the user set wins.
    """
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")


_release_freed_memory()
