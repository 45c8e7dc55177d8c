"""Counts and quantities: typed, qualified numbers with what they count.

One precompiled scanner finds every number-like span (digits in any grouping, number
words, fractions, vague quantities, and the numeric shapes that are never counts such as
times, identifiers and phone numbers, which are skipped wholesale). Each hit is then read
in a constant-size window of its own sentence: scale, range, unit or currency, qualifier,
counted noun and casualty category. The work per number is bounded, so extraction is linear
in the length of the text. Conventions (see `resources/counts_*.json`):

- "exact" counts have value_low == value == value_high; "more_than"/"at_least" set only
  value_low, "up_to"/"less_than"/"at_most" only value_high, "about" neither.
- a range keeps the most conservative figure as `value` (ACLED): "20-30" -> value 20.
- vague quantities follow ACLED ("dozens" -> 12, "hundreds" -> 100, value_low set to it);
  words with no number ("several", "a few") are kept with value None, so "several other
  villages" is recorded as a vague count of villages rather than dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from newsfacts.extract import counts_context as ctx
from newsfacts.extract import counts_filters as flt
from newsfacts.extract.counts_direction import cue_last_words, direction_before, sign_direction
from newsfacts.extract.counts_lexicon import (
    Lexicon,
    Token,
    Unit,
    lexicon,
    normalise,
    resource,
    token_at,
)
from newsfacts.extract.counts_singular import singular_count
from newsfacts.extract.numbers import read_digits, read_words, scale_value
from newsfacts.extract.text import split_sentences
from newsfacts.records import CountMention, Sentence

_FRACTION_NEXT = re.compile(
    r"[ \u00a0]+(?:of|the|its|their|his|her|our|this|that|these|those|all)\b", re.IGNORECASE
)
_VAGUE_NEXT = re.compile(r"[ \u00a0]+of\b", re.IGNORECASE)
_COUNTED_KINDS = frozenset({"count", "fraction"})
#: Kinds that may count a noun or stand for one: a measurement between a count and a bare
#: number does not, so the bare number may still share the count's noun.
_NOUN_KINDS = frozenset({"count", "fraction", "percent", "money"})
_SHARED_UNIT = re.compile(r"-?[ \u00a0]+(?:or|and)[ \u00a0]+(?:\d[\d.,]*|[a-z]+)")
_FROM_BEFORE = re.compile(r"\bfrom[ \u00a0]+$", re.IGNORECASE)
#: "280 million of the 1.5 billion shekels", "three of the 12 miles": a part named before
#: the whole it belongs to shares the whole's unit or currency.
_OF_WHOLE = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:the|its|their|his|her|our|a|an)[ \u00a0]+(?P<cur>[$£€¥₹])?\d[\d.,]*"
)
#: "8 or $9": a bare number shares the currency written on its alternative.
_OR_MONEY = re.compile(r"[ \u00a0]+or[ \u00a0]+(?P<cur>[$£€¥₹])\d")
_TO_NUMBER = re.compile(r"[ \u00a0]+to[ \u00a0]+\d[\d.,]*")
#: Between a count and a bare number that continues it: "from 208 pounds to 193",
#: "rose 64.06 points to 4,577.10", "from 21 mpg combined to 23".
_LEVEL_BEFORE = re.compile(r"\b(?:to|at)\s+$")
_TO_GAP = re.compile(r"(?:[ \u00a0]+[a-z]+){0,2}[ \u00a0]+to[ \u00a0]+")
_MINUS_BEFORE = re.compile(r"(?<![\w-])[Mm]inus[ -]$")
_OF_NEXT = re.compile(r"\s+of\b")
_SHARE_OF = re.compile(r"[ \u00a0]+of\b")
_OR_GAP = re.compile(r"(?:[ \u00a0]+[A-Za-z]+)?(?:,?[ \u00a0]+or[ \u00a0]+|[ \u00a0]*\([ \u00a0]*)")
_TIMES = frozenset("×xX")
_AGE_FIRST = frozenset("ymwdYMWD")  # "-year-old", "30 years old", "18 month-old"
_POWER = re.compile(r"[ \u00a0]?[×xX][ \u00a0]?10(?:\^|\*\*)?(?P<exp>[-−]?\d{1,3})(?![\d.,])")
_LAST_DIGITS = re.compile(r"\d+$")
_OF_GROUP = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:them|those|these|which|whom|us)\b")
_OF_PRONOUN = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:them|those)\b")
_WORD_GAP = re.compile(r"[\s\-–]+")
_SCALE_WORD = re.compile(r"[ \u00a0]*[A-Za-z]+")
_ELLIPSIS_GAP = re.compile(
    r"\b(?:and|or|while|whilst|whereas|including|compared\s+with|compared\s+to|versus|vs|"
    r"up\s+from|down\s+from)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(r"\bby[ \u00a0]+$")
# "Ross were down 2.3%, Burlington by 2.6%": a change whose verb is elided
_ELLIPTIC_BY = re.compile(r"[^\w]*,[ \u00a0]+(?:[A-Z][\w'’&.-]*[ \u00a0]+){1,3}by[ \u00a0]+")
_RESTATED = re.compile(r"[ \u00a0]*(?:\(|/)[ \u00a0]*")
_BOUNDS = frozenset({"more_than", "at_least", "up_to", "less_than", "at_most"})


class _Reading:
    """A number being read: mutable while its context is examined, then frozen."""

    __slots__ = (
        "category",
        "counted",
        "counted_surface",
        "currency",
        "direction",
        "end",
        "factor",
        "high",
        "kind",
        "np_end",
        "per",
        "qualifier",
        "rejected",
        "rule",
        "scaled",
        "start",
        "unit",
        "value",
    )

    def __init__(self, start: int, end: int, value: float | None, rule: str) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.high: float | None = None
        self.rule = rule
        self.kind = "count"
        self.qualifier = "exact"
        self.unit: Unit | None = None
        self.currency: str | None = None
        self.scaled = False
        self.factor = 1.0
        self.per: str | None = None
        self.rejected = False
        self.counted: str | None = None
        self.counted_surface: str | None = None
        self.np_end = end
        self.category: str | None = None
        self.direction: str | None = None


def extract_counts(text: str, sentences: list[Sentence] | None = None) -> list[CountMention]:
    """All counts and quantities in `text`, sorted by position and non-overlapping.

    `sentences` are the article's sentences (computed when not given); each mention
    carries the index of the sentence holding it.
    """
    if sentences is None:
        sentences = split_sentences(text)
    lex = lexicon()
    mentions: list[CountMention] = []
    last_end = 0
    sentence_pos = 0
    has_singles = False
    level: str | None = None  # the sentence's last level noun ("points"), if any
    noun_count: CountMention | None = None  # the sentence's last count of a named noun
    for match in _candidates(text, lex):
        kind = match.lastgroup  # the branch that matched: cnum, skip, num, words, ...
        start = match.start()
        if start < last_end or kind == "skip":
            continue
        if kind in ("acue", "pcue"):
            for single in singular_count(text, sentences, match):
                if single.char_start >= last_end:
                    mentions.append(single)
                    has_singles = True
            continue
        while sentence_pos + 1 < len(sentences) and sentences[sentence_pos + 1].start <= start:
            sentence_pos += 1
        sentence = sentences[sentence_pos] if sentences else Sentence(0, 0, len(text))
        floor = max(sentence.start, last_end) if sentence.start <= start else last_end
        previous = mentions[-1] if mentions and mentions[-1].sentence == sentence.index else None
        if previous is None:
            level = noun_count = None
        elif previous.counted is not None:
            noun_count = previous
            if previous.counted in _level_nouns():
                level = previous.counted
        reading = _read(text, match, kind, floor, lex, previous, level, noun_count)
        if reading is None:
            continue
        if reading.rejected or reading.kind == "age":
            # "aged 18 to 34": the range's second number is no count; "a 50-year-old":
            # an age, recognised so that it is not read as "50 years", and left out
            last_end = reading.end
            continue
        mentions.append(_freeze(text, reading, sentence.index))
        last_end = reading.end
    return _in_order(mentions) if has_singles else mentions


def _candidates(text: str, lex: Lexicon) -> Iterator[Token]:
    """The tokens of `lex.scan` in text order: the one at the very start, then each
    found behind the non-word character it needs (the readers use the token's own
    offsets, which `Token` gives without matching the token a second time)."""
    pos = 0
    first = token_at(text, 0, lex)
    if first is not None:
        yield first
        pos = max(0, first.end() - 1)
    for found in lex.scan.finditer(text, pos):
        yield Token(found, found.start() + 1)


def _in_order(mentions: list[CountMention]) -> list[CountMention]:
    """Mentions by position without overlaps (a passive count of one starts before the
    cue that found it, so it may land out of order)."""
    out: list[CountMention] = []
    for mention in sorted(mentions, key=lambda m: m.char_start):
        if out and mention.char_start < out[-1].char_end:
            continue
        out.append(mention)
    return out


def _read(
    text: str,
    match: Token,
    kind: str | None,
    floor: int,
    lex: Lexicon,
    previous: CountMention | None,
    level: str | None = None,
    noun_count: CountMention | None = None,
) -> _Reading | None:
    """Read one scanner hit in its context, or None when it is not a count.

    `level` is the level noun ("points") of an earlier count in the sentence: a bare
    number reached with "to" or "at" is a new level in it ("lost 162.31 points, or 2.14%,
    to fall to 7,425.81"; "the TA-125 climbed 0.1% to 1,333.18"). `noun_count` is the
    sentence's last count of a named noun, which a bare number may share across a
    measurement between them ("68,400 people ... for two years and 95,800 who ...")."""
    if kind == "num" and _plain_year(text, match, floor, lex, previous):
        return None
    reading = _core(text, match, kind, lex)
    if reading is None:
        return None
    if reading.rule in ("digits", "words") and text.startswith((" in ", " out of "), reading.end):
        _ratio(text, reading, lex)
    elif reading.kind == "fraction" and text[reading.end : reading.end + 1] == " ":
        _fraction_of_unit(text, reading, lex)
    core_end = reading.end
    has_range = False
    if reading.rule in ("digits", "words"):
        _scale(text, reading, lex)
        if reading.rule == "digits" and text[reading.end : reading.end + 2].strip()[:1] in _TIMES:
            _power_of_ten(text, reading)
        scale_end = reading.end
        has_range = _range(text, reading, lex)
        _unit(text, reading, lex)
        if not has_range and (reading.unit is not None or reading.currency is not None):
            has_range = _unit_range(text, reading, lex)
        if reading.unit is not None or reading.currency is not None:
            per = lex.per_after.match(text, reading.end)
            if per is None and reading.unit is not None and text.startswith(" of ", reading.end):
                stuff = _OF_STUFF.match(text, reading.end)  # "3m barrels of oil a day"
                per = lex.per_after.match(text, stuff.end()) if stuff else None
            if per:
                reading.per = lex.per_lookup.get(normalise(per.group("per")))
                reading.end = per.end()
            elif text.startswith((" (", "("), reading.end):
                # "9bn shekels ($2.4bn) a year": the rate after a conversion in brackets
                # is the first figure's too (the surface stays the figure itself)
                aside = _ASIDE.match(text, reading.end)
                per = lex.per_after.match(text, aside.end()) if aside else None
                if per:
                    reading.per = lex.per_lookup.get(normalise(per.group("per")))
        if (
            reading.unit is None
            and reading.currency is None
            and reading.rule == "digits"
            and previous is not None
            and previous.kind not in ("count", "percent", "money")
            and previous.unit is not None
            and "/" not in previous.unit
            and _TO_GAP.fullmatch(text, previous.char_end, reading.start)
        ):
            reading.unit = lex.units_by_code.get(previous.unit)  # "from 208 pounds to 193"
        elif (
            reading.unit is None
            and reading.currency is None
            and reading.rule == "digits"
            and "." in match.group()
            and not reading.scaled
            and _parallel_measure(text, reading, previous, lex)
        ):
            assert previous is not None and previous.unit is not None
            if previous.kind == "money":
                reading.currency = previous.unit  # "is 84.75 cents, while the lowest is 74.07"
            else:
                reading.unit = lex.units_by_code.get(previous.unit)
    qualifier = ctx.qualifier_before(text, reading.start, floor, lex)
    if reading.rule in ("digits", "words") and _not_a_count(
        text,
        match,
        reading,
        core_end,
        floor,
        lex,
        has_range=has_range,
        qualified=qualifier is not None and qualifier[0] != "range_open",
    ):
        return reading if reading.rejected else None
    if qualifier is not None:
        name, cue_start = qualifier
        if name == "range_open" or reading.qualifier == "range":
            if reading.qualifier == "range":
                reading.start = cue_start  # "between 20 and 30"; "about 2000 - 2500"
        elif reading.qualifier == "exact":
            reading.qualifier = name
            reading.start = cue_start
    elif reading.qualifier == "range" and _is_and_range(text, core_end, reading):
        # "6.1 inches and 6.7 inches": without "between" these are two numbers
        reading.qualifier, reading.high, reading.end = "exact", None, scale_end
        reading.unit = reading.currency = reading.per = None
        _unit(text, reading, lex)
        if reading.unit is None and reading.currency is None and match.group("cur"):
            reading.currency = lex.currency_before[match.group("cur")]
    elif previous is not None and _restates(text, reading, previous):
        assert previous is not None
        reading.qualifier = previous.qualifier  # "more than 100 km (60 miles)"
    share_of = (  # "40 per cent of the residents": a share of people, categorised too
        reading.unit is not None
        and reading.unit.unit == "%"
        and _SHARE_OF.match(text, reading.end) is not None
    )
    counted_kind = reading.kind in _COUNTED_KINDS and reading.unit is None
    if (counted_kind or share_of) and reading.currency is None:
        counted, surface, np_end = ctx.counted_noun(text, reading.end, lex)
        if (
            counted is None
            and reading.kind == "count"
            and text[reading.end : reading.end + 1] == " "
        ):
            measure = _MEASURE_MODIFIER.match(text, reading.end)
            if measure is not None and _is_measure(measure.group("unit"), lex):
                # "eight million 250ml bottles": the count counts what the measure sizes
                counted, surface, np_end = ctx.counted_noun(text, measure.end(), lex)
        reading.counted, reading.counted_surface, reading.np_end = counted, surface, np_end
        if not _plausible(text, match, reading, floor, lex):
            return None
        if reading.counted is None and _elided(text, reading, previous):
            assert previous is not None
            reading.counted = previous.counted  # "435 homes by sale and 187 by tender"
        elif (
            reading.counted is None
            and noun_count is not None
            and previous is not None
            and previous is not noun_count
            and previous.kind not in _NOUN_KINDS
            and _elided(text, reading, noun_count)
        ):
            reading.counted = noun_count.counted  # "... people ... for two years and 95,800"
        elif (
            reading.counted is None
            and level is not None
            and reading.value is not None
            and (reading.value >= 100 or not reading.value.is_integer())  # not "to 12th"
            and _LEVEL_BEFORE.search(text, max(floor, reading.start - 8), reading.start)
        ):
            reading.counted = level
        elif reading.counted is None and "." in match.group() and not reading.scaled:
            reading.counted = _level_before_change(text, reading.end, lex)
        elif reading.counted is None and text[reading.start - 4 : reading.start] == " or ":
            _noun_before_or(text, reading, floor, lex)
        elif reading.counted is None and text[reading.end : reading.end + 1] == "-":
            reading.counted = _suspended_noun(text, reading.end, lex)
        reading.category = _category(text, reading, floor, lex, previous)
    if reading.category is None:
        reading.direction = _direction(text, match, reading, floor, previous)
        if reading.direction is not None and _elided_percent(text, reading, previous):
            reading.unit = lex.units_by_code.get("%")  # "DAX rose by 2 percent, Nasdaq fell by 1"
    return reading


#: Between a percentage change and a bare change that parallels it in the next clause.
_CLAUSE_LINK = re.compile(r"\b(?:but|and|while|whilst|whereas)\b|[,;]", re.IGNORECASE)


def _elided_percent(text: str, reading: _Reading, previous: CountMention | None) -> bool:
    """True when a bare change "by N" parallels a percentage change of the clause before
    ("increased by 2 percent but X decreased by 1"): the writer names the unit once. Large
    figures ("jobs rose by 300") are counts, not percentages."""
    return (
        previous is not None
        and previous.kind == "percent"
        and previous.direction is not None
        and reading.unit is None
        and reading.currency is None
        and reading.counted is None
        and reading.value is not None
        and reading.value <= 100
        and reading.start - previous.char_end <= 60
        and _BY_BEFORE.search(text, max(0, reading.start - 4), reading.start) is not None
        and _CLAUSE_LINK.search(text, previous.char_end, reading.start) is not None
    )


#: "another pick or two", "a day or two": the alternative count of a thing named once,
#: before it.
_ONE_OR_BEFORE = re.compile(
    r"\b(?:a|an|another|one)[ \u00a0]+(?P<noun>[a-z]+)[ \u00a0]+or[ \u00a0]+$", re.IGNORECASE
)


def _noun_before_or(text: str, reading: _Reading, floor: int, lex: Lexicon) -> None:
    """Give a bare number the noun (or time unit) of the single thing it is an
    alternative to: "add another pick or two" counts picks, "a day or two" days."""
    found = _ONE_OR_BEFORE.search(text, max(floor, reading.start - 30), reading.start)
    if found is None:
        return
    word = found.group("noun").lower()
    unit = lex.unit_lookup.get(word)
    if unit is not None and unit.kind != "money":
        reading.unit = unit
    elif word not in lex.stop_words and word not in lex.number_words:
        reading.counted = ctx.lemma(word, lex)


#: A measurement that sizes the counted noun: "eight million 250ml bottles".
_MEASURE_MODIFIER = re.compile(
    r"[ \u00a0]+\d[\d.,]*[ \u00a0-]?(?P<unit>[A-Za-z]+)(?=[ \u00a0]+[a-z])"
)


def _is_measure(form: str, lex: Lexicon) -> bool:
    """True when `form` is a unit of measurement (not a currency): "ml", "litre"."""
    unit = lex.unit_lookup.get(form) or lex.unit_lookup.get(normalise(form))
    return unit is not None and unit.kind not in ("money", "percent")


#: The stuff a unit measures, between the unit and its rate: "barrels of oil a day".
_OF_STUFF = re.compile(r"[ \u00a0]+of[ \u00a0]+[a-z]+(?=[ \u00a0/-])")


#: "four-, five- and six-cylinder engines": numbers joined to one noun by suspended
#: hyphens share the noun written after the last of them.
_SUSPENDED = re.compile(
    r"-,?(?:[ \u00a0]+[\w.]+-,?)*[ \u00a0]+(?:and|or|to)[ \u00a0]+[\w.]+-(?P<noun>[A-Za-z]+)\b"
)


def _suspended_noun(text: str, end: int, lex: Lexicon) -> str | None:
    """The noun a number shares through a suspended hyphen ("five- and six-seat cars"
    count seats), unless it is a unit, which the unit reader carries over itself."""
    found = _SUSPENDED.match(text, end)
    if found is None or lex.unit_lookup.get(found.group("noun")) is not None:
        return None
    return ctx.lemma(found.group("noun"), lex)


#: Between a fraction and the unit it divides: "half a mile", "1/16 of a US pint".
_OF_A_UNIT = re.compile(
    r"[ \u00a0]+(?:of[ \u00a0]+)?an?[ \u00a0]+(?:(?:US|U\.S\.|imperial|metric)[ \u00a0]+)?"
)


def _unit_of_fraction(text: str, pos: int, lex: Lexicon) -> tuple[Unit, int] | None:
    """The unit a fraction ending at `pos` is a part of, and where it ends: "half a
    mile", "1/16 of a US pint" (a fraction of people or things is a share: None)."""
    gap = _OF_A_UNIT.match(text, pos)
    if gap is None:
        return None
    found = lex.unit_after.match(text, gap.end())
    if found is None:
        return None
    form = found.group("glued") or found.group("spaced")
    unit = lex.unit_lookup.get(form) or lex.unit_lookup.get(normalise(form))
    if unit is None or unit.kind in ("money", "percent"):
        return None
    return unit, found.end()


def _fraction_of_unit(text: str, reading: _Reading, lex: Lexicon) -> None:
    """Give a fraction the unit it is a part of: "half a mile" is 0.5 miles, "a third of
    a gallon" 0.33 gallons."""
    found = _unit_of_fraction(text, reading.end, lex)
    if found is not None:
        reading.unit, reading.end = found


#: A short aside in brackets after a figure: "($2.408 billion)", "(US $4.46)".
_ASIDE = re.compile(r"[ \u00a0]?\([^()\n]{1,40}\)")


#: A level followed by its change: "the TSX (16,369.03, up 58.06 points)".
_CHANGE_NEXT = re.compile(
    r",?[ \u00a0]+(?:up|down|off)[ \u00a0]+\d[\d.,]*[ \u00a0]+(?P<noun>[a-z]+)\b"
)


def _level_before_change(text: str, end: int, lex: Lexicon) -> str | None:
    """The level noun ("point") of a bare decimal that a change in that noun follows:
    an index quote "16369.03, up 58.06 points" gives the level and its change in one
    unit, which the writer names once, after the change."""
    found = _CHANGE_NEXT.match(text, end)
    if found is None:
        return None
    noun = ctx.lemma(found.group("noun"), lex)
    return noun if noun in _level_nouns() else None


def _parallel_measure(
    text: str, reading: _Reading, previous: CountMention | None, lex: Lexicon
) -> bool:
    """True when a bare decimal repeats the measure of the one before it in a parallel
    clause: "the highest forecast is 84.75 cents, while the lowest is 74.07", "a -1.4
    degree launch angle in 2018 and 2.1 last year". A decimal with nothing after it is
    a measurement, and the writer leaves out the unit just named; whole numbers are
    left alone (they may be years or counts)."""
    if (
        previous is None
        or previous.unit is None
        or "/" in previous.unit
        or previous.kind in ("count", "fraction", "age")
        or reading.start - previous.char_end > 80
    ):
        return False
    if _ELLIPSIS_GAP.search(text, previous.char_end, reading.start) is None:
        return False
    return ctx.counted_noun(text, reading.end, lex)[0] is None


#: What may follow a bare year without changing how it is read: punctuation, or a word
#: that is no unit, scale, range link or shared unit ("in 2011, the ...", "in 2009 when").
_YEAR_NEXT = re.compile(
    r"(?:[.,;:)\n]|$|[ ](?:the|with|when|after|for|in|as|was|but|by|he|she|it|that|is|on"
    r"|from|will|at|while|of|would|were|which|has|had|they|we|i)\b)"
)


def _plain_year(
    text: str, match: Token, floor: int, lex: Lexicon, previous: CountMention | None
) -> bool:
    """A shortcut for the commonest reject: a bare four-digit year with nothing after it
    that could make it a quantity ("in 2011.", "since 2009 when"). It gives the same
    answer as the full reading (which finds no scale, range or unit there), only sooner."""
    core = match.group("num")
    start = match.start()
    if (
        len(core) != 4
        or not core.isdigit()
        or text[start - 1 : start] not in (" ", "")
        or (previous is not None and previous.unit is not None)
        or _YEAR_NEXT.match(text, match.end()) is None
    ):
        return False
    qualifier = ctx.qualifier_before(text, start, floor, lex)
    qualified = qualifier is not None and qualifier[0] != "range_open"
    return flt.is_year(text, core, start, floor, lex, quantified=qualified)


def _elided(text: str, reading: _Reading, previous: CountMention | None) -> bool:
    """True when a bare number shares the noun of the count just before it, coordinated
    or compared with it: "68,400 people ... and 95,800 who", "6 million homes including
    1.5 million in Los Angeles", "3.9 million headsets, up from 2.4 million", or its new
    level: "rose 64.06 points to 4,577.10"."""
    if previous is None or previous.counted is None or previous.kind != "count":
        return False
    if reading.start - previous.char_end > 80 or reading.qualifier == "vague":
        return False
    if _TO_GAP.fullmatch(text, previous.char_end, reading.start):
        return True  # "rose 64.06 points to 4,577.10"
    return _ELLIPSIS_GAP.search(text, previous.char_end, reading.start) is not None


def _restates(text: str, reading: _Reading, previous: CountMention | None) -> bool:
    """True when a measurement restates the previous one in other units, in brackets or
    after a slash ("just under 296 hp (224 kW / 300 PS)"), so it shares its bound. A hedge
    ("some seven miles (11 km)") is the writer's estimate of the first figure and is not
    carried over: the conversion itself is exact."""
    return (
        reading.qualifier == "exact"
        and previous is not None
        and previous.qualifier in _BOUNDS
        and (reading.unit is not None or reading.currency is not None)
        and previous.unit is not None
        and _RESTATED.fullmatch(text, previous.char_end, reading.start) is not None
    )


def _direction(
    text: str,
    match: Token,
    reading: _Reading,
    floor: int,
    previous: CountMention | None,
) -> str | None:
    """Up or down for a change: a change verb before it ("rose 7%"), a sign on a
    percentage ("+0.2%"), or the change it restates ("lost 190 points, or 0.6%")."""
    if reading.qualifier == "range" and not _BY_BEFORE.search(
        text, max(floor, reading.start - 4), reading.start
    ):
        return None  # "rose from 240 to 273" gives two levels; "fell by 1 to 1.5" a change
    start = reading.start
    found = None
    if text[start - 1 : start] == " ":
        tail = text[max(floor, start - 14) : start - 1]  # cheap pre-check on the last word
        if tail[tail.rfind(" ") + 1 :].lower() in cue_last_words():
            found = direction_before(text, start, floor)
    if found is None and reading.unit is not None and text[match.start()] in "+-−":
        found = sign_direction(text[match.start() : match.end()], reading.unit.unit)
    if (
        found is None
        and previous is not None
        and previous.direction is not None
        and (
            _OR_GAP.fullmatch(text, previous.char_end, reading.start)
            or _ELLIPTIC_BY.fullmatch(text, previous.char_end, reading.start)
        )
    ):
        found = previous.direction  # "lost 190 points, or 0.6%"; "down 2.3%, Burlington by 2.6%"
    return found


def _core(text: str, match: Token, kind: str | None, lex: Lexicon) -> _Reading | None:
    """The number itself: digits (with a currency), words, a fraction or a vague word."""
    if kind == "cnum":
        if match.group("cur") in lex.guarded_currency and not _reads_as_money(text, match, lex):
            return None  # "PS5" is a console, "PS6m" is six million pounds
        value = read_digits(match.group("cnum"))
        reading = _Reading(match.start(), match.end(), value, "digits")
        reading.currency = lex.currency_before[match.group("cur")]
        return reading
    if kind == "num":
        reading = _Reading(match.start(), match.end(), read_digits(match.group("num")), "digits")
        minus = _MINUS_BEFORE.search(text, max(0, reading.start - 7), reading.start)
        if minus and reading.value is not None:
            reading.value, reading.start = -reading.value, minus.start()  # "minus-5 yards"
        elif text[reading.start - 1 : reading.start] == "-" and (
            text[max(0, reading.start - 4) : reading.start - 1].lower() == "sub"
        ):
            reading.qualifier, reading.start = "less_than", reading.start - 4  # "sub-7 nm"
        return reading
    if kind == "words":
        words = match.group("words")
        if normalise(words) in lex.bare_scales:
            return None  # "a baker's dozen", "million" with no number before it
        value = read_words(words)
        end = match.end()
        if value is None:  # "three and six": read the first number, the range code links
            for cut in reversed([m.start() for m in _WORD_GAP.finditer(words)]):
                if words[:cut].rsplit(None, 1)[-1].lower() in ("and", "a", "an"):
                    continue
                value = read_words(words[:cut])
                if value is not None:
                    end = match.start() + cut
                    break
        return None if value is None else _Reading(match.start(), end, value, "words")
    if kind == "sfrac":
        return _slash_fraction(text, match, lex)
    if kind == "frac":
        if not _FRACTION_NEXT.match(text, match.end()) and (
            text[match.end() : match.end() + 1] != " "
            or _unit_of_fraction(text, match.end(), lex) is None
        ):
            return None  # "half a mile" is read, "half time" is not
        before = text[max(0, match.start() - 12) : match.start()].split()
        if before and before[-1].lower() in lex.fraction_blockers:
            return None
        value = lex.fraction_values[normalise(match.group("frac"))]
        reading = _Reading(match.start(), match.end(), value, "fraction")
        reading.kind = "fraction"
        return reading
    if kind != "vague":
        return None
    word = normalise(match.group("vague"))
    reading = _Reading(match.start(), match.end(), lex.vague_values[word], "vague")
    reading.qualifier = "vague"
    return reading


#: "one in three Britons", "1 out of 5 cars": a share written as a ratio. A bare
#: four-digit denominator is a year ("2 in 2019").
_RATIO_NEXT = re.compile(
    r"[ \u00a0]+(?:in|out[ \u00a0]+of)[ \u00a0]+(?P<den>\d{1,3}(?:,\d{3})*(?![\d.,])|[a-z]+)\b"
)


def _ratio(text: str, reading: _Reading, lex: Lexicon) -> None:
    """Read "one in three" as the fraction 1/3 of what follows, not as a count of three:
    the denominator names the group, the numerator the part of it. A denominator that
    is a measurement ("2 in 10 minutes") is no ratio."""
    found = _RATIO_NEXT.match(text, reading.end)
    if found is None or reading.value is None or not reading.value.is_integer():
        return
    den_text = found.group("den")
    den = read_digits(den_text) if den_text[0].isdigit() else read_words(den_text)
    if den is None or not den.is_integer() or not 1 <= reading.value < den:
        return
    if lex.unit_after.match(text, found.end()) or lex.scale_after.match(text, found.end()):
        return
    reading.value /= den
    reading.end = found.end()
    reading.kind, reading.rule = "fraction", "ratio"


def _slash_fraction(text: str, match: Token, lex: Lexicon) -> _Reading | None:
    """A fraction written with a slash: always with the fraction slash "⁄"; with "/"
    only when a unit or "of" follows and it is a proper fraction ("1/2 pound", "1/16 of
    a pint"), since "24/7", "9/11" and "50/50" are names and ratios."""
    numerator, denominator = (int(x) for x in re.split("[/⁄]", match.group("sfrac")))
    if denominator == 0:
        return None
    if "/" in match.group("sfrac") and not (
        numerator < denominator
        and (_OF_NEXT.match(text, match.end()) or lex.unit_after.match(text, match.end()))
    ):
        return None
    reading = _Reading(match.start(), match.end(), numerator / denominator, "digits")
    reading.kind = "fraction"
    return reading


def _reads_as_money(text: str, match: Token, lex: Lexicon) -> bool:
    """True when a number after an ambiguous currency mark has money's shape: a decimal
    or thousands separator, or a scale ("PS8.1bn", "PS21,700", "PS6m")."""
    return any(c in match.group("cnum") for c in ".,") or bool(
        lex.scale_after.match(text, match.end())
    )


def _scale(text: str, reading: _Reading, lex: Lexicon) -> None:
    """Multiply by a following scale ("2.5 million", "$1.2bn", "5k", "3 lakh")."""
    match = lex.scale_after.match(text, reading.end)
    if not match or reading.value is None:
        return
    if match.group("glued"):
        word = match.group("glued")
        if (
            word in ("m", "M", "b", "B")
            and reading.currency is None
            and not (
                word in ("m", "M")
                and (
                    _plural_next(text, match.end(), lex)
                    or (not reading.value.is_integer() and _plural_soon(text, match.end(), lex))
                )
            )
        ):
            return  # "100m" is metres unless money, "300m people" or "35m of its devices"
    elif reading.rule == "words" and match.group("word") is None:
        return
    else:
        word = match.group("spaced") or match.group("word")
    factor = scale_value(word)
    if factor is None:
        return
    reading.value *= factor
    reading.end = match.end()
    reading.factor *= factor
    if not reading.scaled and match.group("word"):
        reading.scaled = True
        _scale(text, reading, lex)  # "4 hundred million"
    reading.scaled = True


def _power_of_ten(text: str, reading: _Reading) -> None:
    """Scientific notation: "1.99×10−30 kilograms", "6.02 x 10^23"."""
    head = text[reading.end : reading.end + 2]
    if not head or (head[0] not in _TIMES and head[-1] not in _TIMES):
        return  # cheap pre-check: no multiplication sign follows
    match = _POWER.match(text, reading.end)
    if match is None or reading.value is None:
        return
    exponent = int(match.group("exp").replace("−", "-"))
    reading.value = float(f"{reading.value!r}e{exponent}")  # exact: 1.99e-30, not 1.99..02e-30
    reading.factor *= 10.0**exponent
    reading.end = match.end()
    reading.scaled = True


_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-z]+)")
_AND_WORD = re.compile(r"\band\b")


