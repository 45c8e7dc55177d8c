"""The first-character reader that dispatches the date rules (`dates_regex.start_chars`).

A wrong answer would silently drop a rule at some positions, so it is checked on small
patterns against what `re` itself matches, and on every rule against its own examples.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract.dates_lexicon import compiled
from newsfacts.extract.dates_regex import start_chars

SPACES_BUT_NEWLINE = frozenset(" \t\r\f\v")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", frozenset("a")),
        (r"(?:the\s+)?(?P<n>\d+)", frozenset("t0123456789")),
        ("[A-C]x|y?z", frozenset("abcyz")),
        ("(?=foo)bar", frozenset("b")),
        ("(?<!x)(?-i:Jan)", frozenset("j")),
        (r"[^\S\n]+x", SPACES_BUT_NEWLINE),
        ("x{0,2}y", frozenset("xy")),
        (r"\.5|'9", frozenset(".'")),
        ("a*", None),  # can match the empty string
        (r"\w+", None),  # any word character
        ("[^a]b", None),
        ("(unbalanced", None),
    ],
)
def test_start_chars(pattern: str, expected: frozenset[str] | None) -> None:
    assert start_chars(pattern) == expected


_ALPHABET = "ab1 .-"
_PIECES = st.sampled_from(["a", "b", "1", r"\d", r"\s", "[ab]", "(?:a|1)", "(?:b)?", "-", r"\."])


@given(
    st.lists(_PIECES, min_size=1, max_size=4).map("".join),
    st.text(alphabet=_ALPHABET, min_size=1, max_size=6),
)
def test_no_match_starts_outside_the_answer(pattern: str, text: str) -> None:
    """Whatever `re` matches at the start of a text begins with a character in the set."""
    chars = start_chars(pattern)
    match = re.match(pattern, text, re.IGNORECASE)
    if chars is not None and match is not None and match.end() > 0:
        assert text[0].lower() in chars


def test_every_rule_example_starts_with_a_character_of_its_rule() -> None:
    _, rules = compiled()
    for rule in rules.values():
        chars = start_chars(rule.regex.pattern)
        assert chars is not None, rule.name  # every rule is dispatched by its first character
        for example in rule.examples:
            if "surface" in example:
                assert example["surface"][0].lower() in chars, (rule.name, example)
