"""Golden files: small hand-written articles and the exact mentions expected from them.

Each `tests/golden/dates/NAME.txt` is tagged with the publication date given in
`_PUBLISHED` and compared field by field with `NAME.json`. There is no regenerate
switch on purpose: an intended change is made by editing the JSON by hand, so every
changed value gets looked at. The texts cover false positives too (scores, ages, money,
"May" the name, "the second half" of a match); a clock time is a TIME, never a date.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsfacts.extract.dates import extract_dates

GOLDEN = Path(__file__).resolve().parent / "golden" / "dates"
_PUBLISHED = {
    "business": date(2019, 2, 14),  # a Thursday
    "conflict": date(2021, 11, 9),  # a Tuesday
    "sport": date(2019, 11, 24),  # a Sunday
}


def _as_json(name: str) -> list[dict[str, Any]]:
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    rows = []
    for mention in extract_dates(text, _PUBLISHED[name]):
        row = asdict(mention)
        for key in ("start_date", "end_date"):
            row[key] = row[key].isoformat() if row[key] else None
        rows.append(row)
    return rows


@pytest.mark.parametrize("name", sorted(_PUBLISHED))
def test_golden(name: str) -> None:
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert _as_json(name) == expected
