"""Table contracts: the YAML files in schemas/ turned into pandera, Arrow and SQL schemas.

One description per table drives validation, the Parquet schema and the catalog's empty
views, so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from newsfacts.errors import ContractError

TABLES = ("articles", "dates", "counts", "places", "rejects", "runs")
FACT_TABLES = ("dates", "counts", "places")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
}
_SQL_TYPES = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMPTZ",
}
_COLUMN_CHECKS = {"in", "ge", "le", "gt", "matches", "min_length", "max_length", "unique"}


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    type: str
    nullable: bool
    checks: dict[str, Any]
    description: str


@dataclass(frozen=True, slots=True)
class Contract:
    table: str
    description: str
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    checks: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, _ARROW_TYPES[c.type], nullable=c.nullable) for c in self.columns]
        )

    def empty_select(self) -> str:
        """A typed, empty SELECT: the view of a table nothing has been loaded into yet."""
        cols = ", ".join(f'CAST(NULL AS {_SQL_TYPES[c.type]}) AS "{c.name}"' for c in self.columns)
        return f"SELECT {cols} WHERE false"


def contracts_dir() -> Path:
    """schemas/ of the source tree, or its copy inside an installed wheel."""
    source_tree = Path(__file__).resolve().parent.parent / "schemas"
    if (source_tree / "articles.yaml").is_file():
        return source_tree
    return Path(str(files("newsfacts").joinpath("_contracts")))


@cache
def contract(table: str) -> Contract:
    """The parsed contract of `table`; malformed contracts fail loudly, naming the key."""
    path = contracts_dir() / f"{table}.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContractError(f"cannot read table contract {path}: {exc}") from exc
    try:
        columns = tuple(_column(name, spec) for name, spec in raw["columns"].items())
        return Contract(
            table=raw["table"],
            description=raw.get("description", ""),
            key=tuple(raw.get("key", ())),
            columns=columns,
            checks=tuple(raw.get("checks", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"malformed table contract {path}: {exc}") from exc


def _column(name: str, spec: dict[str, Any]) -> ColumnSpec:
    kind = spec["type"]
    if kind not in _ARROW_TYPES:
        known = sorted(_ARROW_TYPES)
        raise ValueError(f"column {name!r}: unknown type {kind!r} (use one of {known})")
    checks = dict(spec.get("checks") or {})
    unknown = set(checks) - _COLUMN_CHECKS
    if unknown:
        raise ValueError(f"column {name!r}: unknown checks {sorted(unknown)}")
    return ColumnSpec(
        name=name,
        type=kind,
        nullable=bool(spec.get("nullable", False)),
        checks=checks,
        description=str(spec.get("description", "")),
    )