def _plural_next(text: str, pos: int, lex: Lexicon) -> bool:
    """True when the next word is a plural noun ("300m people")."""
    match = _NEXT_WORD.match(text, pos, pos + 30)
    return bool(match and (match.group(1) == "of" or ctx.looks_plural(match.group(1), lex)))


_YEAR_IN = re.compile(r"\b(?:in|since|during|until)[ \u00a0]+\d{4}$", re.IGNORECASE)
_SOON_WORDS = re.compile(r"(?:[ \u00a0]+[a-z][a-z-]*){1,5}")


def _plural_soon(text: str, pos: int, lex: Lexicon) -> bool:
    """True when a plural noun ends the next few lower-case words with no function word
    before it except "and" ("2.7m combined digital and physical sales"). Used for a
    decimal before "m", which is far more often millions than metres."""
    match = _SOON_WORDS.match(text, pos)
    if match is None:
        return False
    for word in match.group().split():
        if ctx.looks_plural(word, lex):
            return True
        if word != "and" and word in lex.stop_words:
            return False
    return False


def _range(text: str, reading: _Reading, lex: Lexicon) -> bool:
    """Extend to a range ("20-30", "20 to 30", "between 20 and 30"); True if one follows.

    Returns True whenever a second number is linked by a dash, even if it does not form a
    range (scores, seasons), so the caller can reject those.
    """
    link = lex.range_link.match(text, reading.end)
    if not link or reading.value is None:
        return False
    if (
        link.group().strip() == "to"
        and _YEAR_IN.search(text, max(0, reading.start - 8), reading.end)
        and 1800 <= reading.value <= 2100
    ):
        return False  # "rose 60% in 2018 to 3.9 million headsets": a year, then a level
    second = lex.range_second.match(text, link.end())
    if not second:
        return False
    dash = link.group().strip() in ("-", "–", "—")
    if (
        second.group("cur")
        and not dash
        and _BY_BEFORE.search(text, max(0, reading.start - 4), reading.start)
    ):
        return False  # "increased by $43.6 billion to $419.2 billion": a change, a level
    if second.group("num") is not None:
        high = read_digits(second.group("num"))
        if reading.rule != "digits" and not _house_style_range(reading, high):
            return dash
    else:
        if reading.rule != "words":
            return dash
        high = read_words(second.group("words"))
        last = second.group("words").replace("-", " ").split()[-1]
        factor = scale_value(last) if last.lower() in lex.bare_scales else None
        if (
            high is not None
            and factor
            and reading.value < factor <= high
            and (reading.value * factor <= high)
        ):
            reading.value *= factor  # "four to five thousand": the scale covers both
            reading.scaled = True
    if high is None:
        return dash
    probe = _Reading(second.start(), second.end(), high, reading.rule)
    probe.currency = reading.currency
    _scale(text, probe, lex)
    high = probe.value
    assert high is not None
    if probe.scaled and not reading.scaled and reading.value * probe.factor <= high:
        reading.value *= probe.factor  # "2-3 million": the scale covers both numbers
        reading.scaled = True
    if high <= reading.value:
        return dash
    reading.high = high
    reading.qualifier = "range"
    reading.end = probe.end
    return True


