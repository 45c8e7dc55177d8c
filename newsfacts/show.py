"""`newsfacts show`: an article in the terminal with its facts marked, and a facts table.

Works on a loaded article (by id or id prefix) and on any file (extract only, nothing is
loaded), so people can see what the extractors make of a text before loading it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from newsfacts.errors import NewsfactsError, SourceError
from newsfacts.extract.article import extract_article
from newsfacts.extract.gazetteer import load_gazetteer
from newsfacts.query import connect_read_only
from newsfacts.records import Article
from newsfacts.rows import mention_rows
from newsfacts.settings import Warehouse
from newsfacts.sources import read_sources

STYLES = {"dates": "bold cyan", "counts": "bold magenta", "places": "bold green"}


@dataclass(frozen=True, slots=True)
class Shown:
    title: str
    text: str
    facts: dict[str, list[dict[str, Any]]]


def from_file(path: Path, published: date | None) -> list[Shown]:
    """Extract (without loading) every article of a file."""
    shown = []
    for item in read_sources([path], default_published=published):
        if not isinstance(item, Article):
            raise SourceError(item.reason)
        facts = extract_article(item, load_gazetteer())
        shown.append(
            Shown(
                title=f"{item.source_uri} (not loaded; published {item.published or 'unknown'})",
                text=item.text,
                facts={t: mention_rows(item.article_id, getattr(facts, t)) for t in STYLES},
            )
        )
    return shown


def from_warehouse(wh: Warehouse, article: str) -> Shown:
    """A loaded article by its id or a unique prefix of it."""
    con = connect_read_only(wh)
    try:
        found = con.execute(
            "SELECT article_id, title, published, text FROM articles WHERE article_id LIKE ?",
            [article.replace("%", "") + "%"],
        ).fetchall()
        if len(found) != 1:
            what = "no article" if not found else f"{len(found)} articles"
            raise NewsfactsError(
                f"{what} with an id starting {article!r} in {wh.location}; "
                'list ids with: newsfacts sql "select article_id, title from articles"'
            )
        article_id, title, published, text = found[0]
        facts = {}
        for table in STYLES:
            cursor = con.execute(
                f"SELECT * FROM {table} WHERE article_id = ? ORDER BY char_start", [article_id]
            )
            columns = [d[0] for d in cursor.description or []]
            facts[table] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()
    return Shown(f"{article_id} {title or ''} (published {published or 'unknown'})", text, facts)


def render(shown: Shown) -> Group:
    """The text with every fact highlighted in its table's colour, then the facts."""
    text = Text(shown.text)
    for table, rows in shown.facts.items():
        for row in rows:
            text.stylize(STYLES[table], row["char_start"], row["char_end"])
    legend = Text.assemble(*((f" {name} ", f"reverse {style}") for name, style in STYLES.items()))
    facts = Table(title="facts", show_lines=False)
    for column in ("type", "surface", "sentence", "value", "how"):
        facts.add_column(column)
    for table, rows in shown.facts.items():
        for row in rows:
            facts.add_row(
                Text(table[:-1], style=STYLES[table]),
                row["surface"],
                str(row["sentence"]),
                _value(table, row),
                str(row.get("rule") or row.get("resolution") or ""),
            )
    return Group(Text(shown.title, style="bold"), legend, text, facts)


def _value(table: str, row: dict[str, Any]) -> str:
    if table == "dates":
        return f"{row['value']} ({row['precision'] or row['kind']}, {row['anchor']})"
    if table == "counts":
        parts = [
            f"{row['qualifier']} {row['value']}",
            row.get("unit") or "",
            row.get("counted") or "",
        ]
        category = f" [{row['category']}]" if row.get("category") else ""
        return " ".join(p for p in parts if p) + category
    where = f"{row['geonameid']}" if row.get("geonameid") else "unresolved"
    flag = ", demonym" if row.get("demonym") else ""
    return f"{row['name']} ({row['feature']}, {row.get('country_code') or '-'}, {where}{flag})"
