"""A warehouse whose lake is on S3, against moto's S3 server on loopback.

The real flow writes the lake through fsspec/pyarrow; queries, check, export and compaction
read it back through DuckDB with the filesystem registered; manifests are created with a
conditional PUT, so a second commit of the same sequence number is refused by the server.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsfacts.check import check_warehouse
from newsfacts.errors import WarehouseError
from newsfacts.export import export_tables
from newsfacts.lake import (
    LakeWriter,
    clean_uncommitted,
    published_files,
    read_column,
    read_manifests,
)
from newsfacts.load import compact_warehouse
from newsfacts.query import run_query
from newsfacts.runner import run_ingest
from newsfacts.settings import Warehouse
from newsfacts.storage import ObjectStorage, lake_storage, object_storage
from tests.test_lake import rejects

moto_server = pytest.importorskip("moto.server")
s3fs = pytest.importorskip("s3fs")

ARTICLE = (
    "KABUL, Afghanistan (Jan. 25, 2013) - Afghan and coalition forces killed at least three "
    "insurgents in Kandahar province on Thursday, officials said. Two suspects were detained "
    "near Kandahar city, 25 kilometres from the border.\n"
)


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(
    s3_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: Any
) -> Iterator[str]:
    """A fresh bucket per test, with credentials and the endpoint in the environment."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("NEWSFACTS_STATE_DIR", str(tmp_path / "state"))
    name = re.sub(r"[^a-z0-9-]+", "-", request.node.name.lower())[:50].strip("-")
    fs = s3fs.S3FileSystem(endpoint_url=s3_endpoint, key="testing", secret="testing")
    fs.mkdir(name)
    object_storage.cache_clear()
    yield name
    object_storage.cache_clear()


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"a{n:02d}.txt").write_text(ARTICLE.replace("three", f"{n + 3}"), "utf-8")
    return folder


def test_the_flow_loads_an_s3_lake_that_sql_check_and_export_read(
    bucket: str, prefect_server: None, tmp_path: Path
) -> None:
    url = f"s3://{bucket}/news"
    inputs = write_articles(tmp_path / "in", 4)
    summary = run_ingest([str(inputs)], url, None, 2, 10**6)
    assert summary["articles_new"] == 4
    wh = Warehouse.at(url)
    storage = lake_storage(wh)
    assert isinstance(storage, ObjectStorage)
    # The Parquet files and manifests are objects in the bucket, not files on this disk.
    objects = storage.fs.find(f"{bucket}/news/lake")
    assert any(o.endswith(".parquet") and "/lake/articles/" in o for o in objects)
    assert any("/lake/_manifests/" in o for o in objects)
    assert not list(wh.root.rglob("*.parquet"))
    assert all(f.startswith(f"s3://{bucket}/news/lake/") for f in published_files(wh)["counts"])

    killed = run_query(wh, "select value from counts where category = 'KILL' order by value").rows
    assert killed == [(3,), (4,), (5,), (6,)]
    places = run_query(wh, "select distinct surface from places order by 1").rows
    assert ("Kandahar province",) in places
    assert check_warehouse(wh).ok

    again = run_ingest([str(inputs)], url, None, 2, 10**6)
    assert again["articles_new"] == 0 and again["articles_skipped"] == 4

    written = export_tables(wh, tmp_path / "out", "parquet", ("counts",))
    exported = pq.read_table(written[0])
    assert sorted(exported.column("value").to_pylist()).count(3) == 1

    assert len(published_files(wh)["counts"]) == 2  # one file per batch of two articles
    assert compact_warehouse(wh, "compact-1") is not None
    assert len(published_files(wh)["counts"]) == 1
    after = run_query(wh, "select count(*) from counts where category = 'KILL'").rows
    assert after == [(4,)] and check_warehouse(wh).ok