def _house_style_range(reading: _Reading, high: float | None) -> bool:
    """True for a range written by news house style, which spells out numbers under ten
    and writes the rest in digits: "seven to 10 years" is one range."""
    return (
        reading.rule == "words"
        and reading.value is not None
        and reading.value < 10
        and not reading.scaled
        and high is not None
        and high >= 10
    )


def _unit_range(text: str, reading: _Reading, lex: Lexicon) -> bool:
    """ "5% to 10%", "from 1 per cent to 1.5 per cent", "$3 billion to $5 billion".

    The second number must carry the same unit or currency; "increased by $43.6 billion
    to $419.2 billion" is a change and a result, not a range.
    """
    link = lex.range_link.match(text, reading.end)
    if not link or link.group().strip() not in ("to", "-", "–", "and"):
        return False
    if text[max(0, reading.start - 4) : reading.start].strip().lower() == "by":
        return False
    probe_match = token_at(text, link.end(), lex)
    if probe_match is None or probe_match.group("skip") is not None:
        return False
    probe = _core(text, probe_match, probe_match.lastgroup, lex)
    if probe is None or probe.rule not in ("digits", "words") or probe.value is None:
        return False
    _scale(text, probe, lex)
    _unit(text, probe, lex)
    same = (probe.unit is not None and probe.unit == reading.unit) or (
        probe.currency is not None and probe.currency == reading.currency
    )
    if not same or reading.value is None or probe.value is None or probe.value <= reading.value:
        return False
    reading.high = probe.value
    reading.qualifier = "range"
    reading.end = probe.end
    return True


