"""Normaliser for clock times: "10:35 a.m.", "18:00 UTC", "noon Thursday".

TimeML tags them as TIME with a value such as 2020-01-28T22:00 (a "Z" when the zone is
UTC/GMT). The day comes from the words next to the time when there are any ("Wednesday",
"tomorrow", "Nov. 9"), resolved by the same normalisers as on their own; otherwise a
clock time is read as part of the story's current day: the last day mentioned, else the
publication date. Without either it stays unresolved, never guessed.
"""

from __future__ import annotations

from datetime import date

from newsfacts.extract import dates_rules_calendar as calendar
from newsfacts.extract import dates_rules_relative as relative
from newsfacts.extract.dates_calendar import PRECISION_RANK
from newsfacts.extract.dates_context import Context, Found, Groups, unresolved
from newsfacts.extract.dates_lexicon import lexicon
from newsfacts.extract.dates_tense import UNKNOWN


def _clock(g: Groups) -> str | None:
    """ "HH:MM" of the matched time (24-hour clock), None when it is not a time."""
    if g["named"]:
        return lexicon().clock_words[(g["named"] or "").lower()]
    if g["hhmm"]:
        raw = g["hhmm"] or ""
        return f"{raw[:2]}:{raw[2:]}"
    if g["hour3"]:
        raw = (g["hour3"] or "").lower()
        hour = int(raw) if raw.isdigit() else int(lexicon().numbers[raw])
        return _hour_of_part(hour, (g["dp"] or "night").lower())
    hour = int(g["hour"] or g["hour2"] or 0)
    minute = int(g["minute"] or 0)
    ampm = (g["ampm"] or g["ampm2"] or "").lower()
    if ampm and not 1 <= hour <= 12:
        return None  # "14:30 p.m." is no time
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def _hour_of_part(hour: int, part: str) -> str:
    """ "4 in the morning" is 04:00, "6 in the evening" 18:00, "10 at night" 22:00 and
    "2 at night" 02:00; midnight is 24:00 of its day, as for "midnight"."""
    if part == "morning":
        hour = 0 if hour == 12 else hour
    elif part == "night" and hour == 12:
        hour = 24
    elif part != "night" or hour >= 6:
        hour = hour + 12 if hour < 12 else hour
    return f"{hour:02d}:00"


def _day(g: Groups, s: int, e: int, ctx: Context) -> tuple[date, str] | None:
    """The day the time falls on, and what it was resolved against."""
    if g["weekday"]:
        groups: Groups = {"weekday": g["weekday"], "rel": None, "part": None}
        found = relative.weekday(groups, s, e, ctx)
    elif g["deictic"]:
        groups = {"word": g["deictic"], "around": None, "part": None, "mod": None}
        found = relative.deictic_day(groups, s, e, ctx)
    elif g["month"] or g["month2"]:
        year = g["year"] or g["year2"]
        groups = {"month": g["month"] or g["month2"], "day": g["day"] or g["day2"], "rel": None}
        found = (
            calendar.month_day_year({**groups, "year": year}, s, e, ctx)
            if year
            else calendar.one_month_day(groups, s, ctx)
        )
    else:
        ref = ctx.reference(PRECISION_RANK["day"])
        if ref is not None and ref.start is not None:
            return ref.start, "previous_mention"
        if ctx.published is None:
            return None
        return ctx.published, "publication"
    if found is None or found.start is None:
        return None
    return found.start, found.anchor


def clock_time(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """A clock time, with its day: kind "time", precision "time", the day as its range."""
    zone_name = g["zone"] or g["zone2"]
    plain = not (g["ampm"] or g["ampm2"] or zone_name or g["named"] or g["hhmm"])
    plain = plain or bool(g["hour3"])  # "scored 2 in the afternoon" is no time
    if plain and ctx.previous_word(s) not in lexicon().clock_cues:
        return None  # "won 3:1": a bare H:MM needs "at", "until", ... before it
    if g["named"] and ctx.previous_word(s) == "high":
        return None  # "high noon" is a figure of speech
    if g["named"] and (g["named"] or "")[0].isupper() and s > ctx.sentence_start:
        return None  # a title or a name ("High Noon")
    clock = _clock(g)
    if clock is None:
        return None
    resolved = _day(g, s, e, ctx)
    if resolved is None:
        return unresolved("time", "time")
    day, anchor = resolved
    zone = lexicon().time_zones.get(zone_name or "", "")
    return Found("time", f"{day.isoformat()}T{clock}{zone}", "time", day, day, anchor)


_NO_DAY: Groups = {"weekday": None, "month": None, "month2": None}


def part_of_day(g: Groups, s: int, e: int, ctx: Context) -> Found | None:
    """ "by mid-afternoon", "in the morning", "late evening yesterday": the part of a day
    (TIMEX3 "2020-01-28TAF"), of the day named after it, else of the story's day."""
    lex = lexicon()
    if not g["deictic"]:
        if ctx.previous_word(s) not in lex.day_part_cues:
            return None  # "early morning raids", "the morning belonged to them"
        bare = not (g["mod"] or g["mod2"])
        if bare and not _pause_or_function_word(ctx, e):
            return None  # "the morning of the attack", "the evening news"
        if bare and ctx.tense(s) == UNKNOWN:
            return None  # "people wake up in the morning": a habit
    resolved = _day({**_NO_DAY, "deictic": g["deictic"]}, s, e, ctx)
    if resolved is None:
        return unresolved("time", "time")
    day, anchor = resolved
    code = lex.day_parts[(g["part"] or "").lower()]
    return Found("time", f"{day.isoformat()}T{code}", "time", day, day, anchor)


def _pause_or_function_word(ctx: Context, end: int) -> bool:
    """True when punctuation, the end of the text or a function word ("to", "and", "in")
    follows: the noun phrase ends there."""
    rest = ctx.text[end : end + 2].lstrip(" ")
    if not rest or not rest[0].isalnum():
        return True
    word = ctx.next_word(end)
    return word != "of" and word in lexicon().adverb_followers
