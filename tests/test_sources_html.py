"""Saved HTML pages: main text and page metadata, and pages that hold no article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsfacts.records import Article, SourceProblem
from newsfacts.sources import read_sources
from newsfacts.sources.html import extract_page

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"


def test_article_page_round_trips() -> None:
    (article,) = read_sources([FIXTURES / "quake.html"])
    assert isinstance(article, Article)
    assert article.text == (
        "Izmir: A magnitude 5.1 earthquake struck the coastal province on Tuesday, damaging "
        "40 buildings and cutting power to about 12,000 homes, the disaster agency said.\n"
        "Officials said 12 people were taken to hospital with minor injuries and 300 "
        "residents spent the night in tents set up in a park near the harbour.\n"
        "The tremor was felt as far as 150 kilometres away. Schools in three districts will "
        "stay closed until Friday while engineers inspect them."
    )
    assert article.title == "Quake damages 40 buildings"
    assert article.url == "https://times.example.org/world/quake-damages-40-buildings"
    assert article.source == "Example Times"
    assert (article.published, article.published_from) == (date(2021, 5, 6), "metadata")
    assert article.dateline_place == "Izmir"  # the repeated headline is not the first line
    assert article.source_uri == str(FIXTURES / "quake.html")


def test_page_without_main_text_is_a_problem() -> None:
    (problem,) = read_sources([FIXTURES / "index.html"])
    assert isinstance(problem, SourceProblem)
    assert problem.check == "no_text"
    assert "index.html" in problem.reason


def test_bad_pages_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    for name in ("quake.html", "index.html", "latin1.html"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "empty.htm").write_bytes(b"")
    items = list(read_sources([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = {Path(i.source_uri).name: i for i in items if isinstance(i, SourceProblem)}
    assert [a.title for a in articles] == ["Quake damages 40 buildings"]
    assert {name: p.check for name, p in problems.items()} == {
        "empty.htm": "no_text",
        "index.html": "no_text",
        "latin1.html": "encoding",
    }
    assert all(name in p.reason for name, p in problems.items())


def test_declared_charset_is_honoured() -> None:
    page = '<html><head><meta charset="iso-8859-1"><title>Café</title></head><body>'
    page += "<p>Café owners in Lyon said 20 shops closed on Monday after the floods.</p>"
    page += "</body></html>"
    text, meta = extract_page(page.encode("latin-1"), None, None, 100_000)
    assert text == "Café owners in Lyon said 20 shops closed on Monday after the floods."
    assert meta["title"] == "Café"
    assert meta["published"] is None  # no date in the markup: nothing guessed


def test_oversized_page_is_refused() -> None:
    (problem,) = read_sources([FIXTURES / "quake.html"], max_bytes=100)
    assert isinstance(problem, SourceProblem)
    assert problem.check == "too_large"
    assert "quake.html" in problem.reason
