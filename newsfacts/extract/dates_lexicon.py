"""Load the date tagger's data files and compile its one combined regular expression.

All rules live in `resources/dates_patterns.yaml` and all words in
`resources/dates_lexicon.yaml`. They are compiled once, at import, into a single
alternation so an article is scanned in one pass (speed target: well under a millisecond
per article); each rule's named groups are prefixed with the rule's index so they stay
unique inside the alternation, and `Rule.groups` maps them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from newsfacts.extract.resources import read_text

_GROUP = re.compile(r"\(\?P<(\w+)>")
_MACRO = re.compile(r"\{([A-Z]+)\}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the tagger, with the prefixed names of its groups."""

    name: str
    key: str
    groups: tuple[tuple[str, str], ...]  # (plain name, prefixed name)
    examples: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists, as the lookup tables the normalisers need."""

    numeric_order: str
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    temporal_cues: frozenset[str]
    weekdays: dict[str, int]
    day_parts: dict[str, str]
    seasons: dict[str, str]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, str]]
    decade_words: dict[str, int]
    references: dict[str, str]
    sets: dict[str, str]
    count_cues: frozenset[str]
    count_followers: frozenset[str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]


def _alternation(words: list[str], suffix: str = "") -> str:
    """Longest-first alternation of literal words (spaces match any whitespace)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") + suffix for w in ordered) + ")"


def _lower_keys(raw: dict[Any, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in raw.items()}


@cache
def lexicon() -> Lexicon:
    """The parsed `dates_lexicon.yaml`."""
    raw = yaml.safe_load(read_text("dates_lexicon.yaml"))
    return Lexicon(
        numeric_order=raw["numeric_order"],
        months=_lower_keys(raw["months"]),
        ambiguous_months=frozenset(str(w).lower() for w in raw["ambiguous_months"]),
        temporal_cues=frozenset(str(w).lower() for w in raw["temporal_cues"]),
        weekdays=_lower_keys(raw["weekdays"]),
        day_parts=_lower_keys(raw["day_parts"]),
        seasons=_lower_keys(raw["seasons"]),
        numbers={k: float(v) for k, v in _lower_keys(raw["numbers"]).items()},
        vague_numbers=frozenset(raw["vague_numbers"]),
        ordinals={k: int(v) for k, v in _lower_keys(raw["ordinals"]).items()},
        units={k: (v[0], v[1]) for k, v in _lower_keys(raw["units"]).items()},
        decade_words=_lower_keys(raw["decade_words"]),
        references=_lower_keys(raw["references"]),
        sets=_lower_keys(raw["sets"]),
        count_cues=frozenset(str(w).lower() for w in raw["count_cues"]),
        count_followers=frozenset(str(w).lower() for w in raw["count_followers"]),
        future_cues=tuple(raw["future_cues"]),
        past_cues=tuple(raw["past_cues"]),
    )


def _month_macro(lex: Lexicon) -> str:
    """Month names, case-sensitive: Capitalised or UPPER, abbreviations with optional stop."""
    forms: list[str] = []
    for name in lex.months:
        stop = r"(?:\s?\.)?" if len(name) <= 4 and name != "june" and name != "july" else ""
        for spelling in (name.capitalize(), name.upper()):
            forms.append(re.escape(spelling) + stop)
    forms.sort(key=lambda f: -len(f))
    return "(?-i:" + "|".join(forms) + ")"


def _weekday_macro(lex: Lexicon) -> str:
    """Weekday names, case-sensitive like months, optionally possessive-free plural-free."""
    forms = [w.capitalize() for w in lex.weekdays] + [w.upper() for w in lex.weekdays]
    return "(?-i:" + "|".join(forms) + ")"


def _number_macro(lex: Lexicon) -> str:
    """Digits or number words, including compounds like "twenty-four"."""
    units = [w for w, v in lex.numbers.items() if v < 10 and v >= 1 and w not in ("a", "an")]
    tens = [w for w, v in lex.numbers.items() if v >= 20 and v % 10 == 0 and v < 100]
    compound = _alternation(tens) + r"(?:[- ]" + _alternation(units) + ")?"
    words = _alternation([w for w in lex.numbers if w not in tens])
    return rf"(?:\d{{1,3}}(?:\.\d+)?|{compound}|{words})"


def macros() -> dict[str, str]:
    """The {MACRO} expansions used by the patterns file."""
    lex = lexicon()
    unit_words = []
    for unit in lex.units:
        unit_words += [unit + "s", unit]
    return {
        "MONTH": _month_macro(lex),
        "WEEKDAY": _weekday_macro(lex),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[89]\d\d|20\d\d)",
        "C": r"(?:\s*,\s*|\s+)",
        "NUMBER": _number_macro(lex),
        "VAGUE": _alternation(sorted(lex.vague_numbers)),
        "UNIT": _alternation(unit_words),
        "ORDINAL": _alternation([w for w in lex.ordinals if not w[0].isdigit()]),
        "SEASON": _alternation(list(lex.seasons)),
        "DECADE": _alternation(list(lex.decade_words)),
        "REFERENCE": _alternation(list(lex.references)),
    }


def _expand(pattern: str, table: dict[str, str]) -> str:
    table = {**table, "DECADE_WORD": table["DECADE"]}
    return _MACRO.sub(lambda m: table[m.group(1)], pattern)


@cache
def compiled() -> tuple[re.Pattern[str], dict[str, Rule]]:
    """The combined pattern and the rules by their outer group key (`m.lastgroup`)."""
    raw = yaml.safe_load(read_text("dates_patterns.yaml"))
    table = macros()
    parts: list[str] = []
    rules: dict[str, Rule] = {}
    for index, entry in enumerate(raw["rules"]):
        key = f"r{index}"
        body = _expand(entry["pattern"], table)
        names = _GROUP.findall(body)
        body = _GROUP.sub(lambda m, k=key: f"(?P<{k}_{m.group(1)}>", body)
        parts.append(f"(?P<{key}>{body})")
        rules[key] = Rule(
            name=entry["name"],
            key=key,
            groups=tuple((n, f"{key}_{n}") for n in names),
            examples=tuple(entry.get("examples", [])),
        )
    # A mention never starts inside a word, a number or after a currency sign, and never
    # ends inside a word or before a percent sign.
    combined = r"(?i)(?<![\w$£€])(?<!\d[.,])(?:" + "|".join(parts) + r")(?![\w%])"
    return re.compile(combined), rules


def example_published() -> Any:
    """The publication date the rule examples assume."""
    return yaml.safe_load(read_text("dates_patterns.yaml"))["example_published"]
