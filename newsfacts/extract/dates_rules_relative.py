"""Normalisers for relative and anaphoric expressions, durations and sets: weekdays,
"yesterday", "last week", "two days ago", "the following year", "for three years",
"every year".

Relative expressions resolve against the publication date (tense picks the last or the
next weekday) and stay unresolved without one; anaphoric ones resolve against the last
date mentioned with a fitting precision.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from newsfacts.extract.dates_calendar import (
    PRECISION_RANK,
    add_months,
    duration_value,
    point,
    shift,
    weekday_near,
)
from newsfacts.extract.dates_context import (
    NEXT_WORD,
    Context,
    Found,
    Groups,
    make_date,
    unresolved,
    without_article,
)
from newsfacts.extract.dates_lexicon import lexicon
from newsfacts.extract.dates_tense import FUTURE, PAST

# Compiled once here: `re.sub(pattern_text, ...)` looks its pattern up in the re module's
# cache on every call, a cost the thousands of calls per corpus notice.
_SPACES = re.compile(r"\s+")
_NUMBER_PARTS = re.compile(r"[- ]")


def _number(text: str | None) -> float | None:
    """A quantity written in digits or words; None when it is not a number we know."""
    if text is None:
        return None
    word = _SPACES.sub(" ", text.strip().lower())
    if word.replace(".", "", 1).isdigit():
        return float(word)
    numbers = lexicon().numbers
    if word in numbers:
        return numbers[word]
    parts = _NUMBER_PARTS.split(word)
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


def _reference_value(value: str, ctx: Context) -> Found:
    """PRESENT_REF / PAST_REF / FUTURE_REF: no calendar range by nature."""
    anchor = "publication" if ctx.published is not None else "unresolved"
    return Found("date", value, None, None, None, anchor)


# A reporting period of several quarters ("the nine months", "the six months").
_MULTI_QUARTER = re.compile(r"P(\d+)M")


def _year_before_compared(ctx: Context) -> Found | None:
    """One year before the period the sentence reports on, at that period's grain.

    Financial news compares a period with the same period a year earlier ("For the nine
    months, net rose to $5 million from $4 million a year earlier"); the comparison
    point's grain follows the mention just before it in the sentence: a day stays a day
    ("the six months ended Aug. 12 ... a year earlier" is Aug. 12 of the year before), a
    quarter a quarter, and a period of several quarters, which has no TIMEX3 value of its
    own, becomes the year before. None when the sentence names no such period.
    """
    last = ctx.previous_in_sentence()
    if last is None:
        return None
    if last.kind == "duration":
        months = _MULTI_QUARTER.fullmatch(last.value or "")
        if months is None or int(months.group(1)) % 3 or int(months.group(1)) <= 3:
            return None
        if ctx.published is None:
            return unresolved("year")
        return make_date(point("year", shift(ctx.published, "year", -1)), "year", "publication")
    if last.start is not None and last.precision in ("day", "quarter"):
        back = add_months(last.start, -12)
        return make_date(point(last.precision, back), last.precision, "previous_mention")
    return None


def ago(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "two days ago": publication date minus the amount, at the unit's precision."""
    if g["vague"]:
        return _reference_value("PAST_REF", ctx)
    amount = _number(g["num"])
    name, _, precision = _unit(g["unit"])
    if amount is None or not float(amount).is_integer():
        return None
    if ctx.published is None:
        return unresolved(precision if precision != "time" else "day")
    if name == "year" and amount == 1 and (compared := _year_before_compared(ctx)):
        return compared
    last = ctx.history[-1] if ctx.history else None
    if name == "year" and amount == 1:
        last = ctx.quarter_in_sentence() or last
    if name == "year" and amount == 1 and last is not None and last.precision == "quarter":
        assert last.start is not None
        return make_date(
            point("quarter", add_months(last.start, -12)), "quarter", "previous_mention"
        )
    if precision in ("time", "decade", "century"):
        precision = "day" if precision == "time" else "year"
    unit = "day" if name in ("hour", "minute", "second") else name
    amount_int = int(amount) if name not in ("hour", "minute", "second") else 0
    found = shift(ctx.published, unit, -amount_int)
    return make_date(point(precision, found), precision, "publication")


def _shifted(amount: int, name: str, unit_precision: str, ctx: Context) -> Found | None:
    """Shift the last fitting mention (or the publication date) by `amount` units."""
    if unit_precision == "time":
        return None
    if unit_precision in ("decade", "century"):
        unit_precision = "year"
    ref = ctx.reference(PRECISION_RANK[unit_precision])
    if name == "year" and amount == -1:
        ref = ctx.quarter_in_sentence() or ref
    if ref is not None and ref.start is not None and ref.precision is not None:
        keep = ref.precision in ("quarter", "half", "season", "month") or unit_precision in (
            "day",
            "week",
        )
        precision = ref.precision if keep and ref.precision != "time" else unit_precision
        if ref.precision == "time":
            precision = "day"
        return make_date(
            point(precision, shift(ref.start, name, amount)), precision, "previous_mention"
        )
    if ctx.published is None:
        return unresolved(unit_precision)
    return make_date(
        point(unit_precision, shift(ctx.published, name, amount)), unit_precision, "publication"
    )


def anaphoric_shift(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "a year later", "two days earlier": relative to the last date mentioned."""
    name, _, precision = _unit(g["unit"])
    amount = _number(g["num"])
    if g["vague"] or amount is None or not float(amount).is_integer():
        return unresolved(precision)
    sign = 1 if (g["dir"] or "").lower() in ("later", "on") else -1
    if name == "year" and sign * amount == -1 and (compared := _year_before_compared(ctx)):
        return compared
    return _shifted(sign * int(amount), name, precision, ctx)


def year_adjective(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "year-earlier", "year-ago": one year before the story's point in time.

    That point is the period the sentence reports on, else the last date mentioned; but a
    whole past year named in an earlier sentence is itself a comparison point ("Last year
    losses totaled $5 million. The year-earlier results were restated."), so the adjective
    then counts back from the publication year instead."""
    compared = _year_before_compared(ctx)
    if compared is not None:
        return compared
    ref = ctx.reference(PRECISION_RANK["year"])
    pub = ctx.published
    if (
        pub is not None
        and ctx.previous_in_sentence() is None
        and ref is not None
        and ref.precision == "year"
        and ref.start is not None
        and ref.start.year < pub.year
    ):
        return make_date(point("year", shift(pub, "year", -1)), "year", "publication")
    return _shifted(-1, "year", "year", ctx)


_UNIT_PRECISION = {
    "day": "day", "week": "week", "weekend": "weekend", "month": "month", "year": "year",
    "decade": "decade", "century": "century", "quarter": "quarter",
}  # fmt: skip


def _day_part(day: date, part: str | None, anchor: str) -> Found:
    """A day, or a part of it ("2020-01-29TNI") when a part of the day is named."""
    if not part:
        return make_date(point("day", day), "day", anchor)
    code = lexicon().day_parts[part.lower()]
    return Found("time", f"{day.isoformat()}T{code}", "time", day, day, anchor)


def anaphoric_unit(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the following year", "that day": the last mention of fitting precision, moved."""
    unit = (g["unit"] or g["unit2"] or "").lower()
    rel = (g["rel"] or g["post"] or "").lower()
    step = {
        "following": 1,
        "next": 1,
        "subsequent": 1,
        "after": 1,
        "later": 1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
        "before": -1,
        "earlier": -1,
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
        return unresolved(precision if not part else "time", "time" if part else "date")
    moved = shift(base, "day" if part else precision, amount)
    if g["yearback"]:  # "the same month a year ago"
        moved = shift(moved, "year", -1)
    if part:
        return _day_part(moved, part, anchor)
    return make_date(point(precision, moved), precision, anchor)


def part_of_unit(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the end of the year": the publication's year (month, ...) as a whole; TimeML
    gives the part as a modifier (mod="END"), the value stays the whole unit."""
    if g["yearend"]:
        return _year_end(s, ctx)
    precision = _UNIT_PRECISION[(g["unit"] or "").lower()]
    if ctx.published is None:
        return unresolved(precision)
    return make_date(point(precision, ctx.published), precision, "publication")


def _year_end(s: int, ctx: Context) -> Found | None:
    """ "by year-end", "since year's end": a year, only after a preposition."""
    before = ctx.previous_word(s)
    if before not in lexicon().year_end_cues:
        return None
    if ctx.published is None:
        return unresolved("year")
    year = ctx.published.year - (1 if before == "since" else 0)
    return make_date(point("year", date(year, 1, 1)), "year", "publication")


def relative_unit(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "last week", "this year", "earlier this month", "next quarter"."""
    unit = (g["unit"] or "").lower()
    rel = (g["rel"] or "").lower()
    if unit == "day":
        return None
    if ctx.text[s:e].istitle() and s > ctx.sentence_start:
        return None  # a title inside a sentence: ABC's "This Week", "Next Year in Jerusalem"

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
        return unresolved(precision)
    amount = {"last": -1, "past": -1, "previous": -1, "latest": -1, "next": 1, "coming": 1}.get(
        rel, 0
    )
    moved = shift(ctx.published, unit, amount)
    return make_date(point(precision, moved), precision, "publication")


def _the_day(g: Groups, s: int, e: int, ctx: Context, unit: str = "day") -> Found | None:
    """ "to end the day", "later in the day", "for the week", "the week's": the day (week)
    of the last dated event (or the publication date); only after a cue or before a
    possessive, since "the day" alone is rarely a date."""
    before = " ".join(ctx.text[max(0, s - 20) : s].lower().split()[-2:])
    cued = any(before == cue or before.endswith(" " + cue) for cue in lexicon().day_cues)
    if not cued and ctx.text[e : e + 2] not in ("'s", "’s"):
        return None
    ref = ctx.reference(PRECISION_RANK["day"])
    if ref is not None and ref.start is not None:
        return make_date(point(unit, ref.start), unit, "previous_mention")
    if ctx.published is None:
        return unresolved(unit)
    return make_date(point(unit, ctx.published), unit, "publication")


def the_unit(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the day", "the week" or "the year" of the story (one rule: all start with "the")."""
    if g["year"]:
        return _the_year(g, s, e, ctx)
    return _the_day(g, s, e, ctx, "week" if g["week"] else "day")


def _the_year(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "for the year": the year of the story (of the last date mentioned, else of the
    publication); "the year ended ...": a one-year period.

    Only after a cue word ("for", "in", ...), since "the year he left" is no time."""
    if ctx.previous_word(s) not in lexicon().year_cues:
        return None
    if g["ended"]:
        return Found("duration", "P1Y", None, None, None, "absolute")
    ref = _story_year_reference(ctx)
    if ref is not None and ref.start is not None:
        return make_date(point("year", ref.start), "year", "previous_mention")
    if ctx.published is None:
        return unresolved("year")
    return make_date(point("year", ctx.published), "year", "publication")


def _story_year_reference(ctx: Context) -> Found | None:
    """The last date mentioned that can hold the story's year: one not after the
    publication year ("forecast an increase for the full year" after a 1992 target
    means the current year, not 1992)."""
    pub = ctx.published
    for found in reversed(ctx.history):
        if found.start is None or PRECISION_RANK.get(found.precision or "", 99) > 7:
            continue
        if pub is None or found.start.year <= pub.year:
            return found
    return None


def weekend(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the weekend": the one before the publication date, or the next one in future text."""
    pub = ctx.published
    if pub is None:
        return unresolved("week")
    if pub.isoweekday() < 6 and ctx.tense(s) != FUTURE:
        pub = pub - timedelta(days=7)
    return make_date(point("weekend", pub), "week", "publication")


_POSSESSIVE_WORDS = re.compile(r"\s?'s((?:\s+[a-z]+){1,3})")


def _era_use(text: str, end: int) -> bool:
    """True for "today's" before a generic noun ("today's youth", "today's personal
    computers"): the present era, no date."""
    match = _POSSESSIVE_WORDS.match(text, end, end + 50)
    if match is None:
        return False
    return any(w in lexicon().era_nouns for w in match.group(1).split())


def deictic_day(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """today, yesterday, tomorrow, tonight, last night, this morning."""
    word = _SPACES.sub(" ", (g["word"] or g["around"] or "").lower())
    offsets = {
        "today": (0, None), "tonight": (0, "night"), "yesterday": (-1, None),
        "tomorrow": (1, None), "last night": (-1, "night"), "this morning": (0, "morning"),
        "this afternoon": (0, "afternoon"), "this evening": (0, "evening"),
        "before yesterday": (-2, None), "after tomorrow": (2, None),
    }  # fmt: skip
    offset, part = offsets[word]
    part = g["part"] or part
    if word == "today" and _era_use(ctx.text, e):
        return None
    if ctx.published is None:
        return unresolved("time" if part else "day", "time" if part else "date")
    return _day_part(ctx.published + timedelta(days=offset), part, "publication")


def weekday(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """A weekday: the last one in past-tense text, the next one in future-tense text."""
    number = lexicon().weekdays[(g["weekday"] or "").lower()]
    if ctx.published is None:
        return unresolved("time" if g["part"] else "day", "time" if g["part"] else "date")
    rel = (g["rel"] or "").lower()
    ref = ctx.reference(PRECISION_RANK["day"]) if rel in ("previous", "following") else None
    if ref is not None and ref.start is not None:
        # "the previous Friday", "the following Monday": counted from the story's day
        day = weekday_near(ref.start, number, -1 if rel == "previous" else 1, strict=True)
        return _day_part(day, g["part"], "previous_mention")
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


def reference(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "now", "recently", "the future", "current", "soon": TIMEX3 reference values."""
    key = _SPACES.sub(" ", ctx.text[s:e].lower())
    lex = lexicon()
    if ctx.next_word(e) in lex.reference_blockers.get(key, ()):
        return None
    value = lex.references[key]
    if value == "FUTURE_REF" and " " not in key and ctx.tense(s) == PAST:
        return None  # narrative "soon": "he was soon released" is no future reference
    return _reference_value(value, ctx)


def set_rule(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "every year", "annually", "every Wednesday", "each July", "twice a month"."""
    if g["month"]:
        number = lexicon().months[(g["month"] or "").lower().rstrip(". ")]
        return Found("set", f"XXXX-{number:02d}", None, None, None, "absolute")
    if g["weekday"]:
        number = lexicon().weekdays[(g["weekday"] or "").lower()]
        return Found("set", f"XXXX-WXX-{number}", None, None, None, "absolute")
    if g["quarter"]:
        return Found("set", "P1Q", None, None, None, "absolute")
    if g["word"]:
        if ctx.text[s - 1 : s] == "-":
            return None  # "half-hourly" is no hourly set
        if (g["word"] or "")[0].isupper() and s > ctx.sentence_start:
            return None  # a name: "the Daily Telegraph", "Weekly Standard"
        word = (g["word"] or "").lower()
        following = NEXT_WORD.match(ctx.text, e, e + 40)
        after = following.group(1) if following else ""
        adjective = (
            after.isalpha()
            and after.islower()
            and after not in lexicon().adverb_followers
            and not word.endswith("ally")  # "annually" is never an adjective
        )
        if adjective and word not in lexicon().adjective_sets:
            return None  # an adjective: "a quarterly dividend" (but "his daily life")
        if _rate_before().search(ctx.text, max(ctx.sentence_start, s - 40), s):
            return None  # a rate's unit: "rise 8.5% annually", "10,000 units annually"
        return Found("set", lexicon().sets[(g["word"] or "").lower()], None, None, None, "absolute")
    _, letter, _ = _unit(g["unit"] or g["unit2"])
    amount = _number(g["num"]) if g["num"] else 1.0
    if ctx.text[s:e].lower().split()[1:2] == ["other"]:
        amount = 2.0
    return Found("set", duration_value(amount, letter), None, None, None, "absolute")


_NOT_QUARTER_COUNTS = frozenset({"some", "many", "a number of"})
_SET_BEFORE = re.compile(r"(?:\btimes|\bonce|\btwice)\s*$", re.IGNORECASE)


@cache
def _rate_before() -> re.Pattern[str]:
    """An amount, optionally with its noun, right before "a year" / "a week": the unit
    is then the denominator of a rate ("$2 million a year", "four flights a week", "24
    hours a day"), which TimeML data leaves untagged: no duration, no repetition."""
    lex = lexicon()
    words = [w for w in lex.numbers if " " not in w and w not in ("a", "an")]
    words += list(lex.amount_words)
    amount = r"(?:\d|\b(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\b)"
    # The words between amount and unit name what is counted ("700 seats a week"); a
    # preposition there ends the amount's phrase ("growth above 9% for a year").
    noun = r"\s+(?!(?:" + "|".join(lex.rate_breakers) + r")\b)[a-z]+"
    return re.compile(amount + rf"[\d.,%]*(?:{noun}){{0,2}}\s+$", re.IGNORECASE)


def duration(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "three years", "the past six months", "two-year"; ages are not durations."""
    if g["adj"] and g["adj"][1:].lower() == "old":
        return None
    if ctx.next_word(e) == "old":
        return None
    if (g["unit"] or "")[:1].isupper() and s > ctx.sentence_start:
        return None  # a title inside a sentence: CBS's "60 Minutes", "28 Days Later"
    if (g["unit"] or "").lower() == "quarters":
        return _quarters(g, s, e, ctx)
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
    rate_unit = num in ("a", "an") and ctx.text[s : s + 1].lower() == "a"
    if rate_unit and _rate_before().search(ctx.text, max(ctx.sentence_start, s - 40), s):
        return None
    found = Found("duration", duration_value(amount, letter), None, None, None, "absolute")
    adjectival = f"-{g['unit']}" in ctx.text[s:e]
    return without_article(found, s, e, ctx) if adjectival and not g["rel"] else found


def _quarters(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "the past two quarters": a duration in quarters (P2Q, PXQ when vague).

    Not "three-quarters" (a fraction) nor "in some quarters" / "many quarters" (groups
    of people)."""
    if ctx.text[s:e].lower().rstrip("s").endswith("-quarter"):
        return None
    if g["vague"] and (g["vague"] or "").lower() in _NOT_QUARTER_COUNTS:
        return None
    if g["vague"]:
        return Found("duration", "PXQ", None, None, None, "absolute")
    amount = _number(g["num"])
    if amount is None or not float(amount).is_integer() or amount < 2:
        return None  # "one quarters" is no English; "a quarter" is a fraction
    return Found("duration", f"P{int(amount)}Q", None, None, None, "absolute")


def vague_duration(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "for years", "in the coming months": a duration of unspecified length."""
    if g["long"]:  # "day-long" is one day, "decades-long" an unknown number of decades
        _, letter, _ = _unit(g["unit2"])
        amount = None if (g["long"] or "").lower().endswith("s") else 1.0
        return Found("duration", duration_value(amount, letter), None, None, None, "absolute")
    before = ctx.previous_word(s)
    if g["the"] and before not in lexicon().the_units_cues:
        return None
    if not g["rel"] and not g["the"] and before not in lexicon().bare_unit_cues:
        return None
    _, letter, _ = _unit(g["unit"])
    found = Found("duration", duration_value(None, letter), None, None, None, "absolute")
    # "over the years": the dev gold tags "years" alone (7 of 7 such spans).
    return without_article(found, s, e, ctx) if g["the"] else found


# Built at import like the tagger's patterns (see dates.py), not inside the first
# article that needs it: a first pass over a corpus should not pay for compiling it.
_rate_before()
