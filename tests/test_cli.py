"""The `newsfacts` command as a user runs it: output formats, exports, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from typer.testing import CliRunner

from newsfacts.cli import app
from tests.conftest import Loaded

runner = CliRunner()


def test_sql_json_is_one_array_with_iso_dates(loaded: Loaded) -> None:
    wh, _, _ = loaded
    result = runner.invoke(
        app,
        [
            "sql",
            "select published, article_id from articles order by published nulls last",
            "--warehouse",
            str(wh.root),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 2
    assert rows[0]["published"] == "2019-03-06"
    assert rows[1]["published"] == "2020-01-29"


def test_sql_csv_and_table(loaded: Loaded) -> None:
    wh, _, _ = loaded
    result = runner.invoke(
        app, ["sql", "select count(*) as n from articles", "-w", str(wh.root), "-f", "csv"]
    )
    assert result.exit_code == 0
    assert list(csv.reader(io.StringIO(result.stdout))) == [["n"], ["2"]]
    table = runner.invoke(app, ["sql", "select 41 + 1 as answer", "-w", str(wh.root)])
    assert "answer" in table.stdout and "42" in table.stdout


def test_sql_refuses_writes_with_exit_code(loaded: Loaded) -> None:
    wh, _, _ = loaded
    result = runner.invoke(app, ["sql", "drop view articles", "-w", str(wh.root)])
    assert result.exit_code == 2
    assert "read-only" in result.output


def test_export_round_trips(loaded: Loaded, tmp_path: Path) -> None:
    wh, _, _ = loaded
    con = duckdb.connect(str(wh.catalog), read_only=True)
    expected = con.execute("select count(*) from places").fetchone()[0]
    con.close()
    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / fmt
        result = runner.invoke(app, ["export", "--out", str(out), "-f", fmt, "-w", str(wh.root)])
        assert result.exit_code == 0, result.output
        path = out / f"places.{fmt}"
        if fmt == "parquet":
            assert pq.read_table(path).num_rows == expected
        elif fmt == "csv":
            assert len(list(csv.DictReader(path.open()))) == expected
        else:
            lines = path.read_text().splitlines()
            assert len(lines) == expected and "geonameid" in json.loads(lines[0])


def test_run_with_nothing_readable_exits_nonzero(loaded: Loaded, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", str(bad), "-w", str(tmp_path / "wh")])
    assert result.exit_code == 1
    assert "no input could be read" in result.output


def test_run_prints_a_summary(loaded: Loaded, tmp_path: Path) -> None:
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("Kabul: Three people were killed on Monday in Herat province.")
    result = runner.invoke(
        app, ["run", str(article.parent), "-w", str(tmp_path / "wh"), "--published", "2021-06-09"]
    )
    assert result.exit_code == 0, result.output
    assert "articles" in result.output and "places" in result.output
    con = duckdb.connect(str(tmp_path / "wh" / "newsfacts.duckdb"), read_only=True)
    assert con.execute("select published from articles").fetchone()[0].isoformat() == "2021-06-09"
    con.close()