@pytest.fixture(params=["local", "s3"])
def lake(request: pytest.FixtureRequest, tmp_path: Path) -> Warehouse:
    """The same protocol on a local folder and on the S3 server."""
    if request.param == "local":
        return Warehouse.at(tmp_path / "wh")
    return Warehouse.at(f"s3://{request.getfixturevalue('bucket')}/wh")


def test_of_two_writers_based_on_the_same_state_exactly_one_commits(lake: Warehouse) -> None:
    # Two machines read the lake, each decides what is new, and both try to commit.
    first, second = LakeWriter(lake, "run-a"), LakeWriter(lake, "run-b")
    first.stage("rejects", rejects("a"))
    second.stage("rejects", rejects("a", "b"))
    first.commit()
    with pytest.raises(WarehouseError, match="committed by another writer first"):
        second.commit()
    assert [m.run_id for m in read_manifests(lake)] == ["run-a"]
    assert read_column(lake, published_files(lake)["rejects"], "reject_id") == ["a"]
    # The loser's files are orphans, never visible, and go once its lease has lapsed.
    second.abandon()
    clean_uncommitted(lake, retention=0.0)
    assert len(lake_storage(lake).list_keys("rejects", ".parquet")) == 1


def test_a_retried_attempt_never_overwrites_committed_files(lake: Warehouse) -> None:
    committed = LakeWriter(lake, "run-x")
    committed.stage("rejects", rejects("a"), sequence=0)
    committed.commit()
    retry = LakeWriter(lake, "run-x")  # the same run id, the same batch number
    retry.stage("rejects", rejects("zzz"), sequence=0)
    assert read_column(lake, published_files(lake)["rejects"], "reject_id") == ["a"]


def test_orphans_on_shared_storage_wait_while_their_load_is_alive(bucket: str) -> None:
    wh = Warehouse.at(f"s3://{bucket}/wh")
    done = LakeWriter(wh, "run-a")
    done.stage("rejects", rejects("a"))
    done.commit()
    in_flight = LakeWriter(wh, "run-b")  # a load still running on another machine
    in_flight.stage("rejects", rejects("b"))
    storage = lake_storage(wh)
    assert len(storage.list_keys("rejects", ".parquet")) == 2
    assert clean_uncommitted(wh) == []
    # A load that outlived the retention loses its files: it must not then commit a
    # manifest naming files that are gone.
    removed = clean_uncommitted(wh, retention=0.0)
    assert len(removed) == 1 and in_flight.attempt in removed[0]
    with pytest.raises(WarehouseError, match="vanished before its commit"):
        in_flight.commit()
    assert [m.run_id for m in read_manifests(wh)] == ["run-a"]
    assert read_column(wh, published_files(wh)["rejects"], "reject_id") == ["a"]


def test_another_machines_commits_show_in_this_machines_queries(
    bucket: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"s3://{bucket}/wh"
    monkeypatch.setenv("NEWSFACTS_STATE_DIR", str(tmp_path / "machine-a"))
    machine_a = Warehouse.at(url)
    monkeypatch.setenv("NEWSFACTS_STATE_DIR", str(tmp_path / "machine-b"))
    machine_b = Warehouse.at(url)
    assert machine_a.root != machine_b.root  # two catalogs, one lake
    count = "select count(*) from rejects"
    for run in ("run-a", "run-b"):
        writer = LakeWriter(machine_a, run)
        writer.stage("rejects", rejects(run))
        writer.commit()
        if run == "run-a":
            assert run_query(machine_b, count).rows == [(1,)]
    assert run_query(machine_b, count).rows == [(2,)]
    assert compact_warehouse(machine_a, "compact-1") is not None
    clean_uncommitted(machine_a, retention=0.0)  # the retired files are gone now
    assert run_query(machine_b, count).rows == [(2,)]


def test_a_lake_url_of_another_store_is_a_clear_error() -> None:
    with pytest.raises(WarehouseError, match="only s3:// URLs"):
        lake_storage(Warehouse.at("nosuchfs://bucket/prefix"))
