"""Copies of the tables for other tools: Parquet (zstd), CSV or JSON Lines, one file a table."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from newsfacts.catalog import table_sql
from newsfacts.contracts import TABLES
from newsfacts.geoparquet import write_geoparquet
from newsfacts.lake import published_files
from newsfacts.settings import Warehouse
from newsfacts.storage import lake_storage

FORMATS = {
    "parquet": ("parquet", "FORMAT PARQUET, COMPRESSION ZSTD"),
    "csv": ("csv", "FORMAT CSV, HEADER true"),
    "jsonl": ("jsonl", "FORMAT JSON"),
}
#: Parquet exports of these tables are partitioned by the year their article was published
#: (`published_year=2020/`), so tools can skip years they do not need.
PARTITIONED = ("articles", "dates", "counts", "places")


def export_tables(
    wh: Warehouse, out: Path, fmt: str, tables: tuple[str, ...] = TABLES
) -> list[Path]:
    """Write each table to `out/<table>.<ext>`; each appears whole or not at all.

    Parquet exports of article tables are folders partitioned by publication year, and
    the places are also written as GeoParquet (`places.geoparquet`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    extension, options = FORMATS[fmt]
    files = published_files(wh)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    con = duckdb.connect(":memory:")
    lake_storage(wh).register(con)
    try:
        for table in tables:
            target = out / f"{table}.{extension}"
            tmp = out / f".{table}.{extension}.tmp"
            select = table_sql(table, files.get(table, []))
            shutil.rmtree(tmp, ignore_errors=True)  # leftovers of an interrupted export
            tmp.unlink(missing_ok=True)
            path = str(tmp).replace("'", "''")
            if fmt == "parquet" and table in PARTITIONED:
                select = _with_year(table, select, files)
                options_here = f"{options}, PARTITION_BY (published_year)"
            else:
                options_here = options
            con.execute(f"COPY ({select}) TO '{path}' ({options_here})")
            _replace(tmp, target)
            written.append(target)
            if fmt == "parquet" and table == "places":
                places = con.sql(table_sql(table, files.get(table, []))).to_arrow_table()
                written.append(write_geoparquet(places, out / "places.geoparquet"))
    finally:
        con.close()
    return written


def _with_year(table: str, select: str, files: dict[str, list[str]]) -> str:
    if table == "articles":
        return f"SELECT *, year(published) AS published_year FROM ({select})"
    articles = table_sql("articles", files.get("articles", []))
    return (
        f"SELECT t.*, year(a.published) AS published_year FROM ({select}) t "
        f"LEFT JOIN (SELECT article_id, published FROM ({articles})) a USING (article_id)"
    )


def _replace(tmp: Path, target: Path) -> None:
    """Swap a new export in for an old one (a file or a partitioned folder)."""
    if target.is_dir():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, target)
