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


def _particle_rows() -> list[list[str]]:
    return tsv_rows("places_particles.tsv")


def test_one_particle_list_serves_normaliser_recogniser_and_gazetteer() -> None:
    from newsfacts.extract import gazetteer, places_normalize, places_recognize

    roles = {role for row in _particle_rows() for role in row[1].split(",")}
    assert roles == {"article", "leading", "particle", "ezafe"}
    assert places_normalize.particles("article") == places_normalize.ARTICLES
    assert places_normalize.particles("particle") == places_recognize._PARTICLES
    assert places_normalize.particles("leading") == gazetteer._ARABIC_ARTICLES
    assert "places_particles.tsv" in gazetteer._RESOURCES  # edits rebuild the index


@pytest.mark.parametrize("row", _particle_rows(), ids=lambda r: r[0])
def test_particle_examples(row: list[str]) -> None:
    from newsfacts.extract.gazetteer import _Builder
    from newsfacts.extract.places_normalize import fold, loose
    from newsfacts.extract.places_recognize import _cap_words, _gaps, _run_ends

    word, role_list, example = row
    roles = role_list.split(",")
    tokens = fold(example).split()
    assert word in tokens, example
    if "article" in roles:
        # The article form becomes "al" in the transliteration key (or goes, leading).
        skeleton = loose(fold(example)).split()
        assert tokens[0] == word or "al" in skeleton, (example, skeleton)
    if "leading" in roles and tokens[0] == word:
        builder = _Builder()
        builder.add(
            gid=1,
            name=example,
            feature="city",
            country="SY",
            admin1=None,
            population=1000,
            lat=None,
            lon=None,
        )
        assert " ".join(tokens[1:]) in builder.fold_keys  # "Ar Raqqah" is also "Raqqah"
    if ("particle" in roles or "ezafe" in roles) and tokens[0] != word:
        caps = _cap_words(example, [])
        assert _run_ends(caps, _gaps(example, caps))[0][0] == len(caps), example  # one name


@pytest.mark.parametrize("row", _rows("places_lead_words.tsv"), ids=lambda r: r[0])
def test_lead_word_examples(row: list[str], gaz: Gazetteer) -> None:
    word, example = row
    mentions = extract_places(example, gazetteer=gaz)
    lead = example.index(word.capitalize() + " ")
    after = [m for m in mentions if m.char_start > lead]
    assert after, example
    assert after[0].char_start == lead + len(word) + 1, (example, after[0])  # not "In X"
