"""Changes, restatements and number-reading edge cases added with the `direction` field.

Each test uses sentences written for it (market reports, casualty reports, specs) with
other numbers and verbs than the resource examples, so a rule that only fits its own
example fails here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.extract.counts import extract_counts
from newsfacts.extract.numbers import read_words

UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@pytest.mark.parametrize(("text", "direction"), [
    ("The FTSE 100 slipped 0.8% to 7,310 points.", "down"),
    ("Brent crude jumped by 4 per cent on Friday.", "up"),
    ("Unemployment edged down 0.2 percentage points in March.", "down"),
    ("Revenue grew 12% in the quarter.", "up"),
    ("The index closed down 45 points.", "down"),
    ("Nikkei +1.4% in early trade.", "up"),
    ("The yield fell to 3.9% from 4.1%.", "down"),
])
def test_change_direction(text: str, direction: str) -> None:
    first = extract_counts(text)[0]
    assert first.direction == direction, first


@pytest.mark.parametrize("text", [
    "The company employs 4,300 people in Leeds.",
    "Bond yields stood at 3.9% on Monday.",
    "The team gave up 24 points in the second half.",
    "Temperatures could go as high as 41C.",
    "Up to 80 homes were flooded.",
])
def test_levels_have_no_direction(text: str) -> None:
    assert all(c.direction is None for c in extract_counts(text))


def test_level_after_a_change_is_not_a_change() -> None:
    """"rose 3.1% to 412p": 3.1% is the change, 412p the new level."""
    change, level = extract_counts("Shares in Ocado rose 3.1% to 412p.")
    assert (change.direction, change.value) == ("up", 3.1)
    assert (level.direction, level.value, level.unit) == (None, 412, "GBX")


def test_restated_change_shares_direction() -> None:
    """"lost 310 points, or 1.2%": the same fall in two units."""
    points, share = extract_counts("The Dow lost 310 points, or 1.2%, on Tuesday.")
    assert points.direction == share.direction == "down"


def test_casualty_counts_never_carry_a_direction() -> None:
    """"the death toll rose to 40" is a count of the dead, not a rise of 40."""
    toll = extract_counts("The death toll rose to 63 on Sunday.")[0]
    assert (toll.category, toll.direction) == ("KILL", None)


def test_bracketed_conversion_shares_the_bound() -> None:
    """"more than 40 miles (64 km)": the conversion is bounded the same way."""
    miles, km = extract_counts("The convoy travelled more than 40 miles (64 km) overnight.")
    assert (miles.qualifier, km.qualifier) == ("more_than", "more_than")
    assert km.value_low == 64 and km.value_high is None


def test_elided_noun_is_shared() -> None:
    first, second = extract_counts("The scheme built 620 homes in Leeds and 240 in York.")
    assert (first.counted, second.counted) == ("home", "home")


def test_ascii_currency_marks() -> None:
    """"PS" and "Y=" are unidecode's pound and yen; "PS5" stays a console."""
    pounds = extract_counts("a PS4.7bn takeover")[0]
    assert (pounds.unit, pounds.value) == ("GBP", 4.7e9)
    assert extract_counts("He bought a PS5 last week.") == []
    yen = extract_counts("profit of Y=32 billion")[0]
    assert (yen.unit, yen.value) == ("JPY", 32e9)


def test_between_word_numbers_is_a_range() -> None:
    """"between four and nine" is a range, not the sum thirteen."""
    count = extract_counts("Troops killed between four and nine insurgents.")[0]
    assert (count.qualifier, count.value_low, count.value_high) == ("range", 4, 9)
    assert count.category == "KILL"


def test_bare_one_after_a_casualty_verb() -> None:
    one, two = extract_counts("Police arrested one, and later two others, in Hull.")
    assert (one.value, one.category) == (1, "ARREST")
    assert two.value == 2


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(UNITS), st.sampled_from(UNITS))
def test_two_unit_words_are_never_one_number(a: str, b: str) -> None:
    """"three and six" / "three six" are two numbers: reading them as one fails."""
    assert read_words(f"{a} and {b}") is None
    assert read_words(f"{a} {b}") is None
    assert read_words(f"{a} hundred and {b}") == (UNITS.index(a) + 1) * 100 + UNITS.index(b) + 1


def test_things_are_never_casualties() -> None:
    """"13 men were detained and several weapons were found": the weapons are no arrest."""
    men, weapons = extract_counts("Police said 21 men were detained and nine rifles were seized.")
    assert (men.category, weapons.category) == ("ARREST", None)
    assert weapons.counted == "rifle"


def test_scientific_notation_and_sub_prefix() -> None:
    mass = extract_counts("Its mass is about 5.97×10^24 kilograms.")[0]
    assert (mass.value, mass.unit, mass.qualifier) == (5.97e24, "kg", "about")
    chip = extract_counts("Foundries now ship sub-5 nanometre chips.")[0]
    assert (chip.qualifier, chip.value_high) == ("less_than", 5)


def test_slash_fractions() -> None:
    half = extract_counts("Add 3/4 of the sugar and 1⁄8 of the butter.")
    assert [c.value for c in half] == [0.75, 0.125]
    assert extract_counts("The shop is open 24/7 near the 9/11 memorial.") == []


def test_title_without_article_is_a_count_of_one() -> None:
    """"killed Taliban leader Saifullah": a titled, named person is one."""
    one = extract_counts("Troops killed Haqqani commander Jalaluddin near Khost.")[0]
    assert (one.value, one.counted, one.category, one.rule) == (1, "commander", "KILL",
                                                                "title+cue")
    assert extract_counts("Police arrested Taliban fighters near Khost.") == []