def _is_and_range(text: str, core_end: int, reading: _Reading) -> bool:
    """True when the range was linked by "and" (valid only after "between")."""
    return _AND_WORD.search(text[core_end : reading.end]) is not None


def _unit(text: str, reading: _Reading, lex: Lexicon) -> None:
    """Attach a unit, percent sign or currency written after the number."""
    match = lex.unit_after.match(text, reading.end)
    if not match and text[reading.end + 1 : reading.end + 3].isupper():
        match = lex.unit_after_caps.match(text, reading.end)  # "rise 11 FEET"
    if not match:
        shared = _SHARED_UNIT.match(text, reading.end)  # "eight or nine euros"
        if shared is None and _FROM_BEFORE.search(text, max(0, reading.start - 6), reading.start):
            shared = _TO_NUMBER.match(text, reading.end)  # "from 4.8 to 4.7 percent"
        if shared is None and text.startswith(" of ", reading.end):
            shared = _OF_WHOLE.match(text, reading.end)  # "280 million of the 1.5 billion shekels"
        if shared:
            pos = shared.end()
            if shared.group().endswith(tuple("0123456789")):
                scale = lex.scale_after.match(text, pos)  # "2 million or 3 million barrels"
                if scale is not None and scale.group("word"):
                    pos = scale.end()
            unit_match = lex.unit_after.match(text, pos)
            if unit_match:
                _attach(text, reading, lex, unit_match, extend=False)
            elif (cur := shared.groupdict().get("cur")) and reading.currency is None:
                reading.currency = lex.currency_before.get(cur)
        elif reading.currency is None and text.startswith(" or ", reading.end):
            money = _OR_MONEY.match(text, reading.end)  # "about 8 or $9"
            if money and money.group("cur") in lex.currency_before:
                reading.currency = lex.currency_before[money.group("cur")]
        return
    _attach(text, reading, lex, match, extend=True)


