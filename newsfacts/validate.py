"""pandera validation that splits rows into good ones and quarantined rejects.

pandera's `drop_invalid_rows` would throw bad rows away; a fact warehouse must keep them with
the reason. So each batch is validated lazily (every failure collected at once), failures are
mapped back to row indices, and the failing rows become `rejects` rows naming the check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import pandera.polars as pa
import polars as pl
import pyarrow as pa_arrow
import pycountry
from pandera.errors import SchemaErrors

from newsfacts.contracts import ColumnSpec, Contract, contract

TEXT_COLUMN = "_article_text"
_POLARS_TYPES: dict[str, Any] = {
    "string": pl.Utf8,
    "int32": pl.Int32,
    "int64": pl.Int64,
    "float64": pl.Float64,
    "bool": pl.Boolean,
    "date": pl.Date,
    "timestamp": pl.Datetime("us", "UTC"),
}


@dataclass(slots=True)
class Validated:
    """The outcome of validating one batch of one table."""

    table: str
    good: pa_arrow.Table
    rejects: list[dict[str, Any]] = field(default_factory=list)

    @property
    def extracted(self) -> int:
        return self.good.num_rows + len(self.rejects)


# --- row checks across columns, referenced by name from the contracts ---------------------


def _span_matches_text() -> pl.Expr:
    length = pl.col("char_end") - pl.col("char_start")
    text = pl.col(TEXT_COLUMN)
    return (
        text.is_not_null()
        & (length > 0)
        & (pl.col("char_end") <= text.str.len_chars())
        & (text.str.slice(pl.col("char_start"), length) == pl.col("surface"))
    ).fill_null(False)


def _start_not_after_end() -> pl.Expr:
    start, end = pl.col("start_date"), pl.col("end_date")
    return start.is_null() | end.is_null() | (start <= end)


def _range_only_when_resolved() -> pl.Expr:
    return pl.col("value").is_not_null() | (
        pl.col("start_date").is_null() & pl.col("end_date").is_null()
    )


def _value_within_bounds() -> pl.Expr:
    value, low, high = pl.col("value"), pl.col("value_low"), pl.col("value_high")
    return (
        (low.is_null() | value.is_null() | (low <= value))
        & (high.is_null() | value.is_null() | (value <= high))
        & (low.is_null() | high.is_null() | (low <= high))
    )


def _coordinates_together() -> pl.Expr:
    lat, lon = pl.col("latitude"), pl.col("longitude")
    return (lat.is_null() == lon.is_null()) & (pl.col("geonameid").is_null() | lat.is_not_null())


@cache
def _iso_alpha2() -> list[str]:
    # GeoNames also uses XK (Kosovo), which ISO 3166-1 leaves user-assigned.
    return sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})


def _iso_country_code() -> pl.Expr:
    code = pl.col("country_code")
    return code.is_null() | code.is_in(_iso_alpha2())


def _accounting_balances() -> pl.Expr:
    ok = pl.col("articles_seen") == (
        pl.col("articles_new") + pl.col("articles_skipped") + pl.col("articles_rejected")
    )
    for table in ("dates", "counts", "places"):
        ok = ok & (
            pl.col(f"{table}_extracted") == pl.col(f"{table}_loaded") + pl.col(f"{table}_rejected")
        )
    return ok


ROW_CHECKS: dict[str, Callable[[], pl.Expr]] = {
    "span_matches_text": _span_matches_text,
    "start_not_after_end": _start_not_after_end,
    "range_only_when_resolved": _range_only_when_resolved,
    "value_within_bounds": _value_within_bounds,
    "coordinates_together": _coordinates_together,
    "iso_country_code": _iso_country_code,
    "accounting_balances": _accounting_balances,
}


# --- contract -> pandera schema ------------------------------------------------------------


def _column_checks(spec: ColumnSpec) -> list[pa.Check]:
    checks: list[pa.Check] = []
    for name, arg in spec.checks.items():
        if name == "in":
            checks.append(pa.Check.isin(list(arg)))
        elif name == "ge":
            checks.append(pa.Check.ge(arg))
        elif name == "le":
            checks.append(pa.Check.le(arg))
        elif name == "gt":
            checks.append(pa.Check.gt(arg))
        elif name == "matches":
            checks.append(pa.Check.str_matches(arg))
        elif name == "min_length":
            checks.append(pa.Check.str_length(min_value=arg))
        elif name == "max_length":
            checks.append(pa.Check.str_length(max_value=arg))
    return checks


def _row_check(name: str) -> pa.Check:
    expr = ROW_CHECKS[name]()
    return pa.Check(lambda data: data.lazyframe.select(expr), name=name)


@cache
def pandera_schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of a table, built from its contract (cached per table)."""
    spec: Contract = contract(table)
    columns = {
        c.name: pa.Column(
            _POLARS_TYPES[c.type],
            checks=_column_checks(c),
            nullable=c.nullable,
            unique=bool(c.checks.get("unique")),
            description=c.description or None,
        )
        for c in spec.columns
    }
    needs_text = "span_matches_text" in spec.checks
    if needs_text:
        columns[TEXT_COLUMN] = pa.Column(pl.Utf8, nullable=True)
    return pa.DataFrameSchema(
        columns,
        checks=[_row_check(name) for name in spec.checks],
        name=table,
        strict=True,
        coerce=False,
    )


