"""Numbers that are not counts: years, dates, times, ages, identifiers, scores, list numbers.

Analysts sum counts, so a year or a route number read as a count is worse than a missed
count. Each check looks only at a few characters around the number (constant work per
number), and every cue word comes from `resources/counts_context.json`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsfacts.extract.counts_lexicon import Lexicon

_WORD = re.compile(r"[A-Za-z][\w.'’&/-]*")
_MONTH_AFTER = re.compile(r"[ \u00a0]+(?:of[ \u00a0]+)?([A-Za-z]+)\.?")
_LOWER_WORD = re.compile(r"[ \u00a0]+([a-z]+)")
_SCORE_WORD = re.compile(r"[a-z][a-z-]*")
_TIME_AFTER = re.compile(
    r"[ \u00a0]?(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b|GMT\b|UTC\b|BST\b|EST\b|EDT\b|CET\b"
    r"|hrs\b|hours?\s+(?:GMT|local)|o['’]clock)",
    re.IGNORECASE,
)
_AGE_UNIT_FIRST = frozenset("ymwdYMWD")
_AGE_AFTER = re.compile(
    r"(?:-|[ \u00a0])(?P<unit>years?|yrs?|months?|weeks?|days?)(?:-|[ \u00a0])olds?\b",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(
    r"(?<![\w])(?:aged|ages?(?:[ \u00a0]+of)?)"
    r"(?:[ \u00a0]+(?:between|about|around|over|under|just))?[ \u00a0]+$",
    re.IGNORECASE,
)
_NAME_COMMA = re.compile(r"[A-Z][\w'’-]+,[ \u00a0]?$")
_LIST_ITEM_AFTER = re.compile(r"[.)][ \t]")
_SCORE_LINK = re.compile(r"[ \u00a0]?[-–][ \u00a0]?\d")
_GLUED_AFTER = re.compile(r"[A-Za-z\d]")
_YEAR = re.compile(r"\d{4}")


@lru_cache(maxsize=256)
def words_before(text: str, start: int, floor: int) -> tuple[str, ...]:
    """The (up to two) words right before `start` in its sentence, separated by spaces only.

    Slicing and splitting a short window is much cheaper than an end-anchored regex search.
    """
    window = text[max(floor, start - 40) : start]
    if not window or window[-1] not in " \u00a0":
        return ()
    words = [w.lstrip("([\"'“‘") for w in window.split()[-2:]]
    if not words or not _WORD.fullmatch(words[-1]):
        return ()
    return tuple(words) if _WORD.fullmatch(words[0]) else (words[-1],)


def _previous_word(text: str, start: int, floor: int) -> str:
    """The word right before `start` (same sentence), lower-cased, or ''."""
    words = words_before(text, start, floor)
    return words[-1].lower() if words else ""


def is_year(
    text: str, core: str, start: int, floor: int, lex: Lexicon, *, quantified: bool
) -> bool:
    """True for a bare four-digit number that reads as a calendar year ("in 2011").

    `quantified` is True when the number has a currency, unit, scale or qualifier, which a
    year never has ("more than 2000 people", "$2015").
    """
    if quantified or not _YEAR.fullmatch(core):
        return False
    value = int(core)
    if not 1000 <= value <= 2199:
        return False
    before = _previous_word(text, start, floor)
    if before in lex.year_prepositions or before.rstrip(".") in lex.months:
        return True
    # A year is rarely followed by a plural counted noun, a count often is ("2000 people").
    after = _LOWER_WORD.match(text[start + 4 : start + 40])
    return not (after and after.group(1) not in lex.stop_words and after.group(1).endswith("s"))


def is_date_part(text: str, start: int, end: int, value: float, floor: int, lex: Lexicon) -> bool:
    """True for a day of the month next to a month name ("January 29", "29 Jan.")."""
    if value != int(value) or not 1 <= value <= 31:
        return False
    before = _previous_word(text, start, floor).rstrip(".")
    if before in lex.months:
        return True
    match = _MONTH_AFTER.match(text, end)
    return bool(match and match.group(1).lower() in lex.months)


def is_time(text: str, end: int) -> bool:
    """True for clock times written with a suffix ("3 pm", "10 o'clock", "0900 GMT")."""
    return _TIME_AFTER.match(text, end) is not None


def is_age(text: str, start: int, end: int, value: float, floor: int) -> bool:
    """True for ages: "aged 25", "a 25-year-old", "John Smith, 47, said"."""
    if _AGE_AFTER.match(text, end) or _AGE_BEFORE.search(text, max(floor, start - 30), start):
        return True
    return (
        value < 120
        and text[end : end + 1] == ","
        and _NAME_COMMA.search(text, max(floor, start - 40), start) is not None
    )


def age_suffix(text: str, end: int) -> re.Match[str] | None:
    """The "-year-old" written after a number ("a 50-year-old man", "30 years old"), whose
    group `unit` names the age unit. Such a number is an age: recorded as kind "age",
    never as a count of people."""
    if (
        text[end : end + 1] not in ("-", " ", "\u00a0")
        or text[end + 1 : end + 2] not in _AGE_UNIT_FIRST
    ):
        return None  # cheap pre-check before the regex
    return _AGE_AFTER.match(text, end)


def is_identifier(text: str, start: int, end: int, floor: int, lex: Lexicon) -> bool:
    """True for model, route, section or version numbers ("Windows 10", "Section 427").

    Besides the listed cue words, a digit number right after a capitalised word in the
    middle of a sentence is a name part ("Boeing 737", "Big 12"), not a count.
    """
    if _GLUED_AFTER.match(text, end):
        return True
    words = words_before(text, start, floor)
    if not words:
        return False
    word = words[-1]
    if word.lower() in lex.identifier_before or " ".join(words).lower() in lex.identifier_before:
        return True
    if start - 40 <= floor and len(text[floor:start].split()) <= 1:
        return False  # sentence-initial capital: just the start of the sentence
    if not any(ch.isupper() for ch in word):
        return False
    return word.lower() not in lex.stop_words and word.lower() not in lex.qualifier_lookup


def is_list_number(text: str, start: int, end: int) -> bool:
    """True for list numbering at the start of a line ("1. Gather the evidence")."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and _LIST_ITEM_AFTER.match(text, end) is not None


def is_score(text: str, start: int, end: int, floor: int, lex: Lexicon) -> bool:
    """True for results like "won 3-1" or "a 2-0 victory" (two small numbers and a cue)."""
    if not _SCORE_LINK.match(text, end):
        return False
    window = text[max(floor, start - 40) : min(len(text), end + 40)].lower()
    words = set(_SCORE_WORD.findall(window))
    return bool(words & lex.score_words)
