"""Place rules: states named by agencies, person names with a middle
initial, datelines after a headline, municipal words, party labels, "Ste.", and the
speed-ups of recognition (each checked against the slower form it replaced).

Texts are written for these tests in the style of US local news; they use the real
gazetteer.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.extract.places_lexicon import tsv_rows
from newsfacts.extract.places_normalize import _DOUBLE, _single
from newsfacts.extract.places_recognize import (
    _ELIDED_CAP,
    _scan_word_before,
    _word_before,
)
from newsfacts.records import PlaceMention


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _surfaces(text: str, gaz: Gazetteer) -> dict[str, PlaceMention]:
    return {m.surface: m for m in extract_places(text, gazetteer=gaz)}


def test_a_state_agency_places_the_towns(gaz: Gazetteer) -> None:
    text = (
        "A Williston man, 87, died Monday when his car was hit at a crossroads, "
        "according to a Florida Highway Patrol report."
    )
    found = _surfaces(text, gaz)
    assert (found["Williston"].country_code, found["Williston"].admin1_code) == ("US", "FL")
    assert "Florida" not in found  # the agency's name is still no mention


def test_an_agency_named_after_a_city_or_an_ambiguous_area_is_no_evidence(
    gaz: Gazetteer,
) -> None:
    post = "Officials in Washington denied it, the Washington Post reported on Friday."
    assert _surfaces(post, gaz)["Washington"].admin1_code == "DC"
    both = "Agents of the Georgia Bureau of Investigation arrested a man in Rome."
    assert _surfaces(both, gaz)["Rome"].country_code == "IT"  # "Georgia" decides nothing


def test_a_persons_name_is_no_evidence_of_a_country(gaz: Gazetteer) -> None:
    text = (
        "The president hired John Bolton as his adviser. Bolton said he would meet the "
        "chief of staff in Washington. Bolton, 69, declined to comment."
    )
    washington = _surfaces(text, gaz)["Washington"]
    assert (washington.country_code, washington.admin1_code) == ("US", "DC")  # not England


def test_a_cue_does_not_make_a_persons_name_a_fuzzy_place(gaz: Gazetteer) -> None:
    text = (
        "Senator Scott Pruitt spoke on Monday. The letter to Pruitt was sent from "
        "Wichita, Kansas, and Topeka, Kansas."
    )
    found = _surfaces(text, gaz)
    assert "Pruitt" not in found  # not Pratt, Kansas, by its transliteration skeleton
    assert "Wichita" in found


def test_a_first_name_with_a_middle_initial_is_a_person(gaz: Gazetteer) -> None:
    text = "In the other car, driver Virginia L. Lane, 77, was treated for minor injuries."
    assert "Virginia" not in _surfaces(text, gaz)
    state = "Trooper Sam Hill of the Ohio State Patrol said that Virginia J. Smith was hurt."
    assert "Virginia" not in _surfaces(state, gaz)
    two_words = "Officers from the Massachusetts State Police said the road reopened."
    assert "Massachusetts" not in _surfaces(two_words, gaz)  # an agency, as before


def test_a_surname_after_a_middle_initial_is_a_person(gaz: Gazetteer) -> None:
    text = "Crystal N. Bright of Lexington and Terry A. Corbin were charged on Friday."
    found = _surfaces(text, gaz)
    assert "Bright" not in found and "Corbin" not in found
    assert "Lexington" in found
    assert "Corbin" in _surfaces("Police in Corbin, Ky., said the road was closed.", gaz)


def test_a_lone_letter_is_no_place(gaz: Gazetteer) -> None:
    found = _surfaces("Rents rose in W. Columbia and in the city of Aiken, S.C.", gaz)
    assert "W" not in found  # an alternate name of a town in Djibouti


def test_a_dateline_after_the_headline_is_a_place(gaz: Gazetteer) -> None:
    text = "Man found in car sunk in lake. HUDSON -- Officials say a man drowned there."
    hudson = _surfaces(text, gaz)["HUDSON"]
    assert (hudson.country_code, hudson.feature) == ("US", "city")
    with_state = "Museum to open today. SOUTH CHARLESTON, W.Va. -- Photographs of artifacts."
    town = _surfaces(with_state, gaz)["SOUTH CHARLESTON"]
    assert (town.country_code, town.admin1_code) == ("US", "WV")
    mid_sentence = "The mill was owned by HUDSON -- a firm from out of state -- until May."
    assert "HUDSON" not in _surfaces(mid_sentence, gaz)
    aside = "The jet ran over budget. EADS - Airbus' owner - admitted it this week."
    assert "EADS" not in _surfaces(aside, gaz)


def test_a_dateline_with_its_state_or_agency(gaz: Gazetteer) -> None:
    agency = "Boaters avoid the tax. HAMMOND, Ind. (AP) — The state said so on Friday."
    town = _surfaces(agency, gaz)["HAMMOND"]
    assert (town.country_code, town.admin1_code) == ("US", "IN")
    no_dash = "Storm overturns big rigs. SALINA, Kan. Strong winds toppled 13 trucks."
    town = _surfaces(no_dash, gaz)["SALINA"]
    assert (town.country_code, town.admin1_code) == ("US", "KS")


def test_a_qualifier_of_two_words(gaz: Gazetteer) -> None:
    text = "She grew up in Greer, South Carolina, and moved to Wellington, New Zealand."
    found = _surfaces(text, gaz)
    assert (found["Greer"].admin1_code, found["Greer"].resolution) == ("SC", "context:qualifier")
    assert found["Wellington"].country_code == "NZ"
    listed = "After stops in Washington, New York and Boston, the prince flew home."
    assert _surfaces(listed, gaz)["Washington"].admin1_code == "DC"  # a list, no qualifier


@pytest.mark.parametrize("row", tsv_rows("places_municipal_words.txt"), ids=lambda r: r[0])
def test_municipal_word_examples(row: list[str], gaz: Gazetteer) -> None:
    word, example = row
    town = example.split()[0] if word != "township" else "Haslett"
    found = _surfaces(example, gaz)
    assert town in found, example
    assert found[town].feature == "city"
    # Without the word the town is too small to be taken on its own.
    bare = example.replace(f" {word} ", " ", 1).replace(f" {word.title()} ", " ", 1)
    assert town not in _surfaces(bare, gaz), bare


def test_a_county_naming_an_agency_is_the_place_of_the_run(gaz: Gazetteer) -> None:
    text = "Staff of the Tarrant County Public Health office in Fort Worth, Texas, said so."
    county = _surfaces(text, gaz)["Tarrant County"]
    assert (county.country_code, county.admin1_code) == ("US", "TX")
    fair = "Take a stroll around the Walker County Fairgrounds in Georgia this weekend."
    assert "Walker County" in _surfaces(fair, gaz)


def test_a_possessive_inside_a_known_name_joins_it(gaz: Gazetteer) -> None:
    text = (
        "Envoys of the Democratic People's Republic of Korea and the People's Republic "
        "of China met; China's president was absent."
    )
    found = _surfaces(text, gaz)
    assert found["Democratic People's Republic of Korea"].country_code == "KP"
    assert found["People's Republic of China"].country_code == "CN"
    assert found["China"].country_code == "CN"  # a possessive before a common noun


def test_a_stopword_opens_only_an_area_name(gaz: Gazetteer) -> None:
    text = (
        "The Republic of Korea sent aid. Then a University of Cincinnati student took "
        "tools from the City of Richmond’s depot."
    )
    found = _surfaces(text, gaz)
    assert found["Republic of Korea"].country_code == "KR"
    assert "Cincinnati" in found and "Richmond" in found  # not swallowed by the opener


def test_a_feature_cue_does_not_pull_a_country_to_a_foreign_state(gaz: Gazetteer) -> None:
    text = "Officials in Baku said Azerbaijan had mined the border territory of Georgia."
    georgia = next(m for m in extract_places(text, gazetteer=gaz) if m.surface == "Georgia")
    assert (georgia.country_code, georgia.feature) == ("GE", "country")
    named = (
        "Georgian officials said Azerbaijan had mined the border territory of Georgia, "
        "the US embassy said."
    )
    georgia = next(m for m in extract_places(named, gazetteer=gaz) if m.surface == "Georgia")
    assert georgia.country_code == "GE"  # the US named too, but so is Georgia
    local = "Atlanta police said the suspect fled to the state of Georgia last year."
    state = next(m for m in extract_places(local, gazetteer=gaz) if m.surface == "Georgia")
    assert (state.country_code, state.admin1_code) == ("US", "GA")


def test_a_county_road_is_a_road(gaz: Gazetteer) -> None:
    found = _surfaces("The car left County Road 109 two miles east of Brandon.", gaz)
    assert found["County Road 109"].feature == "road"


def test_a_party_label_gives_the_home_town(gaz: Gazetteer) -> None:
    text = "The bill was backed by Rep. Barbara Lee, D-Oakland, and two others."
    oakland = _surfaces(text, gaz)["Oakland"]
    assert (oakland.country_code, oakland.admin1_code) == ("US", "CA")
    paren = "It was sponsored by state Sen. Ray Miller (D-Columbus) last year."
    assert "Columbus" in _surfaces(paren, gaz)
    assert "Day" not in _surfaces("The D-Day landings were in France.", gaz)


def test_sainte_keeps_the_name_whole(gaz: Gazetteer) -> None:
    text = "He grew up in Sault Ste. Marie, Ontario, before moving south."
    town = _surfaces(text, gaz)["Sault Ste. Marie"]
    assert (town.country_code, town.admin1_code) == ("CA", "08")


@given(st.text(alphabet="ab .\t,\n'é1", max_size=40), st.integers(min_value=0, max_value=40))
def test_word_before_fast_path_agrees_with_the_scan(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert _word_before(text, pos) == _scan_word_before(text, pos)


_OLD_ELIDED = re.compile(r"(?<![\w'’ʿʾ‘])[dl]['’][^\W\d_a-z][^\W_]*(?:['’ʿʾ‘][^\W_]+)*")


@given(st.text(alphabet="dlI'’ʿ AaCc1_", max_size=30))
def test_elided_pattern_finds_what_the_leading_lookbehind_found(text: str) -> None:
    new = [(m.start(), m.end()) for m in _ELIDED_CAP.finditer(text)]
    assert new == [(m.start(), m.end()) for m in _OLD_ELIDED.finditer(text)]


@given(st.text(alphabet="aelnmssphqckouwjy ", max_size=30))
def test_the_doubled_letter_function_does_what_the_template_did(token: str) -> None:
    assert _DOUBLE.sub(_single, token) == _DOUBLE.sub(r"\1", token)
