"""A real writer process for the crash and concurrency tests, and the helpers around it.

As a script: python tests/crash_writer.py WAREHOUSE RUN_ID SOURCE [SOURCE ...] runs one
load with the plain (Prefect-free) steps; with NEWSFACTS_KILL_AT=N it SIGKILLs itself at
the N-th durable step. bench/crash_sweep.py reuses these helpers for the full sweep.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

from newsfacts.catalog import table_sql
from newsfacts.lake import published_files
from newsfacts.settings import Warehouse

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "kabul.txt": "KABUL, Afghanistan (Jan. 25, 2013)\nAn Afghan and coalition force killed two "
    "insurgents in Ghazni province yesterday and detained three suspects.",
    "homs.txt": "Homs: Shelling killed at least 14 civilians on Tuesday, activists said.",
    "lagos.txt": "Lagos: Floods displaced more than 2,000 people in 2019, officials said.",
    "quito.txt": "Quito: About 300 protesters were arrested on Friday after a march.",
    "delhi.txt": "New Delhi: The fire killed 43 people in March 2019, police said.",
    "gaza.txt": "Gaza: The following year, 1,50,000 people fled to Rafah.",
    "aden.txt": "Aden: Clashes wounded 12 fighters last week, a medic said.",
    "goma.txt": "Goma: Rebels kidnapped 5 aid workers near the city on Sunday.",
    "mosul.txt": "Mosul: Nearly 900 families were evacuated in 2017, the UN said.",
    "jos.txt": "Jos: Gunmen killed 20 villagers on Saturday, 30 km from the town.",
    "lima.txt": "Lima: Around 4,000 people were affected by floods in February.",
    "dhaka.txt": "Dhaka: Police detained 11 students last month, a lawyer said.",
}
PLAIN_COLUMNS = {
    "articles": "article_id, text, published, dateline_place",
    "dates": "mention_id, surface, value, start_date, end_date",
    "counts": "mention_id, surface, value, qualifier, category",
    "places": "mention_id, surface, geonameid, feature",
    "rejects": 'reject_id, "check"',
}


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """Two input folders: `first` (half the articles) and `all` (everything + a bad file)."""
    first, every = folder / "first", folder / "all"
    first.mkdir(parents=True)
    every.mkdir(parents=True)
    for index, (name, text) in enumerate(ARTICLES.items()):
        (every / name).write_text(text, encoding="utf-8")
        if index % 2 == 0:
            (first / name).write_text(text, encoding="utf-8")
    (every / "zz-binary.txt").write_bytes(b"\x00\x01garbage")
    return first, every


def run_writer(
    wh: Path,
    run_id: str,
    sources: list[Path],
    kill_at: int | None = None,
    trace: Path | None = None,
) -> int:
    """Run one load in a child process; returns its exit code (-9 when killed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NEWSFACTS_KILL_AT", None)
    if kill_at is not None:
        env["NEWSFACTS_KILL_AT"] = str(kill_at)
    if trace is not None:
        env["NEWSFACTS_FAILPOINT_TRACE"] = str(trace)
    command = [sys.executable, str(Path(__file__)), str(wh), run_id, *map(str, sources)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, -9):
        raise AssertionError(f"writer failed unexpectedly:\n{done.stderr[-3000:]}")
    return done.returncode


def snapshot(wh: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a reader can see, minus what legitimately differs per run (ids, times)."""
    warehouse = Warehouse.at(wh)
    files = published_files(warehouse)
    con = duckdb.connect(":memory:")
    try:
        return {
            table: con.execute(
                f"SELECT {columns} FROM ({table_sql(table, files[table])}) ORDER BY ALL"
            ).fetchall()
            for table, columns in PLAIN_COLUMNS.items()
        }
    finally:
        con.close()


if __name__ == "__main__":
    from newsfacts.load import run_load

    warehouse, run_id, *sources = sys.argv[1:]
    run_load(
        sources,
        Warehouse.at(warehouse),
        run_id=run_id,
        flow_name="crash-test",
        batch_size=2,
        max_bytes=1_000_000,
    )
