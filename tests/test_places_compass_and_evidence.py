"""Place rules: compass words and self-evidence.

- Compass words opening a run qualify the place after them ("North West England",
  "Eastern Ukraine"): the mention covers them and resolves as that place, when the place
  is an area or follows a locative cue, and unless the gazetteer knows the whole run
  ("North Korea", "West Bank").
- A town's name is not country evidence for itself: a lone "Lancaster" among British
  words is Lancaster, England, not its biggest (American) namesake.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.extract.places_lexicon import tsv_rows


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize("row", tsv_rows("places_compass.tsv"), ids=lambda r: r[0])
def test_compass_examples(row: list[str], gaz: Gazetteer) -> None:
    word, example, country = row
    start = example.index(word.capitalize() + " ")
    mentions = [m for m in extract_places(example, gazetteer=gaz) if m.char_start >= start]
    assert mentions, example
    assert mentions[0].char_start == start, (example, mentions[0])
    assert mentions[0].country_code == country, (example, mentions[0])
    assert not mentions[0].demonym


def test_compass_words_keep_known_names(gaz: Gazetteer) -> None:
    text = "North Korea fired a missile. Settlers in the West Bank protested."
    got = [(m.surface, m.country_code) for m in extract_places(text, gazetteer=gaz)]
    assert got == [("North Korea", "KP"), ("West Bank", "PS")]


def test_compass_word_before_a_village_needs_a_cue(gaz: Gazetteer) -> None:
    # "Wing" is an English village, but "the West Wing" is a part of a building.
    text = "Aides said the West Wing was tense on Friday."
    assert extract_places(text, gazetteer=gaz) == []


def test_compass_run_before_an_area_is_one_mention(gaz: Gazetteer) -> None:
    text = "It is the finest aqueduct in North West England, engineers said."
    (mention,) = extract_places(text, gazetteer=gaz)
    assert mention.surface == "North West England"
    assert mention.name == "England"


def test_a_town_is_no_evidence_for_its_own_country(gaz: Gazetteer) -> None:
    text = (
        "Lancaster canal closed. The aqueduct has been closed by British Waterways. "
        "A spokesman for British Waterways said repairs would take weeks."
    )
    (lancaster,) = [m for m in extract_places(text, gazetteer=gaz) if m.surface == "Lancaster"]
    assert lancaster.country_code == "GB"


# ----------------------------------------------------------------- speed refactors
# Cheaper forms of the same functions (issue 7): they must agree with the plain ones.

_WORDS = st.text(alphabet="abcdeghijklmnopqrstuwyAEQ'’-", min_size=1, max_size=9)


@given(st.lists(st.sampled_from(["al", "an", "el", *"abc"]) | _WORDS, min_size=1, max_size=4))
def test_memoised_loose_keys_agree_with_the_plain_ones(words: list[str]) -> None:
    from newsfacts.extract import places_normalize, places_recognize

    key = places_normalize.fold(" ".join(words))
    assert places_recognize.loose(key) == places_normalize.loose(key)


@given(_WORDS)
def test_the_fold_fast_path_agrees_with_the_regular_expressions(word: str) -> None:
    from newsfacts.extract.places_normalize import _DROP, _SEPARATE, fold

    assert fold(word) == _SEPARATE.sub(" ", _DROP.sub("", word.lower())).strip()


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Hama", "Aleppo", "Maarat", "St", "Numan", "Rio", "Janeiro"]),
            st.sampled_from([" ", "-", ". ", ", ", " al-", " de ", " and ", "-e "]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_run_ends_agree_with_a_word_by_word_scan(parts: list[tuple[str, str]]) -> None:
    from newsfacts.extract.places_recognize import (
        _DOTTED,
        _JOIN,
        _PARTICLE_GAP,
        _cap_words,
        _gaps,
        _run_ends,
    )

    text = "".join(word + gap for word, gap in parts)
    caps = _cap_words(text, [])
    ends, particles = _run_ends(caps, _gaps(text, caps))
    for i in range(len(caps)):
        j, joined = i + 1, False
        while j < len(caps):
            gap = text[caps[j - 1][1] : caps[j][0]]
            if gap in _JOIN or (gap == ". " and caps[j - 1][2] in _DOTTED):
                j += 1
            elif len(gap) <= 8 and _PARTICLE_GAP.fullmatch(gap):
                joined, j = True, j + 1
            else:
                break
        assert (ends[i], particles[i]) == (j, joined), (text, i)


@pytest.mark.parametrize(
    ("text", "country", "point"),
    [
        ("Poultry farms in Hubei province culled 20,000 birds.", "CN", (30.6, 114.3)),
        ("Snow closed passes in Bavaria on Monday.", "DE", (48.8, 11.5)),
        ("Clashes are frequent in Dagestan, officials said.", "RU", (42.9, 47.3)),
    ],
)
def test_subdivisions_are_found_by_their_english_names(
    text: str, country: str, point: tuple[float, float], gaz: Gazetteer
) -> None:
    (mention,) = extract_places(text, gazetteer=gaz)
    assert (mention.feature, mention.country_code) == ("admin1", country)
    assert mention.latitude is not None and mention.longitude is not None
    assert abs(mention.latitude - point[0]) < 2.0 and abs(mention.longitude - point[1]) < 2.5


def test_english_names_of_subdivisions_name_iso_subdivisions() -> None:
    import pycountry

    for code, _capital, *english in tsv_rows("places_admin1_capitals.tsv"):
        assert pycountry.subdivisions.get(code=code) is not None, code
        assert all(name.strip() for name in english), code