def _attach(
    text: str, reading: _Reading, lex: Lexicon, match: re.Match[str], *, extend: bool
) -> None:
    """Record the unit or currency `match` found; move the end past it when `extend`."""
    form = match.group("glued") or match.group("spaced")
    unit = lex.unit_lookup.get(form) or lex.unit_lookup.get(normalise(form))
    if _OF_NEXT.match(text, match.end()):
        unit = lex.unit_lookup.get(normalise(form) + " of", unit)  # "10 pounds of cocaine"
    if unit is None:
        return
    if unit.kind == "money":
        if reading.currency is not None:
            return
        reading.currency = unit.unit
    else:
        if reading.currency is not None:
            return  # "$5 per..." keeps the currency; a unit after money is a rate
        reading.unit = unit
    if extend:
        reading.end = match.end()


def _not_a_count(
    text: str,
    match: Token,
    reading: _Reading,
    core_end: int,
    floor: int,
    lex: Lexicon,
    *,
    has_range: bool,
    qualified: bool,
) -> bool:
    """True for years, dates, times, ages, identifiers, scores and list numbering."""
    value = reading.value
    if value is None:
        return True
    start = match.start()
    if has_range and reading.qualifier != "range":
        return True  # "3-1", "2019-20": a dash to a smaller number is a score or a season
    if reading.qualifier == "range" and flt.is_score(text, start, core_end, floor, lex):
        return True
    quantified = reading.currency is not None or reading.unit is not None or reading.scaled
    if reading.qualifier == "range" and _plural_next(text, reading.end, lex):
        quantified = True  # "between 1000 and 2000 people" is no pair of years
    core = match.group("num") or ""
    if reading.rule == "digits" and flt.is_year(
        text, core, start, floor, lex, quantified=quantified or qualified
    ):
        return True
    if reading.qualifier == "range" and reading.currency is None and reading.unit is None:
        last = _LAST_DIGITS.search(text, core_end, reading.end)
        second = last.group() if last else ""
        if len(core) == 4 and len(second) == 4 and not _plural_next(text, reading.end, lex):
            return True  # "2010-2015", "from 2011 to 2013" (but "1000 to 2000 hires")
    if (
        reading.currency is None
        and (text[core_end + 1 : core_end + 2] in _AGE_FIRST or reading.scaled)
        and _as_age(text, reading, core_end, lex)
    ):
        return False
    if (
        reading.unit is not None
        and reading.unit.kind == "duration"
        and flt.is_age(text, start, core_end, value, floor)
    ):
        return True
    if reading.currency is None and reading.unit is None:
        if flt.is_date_part(text, start, core_end, value, floor, lex):
            return True
        if flt.is_time(text, core_end):
            return True
        if flt.is_age(text, start, core_end, value, floor):
            reading.rejected = True  # skip the whole span: "aged 18 to 34"
            return True
    if reading.rule == "digits" and reading.currency is None and reading.unit is None:
        if flt.is_identifier(text, start, reading.end, floor, lex):
            return True
        if flt.is_list_number(text, start, core_end):
            return True
    if (
        reading.rule == "digits"
        and reading.unit is None
        and reading.currency is None
        and text[start - 1 : start] == "("
        and text[reading.end : reading.end + 1] == ")"
    ):
        return True  # "(4)": a label or a reference, not a count
    if reading.rule == "words" and text[start].isupper():
        # "the Guildford Four", "Big Ten": a capitalised number word after a capitalised
        # word inside a sentence is part of a name.
        words = flt.words_before(text, start, floor)
        return (
            bool(words)
            and words[-1][0].isupper()
            and not (start - 40 <= floor and len(text[floor:start].split()) <= 1)
        )
    return False


