"""Load the date tagger's data files and compile its patterns.

All rules live in `resources/dates_patterns.yaml` and all words in
`resources/dates_lexicon.yaml`. They are compiled once (cached) into a few combined
patterns, one per first character, plus the trigger and lead-word patterns that tell
the tagger where to try them (see `dates._candidates`); speed target: well under a
millisecond per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from newsfacts.extract.dates_regex import alternation as _alternation
from newsfacts.extract.dates_regex import start_chars as _start_chars
from newsfacts.extract.resources import read_text

_GROUP = re.compile(r"\(\?P<(\w+)>")
_MACRO = re.compile(r"\{([A-Z_]+)\}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the tagger: its name (= DateMention.rule), its key in the combined
    patterns (`match.lastgroup`), its own regex with named groups, and its examples."""

    name: str
    key: str
    regex: re.Pattern[str]  # this rule alone, with its named groups
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
    attribution_cues: frozenset[str]
    triggers: frozenset[str]
    lead_words: frozenset[str]
    qualifiers: frozenset[str]
    comparatives: frozenset[str]
    day_cues: tuple[str, ...]
    holidays: dict[str, str]  # spelling as written -> MM-DD or movable-feast rule
    bare_unit_cues: frozenset[str]
    clock_words: dict[str, str]  # noon -> 12:00
    time_zones: dict[str, str]  # as written -> TIMEX3 suffix ("Z" or "")
    clock_cues: frozenset[str]
    day_part_cues: frozenset[str]
    reference_blockers: dict[str, frozenset[str]]
    adjective_sets: frozenset[str]
    adverb_followers: frozenset[str]
    year_cues: frozenset[str]
    year_end_cues: frozenset[str]
    the_units_cues: frozenset[str]
    amount_words: frozenset[str]
    era_nouns: frozenset[str]
    rate_breakers: tuple[str, ...]


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
        attribution_cues=frozenset(str(w).lower() for w in raw["attribution_cues"]),
        triggers=frozenset(str(w).lower() for w in raw["triggers"]),
        lead_words=frozenset(str(w).lower() for w in raw["lead_words"]),
        qualifiers=frozenset(str(w).lower() for w in raw["qualifiers"]),
        comparatives=frozenset(str(w).lower() for w in raw["comparatives"]),
        day_cues=tuple(str(w).lower() for w in raw["day_cues"]),
        holidays={str(k): str(v) for k, v in raw["holidays"].items()},
        bare_unit_cues=frozenset(str(w).lower() for w in raw["bare_unit_cues"]),
        clock_words=_lower_keys(raw["clock_words"]),
        time_zones={str(k): str(v) for k, v in raw["time_zones"].items()},
        clock_cues=frozenset(str(w).lower() for w in raw["clock_cues"]),
        day_part_cues=frozenset(str(w).lower() for w in raw["day_part_cues"]),
        adjective_sets=frozenset(str(w).lower() for w in raw["adjective_sets"]),
        adverb_followers=frozenset(str(w).lower() for w in raw["adverb_followers"]),
        year_cues=frozenset(str(w).lower() for w in raw["year_cues"]),
        year_end_cues=frozenset(str(w).lower() for w in raw["year_end_cues"]),
        the_units_cues=frozenset(str(w).lower() for w in raw["the_units_cues"]),
        amount_words=frozenset(str(w).lower() for w in raw["amount_words"]),
        era_nouns=frozenset(str(w).lower() for w in raw["era_nouns"]),
        rate_breakers=tuple(str(w).lower() for w in raw["rate_breakers"]),
        reference_blockers={
            str(k).lower(): frozenset(str(w).lower() for w in v)
            for k, v in raw["reference_blockers"].items()
        },
    )


def _month_macro(lex: Lexicon) -> str:
    """Month names, case-sensitive: Capitalised or UPPER, abbreviations with optional stop."""
    full = {max((n for n, v in lex.months.items() if v == m), key=len) for m in range(1, 13)}
    names = [n for name in full for n in (name.capitalize(), name.upper())]
    abbreviations = [n for name in lex.months if name not in full
                     for n in (name.capitalize(), name.upper())]  # fmt: skip
    return "(?-i:" + _alternation(names) + "|" + _alternation(abbreviations, r"(?:\s?\.)?") + ")"


def _weekday_macro(lex: Lexicon) -> str:
    """Weekday names, case-sensitive like months."""
    forms = [w.capitalize() for w in lex.weekdays] + [w.upper() for w in lex.weekdays]
    return "(?-i:" + _alternation(forms) + ")"


