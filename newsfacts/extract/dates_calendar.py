"""Calendar arithmetic for the date tagger: TIMEX3 values and the ranges they cover.

Every resolved point is kept as (precision, a day inside it): the TIMEX3 value and the
inclusive calendar range are both derived from that pair by `point`, so shifting "a year
earlier" or "the following month" is one date shift followed by `point` again, and value
and range can never disagree.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import NamedTuple

# Coarseness order: a reference date is "fitting" for an anaphor when it is at least as fine.
PRECISION_RANK: dict[str, int] = {
    "time": 0,
    "day": 1,
    "week": 2,
    "month": 3,
    "season": 4,
    "quarter": 5,
    "half": 6,
    "year": 7,
    "decade": 8,
    "century": 9,
}

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_MONTH = {
    1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU",
    7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA", 12: "WI",
}  # fmt: skip


class Point(NamedTuple):
    """A resolved calendar point: its TIMEX3 value and inclusive date range."""

    value: str
    start: date
    end: date


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """Shift by whole months, clamping the day to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: date, unit: str, amount: int) -> date:
    """Move `day` by `amount` units (day, week, month, quarter, half, year, decade, century)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(days=7 * amount)
    months = {
        "month": 1, "season": 12, "quarter": 3, "half": 6, "year": 12, "decade": 120,
        "century": 1200,
    }[unit]  # fmt: skip
    return add_months(day, months * amount)


def season_code(day: date) -> tuple[int, str]:
    """(year, code) of the meteorological season holding `day`; winter takes December's year."""
    code = _SEASON_OF_MONTH[day.month]
    year = day.year - 1 if day.month < 3 else day.year
    return year, code


def season_point(year: int, code: str) -> Point:
    """A season as TIMEX3 `YYYY-SS` with its meteorological (northern) range."""
    first = date(year, _SEASON_START[code], 1)
    last = add_months(first, 2)
    return Point(f"{year:04d}-{code}", first, month_end(last.year, last.month))


def point(precision: str, day: date) -> Point:
    """The TIMEX3 value and range of the `precision`-sized unit that holds `day`."""
    y, m = day.year, day.month
    if precision == "day":
        return Point(day.isoformat(), day, day)
    if precision == "week":
        iso_year, week, weekday = day.isocalendar()
        first = day - timedelta(days=weekday - 1)
        return Point(f"{iso_year:04d}-W{week:02d}", first, first + timedelta(days=6))
    if precision == "weekend":
        iso_year, week, weekday = day.isocalendar()
        saturday = day + timedelta(days=6 - weekday)
        return Point(f"{iso_year:04d}-W{week:02d}-WE", saturday, saturday + timedelta(days=1))
    if precision == "month":
        return Point(f"{y:04d}-{m:02d}", date(y, m, 1), month_end(y, m))
    if precision == "season":
        return season_point(*season_code(day))
    if precision == "quarter":
        q = (m - 1) // 3 + 1
        return Point(f"{y:04d}-Q{q}", date(y, 3 * q - 2, 1), month_end(y, 3 * q))
    if precision == "half":
        h = 1 if m <= 6 else 2
        return Point(f"{y:04d}-H{h}", date(y, 6 * h - 5, 1), month_end(y, 6 * h))
    if precision == "year":
        return Point(f"{y:04d}", date(y, 1, 1), date(y, 12, 31))
    if precision == "decade":
        # "199X", the form issue 3 asks for. TempEval-3 data mostly write "199" (8 of the 12
        # decades of the dev gold), so decades never match there: a known, accepted cost.
        d = y - y % 10
        return Point(f"{d // 10:03d}X", date(d, 1, 1), date(d + 9, 12, 31))
    if precision == "century":
        c = y - y % 100
        return Point(f"{c // 100:02d}", date(max(c, 1), 1, 1), date(c + 99, 12, 31))
    raise ValueError(f"unknown precision {precision!r}")


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday(rule: str, year: int) -> date:
    """The date of a holiday rule from the lexicon ("12-25", "easter-2", "thanksgiving",
    "election")."""
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:] or 0))
    if rule == "thanksgiving":  # fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if rule == "election":  # US: the Tuesday after the first Monday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    month, day = rule.split("-")
    return date(year, int(month), int(day))


def weekday_near(anchor: date, iso_weekday: int, direction: int, strict: bool = False) -> date:
    """The `iso_weekday` nearest `anchor` going back (-1) or forward (+1).

    Non-strict: the anchor itself counts ("on Wednesday" written on a Wednesday is that
    day); strict: it does not ("last Wednesday" written on a Wednesday is a week ago).
    """
    if direction < 0:
        delta = (anchor.isoweekday() - iso_weekday) % 7
        if strict and delta == 0:
            delta = 7
        return anchor - timedelta(days=delta)
    delta = (iso_weekday - anchor.isoweekday()) % 7
    if strict and delta == 0:
        delta = 7
    return anchor + timedelta(days=delta)


# For fractional amounts: the next smaller unit and how many of it make one ("2 1/2
# years" = P2Y6M, "5 1/2 hours" = PT5H30M).
_SMALLER = {"Y": ("M", 12), "H": ("TM", 60), "TM": ("S", 60), "D": ("H", 24), "W": ("D", 7)}


def duration_value(amount: float | None, unit_letter: str) -> str:
    """TIMEX3 duration: P3Y, P10Y, PT24H, PXM (amount None = unspecified)."""
    time_part = unit_letter in ("H", "S") or unit_letter == "TM"
    letter = "M" if unit_letter == "TM" else unit_letter
    # Decades and centuries are counted in years, an unknown number of them too ("four
    # decades" P40Y, "decades-long" PXY), as the TimeML data writes them.
    factor = {"W2": 2, "DE": 10, "CE": 100}.get(unit_letter)
    if factor is not None:
        letter = "W" if unit_letter == "W2" else "Y"
        amount = None if amount is None else amount * factor
    key = unit_letter if unit_letter in _SMALLER else letter  # minutes "TM", not months
    if amount is not None and not float(amount).is_integer() and key in _SMALLER:
        smaller, factor_down = _SMALLER[key]
        whole, rest = int(amount), round((amount - int(amount)) * factor_down)
        if whole == 0:
            return duration_value(rest, smaller)
        head = duration_value(whole, unit_letter)
        tail = duration_value(rest, smaller)
        joiner = tail[2:] if tail.startswith("PT") and "T" in head else tail[1:]
        return head + joiner
    if amount is None:
        number = "X"
    elif float(amount).is_integer():
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    return f"PT{number}{letter}" if time_part else f"P{number}{letter}"
