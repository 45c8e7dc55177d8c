"""`newsfacts sql` only reads: every way of writing is refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacts.catalog import publish_catalog
from newsfacts.errors import QueryError
from newsfacts.query import run_query
from newsfacts.settings import Warehouse


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    wh = Warehouse.at(tmp_path / "wh")
    wh.manifests.mkdir(parents=True)
    publish_catalog(wh)
    return wh


def test_select_works(wh: Warehouse) -> None:
    result = run_query(wh, "select count(*) as n from articles")
    assert result.columns == ["n"]
    assert result.rows == [(0,)]


@pytest.mark.parametrize(
    "query",
    [
        "DROP VIEW articles",
        "CREATE TABLE x AS SELECT 1",
        "COPY (SELECT 1) TO 'out.csv'",
        "ATTACH 'other.duckdb'",
        "INSTALL httpfs",
        "SELECT 1; DELETE FROM articles",
        "SET enable_external_access = true",
        "PRAGMA version",
    ],
)
def test_writes_are_refused(wh: Warehouse, query: str) -> None:
    with pytest.raises(QueryError, match="read-only"):
        run_query(wh, query)


def test_reading_files_outside_the_lake_is_refused(wh: Warehouse, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    with pytest.raises(QueryError):
        run_query(wh, f"select * from read_csv('{secret}')")


def test_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="newsfacts run"):
        run_query(Warehouse.at(tmp_path / "nothing"), "select 1")
