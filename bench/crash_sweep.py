"""Kill a real writer with SIGKILL at every durable step of a load, and count survivals.

For each kill point N of the second load of a warehouse: run the load with
NEWSFACTS_KILL_AT=N, check the lake (`newsfacts check` rules), verify a reader sees exactly
the state before or after the load, re-run, and verify it converges to an uninterrupted
load's state. Then two writers at once, R times. Prints the figures.

    python bench/crash_sweep.py [--concurrent-rounds 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfacts.check import check_warehouse  # noqa: E402
from newsfacts.settings import Warehouse  # noqa: E402
from tests.crash_writer import run_writer, snapshot, write_inputs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrent-rounds", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="newsfacts-crash-"))
    first, every = write_inputs(root / "inputs")
    reference = root / "reference"
    run_writer(reference, "base", [first])
    before = snapshot(reference)
    trace = root / "trace.txt"
    run_writer(reference, "full", [every], trace=trace)
    after = snapshot(reference)
    points = trace.read_text().splitlines()

    survived, duplicates, lost = 0, 0, 0
    for number, name in (line.split(" ", 1) for line in points):
        wh = root / f"kill-{number}"
        run_writer(wh, "base", [first])
        code = run_writer(wh, f"crash-{number}", [every], kill_at=int(number))
        report = check_warehouse(Warehouse.at(wh))
        visible = snapshot(wh)
        run_writer(wh, f"rerun-{number}", [every])
        converged = snapshot(wh) == after and check_warehouse(Warehouse.at(wh)).ok
        ok = code == -9 and report.ok and visible in (before, after) and converged
        duplicates += sum(len(rows) - len(set(rows)) for rows in snapshot(wh).values())
        lost += len(set(before["articles"]) - set(visible["articles"]))
        survived += ok
        print(f"kill point {number:>3} {name:<20} {'ok' if ok else 'FAILED'}", flush=True)

    converged_rounds = 0
    script = str(ROOT / "tests" / "crash_writer.py")
    for attempt in range(args.concurrent_rounds):
        wh = root / f"together-{attempt}"
        procs = [
            subprocess.Popen(
                [sys.executable, script, str(wh), f"w{i}-{attempt}", str(src)],
                env={"PYTHONPATH": str(ROOT), "PATH": ""},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for i, src in enumerate((first, every))
        ]
        codes = [p.wait() for p in procs]
        converged_rounds += codes == [0, 0] and snapshot(wh) == after
    print(
        f"kill points: {len(points)}, survived: {survived}, duplicates: {duplicates}, "
        f"committed articles lost: {lost}; concurrent writers: {converged_rounds}/"
        f"{args.concurrent_rounds} rounds converged; {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
