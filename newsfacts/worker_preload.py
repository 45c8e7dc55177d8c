"""Imported once by the worker pool's fork server, before it forks any extraction worker.

Loading here means the gazetteer (about 220 MB of Python objects) and the extraction and
validation modules exist once, in the fork server, and every worker forked from it shares
those pages copy-on-write instead of building its own copy, as spawned workers did.
`gc.freeze()` moves the loaded objects out of the collector's reach: its passes would
otherwise write to every object header and unshare the pages.

The fork server is a fresh single-threaded process, so forking it is safe, unlike forking
the flow process, which runs Prefect's threads.
"""

from __future__ import annotations

import gc

import newsfacts.pipeline  # noqa: F401 - imported to be shared, not used here
from newsfacts.extract.gazetteer import load_gazetteer

load_gazetteer()
gc.freeze()