def _as_age(text: str, reading: _Reading, core_end: int, lex: Lexicon) -> bool:
    """Recognise "a 50-year-old", "30 years old" or "400 million-year-old" as an age.

    Ages are no counts (the table contract says so: an analyst must never sum them with
    casualties), so the caller drops readings marked kind "age". NewsQuant's gold does
    treat these as quantities; that costs our score there, knowingly.
    """
    suffix = flt.age_suffix(text, core_end)
    if suffix is None and reading.scaled:
        scale = _SCALE_WORD.match(text, core_end)  # "400 million-year-old"
        suffix = flt.age_suffix(text, scale.end()) if scale else None
    if suffix is None:
        return False
    word = suffix.group("unit").lower()
    unit = lex.unit_lookup.get(word) or lex.unit_lookup.get(word + "s")
    if unit is None:
        return False
    reading.unit = unit
    reading.kind = "age"
    reading.end = suffix.end()
    return True


def _street_after(text: str, end: int, lex: Lexicon) -> bool:
    """True when one of the next three words is a capitalised street word ("St", "Ave",
    "ZIP"), so the number is part of an address."""
    if not text[end + 1 : end + 2].isupper():
        return False  # cheap pre-check: a street word or initial follows at once
    for token in text[end : end + 30].split()[:3]:
        word = token.rstrip(".,;:")
        if not word or not (word[0].isupper() or word[0].isdigit()):
            return False
        if word[0].isupper() and word.lower() in lex.address_words:
            return True
    return False


