"""Local news: towns named like countries, residences, counties, compound names, waters.

Short articles written for these tests. Each rule has a counter-example where the
same name keeps its usual sense.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsfacts.extract.places_recognize as recognize
import newsfacts.extract.places_resolve as resolve
from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.extract.places_lexicon import lexicon, tsv_rows
from newsfacts.records import PlaceMention


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def found(text: str, gaz: Gazetteer) -> list[PlaceMention]:
    return extract_places(text, gazetteer=gaz)


def senses(text: str, gaz: Gazetteer, surface: str) -> set[tuple[str, str | None, str | None]]:
    hits = [m for m in found(text, gaz) if m.surface == surface]
    assert hits, f"{surface!r} not found in {text!r}"
    return {(m.feature, m.country_code, m.admin1_code) for m in hits}


def test_a_country_name_before_a_person_noun_is_a_town(gaz: Gazetteer) -> None:
    text = (
        "Lebanon schedules spring clean-up. Bulky trash goes out on Saturday. "
        "A Lebanon man was fined for dumping tyres."
    )
    # Every mention, the headline's too: one sense per discourse.
    assert {feature for feature, _, _ in senses(text, gaz, "Lebanon")} == {"city"}
    assert senses("Talks on Lebanon resumed in Geneva on Monday.", gaz, "Lebanon") == {
        ("country", "LB", None)
    }


def test_a_state_before_a_person_noun_stays_the_state(gaz: Gazetteer) -> None:
    assert senses("A Georgia man was charged on Friday.", gaz, "Georgia") == {
        ("admin1", "US", "GA")
    }


def test_a_residence_after_an_age_or_an_address_is_a_town(gaz: Gazetteer) -> None:
    after_age = "Michael Smith, 49, Lebanon, was arrested on Thursday."
    assert {f for f, _, _ in senses(after_age, gaz, "Lebanon")} == {"city"}
    after_address = "Services will be held at 400 S. Locust St., Lebanon, on Monday."
    assert {f for f, _, _ in senses(after_address, gaz, "Lebanon")} == {"city"}
    a_year = "The ceasefire of May 2008, Lebanon's government said, still holds."
    assert {f for f, _, _ in senses(a_year, gaz, "Lebanon")} == {"country"}


@pytest.mark.parametrize("row", tsv_rows("places_town_words.txt"), ids=lambda r: r[0])
def test_town_word_examples(row: list[str], gaz: Gazetteer) -> None:
    word, example = row
    assert word in lexicon().town_words
    names = [m for m in found(example, gaz) if m.surface in ("Lebanon", "Jordan")]
    assert names, example
    assert all(m.feature != "country" for m in names), (example, names)


def test_a_us_county_makes_the_article_american(gaz: Gazetteer) -> None:
    county = (
        "Detectives said the driver lived in rural Paris. Paris police and the Edgar "
        "County sheriff answered the call."
    )
    assert senses(county, gaz, "Paris") == {("city", "US", "IL")}
    no_county = "Detectives said the driver lived in rural Paris. Paris police answered."
    assert senses(no_county, gaz, "Paris") == {("city", "FR", "11")}


def test_a_national_story_spreads_its_state_context(gaz: Gazetteer) -> None:
    # Four big cities in four states: none of the states is the article's own, so a
    # village of Illinois does not displace Rochester, New York.
    text = (
        "Mayors from Chicago, Atlanta, Denver and Boston met on Monday. The next "
        "meeting is in Rochester."
    )
    assert senses(text, gaz, "Rochester") == {("city", "US", "NY")}
    local = "Mayors from Chicago and Peoria met on Monday. The next meeting is in Rochester."
    assert senses(local, gaz, "Rochester") == {("city", "US", "IL")}


def test_two_known_words_side_by_side_are_one_unknown_name(gaz: Gazetteer) -> None:
    text = "The fair in Meadow Grove drew hundreds of visitors."
    assert not [m for m in found(text, gaz) if m.surface in ("Meadow", "Grove")]
    # Separate places keep their comma, and a known whole is still found.
    assert {m.surface for m in found("Fans came from Denver, Boston and Fort Worth.", gaz)} == {
        "Denver",
        "Boston",
        "Fort Worth",
    }


def test_a_named_water_is_not_the_place_after_of(gaz: Gazetteer) -> None:
    mentions = found("Oil from the well spread across the Gulf of Mexico.", gaz)
    assert [(m.surface, m.feature, m.geonameid) for m in mentions] == [
        ("Gulf of Mexico", "water", None)
    ]
    mentions = found("Ships sailed from the Sea of Japan into the Gulf of St. Lawrence.", gaz)
    assert [m.surface for m in mentions] == ["Sea of Japan", "Gulf of St. Lawrence"]


def test_an_english_determiner_is_not_an_arabic_article(gaz: Gazetteer) -> None:
    # "An Albany" and "In Asia" are not loose spellings of "al-Albany" and "al-Asia":
    # the determiner is left out and the name is found as written.
    text = "An Albany man was arrested. Police in Albany said he had a record."
    assert [m.surface for m in found(text, gaz)] == ["Albany", "Albany"]
    assert [m.surface for m in found("In Asia, Tokyo closed lower.", gaz)] == ["Asia", "Tokyo"]


def test_surface_memo_stays_bounded(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recognize, "_MEMO_SIZE", 5)
    monkeypatch.setattr(resolve, "_MEMO_SIZE", 5)
    gaz.memo.clear()
    text = " ".join(f"They met in {c}." for c in ("Paris", "Rome", "Oslo", "Lima", "Quito"))
    for _ in range(3):
        found(text + " Then Bern, Kyiv, Riga, Baku and Doha.", gaz)
    assert all(len(memo) <= 6 + 10 for memo in gaz.memo.values())
    gaz.memo.clear()


# The capitalised-word pattern before it was rewritten for speed: the new one must find
# exactly the same upper-case words.
# The ʿayn/hamza marks are letters to `\w` but never open a word: "-ʿAlam" is "Alam".
_REFERENCE = re.compile(
    r"(?<![\w'’ʿʾ‘])(?:(?:[A-Z]\.){2,}|(?:[dl]['’])?[^\W\d_a-zʿʾ][^\W_]*(?:['’ʿʾ‘][^\W_]+)*)"
    # A word opened by an ʿayn mark or a quote after a space or hyphen: "Pul-e ‘Alam".
    r"|(?<=[\s\-‑][‘ʿ'])(?:(?:[A-Z]\.){2,}|[^\W\d_a-z][^\W_]*(?:['’ʿʾ‘][^\W_]+)*)"
)
_ALPHABET = "aAbBdDlLsSzZ ÉéŌōÇçДдΑα'’-.,0ʿ_"


@given(st.text(alphabet=_ALPHABET, max_size=40))
@example("-ʿA")
@example("Pul-e ‘Alam and ʿAli")
def test_capitalised_words_match_the_reference_pattern(text: str) -> None:
    expected = [
        (m.start(), m.group())
        for m in _REFERENCE.finditer(text)
        if m.group()[0].isupper() or m.group()[:2] in recognize._ELIDED
    ]
    got = [
        (m.start(), m.group())
        for m in sorted(
            [*recognize._CAP.finditer(text), *recognize._ELIDED_CAP.finditer(text)],
            key=lambda m: m.start(),
        )
        if m.group()[0].isupper() or m.group()[:2] in recognize._ELIDED
    ]
    assert got == expected


def test_an_old_alternate_name_gets_no_state_context(gaz: Gazetteer) -> None:
    # "Maryville" is an old name of Beeville, Texas, and the own name of several towns:
    # Texan context must not turn it into Beeville.
    text = "The band from Maryville plays in Houston, Corpus Christi and San Antonio."
    hits = [m for m in found(text, gaz) if m.surface == "Maryville"]
    assert hits and hits[0].name == "Maryville"
