"""CSV sources: rows round-trip, bad rows are reported by line and the rest still read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsfacts.records import Article, SourceProblem
from newsfacts.sources import read_sources
from newsfacts.sources.csvfile import read_csv_articles
from tests.conftest import split_items

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"


def test_rows_round_trip_and_bad_rows_are_reported_by_line() -> None:
    path = FIXTURES / "stories.csv"
    articles, problems = split_items(list(read_sources([path])))
    strike, two_lines, quito = articles
    assert strike.text == "Rotterdam: Dock workers began a 48-hour strike on Friday."
    assert (strike.source_id, strike.title, strike.url, strike.source) == (
        "c-1",
        "Port strike",
        "https://example.org/strike",
        "Example Post",
    )
    assert (strike.published, strike.published_from) == (date(2023, 7, 1), "metadata")
    assert strike.source_uri == f"{path}#L2"
    # A quoted field over two lines: CRLF inside it becomes "\n", and line numbers follow.
    assert two_lines.text == "Line one of the story.\nLine two, with 5 boats."
    assert two_lines.source_uri == f"{path}#L3"
    assert (two_lines.url, two_lines.published) == (None, None)
    assert quito.source_uri == f"{path}#L8"
    assert [(p.line, p.check) for p in problems] == [(5, "metadata"), (6, "csv"), (7, "empty")]
    assert all(f"stories.csv line {p.line}" in p.reason for p in problems)


def test_missing_text_column_names_the_columns_it_has() -> None:
    (problem,) = read_sources([FIXTURES / "nocolumn.csv"])
    assert isinstance(problem, SourceProblem)
    assert problem.check == "missing_text"
    assert "nocolumn.csv" in problem.reason
    assert "'id', 'headline', 'body'" in problem.reason


def test_text_column_is_configurable() -> None:
    warning, article = read_csv_articles(
        FIXTURES / "nocolumn.csv", date(2020, 1, 2), 10_000, "body"
    )
    assert isinstance(warning, SourceProblem)
    assert (warning.check, warning.fatal) == ("unknown_fields", False)
    assert "['headline']" in warning.reason
    assert isinstance(article, Article)
    assert (article.text, article.source_id) == ("Some text", "1")
    assert (article.published, article.published_from) == (date(2020, 1, 2), "cli")


def test_badly_encoded_row_does_not_stop_the_file() -> None:
    articles, problems = split_items(list(read_sources([FIXTURES / "latin1.csv"])))
    assert [a.text for a in articles] == ["Good row after a bad one."]
    assert [(p.line, p.check) for p in problems] == [(2, "encoding")]
    assert "latin1.csv line 2" in problems[0].reason


def test_oversized_field_and_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    # One field over --max-bytes, one over the csv module's own field limit (128 KiB).
    path.write_text(f'text\n"{"x " * 600}"\n"{"y " * 100_000}"\nSmall one.\n', encoding="utf-8")
    articles, problems = split_items(list(read_sources([path], max_bytes=1000)))
    assert [a.text for a in articles] == ["Small one."]
    assert [(p.line, p.check) for p in problems] == [(2, "too_large"), (3, "too_large")]
    assert all("big.csv line" in p.reason for p in problems)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    (problem,) = read_sources([empty])
    assert isinstance(problem, SourceProblem)
    assert problem.check == "empty"
    assert "empty.csv" in problem.reason


def test_unknown_columns_and_reused_ids_are_warnings(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(
        "id,text,byline\n7,First story.,A\n7,Second story.,B\n7,First story.,C\n",
        encoding="utf-8",
    )
    articles, problems = split_items(list(read_sources([path])))
    assert [a.text for a in articles] == ["First story.", "Second story.", "First story."]
    assert [(p.line, p.check, p.fatal) for p in problems] == [
        (1, "unknown_fields", False),
        (3, "duplicate_id", False),
    ]
    assert "['byline']" in problems[0].reason
    assert "extra.csv line 3" in problems[1].reason
