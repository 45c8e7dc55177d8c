"""The bridge from the CLI to the flows in flows/ (with tasks.py, the only Prefect user here).

flows/ is a folder of the project, not an import package (DESIGN.md): it is found next to
the source tree, or inside the installed wheel, and loaded by Prefect from its file path.
"""

from __future__ import annotations

import os
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from newsfacts.settings import Warehouse, prefect_defaults


def flows_dir() -> Path:
    source_tree = Path(__file__).resolve().parent.parent / "flows"
    if (source_tree / "ingest_flow.py").is_file():
        return source_tree
    return Path(str(files("newsfacts").joinpath("_flows")))


def load_flow(entrypoint: str) -> Any:
    """A flow by `file.py:function`, relative to flows/."""
    prefect_defaults()
    from prefect.flows import load_flow_from_entrypoint

    filename, _, name = entrypoint.partition(":")
    return load_flow_from_entrypoint(f"{flows_dir() / filename}:{name}")


def run_ingest(
    sources: list[str],
    warehouse: str | os.PathLike[str],
    published: date | None,
    batch_size: int,
    max_bytes: int,
    workers: int = 1,
    dask_address: str | None = None,
    csv_text_column: str = "text",
) -> dict[str, Any]:
    """Run the ingest flow in this process (Prefect starts a temporary server if needed)."""
    ingest = load_flow("ingest_flow.py:ingest")
    return ingest(
        sources=sources,
        warehouse=os.fspath(warehouse),
        published=published,
        batch_size=batch_size,
        max_bytes=max_bytes,
        workers=workers,
        dask_address=dask_address,
        csv_text_column=csv_text_column,
    )


def run_reprocess(
    warehouse: str | os.PathLike[str], everything: bool, batch_size: int
) -> dict[str, Any]:
    """Run the reprocess flow in this process."""
    reprocess = load_flow("reprocess_flow.py:reprocess")
    return reprocess(warehouse=os.fspath(warehouse), everything=everything, batch_size=batch_size)


def serve_ingest(
    sources: list[str], warehouse: str, cron: str, published: date | None, name: str
) -> None:
    """Serve the ingest flow on a cron schedule until interrupted (Prefect `serve`).

    Paths are made absolute first, so scheduled runs find them wherever they execute.
    """
    ingest = load_flow("ingest_flow.py:ingest")
    ingest.serve(
        name=name,
        cron=cron,
        parameters={
            "sources": [str(Path(s).resolve()) for s in sources],
            "warehouse": Warehouse.at(warehouse).location,
            "published": published.isoformat() if published else None,
        },
    )
