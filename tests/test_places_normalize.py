"""Name keys: transliteration variants must meet, distinct names must not."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract.places_normalize import fold, loose


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maaret al-Numan", "Ma‘arrat an Nu‘mān"),
        ("Maarat al-Numan", "Maʿarrat al-Nuʿmān"),
        ("Saraqeb", "Saraqib"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Hamah", "Hama"),
        ("Qamishli", "Kamishli"),
    ],
)
def test_transliteration_variants_share_a_loose_key(a: str, b: str) -> None:
    assert loose(fold(a)) == loose(fold(b))


@pytest.mark.parametrize(("a", "b"), [("Hama", "Homs"), ("Idlib", "Aleppo"), ("Paris", "Perth")])
def test_distinct_names_keep_distinct_loose_keys(a: str, b: str) -> None:
    assert loose(fold(a)) != loose(fold(b))


def test_fold_strips_diacritics_apostrophes_and_punctuation() -> None:
    assert fold("Ḩalab") == "halab"
    assert fold("Côte d'Ivoire") == "cote divoire"
    assert fold("St. Petersburg") == "st petersburg"
    assert fold("Łódź") == "lodz"


@given(st.text(max_size=40))
def test_fold_output_is_plain_lowercase_words(name: str) -> None:
    key = fold(name)
    assert re.fullmatch(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?", key), key
    assert fold(key) == key


@given(st.text(alphabet="abcdefghiklmnoqrstuyz -'ʿ", max_size=30))
def test_loose_is_stable_and_never_longer(name: str) -> None:
    key = fold(name)
    skeleton = loose(key)
    assert len(skeleton) <= len(key)
    assert loose(skeleton) == loose(loose(skeleton))
