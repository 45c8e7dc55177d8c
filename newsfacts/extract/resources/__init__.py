"""Linguistic resources as data files, read once and cached."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def read_text(name: str) -> str:
    """The text of a resource file shipped next to this module."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line list, with `#` comments and blank lines ignored, lower-cased."""
    entries = set()
    for line in read_text(name).splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.add(entry.lower())
    return frozenset(entries)
