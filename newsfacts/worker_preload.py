"""Imported once by the worker pool's fork server, before it forks any extraction worker.

Loading here means the gazetteer (about 220 MB of Python objects) exists once, in the fork
server, and every worker forked from it shares those pages copy-on-write instead of
building its own copy, as spawned workers did. `gc.freeze()` moves the loaded objects out
of the collector's reach: its passes would otherwise write to every object header and
unshare the pages.

Only the gazetteer is loaded here, on purpose: it is plain Python data, so the fork server
starts no native threads (polars, pyarrow and BLAS start thread pools, and a process with
threads is not safe to fork). Each worker imports the validation stack after its fork.
The fork server lives as long as the process that started the pool (for `newsfacts
serve`, between scheduled runs too, so later runs start at once).
"""

from __future__ import annotations

import gc

from newsfacts.extract.gazetteer import load_gazetteer

try:
    load_gazetteer()
    LOADED = True
except Exception:  # raised here it would kill the fork server with no message; instead
    LOADED = False  # each worker loads its own copy, and an error surfaces there
gc.freeze()
