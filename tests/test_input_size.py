"""The cheap look at an input's size that decides whether workers start before the run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsfacts.input_size import local_input_exceeds


def test_files_and_nested_folders_are_summed(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_bytes(b"x" * 600)
    (tmp_path / "a" / "b" / "two.jsonl").write_bytes(b"x" * 600)
    assert local_input_exceeds([tmp_path / "a"], 1_000)
    assert not local_input_exceeds([tmp_path / "a"], 1_200)
    assert local_input_exceeds([tmp_path / "a" / "one.txt", str(tmp_path / "a" / "b")], 1_100)


def test_urls_and_missing_paths_count_as_nothing(tmp_path: Path) -> None:
    sources = ["https://example.org/feed.rss", str(tmp_path / "missing"), tmp_path]
    assert not local_input_exceeds(sources, 0)


def test_the_walk_stops_once_the_limit_is_passed(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5_000)

    def sources() -> Iterator[Path]:
        yield big
        raise AssertionError("read past the limit")

    assert local_input_exceeds(sources(), 4_096)
