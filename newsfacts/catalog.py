"""The DuckDB catalog: one view per table over exactly the committed Parquet files.

The catalog is rebuilt into a temporary file and renamed over the old one, so a reader
holding the old file keeps a consistent view and no reader is ever blocked by a writer.
It is written in the storage format of the DuckDB CLI release users can install (older
than the Python package), and with absolute paths, so it opens from any directory.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import duckdb

from newsfacts.contracts import TABLES, contract
from newsfacts.errors import QueryError
from newsfacts.failpoints import reached
from newsfacts.lake import Manifest, last_sequence, published_files, read_manifests
from newsfacts.settings import Warehouse
from newsfacts.storage import lake_storage

#: Readable by the duckdb-cli package (1.5.x) as well as by duckdb 2.x.
STORAGE_VERSION = "v1.5.0"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_sql(table: str, files: list[str]) -> str:
    """The SELECT behind a table's view: its files, or a typed empty relation."""
    if not files:
        return contract(table).empty_select()
    listing = ", ".join(_quote(str(f)) for f in files)
    return f"SELECT * FROM read_parquet([{listing}])"


def builtin_views_dir() -> Path:
    """warehouse/views of the source tree, or its copy inside an installed wheel."""
    source_tree = Path(__file__).resolve().parent.parent / "warehouse" / "views"
    if source_tree.is_dir():
        return source_tree
    return Path(str(files("newsfacts").joinpath("_views")))


def view_files(wh: Warehouse) -> list[Path]:
    """The analyst views shipped with newsfacts, then the warehouse's own (same name wins)."""
    chosen: dict[str, Path] = {}
    for folder in (builtin_views_dir(), wh.views_dir):
        if folder.is_dir():
            chosen.update({p.name: p for p in folder.glob("*.sql")})
    return [chosen[name] for name in sorted(chosen)]


def publish_catalog(wh: Warehouse, manifests: list[Manifest] | None = None) -> Path:
    """Rebuild the catalog for the committed files and swap it in atomically.

    For a lake on an object store the views name its URLs; newsfacts registers the
    filesystem on every connection it opens (DuckDB's own httpfs cannot be installed here).
    The sequence of the newest manifest it shows is stamped next to it, so readers can
    tell when another writer (another machine, for a shared lake) has committed since.
    """
    manifests = manifests if manifests is not None else read_manifests(wh)
    files = published_files(wh, manifests)
    wh.root.mkdir(parents=True, exist_ok=True)
    tmp = wh.root / f".{wh.catalog.name}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(":memory:")
    lake_storage(wh).register(con)
    try:
        con.execute(f"ATTACH {_quote(str(tmp))} AS cat (STORAGE_VERSION '{STORAGE_VERSION}')")
        for table in TABLES:
            select = table_sql(table, files.get(table, []))
            con.execute(f'CREATE VIEW cat.main."{table}" AS {select}')
        con.execute("USE cat")
        for path in view_files(wh):
            try:
                con.execute(path.read_text(encoding="utf-8"))
            except duckdb.Error as exc:
                message = f"view file {path} failed: {exc}; fix the SQL in that file"
                raise QueryError(message) from exc
        con.execute("USE memory")
        con.execute("DETACH cat")
    finally:
        con.close()
    reached("catalog:rename")
    os.replace(tmp, wh.catalog)
    stamp = wh.root / f".{wh.catalog.name}.stamp.{os.getpid()}.tmp"
    stamp.write_text(str(manifests[-1].sequence if manifests else 0), encoding="utf-8")
    os.replace(stamp, _stamp_path(wh))
    return wh.catalog


def catalog_is_current(wh: Warehouse) -> bool:
    """Whether the catalog shows the newest manifest (one listing of the manifests)."""
    try:
        stamped = int(_stamp_path(wh).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return wh.catalog.exists() and stamped == last_sequence(wh)


def _stamp_path(wh: Warehouse) -> Path:
    return wh.catalog.with_name(f"{wh.catalog.name}.sequence")


def open_catalog(wh: Warehouse) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the catalog, able to read the lake wherever it lives."""
    con = duckdb.connect(str(wh.catalog), read_only=True)
    lake_storage(wh).register(con)
    return con
