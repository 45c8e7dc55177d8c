"""The registry of date normalisers: rule name (as in dates_patterns.yaml) -> function.

Calendar expressions live in `dates_rules_calendar.py`, relative and anaphoric ones,
durations and sets in `dates_rules_relative.py`, clock times in `dates_rules_time.py`;
all share `dates_context.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from newsfacts.extract import dates_rules_calendar as calendar
from newsfacts.extract import dates_rules_relative as relative
from newsfacts.extract import dates_rules_time as time
from newsfacts.extract.dates_context import Context, Found, Groups

Normaliser = Callable[[Groups, int, int, Context], "Found | list[Found] | None"]

NORMALISERS: dict[str, Normaliser] = {
    "clock_time": time.clock_time,
    "month_day_year": calendar.month_day_year,
    "day_month_year": calendar.day_month_year,
    "iso_date": calendar.iso_date,
    "numeric_date": calendar.numeric_date,
    "month_day": calendar.month_day,
    "day_month": calendar.day_month,
    "month_year": calendar.month_year,
    "fiscal_year": calendar.fiscal_year,
    "year_span": calendar.year_span,
    "quarter": calendar.quarter,
    "quarter_code": calendar.quarter_code,
    "quarter_anaphoric": calendar.quarter_anaphoric,
    "half_year": calendar.half_year,
    "season": calendar.season,
    "spoken_year": calendar.spoken_year,
    "decade": calendar.decade,
    "century": calendar.century,
    "ago": relative.ago,
    "anaphoric_shift": relative.anaphoric_shift,
    "year_adjective": relative.year_adjective,
    "anaphoric_unit": relative.anaphoric_unit,
    "part_of_unit": relative.part_of_unit,
    "relative_unit": relative.relative_unit,
    "the_unit": relative.the_unit,
    "weekend": relative.weekend,
    "deictic_day": relative.deictic_day,
    "part_of_day": time.part_of_day,
    "weekday": relative.weekday,
    "month_alone": calendar.month_alone,
    "vague_duration": relative.vague_duration,
    "holiday": calendar.holiday,
    "reference": relative.reference,
    "set": relative.set_rule,
    "duration": relative.duration,
    "short_year": calendar.short_year,
    "year": calendar.year,
}

__all__ = ["NORMALISERS", "Context", "Found", "Normaliser"]
