"""Golden files: whole small articles, every count field, checked exactly.

Run `pytest tests/test_counts_golden.py --update-golden` after an intended change and
review the JSON diff: it shows every field that moved.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from newsfacts.extract.counts import extract_counts

GOLDEN = Path(__file__).resolve().parent / "golden" / "counts"
TEXTS = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_golden(path: Path, update_golden: bool) -> None:
    text = path.read_text(encoding="utf-8")
    got = [asdict(c) for c in extract_counts(text)]
    for row in got:
        for key, value in row.items():
            if isinstance(value, float):
                row[key] = round(value, 6)
    expected_path = path.with_suffix(".json")
    if update_golden or not expected_path.exists():
        expected_path.write_text(
            json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))
