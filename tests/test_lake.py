"""The lake's commit protocol and the DuckDB catalog over it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsfacts.catalog import publish_catalog
from newsfacts.contracts import contract
from newsfacts.lake import (
    LakeWriter,
    clean_uncommitted,
    compact,
    published_files,
    read_manifests,
)
from newsfacts.settings import Warehouse


def rejects(*ids: str) -> pa.Table:
    rows = [
        {
            "reject_id": i,
            "run_id": "r",
            "table_name": "articles",
            "check": "source:empty",
            "reason": "empty",
            "rejected_at": datetime(2020, 1, 29, tzinfo=UTC),
        }
        for i in ids
    ]
    return pa.Table.from_pylist(rows, schema=contract("rejects").arrow_schema())


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    return Warehouse.at(tmp_path / "wh")


def test_nothing_is_visible_before_commit(wh: Warehouse) -> None:
    writer = LakeWriter(wh, "run-a")
    writer.stage("rejects", rejects("a", "b"))
    assert published_files(wh)["rejects"] == []
    manifest = writer.commit()
    files = published_files(wh)["rejects"]
    assert len(files) == 1 and Path(files[0]).is_file()
    assert manifest.rows == {"rejects": 2}
    assert pq.ParquetFile(files[0]).metadata.row_group(0).column(0).compression == "ZSTD"
    assert not (wh.staging / "run-a").exists()


def test_a_crashed_load_leaves_no_trace(wh: Warehouse) -> None:
    done = LakeWriter(wh, "run-a")
    done.stage("rejects", rejects("a"))
    done.commit()
    crashed = LakeWriter(wh, "run-b")
    crashed.stage("rejects", rejects("b"))
    # Simulate a crash after the renames but before the manifest: an orphan in the table dir.
    (staged,) = (wh.staging / crashed.attempt).glob("rejects__*.parquet")
    orphan = wh.table_dir("rejects") / staged.name.split("__", 1)[1]
    shutil.copy(staged, orphan)
    assert len(published_files(wh)["rejects"]) == 1
    removed = clean_uncommitted(wh)
    assert str(orphan) in removed
    assert not orphan.exists() and not wh.staging.exists()
    assert len(published_files(wh)["rejects"]) == 1
    assert [m.run_id for m in read_manifests(wh)] == ["run-a"]


def test_catalog_views_work_from_any_directory(wh: Warehouse, tmp_path: Path) -> None:
    writer = LakeWriter(wh, "run-a")
    writer.stage("rejects", rejects("a", "b", "c"))
    writer.commit()
    publish_catalog(wh)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(elsewhere)
        con = duckdb.connect(str(wh.catalog), read_only=True)
        assert con.execute("select count(*) from rejects").fetchone() == (3,)
        # Empty tables are typed, empty views, so queries work before any load.
        assert con.execute("select count(*), max(value) from counts").fetchone() == (0, None)
        con.close()
    finally:
        os.chdir(cwd)


def test_catalog_opens_in_the_duckdb_cli(wh: Warehouse, tmp_path: Path) -> None:
    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
    if cli is None:
        pytest.skip("the duckdb-cli package is not installed")
    writer = LakeWriter(wh, "run-a")
    writer.stage("rejects", rejects("a", "b"))
    writer.commit()
    publish_catalog(wh)
    out = subprocess.run(
        [cli, "-readonly", "-csv", str(wh.catalog), "-c", "select count(*) as n from rejects"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["n", "2"]


def test_catalog_swap_does_not_disturb_open_readers(wh: Warehouse) -> None:
    writer = LakeWriter(wh, "run-a")
    writer.stage("rejects", rejects("a"))
    writer.commit()
    publish_catalog(wh)
    reader = duckdb.connect(str(wh.catalog), read_only=True)
    second = LakeWriter(wh, "run-b")
    second.stage("rejects", rejects("b"))
    second.commit()
    publish_catalog(wh)
    assert reader.execute("select count(*) from rejects").fetchone() == (1,)
    reader.close()
    fresh = duckdb.connect(str(wh.catalog), read_only=True)
    assert fresh.execute("select count(*) from rejects").fetchone() == (2,)
    fresh.close()


def test_retired_files_wait_from_their_retirement_not_their_writing(wh: Warehouse) -> None:
    for run in ("run-a", "run-b"):
        writer = LakeWriter(wh, run)
        writer.stage("rejects", rejects(run))
        writer.commit()
    old = published_files(wh)["rejects"]
    two_hours_ago = datetime.now(UTC).timestamp() - 7200
    for path in old:
        os.utime(path, (two_hours_ago, two_hours_ago))
    assert compact(wh, "compact-1") is not None
    # Retired just now: a reader holding the previous catalog may still be scanning them.
    assert clean_uncommitted(wh) == []
    assert all(Path(p).exists() for p in old)
    assert sorted(clean_uncommitted(wh, retention=0.0)) == sorted(old)