def _number_macro(lex: Lexicon) -> str:
    """Digits or number words, including compounds like "twenty-four"."""
    units = [w for w, v in lex.numbers.items() if 1 <= v < 10 and " " not in w and len(w) > 2]
    tens = [w for w, v in lex.numbers.items() if v >= 20 and v % 10 == 0 and v < 100]
    compound = _alternation(tens) + r"(?:[- ]" + _alternation(units) + ")?"
    words = _alternation([w for w in lex.numbers if w not in tens])
    # Atomic digits: what follows a number in every rule ([- ], \s) is never a digit
    # or a point, so giving digits back cannot help, and the many numbers that are
    # counts ("426 people") fail sooner without those tries (about 8% of their cost).
    return rf"(?:(?>\d{{1,3}}(?:\.\d+)?)|{compound}|{words})"


def macros() -> dict[str, str]:
    """The {MACRO} expansions used by the patterns file."""
    lex = lexicon()
    unit_words = []
    for unit in lex.units:
        unit_words += [unit + "s", unit]
    return {
        "MONTH": _month_macro(lex),
        "WEEKDAY": _weekday_macro(lex),
        "DAY": r"(?>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)",  # atomic, as NUMBER
        "YEAR": r"(?:1[89]\d\d|20\d\d)",
        "C": r"(?:\s*,\s*|\s+)",
        "NUMBER": _number_macro(lex),
        "VAGUE": _alternation(sorted(lex.vague_numbers)),
        "UNIT": _alternation(unit_words),
        "ORDINAL": _alternation([w for w in lex.ordinals if not w[0].isdigit()]),
        "SEASON": _alternation(list(lex.seasons)),
        "DECADE": _alternation(list(lex.decade_words)),
        "REFERENCE": _alternation(list(lex.references)),
        "QUALIFIER": _alternation(list(lex.qualifiers)),
        "COMPARATIVE": _alternation(list(lex.comparatives)),
        "HOLIDAY": "(?-i:" + _alternation(list(lex.holidays)) + ")",
        "ZONE": "(?-i:" + _alternation(list(lex.time_zones)) + ")",
        "CLOCK_WORD": _alternation(list(lex.clock_words)),
    }


def _expand(pattern: str, table: dict[str, str]) -> str:
    table = {**table, "DECADE_WORD": table["DECADE"]}
    return _MACRO.sub(lambda m: table[m.group(1)], pattern)


_NO_NEWLINE_SPACE = r"[^\S\n]"
_BEFORE = r"(?<![\w$£€])(?<!\d[.,])"
_AFTER = r"(?![\w%])"


@cache
def compiled() -> tuple[dict[str, re.Pattern[str]], dict[str, Rule]]:
    """Combined patterns by the (lower-cased) first character of a mention, and the rules
    by their outer group key (`m.lastgroup`).

    Each combined pattern holds, in priority order, only the rules that can start with
    its character, so an attempt walks a third of the rules. It has one group per rule
    and no inner groups: the regex engine saves all group marks at every alternative it
    tries, so inner groups would make every attempt cost in proportion to their number.
    Once a combined pattern has picked a rule at a position, that rule's own regex
    (`Rule.regex`) is matched there to read its named groups; it matches the same span.
    """
    raw = yaml.safe_load(read_text("dates_patterns.yaml"))
    table = macros()
    branches: list[tuple[frozenset[str] | None, str]] = []
    rules: dict[str, Rule] = {}
    for index, entry in enumerate(raw["rules"]):
        key = f"r{index}"
        # A mention never spans a line break: news text keeps one paragraph per line.
        body = _expand(entry["pattern"], table).replace(r"\s", _NO_NEWLINE_SPACE)
        plain = _GROUP.sub("(?:", body)
        branches.append((_start_chars(plain), f"(?P<{key}>{plain})"))
        rules[key] = Rule(
            name=entry["name"],
            key=key,
            regex=re.compile(f"(?i){_BEFORE}(?:{body}){_AFTER}"),
            examples=tuple(entry.get("examples", [])),
        )
    # A mention never starts inside a word, a number or after a currency sign, and never
    # ends inside a word or before a percent sign.
    alphabet = set().union(*(chars for chars, _ in branches if chars is not None))
    alphabet.add("")  # the fallback for characters no rule names
    by_char: dict[str, re.Pattern[str]] = {}
    for char in sorted(alphabet):
        chosen = [b for chars, b in branches if chars is None or (char and char in chars)]
        if chosen:
            by_char[char] = re.compile(f"(?i){_BEFORE}(?:" + "|".join(chosen) + f"){_AFTER}")
    return by_char, rules


