"""Shared fixtures: one Prefect test server for the session, tiny article folders."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsfacts.records import Article, SourceProblem
from newsfacts.runner import run_ingest
from newsfacts.settings import DEFAULT_MAX_ARTICLE_BYTES, Warehouse, prefect_defaults

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

prefect_defaults()
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current extractor output instead of comparing.",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server (with its own database) for every flow test."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def split_items(items: list[Article | SourceProblem]) -> tuple[list[Article], list[SourceProblem]]:
    """A source's output as (articles, problems), in input order."""
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, SourceProblem)]
    return articles, problems


#: (warehouse, the first run's `runs` row, the inputs folder)
Loaded = tuple[Warehouse, dict[str, Any], Path]

VARIANT = (
    "BEIRUT, Lebanon (March 6, 2019) — Lebanese troops said on Tuesday that they had retaken "
    "the town of Arsal near the Syrian border.\n"
    "Fighting around Homs province has killed at least 1,20,000 people since 2013, and "
    "displaced about 40 per cent of the province's residents.\n"
    "The following year, the army reopened the road to Tripoli, 25 kilometres away.\n"
)


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory, prefect_server: None) -> Iterator[Loaded]:
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SEEDS, inputs / "seeds")
    broken = inputs / "broken"
    broken.mkdir()
    (broken / "empty.txt").write_bytes(b"")
    (broken / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04")
    (broken / "latin1.txt").write_bytes("Bogotá: la policía dijo".encode("latin-1"))
    (broken / "feed.jsonl").write_text(
        json.dumps({"id": "v-1", "title": "Arsal retaken", "text": VARIANT}) + "\n{broken\n",
        encoding="utf-8",
    )
    wh = Warehouse.at(tmp_path_factory.mktemp("wh") / "warehouse")
    sources = [str(inputs / "seeds"), str(broken)]
    summary = run_ingest(sources, wh.root, None, 100, DEFAULT_MAX_ARTICLE_BYTES)
    yield wh, summary, inputs
