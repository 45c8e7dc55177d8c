"""Reading articles: folders, sidecars, JSON Lines, datelines, and reports of bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsfacts.ids import article_id
from newsfacts.records import SourceProblem
from newsfacts.sources import iter_batches, read_sources
from newsfacts.sources.dateline import parse_dateline
from tests.conftest import split_items

SEED = Path(__file__).resolve().parent.parent / "seeds"


def test_seed_folder_reads_with_sidecar_date() -> None:
    articles, problems = split_items(list(read_sources([SEED])))
    assert problems == []
    (seed,) = articles
    assert seed.published == date(2020, 1, 29)
    assert seed.published_from == "metadata"
    assert seed.dateline_place == "Damascus"
    assert seed.text.startswith("Damascus: The Syrian army")
    assert seed.article_id == article_id(seed.text)


def test_same_text_from_two_places_is_one_article(tmp_path: Path) -> None:
    text = "Beirut: Protesters gathered on Sunday."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x1", "text": text}) + "\n")
    articles, _ = split_items(list(read_sources([tmp_path])))
    assert len(articles) == 2
    assert articles[0].article_id == articles[1].article_id


def test_jsonl_fields_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "r-1",
                "url": "https://example.org/1",
                "title": "T",
                "published": "2021-03-04",
                "text": "Cairo: Hello.",
            }
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "Bad date.", "published": "2021-02-30"}),
        json.dumps([1, 2]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = split_items(list(read_sources([path])))
    (article,) = articles
    assert (article.source_id, article.url, article.title) == ("r-1", "https://example.org/1", "T")
    assert article.published == date(2021, 3, 4)
    assert article.source_uri.endswith("feed.jsonl#L1")
    assert [(p.line, p.check) for p in problems] == [
        (2, "json"),
        (3, "missing_text"),
        (5, "metadata"),
        (6, "json"),
    ]
    assert all("feed.jsonl line" in p.reason for p in problems)


def test_oversized_jsonl_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"text": "x" * 5000})
    path.write_text(huge + "\n" + json.dumps({"text": "Small one."}) + "\n", encoding="utf-8")
    articles, problems = split_items(list(read_sources([path], max_bytes=1000)))
    assert [a.text for a in articles] == ["Small one."]
    assert [(p.line, p.check) for p in problems] == [(1, "too_large")]


def test_bad_files_are_reported_and_good_ones_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Kabul: Two people were hurt on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Bogotá: a story".encode("latin-1"))
    (tmp_path / "bad.meta.json").write_text("{oops")
    (tmp_path / "bad.txt").write_text("Lima: fine text.", encoding="utf-8")
    articles, problems = split_items(list(read_sources([tmp_path, tmp_path / "missing.txt"])))
    assert [a.text for a in articles] == ["Kabul: Two people were hurt on Monday."]
    by_file = {Path(p.source_uri).name: p for p in problems}
    assert by_file["empty.txt"].check == "empty"
    assert by_file["binary.txt"].check == "binary"
    assert by_file["latin1.txt"].check == "encoding"
    assert by_file["bad.txt"].check == "metadata"
    assert by_file["missing.txt"].check == "missing"
    assert all(Path(p.source_uri).name in p.reason for p in problems)


def test_cli_date_only_when_nothing_better(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("No dateline here.", encoding="utf-8")
    (article,) = split_items(list(read_sources([tmp_path], default_published=date(2019, 5, 6))))[0]
    assert (article.published, article.published_from) == (date(2019, 5, 6), "cli")


def test_dateline_date_is_the_publication_date(tmp_path: Path) -> None:
    text = "2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nDuring an operation yesterday..."
    (tmp_path / "release.txt").write_text(text, encoding="utf-8")
    (article,) = split_items(list(read_sources([tmp_path], default_published=date(2000, 1, 1))))[0]
    assert article.published == date(2013, 1, 25)
    assert article.published_from == "dateline"
    assert article.dateline_place == "KABUL, Afghanistan"


def test_datelines() -> None:
    damascus = parse_dateline("Damascus: The army said.")
    assert damascus is not None and damascus.place == "Damascus" and damascus.published is None
    reuters = parse_dateline("LONDON (Reuters) - Shares fell on Monday.")
    assert reuters is not None and reuters.place == "LONDON"
    dated = parse_dateline("NAIROBI, Kenya (March 3, 2019) — Floods hit the city.")
    assert dated is not None
    assert (dated.place, dated.published) == ("NAIROBI, Kenya", date(2019, 3, 3))
    assert parse_dateline("The army recaptured the city of Aleppo.") is None
    assert parse_dateline("Breaking News\nThe army said") is None


def test_batches_keep_order_and_size() -> None:
    batches = list(iter_batches(range(7), 3))
    assert batches == [[0, 1, 2], [3, 4, 5], [6]]


def test_unknown_fields_and_reused_ids_are_warnings_not_rejections(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a", "text": "Kigali: First story.", "publshed": "2020-01-01"},
        {"id": "a", "text": "Kigali: A different story."},
        {"id": "a", "text": "Kigali: First story.", "publshed": "2020-01-01"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Accra: Text.", encoding="utf-8")
    (tmp_path / "b.meta.json").write_text(json.dumps({"titel": "typo"}), encoding="utf-8")
    articles, problems = split_items(list(read_sources([tmp_path])))
    assert len(articles) == 4  # every article still loads (the repeat is deduplicated later)
    assert all(not p.fatal for p in problems)
    found = sorted((Path(p.source_uri).name, p.line, p.check) for p in problems)
    assert found == [
        ("b.txt", None, "unknown_fields"),
        ("feed.jsonl", 1, "unknown_fields"),
        ("feed.jsonl", 2, "duplicate_id"),
        ("feed.jsonl", 3, "unknown_fields"),
    ]
    assert any("publshed" in p.reason for p in problems)


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text("Dakar: Fine.", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("Dakar: Secret.", encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, problems = split_items(list(read_sources([tmp_path])))
    assert [a.text for a in articles] == ["Dakar: Fine."]
    (problem,) = problems
    assert problem.check == "unreadable" and "locked.txt" in problem.reason


def test_a_50_mb_single_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    line = b'{"text": "' + b"x" * (50 * 1024 * 1024) + b'"}\n'
    (tmp_path / "huge.jsonl").write_bytes(line + json.dumps({"text": "Small."}).encode() + b"\n")
    (tmp_path / "huge.txt").write_bytes(line)
    articles, problems = split_items(list(read_sources([tmp_path])))
    assert [a.text for a in articles] == ["Small."]
    assert sorted((Path(p.source_uri).name, p.check) for p in problems) == [
        ("huge.jsonl", "too_large"),
        ("huge.txt", "too_large"),
    ]


def test_unlistable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, pattern: str) -> list[Path]:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "rglob", refuse)
    (problem,) = list(read_sources([tmp_path]))
    assert isinstance(problem, SourceProblem)
    assert problem.check == "unreadable" and str(tmp_path) in problem.reason