def _cased(words: set[str]) -> list[str]:
    """Lower, Capitalised and UPPER forms: matching them case-sensitively is several times
    faster than a case-insensitive match of one form, and these scans run on every text."""
    return sorted({f for w in words for f in (w, w.capitalize(), w.upper())})


def _named(words: set[str]) -> list[str]:
    """Capitalised and UPPER forms only, for the month and weekday names: the patterns
    match them case-sensitively ({MONTH}, {WEEKDAY}), so "may" the verb and "march" the
    noun, both common, need no try at all."""
    return sorted({f for w in words for f in (w.capitalize(), w.upper())})


@cache
def trigger_pattern() -> re.Pattern[str]:
    """Digits and the words every mention must contain (see `triggers` in the lexicon)."""
    lex = lexicon()
    words = set(lex.triggers) | set(lex.seasons)
    words |= set(lex.decade_words) | set(lex.day_parts) | set(lex.sets)
    for unit in lex.units:
        words |= {unit, unit + "s"}
    # A reference phrase always contains its last word, the noun ("the near [term]"):
    # its other words ("near", "long") are too common to be worth a trigger.
    words |= {phrase.split()[-1] for phrase in lex.references}
    # A holiday's last word: "Good", "New", "Election" start many other phrases.
    words |= {h.split()[-1].lower() for h in lex.holidays}
    words -= {"the", "in", "at", "a", "an"}
    names = (set(lex.months) | set(lex.weekdays)) - words
    # The digits after a decimal point or a thousands comma ("2.5", "1,000") are no
    # trigger of their own: a mention holding them starts at the first digits.
    return re.compile(
        r"(?<![\w$£€])(?:"
        + _alternation(sorted(set(_cased(words)) | set(_named(names))))
        + r"(?!\w)|(?<!\d[.,])\d+(?![\d%])|[FfQq][Yy]?\d)"
    )


@cache
def lead_pattern() -> re.Pattern[str]:
    """Word starts where a mention may begin: digits, "'80s", and the lexicon's words."""
    lex = lexicon()
    words = set(lex.lead_words) | set(lex.triggers) | set(lex.qualifiers)
    words |= set(lex.seasons) | set(lex.decade_words)
    words |= set(lex.day_parts) | set(lex.ordinals) | set(lex.numbers) | set(lex.vague_numbers)
    words |= set(lex.sets) | set(lex.references) | {h.lower() for h in lex.holidays}
    for unit in lex.units:
        words |= {unit, unit + "s"}
    firsts = {w.split()[0] for w in words}
    names = (set(lex.months) | set(lex.weekdays)) - firsts
    forms = sorted(set(_cased(firsts)) | set(_named(names)))
    return re.compile(r"(?<![\w$£€])(?<!\d[.,])(?:'?\d|" + _alternation(forms) + r"(?![a-zA-Z]))")


# A word, as the bridge check below reads text: letters only (digits, "'s" and hyphens
# split words: "third-quarter" is "third" and "quarter").
WORD = re.compile(r"[^\W\d_]+")


@cache
def bridge_words() -> frozenset[str]:
    """Every word a mention can be made of: the words of the patterns file (its literal
    words and, harmlessly, its group names and escape letters) and of the lexicon, lower
    case. Words of one or two letters are not checked at all ("pm", "st" of "1st":
    classes like [ap] spell those), nor are the words a rule builds by adding an "s"
    to a unit: those are triggers, and no trigger lies between a lead and its trigger.

    No rule has a class that takes any word (\\w+, [a-z]+ ... occur in look-aheads only),
    so a mention cannot hold a word outside this set: a lead word with such a word
    between it and the trigger cannot start a mention reaching the trigger, and the
    tagger does not try it (most tries before a trigger fail that way: "[the] company
    said this [year]").
    """
    words: set[str] = set()
    for rule in yaml.safe_load(read_text("dates_patterns.yaml"))["rules"]:
        words.update(w.lower() for w in WORD.findall(rule["pattern"]))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str):
            words.update(w.lower() for w in WORD.findall(node))

    walk(yaml.safe_load(read_text("dates_lexicon.yaml")))
    return frozenset(words)


@cache
def example_published() -> Any:
    """The publication date the rule examples assume."""
    return yaml.safe_load(read_text("dates_patterns.yaml"))["example_published"]
