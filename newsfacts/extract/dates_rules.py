"""Normalisers: one function per pattern rule, turning a match into TIMEX3 values.

Each normaliser gets the rule's named groups, the match span and a `Context` (text,
publication date, the sentence, the dates found so far) and returns zero, one or more
`Found` results. Returning nothing rejects the match (e.g. "May" the name, "2000 people").
Relative expressions resolve against the publication date and stay unresolved without
one; anaphoric ones ("the following year") resolve against the last date mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsfacts.extract.dates_calendar import (
    PRECISION_RANK,
    Point,
    add_months,
    duration_value,
    point,
    season_code,
    season_point,
    shift,
    weekday_near,
)
from newsfacts.extract.dates_calendar import (
    holiday as holiday_date,
)
from newsfacts.extract.dates_lexicon import lexicon
from newsfacts.extract.dates_tense import FUTURE, PAST, UNKNOWN, tense_near

Groups = dict[str, str | None]

_PREV_WORD = re.compile(r"([\w'$#%.,-]+)\s*$")
_NEXT_WORD = re.compile(r"\s*([\w%]+)")
_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your", "whose"})
_SUFFIX = re.compile(r"(?:st|nd|rd|th)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
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

    def tense(self, position: int) -> int:
        return tense_near(self.text, self.sentence_start, self.sentence_end, position)

    def previous_word(self, position: int) -> str:
        match = _PREV_WORD.search(self.text, max(0, position - 40), position)
        return match.group(1).lower() if match else ""

    def next_word(self, position: int) -> str:
        match = _NEXT_WORD.match(self.text, position, position + 40)
        return match.group(1).lower() if match else ""

    def reference(self, max_rank: int) -> Found | None:
        """The last resolved date at least as fine as `max_rank` (anaphora's antecedent)."""
        for found in reversed(self.history):
            if (
                found.start is not None
                and PRECISION_RANK.get(found.precision or "", 99) <= max_rank
            ):
                return found
        return None


def _date(p: Point, precision: str, anchor: str, kind: str = "date") -> Found:
    """A resolved date or time from a calendar point."""
    return Found(kind, p.value, precision, p.start, p.end, anchor)


def _unresolved(precision: str | None, kind: str = "date", value: str | None = None) -> Found:
    """A mention whose value cannot be computed (no anchor): never guessed."""
    return Found(kind, value, precision, None, None, "unresolved")


def _int(text: str | None) -> int:
    """A day number without its ordinal suffix ("1st" -> 1)."""
    return int(_SUFFIX.sub("", (text or "").strip()))


def _month(name: str | None) -> int:
    """Month number of a spelling, ignoring a trailing stop ("Sept." -> 9)."""
    return lexicon().months[re.sub(r"[\s.]", "", name or "").lower()]


def _number(text: str | None) -> float | None:
    """A quantity written in digits or words; None when it is not a number we know."""
    if text is None:
        return None
    word = re.sub(r"\s+", " ", text.strip().lower())
    if word.replace(".", "", 1).isdigit():
        return float(word)
    numbers = lexicon().numbers
    if word in numbers:
        return numbers[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return numbers[parts[0]] + numbers[parts[1]]
    return None


def _unit(text: str | None) -> tuple[str, str, str]:
    """(unit name, TIMEX3 letter, point precision) for "years", "day", "centuries"..."""
    word = (text or "").lower()
    units = lexicon().units
    if word not in units and word.endswith("s"):
        word = word[:-1]
    letter, precision = units[word]
    name = {"centurie": "century", "fortnight": "week"}.get(word, word)
    return name, letter, precision


def _safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (a rejected match, not a crash)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for_month(ctx: Context, month: int, day: int | None, position: int) -> int:
    """The year of a month (and day) written without one, from publication date and tense.

    The publication year unless that puts the date well (two months or more) on the wrong
    side of the publication date for the tense: "were held in November" written in
    January is last November, "is due in March" written in December is next March.
    """
    pub = ctx.published
    assert pub is not None
    tense = ctx.tense(position)
    months_ahead = (month - pub.month) + ((day or 15) - pub.day) / 31
    if tense == PAST and months_ahead >= 2:
        return pub.year - 1
    if tense == FUTURE and months_ahead <= -2:
        return pub.year + 1
    if tense == UNKNOWN and abs(months_ahead) > 6:
        return pub.year - 1 if months_ahead > 0 else pub.year + 1
    return pub.year


def _day_month(groups: Groups, ctx: Context, position: int, year: int | None) -> Found | None:
    """A day of a month, with the year given, or taken from publication date and tense."""
    month, day = _month(groups["month"]), _int(groups["day"])
    if year is not None:
        found = _safe_date(year, month, day)
        return _date(point("day", found), "day", "absolute") if found else None
    if _safe_date(2000, month, day) is None:
        return None
    if ctx.published is None:
        return _unresolved("day", value=f"XXXX-{month:02d}-{day:02d}")
    found = _safe_date(_year_for_month(ctx, month, day, position), month, day)
    return _date(point("day", found), "day", "publication") if found else None


def month_day_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Fully specified dates ("Jan. 25, 2013", "25 January 2005"): absolute."""
    return _day_month(g, ctx, s, int(g["year"] or 0))


day_month_year = month_day_year


def iso_date(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ISO 8601 dates ("2020-01-29"): absolute."""
    found = _safe_date(int(g["year"] or 0), int(g["month"] or 0), int(g["day"] or 0))
    return _date(point("day", found), "day", "absolute") if found else None


def numeric_date(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """29/01/2020 or 01/29/2020: unambiguous when a part exceeds 12, else the lexicon policy."""
    a, b, raw_year = int(g["a"] or 0), int(g["b"] or 0), g["year"] or ""
    year = int(raw_year) if len(raw_year) == 4 else 2000 + int(raw_year)
    if len(raw_year) == 2 and year > (ctx.published.year if ctx.published else 2050):
        year -= 100
    if a > 12 or (b <= 12 and lexicon().numeric_order == "dmy"):
        day, month = a, b
    else:
        day, month = b, a
    found = _safe_date(year, month, day)
    return _date(point("day", found), "day", "absolute") if found else None


def month_day(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "March 22", "last Oct. 23": the year from the publication date."""
    rel = (g.get("rel") or "").lower()
    pub = ctx.published
    if not rel or pub is None:
        return _day_month(g, ctx, s, None)
    month, day = _month(g["month"]), _int(g["day"])
    here_after = (month, day) > (pub.month, pub.day)
    if rel == "last":
        year = pub.year - 1 if here_after or (month, day) == (pub.month, pub.day) else pub.year
    elif rel == "this":
        year = pub.year
    else:
        year = pub.year if here_after else pub.year + 1
    found = _safe_date(year, month, day)
    return _date(point("day", found), "day", "publication") if found else None


def day_month(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """A day and month without year ("5 February"): year from the publication date."""
    return _day_month(g, ctx, s, None)


def month_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "January 2005", "June last year"."""
    if g["year"]:
        day = date(int(g["year"]), _month(g["month"]), 1)
        return _date(point("month", day), "month", "absolute")
    # "June last year": TempEval data tags "June" alone, with the year the rest gives.
    split = ctx.text.lower().rfind((g["yrel"] or "").lower(), s, e)
    month_end = s + len(ctx.text[s:split].rstrip(" \t,"))
    year = _relative_year(g["yrel"], ctx.published)
    if year is None:
        return Found("date", None, "month", None, None, "unresolved", (s, month_end))
    month = point("month", date(year, _month(g["month"]), 1))
    return Found(
        "date", month.value, "month", month.start, month.end, "publication", (s, month_end)
    )


def _full_year(raw: str, base: int) -> int:
    """Expand a two-digit year next to a four-digit one ("2006-07" -> 2007)."""
    if len(raw) == 4:
        return int(raw)
    full = base - base % 100 + int(raw)
    return full + 100 if full < base else full


def fiscal_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "fiscal 1989", "FY2006": the year; the fiscal calendar itself is unknown."""
    raw = g["year"] or ""
    year = int(raw) if len(raw) == 4 else _full_year(raw, 2000)
    return _date(point("year", date(year, 1, 1)), "year", "absolute")


def year_span(g: Groups, s: int, e: int, ctx: Context) -> list[Found]:
    """ "2006-07" is one fiscal or season year; "2012-2014" is two years."""
    first = int(g["year"] or 0)
    raw = g["year2"] or ""
    second = _full_year(raw, first)
    if second <= first:
        return []
    if len(raw) == 2 and second == first + 1:
        return [
            Found("date", str(first), "year", date(first, 1, 1), date(second, 12, 31), "absolute")
        ]
    one = _date(point("year", date(first, 1, 1)), "year", "absolute")
    two = _date(point("year", date(second, 1, 1)), "year", "absolute")
    return [
        Found(one.kind, one.value, one.precision, one.start, one.end, one.anchor, (s, s + 4)),
        Found(
            two.kind, two.value, two.precision, two.start, two.end, two.anchor, (e - len(raw), e)
        ),
    ]


def _relative_year(word: str | None, pub: date | None) -> int | None:
    """The year meant by "last/this/next year" (None without publication date)."""
    if word is None or pub is None:
        return None
    return pub.year + {"last": -1, "next": 1}.get(word.lower(), 0)


def _period_of_year(
    precision: str,
    index: int,
    months: int,
    year: int | None,
    rel: str | None,
    ctx: Context,
    position: int,
) -> Found | None:
    """A quarter or half ("the third quarter"): explicit year, else publication and tense."""
    if year is not None:
        return _date(
            point(precision, date(year, (index - 1) * months + 1, 1)), precision, "absolute"
        )
    pub = ctx.published
    letter = "Q" if precision == "quarter" else "H"
    if pub is None:
        return _unresolved(precision, value=f"XXXX-{letter}{index}")
    current = (pub.month - 1) // months + 1
    rel = (rel or "").lower()
    if rel in ("year-ago", "year-earlier"):
        found = _period_of_year(precision, index, months, None, None, ctx, position)
        if found is None or found.start is None:
            return found
        return _date(point(precision, add_months(found.start, -12)), precision, "publication")
    if rel in ("last", "previous", "past"):
        year = pub.year if index < current else pub.year - 1
    elif rel in ("next", "coming"):
        year = pub.year if index > current else pub.year + 1
    elif rel in ("this", "current") or index <= current:
        year = pub.year
    else:
        year = pub.year if ctx.tense(position) == FUTURE else pub.year - 1
    return _date(
        point(precision, date(year, (index - 1) * months + 1, 1)), precision, "publication"
    )


def quarter(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Quarters by ordinal ("the third quarter of 2004", "third-quarter")."""
    index = lexicon().ordinals.get((g["ord"] or "").lower(), 0)
    if not 1 <= index <= 4:
        return None
    year = g["year0"] or g["year"]
    explicit = int(year) if year else _relative_year(g["yrel"], ctx.published)
    found = _period_of_year("quarter", index, 3, explicit, g["rel"], ctx, s)
    if found and not year and g["yrel"] and found.anchor == "absolute":
        found = Found(
            found.kind, found.value, found.precision, found.start, found.end, "publication"
        )
    adjectival = "-quarter" in ctx.text[s:e].lower()
    return _without_article(found, s, e, ctx) if adjectival else found


def _without_article(found: Found | None, s: int, e: int, ctx: Context) -> Found | None:
    """Drop "the" before an adjectival form ("the [third-quarter] profit", "the [two-year]
    deal"): TimeML tags the modifier, not the noun phrase it sits in."""
    if found is None or ctx.text[s : s + 4].lower() != "the ":
        return found
    span = (s + 4, e)
    return Found(
        found.kind, found.value, found.precision, found.start, found.end, found.anchor, span
    )


def quarter_code(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Quarter codes ("Q3 2004", "Q3")."""
    year = int(g["year"]) if g["year"] else None
    return _period_of_year("quarter", int(g["q"] or 0), 3, year, None, ctx, s)


def quarter_anaphoric(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the quarter", "the year-ago quarter": the last quarter mentioned, else the last one."""
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    if g["period"] and not rel:
        return None
    ref = ctx.reference(PRECISION_RANK["quarter"])
    if ref is not None and ref.precision != "quarter":
        ref = None
    if ref is not None and ref.start is not None:
        base, anchor = ref.start, "previous_mention"
    elif ctx.published is not None:
        base, anchor = ctx.published, "publication"
        if rel not in ("current",):
            base = add_months(base, -3)
    else:
        return _unresolved("quarter")
    if rel == "current" and ctx.published is not None:
        base, anchor = ctx.published, "publication"
    if rel in ("year-ago", "year-earlier", "comparable"):
        base = add_months(base, -12)
    elif rel in ("previous", "prior"):
        base = add_months(base, -3)
    return _date(point("quarter", base), "quarter", anchor)


def half_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Half years with a year ("the first half of 2011"); without one they are games."""
    index = 1 if (g["ord"] or "").lower() == "first" else 2
    year = int(g["year"]) if g["year"] else _relative_year(g["yrel"], ctx.published)
    if year is None:
        return _unresolved("half")
    anchor = "absolute" if g["year"] else "publication"
    found = point("half", date(year, 6 * index - 5, 1))
    return _date(found, "half", anchor)


def season(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Seasons with a year or a determiner ("summer 2004", "last winter")."""
    code = lexicon().seasons[(g["season"] or "").lower()]
    rel = (g["rel"] or "").lower()
    if g["year"]:
        return _date(season_point(int(g["year"]), code), "season", "absolute")
    if not rel and not g["mod"]:
        return None
    if rel == "the" and ctx.next_word(e) == "of":
        return None
    pub = ctx.published
    if pub is None:
        return _unresolved("season", value=f"XXXX-{code}")
    year, current = season_code(pub)
    if current == code and rel not in ("last", "past", "next", "coming"):
        return _date(season_point(year, code), "season", "publication")
    if rel == "this":
        return _date(season_point(pub.year, code), "season", "publication")
    direction = 1 if rel in ("next", "coming") else -1
    if rel in ("this", "the", "") and ctx.tense(s) == FUTURE:
        direction = 1
    probe = pub
    for _ in range(5):
        probe = add_months(probe, 3 * direction)
        year, found_code = season_code(probe)
        if found_code == code:
            return _date(season_point(year, code), "season", "publication")
    return None


def decade(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Decades ("the 1990s", "the '80s", "the nineties") as TIMEX3 "199X"."""
    pub_year = ctx.published.year if ctx.published else None
    if g["dec"]:
        start = int(g["dec"])
    elif g["dec2"]:
        two = int(g["dec2"])
        start = 2000 + two if pub_year and 2000 + two <= pub_year and two <= 20 else 1900 + two
    else:
        if ctx.previous_word(s) in _POSSESSIVES or not (
            g["cent"] or ctx.text[s:e].lower().startswith("the")
        ):
            return None
        start = 1900 + 10 * lexicon().decade_words[(g["word"] or "").lower()]
    return _date(point("decade", date(start, 1, 1)), "decade", "absolute")


def century(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Centuries ("the 12th century") as TIMEX3 "11" (the hundreds digits)."""
    word = (g["ord"] or "").lower()
    number = lexicon().ordinals.get(word) or (
        int(_SUFFIX.sub("", word)) if word[0].isdigit() else 0
    )
    if not 1 <= number <= 21:
        return None
    return _date(point("century", date(max(1, (number - 1) * 100), 1, 1)), "century", "absolute")


def _reference_value(value: str, ctx: Context) -> Found:
    """PRESENT_REF / PAST_REF / FUTURE_REF: no calendar range by nature."""
    anchor = "publication" if ctx.published is not None else "unresolved"
    return Found("date", value, None, None, None, anchor)


def ago(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "two days ago": publication date minus the amount, at the unit's precision."""
    if g["vague"]:
        return _reference_value("PAST_REF", ctx)
    amount = _number(g["num"])
    name, _, precision = _unit(g["unit"])
    if amount is None or not float(amount).is_integer():
        return None
    if ctx.published is None:
        return _unresolved(precision if precision != "time" else "day")
    last = ctx.history[-1] if ctx.history else None
    if name == "year" and amount == 1 and last is not None and last.precision == "quarter":
        assert last.start is not None
        return _date(point("quarter", add_months(last.start, -12)), "quarter", "previous_mention")
    if precision in ("time", "decade", "century"):
        precision = "day" if precision == "time" else "year"
    unit = "day" if name in ("hour", "minute", "second") else name
    amount_int = int(amount) if name not in ("hour", "minute", "second") else 0
    found = shift(ctx.published, unit, -amount_int)
    return _date(point(precision, found), precision, "publication")


def _shifted(amount: int, name: str, unit_precision: str, ctx: Context) -> Found | None:
    """Shift the last fitting mention (or the publication date) by `amount` units."""
    if unit_precision == "time":
        return None
    if unit_precision in ("decade", "century"):
        unit_precision = "year"
    ref = ctx.reference(PRECISION_RANK[unit_precision])
    if ref is not None and ref.start is not None and ref.precision is not None:
        keep = ref.precision in ("quarter", "half", "season", "month") or unit_precision in (
            "day",
            "week",
        )
        precision = ref.precision if keep and ref.precision != "time" else unit_precision
        if ref.precision == "time":
            precision = "day"
        return _date(
            point(precision, shift(ref.start, name, amount)), precision, "previous_mention"
        )
    if ctx.published is None:
        return _unresolved(unit_precision)
    return _date(
        point(unit_precision, shift(ctx.published, name, amount)), unit_precision, "publication"
    )


def anaphoric_shift(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "a year later", "two days earlier": relative to the last date mentioned."""
    name, _, precision = _unit(g["unit"])
    amount = _number(g["num"])
    if g["vague"] or amount is None or not float(amount).is_integer():
        return _unresolved(precision)
    sign = 1 if (g["dir"] or "").lower() in ("later", "on") else -1
    return _shifted(sign * int(amount), name, precision, ctx)


def year_adjective(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "year-earlier", "year-ago": one year before the story's point in time."""
    return _shifted(-1, "year", "year", ctx)


_UNIT_PRECISION = {
    "day": "day", "week": "week", "weekend": "weekend", "month": "month", "year": "year",
    "decade": "decade", "century": "century", "quarter": "quarter",
}  # fmt: skip


def _day_part(day: date, part: str | None, anchor: str) -> Found:
    """A day, or a part of it ("2020-01-29TNI") when a part of the day is named."""
    if not part:
        return _date(point("day", day), "day", anchor)
    code = lexicon().day_parts[part.lower()]
    return Found("time", f"{day.isoformat()}T{code}", "time", day, day, anchor)


def anaphoric_unit(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the following year", "that day": the last mention of fitting precision, moved."""
    unit = (g["unit"] or "").lower()
    rel = (g["rel"] or "").lower()
    step = {
        "following": 1,
        "next": 1,
        "subsequent": 1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
    }
    amount = step.get(rel, 0)
    part = unit if unit in lexicon().day_parts else None
    precision = "day" if part else _UNIT_PRECISION[unit]
    ref = ctx.reference(PRECISION_RANK["week" if precision == "weekend" else precision])
    if ref is not None and ref.start is not None:
        base, anchor = ref.start, "previous_mention"
    elif ctx.published is not None:
        base, anchor = ctx.published, "publication"
    else:
        return _unresolved(precision if not part else "time", "time" if part else "date")
    moved = shift(base, "day" if part else precision, amount)
    if part:
        return _day_part(moved, part, anchor)
    return _date(point(precision, moved), precision, anchor)


def part_of_unit(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the end of the year": the publication's year (month, ...) as a whole."""
    precision = _UNIT_PRECISION[(g["unit"] or "").lower()]
    if ctx.published is None:
        return _unresolved(precision)
    return _date(point(precision, ctx.published), precision, "publication")


def relative_unit(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "last week", "this year", "earlier this month", "next quarter"."""
    unit = (g["unit"] or "").lower()
    rel = (g["rel"] or "").lower()
    if unit == "day":
        return None
    if (
        rel in ("past", "last")
        and unit in ("decade", "century")
        and ctx.text[s:e].lower().startswith("the")
    ):
        return Found(
            "duration", "P10Y" if unit == "decade" else "P100Y", None, None, None, "absolute"
        )
    precision = _UNIT_PRECISION[unit]
    if ctx.published is None:
        return _unresolved(precision)
    amount = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    moved = shift(ctx.published, unit, amount)
    return _date(point(precision, moved), precision, "publication")


def weekend(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the weekend": the one before the publication date, or the next one in future text."""
    pub = ctx.published
    if pub is None:
        return _unresolved("week")
    if pub.isoweekday() < 6 and ctx.tense(s) != FUTURE:
        pub = pub - timedelta(days=7)
    return _date(point("weekend", pub), "week", "publication")


def deictic_day(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """today, yesterday, tomorrow, tonight, last night, this morning."""
    word = re.sub(r"\s+", " ", (g["word"] or g["around"] or "").lower())
    offsets = {
        "today": (0, None), "tonight": (0, "night"), "yesterday": (-1, None),
        "tomorrow": (1, None), "last night": (-1, "night"), "this morning": (0, "morning"),
        "this afternoon": (0, "afternoon"), "this evening": (0, "evening"),
        "before yesterday": (-2, None), "after tomorrow": (2, None),
    }  # fmt: skip
    offset, part = offsets[word]
    part = g["part"] or part
    if ctx.published is None:
        return _unresolved("time" if part else "day", "time" if part else "date")
    return _day_part(ctx.published + timedelta(days=offset), part, "publication")


def weekday(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """A weekday: the last one in past-tense text, the next one in future-tense text."""
    number = lexicon().weekdays[(g["weekday"] or "").lower()]
    if ctx.published is None:
        return _unresolved("time" if g["part"] else "day", "time" if g["part"] else "date")
    rel = (g["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        day = weekday_near(ctx.published, number, -1, strict=True)
    elif rel in ("next", "following"):
        day = weekday_near(ctx.published, number, 1, strict=True)
    elif rel in ("this", "coming"):
        day = weekday_near(ctx.published, number, 1)
    else:
        tense = ctx.tense(s)
        day = weekday_near(ctx.published, number, 1 if tense == FUTURE else -1)
    return _day_part(day, g["part"], "publication")


def month_alone(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "in January", "last May": ambiguous names need a temporal cue before them."""
    raw = re.sub(r"[\s.]", "", g["month"] or "").lower()
    lex = lexicon()
    rel = (g["rel"] or "").lower()
    cued = bool(rel or g["mod"]) or ctx.previous_word(s) in lex.temporal_cues
    if raw in lex.ambiguous_months and not cued:
        return None
    month = lex.months[raw]
    pub = ctx.published
    if pub is None:
        return _unresolved("month", value=f"XXXX-{month:02d}")
    if rel in ("last", "past"):
        year = pub.year if month < pub.month else pub.year - 1
    elif rel in ("next", "coming"):
        year = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        year = pub.year
    else:
        year = _year_for_month(ctx, month, None, s)
    return _date(point("month", date(year, month, 1)), "month", "publication")


def holiday(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "Christmas Day", "Easter 2016", "Thanksgiving": a day, yearly or in a given year."""
    name = re.sub(r"\s+", " ", g["name"] or "")
    rule = lexicon().holidays[name]
    if g["year"]:
        return _date(point("day", holiday_date(rule, int(g["year"]))), "day", "absolute")
    pub = ctx.published
    if pub is None:
        fixed = rule[:1].isdigit()
        return _unresolved("day", value=f"XXXX-{rule}" if fixed else None)
    this_year = holiday_date(rule, pub.year)
    year = _year_for_month(ctx, this_year.month, this_year.day, s)
    return _date(point("day", holiday_date(rule, year)), "day", "publication")


def reference(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "now", "recently", "the future": TIMEX3 reference values."""
    key = re.sub(r"\s+", " ", ctx.text[s:e].lower())
    return _reference_value(lexicon().references[key], ctx)


def set_rule(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "every year", "annually", "every Wednesday", "twice a month"."""
    if g["weekday"]:
        number = lexicon().weekdays[(g["weekday"] or "").lower()]
        return Found("set", f"XXXX-WXX-{number}", None, None, None, "absolute")
    if g["word"]:
        following = _NEXT_WORD.match(ctx.text, e, e + 40)
        if following and following.group(1).isalpha() and following.group(1).islower():
            return None  # an adjective: "the daily newspaper", "a quarterly dividend"
        return Found("set", lexicon().sets[(g["word"] or "").lower()], None, None, None, "absolute")
    _, letter, _ = _unit(g["unit"] or g["unit2"])
    amount = _number(g["num"]) if g["num"] else 1.0
    if ctx.text[s:e].lower().split()[1:2] == ["other"]:
        amount = 2.0
    return Found("set", duration_value(amount, letter), None, None, None, "absolute")


_SET_BEFORE = re.compile(r"(?:[\d$£€%]|\btimes|\bonce|\btwice)\s*$", re.IGNORECASE)


def duration(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "three years", "the past six months", "two-year"; ages are not durations."""
    if g["adj"] and g["adj"][1:].lower() == "old":
        return None
    if ctx.next_word(e) == "old":
        return None
    name, letter, _ = _unit(g["unit"])
    num = (g["num"] or "").lower()
    if name == "second" and num in ("a", "an", "one"):
        return None  # "a second term"
    if num in ("a", "an") and (g["unit"] or "").lower().endswith("s"):
        return None  # "a decades-long feud": the article belongs to the noun
    if g["vague"]:
        return Found("duration", duration_value(None, letter), None, None, None, "absolute")
    amount = _number(g["num"])
    if amount is None:
        return None
    if g["half"] or g["half2"]:
        amount += 0.5
    if num in ("a", "an") and _SET_BEFORE.search(ctx.text, max(0, s - 12), s):
        return Found("set", duration_value(amount, letter), None, None, None, "absolute")
    found = Found("duration", duration_value(amount, letter), None, None, None, "absolute")
    adjectival = f"-{g['unit']}" in ctx.text[s:e]
    return _without_article(found, s, e, ctx) if adjectival and not g["rel"] else found


def vague_duration(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "for years", "in the coming months": a duration of unspecified length."""
    if g["long"]:  # "day-long" is one day, "decades-long" an unknown number of decades
        _, letter, _ = _unit(g["unit2"])
        amount = None if (g["long"] or "").lower().endswith("s") else 1.0
        return Found("duration", duration_value(amount, letter), None, None, None, "absolute")
    if not g["rel"] and ctx.previous_word(s) not in lexicon().bare_unit_cues:
        return None
    _, letter, _ = _unit(g["unit"])
    return Found("duration", duration_value(None, letter), None, None, None, "absolute")


def year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """A bare year, unless its neighbours say it is a count ("about 2000 people")."""
    value = int(g["year"] or 0)
    if not (g["part"] or g["mod"]):
        lex = lexicon()
        if ctx.previous_word(s) in lex.count_cues or ctx.next_word(e) in lex.count_followers:
            return None
    return _date(point("year", date(value, 1, 1)), "year", "absolute")


Normaliser = Callable[[Groups, int, int, Context], "Found | list[Found] | None"]

NORMALISERS: dict[str, Normaliser] = {
    "month_day_year": month_day_year,
    "day_month_year": day_month_year,
    "iso_date": iso_date,
    "numeric_date": numeric_date,
    "month_day": month_day,
    "day_month": day_month,
    "month_year": month_year,
    "fiscal_year": fiscal_year,
    "year_span": year_span,
    "quarter": quarter,
    "quarter_code": quarter_code,
    "quarter_anaphoric": quarter_anaphoric,
    "half_year": half_year,
    "season": season,
    "decade": decade,
    "century": century,
    "ago": ago,
    "anaphoric_shift": anaphoric_shift,
    "year_adjective": year_adjective,
    "anaphoric_unit": anaphoric_unit,
    "part_of_unit": part_of_unit,
    "relative_unit": relative_unit,
    "weekend": weekend,
    "deictic_day": deictic_day,
    "weekday": weekday,
    "month_alone": month_alone,
    "vague_duration": vague_duration,
    "holiday": holiday,
    "reference": reference,
    "set": set_rule,
    "duration": duration,
    "year": year,
}

__all__ = ["NORMALISERS", "PAST", "UNKNOWN", "Context", "Found"]
