"""Counts: units carried over in coordinated and elliptical numbers, index
levels, ratios ("one in three"), house-style ranges, the stuff a unit measures, and the
ISAF event date.

Every sentence is written for its test (other numbers, nouns and places than the resource
examples and the gold corpora), so a rule that only fits one example fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsfacts.evaluate.counts import cqe_quantities
from newsfacts.extract.counts import extract_counts


def _read(text: str) -> list[tuple[str, float | None, str | None, str | None]]:
    return [(c.surface, c.value, c.unit, c.counted) for c in extract_counts(text)]


def _units(text: str) -> list[tuple[Any, str]]:
    return [(q["value"], q["unit"]) for q in cqe_quantities(text, extract_counts(text))]


# ----------------------------------------------------------------------------- extractor


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # a part named before the whole it belongs to shares the whole's unit
        ("The council has spent 40 million of the 2.5 billion rupees it was given.", "INR"),
        ("She has paid 3 million of the $9 million she owes.", "USD"),
        # a scaled alternative carries its unit back to the first number
        ("Output could reach 4 million or 6 million barrels.", "bbl"),
    ],
)
def test_unit_of_the_whole_or_alternative(text: str, unit: str) -> None:
    first = extract_counts(text)[0]
    assert first.unit == unit


def test_index_level_takes_the_unit_of_its_change() -> None:
    found = _read("Madrid's IBEX (9,412.27, down 31.40 points) slipped again.")
    assert found[0][3] == "point" and found[1][3] == "point"
    # a plain number before a change in another noun stays bare
    assert _read("The index stood at 4,210.5, up 3.2 percent on the week.")[0][3] is None


@pytest.mark.parametrize(
    ("text", "unit", "counted"),
    [
        ("The club hopes to sign a striker or two before the deadline.", None, "striker"),
        ("Repairs should take a week or two.", "wk", None),
    ],
)
def test_count_of_one_or_two(text: str, unit: str | None, counted: str | None) -> None:
    two = extract_counts(text)[-1]
    assert two.value == 2 and two.unit == unit and two.counted == counted


def test_bare_number_shares_a_noun_across_a_measurement() -> None:
    text = (
        "There are 12,300 tenants who have waited for up to three years "
        "and 8,450 who have waited longer."
    )
    last = [c for c in extract_counts(text) if c.kind == "count"][-1]
    assert last.value == 8450 and last.counted == "tenant"


def test_bare_change_parallels_a_percentage_change() -> None:
    found = extract_counts("The CAC rose by 3 percent while the FTSE fell by 2.")
    assert [(c.value, c.unit, c.direction) for c in found] == [(3, "%", "up"), (2, "%", "down")]
    # a large bare change is a count, not a percentage
    found = extract_counts("Prices rose by 4 percent, and jobs rose by 350.")
    assert found[-1].unit is None


def test_count_sized_by_a_measurement() -> None:
    found = extract_counts("The plant fills three million 330ml cans a week.")
    assert found[0].value == 3_000_000 and found[0].counted == "can"
    assert found[1].unit == "ml"


@pytest.mark.parametrize(
    ("text", "value", "counted"),
    [
        ("One in four Canadians rents a home.", 0.25, "canadian"),
        ("Two out of five drivers said they speed.", 0.4, "driver"),
        ("Roughly 1 in 20 said no.", 0.05, None),
    ],
)
def test_ratio_is_a_fraction(text: str, value: float, counted: str | None) -> None:
    first = extract_counts(text)[0]
    assert first.kind == "fraction" and first.value == pytest.approx(value)
    assert first.counted == counted


@pytest.mark.parametrize(
    "text",
    [
        "He scored 2 in 10 minutes.",  # a denominator with a unit is a duration
        "The team won 3 in 2019.",  # a four-digit denominator is a year
    ],
)
def test_not_a_ratio(text: str) -> None:
    assert all(c.kind != "fraction" for c in extract_counts(text))


def test_house_style_range() -> None:
    first = extract_counts("The work will take six to 14 weeks.")[0]
    assert (first.qualifier, first.value_low, first.value_high, first.unit) == (
        "range",
        6,
        14,
        "wk",
    )


def test_rate_after_the_stuff_a_unit_measures() -> None:
    first = extract_counts("The field yields 2 million barrels of oil a day.")[0]
    assert first.unit == "bbl/d"


# ----------------------------------------------------------------------------- CQE units


def test_cqe_unit_names_the_stuff() -> None:
    assert _units("The well has produced 4 million barrels of oil so far.") == [
        (4_000_000, "barrel of oil")
    ]
    assert _units("They pump 2 million barrels of oil a day.") == [
        (2_000_000, "barrel of oil per day")
    ]


# ----------------------------------------------------------------------------- scanner


@pytest.mark.parametrize(
    "text",
    ["12 people", "Two were killed", "$5m was paid", "'90s", "-4C overnight", "A dozen eggs"],
)
def test_token_at_the_text_start(text: str) -> None:
    """A token at offset 0 reads as it would after a space, with offsets in the text."""
    import re

    from newsfacts.extract.counts_lexicon import lexicon, token_at

    lex = lexicon()
    token = token_at(text, 0, lex)
    master = re.compile(lex.master_source).match(text)
    assert (token is None) == (master is None)
    if token is not None and master is not None:
        assert (token.start(), token.end(), token.lastgroup, token.group()) == (
            master.start(),
            master.end(),
            master.lastgroup,
            master.group(),
        )
        assert token.start(token.lastgroup) == master.start(master.lastgroup)


# ----------------------------------------------------------------------------- ISAF


def test_dateline_with_no_space_before_the_year() -> None:
    from datetime import date

    from newsfacts.evaluate.counts import _event_date, release_date

    text = (
        "2013-02-S-007\nKABUL, Afghanistan (Feb. 12,2013)\nForces detained three "
        "suspected insurgents in Zabul province yesterday."
    )
    published = release_date(text)
    assert published == date(2013, 2, 12)
    assert _event_date(text, published) == "2013-02-11"


@pytest.mark.parametrize(
    ("text", "captured"),
    [
        # a headline figure retold by the body counts once, as the body gives it
        (
            "Over 30 Suspects Held in Kunduz Sweep\nISAF Joint Command - Afghanistan\n"
            "2010-05-CA-012\nIn Kunduz province, several suspected insurgents were detained.",
            3,
        ),
        # a headline figure the body gives no figure for is kept
        (
            "Several Suspects Detained in Logar\nISAF Joint Command - Afghanistan\n"
            "2010-06-CA-044\nForces detained suspected insurgents, including a commander.",
            3,
        ),
    ],
)
def test_headline_counts(text: str, captured: int) -> None:
    from newsfacts.evaluate.counts import totals

    assert totals(text, extract_counts(text))[1] == captured


def test_surrender_is_taken_into_custody() -> None:
    first = extract_counts("Fourteen fighters surrendered to police in Kunar on Monday.")[0]
    assert (first.value, first.category) == (14, "ARREST")
    assert extract_counts("Three men gave themselves up.")[0].category == "ARREST"


# ----------------------------------------------------------------------------- more units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It sells two-, three- and four-door models.", [(2, "door"), (3, "door"), (4, "door")]),
        ("Planes in the 150- to 220-seat market.", [(150, "seat"), (220, "seat")]),
        ("Flats with 1- and 2-bedroom layouts.", [(1, "bedroom"), (2, "bedroom")]),
    ],
)
def test_suspended_hyphen_shares_the_noun(text: str, expected: list[tuple[int, str]]) -> None:
    found = [(c.value, c.counted) for c in extract_counts(text) if c.kind == "count"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The trail is half a mile long.", 0.5, "mi"),
        ("Add 1/8 of a US pint of cream.", 0.125, "pt"),
        ("They waited a quarter of an hour.", 0.25, "h"),
        ("Pour in two quarts of stock.", 2, "qt"),
    ],
)
def test_fraction_of_a_unit(text: str, value: float, unit: str) -> None:
    first = extract_counts(text)[0]
    assert first.value == pytest.approx(value) and first.unit == unit


def test_half_time_is_no_fraction_of_a_unit() -> None:
    assert extract_counts("They led at half time.") == []


def test_rate_after_a_conversion_in_brackets() -> None:
    found = extract_counts("The deal is worth 4 billion euros ($4.4 billion) a year to the firm.")
    assert [c.unit for c in found] == ["EUR/yr", "USD"]
    assert found[0].surface == "4 billion euros"