def _plausible(text: str, match: Token, reading: _Reading, floor: int, lex: Lexicon) -> bool:
    """Reject readings that are words, not numbers ("one of the first", "several times")."""
    surface = reading.counted_surface
    if surface and surface[0].isupper() and surface.lower() in lex.address_words:
        return False  # "575 Wilbraham Road": a street number
    if reading.rule == "digits" and _street_after(text, reading.end, lex):
        return False  # "9 E 71st St", "22 Ave Foch", "the 90049 ZIP Code"
    if reading.rule == "ratio":
        return True  # "one in five said no": the ratio itself says it is a share
    if reading.rule == "fraction":
        # A share of people or things is a count; a share of a place or a budget is not.
        counted = reading.counted is not None and (
            reading.counted in lex.collective_nouns
            or ctx.looks_plural(reading.counted_surface or "", lex)
        )
        if not counted and _OF_GROUP.match(text, match.end()) is not None:
            # "almost half of which are in California", "half of them sank": a share of
            # a group named before ("a third of them women" keeps its noun)
            reading.counted = reading.counted_surface = None
            return True
        return counted
    if reading.rule == "vague":
        if reading.value is not None:
            return _VAGUE_NEXT.match(text, match.end()) is not None or reading.counted is None
        # "killing several of them": a vague share of people already named
        return reading.counted is not None or _OF_PRONOUN.match(text, match.end()) is not None
    if reading.rule == "words" and normalise(match.group("words")) == "one":
        if text[match.end() : match.end() + 1] == "-":
            return False
        if reading.counted is None:
            # "killing one and wounding two others": a bare "one" right after a
            # casualty verb is a count of one; elsewhere it is a pronoun.
            return ctx.category_before(text, match.start(), floor, lex) is not None
        before = text[max(floor, match.start() - 12) : match.start()].split()
        return not (before and before[-1].lower() in lex.one_blockers)
    return True


