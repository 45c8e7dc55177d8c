"""Paths and options, resolved once at start-up so every stage sees the same values."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse")
DEFAULT_SOURCES = (Path("seeds"),)
#: Larger inputs are rejected rather than read: a runaway file must not take the run down.
DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: Articles per batch, and so per Prefect task run. A task run costs ~75 ms of CPU (a third
#: in the flow process, the rest in the Prefect server: measured with 200 tiny batches); a
#: 1000-article batch costs ~2,700 ms to read, extract, validate and stage, so Prefect's
#: share of a large load is ~3% (at 500 per batch, ~5.5%). Larger batches gain little more
#: and hold more articles in memory (BATCHES_PER_WORKER of them per worker).
DEFAULT_BATCH_SIZE = 1000


#: Where a warehouse whose lake is on an object store keeps its local part (catalog, lock).
STATE_DIR_ENV = "NEWSFACTS_STATE_DIR"


@dataclass(frozen=True, slots=True)
class Warehouse:
    """Where the lake and the catalog live. Paths are absolute so views work from anywhere.

    `lake_url` is set when the lake is on an object store (`s3://bucket/prefix`): the Parquet
    files and manifests go there, while the DuckDB catalog, the writer lock and user views
    stay in `root`, a local state folder (DuckDB cannot keep a database file on S3).
    """

    root: Path
    lake_url: str | None = None

    @classmethod
    def at(cls, path: str | os.PathLike[str]) -> Warehouse:
        text = os.fspath(path)
        if "://" in text and not text.startswith("file://"):
            url = text.rstrip("/")
            return cls(root=_state_dir(url), lake_url=f"{url}/lake")
        return cls(Path(text.removeprefix("file://")).expanduser().resolve())

    @property
    def location(self) -> str:
        """The warehouse as the user named it, for messages."""
        return self.lake_url.removesuffix("/lake") if self.lake_url else str(self.root)

    @property
    def lake(self) -> Path:
        return self.root / "lake"

    @property
    def manifests(self) -> Path:
        return self.lake / "_manifests"

    @property
    def staging(self) -> Path:
        return self.lake / "_staging"

    @property
    def catalog(self) -> Path:
        return self.root / "newsfacts.duckdb"

    @property
    def lock_file(self) -> Path:
        return self.root / ".newsfacts.lock"

    @property
    def views_dir(self) -> Path:
        """User SQL views (`*.sql`) published into the catalog next to the tables."""
        return self.root / "views"

    def table_dir(self, table: str) -> Path:
        return self.lake / table


def _state_dir(url: str) -> Path:
    """A stable local folder per object-store warehouse, named so people recognise it."""
    base = Path(os.environ.get(STATE_DIR_ENV) or "~/.cache/newsfacts").expanduser()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", url.split("://", 1)[-1]).strip("-")[:60]
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return (base / "warehouses" / f"{slug}-{digest}").resolve()


def prefect_defaults() -> None:
    """Settings that make a server-less Prefect run start reliably on a small machine.

    Measured here: the temporary server needs up to 25 s on a fresh PREFECT_HOME, and its
    analytics thread causes "database is locked" at start-up. Users can still override both.
    """
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The stages log to the "newsfacts" logger; this shows those lines in Prefect's UI too.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "newsfacts")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
