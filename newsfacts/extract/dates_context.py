"""What every date normaliser shares: the `Found` result and the `Context` it reads.

A normaliser sees its match's groups and span and this context (text, publication date,
current sentence, dates found so far); it never sees other normalisers, so rules stay
independent and the driver (`dates.py`) alone decides the order they run in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsfacts.extract.dates_calendar import PRECISION_RANK, Point
from newsfacts.extract.dates_tense import tense_near

Groups = dict[str, str | None]

# The word just before / just after a position, for the normalisers' context checks.
# (a word character is a letter, a digit or "_", as in the regex class \w).
_PREV_WORD_CHARS = frozenset("_'$#%.,-")
NEXT_WORD = re.compile(r"\s*([\w%]+)")


@dataclass(slots=True)  # not frozen: built per candidate (see records.py)
class Found:
    """A normalised mention before it gets its sentence index and surface."""

    kind: str
    value: str | None
    precision: str | None
    start: date | None
    end: date | None
    anchor: str
    span: tuple[int, int] | None = None  # overrides the match span (split matches)


@dataclass(slots=True)
class Context:
    """What a normaliser may look at besides its own match."""

    text: str
    published: date | None
    sentence_start: int = 0
    sentence_end: int = 0
    history: list[Found] = field(default_factory=list)
    # Every mention with its position, comparisons and durations included ("the quarter",
    # "the nine months").
    mentioned: list[tuple[int, Found]] = field(default_factory=list)

    def tense(self, position: int) -> int:
        return tense_near(self.text, self.sentence_start, self.sentence_end, position)

    def previous_word(self, position: int) -> str:
        """The word (letters, digits and `_PREV_WORD_CHARS`) ending at `position`, spaces
        between skipped, lower-cased; looked for in the 40 characters before only.

        Read backwards: a regex search for "the last word before the end" starts a try at
        every character of the window, several times the cost of this walk.
        """
        segment = self.text[max(0, position - 40) : position].rstrip()
        start = len(segment)
        while start and (segment[start - 1].isalnum() or segment[start - 1] in _PREV_WORD_CHARS):
            start -= 1
        return segment[start:].lower()

    def next_word(self, position: int) -> str:
        match = NEXT_WORD.match(self.text, position, position + 40)
        return match.group(1).lower() if match else ""

    def quarter_in_sentence(self) -> Found | None:
        """The last quarter mentioned earlier in the current sentence, of any rule: "in
        the quarter, compared with $3 million a year ago" compares quarters."""
        for position, found in reversed(self.mentioned):
            if position < self.sentence_start:
                return None
            if found.precision == "quarter":
                return found
        return None

    def previous_in_sentence(self) -> Found | None:
        """The mention just before this one in the current sentence, of any kind: the
        period a comparison ("up from $4 million a year earlier") is about."""
        if self.mentioned and self.mentioned[-1][0] >= self.sentence_start:
            return self.mentioned[-1][1]
        return None

    def reference(self, max_rank: int) -> Found | None:
        """The last resolved date at least as fine as `max_rank` (anaphora's antecedent)."""
        for found in reversed(self.history):
            if (
                found.start is not None
                and PRECISION_RANK.get(found.precision or "", 99) <= max_rank
            ):
                return found
        return None


def make_date(p: Point, precision: str, anchor: str, kind: str = "date") -> Found:
    """A resolved date or time from a calendar point."""
    return Found(kind, p.value, precision, p.start, p.end, anchor)


def unresolved(precision: str | None, kind: str = "date", value: str | None = None) -> Found:
    """A mention whose value cannot be computed (no anchor): never guessed."""
    return Found(kind, value, precision, None, None, "unresolved")


def without_article(found: Found | None, s: int, e: int, ctx: Context) -> Found | None:
    """Drop "the" before an adjectival form ("the [third-quarter] profit", "the [two-year]
    deal"): TimeML tags the modifier, not the noun phrase it sits in."""
    if found is None or ctx.text[s : s + 4].lower() != "the ":
        return found
    span = (s + 4, e)
    return Found(
        found.kind, found.value, found.precision, found.start, found.end, found.anchor, span
    )
