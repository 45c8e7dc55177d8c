"""Place rules: Persian/Pashto names, capitalised lead words,
misspelt provinces, capitals against country context, demonym + person runs.

Texts are written for these tests in the style of military press releases and
international news; they use the real gazetteer.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.extract.places_resolve import _one_edit
from newsfacts.records import PlaceMention

_RELEASE = "KABUL, Afghanistan (March 3, 2011)\u2028"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _surfaces(text: str, gaz: Gazetteer) -> dict[str, PlaceMention]:
    return {m.surface: m for m in extract_places(text, gazetteer=gaz)}


def test_ezafe_names_are_one_name(gaz: Gazetteer) -> None:
    text = (
        _RELEASE + "A patrol detained two men in Sar-e Pul district, Sar-e Pul province, "
        "and a third near Pul-e Khumri. Supplies came from Qala-i-Naw."
    )
    found = _surfaces(text, gaz)
    province = found["Sar-e Pul province"]
    assert (province.country_code, province.feature) == ("AF", "admin1")
    assert found["Pul-e Khumri"].country_code == "AF"
    assert found["Qala-i-Naw"].country_code == "AF"
    assert "Sar" not in found and "Pul" not in found  # never Sarh, Chad, or Poole


def test_ayn_mark_opens_a_word_of_the_name(gaz: Gazetteer) -> None:
    found = _surfaces(_RELEASE + "The force searched a compound in Pul-e ‘Alam on Monday.", gaz)
    assert found["Pul-e ‘Alam"].country_code == "AF"


def test_capitalised_in_does_not_block_the_name(gaz: Gazetteer) -> None:
    text = _RELEASE + "In Khost province, a combined force detained two insurgents."
    found = _surfaces(text, gaz)
    assert found["Khost province"].country_code == "AF"
    text = _RELEASE + "In Ghorak district, Kandahar province, a force detained a man."
    assert "Ghorak district" in _surfaces(text, gaz)  # not "In Ghorak district"


def test_lead_word_kept_when_the_whole_run_is_a_name(gaz: Gazetteer) -> None:
    found = _surfaces("Delegates met in The Hague on Tuesday.", gaz)
    assert found["The Hague"].country_code == "NL"


def test_district_named_after_its_seat_gives_the_province(gaz: Gazetteer) -> None:
    text = _RELEASE + "In Qalat district, a security force detained a Taliban leader."
    district = _surfaces(text, gaz)["Qalat district"]
    assert (district.country_code, district.resolution) == ("AF", "admin2:state")
    assert district.admin1_code is not None


def test_misspelt_province_of_the_article_country_beats_a_foreign_one(
    gaz: Gazetteer,
) -> None:
    text = (
        _RELEASE + "An Afghan and coalition force detained two insurgents in Nawah "
        "district, Ghanzi province, yesterday."
    )
    province = _surfaces(text, gaz)["Ghanzi province"]
    assert (province.country_code, province.name) == ("AF", "Ghaznī")


def test_foreign_province_without_a_near_namesake_stays(gaz: Gazetteer) -> None:
    text = "Jets struck Idlib province overnight, the Pentagon said in Washington."
    assert _surfaces(text, gaz)["Idlib province"].country_code == "SY"


def test_plural_feature_word(gaz: Gazetteer) -> None:
    text = _RELEASE + "Militants were detained in Laghman and Ghazni provinces."
    assert _surfaces(text, gaz)["Ghazni provinces"].feature == "admin1"


def test_country_mention_does_not_beat_a_foreign_capital(gaz: Gazetteer) -> None:
    text = (
        "The US team arrived in Athens on Sunday. The Americans hope to win ten gold "
        "medals at the Olympics, their coach said."
    )
    assert _surfaces(text, gaz)["Athens"].country_code == "GR"


def test_state_evidence_still_picks_the_local_town(gaz: Gazetteer) -> None:
    text = (
        "ATHENS, Ga. -- The University of Georgia said on Monday that Athens police "
        "and Clarke County deputies closed two streets near Gainesville and Watkinsville."
    )
    athens = [m for m in extract_places(text, gazetteer=gaz) if m.surface == "Athens"]
    assert athens and all(m.country_code == "US" for m in athens)


def test_capitals_are_marked(gaz: Gazetteer) -> None:
    names = {gaz.names[r] for r in gaz.capitals}
    assert {"Athens", "Kabul", "Paris", "Washington"} <= names
    assert "Alexandria" not in names


def test_area_name_losing_to_a_hamlet_vouches_for_nothing(gaz: Gazetteer) -> None:
    text = (
        "Tamil Nadu asked the Supreme Court to act. The Centre had failed to frame a "
        "scheme, the State said, and the Centre asked for more time."
    )
    assert "Centre" not in _surfaces(text, gaz)  # India's government, not Centre, Alabama


def test_demonym_then_given_name_is_a_person(gaz: Gazetteer) -> None:
    text = "He finished well short of American Maurice Greene in the 100m final."
    found = _surfaces(text, gaz)
    assert found["American"].demonym
    assert "Maurice" not in found and "Greene" not in found


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("ghanzi", "ghazni", True),  # two letters swapped
        ("kunar", "konar", True),  # one changed
        ("helmand", "hilmand", True),
        ("paktia", "paktiya", True),  # one added
        ("logar", "logar", False),  # the same name is no slip
        ("zabul", "kabul", True),
        ("zabul", "kunduz", False),
    ],
)
def test_one_edit(a: str, b: str, near: bool) -> None:
    assert _one_edit(a, b) is near


@given(st.text(alphabet="abcdefgh", min_size=2, max_size=12), st.data())
def test_one_edit_properties(word: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(word) - 1))
    assert _one_edit(word, word[:i] + word[i + 1 :])  # a letter dropped
    assert _one_edit(word[:i] + word[i + 1 :], word)  # symmetric
    assert not _one_edit(word, word)
    if word[i] != "z":
        assert _one_edit(word, word[:i] + "z" + word[i + 1 :])  # a letter changed


def test_dateline_country_keeps_the_local_namesake_of_a_capital(gaz: Gazetteer) -> None:
    text = "Fighting resumed in Tripoli on Tuesday, the army said."
    found = extract_places(text, gazetteer=gaz, dateline_place="BEIRUT, Lebanon")
    assert [m.country_code for m in found if m.surface == "Tripoli"] == ["LB"]
    assert _surfaces(text, gaz)["Tripoli"].country_code == "LY"  # the capital, bare
