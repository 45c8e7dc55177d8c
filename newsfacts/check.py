"""`newsfacts check`: prove the lake is whole, or name exactly what is wrong.

Checks every committed file against its contract, keys for duplicates, the catalog
against the files, and the tables against the accounting in `runs`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow.parquet as pq

from newsfacts.catalog import open_catalog, table_sql
from newsfacts.contracts import FACT_TABLES, TABLES, contract
from newsfacts.errors import WarehouseError
from newsfacts.lake import published_files, read_manifests
from newsfacts.settings import Warehouse
from newsfacts.storage import LakeStorage, lake_storage


@dataclass(slots=True)
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_warehouse(wh: Warehouse) -> CheckReport:
    report = CheckReport()
    storage = lake_storage(wh)
    if not storage.exists():
        report.problems.append(f"no lake at {storage.url}: run `newsfacts run` first")
        return report
    try:
        manifests = read_manifests(wh)
    except WarehouseError as exc:
        report.problems.append(str(exc))
        return report
    files = published_files(wh, manifests)
    readable = {
        table: _check_files(storage, table, paths, report) for table, paths in files.items()
    }
    if report.problems:
        return report
    con = duckdb.connect(":memory:")
    storage.register(con)
    try:
        for table in TABLES:
            con.execute(f'CREATE VIEW "{table}" AS {table_sql(table, readable[table])}')
            report.rows[table] = _one(con, f'SELECT count(*) FROM "{table}"')[0]
            for key in contract(table).key:
                dupes = con.execute(
                    f'SELECT "{key}" FROM "{table}" GROUP BY 1 HAVING count(*) > 1 LIMIT 5'
                ).fetchall()
                if dupes:
                    report.problems.append(
                        f"{table}: duplicate {key} values, e.g. {[d[0] for d in dupes]}"
                    )
        _check_accounting(con, report)
    finally:
        con.close()
    _check_catalog(wh, report)
    _note_orphans(storage, files, report)
    return report


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    """The single row of an aggregate query."""
    row = con.execute(sql).fetchone()
    assert row is not None, sql  # aggregates always return one row
    return row


def _check_files(
    storage: LakeStorage, table: str, paths: list[str], report: CheckReport
) -> list[str]:
    expected = contract(table).arrow_schema()
    filesystem = storage.arrow_filesystem
    good = []
    for path in paths:
        try:
            schema = pq.read_schema(path, filesystem=filesystem)
            # reads and validates the footer
            pq.ParquetFile(path, filesystem=filesystem).metadata  # noqa: B018
        except (OSError, ValueError) as exc:
            report.problems.append(f"{table}: committed file {path} is unreadable: {exc}")
            continue
        if not schema.remove_metadata().equals(expected, check_metadata=False):
            names = [f"{f.name}:{f.type}" for f in schema]
            report.problems.append(
                f"{table}: {path.rsplit('/', 1)[-1]} does not match the contract (has {names}); "
                "was it written by another version? see CHANGELOG.md"
            )
            continue
        good.append(path)
    return good


def _check_accounting(con: duckdb.DuckDBPyConnection, report: CheckReport) -> None:
    """Rows in each table equal what the runs say they loaded."""
    sums = _one(
        con,
        "SELECT coalesce(sum(articles_new - articles_replaced), 0), "
        + ", ".join(f"coalesce(sum({t}_loaded - {t}_replaced), 0)" for t in FACT_TABLES)
        + " FROM runs",
    )
    for table, loaded in zip(("articles", *FACT_TABLES), sums, strict=True):
        if report.rows[table] != loaded:
            report.problems.append(
                f"{table}: {report.rows[table]} rows, but the runs recorded {loaded} loaded"
            )
    unbalanced = con.execute(
        "SELECT run_id FROM runs WHERE "
        + " OR ".join(f"{t}_extracted <> {t}_loaded + {t}_rejected" for t in FACT_TABLES)
    ).fetchall()
    for (run_id,) in unbalanced:
        report.problems.append(f"runs: run {run_id} has extracted != loaded + rejected")


def _check_catalog(wh: Warehouse, report: CheckReport) -> None:
    if not wh.catalog.exists():
        report.notes.append("the catalog is missing; the next run or query rebuilds it")
        return
    try:
        con = open_catalog(wh)
    except duckdb.Error as exc:
        report.problems.append(f"the catalog {wh.catalog} cannot be opened: {exc}")
        return
    try:
        for table in TABLES:
            n = _one(con, f'SELECT count(*) FROM "{table}"')[0]
            if n != report.rows[table]:
                report.notes.append(
                    f"catalog view {table} shows {n} rows, the lake {report.rows[table]}: "
                    "stale after an interrupted load; the next run republishes it"
                )
    except duckdb.Error as exc:
        report.problems.append(f"the catalog {wh.catalog} is broken: {exc}")
    finally:
        con.close()


def _note_orphans(storage: LakeStorage, files: dict[str, list[str]], report: CheckReport) -> None:
    published = {p for paths in files.values() for p in paths}
    orphans = [
        key
        for table in TABLES
        for key in storage.list_keys(table, ".parquet")
        if storage.location(key) not in published
    ]
    if orphans:
        report.notes.append(
            f"{len(orphans)} unpublished files (an interrupted load or retired by compaction); "
            "invisible to queries, removed by the next run"
        )
