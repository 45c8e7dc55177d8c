"""Number reading: the resource examples, and property tests over every grouping style."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract.numbers import read_digits, read_number, read_words
from newsfacts.extract.resources import read_text

EXAMPLES = json.loads(read_text("counts_numbers.json"))["examples"]

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def western(n: int) -> str:
    """1234567 -> '1,234,567'."""
    return f"{n:,}"


def indian(n: int) -> str:
    """1234567 -> '12,34,567' (last three digits, then groups of two)."""
    digits = str(n)
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    groups.insert(0, head)
    return ",".join([*groups, tail])


def spaced(n: int, sep: str) -> str:
    """1234567 -> '1 234 567' with the given separator."""
    return western(n).replace(",", sep)


def below_thousand(n: int, hyphen: bool, use_and: bool) -> str:
    """English words for 0 < n < 1000."""
    parts = []
    if n >= 100:
        parts.append(f"{_UNITS[n // 100]} hundred")
        n %= 100
        if n and use_and:
            parts.append("and")
    if n >= 20:
        tens = _TENS[n // 10]
        parts.append(
            f"{tens}-{_UNITS[n % 10]}"
            if n % 10 and hyphen
            else f"{tens} {_UNITS[n % 10]}"
            if n % 10
            else tens
        )
    elif n:
        parts.append(_UNITS[n])
    return " ".join(parts)


def to_words(n: int, hyphen: bool = True, use_and: bool = True) -> str:
    """English words for 0 <= n <= 1,000,000 (our own writer, independent of the reader)."""
    if n == 0:
        return "zero"
    if n == 1_000_000:
        return "one million"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(below_thousand(thousands, hyphen, use_and) + " thousand")
    if rest:
        parts.append(below_thousand(rest, hyphen, use_and))
    return " ".join(parts)


@pytest.mark.parametrize(("surface", "value"), EXAMPLES)
def test_resource_examples(surface: str, value: float) -> None:
    assert read_number(surface) == pytest.approx(value)


def test_indian_formatter_matches_known_cases() -> None:
    assert indian(380000) == "3,80,000"
    assert indian(10000000) == "1,00,00,000"
    assert indian(999) == "999"


@given(st.integers(min_value=0, max_value=10**15))
def test_western_grouping_reads_back(n: int) -> None:
    assert read_digits(western(n)) == n


@given(st.integers(min_value=0, max_value=10**15))
def test_indian_grouping_reads_back(n: int) -> None:
    assert read_digits(indian(n)) == n


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([" ", "\u2009", "\u202f"]))
def test_space_grouping_reads_back(n: int, sep: str) -> None:
    assert read_digits(spaced(n, sep)) == n


@given(st.integers(min_value=-(10**9), max_value=10**9), st.integers(min_value=0, max_value=99))
def test_signed_decimals_read_back(whole: int, cents: int) -> None:
    text = f"{whole}.{cents:02d}"
    expected = float(text)
    assert read_digits(text) == pytest.approx(expected)


@given(st.integers(min_value=0, max_value=1_000_000), st.booleans(), st.booleans())
def test_words_up_to_a_million_read_back(n: int, hyphen: bool, use_and: bool) -> None:
    assert read_words(to_words(n, hyphen, use_and)) == n


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["thousand", "million", "lakh", "crore", "billion"]),
)
def test_digits_with_scale_words(n: int, scale: str) -> None:
    factor = {"thousand": 1e3, "million": 1e6, "lakh": 1e5, "crore": 1e7, "billion": 1e9}[scale]
    assert read_number(f"{n} {scale}") == pytest.approx(n * factor)


def test_not_numbers() -> None:
    assert read_words("hello") is None
    assert read_digits("12a") is None
    assert read_number("") is None
