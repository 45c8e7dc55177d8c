"""Regular-expression building blocks for the date tagger: word tries and first characters.

Kept apart from the date vocabulary because they are about the regex engine, not about
dates: a flat alternation of many words is slow to try at every word start, and knowing
which characters a rule can start with lets the tagger try only the rules that can match.
"""

from __future__ import annotations

import re

Trie = dict[str, "Trie"]

# What a first-character analysis returns: the characters a match can start with (None =
# any character) and whether the expression can match the empty string.
First = tuple[frozenset[str] | None, bool]

_DIGITS = frozenset("0123456789")
_SPACES = frozenset(" \t\n\r\f\v")
_CLASS_ESCAPES = {"d": _DIGITS, "s": _SPACES}
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_ZERO: tuple[frozenset[str], bool] = (frozenset(), True)
_GROUP_HEAD = re.compile(r"\?(?:P<\w+>|:|>|[=!]|<[=!]|[aiLmsux]*-?[imsx]*[:)])")
_COUNT = re.compile(r"\{(\d*)(?:,\d*)?\}")


class _FirstChars:
    """The characters a match of a regular expression can start with, read from its text.

    A small recursive-descent reader of the regex syntax the date patterns use (groups,
    flags, look-arounds, classes, escapes, quantifiers, alternation); anything it does
    not know makes the answer "any character", which only costs speed, never matches.
    Reading the pattern text keeps the tagger off the `re` module's private parser.
    """

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0

    def peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    def alternation(self) -> First:
        chars, nullable = self.sequence()
        while self.peek() == "|":
            self.pos += 1
            more, more_nullable = self.sequence()
            chars = None if chars is None or more is None else chars | more
            nullable = nullable or more_nullable
        return chars, nullable

    def sequence(self) -> First:
        first: frozenset[str] | None = frozenset()
        nullable = True
        while self.peek() not in ("", "|", ")"):
            chars, item_nullable = self.quantified()
            if nullable:  # everything so far can be empty: this item can come first
                first = None if first is None or chars is None else first | chars
                nullable = item_nullable
        return first, nullable

    def quantified(self) -> First:
        chars, nullable = self.atom()
        char = self.peek()
        if char in ("?", "*", "+"):
            self.pos += 1
            nullable = nullable or char != "+"
        elif char == "{" and (count := _COUNT.match(self.text, self.pos)):
            low = count.group(1)
            nullable = nullable or not low or int(low) == 0
            self.pos = count.end()
        else:
            return chars, nullable
        if self.peek() == "?":  # lazy
            self.pos += 1
        return chars, nullable

    def atom(self) -> First:
        char = self.peek()
        self.pos += 1
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            escaped = self.peek()
            self.pos += 1
            if escaped in _ZERO_WIDTH_ESCAPES:
                return _ZERO
            if escaped in _CLASS_ESCAPES:
                return _CLASS_ESCAPES[escaped], False
            if escaped in _CHAR_ESCAPES:
                return frozenset(_CHAR_ESCAPES[escaped]), False
            if escaped.isalnum():
                return None, False  # \w, \S, back-references...
            return frozenset(escaped.lower()), False
        if char in ("^", "$"):
            return _ZERO
        if char == ".":
            return None, False
        return frozenset(char.lower()), False

    def group(self) -> First:
        zero_width = False
        if self.peek() == "?":
            flags = _GROUP_HEAD.match(self.text, self.pos)
            if flags is None:
                raise ValueError(f"unknown group at {self.pos}")
            head = flags.group()
            self.pos += len(head)
            if head.endswith(")"):  # a global flag like (?i): matches nothing
                return _ZERO
            zero_width = head[1:] in ("=", "!", "<=", "<!")
        result = self.alternation()
        if self.peek() != ")":
            raise ValueError(f"unbalanced group at {self.pos}")
        self.pos += 1
        return _ZERO if zero_width else result

    def char_class(self) -> First:
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        chars: set[str] = set()
        known = True
        spaces_only = False  # [^\S...]: whitespace, minus what follows the \S
        first = True
        while first or self.peek() != "]":
            first = False
            char = self.peek()
            if char == "":
                raise ValueError("unbalanced character class")
            self.pos += 1
            if char == "\\":
                escaped = self.peek()
                self.pos += 1
                if escaped in _CLASS_ESCAPES:
                    chars |= _CLASS_ESCAPES[escaped]
                    continue
                if escaped == "S" and negated:
                    spaces_only = True
                    continue
                if escaped in _CHAR_ESCAPES:
                    escaped = _CHAR_ESCAPES[escaped]
                elif escaped.isalnum():
                    known = False
                    continue
                char = escaped
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                low, high = ord(char), ord(self.peek(1))
                self.pos += 2
                if high - low > 200:
                    known = False
                chars |= {chr(c) for c in range(low, min(high, low + 200) + 1)}
                continue
            chars.add(char)
        self.pos += 1
        if negated:
            if spaces_only and known:
                return frozenset(_SPACES - chars), False
            return None, False
        if not known:
            return None, False
        return frozenset(c.lower() for c in chars), False


def start_chars(body: str) -> frozenset[str] | None:
    """Lower-cased characters a match of `body` can start with (None = unknown / any)."""
    reader = _FirstChars(body)
    try:
        chars, nullable = reader.alternation()
        if reader.pos != len(body):
            return None
    except ValueError:  # syntax this reader does not know: run undispatched
        return None
    if chars is None or nullable or not chars:
        return None
    return chars


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
