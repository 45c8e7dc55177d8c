"""Changes, restatements and number-reading edge cases added with the `direction` field.

Each test uses sentences written for it (market reports, casualty reports, specs) with
other numbers and verbs than the resource examples, so a rule that only fits its own
example fails here.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.extract.counts import extract_counts
from newsfacts.extract.numbers import read_words


@cache
def _master() -> re.Pattern[str]:
    """The token pattern compiled on its own (the extractor compiles only the scanner)."""
    from newsfacts.extract.counts_lexicon import lexicon

    return re.compile(lexicon().master_source)


UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("The FTSE 100 slipped 0.8% to 7,310 points.", "down"),
        ("Brent crude jumped by 4 per cent on Friday.", "up"),
        ("Unemployment edged down 0.2 percentage points in March.", "down"),
        ("Revenue grew 12% in the quarter.", "up"),
        ("The index closed down 45 points.", "down"),
        ("Nikkei +1.4% in early trade.", "up"),
        ("The yield fell to 3.9% from 4.1%.", "down"),
    ],
)
def test_change_direction(text: str, direction: str) -> None:
    first = extract_counts(text)[0]
    assert first.direction == direction, first


@pytest.mark.parametrize(
    "text",
    [
        "The company employs 4,300 people in Leeds.",
        "Bond yields stood at 3.9% on Monday.",
        "The team gave up 24 points in the second half.",
        "Temperatures could go as high as 41C.",
        "Up to 80 homes were flooded.",
    ],
)
def test_levels_have_no_direction(text: str) -> None:
    assert all(c.direction is None for c in extract_counts(text))


def test_level_after_a_change_is_not_a_change() -> None:
    """ "rose 3.1% to 412p": 3.1% is the change, 412p the new level."""
    change, level = extract_counts("Shares in Ocado rose 3.1% to 412p.")
    assert (change.direction, change.value) == ("up", 3.1)
    assert (level.direction, level.value, level.unit) == (None, 412, "GBX")


def test_restated_change_shares_direction() -> None:
    """ "lost 310 points, or 1.2%": the same fall in two units."""
    points, share = extract_counts("The Dow lost 310 points, or 1.2%, on Tuesday.")
    assert points.direction == share.direction == "down"


def test_casualty_counts_never_carry_a_direction() -> None:
    """ "the death toll rose to 40" is a count of the dead, not a rise of 40."""
    toll = extract_counts("The death toll rose to 63 on Sunday.")[0]
    assert (toll.category, toll.direction) == ("KILL", None)


def test_bracketed_conversion_shares_the_bound() -> None:
    """ "more than 40 miles (64 km)": the conversion is bounded the same way."""
    miles, km = extract_counts("The convoy travelled more than 40 miles (64 km) overnight.")
    assert (miles.qualifier, km.qualifier) == ("more_than", "more_than")
    assert km.value_low == 64 and km.value_high is None


def test_elided_noun_is_shared() -> None:
    first, second = extract_counts("The scheme built 620 homes in Leeds and 240 in York.")
    assert (first.counted, second.counted) == ("home", "home")


def test_ascii_currency_marks() -> None:
    """ "PS" and "Y=" are unidecode's pound and yen; "PS5" stays a console."""
    pounds = extract_counts("a PS4.7bn takeover")[0]
    assert (pounds.unit, pounds.value) == ("GBP", 4.7e9)
    assert extract_counts("He bought a PS5 last week.") == []
    yen = extract_counts("profit of Y=32 billion")[0]
    assert (yen.unit, yen.value) == ("JPY", 32e9)


def test_between_word_numbers_is_a_range() -> None:
    """ "between four and nine" is a range, not the sum thirteen."""
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
    """ "three and six" / "three six" are two numbers: reading them as one fails."""
    assert read_words(f"{a} and {b}") is None
    assert read_words(f"{a} {b}") is None
    assert read_words(f"{a} hundred and {b}") == (UNITS.index(a) + 1) * 100 + UNITS.index(b) + 1


def test_things_are_never_casualties() -> None:
    """ "13 men were detained and several weapons were found": the weapons are no arrest."""
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
    """ "killed Taliban leader Saifullah": a titled, named person is one."""
    one = extract_counts("Troops killed Haqqani commander Jalaluddin near Khost.")[0]
    assert (one.value, one.counted, one.category, one.rule) == (1, "commander", "KILL", "title+cue")
    assert extract_counts("Police arrested Taliban fighters near Khost.") == []


