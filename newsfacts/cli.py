"""The `newsfacts` command: thin shells around the stages, with errors that say what to do."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsfacts import __version__
from newsfacts.errors import NewsfactsError
from newsfacts.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_ARTICLE_BYTES,
    DEFAULT_SOURCES,
    DEFAULT_WAREHOUSE,
    Warehouse,
)

app = typer.Typer(
    help="Turn news articles into a queryable warehouse of dates, counts and places.",
    no_args_is_help=True,
    add_completion=True,
)
evaluate_app = typer.Typer(help="Score the extractors against annotated gold corpora.")
app.add_typer(evaluate_app, name="evaluate")
gazetteer_app = typer.Typer(help="The offline gazetteer places are resolved against.")
app.add_typer(gazetteer_app, name="gazetteer")
console = Console()
errors = Console(stderr=True)

WarehouseOption = Annotated[
    str,
    typer.Option(
        "--warehouse",
        "-w",
        help="Warehouse folder (lake + DuckDB catalog), or an object-store URL "
        "(s3://bucket/prefix) for the lake.",
    ),
]
WAREHOUSE = str(DEFAULT_WAREHOUSE)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        console.print(f"newsfacts {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """newsfacts: news articles -> validated facts -> Parquet lake -> DuckDB."""


def _fail(exc: Exception) -> typer.Exit:
    errors.print(f"[bold red]error:[/] {exc}")
    return typer.Exit(code=2)


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


@app.command()
def run(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Folders, files (.txt .jsonl .csv .html .rss .atom .xml .warc .warc.gz) "
            "or feed URLs (default: seeds/).",
            show_default=False,
        ),
    ] = None,
    warehouse: WarehouseOption = WAREHOUSE,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for articles that give none."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per task run.")
    ] = DEFAULT_BATCH_SIZE,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Largest article accepted, in bytes.")
    ] = DEFAULT_MAX_ARTICLE_BYTES,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Extraction processes [default: one per core]."),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Extract on this Dask cluster (tcp://host:8786) instead of locally."),
    ] = None,
    csv_text_column: Annotated[
        str, typer.Option(help="The column holding the article text in CSV files.")
    ] = "text",
) -> None:
    """Extract the facts of new articles and load them (a Prefect flow run).

    Example: newsfacts run seeds/ --warehouse warehouse/
    """
    from newsfacts.runner import run_ingest
    from newsfacts.workers import default_workers, start_workers_early

    day = _parse_day(published)
    chosen = [str(s) for s in (sources or list(DEFAULT_SOURCES))]
    processes = workers or default_workers()
    if dask_address is None:  # before Prefect starts, so that both get going at once
        start_workers_early(processes, chosen, batch_size)
    try:
        with _progress():
            summary = run_ingest(
                chosen,
                warehouse,
                day,
                batch_size,
                max_bytes,
                processes,
                dask_address,
                csv_text_column,
            )
    except NewsfactsError as exc:
        raise _fail(exc) from exc
    _print_run(summary, Warehouse.at(warehouse))
    if summary["articles_seen"] == 0 and summary["inputs_rejected"] > 0:
        errors.print("[bold red]error:[/] no input could be read; see the rejects above")
        raise typer.Exit(code=1)


@contextmanager
def _progress() -> Iterator[None]:
    """A live count of articles read and facts loaded while the flow runs."""
    from newsfacts import load

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=True) as bar:
        task = bar.add_task("reading articles", total=None)

        def update(stats: Counter[str]) -> None:
            facts = sum(stats[f"{t}_loaded"] for t in ("dates", "counts", "places"))
            bar.update(
                task,
                description=f"{stats['articles_seen']} articles read, "
                f"{stats['articles_new']} new, {facts} facts",
            )

        load.progress_listeners.append(update)
        try:
            yield
        finally:
            load.progress_listeners.remove(update)


def _print_run(summary: dict[str, Any], wh: Warehouse) -> None:
    table = Table(title=f"run {summary['run_id']}")
    for column in ("table", "extracted", "loaded", "rejected"):
        table.add_column(column, justify="left" if column == "table" else "right")
    skipped = summary["articles_skipped"]
    table.add_row(
        "articles",
        str(summary["articles_seen"] - skipped),
        str(summary["articles_new"]),
        str(summary["articles_rejected"]),
    )
    for name in ("dates", "counts", "places"):
        table.add_row(
            name,
            str(summary[f"{name}_extracted"]),
            str(summary[f"{name}_loaded"]),
            str(summary[f"{name}_rejected"]),
        )
    console.print(table)
    console.print(
        f"{summary['articles_seen']} articles read, {skipped} already loaded, "
        f"{summary['inputs_rejected']} unreadable inputs, {summary['inputs_warned']} loaded "
        f"with warnings. Catalog: {wh.catalog}"
    )
    if summary["inputs_rejected"] or summary["articles_rejected"] or summary["inputs_warned"]:
        errors.print(
            "[yellow]warning:[/] some inputs were rejected or loaded with warnings; see them with "
            f'newsfacts sql "select source_uri, check, reason from rejects where run_id = '
            f"'{summary['run_id']}'\" --warehouse {wh.location}"
        )


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SELECT over the tables.")],
    warehouse: WarehouseOption = WAREHOUSE,
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """Run a read-only SQL query against the warehouse.

    Example: newsfacts sql "select surface, value from counts" --format json
    """
    from newsfacts.query import run_query

    try:
        result = run_query(Warehouse.at(warehouse), query)
    except NewsfactsError as exc:
        raise _fail(exc) from exc
    if output is OutputFormat.json:
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        sys.stdout.write(json.dumps(rows, default=_json_value, ensure_ascii=False) + "\n")
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        writer.writerows(result.rows)
    else:
        table = Table()
        for column in result.columns:
            table.add_column(column)
        for row in result.rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")],
    warehouse: WarehouseOption = WAREHOUSE,
    output: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
) -> None:
    """Copy every table out of the warehouse as Parquet, CSV or JSON Lines.

    Example: newsfacts export --out exports/ --format csv
    """
    from newsfacts.export import export_tables

    try:
        written = export_tables(Warehouse.at(warehouse), out, output.value)
    except NewsfactsError as exc:
        raise _fail(exc) from exc
    for path in written:
        console.print(str(path))


@app.command()
def serve(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Folders or files to watch (default: seeds/).", show_default=False),
    ] = None,
    cron: Annotated[str, typer.Option(help="When to run, as a cron expression.")] = "*/15 * * * *",
    warehouse: WarehouseOption = WAREHOUSE,
    published: Annotated[
        str | None, typer.Option(help="Publication date for articles that give none.")
    ] = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "scheduled-ingest",
) -> None:
    """Run the ingest flow on a schedule (Prefect serve); each run loads only new articles.

    Example: newsfacts serve inbox/ --cron "*/15 * * * *" --warehouse warehouse/
    """
    from newsfacts.runner import serve_ingest

    chosen = [str(s) for s in (sources or list(DEFAULT_SOURCES))]
    try:
        serve_ingest(chosen, warehouse, cron, _parse_day(published), name)
    except NewsfactsError as exc:
        raise _fail(exc) from exc


@app.command()
def reprocess(
    warehouse: WarehouseOption = WAREHOUSE,
    everything: Annotated[
        bool, typer.Option("--all", help="Re-extract every article, not only outdated ones.")
    ] = False,
    batch_size: Annotated[int, typer.Option(min=1)] = DEFAULT_BATCH_SIZE,
) -> None:
    """Re-extract articles loaded by another extractor version; their old facts are replaced
    in one atomic commit (a Prefect flow run).

    Example: newsfacts reprocess --warehouse warehouse/ --all
    """
    from newsfacts.runner import run_reprocess

    try:
        summary = run_reprocess(warehouse, everything, batch_size)
    except NewsfactsError as exc:
        raise _fail(exc) from exc
    _print_run(summary, Warehouse.at(warehouse))


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="An article id (or prefix) or a file.")],
    warehouse: WarehouseOption = WAREHOUSE,
    published: Annotated[
        str | None, typer.Option(help="Publication date for a file that gives none.")
    ] = None,
) -> None:
    """Show an article with its dates, counts and places highlighted, and a facts table.

    Examples: newsfacts show 3208bd91 ; newsfacts show seeds/000_9629f5ceb7f60afd.txt
    """
    from newsfacts.show import from_file, from_warehouse, render

    path = Path(article)
    try:
        if path.is_file():
            shown = from_file(path, _parse_day(published))
        else:
            shown = [from_warehouse(Warehouse.at(warehouse), article)]
    except NewsfactsError as exc:
        raise _fail(exc) from exc
    for item in shown:
        console.print(render(item))


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    warehouse: WarehouseOption = WAREHOUSE,
) -> None:
    """Write a self-contained HTML page: a map of the places, a timeline of the dates, and
    the top counts by category and country (no network needed to view it).

    Example: newsfacts report --out report.html
    """
    from newsfacts.report import build_report

    try:
        page = build_report(Warehouse.at(warehouse))
    except NewsfactsError as exc:
        raise _fail(exc) from exc
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    console.print(f"wrote {out} ({len(page) / 1024:.0f} kB)")


@app.command()
def check(warehouse: WarehouseOption = WAREHOUSE) -> None:
    """Verify the lake: files readable and matching the contracts, no duplicate keys, row
    counts matching `runs`. Exits 1 naming every problem.

    Example: newsfacts check --warehouse warehouse/
    """
    from newsfacts.check import check_warehouse

    report = check_warehouse(Warehouse.at(warehouse))
    for note in report.notes:
        console.print(f"[yellow]note:[/] {note}")
    for problem in report.problems:
        errors.print(f"[bold red]problem:[/] {problem}")
    if not report.ok:
        raise typer.Exit(code=1)
    rows = ", ".join(f"{table} {n}" for table, n in report.rows.items())
    console.print(f"ok: {rows}")


@app.command()
def compact(warehouse: WarehouseOption = WAREHOUSE) -> None:
    """Merge each table's files into one, atomically (readers are not disturbed).

    Example: newsfacts compact --warehouse warehouse/
    """
    import uuid

    from newsfacts.load import compact_warehouse

    try:
        manifest = compact_warehouse(Warehouse.at(warehouse), f"compact-{uuid.uuid4().hex[:12]}")
    except NewsfactsError as exc:
        raise _fail(exc) from exc
    if manifest is None:
        console.print("nothing to compact: every table is a single file")
    else:
        merged = ", ".join(f"{t}: {len(v)} files" for t, v in manifest.removes.items())
        console.print(f"compacted {merged} into one file each")


@gazetteer_app.command("import")
def gazetteer_import(
    all_countries: Annotated[Path, typer.Argument(help="GeoNames allCountries.txt (or XX.txt).")],
    alternate_names: Annotated[
        Path | None, typer.Option(help="alternateNamesV2.txt, for spelling variants.")
    ] = None,
    admin1_codes: Annotated[
        Path | None, typer.Option(help="admin1CodesASCII.txt, for province names.")
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Where the index goes (default: the user cache).")
    ] = None,
) -> None:
    """Build the gazetteer from full GeoNames dump files instead of the bundled cities500.

    Example: newsfacts gazetteer import allCountries.txt --alternate-names alternateNamesV2.txt
    """
    from newsfacts.extract.gazetteer_dump import import_geonames_dump

    for path in (all_countries, alternate_names, admin1_codes):
        if path is not None and not path.is_file():
            raise _fail(FileNotFoundError(f"{path} does not exist"))
    try:
        written = import_geonames_dump(all_countries, alternate_names, admin1_codes, cache_dir)
    except (NewsfactsError, ValueError, OSError) as exc:
        raise _fail(exc) from exc
    console.print(f"gazetteer index written to {written}; runs now resolve places against it")


def _evaluate(kind: str, path: Path, fmt: str, show_errors: bool) -> None:
    import importlib

    module = importlib.import_module(f"newsfacts.evaluate.{kind}")
    evaluator = getattr(module, f"evaluate_{kind}")
    if not path.exists():
        raise _fail(FileNotFoundError(f"{path} does not exist"))
    try:
        report = evaluator(path, fmt, show_errors)
    except (NewsfactsError, ValueError) as exc:
        raise _fail(exc) from exc
    sys.stdout.write(report.rstrip("\n") + "\n")


ErrorsOption = Annotated[bool, typer.Option("--errors", help="List the errors by type.")]


@evaluate_app.command("dates")
def evaluate_dates(
    path: Annotated[Path, typer.Argument(help="Folder of annotated documents.")],
    fmt: Annotated[str, typer.Option("--format", help="timeml | meantime")] = "timeml",
    show_errors: ErrorsOption = False,
) -> None:
    """Strict/relaxed span P/R/F1 and value F1 (TempEval-3).

    Example: newsfacts evaluate dates --format timeml ../shared/corpora/tempeval3/te3-platinum
    """
    _evaluate("dates", path, fmt, show_errors)


@evaluate_app.command("counts")
def evaluate_counts(
    path: Annotated[Path, typer.Argument(help="Annotated folder or file.")],
    fmt: Annotated[str, typer.Option("--format", help="newsquant | isaf")] = "newsquant",
    show_errors: ErrorsOption = False,
) -> None:
    """Value, value+unit and value+qualifier F1 (NewsQuant), or casualty-report accuracy (ISAF).

    Example: newsfacts evaluate counts --format newsquant ../shared/corpora/newsquant
    """
    _evaluate("counts", path, fmt, show_errors)


@evaluate_app.command("places")
def evaluate_places(
    path: Annotated[Path, typer.Argument(help="Annotated corpus file.")],
    fmt: Annotated[str, typer.Option("--format", help="gwn | lgl | trnews | geovirus")] = "gwn",
    show_errors: ErrorsOption = False,
) -> None:
    """Recognition P/R/F1 and accuracy within 161 km.

    Example: newsfacts evaluate places --format lgl ../shared/corpora/lgl/lgl.xml
    """
    _evaluate("places", path, fmt, show_errors)