def _category(
    text: str, reading: _Reading, floor: int, lex: Lexicon, previous: CountMention | None
) -> str | None:
    """The casualty category: a cue after, a governing cue before, the sentence's previous
    count for "including ..." lists, or the counted noun itself, in that order. Things
    ("several weapons were found") are never casualties."""
    if reading.counted is not None and reading.counted in _object_nouns():
        return None
    found = ctx.category_after(text, reading.np_end, lex)
    if found is None:
        found = ctx.category_before(text, reading.start, floor, lex)
    if (
        found is None
        and previous is not None
        and previous.category is not None
        and ctx.inherits_category(text, reading.start, floor, previous.char_end)
    ):
        found = previous.category
    if found is None:
        found = ctx.noun_category(reading.counted_surface, lex)
    return found


@cache
def _level_nouns() -> frozenset[str]:
    """Nouns of a level a bare number may continue (`level_nouns` in counts_context.json)."""
    return frozenset(resource("counts_context.json")["level_nouns"])


@cache
def _object_nouns() -> frozenset[str]:
    """Counted nouns that are things (`object_nouns` in counts_categories.json)."""
    return frozenset(resource("counts_categories.json")["object_nouns"])


def _freeze(text: str, reading: _Reading, sentence: int) -> CountMention:
    """Turn a finished reading into the immutable record."""
    value = reading.value
    low: float | None = None
    high: float | None = None
    qualifier = reading.qualifier
    if qualifier == "exact":
        low = high = value
    elif qualifier in ("more_than", "at_least"):
        low = value
    elif qualifier in ("up_to", "less_than", "at_most"):
        high = value
    elif qualifier == "range":
        low, high = value, reading.high
    elif qualifier == "vague":
        low = value
    kind = reading.kind
    unit_code: str | None = None
    si_value: float | None = None
    si_unit: str | None = None
    if reading.currency is not None:
        kind, unit_code = "money", reading.currency
    elif reading.unit is not None:
        kind, unit_code = reading.unit.kind, reading.unit.unit
        if reading.kind == "age":
            kind = "age"
        elif value is not None and reading.unit.si_unit is not None and reading.per is None:
            si_value = value * reading.unit.factor + reading.unit.offset
            si_unit = reading.unit.si_unit
    if unit_code is not None and reading.per is not None:
        unit_code = f"{unit_code}/{reading.per}"  # a rate: "USD/bbl", "bbl/d"
    rule = reading.rule
    if reading.qualifier not in ("exact", "vague"):
        rule += "+qualifier"
    if unit_code is not None:
        rule += "+unit" if kind != "money" else "+currency"
    if reading.category is not None:
        rule += "+cue"
    return CountMention(
        sentence=sentence,
        char_start=reading.start,
        char_end=reading.end,
        surface=text[reading.start : reading.end],
        value=value,
        value_low=low,
        value_high=high,
        qualifier=qualifier,
        unit=unit_code,
        kind=kind,
        counted=reading.counted if kind in ("count", "fraction", "percent") else None,
        category=reading.category if kind in ("count", "fraction", "percent") else None,
        rule=rule,
        si_value=si_value,
        si_unit=si_unit,
        direction=reading.direction,
    )
