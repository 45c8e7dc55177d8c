"""Normalisers for calendar expressions: explicit dates, months, quarters, seasons,
decades, centuries, holidays and years.

Each takes a rule's named groups, the match span and the `Context`, and returns a `Found`
(or None to reject the match: "May" the name, "2000 people"). Without a publication
date, expressions that need one (a month without a year) get an underspecified TIMEX3
value such as XXXX-10 or stay unresolved; they are never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache

from newsfacts.extract.dates_calendar import (
    PRECISION_RANK,
    add_months,
    point,
    season_code,
    season_point,
)
from newsfacts.extract.dates_calendar import holiday as holiday_date
from newsfacts.extract.dates_context import (
    Context,
    Found,
    Groups,
    make_date,
    unresolved,
    without_article,
)
from newsfacts.extract.dates_lexicon import lexicon
from newsfacts.extract.dates_tense import FUTURE

_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our", "your", "whose"})


# Compiled once here, not looked up in the re module's cache on every call.
_SPACES = re.compile(r"\s+")
_SPACES_DOTS = re.compile(r"[\s.]")
_SUFFIX = re.compile(r"(?:st|nd|rd|th)$", re.IGNORECASE)


def _int(text: str | None) -> int:
    """A day number without its ordinal suffix ("1st" -> 1)."""
    return int(_SUFFIX.sub("", (text or "").strip()))


def _month(name: str | None) -> int:
    """Month number of a spelling, ignoring a trailing stop ("Sept." -> 9)."""
    return lexicon().months[_SPACES_DOTS.sub("", name or "").lower()]


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
    January is last November, "is due in March" written in December is next March. A
    clause without any tense cue counts as past, as news mostly narrate the past.
    """
    pub = ctx.published
    assert pub is not None
    tense = ctx.tense(position)
    months_ahead = (month - pub.month) + ((day or 15) - pub.day) / 31
    if tense != FUTURE and months_ahead >= 2:  # no cue: news narrate the past
        return pub.year - 1
    if tense == FUTURE and months_ahead <= -2:
        return pub.year + 1
    return pub.year


def _day_month(groups: Groups, ctx: Context, position: int, year: int | None) -> Found | None:
    """A day of a month, with the year given, or taken from publication date and tense."""
    month, day = _month(groups["month"]), _int(groups["day"])
    if year is not None:
        found = _safe_date(year, month, day)
        return make_date(point("day", found), "day", "absolute") if found else None
    if _safe_date(2000, month, day) is None:
        return None
    if ctx.published is None:
        return unresolved("day", value=f"XXXX-{month:02d}-{day:02d}")
    found = _safe_date(_year_for_month(ctx, month, day, position), month, day)
    return make_date(point("day", found), "day", "publication") if found else None


def month_day_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Fully specified dates ("Jan. 25, 2013", "25 January 2005"): absolute."""
    return _day_month(g, ctx, s, int(g["year"] or 0))


day_month_year = month_day_year


def iso_date(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ISO 8601 dates ("2020-01-29"): absolute."""
    found = _safe_date(int(g["year"] or 0), int(g["month"] or 0), int(g["day"] or 0))
    return make_date(point("day", found), "day", "absolute") if found else None


_NUMERIC = re.compile(r"(?<![\d/.])([0-3]?\d)[/.]([0-3]?\d)[/.](?:\d{4}|\d\d)(?![\d/])")


