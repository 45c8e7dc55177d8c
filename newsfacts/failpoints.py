"""Numbered crash points in the load path, for proving crash safety.

Each durable step of a load (a file written, synced, renamed, the manifest, the catalog)
calls `reached`. With NEWSFACTS_KILL_AT=N set, the process SIGKILLs itself at the N-th
point, so a test can crash a real writer at every step in turn and check that the lake
stays readable and the next run converges. Unset (always, in production) it costs one
dictionary lookup.
"""

from __future__ import annotations

import os
import signal

_KILL_AT = "NEWSFACTS_KILL_AT"
_TRACE = "NEWSFACTS_FAILPOINT_TRACE"  # a file to append each point's name to (to count them)
_count = 0


def reached(name: str) -> None:
    """Mark a durable step; die here if this is the step the test asked for."""
    target, trace = os.environ.get(_KILL_AT), os.environ.get(_TRACE)
    if not target and not trace:
        return
    global _count
    _count += 1
    if trace:
        with open(trace, "a", encoding="utf-8") as out:
            out.write(f"{_count} {name}\n")
    if target and _count == int(target):
        os.kill(os.getpid(), signal.SIGKILL)
