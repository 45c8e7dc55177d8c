"""Counts: counted-noun heads, shared measures, addresses, passive counts of one,
CQE unit conventions and ISAF release reading.

Every sentence is written for its test (other numbers, nouns and places than the resource
examples and the gold corpora), so a rule that only fits one example fails here.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsfacts.evaluate.counts import (
    _event_date,
    as_cqe,
    cqe_quantities,
    first_release,
    release_date,
    totals,
)
from newsfacts.extract.counts import extract_counts
from newsfacts.extract.resources import read_text


def _first(text: str) -> Any:
    found = extract_counts(text)
    assert found, text
    return found[0]


def _units(text: str) -> list[tuple[Any, str]]:
    return [(q["value"], q["unit"]) for q in cqe_quantities(text, extract_counts(text))]


# ----------------------------------------------------------------------------- extractor


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        # a plural heads the phrase even when it may modify ("insurgent leaders")
        ("Police held three suspected smugglers overnight in Herat.", "smuggler"),
        ("Troops detained two armed militants yesterday.", "militant"),
        # a participle after its noun does not head it
        ("Guards detained one man suspected of arson near the depot.", "man"),
        ("Police arrested one individual alleged to be a courier.", "individual"),
        # after "one" a plural-looking word is the verb
        ("One survey says most voters are undecided.", "survey"),
        ("One bank lends more than the others.", "bank"),
        # ... but "one of the ..." counts among a plural
        ("It is one of the oldest bridges in Europe.", "bridge"),
    ],
)
def test_counted_noun_heads(text: str, counted: str) -> None:
    assert _first(text).counted == counted


def test_partner_after_a_long_object_shares_its_category() -> None:
    text = (
        "Soldiers detained a bomb maker who had worked for years in the villages around "
        "Ghazni city, along with two suspected couriers, on Monday."
    )
    couriers = [c for c in extract_counts(text) if c.counted == "courier"]
    assert couriers and couriers[0].category == "ARREST"


def test_new_person_nouns_and_vague_phrases() -> None:
    forger = _first("Police arrested a forger in Jalalabad on Tuesday.")
    assert (forger.value, forger.counted, forger.category) == (1, "forger", "ARREST")
    many = _first("Troops detained a large number of suspects in Kunduz.")
    assert (many.qualifier, many.value, many.category) == ("vague", None, "ARREST")


@pytest.mark.parametrize(
    "text",
    [
        "He was later shot and killed by police.",
        "He was subsequently killed in the raid.",
        "He was wounded and killed in the crossfire.",
    ],
)
def test_passive_count_of_one_after_an_adverb(text: str) -> None:
    one = _first(text)
    assert (one.value, one.category, one.rule) == (1, "KILL", "pronoun+cue")


def test_bare_number_shares_the_currency_of_its_alternative() -> None:
    found = extract_counts("A coffee there costs 4 or £5 depending on the day.")
    assert [(c.value, c.unit) for c in found] == [(4, "GBP"), (5, "GBP")]


def test_change_by_then_level_with_currency_is_no_range() -> None:
    text = "Exports rose by $12.5 billion to $301.4 billion last year."
    assert [(c.value, c.qualifier) for c in extract_counts(text)] == [
        (12.5e9, "exact"),
        (301.4e9, "exact"),
    ]
    # a plain range with currencies stays one
    assert _first("Rents run from $900 to $1,400 a month.").qualifier == "range"


def test_fraction_of_a_group_named_before() -> None:
    found = _first("The firm hired 900 staff, nearly a third of whom work in Leeds.")
    assert found.value == 900
    share = [
        c for c in extract_counts("Of the 40 boats, half of them sank.") if c.kind == "fraction"
    ]
    assert share and share[0].value == 0.5


def test_parallel_decimal_repeats_the_measure() -> None:
    found = extract_counts("The top estimate is 61.5 cents, while the lowest is 58.25.")
    assert [(c.value, c.unit) for c in found] == [(61.5, "cent"), (58.25, "cent")]
    found = extract_counts("Gold rose 1.2% on Monday and 3.4 million ounces changed hands.")
    assert found[1].unit != "%"  # a scaled number is no repeated measure
    found = extract_counts("Profits grew 4% in 2017 and 2018.")
    assert [c.value for c in found] == [4]  # whole numbers are left alone


def test_decimal_millions_before_a_plural() -> None:
    found = _first("The album sold 1.8m physical and digital copies.")
    assert (found.value, found.unit) == (1.8e6, None)
    assert _first("They built a 2.4m high fence.").unit == "m"


def test_street_numbers_are_no_counts() -> None:
    assert extract_counts("The gallery at 14 W 57th St sold for $8m.")[0].unit == "USD"
    assert [c.value for c in extract_counts("He lived at 31 Blvd Haussmann in Paris.")] == []
    assert [c.value for c in extract_counts("Homes in the 10023 ZIP Code sold fast.")] == []


def test_year_before_to_is_no_range_start() -> None:
    found = extract_counts("Shipments grew 40% in 2019 to 2.6 million units.")
    assert [(c.value, c.qualifier) for c in found] == [(40, "exact"), (2.6e6, "exact")]


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("The reliever was worth 1.7 WAR last year.", "WAR", 1.7),
        ("The coupe makes 503 HP at 6,500 rpm.", "hp", 503),
        ("TIDES COULD RISE 9 FEET BY 2100", "ft", 9),
        ("Expect a high of 31 C in Madrid.", "°C", 31),
    ],
)
def test_unit_forms(text: str, unit: str, value: float) -> None:
    found = _first(text)
    assert (found.unit, found.value) == (unit, value)


def test_war_in_lower_case_is_no_unit() -> None:
    assert all(c.unit != "WAR" for c in extract_counts("After 3 war years the town emptied."))


# ----------------------------------------------------------------------------- CQE units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CQE's unit is the noun chunk: a modifier between determiner and number joins it
        ("Only the best four teams advance.", (4.0, "best team")),
        ("She scored a record 41 points.", (41.0, "record point")),
        ("a combined 230 flats", (230.0, "flat")),  # a participle does not
        # "more" marks an increase, not a kind
        ("They need six more votes.", (6.0, "vote")),
        # a rate of things
        ("The lab runs 1,200 tests per day.", (1200.0, "test per day")),
        # CQE's names for some counted nouns
        ("He threw 3 touchdowns on Sunday.", (3.0, "touch down")),
        ("The pitcher was worth 2.3 WAR.", (2.3, "win above replacement")),
    ],
)
def test_cqe_units(text: str, expected: tuple[float, str]) -> None:
    assert expected in _units(text)


def test_comparative_after_a_number_counts_nothing() -> None:
    text = "The new model is 3k cheaper than the old one."
    found = [as_cqe(text, c) for c in extract_counts(text)]
    assert [(q["value"], q["unit"]) for q in found if q] == [(3000.0, "-")]


# ----------------------------------------------------------------------------- ISAF


def test_partitive_of_a_named_person_restates_the_figure() -> None:
    text = (
        "KABUL, Afghanistan (May 3, 2011)\nForces detained one suspected insurgent in "
        "Logar province yesterday. During the search, one of Karim's associates was detained."
    )
    assert totals(text, extract_counts(text)) == (0, 1)
    # "the leader and one of his associates" is a second person
    text = (
        "KABUL, Afghanistan (May 3, 2011)\nForces captured a Taliban leader and one of "
        "his associates in Logar province yesterday."
    )
    assert totals(text, extract_counts(text)) == (0, 2)


def test_overnight_dates_the_night_before_the_release() -> None:
    text = "KABUL, Afghanistan (June 4, 2011)\nForces detained two men in Khost overnight."
    assert _event_date(text, release_date(text)) == "2011-06-03"
    # a dated sentence wins over "overnight"
    text = (
        "KABUL, Afghanistan (June 4, 2011)\nForces detained two men in Khost during an "
        "overnight raid June 1."
    )
    assert _event_date(text, release_date(text)) == "2011-06-01"


@pytest.mark.parametrize("number", ["2010-12-CA–031", "2011-3-S-012"])
def test_release_numbers_with_en_dash_or_short_month(number: str) -> None:
    text = f"{number}\nKABUL, Afghanistan (Dec. 4)\nForces detained two men."
    assert release_date(text) is not None
    joined = (
        f"2011-03-S-010\nKABUL, Afghanistan (March 2, 2011)\nForces detained two men.\n"
        f"{number}\nKABUL, Afghanistan (March 3)\nForces killed one gunman."
    )
    assert first_release(joined).endswith("two men.\n")


def test_gas_price_per_mmbtu() -> None:
    found = _first("Henry Hub futures settled at $2.91 per MMBtu on Friday.")
    assert (found.value, found.unit) == (2.91, "USD/MMBtu")
    assert (2.91, "dollar per mega british thermal unit") in _units(
        "Henry Hub futures settled at $2.91 per MMBtu on Friday."
    )


def test_report_date_gives_way_to_an_earlier_event_date() -> None:
    text = (
        "KABUL, Afghanistan (Nov. 20, 2011)\nOfficials today confirmed they recently "
        "detained a bomb maker. The man was arrested Nov. 9 in Kandahar."
    )
    assert _event_date(text, release_date(text)) == "2011-11-09"


def test_title_with_a_full_date_dates_the_release() -> None:
    text = (
        "ISAF Joint Command Evening Operational Update July 21, 2011\n2011-07-S-077\n"
        "Forces detained a weapons dealer in Zabul province, Tuesday."
    )
    assert release_date(text) is not None
    assert str(release_date(text)) == "2011-07-21"
    assert _event_date(text, release_date(text)) == "2011-07-19"


@pytest.mark.parametrize(
    ("sentence", "killed"),
    json.loads(read_text("counts_tallies.json"))["own_forces_examples"],
)
def test_own_forces_are_not_the_operations_dead(sentence: str, killed: int) -> None:
    text = f"KABUL, Afghanistan (Sept. 9, 2011)\n{sentence}"
    assert totals(text, extract_counts(text))[0] == killed


def test_lead_total_told_again_in_parts() -> None:
    text = (
        "KABUL, Afghanistan (Aug. 2, 2011)\nForces killed nine insurgents in Kunar province "
        "yesterday. Gunners on a hill fired at the patrol and five insurgents were killed. "
        "An air weapons team engaged the rest, killing four insurgents."
    )
    assert totals(text, extract_counts(text))[0] == 9
    # a later sentence that says it adds is counted on top
    text = (
        "KABUL, Afghanistan (Aug. 2, 2011)\nForces detained three suspects in Ghazni "
        "province yesterday. The force also detained two additional suspects."
    )
    assert totals(text, extract_counts(text))[1] == 5


def test_two_modifiers_of_one_plural_head() -> None:
    assert _first("The chain sold 2.1m new and used cars last year.").counted == "car"
    assert _first("Police seized 80 Ford and Toyota pickups.").counted == "pickup"
    assert (2100000.0, "new used car") in _units("The chain sold 2.1m new and used cars.")
    # two nouns joined by "and" are two things
    assert _first("He owns 5 cats and a dog.").counted == "cat"


def test_whilst_shares_the_counted_noun() -> None:
    found = extract_counts("The north has 40 clinics whilst the south has 25.")
    assert [(c.value, c.counted) for c in found] == [(40, "clinic"), (25, "clinic")]


def test_elided_noun_takes_the_antecedent_phrase() -> None:
    text = "Thieves stole 310 delivery vans this year, compared with 85 last year."
    assert (85.0, "delivery van") in _units(text)


def test_a_hyphen_into_another_number_is_no_counted_noun() -> None:
    quick = extract_counts("The SUV shaved 10 seconds off that 0-to-60-mph time.")
    assert [(c.surface, c.counted) for c in quick if c.kind == "count"] == [("0", None)]
    skull = extract_counts("It fits a 200,000 to-260,000 year-old skull found in Dali.")
    assert all(c.counted is None for c in skull)
