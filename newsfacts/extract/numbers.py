"""Reading numbers: digit strings in any grouping, and numbers written in words.

Counts are only as good as the numbers under them, and the tools people reach for get the
number itself wrong (Indian grouping "3,80,000" split into 3 and 80,000). This module only
turns a surface string into a float; finding numbers in running text and deciding what they
count is `counts.py`'s job. The vocabulary lives in `resources/counts_numbers.json`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from newsfacts.extract.resources import read_text

# Digits with Western (1,234,567), Indian (12,34,567) or space/thin-space (1 234 567)
# grouping, or none, with an optional decimal part. Alternatives are ordered so the
# grouped forms win over a bare prefix of them.
DIGITS_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d|,\d)"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?!\d|,\d)"
    r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)"
    r"|\d+)"
    r"(?:\.\d+)?"
    r"|\.\d+"
)
_GROUP_SEPARATORS = re.compile(r"[,\s\u00a0\u2009\u202f]")
_SIGNS = {"-": -1.0, "−": -1.0, "+": 1.0}
_WORD_SPLIT = re.compile(r"[\s\-–]+")


@cache
def vocabulary() -> dict[str, Any]:
    """The number-word vocabulary from `counts_numbers.json` (read once)."""
    data: dict[str, Any] = json.loads(read_text("counts_numbers.json"))
    return data


@cache
def _word_values() -> dict[str, tuple[str, float]]:
    """Each number word with its role (unit, tens, hundred, scale, dozen) and value."""
    vocab = vocabulary()
    table: dict[str, tuple[str, float]] = {}
    for role in ("units", "tens", "hundred", "scales", "dozen"):
        for word, value in vocab[role].items():
            table[word] = (role, float(value))
    return table


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words` factored by common prefixes.

    Python's regex engine tries alternatives one by one at every position; a trie turns
    that into one character test per level, which keeps scanning an article fast.
    Spaces inside phrases match any run of whitespace.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(trie)


def _trie_source(node: dict[str, dict]) -> str:
    """Regex source for one trie node (see `trie_pattern`)."""
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_source(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def cased(words: list[str]) -> list[str]:
    """Each word as written in running text: lower case, Capitalised and UPPER case.

    Matching these literally is several times faster than a case-insensitive regex.
    """
    return sorted({f for w in words for f in (w, w[:1].upper() + w[1:], w.upper())})


def word_number_pattern() -> str:
    """Regex source matching a number written in words ("twenty-five thousand", "a dozen").

    The pattern is deliberately loose (any sequence of number words, "and" and "a half");
    `read_words` decides what the sequence is worth. It is case-sensitive over the
    lower, Capitalised and UPPER forms of each word.
    """
    words = list(_word_values())
    first = r"(?:" + trie_pattern(cased(words)) + r")"
    word = r"(?:" + trie_pattern(words + [w.upper() for w in words]) + r")"
    scale_words = [w for w, (role, _) in _word_values().items() if role not in ("units", "tens")]
    scale = r"(?:" + trie_pattern(cased(scale_words)) + r")"
    lead = rf"(?:(?:[Hh]alf\s+an?|[Aa]n?)\s+(?={scale}\b))?"
    # a hyphen followed by a space or comma is suspended ("five- and six-seat"): it ends
    # the number, the coordinated one after it is read on its own
    sep = r"(?:(?:\s+(?:[\-–]\s*)?|[\-–](?![\s,]))(?:and\s+)?)"
    half = r"(?:\s+and\s+a\s+half)"
    return rf"{lead}{first}(?:{sep}{word})*\b(?:{half}(?:\s+{scale}\b)?)?"


_PLAIN_NUMBER = re.compile(r"\d*\.?\d+|\d+\.")


def read_digits(surface: str) -> float | None:
    """The value of a digit string with optional sign and grouping ("3,80,000" -> 380000.0)."""
    text = surface.strip()
    sign = 1.0
    if text and text[0] in _SIGNS:
        sign = _SIGNS[text[0]]
        text = text[1:]
    cleaned = _GROUP_SEPARATORS.sub("", text)
    if not cleaned or not _PLAIN_NUMBER.fullmatch(cleaned):
        return None
    return sign * float(cleaned)


def read_words(surface: str) -> float | None:
    """The value of a number written in words, or None if it is not one.

    Handles compounds ("three hundred and forty-two thousand"), Indian scales ("five
    lakh"), "a dozen", "half a million" and "two and a half million".
    """
    table = _word_values()
    tokens = [t for t in _WORD_SPLIT.split(surface.lower().strip()) if t]
    total = 0.0
    current = 0.0
    seen = False
    last = ""  # role of the previous number word: "three six" and "three and six" are
    joined = False  # two numbers, not one ("between three and six")
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "and" and tokens[i + 1 : i + 3] == ["a", "half"]:
            current += 0.5
            i += 3
            continue
        if token == "half" and i + 1 < len(tokens) and tokens[i + 1] in ("a", "an"):
            current = 0.5
            i += 2
            continue
        if token in ("a", "an", "and"):
            joined = joined or token == "and"
            i += 1
            continue
        if token not in table:
            return None
        role, value = table[token]
        if role in ("units", "tens") and not _follows(last, role, current, joined):
            return None
        joined = False
        last = role
        if role in ("units", "tens"):
            current += value
        elif role == "hundred" or role == "dozen":
            current = (current or 1.0) * value
        else:
            total += (current or 1.0) * value
            current = 0.0
        seen = True
        i += 1
    if not seen:
        return None
    return total + current


def _follows(last: str, role: str, current: float, joined: bool) -> bool:
    """True when a units or tens word may continue the number read so far: after a
    hundred or a scale ("one hundred and six"), or a unit after a round ten
    ("twenty-five"); never a unit after a unit ("three and six" are two numbers)."""
    if last in ("", "hundred", "scales", "dozen"):
        return True
    return not joined and last == "tens" and role == "units" and current % 10 == 0


def scale_value(word: str) -> float | None:
    """The multiplier of a scale word or abbreviation ("million", "bn", "k", "lakh")."""
    vocab = vocabulary()
    if word in vocab["abbreviated_scales"]:
        return float(vocab["abbreviated_scales"][word])
    lower = word.lower()
    for role in ("scales", "hundred", "dozen"):
        if lower in vocab[role]:
            return float(vocab[role][lower])
    if lower in vocab["abbreviated_scales"]:
        return float(vocab["abbreviated_scales"][lower])
    return None


def read_number(surface: str) -> float | None:
    """The value of a number in digits, words or digits plus a scale ("2.5 million", "5k")."""
    match = re.fullmatch(rf"\s*([-+−]?(?:{DIGITS_PATTERN}))\s*([A-Za-z]+)?\s*", surface)
    if match:
        value = read_digits(match.group(1))
        if value is None:
            return None
        if match.group(2):
            factor = scale_value(match.group(2))
            return None if factor is None else value * factor
        return value
    return read_words(surface)
