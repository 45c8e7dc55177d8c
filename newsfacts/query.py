"""Read-only SQL over the catalog.

Three locks on the door, because a query path people script against must never damage the
lake: only SELECT/EXPLAIN statements are accepted, the catalog is opened read-only, and
DuckDB's file access is confined to the lake folder with the setting locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from newsfacts.catalog import catalog_is_current, open_catalog, publish_catalog
from newsfacts.errors import QueryError, WarehouseError
from newsfacts.settings import Warehouse
from newsfacts.storage import lake_storage

_ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


@dataclass(frozen=True, slots=True)
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def check_read_only(query: str) -> None:
    """Refuse anything but SELECT/EXPLAIN, naming the statement type."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryError(f"the query does not parse: {exc}") from exc
    if not statements:
        raise QueryError("the query is empty")
    for statement in statements:
        if statement.type not in _ALLOWED:
            kind = str(statement.type).rsplit(".", 1)[-1]
            raise QueryError(
                f"newsfacts sql is read-only: {kind} statements are refused. "
                "Use SELECT (or EXPLAIN); to write files use `newsfacts export`."
            )


def connect_read_only(wh: Warehouse) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the catalog that can only read files inside the lake."""
    storage = lake_storage(wh)
    if not catalog_is_current(wh):
        if not storage.exists():
            raise WarehouseError(
                f"no warehouse at {wh.location}: run `newsfacts run` first or pass --warehouse"
            )
        publish_catalog(wh)  # new commits since (by another machine, or after a crash)
    con = open_catalog(wh)
    lake = storage.url.replace("'", "''")
    con.execute(f"SET allowed_directories = ['{lake}/']")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def run_query(wh: Warehouse, query: str) -> Result:
    check_read_only(query)
    con = connect_read_only(wh)
    try:
        cursor = con.execute(query)
        columns = [d[0] for d in cursor.description or []]
        return Result(columns=columns, rows=cursor.fetchall())
    except duckdb.Error as exc:
        raise QueryError(f"query failed: {exc}") from exc
    finally:
        con.close()
