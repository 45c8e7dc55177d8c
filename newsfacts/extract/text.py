"""Sentences and spans.

Facts carry a sentence index, so sentence boundaries must be cheap, deterministic and
never move characters: a sentence is only a (start, end) pair over the unchanged text.
"""

from __future__ import annotations

import re

from newsfacts.extract.resources import word_list
from newsfacts.records import Sentence

# A candidate boundary: terminal punctuation (optionally closed by quotes/brackets),
# then whitespace; or a line break. Whether it really ends a sentence is decided below.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")
_WORD_BEFORE_STOP = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at `stop` closes a known abbreviation or an initial."""
    window = text[max(0, stop - 12) : stop + 1]
    match = _WORD_BEFORE_STOP.search(window)
    if not match:
        return False
    word = match.group(1).lower()
    if word in word_list("abbreviations.txt"):
        return True
    # Single capital initials ("J. Smith") but not a one-letter word at the end of a clause.
    return len(word) == 1 and match.group(1).isupper()


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences without altering it.

    A line break always ends a sentence (news text keeps one paragraph per line); a
    full stop ends one unless it closes an abbreviation or the next word starts in
    lower case.
    """
    sentences: list[Sentence] = []
    start = 0
    length = len(text)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n":
            nxt = end
            while nxt < length and text[nxt] in " \t":
                nxt += 1
            if nxt < length and text[nxt] != "\n":
                if text[nxt].islower():
                    continue
                if match.group() == "." and _is_abbreviation(text, match.start()):
                    continue
        _append(text, start, end, sentences)
        start = end
    _append(text, start, length, sentences)
    return sentences


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Add the span trimmed of surrounding whitespace, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(index=len(out), start=start, end=end))


def sentence_at(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence holding `offset` (the nearest preceding one between sentences)."""
    lo, hi = 0, len(sentences) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return sentences[best].index if sentences else 0
