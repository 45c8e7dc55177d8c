"""A warehouse whose lake is on S3, against moto's S3 server on loopback.

The real flow writes the lake through fsspec/pyarrow; queries, check, export and compaction
read it back through DuckDB with the filesystem registered; manifests are created with a
conditional PUT, so a second commit of the same sequence number is refused by the server.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsfacts.check import check_warehouse
from newsfacts.errors import WarehouseError
from newsfacts.export import export_tables
from newsfacts.lake import LakeWriter, clean_uncommitted, published_files, read_manifests
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
    name = request.node.name.replace("_", "-")[:50].lower()
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


def test_a_second_commit_of_the_same_sequence_is_refused_by_the_store(bucket: str) -> None:
    wh = Warehouse.at(f"s3://{bucket}/wh")
    first = LakeWriter(wh, "run-a")
    first.stage("rejects", rejects("a"))
    first.commit()
    storage = lake_storage(wh)
    (key,) = storage.list_keys("_manifests", ".json")
    # Another machine that computed the same next sequence number loses the race.
    with pytest.raises(WarehouseError, match="committed by another writer first"):
        storage.create_manifest(key, "{}")
    assert [m.run_id for m in read_manifests(wh)] == ["run-a"]


def test_young_orphans_on_shared_storage_wait_for_the_retention(bucket: str) -> None:
    wh = Warehouse.at(f"s3://{bucket}/wh")
    done = LakeWriter(wh, "run-a")
    done.stage("rejects", rejects("a"))
    done.commit()
    in_flight = LakeWriter(wh, "run-b")  # e.g. a load still running on another machine
    in_flight.stage("rejects", rejects("b"))
    storage = lake_storage(wh)
    assert len(storage.list_keys("rejects", ".parquet")) == 2
    assert clean_uncommitted(wh) == []
    assert len(storage.list_keys("rejects", ".parquet")) == 2
    removed = clean_uncommitted(wh, retention=0.0)
    assert len(removed) == 1 and "run-b" in removed[0]
    assert len(published_files(wh)["rejects"]) == 1


def test_a_lake_url_without_its_filesystem_package_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    object_storage.cache_clear()
    with pytest.raises(WarehouseError, match="not installed"):
        lake_storage(Warehouse.at("nosuchfs://bucket/prefix"))
