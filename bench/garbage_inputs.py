"""Generate N bad inputs mixed with good articles; count crashes and lost good articles.

Inputs come from the same hypothesis strategies as tests/test_garbage.py (random bytes,
broken UTF-8, UTF-16, truncated text, JSONL with broken lines, odd fields, impossible
dates), written as files next to one known good article per round, read and processed
with the real pipeline (extraction with the gazetteer, pandera validation).

    python bench/garbage_inputs.py --inputs 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import strategies as st  # noqa: E402

from newsfacts.extract.gazetteer import load_gazetteer  # noqa: E402
from newsfacts.pipeline import process_batch, select_new  # noqa: E402
from newsfacts.sources import read_sources  # noqa: E402
from tests.test_garbage import GOOD, jsonl_lines, txt_payloads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inputs", type=int, default=1000)
    args = parser.parse_args()
    gazetteer = load_gazetteer()
    made = crashes = lost = reported = 0
    started = time.perf_counter()
    round_no = 0
    while made < args.inputs:
        round_no += 1
        txt = st.lists(txt_payloads, min_size=1, max_size=5).example()
        lines = st.lists(jsonl_lines, min_size=1, max_size=8).example()
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "good.txt").write_text(GOOD, encoding="utf-8")
            for index, payload in enumerate(txt):
                (folder / f"g{index}.txt").write_bytes(payload)
            text = "\n".join(line.replace("\n", " ") for line in lines) + "\n"
            (folder / "feed.jsonl").write_text(text, encoding="utf-8", errors="surrogatepass")
            made += len(txt) + len(lines)
            try:
                items = list(read_sources([folder]))
                output = process_batch(select_new(items, set()), f"r{round_no}", gazetteer)
            except Exception as exc:  # the point is to count these
                crashes += 1
                print(f"round {round_no}: crash {type(exc).__name__}: {exc}", flush=True)
                continue
            reported += len(output.rejects)
            if GOOD not in output.tables["articles"].column("text").to_pylist():
                lost += 1
    print(
        f"generated inputs: {made} in {round_no} rounds; crashes: {crashes}; good articles lost: "
        f"{lost}; rejects recorded: {reported}; {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
