"""Copies of the tables for other tools: Parquet (zstd), CSV or JSON Lines, one file a table."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from newsfacts.catalog import table_sql
from newsfacts.contracts import TABLES
from newsfacts.lake import published_files
from newsfacts.settings import Warehouse

FORMATS = {
    "parquet": ("parquet", "FORMAT PARQUET, COMPRESSION ZSTD"),
    "csv": ("csv", "FORMAT CSV, HEADER true"),
    "jsonl": ("jsonl", "FORMAT JSON"),
}


def export_tables(
    wh: Warehouse, out: Path, fmt: str, tables: tuple[str, ...] = TABLES
) -> list[Path]:
    """Write each table to `out/<table>.<ext>`; each file appears whole or not at all."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    extension, options = FORMATS[fmt]
    files = published_files(wh)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    con = duckdb.connect(":memory:")
    try:
        for table in tables:
            target = out / f"{table}.{extension}"
            tmp = out / f".{table}.{extension}.tmp"
            select = table_sql(table, files.get(table, []))
            path = str(tmp).replace("'", "''")
            con.execute(f"COPY ({select}) TO '{path}' ({options})")
            os.replace(tmp, target)
            written.append(target)
    finally:
        con.close()
    return written
