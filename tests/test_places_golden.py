"""Golden files: short articles written for these tests and their expected places.

Run with NEWSFACTS_UPDATE_GOLDEN=1 to rewrite the JSON after an intended change, then
review the diff: the JSON is the specification.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib

import pytest

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places

GOLDEN = pathlib.Path(__file__).parent / "golden" / "places"
ARTICLES = sorted(GOLDEN.glob("*.txt"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_golden(article: pathlib.Path, gaz: Gazetteer) -> None:
    text = article.read_text(encoding="utf-8")
    got = [dataclasses.asdict(m) for m in extract_places(text, gazetteer=gaz)]
    expected_path = article.with_suffix(".json")
    if os.environ.get("NEWSFACTS_UPDATE_GOLDEN") == "1" or not expected_path.exists():
        expected_path.write_text(
            json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected


def test_there_are_golden_articles() -> None:
    assert len(ARTICLES) >= 3
