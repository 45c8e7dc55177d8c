"""Paths and options, resolved once at start-up so every stage sees the same values."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse")
DEFAULT_SOURCES = (Path("seeds"),)
#: Larger inputs are rejected rather than read: a runaway file must not take the run down.
DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024
DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True, slots=True)
class Warehouse:
    """Where the lake and the catalog live. Paths are absolute so views work from anywhere."""

    root: Path

    @classmethod
    def at(cls, path: str | os.PathLike[str]) -> Warehouse:
        return cls(Path(path).expanduser().resolve())

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
