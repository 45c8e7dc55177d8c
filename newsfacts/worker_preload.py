"""Imported once by the worker pool's fork server, before it forks any extraction worker.

Loading here means the gazetteer (about 170 MB of Python objects) exists once, in the fork
server, and every worker forked from it shares those pages copy-on-write instead of
building its own copy, as spawned workers did. The extractors are imported and run once
on a short text too: their patterns are compiled and their word lists read here, once,
rather than in every worker on its first batch. `gc.freeze()` moves all of it out of the
collector's reach: its passes would otherwise write to every object header and unshare
the pages.

Only pure-Python extraction is loaded here, on purpose: the fork server must start no
native threads (polars, pyarrow and BLAS start thread pools, and a process with threads
is not safe to fork). Each worker imports the validation stack after its fork. The fork
server lives as long as the process that started the pool (for `newsfacts serve`,
between scheduled runs too, so later runs start at once).
"""

from __future__ import annotations

import gc
import sys

from newsfacts.extract.article import warm_up
from newsfacts.extract.gazetteer import load_gazetteer

try:
    warm_up(load_gazetteer())
    LOADED = True
except Exception:  # raised here it would kill the fork server with no message; instead
    LOADED = False  # each worker loads its own copy, and an error surfaces there
#: What the workers inherit already imported (checked by the tests).
PRELOADED_MODULES = sorted(name for name in sys.modules if name.startswith("newsfacts."))
gc.freeze()
