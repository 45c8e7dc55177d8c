"""Scheduling: the deployments in prefect.yaml, and a served deployment really running."""

from __future__ import annotations

import asyncio
from pathlib import Path

import duckdb
import pytest
import yaml

from newsfacts.runner import load_flow
from tests.conftest import ROOT, SEEDS


def _deployments() -> list[dict[str, object]]:
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    return list(config["deployments"])


def test_prefect_yaml_is_valid_for_prefect_deploy() -> None:
    from prefect.cli.deploy._models import PrefectYamlModel

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    model = PrefectYamlModel.model_validate(config)
    assert [d.concurrency_limit for d in model.deployments] == [1, 1]  # one writer at a time


def test_prefect_yaml_deployments_build_with_their_schedules() -> None:
    names = set()
    for spec in _deployments():
        entry = str(spec["entrypoint"])
        flow = load_flow(entry.removeprefix("flows/"))
        (schedule,) = spec["schedules"]  # type: ignore[misc]
        deployment = flow.to_deployment(
            name=str(spec["name"]),
            cron=schedule["cron"],
            parameters=spec["parameters"],
            concurrency_limit=spec["concurrency_limit"],
        )
        assert deployment.schedules[0].schedule.cron == schedule["cron"]
        assert deployment.concurrency_limit == 1
        assert spec["work_pool"]["name"] == "newsfacts-process"  # type: ignore[index]
        assert (ROOT / entry.split(":")[0]).is_file()
        names.add(spec["name"])
    assert names == {"hourly-ingest", "nightly-compaction"}


def test_serve_schedule_is_the_cron_given() -> None:
    ingest = load_flow("ingest_flow.py:ingest")
    deployment = ingest.to_deployment(
        name="scheduled-ingest", cron="*/15 * * * *", parameters={"sources": ["seeds"]}
    )
    assert deployment.schedules[0].schedule.cron == "*/15 * * * *"


def test_a_served_deployment_runs_and_loads(prefect_server: None, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.runner import Runner

    warehouse = tmp_path / "wh"
    ingest = load_flow("ingest_flow.py:ingest")
    deployment = ingest.to_deployment(
        name="served-test",
        cron="0 0 1 1 *",
        parameters={"sources": [str(SEEDS)], "warehouse": str(warehouse)},
    )
    runner = Runner(name="served-test-runner", query_seconds=1)
    runner.add_deployment(deployment)
    flow_run = run_deployment(name="newsfacts-ingest/served-test", timeout=0)
    asyncio.run(runner.start(run_once=True))

    async def final_state() -> str:
        async with get_client() as client:
            run = await client.read_flow_run(flow_run.id)
            return run.state.type.value if run.state else "NONE"

    assert asyncio.run(final_state()) == "COMPLETED"
    con = duckdb.connect(str(warehouse / "newsfacts.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from articles").fetchone() == (1,)
        assert con.execute("select flow_name from runs").fetchone() == ("newsfacts-ingest",)
    finally:
        con.close()


@pytest.mark.parametrize("spec", _deployments(), ids=lambda s: str(s["name"]))
def test_deployment_parameters_match_the_flow_signature(spec: dict[str, object]) -> None:
    import inspect

    flow = load_flow(str(spec["entrypoint"]).removeprefix("flows/"))
    accepted = set(inspect.signature(flow.fn).parameters)
    assert set(spec["parameters"]) <= accepted  # type: ignore[arg-type]


def test_compaction_flow_merges_a_real_lake(prefect_server: None, tmp_path: Path) -> None:
    from newsfacts.check import check_warehouse
    from newsfacts.lake import published_files
    from newsfacts.load import run_load
    from newsfacts.settings import Warehouse
    from tests.crash_writer import write_inputs

    first, every = write_inputs(tmp_path / "inputs")
    wh = Warehouse.at(tmp_path / "wh")
    for run_id, source in (("a", first), ("b", every)):
        run_load([str(source)], wh, run_id=run_id, flow_name="t", max_bytes=10**6, batch_size=3)
    assert len(published_files(wh)["dates"]) > 1
    merged = load_flow("compact_flow.py:compact")(warehouse=str(wh.root))
    assert merged["dates"] > 1
    assert all(len(files) <= 1 for files in published_files(wh).values())
    assert check_warehouse(wh).ok
