"""Resolution by article context: agreeing names, named states, prominence, counties.

Short articles written for these tests; each rule is checked in both directions (the
context that pulls a name one way, and a variant that pulls it the other way).
"""

from __future__ import annotations

import pytest

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.records import PlaceMention


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def senses(text: str, gaz: Gazetteer, surface: str) -> set[tuple[str | None, str | None]]:
    found = [m for m in extract_places(text, gazetteer=gaz) if m.surface == surface]
    assert found, f"{surface!r} not found in {text!r}"
    return {(m.country_code, m.admin1_code) for m in found}


def mentions(text: str, gaz: Gazetteer) -> list[PlaceMention]:
    return extract_places(text, gazetteer=gaz)


def test_towns_of_one_state_pull_an_ambiguous_town_there(gaz: Gazetteer) -> None:
    georgia = (
        "The council in Gainesville approved the plan. Mayors from Dahlonega, Cumming "
        "and Buford attended."
    )
    assert senses(georgia, gaz, "Gainesville") == {("US", "GA")}
    texas = (
        "The council in Gainesville approved the plan. Mayors from Denton, Sherman "
        "and Decatur attended."
    )
    assert senses(texas, gaz, "Gainesville") == {("US", "TX")}


def test_a_named_state_pulls_its_towns(gaz: Gazetteer) -> None:
    virginia = "Alexandria police found the car on Monday. Virginia troopers joined the search."
    assert senses(virginia, gaz, "Alexandria") == {("US", "VA")}
    louisiana = "Alexandria police found the car on Monday. Louisiana troopers joined the search."
    assert senses(louisiana, gaz, "Alexandria") == {("US", "LA")}
    egypt = "Alexandria police found the car on Monday. Officers in Cairo joined the search."
    assert senses(egypt, gaz, "Alexandria") == {("EG", "06")}


def test_georgia_the_state_or_the_country(gaz: Gazetteer) -> None:
    state = "Georgia lawmakers met in Atlanta. Farmers from Macon and Valdosta protested."
    found = [m for m in mentions(state, gaz) if m.surface == "Georgia"]
    assert [(m.feature, m.country_code, m.admin1_code) for m in found] == [("admin1", "US", "GA")]
    country = "Georgia held elections on Sunday. Voters in Tbilisi and Batumi queued early."
    found = [m for m in mentions(country, gaz) if m.surface == "Georgia"]
    assert [(m.feature, m.country_code) for m in found] == [("country", "GE")]


def test_a_hamlet_does_not_displace_a_famous_namesake(gaz: Gazetteer) -> None:
    # Louisville, Ohio exists, but Ohio towns named nearby are not enough for it.
    text = (
        "The team flew from Columbus to Louisville for the game. Fans from Toledo, "
        "Akron and Dayton followed."
    )
    assert senses(text, gaz, "Louisville") == {("US", "KY")}
    # A qualifier still settles it.
    assert senses("Louisville, Ohio, held a parade.", gaz, "Louisville") == {("US", "OH")}


def test_a_name_is_not_its_own_context(gaz: Gazetteer) -> None:
    # Three mentions of one name do not make the article about that name's state.
    text = (
        "Gainesville officials met. Gainesville schools closed. Roads flooded in "
        "Gainesville and in Dahlonega, Cumming and Buford."
    )
    assert senses(text, gaz, "Gainesville") == {("US", "GA")}


def test_country_names_joined_by_and(gaz: Gazetteer) -> None:
    found = mentions("Officials in Trinidad and Tobago and in Bosnia and Herzegovina met.", gaz)
    assert [(m.surface, m.country_code, m.feature) for m in found] == [
        ("Trinidad and Tobago", "TT", "country"),
        ("Bosnia and Herzegovina", "BA", "country"),
    ]
    found = mentions("Flights between Paris and London resumed.", gaz)
    assert [m.surface for m in found] == ["Paris", "London"]


def test_english_counties(gaz: Gazetteer) -> None:
    england = "Floods hit Kent and Sussex overnight; trains to London were cancelled."
    kent = [m for m in mentions(england, gaz) if m.surface == "Kent"]
    assert [(m.feature, m.country_code, m.admin1_code) for m in kent] == [("admin2", "GB", "ENG")]
    assert kent[0].latitude is not None and kent[0].geonameid is None
    washington = "Floods hit Kent and Auburn overnight; roads to Seattle and Tacoma were closed."
    assert senses(washington, gaz, "Kent") == {("US", "WA")}


def test_regions_without_a_country_have_no_country_code(gaz: Gazetteer) -> None:
    found = [m for m in mentions("Tension rose across the Middle East.", gaz)]
    assert [(m.feature, m.country_code) for m in found] == [("region", None)]
    assert found[0].geonameid is not None and found[0].latitude is not None


def test_a_us_county_says_which_state(gaz: Gazetteer) -> None:
    virginia = (
        "Schools in Richmond closed on Monday. Henrico County and Chesterfield County "
        "cancelled classes too."
    )
    found = [m for m in mentions(virginia, gaz) if m.surface.endswith("County")]
    assert {(m.country_code, m.admin1_code, m.resolution) for m in found} == {
        ("US", "VA", "admin2:state")
    }
    assert all(m.latitude is None for m in found)  # no county shapes offline
    assert senses(virginia, gaz, "Richmond") == {("US", "VA")}
    kentucky = "Schools in Richmond closed on Monday. Jessamine County and Garrard County followed."
    assert senses(kentucky, gaz, "Richmond") == {("US", "KY")}


def test_canadian_provinces_are_admin1_areas(gaz: Gazetteer) -> None:
    text = "Ontario will fund new schools, the premier said in Toronto."
    found = [m for m in mentions(text, gaz) if m.surface == "Ontario"]
    assert [(m.feature, m.country_code, m.admin1_code) for m in found] == [("admin1", "CA", "08")]
    assert found[0].latitude is not None
    california = "Ontario police arrested a man near Los Angeles and San Bernardino."
    assert senses(california, gaz, "Ontario") == {("US", "CA")}
