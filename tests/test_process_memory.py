"""Allocator settings that keep a long run's memory flat (see newsfacts/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pyarrow as pa
import pytest

from tests.crash_writer import ROOT

PROBE = "import newsfacts, os, pyarrow as pa; print(pa.default_memory_pool().backend_name, os.environ['MALLOC_ARENA_MAX'])"


def _probe(**overrides: str) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ARROW_DEFAULT_MEMORY_POOL", "MALLOC_ARENA_MAX")
    }
    env.update(overrides, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_importing_newsfacts_makes_arrow_give_freed_memory_back() -> None:
    assert _probe() == "system 2"


def test_the_users_own_allocator_settings_win() -> None:
    try:
        pa.mimalloc_memory_pool()
    except NotImplementedError:
        pytest.skip("this pyarrow build has no mimalloc")
    assert _probe(ARROW_DEFAULT_MEMORY_POOL="mimalloc", MALLOC_ARENA_MAX="4") == "mimalloc 4"
