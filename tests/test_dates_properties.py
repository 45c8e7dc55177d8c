"""Property tests: formatted dates parse back to themselves; relative days land right."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.extract.dates import extract_dates
from newsfacts.extract.dates_calendar import point, weekday_near

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _only(text: str, published: date | None = None) -> str | None:
    mentions = extract_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0].value


@settings(max_examples=150, deadline=None)
@given(DAYS, st.sampled_from(["{m} {d}, {y}", "{d} {m} {y}", "{iso}", "{m} {d} {y}"]))
def test_written_dates_round_trip(day: date, shape: str) -> None:
    text = (
        "The deal was signed on "
        + shape.format(m=MONTHS[day.month - 1], d=day.day, y=day.year, iso=day.isoformat())
        + " in Oslo."
    )
    assert _only(text) == day.isoformat()


@settings(max_examples=150, deadline=None)
@given(DAYS)
def test_numeric_dates_day_first_when_unambiguous(day: date) -> None:
    text = f"The form is dated {day.day:02d}/{day.month:02d}/{day.year}."
    assert _only(text) == day.isoformat()


@settings(max_examples=150, deadline=None)
@given(DAYS, st.integers(min_value=0, max_value=6))
def test_past_tense_weekday_is_within_the_last_week(published: date, weekday: int) -> None:
    value = _only(f"The mayor resigned on {WEEKDAYS[weekday]}.", published)
    assert value is not None
    resolved = date.fromisoformat(value)
    assert resolved.isoweekday() == weekday + 1
    assert timedelta(0) <= published - resolved < timedelta(days=7)


@settings(max_examples=150, deadline=None)
@given(DAYS, st.integers(min_value=0, max_value=6))
def test_future_tense_weekday_is_within_the_next_week(published: date, weekday: int) -> None:
    value = _only(f"The mayor will resign on {WEEKDAYS[weekday]}.", published)
    assert value is not None
    resolved = date.fromisoformat(value)
    assert resolved.isoweekday() == weekday + 1
    assert timedelta(0) <= resolved - published < timedelta(days=7)


@settings(max_examples=100, deadline=None)
@given(DAYS, st.integers(min_value=2, max_value=19))
def test_days_ago(published: date, n: int) -> None:
    assert (
        _only(f"The bridge fell {n} days ago.", published)
        == (published - timedelta(days=n)).isoformat()
    )


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1900, max_value=2090), st.integers(min_value=1, max_value=30))
def test_following_year_follows_any_year(year: int, gap: int) -> None:
    text = f"The plant opened in {year}. The following year it doubled output."
    mentions = extract_dates(text, date(2095, 1, 1))
    assert [m.value for m in mentions] == [str(year), str(year + 1)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-/:'$%aMJnyFdlsthe\n")), max_size=80))
def test_offsets_hold_on_arbitrary_text(text: str) -> None:
    previous_end = 0
    for mention in extract_dates(text, date(2020, 1, 29)):
        assert text[mention.char_start : mention.char_end] == mention.surface
        assert mention.char_start >= previous_end
        previous_end = mention.char_end


@given(DAYS, st.sampled_from(["day", "week", "month", "quarter", "half", "year", "decade"]))
def test_point_range_contains_the_day(day: date, precision: str) -> None:
    found = point(precision, day)
    assert found.start <= day <= found.end


@given(DAYS, st.integers(min_value=1, max_value=7), st.sampled_from([-1, 1]))
def test_weekday_near_is_the_right_weekday(anchor: date, weekday: int, direction: int) -> None:
    found = weekday_near(anchor, weekday, direction, strict=True)
    assert found.isoweekday() == weekday
    assert 0 < (found - anchor).days * direction <= 7


_PARTS = {"in the morning": range(0, 12), "in the afternoon": range(12, 24),
          "in the evening": range(12, 24)}  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(DAYS, st.integers(1, 12), st.sampled_from(sorted(_PARTS)))
def test_hour_with_part_of_day_is_a_time_of_that_part(day: date, hour: int, part: str) -> None:
    """ "at 4 in the morning" is 04:00 of the story's day; afternoon and evening hours
    fall after noon (12 in the afternoon is noon itself)."""
    value = _only(f"The convoy left at {hour} {part}.", day)
    assert value is not None and value.startswith(f"{day.isoformat()}T")
    clock = int(value.split("T")[1][:2])
    assert clock in _PARTS[part] and clock % 12 == hour % 12


@settings(max_examples=100, deadline=None)
@given(st.integers(1800, 2090).map(lambda y: y - y % 10))
def test_decade_value_is_its_three_leading_digits_and_x(start: int) -> None:
    """ "the 1990s" is TIMEX3 "199X", with the calendar range of the whole decade."""
    mentions = extract_dates(f"Prices peaked in the {start}s.", date(2020, 1, 29))
    assert [(m.value, m.start_date, m.end_date) for m in mentions] == [
        (f"{start // 10}X", date(start, 1, 1), date(start + 9, 12, 31))
    ]
