"""Scale-out on an existing engine: the ingest flow extracting on a Dask cluster.

A real scheduler and two worker processes on loopback (distributed's LocalCluster); the
lake must end up exactly as a local run leaves it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacts.runner import run_ingest
from tests.crash_writer import snapshot, write_inputs


def test_dask_cluster_extracts_and_the_lake_matches_a_local_run(
    prefect_server: None, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    _, every = write_inputs(tmp_path / "inputs")
    local = tmp_path / "local"
    run_ingest([str(every)], local, None, 3, 10**6, 1)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    with (
        cluster,
        distributed.Client(cluster) as client,
        distributed.get_task_stream(client) as stream,
    ):
        summary = run_ingest(
            [str(every)], tmp_path / "dask", None, 3, 10**6, 1, cluster.scheduler_address
        )
    extracted_there = [t for t in stream.data if "_extract" in str(t["key"])]
    assert len(extracted_there) == 4  # 12 articles in batches of 3, each on the cluster
    assert summary["articles_new"] == len(snapshot(local)["articles"])
    assert snapshot(tmp_path / "dask") == snapshot(local)


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from newsfacts.errors import NewsfactsError
    from newsfacts.workers import extraction_workers

    with (
        pytest.raises(NewsfactsError, match="Dask scheduler"),
        extraction_workers(1, "tcp://127.0.0.1:9", connect_timeout=2),
    ):
        pass
