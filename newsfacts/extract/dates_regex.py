"""Regular-expression building blocks for the date tagger: word tries and first characters.

Kept apart from the date vocabulary because they are about the regex engine, not about
dates: a flat alternation of many words is slow to try at every word start, and knowing
which characters a rule can start with lets the tagger try only the rules that can match.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse
from typing import Any

Trie = dict[str, "Trie"]


def _first_chars(items: list[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """Characters a match of the parsed regex `items` can start with (None = any), nullable.

    The tagger groups its rules by these characters, so an attempt at a word start only
    walks the rules that can start there.
    """
    first: set[str] = set()
    for op, arg in items:
        chars: set[str] | None
        nullable = False
        if op is sre_c.LITERAL:
            chars = {chr(arg)}
        elif op is sre_c.IN:
            chars = _charset(arg)
        elif op is sre_c.BRANCH:
            chars = set()
            for branch in arg[1]:
                sub, sub_nullable = _first_chars(list(branch))
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or sub_nullable
        elif op is sre_c.SUBPATTERN:
            chars, nullable = _first_chars(list(arg[3]))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            chars, nullable = _first_chars(list(arg[2]))
            nullable = nullable or arg[0] == 0
        elif op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
            chars, nullable = set(), True
        else:
            return None, False
        if chars is None:
            return None, False
        first |= chars
        if not nullable:
            return first, False
    return first, True


def _charset(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre_c.LITERAL:
            chars.add(chr(arg))
        elif op is sre_c.RANGE:
            lo, hi = arg
            if hi - lo > 200:
                return None
            chars |= {chr(c) for c in range(lo, hi + 1)}
        elif op is sre_c.CATEGORY and arg is sre_c.CATEGORY_DIGIT:
            chars |= set("0123456789")
        elif op is sre_c.CATEGORY and arg is sre_c.CATEGORY_SPACE:
            chars |= set(" \t\n\r\f\v")
        else:
            return None
    return chars


def start_chars(body: str) -> frozenset[str] | None:
    """Lower-cased characters a match of `body` can start with (None = unknown / any)."""
    try:
        chars, nullable = _first_chars(list(sre_parse.parse(body, re.IGNORECASE).data))
    except Exception:  # a parser detail changed: run undispatched rather than fail
        return None
    if chars is None or nullable or not chars:
        return None
    return frozenset(c.lower() for c in chars)


def alternation(words: list[str], suffix: str = "") -> str:
    """A trie-shaped alternation of literal words (spaces match any whitespace).

    A flat `a|b|c` over dozens of words is tried word by word at every word start; the
    trie fails after one or two characters, which keeps the combined pattern fast.
    Longer words win over their prefixes ("January" before "Jan").
    """
    return "(?:" + _trie_regex(_trie(sorted(set(words))), suffix) + ")"


def _trie(words: list[str]) -> Trie:
    root: Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _trie_regex(node: Trie, suffix: str) -> str:
    branches = []
    for char in sorted(c for c in node if c):
        literal = r"\s+" if char == " " else re.escape(char)
        branches.append(literal + _trie_regex(node[char], suffix))
    if not branches:
        return suffix
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body}|{suffix})" if suffix else f"(?:{body})?"
    return body