# --- validation ----------------------------------------------------------------------------


def validate_rows(
    table: str,
    rows: list[dict[str, Any]],
    run_id: str,
    texts: Mapping[str, str] | None = None,
) -> Validated:
    """Validate `rows` of `table`; return the good rows as Arrow and the rest as rejects.

    `texts` maps article_id to article text; tables whose contract checks spans need it.
    A row failing several checks is one reject naming all of them, so that per table
    extracted = loaded + rejected holds row for row.
    """
    spec = contract(table)
    now = datetime.now(UTC)
    frame, rejects = _to_frame(spec, rows, run_id, now)
    if TEXT_COLUMN in pandera_schema(table).columns:
        lookup = texts or {}
        frame = frame.with_columns(
            pl.Series(TEXT_COLUMN, [lookup.get(a) for a in frame["article_id"]], dtype=pl.Utf8)
        )
    by_position: dict[int, list[tuple[str, str | None, str]]] = {}
    for pos, check, column, reason in _failures(table, frame):
        by_position.setdefault(pos, []).append((check, column, reason))
    indices = frame["_index"].to_list()
    for pos, fails in sorted(by_position.items()):
        checks = ",".join(dict.fromkeys(check for check, _, _ in fails))
        columns = ",".join(dict.fromkeys(c for _, c, _ in fails if c)) or None
        reason = "; ".join(reason for _, _, reason in fails)
        rejects.append(_reject(table, run_id, checks, columns, reason, rows[indices[pos]], now))
    keep = [pos for pos in range(frame.height) if pos not in by_position]
    good = frame.select(spec.column_names)
    if by_position:
        good = good[keep]
    return Validated(table=table, good=good.to_arrow().cast(spec.arrow_schema()), rejects=rejects)


def _to_frame(
    spec: Contract, rows: list[dict[str, Any]], run_id: str, now: datetime
) -> tuple[pl.DataFrame, list[dict[str, Any]]]:
    """Rows -> typed frame with an `_index` back into `rows`.

    Rows whose values cannot take the contract's types are rejected here (check `dtype`).
    Nullability is left to pandera to judge and report, not to Arrow to refuse.
    """
    names = spec.column_names
    loose = pa_arrow.schema([f.with_nullable(True) for f in spec.arrow_schema()])
    conversion_errors = (pa_arrow.ArrowInvalid, pa_arrow.ArrowTypeError, TypeError, ValueError)

    def project(row: Mapping[str, Any]) -> dict[str, Any]:
        return {name: row.get(name) for name in names}

    rejects: list[dict[str, Any]] = []
    try:
        arrow = pa_arrow.Table.from_pylist([project(r) for r in rows], schema=loose)
        indices = list(range(len(rows)))
    except conversion_errors:
        indices = []
        for index, row in enumerate(rows):
            try:
                pa_arrow.Table.from_pylist([project(row)], schema=loose)
            except conversion_errors as exc:
                reason = f"{spec.table}: a value does not fit the contract's types ({exc})"
                rejects.append(_reject(spec.table, run_id, "dtype", None, reason, row, now))
            else:
                indices.append(index)
        arrow = pa_arrow.Table.from_pylist([project(rows[i]) for i in indices], schema=loose)
    frame = pl.from_arrow(arrow)
    assert isinstance(frame, pl.DataFrame)
    return frame.with_columns(pl.Series("_index", indices, dtype=pl.Int64)), rejects


def _failures(table: str, frame: pl.DataFrame) -> list[tuple[int, str, str | None, str]]:
    """(row position, check, column, reason) for every failure pandera reports."""
    if frame.height == 0:
        return []
    try:
        pandera_schema(table).validate(frame.drop("_index"), lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    failures: list[tuple[int, str, str | None, str]] = []
    for case in cases.iter_rows(named=True):
        check = str(case["check"]).split("(", 1)[0]  # "isin([...])" -> "isin"
        if case["schema_context"] == "Column":
            column = case["column"]
            reason = f"column {column!r} failed {check} (value: {case['failure_case']})"
        else:
            column = None
            reason = f"row failed {check}"
        if case["index"] is None:  # a schema-level failure applies to every row of the batch
            failures.extend((pos, check, column, reason) for pos in range(frame.height))
        else:
            failures.append((int(case["index"]), check, column, reason))
    return failures


def _reject(
    table: str,
    run_id: str,
    check: str,
    column: str | None,
    reason: str,
    row: Mapping[str, Any],
    now: datetime,
) -> dict[str, Any]:
    row_json = json.dumps(dict(row), default=_json_default, sort_keys=True, ensure_ascii=False)
    return {
        "reject_id": reject_id(table, check, row.get("article_id"), row_json),
        "run_id": run_id,
        "table_name": table,
        "check": check,
        "column": column,
        "article_id": row.get("article_id"),
        "source_uri": row.get("source_uri"),
        "line": None,
        "reason": reason,
        "row": row_json,
        "rejected_at": now,
    }


def reject_id(table: str, check: str, where: str | None, payload: str) -> str:
    """Stable id so that meeting the same problem again does not add a second row."""
    digest = hashlib.sha256("\x1f".join([table, check, where or "", payload]).encode())
    return digest.hexdigest()[:20]


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)
