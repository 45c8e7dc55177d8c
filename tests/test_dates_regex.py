"""The first-character reader that dispatches the date rules (`dates_regex.start_chars`).

A wrong answer would silently drop a rule at some positions, so it is checked on small
patterns against what `re` itself matches, and on every rule against its own examples.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.extract.dates import _bridge_start, extract_dates
from newsfacts.extract.dates_context import Context
from newsfacts.extract.dates_lexicon import (
    WORD,
    bridge_words,
    compiled,
    lead_pattern,
    trigger_pattern,
)
from newsfacts.extract.dates_regex import start_chars

SPACES_BUT_NEWLINE = frozenset(" \t\r\f\v")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("abc", frozenset("a")),
        (r"(?:the\s+)?(?P<n>\d+)", frozenset("t0123456789")),
        ("[A-C]x|y?z", frozenset("abcyz")),
        ("(?=foo)bar", frozenset("b")),
        (r"(?>\d+)x|y", frozenset("0123456789y")),  # an atomic group
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
                # Where the rule's match starts (a split match's second part, "April 24
                # and [25]", starts inside it).
                found = rule.regex.search(example["text"])
                assert found is not None, (rule.name, example)
                assert example["text"][found.start()].lower() in chars, (rule.name, example)


# The word before a position, as the normalisers' context checks read it, defined the way
# a regex search would find it (`Context.previous_word` walks backwards instead).
_PREVIOUS_WORD = re.compile(r"([\w'$#%.,-]+)\s*$")


@given(
    st.text(alphabet=st.sampled_from(list("ab1_'$#%.,- \n\t(é€\u00a0")), max_size=60),
    st.integers(min_value=0, max_value=60),
)
def test_previous_word_is_the_last_word_of_the_40_characters_before(text: str, at: int) -> None:
    position = min(at, len(text))
    found = _PREVIOUS_WORD.search(text, max(0, position - 40), position)
    expected = found.group(1).lower() if found else ""
    assert Context(text=text, published=None).previous_word(position) == expected


@pytest.mark.parametrize("word", ["may", "march", "august", "tuesday", "thursday"])
def test_lower_case_month_and_weekday_words_are_no_trigger_and_no_lead(word: str) -> None:
    """{MONTH} and {WEEKDAY} match case-sensitively, so "may" the verb is never tried."""
    text = f"They {word} go."
    assert trigger_pattern().search(text) is None
    assert lead_pattern().search(text) is None


@pytest.mark.parametrize("word", ["May", "MARCH", "Monday", "SUNDAY"])
def test_capitalised_month_and_weekday_words_are_triggers(word: str) -> None:
    assert trigger_pattern().search(f"in {word} there") is not None
    assert lead_pattern().search(f"in {word} there") is not None


def test_every_word_of_every_rule_example_is_a_bridge_word() -> None:
    """The tagger skips a lead word that has a word outside `bridge_words` between it
    and the trigger: no mention may hold such a word."""
    _, rules = compiled()
    known = bridge_words()
    for rule in rules.values():
        for example in rule.examples:
            for word in WORD.findall(example.get("surface", "")):
                assert len(word) <= 2 or word.lower() in known, (rule.name, example)


def test_bridge_starts_after_the_last_word_no_mention_holds() -> None:
    text = "the giraffe on Friday that the next four years"
    trigger = text.index("years")
    # "on", "Friday", "that", "the next four" may all be words of a mention (as in "on
    # Friday that week"); no rule holds "giraffe".
    assert _bridge_start(text, 0, trigger) == text.index(" on")
    assert _bridge_start(text, text.index("the next"), trigger) == text.index("the next")


def test_skipped_leads_change_no_mention() -> None:
    """The words before a trigger that cannot reach it are skipped, the others kept."""
    text = "The company said it would double its profits over the next four years."
    mentions = extract_dates(text, date(2005, 3, 16))
    assert [(m.surface, m.value) for m in mentions] == [("the next four years", "P4Y")]