@cache
def _spelled_orders() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Spelled dates month first ("March 22") and day first ("22 March")."""
    names = "|".join(sorted((m.capitalize() for m in lexicon().months), key=len, reverse=True))
    month = rf"\b(?:{names})\b\.?"
    day = r"\b[0-3]?\d(?:st|nd|rd|th)?\b"
    return re.compile(rf"{month}\s+{day}"), re.compile(rf"{day}\s+(?:of\s+)?{month}")


def _numeric_order(text: str) -> str:
    """Day first ("dmy") or month first ("mdy") for an ambiguous date like 04/05/2019.

    The text's own convention wins: an unambiguous numeric date in it (a part above
    12), else the order of its spelled dates ("March 22" is US usage); only a text that
    shows neither gets the lexicon's policy.
    """
    for match in _NUMERIC.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
    month_first, day_first = _spelled_orders()
    us, international = len(month_first.findall(text)), len(day_first.findall(text))
    if us != international:
        return "mdy" if us > international else "dmy"
    return lexicon().numeric_order


def numeric_date(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """29/01/2020 or 01/29/2020: unambiguous when a part exceeds 12, else the text's own
    convention or the lexicon policy (`_numeric_order`)."""
    a, b, raw_year = int(g["a"] or 0), int(g["b"] or 0), g["year"] or ""
    year = int(raw_year) if len(raw_year) == 4 else 2000 + int(raw_year)
    if len(raw_year) == 2 and year > (ctx.published.year if ctx.published else 2050):
        year -= 100
    if a > 12 or (b <= 12 and _numeric_order(ctx.text) == "dmy"):
        day, month = a, b
    else:
        day, month = b, a
    found = _safe_date(year, month, day)
    return make_date(point("day", found), "day", "absolute") if found else None


# The day numbers of a list of days of one month ("April 24 and 25", "14, 20 and 27
# April"); a month or weekday name holds no digit.
_DAY_NUMBER = re.compile(r"(?<![\d:.])[0-3]?\d(?:st|nd|rd|th)?(?!\d)", re.IGNORECASE)


def _each_day(
    day_found: Callable[[str], Found | None], s: int, e: int, ctx: Context
) -> list[Found] | None:
    """Every day of "April 24 and 25" / "14, 20 and 27 April", each with its own span
    (TimeML tags each day): the first keeps what comes before its number, the last what
    comes after, the others are their number alone. None when one is no date."""
    numbers = list(_DAY_NUMBER.finditer(ctx.text, s, e))
    spans = [(n.start(), n.end()) for n in numbers]
    spans[0] = (s, spans[0][1])
    spans[-1] = (spans[-1][0], e)
    days: list[Found] = []
    for number, span in zip(numbers, spans, strict=True):
        found = day_found(number.group())
        if found is None:
            return None
        days.append(Found(found.kind, found.value, found.precision, found.start, found.end,
                          found.anchor, span))  # fmt: skip
    return days


def month_day(g: Groups, s: int, e: int, ctx: Context) -> Found | list[Found] | None:
    """ "March 22", "last Oct. 23", "April 24 and 25": the year from the publication date."""
    if g.get("day2"):
        return _each_day(lambda day: one_month_day({**g, "day": day}, s, ctx), s, e, ctx)
    return one_month_day(g, s, ctx)


def one_month_day(g: Groups, s: int, ctx: Context) -> Found | None:
    """One month and day ("March 22", "last Oct. 23"); the time rules read days with it."""
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
    return make_date(point("day", found), "day", "publication") if found else None


def day_month(g: Groups, s: int, e: int, ctx: Context) -> Found | list[Found] | None:
    """A day and month without year ("5 February", "3 and 4 March"): year from the
    publication date."""
    if g.get("day2"):
        return _each_day(lambda day: _day_month({**g, "day": day}, ctx, s, None), s, e, ctx)
    return _day_month(g, ctx, s, None)


_OF_TAIL = re.compile(r"(?:[\s,]+of)?[\s,]*$", re.IGNORECASE)


def month_year(g: Groups, s: int, e: int, ctx: Context) -> Found | list[Found] | None:
    """ "January 2005", "June last year", "October of next year"."""
    if g["year"]:
        day = date(int(g["year"]), _month(g["month"]), 1)
        return make_date(point("month", day), "month", "absolute")
    # "June last year": TempEval data tags "June" alone, with the year the rest gives;
    # "October of next year" is two noun phrases, and MEANTIME tags both.
    split = ctx.text.lower().rfind((g["yrel"] or "").lower(), s, e)
    head = ctx.text[s:split]
    month_end = s + len(_OF_TAIL.sub("", head))
    year = _relative_year(g["yrel"], ctx.published)
    if year is None:
        month_found = Found("date", None, "month", None, None, "unresolved", (s, month_end))
    else:
        month = point("month", date(year, _month(g["month"]), 1))
        month_found = Found(
            "date", month.value, "month", month.start, month.end, "publication", (s, month_end)
        )
    if not head.rstrip(" \t,").lower().endswith("of"):
        return month_found
    if year is None:
        year_found = Found("date", None, "year", None, None, "unresolved", (split, e))
    else:
        whole = point("year", date(year, 1, 1))
        year_found = Found(
            "date", whole.value, "year", whole.start, whole.end, "publication", (split, e)
        )
    return [month_found, year_found]


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
    return make_date(point("year", date(year, 1, 1)), "year", "absolute")


def year_span(g: Groups, s: int, e: int, ctx: Context) -> list[Found]:
    """ "2006-07" is one fiscal or season year; "2012-2014" is two years.

    A two-digit second part must be the next year: "2013-01" is a month or part of an
    identifier ("2013-01-S-025"), never the years 2013 to 2101.
    """
    first = int(g["year"] or 0)
    raw = g["year2"] or ""
    second = _full_year(raw, first)
    if second <= first or (len(raw) == 2 and second != first + 1):
        return []
    if len(raw) == 2 and second == first + 1:
        return [
            Found("date", str(first), "year", date(first, 1, 1), date(second, 12, 31), "absolute")
        ]
    one = make_date(point("year", date(first, 1, 1)), "year", "absolute")
    two = make_date(point("year", date(second, 1, 1)), "year", "absolute")
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
        return make_date(
            point(precision, date(year, (index - 1) * months + 1, 1)), precision, "absolute"
        )
    pub = ctx.published
    letter = "Q" if precision == "quarter" else "H"
    if pub is None:
        return unresolved(precision, value=f"XXXX-{letter}{index}")
    current = (pub.month - 1) // months + 1
    rel = (rel or "").lower()
    if rel in ("year-ago", "year-earlier"):
        found = _period_of_year(precision, index, months, None, None, ctx, position)
        if found is None or found.start is None:
            return found
        return make_date(point(precision, add_months(found.start, -12)), precision, "publication")
    if rel in ("last", "previous", "past"):
        year = pub.year if index < current else pub.year - 1
    elif rel in ("next", "coming"):
        year = pub.year if index > current else pub.year + 1
    elif rel in ("this", "current") or index <= current:
        year = pub.year
    else:
        year = pub.year if ctx.tense(position) == FUTURE else pub.year - 1
    return make_date(
        point(precision, date(year, (index - 1) * months + 1, 1)), precision, "publication"
    )


# "the final quarter", "the last half of 1989": the last of the year's quarters / halves.
_LAST_WORDS = frozenset({"last", "final", "latter", "closing"})


def quarter(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Quarters by ordinal ("the third quarter of 2004", "third-quarter")."""
    word = (g["ord"] or "").lower()
    index = 4 if word in _LAST_WORDS else lexicon().ordinals.get(word, 0)
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
    return without_article(found, s, e, ctx) if adjectival else found