def test_from_to_shares_the_unit_of_the_second_number() -> None:
    """ "from 3.2 to 2.9 per cent": the first level is a percentage too."""
    first, second = extract_counts("Inflation eased from 3.2 to 2.9 per cent in May.")[:2]
    assert (first.value, first.unit) == (3.2, "%")
    assert (second.value, second.unit) == (2.9, "%")
    # without "from" a bare number before "to" keeps no unit ("aged 5 to 7 years" aside)
    bare = extract_counts("Pupils scored 3 to 4 percent higher.")[0]
    assert bare.qualifier == "range"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The haul fell from 310 kilograms to 240 within a year.", "kg"),
        ("The climbers went from 5,200 metres up to 6,100 in two days.", "m"),
    ],
)
def test_bare_level_after_to_keeps_the_unit(text: str, unit: str) -> None:
    counts = extract_counts(text)
    assert [c.unit for c in counts[:2]] == [unit, unit], counts


def test_bare_level_after_to_keeps_the_counted_noun() -> None:
    """ "gained 51.2 points to 3,980.4": the new level is in points as well."""
    counts = extract_counts("The Nasdaq gained 51.2 points to 3,980.4 on Tuesday.")
    assert [c.counted for c in counts] == ["point", "point"]


def test_bare_number_after_a_percentage_gets_no_unit() -> None:
    """ "climbed 0.4% to 1,210.5": the index level is not a percentage."""
    counts = extract_counts("The index climbed 0.4% to 1,210.5.")
    assert counts[1].unit is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                " ",
                "  ",
                "-",
                "(",
                ")",
                ".",
                ",",
                "$",
                "£",
                "5",
                "12",
                "3,500",
                "1.5",
                "2bn",
                "%",
                "km",
                "killed",
                "a",
                "dozen",
                "five",
                "several",
                "people",
                "was arrested",
                "the",
                "10:30",
                "1990s",
                "+",
                "−",
                "'",
                "’",
                "\n",
                "x",
                "Minus-",
                "twenty-one",
            ]
        ),
        max_size=30,
    )
)
def test_scanner_finds_what_the_master_pattern_finds(parts: list[str]) -> None:
    """The fast scanner (`Lexicon.scan`) yields exactly the matches of the token pattern
    itself, with the same offsets and groups."""
    from newsfacts.extract.counts import _candidates
    from newsfacts.extract.counts_lexicon import lexicon

    text = "".join(parts)
    lex = lexicon()
    fast = [
        (m.start(), m.end(), m.lastgroup, m.group(), m.start(m.lastgroup), m.group(m.lastgroup))
        for m in _candidates(text, lex)
    ]
    slow = [
        (m.start(), m.end(), m.lastgroup, m.group(), m.start(m.lastgroup), m.group(m.lastgroup))
        for m in _master().finditer(text)
    ]
    assert fast == slow


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The port runs a 300,000 barrel-a-day refinery.", "bbl/d"),  # hyphenated rate
        ("Seas could rise 3 feet per century.", "ft/century"),
    ],
)
def test_rates(text: str, unit: str) -> None:
    assert extract_counts(text)[0].unit == unit


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The meal has 1,200 calories.", "calorie"),  # -ies from -ie, not -y
        ("The studio released four movies.", "movie"),
        ("Floods destroyed 30 bakeries.", "bakery"),  # the usual -ies -> -y
    ],
)
def test_ies_lemmas(text: str, counted: str) -> None:
    assert extract_counts(text)[0].counted == counted


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        # number + noun modify a later noun: the noun after the number is counted
        ("They bought a 40-seat bus.", "seat"),
        ("The family rents a four-bedroom flat.", "bedroom"),
        ("Officials released a 90 page report on Friday.", "page"),
        # a plural head is counted as usual, and "one" takes its noun phrase whole
        ("Troops killed two coalition soldiers.", "soldier"),
        ("He bought 3 cylinder heads.", "head"),
        ("There is one particular problem.", "problem"),
    ],
)
def test_compound_modifier_counts(text: str, counted: str) -> None:
    assert extract_counts(text)[0].counted == counted
