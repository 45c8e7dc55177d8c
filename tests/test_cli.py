"""The `newsfacts` command as a user runs it: output formats, exports, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
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
            partitioned = pq.read_table(path)
            assert partitioned.num_rows == expected
            assert "published_year" in partitioned.column_names
            assert sorted(p.name for p in path.iterdir()) == [
                "published_year=2019",
                "published_year=2020",
            ]
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


def test_places_geoparquet_opens_in_geopandas(loaded: Loaded, tmp_path: Path) -> None:
    geopandas = pytest.importorskip("geopandas")
    wh, _, _ = loaded
    result = runner.invoke(app, ["export", "--out", str(tmp_path), "-w", str(wh.root)])
    assert result.exit_code == 0, result.output
    frame = geopandas.read_parquet(tmp_path / "places.geoparquet")
    assert frame.crs is not None and frame.crs.equals("OGC:CRS84")
    damascus = frame[frame["geonameid"] == 170654].iloc[0]
    assert damascus.geometry.geom_type == "Point"
    assert (round(damascus.geometry.x, 2), round(damascus.geometry.y, 2)) == (36.29, 33.51)
    roads = frame[frame["feature"] == "road"]
    assert len(roads) > 0 and roads.geometry.isna().all()


def test_show_marks_facts_from_the_warehouse_and_from_a_file(
    loaded: Loaded, tmp_path: Path
) -> None:
    wh, _, _ = loaded
    con = duckdb.connect(str(wh.catalog), read_only=True)
    (article_id,) = con.execute(
        "select article_id from articles where source_id = 'v-1'"
    ).fetchone()
    con.close()
    shown = runner.invoke(app, ["show", article_id[:8], "-w", str(wh.root)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Arsal" in shown.output and "KILL" in shown.output and "2019-03-05" in shown.output
    article = tmp_path / "note.txt"
    article.write_text("Nairobi: Floods displaced 300 families on Monday.", encoding="utf-8")
    from_file = runner.invoke(
        app, ["show", str(article), "--published", "2024-05-08"], env={"COLUMNS": "200"}
    )
    assert from_file.exit_code == 0, from_file.output
    assert "not loaded" in from_file.output
    assert "2024-05-06" in from_file.output and "DISPLACE" in from_file.output
    missing = runner.invoke(app, ["show", "ffffffff", "-w", str(wh.root)])
    assert missing.exit_code == 2 and "no article" in missing.output


def test_gazetteer_import_from_dump_files(tmp_path: Path) -> None:
    from newsfacts.extract.gazetteer import forget_loaded

    dump = Path(__file__).parent / "fixtures" / "geonames_dump"
    try:
        result = runner.invoke(
            app,
            [
                "gazetteer",
                "import",
                str(dump / "allCountries.txt"),
                "--alternate-names",
                str(dump / "alternateNamesV2.txt"),
                "--admin1-codes",
                str(dump / "admin1CodesASCII.txt"),
                "--cache-dir",
                str(tmp_path),
            ],
        )
        assert result.exit_code == 0, result.output
        assert len(list(tmp_path.glob("gazetteer-dump-*"))) == 1
        missing = runner.invoke(app, ["gazetteer", "import", str(tmp_path / "nope.txt")])
        assert missing.exit_code == 2 and "does not exist" in missing.output
    finally:
        forget_loaded()


def test_run_reads_csv_with_a_chosen_text_column(loaded: Loaded, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "export.csv").write_text(
        "id,headline,body,published\n"
        'a1,Floods,"Dhaka: Floods displaced 3,000 families on Monday.",2021-05-04\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["run", str(inbox), "-w", str(tmp_path / "wh"), "--csv-text-column", "body"]
    )
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(tmp_path / "wh" / "newsfacts.duckdb"), read_only=True)
    row = con.execute("select source_id, published, text from articles").fetchone()
    con.close()
    assert row is not None
    assert (row[0], row[1].isoformat()) == ("a1", "2021-05-04") and row[2].startswith("Dhaka:")
