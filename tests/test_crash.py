"""Crash safety and concurrency with real processes: SIGKILL mid-load, writers at once.

Each kill point is a durable step of a load (newsfacts/failpoints.py). After a kill, the
lake must pass `check`, show exactly a committed state (the one before the load, or the
one after it once the manifest is written), and the next run must converge to the state
of an uninterrupted load. bench/crash_sweep.py runs every point; this samples them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts.check import check_warehouse
from newsfacts.settings import Warehouse
from tests.crash_writer import run_writer, snapshot, write_inputs


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Inputs, the uninterrupted end state, and the number of kill points of the second load."""
    root = tmp_path_factory.mktemp("crash")
    first, every = write_inputs(root / "inputs")
    reference = root / "reference"
    assert run_writer(reference, "base", [first]) == 0
    before = snapshot(reference)
    trace = root / "trace.txt"
    assert run_writer(reference, "full", [every], trace=trace) == 0
    points = len(trace.read_text().splitlines())
    return {
        "first": first,
        "every": every,
        "root": root,
        "before": before,
        "after": snapshot(reference),
        "points": points,
    }


def test_the_load_has_many_kill_points(scenario: dict[str, object]) -> None:
    assert int(scenario["points"]) >= 50  # type: ignore[call-overload]


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.3, 0.5, 0.7, 0.85, 0.93, 0.96, 0.98, 1.0])
def test_sigkill_at_a_point_loses_nothing_and_the_rerun_converges(
    scenario: dict[str, object], fraction: float
) -> None:
    points = int(scenario["points"])  # type: ignore[call-overload]
    point = max(1, min(points, round(fraction * points)))
    wh = Path(scenario["root"]) / f"kill-{point}"  # type: ignore[arg-type]
    first, every = scenario["first"], scenario["every"]
    assert run_writer(wh, "base", [first]) == 0  # type: ignore[list-item]
    assert run_writer(wh, f"crash-{point}", [every], kill_at=point) == -9  # type: ignore[list-item]

    report = check_warehouse(Warehouse.at(wh))
    assert report.ok, report.problems
    assert snapshot(wh) in (scenario["before"], scenario["after"])

    assert run_writer(wh, f"rerun-{point}", [every]) == 0  # type: ignore[list-item]
    assert snapshot(wh) == scenario["after"]
    assert check_warehouse(Warehouse.at(wh)).ok


def test_concurrent_writers_end_as_if_sequential(
    scenario: dict[str, object], tmp_path: Path
) -> None:
    first, every = scenario["first"], scenario["every"]
    for attempt in range(3):
        wh = tmp_path / f"together-{attempt}"
        script = str(Path(__file__).parent / "crash_writer.py")
        procs = [
            subprocess.Popen(
                [sys.executable, script, str(wh), f"w{i}-{attempt}", str(src)],
                env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent), "PATH": ""},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for i, src in enumerate((first, every))
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err.decode()[-2000:]
        assert snapshot(wh) == scenario["after"]
        assert check_warehouse(Warehouse.at(wh)).ok