def quarter_code(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Quarter codes ("Q3 2004", "Q3")."""
    year = int(g["year"]) if g["year"] else None
    return _period_of_year("quarter", int(g["q"] or 0), 3, year, None, ctx, s)


def _reported_quarter(ctx: Context) -> Found | None:
    """The quarter the story reports on: the last quarter mentioned that had ended by
    the publication date. Dates in between ("the quarter ended Sept. 30") and quarters
    still running or ahead ("a fourth-quarter charge", "the third quarter of 1990") are
    skipped: "the latest quarter", "the year-ago period" refer to reported results."""
    pub = ctx.published
    for found in reversed(ctx.history):
        if found.precision != "quarter" or found.end is None:
            continue
        if pub is None or found.end < pub:
            return found
    return None


def quarter_anaphoric(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the quarter", "the year-ago quarter": the last quarter mentioned, else the last one."""
    rel = _SPACES.sub(" ", (g["rel"] or "").lower())
    ref = ctx.reference(PRECISION_RANK["quarter"])
    if rel == "corresponding":
        rel = "same"
    if g["period"] and rel == "same" and ref is not None and ref.precision == "month":
        # "sales rose in February compared to the same period last year": a month
        assert ref.start is not None
        back = -12 if g["yearback"] else 0
        return make_date(point("month", add_months(ref.start, back)), "month", "previous_mention")
    ref = _reported_quarter(ctx)
    if g["year"]:  # "the 1988 period": the quarter under discussion, in 1988
        if ref is None or ref.start is None:
            return None
        base = date(int(g["year"]), ref.start.month, 1)
        return make_date(point("quarter", base), "quarter", "previous_mention")
    if g["period"] and not rel:
        return None
    if ref is not None and ref.start is not None:
        base, anchor = ref.start, "previous_mention"
    elif ctx.published is not None:
        base, anchor = ctx.published, "publication"
        if rel not in ("current",):
            base = add_months(base, -3)
    else:
        return unresolved("quarter")
    if rel == "current" and ctx.published is not None:
        base, anchor = ctx.published, "publication"
    if rel in ("year-ago", "year-earlier", "comparable"):
        base = add_months(base, -12)
    elif rel in ("previous", "prior"):
        base = add_months(base, -3)
    if g["yearback"] or g["lastyears"]:  # "the same period last year", "last year's quarter"
        base = add_months(base, -12)
    return make_date(point("quarter", base), "quarter", anchor)


def half_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Half years with a year ("the first half of 2011"); without one they are games."""
    index = 1 if (g["ord"] or "").lower() == "first" else 2  # second / last / latter
    year = int(g["year"]) if g["year"] else _relative_year(g["yrel"], ctx.published)
    if year is None:
        return unresolved("half")
    anchor = "absolute" if g["year"] else "publication"
    found = point("half", date(year, 6 * index - 5, 1))
    return make_date(found, "half", anchor)


def season(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Seasons with a year or a determiner ("summer 2004", "last winter")."""
    code = lexicon().seasons[(g["season"] or "").lower()]
    rel = (g["rel"] or "").lower()
    if g["year"]:
        return make_date(season_point(int(g["year"]), code), "season", "absolute")
    if not rel and not g["mod"]:
        return None
    if rel == "the" and ctx.next_word(e) == "of":
        return None
    pub = ctx.published
    if pub is None:
        return unresolved("season", value=f"XXXX-{code}")
    year, current = season_code(pub)
    if current == code and rel not in ("last", "past", "next", "coming"):
        return make_date(season_point(year, code), "season", "publication")
    if rel == "this":
        return make_date(season_point(pub.year, code), "season", "publication")
    direction = 1 if rel in ("next", "coming") else -1
    if rel in ("this", "the", "") and ctx.tense(s) == FUTURE:
        direction = 1
    probe = pub
    for _ in range(5):
        probe = add_months(probe, 3 * direction)
        year, found_code = season_code(probe)
        if found_code == code:
            return make_date(season_point(year, code), "season", "publication")
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
    return make_date(point("decade", date(start, 1, 1)), "decade", "absolute")


def century(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """Centuries ("the 12th century") as TIMEX3 "11" (the hundreds digits)."""
    word = (g["ord"] or "").lower()
    number = lexicon().ordinals.get(word) or (
        int(_SUFFIX.sub("", word)) if word[0].isdigit() else 0
    )
    if not 1 <= number <= 21:
        return None
    return make_date(
        point("century", date(max(1, (number - 1) * 100), 1, 1)), "century", "absolute"
    )


def month_alone(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "in January", "last May": ambiguous names need a temporal cue before them."""
    raw = _SPACES_DOTS.sub("", g["month"] or "").lower()
    lex = lexicon()
    rel = (g["rel"] or "").lower()
    cued = bool(rel or g["mod"]) or ctx.previous_word(s) in lex.temporal_cues
    if raw in lex.ambiguous_months and not cued:
        return None
    month = lex.months[raw]
    pub = ctx.published
    if pub is None:
        return unresolved("month", value=f"XXXX-{month:02d}")
    if rel in ("last", "past"):
        year = pub.year if month < pub.month else pub.year - 1
    elif rel in ("next", "coming"):
        year = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        year = pub.year
    else:
        year = _year_for_month(ctx, month, None, s)
    return make_date(point("month", date(year, month, 1)), "month", "publication")


def holiday(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "Christmas Day", "Easter 2016", "Thanksgiving": a day, yearly or in a given year."""
    name = _SPACES.sub(" ", g["name"] or "")
    rule = lexicon().holidays[name]
    if g["year"]:
        return make_date(point("day", holiday_date(rule, int(g["year"]))), "day", "absolute")
    pub = ctx.published
    if pub is None:
        fixed = rule[:1].isdigit()
        return unresolved("day", value=f"XXXX-{rule}" if fixed else None)
    this_year = holiday_date(rule, pub.year)
    year = _year_for_month(ctx, this_year.month, this_year.day, s)
    return make_date(point("day", holiday_date(rule, year)), "day", "publication")


def year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """A bare year, unless its neighbours say it is a count ("about 2000 people")."""
    value = int(g["year"] or 0)
    if not (g["part"] or g["mod"]):
        lex = lexicon()
        if ctx.previous_word(s) in lex.count_cues or ctx.next_word(e) in lex.count_followers:
            return None
    return make_date(point("year", date(value, 1, 1)), "year", "absolute")


def short_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "since '82": the latest such year not after publication (else the 1900s)."""
    two = int(g["yy"] or 0)
    pub_year = ctx.published.year if ctx.published else None
    value = 2000 + two if pub_year and 2000 + two <= pub_year else 1900 + two
    return make_date(point("year", date(value, 1, 1)), "year", "absolute")


def spoken_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """A year in words ("nineteen ninety-six"), alone or after a month or a season."""
    numbers = lexicon().numbers
    if g["century"]:
        words = (g["century"] or "", g["tens"] or "", g["ones"] or "")
        century, tens, ones = (int(numbers.get(w.lower(), 0)) for w in words)
        value = 100 * century + tens + ones
    else:
        value = 2000 + int(numbers.get((g["small"] or "").lower(), 0))
    if g["month"]:
        return make_date(point("month", date(value, _month(g["month"]), 1)), "month", "absolute")
    if g["season"]:
        code = lexicon().seasons[(g["season"] or "").lower()]
        return make_date(season_point(value, code), "season", "absolute")
    return make_date(point("year", date(value, 1, 1)), "year", "absolute")


# Built at import like the tagger's patterns (see dates.py), not inside the first
# article that needs it: a first pass over a corpus should not pay for compiling it.
_spelled_orders()
