"""Idempotent loads and `reprocess`: same inputs, same answers; re-extraction replaces facts."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsfacts import EXTRACTOR_VERSION
from newsfacts.check import check_warehouse
from newsfacts.lake import published_files
from newsfacts.load import compact_warehouse, run_load, run_reprocess
from newsfacts.settings import Warehouse
from tests.crash_writer import snapshot, write_inputs


def load(wh: Warehouse, sources: list[Path], run_id: str) -> dict[str, object]:
    return run_load(
        [str(s) for s in sources], wh, run_id=run_id, flow_name="t", batch_size=3, max_bytes=10**6
    )


def query_bytes(wh: Warehouse) -> bytes:
    con = duckdb.connect(str(wh.catalog), read_only=True)
    try:
        out = []
        for table in ("articles", "dates", "counts", "places"):
            rows = con.execute(
                f"select * exclude (run_id, ingested_at) from {table} order by all"
                if table == "articles"
                else f"select * from {table} order by all"
            )
            out.append(repr(rows.fetchall()))
        return "\n".join(out).encode()
    finally:
        con.close()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    _, every = write_inputs(tmp_path / "inputs")
    return every


def test_rerun_gives_byte_identical_results(tmp_path: Path, inputs: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh")
    first = load(wh, [inputs], "r1")
    before = query_bytes(wh)
    second = load(wh, [inputs], "r2")
    assert query_bytes(wh) == before
    assert second["articles_new"] == 0
    assert second["articles_skipped"] == first["articles_new"]
    # A different warehouse loading the same inputs answers identically too.
    other = Warehouse.at(tmp_path / "other")
    load(other, [inputs], "r3")
    assert query_bytes(other) == before


def test_reprocess_replaces_facts_atomically(tmp_path: Path, inputs: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh")
    load(wh, [inputs], "r1")
    before = snapshot(wh.root)
    nothing = run_reprocess(wh, run_id="p0", flow_name="t")
    assert nothing["articles_seen"] == 0  # every article is current: nothing to do
    run = run_reprocess(wh, run_id="p1", flow_name="t", everything=True)
    assert run["articles_replaced"] == run["articles_new"] == len(before["articles"])
    assert run["dates_replaced"] == len(before["dates"])
    assert snapshot(wh.root) == before
    report = check_warehouse(wh)
    assert report.ok, report.problems
    assert report.rows["articles"] == len(before["articles"])


def test_outdated_articles_are_found_by_version(tmp_path: Path, inputs: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh")
    first = load(wh, [inputs], "r1")
    # Pretend the articles were extracted by an older extractor version.
    for path in published_files(wh)["articles"]:
        table = pq.read_table(path)
        column = table.schema.get_field_index("extractor_version")
        old = pa.array(["0"] * table.num_rows, type=pa.string())
        pq.write_table(table.set_column(column, table.schema.field(column), old), path)
    run = run_reprocess(wh, run_id="p1", flow_name="t")
    assert run["articles_new"] == run["articles_replaced"] == first["articles_new"]
    con = duckdb.connect(str(wh.catalog), read_only=True)
    current = [(EXTRACTOR_VERSION,)]
    assert con.execute("select distinct extractor_version from articles").fetchall() == current
    con.close()
    assert check_warehouse(wh).ok


def test_compact_merges_files_and_keeps_answers(tmp_path: Path, inputs: Path) -> None:
    wh = Warehouse.at(tmp_path / "wh")
    load(wh, [inputs], "r1")
    before = query_bytes(wh)
    assert len(published_files(wh)["dates"]) > 1
    manifest = compact_warehouse(wh, "c1")
    assert manifest is not None
    assert all(len(files) <= 1 for files in published_files(wh).values())
    assert query_bytes(wh) == before
    assert check_warehouse(wh).ok
    assert compact_warehouse(wh, "c2") is None
