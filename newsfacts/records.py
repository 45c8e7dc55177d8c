"""The records every stage shares.

Extractors return mention records that know only their place in the text; the pipeline
adds the article id and a stable mention id when it turns them into table rows. Keeping
these free of ids keeps extraction pure and testable on bare strings.

Sentences and mentions are plain (not frozen) slotted dataclasses: extraction builds about
fifty per article, and a frozen dataclass's `__init__` (one `object.__setattr__` call per
field) costs ten times a plain one: 2.5 against 0.26 microseconds for a 14-field record,
3-4% of extraction time. Nothing changes a mention once its extractor has returned it; a
stage that needs another value builds a new record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(slots=True)
class Sentence:
    """A sentence as a half-open character span of the article text."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a source, before extraction.

    `text` is exactly what was read (after decoding and newline normalisation): every
    offset in every fact table indexes into it.
    """

    article_id: str
    text: str
    source_uri: str
    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    published_from: str | None = None  # "metadata" | "dateline" | "cli" | None
    dateline_place: str | None = None


@dataclass(slots=True)
class DateMention:
    """A temporal expression with its TimeML value and the calendar range it covers.

    kind: date | time | duration | set (TIMEX3 types, lower case).
    precision: century | decade | year | half | quarter | season | month | week | day | time,
      or None for durations and sets.
    anchor: absolute | publication | previous_mention | unresolved.
    """

    sentence: int
    char_start: int
    char_end: int
    surface: str
    kind: str
    value: str | None
    precision: str | None
    start_date: date | None
    end_date: date | None
    anchor: str
    rule: str


@dataclass(slots=True)
class CountMention:
    """A number with what it counts.

    kind: count | fraction | percent | money | length | area | mass | volume | speed |
      temperature | duration | ...
    qualifier: exact | more_than | at_least | about | up_to | less_than | at_most | range |
      vague
    value_low <= value <= value_high whenever they are set. `si_value`/`si_unit` hold the
    measurement converted to SI (metres, kilograms, ...) for measurements.
    """

    sentence: int
    char_start: int
    char_end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    qualifier: str
    unit: str | None
    kind: str
    counted: str | None
    category: str | None
    rule: str
    si_value: float | None = None
    si_unit: str | None = None
    direction: str | None = None  # "up" | "down" for changes ("rose 7%", "fell by 3 points")


@dataclass(slots=True)
class PlaceMention:
    """A place name with its resolution.

    feature: country | admin1 | city | road | region | continent | water | other.
    `resolution` says how it was resolved (e.g. "exact", "fuzzy", "context:country",
    "unresolved:road") so the warehouse can answer "why this place?".
    """

    sentence: int
    char_start: int
    char_end: int
    surface: str
    name: str
    feature: str
    geonameid: int | None
    country_code: str | None
    admin1_code: str | None
    latitude: float | None
    longitude: float | None
    demonym: bool
    confidence: float
    resolution: str


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """An input that could not become an article, kept so it can be reported in `rejects`.

    check: short machine-readable reason ("empty", "binary", "encoding", "json", ...).
    fatal: False for a warning about an input that still loaded (unknown fields, a
      repeated source id): reported in `rejects`, not counted as a rejected input.
    """

    source_uri: str
    check: str
    reason: str
    line: int | None = None
    payload: str | None = None
    fatal: bool = True
