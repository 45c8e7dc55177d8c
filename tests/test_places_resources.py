"""Every example carried by a places_* resource file is run through the extractor."""

from __future__ import annotations

import pytest

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.extract.places_lexicon import lexicon, tsv_rows

_FEATURE_OF = {
    "admin1": {"admin1"},
    "admin2": {"other", "city", "admin1"},
    "road": {"road"},
    "water": {"water", "region"},
    "city": {"city"},
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _rows(name: str) -> list[list[str]]:
    return tsv_rows(name)


@pytest.mark.parametrize("row", _rows("places_demonyms.tsv"), ids=lambda r: r[0])
def test_demonym_examples(row: list[str], gaz: Gazetteer) -> None:
    word, target, example = row
    mentions = [m for m in extract_places(example, gazetteer=gaz) if m.surface == word]
    assert mentions, example
    assert mentions[0].demonym
    assert gaz.area_row(target) is not None
    if len(target) == 2:
        assert mentions[0].country_code == target


@pytest.mark.parametrize("row", _rows("places_abbreviations.tsv"), ids=lambda r: r[0])
def test_abbreviation_examples(row: list[str], gaz: Gazetteer) -> None:
    abbreviation, target, example = row
    mentions = [m for m in extract_places(example, gazetteer=gaz) if m.surface == abbreviation]
    assert mentions, example
    row_ = gaz.area_row(target)
    assert row_ is not None and mentions[0].name == gaz.names[row_]


@pytest.mark.parametrize("row", _rows("places_aliases.tsv"), ids=lambda r: r[0])
def test_alias_examples(row: list[str], gaz: Gazetteer) -> None:
    alias, target, example = row
    mentions = [m for m in extract_places(example, gazetteer=gaz) if alias in m.surface]
    assert mentions, example
    if len(target) == 2:
        assert mentions[0].country_code == target


@pytest.mark.parametrize("row", _rows("places_features.tsv"), ids=lambda r: r[0])
def test_feature_word_examples(row: list[str], gaz: Gazetteer) -> None:
    _word, feature, example = row
    mentions = extract_places(example, gazetteer=gaz)
    assert mentions, example
    assert mentions[-1].feature in _FEATURE_OF[feature], (example, mentions[-1])


def test_word_lists_load_and_are_lower_case() -> None:
    lex = lexicon()
    assert "police" in lex.stopwords and "wednesday" in lex.stopwords
    assert "president" in lex.titles and "in" in lex.cues
    assert lex.demonyms["Syrians"] == "SY"  # derived plural
    assert "Observatory" in lex.org_words
