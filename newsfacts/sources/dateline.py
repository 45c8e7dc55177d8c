"""Datelines: "Damascus:", "KABUL, Afghanistan (Jan. 25, 2013)", "LONDON (Reuters) -".

A dateline says where a story was filed and often when; it is the best publication-date
evidence a bare text file has, and a strong prior for resolving the article's places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A place: up to four capitalised words, optionally ", Region" / ", Country".
_PLACE = r"[A-Z][A-Za-z'’.\-]*(?:[ \-][A-Z][A-Za-z'’.\-]*){0,3}"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?:,[ \t]*{_PLACE})?)"
    r"(?:,[ \t]*(?P<inline>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?))?"
    r"[ \t]*(?:\((?P<paren>[^()\n]{1,60})\))?"
    r"[ \t]*(?P<sep>:|—|–|--|-(?=[ \t])|\n)"
)
#: Only the first few lines can hold a dateline (some feeds put an id line above it).
_HEAD_LINES = 3
_HEAD_CHARS = 400


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    place_start: int
    place_end: int
    published: date | None
    end: int


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the head of `text`, if there is one."""
    offset = 0
    for line in text[:_HEAD_CHARS].split("\n")[:_HEAD_LINES]:
        found = _match_line(text, offset)
        if found is not None:
            return found
        offset += len(line) + 1
    return None


def _match_line(text: str, offset: int) -> Dateline | None:
    match = _DATELINE.match(text, offset)
    if match is None:
        return None
    paren, inline, sep = match["paren"], match["inline"], match["sep"]
    published = _date_in(paren) or _date_in(inline)
    if sep == "\n" and published is None and paren is None:
        return None  # a bare capitalised line (a headline) is not a dateline
    place = match["place"]
    return Dateline(
        place=place,
        place_start=match.start("place"),
        place_end=match.end("place"),
        published=published,
        end=match.end(),
    )


def _date_in(fragment: str | None) -> date | None:
    """A full calendar date inside the fragment, read by the date extractor.

    Imported on first use: loading the date extractor compiles all its patterns (half a
    second), which a run's orchestrating process should not pay for articles that have
    no dated dateline.
    """
    if not fragment:
        return None
    from newsfacts.extract.dates import extract_dates

    for mention in extract_dates(fragment, None):
        if mention.precision == "day" and mention.anchor == "absolute" and mention.start_date:
            return mention.start_date
    return None
