"""Date facts: find temporal expressions and normalise them to TimeML TIMEX3 values.

Precompiled patterns (built from `resources/dates_patterns.yaml`) are tried, in text
order, only just before trigger words (digits, months, unit words, ...), which keeps the
tagger well under a millisecond per article; each candidate is normalised by the rule
that matched it (`dates_rules.py`), which may reject it. Text order matters: anaphoric
expressions ("the following year") resolve against the dates already found. Pure: the
only inputs are the text, the publication date and the package's own data files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from newsfacts.extract.dates_lexicon import (
    WORD,
    bridge_words,
    compiled,
    lead_pattern,
    trigger_pattern,
)
from newsfacts.extract.dates_rules import NORMALISERS, Context, Found
from newsfacts.extract.text import sentence_at, split_sentences
from newsfacts.records import DateMention, Sentence

__all__ = ["extract_dates"]

# Rules for comparison points ("up from a year earlier", "the year-ago quarter"): they
# never become the antecedent of a later anaphor, which refers back to the story's time.
_COMPARISONS = frozenset({"ago", "anaphoric_shift", "year_adjective", "quarter_anaphoric"})


def extract_dates(
    text: str, published: date | None, sentences: list[Sentence] | None = None
) -> list[DateMention]:
    """All temporal expressions in `text`, sorted by position and non-overlapping.

    `published` anchors relative expressions ("on Wednesday", "last year"); without it
    they keep value None and anchor "unresolved" rather than being guessed.
    """
    if sentences is None:
        sentences = split_sentences(text)
    patterns, rules = compiled()
    context = Context(text=text, published=published, sentence_end=0 if sentences else len(text))
    mentions: list[DateMention] = []
    current = [0]  # index of the sentence that context.sentence_start/_end describe

    def accept(match: re.Match[str]) -> bool:
        """Normalise one candidate; False when its rule rejects it (then the words inside
        it stay available to other rules: "a decades-long" is no duration, "decades-long" is)."""
        rule = rules[match.lastgroup or ""]
        start, end = match.span()
        # Mentions come in text order: most fall in the sentence of the one before, the
        # others a few sentences on, which a walk forward finds sooner than a search.
        if sentences and not context.sentence_start <= start < context.sentence_end:
            index = current[0]
            if start < sentences[index].start:  # cannot happen in text order; kept exact
                index = sentence_at(sentences, start)
            while index + 1 < len(sentences) and sentences[index + 1].start <= start:
                index += 1
            current[0] = index
            sentence = sentences[index]
            context.sentence_start, context.sentence_end = sentence.start, sentence.end
        detail = rule.regex.match(text, start)
        if detail is None or detail.end() != end:  # cannot happen; guards a pattern edit
            return False
        result = NORMALISERS[rule.name](detail.groupdict(), start, end, context)
        if not result:
            return False
        for found in result if isinstance(result, list) else [result]:
            mentions.append(_mention(text, sentences, found, start, end, rule.name, current[0]))
            context.mentioned.append((found.span[0] if found.span else start, found))
            if found.start is not None and rule.name not in _COMPARISONS:
                context.history.append(found)
        return True

    _scan(text, patterns, accept)
    return mentions


# How far before its trigger word a mention may start: the longest lead-ins are four
# words ("the start of this year", "the last twenty four hours", "more than four decades").
_LOOKBACK = 36
# Before a number the lead-ins are shorter ("the beginning of 2004", "approximately 20
# years"; the longest a rule allows is "the following fewer than 30 days", 25 characters),
# and numbers are half of all triggers: most of them counts, whose lead-ins are never
# tried in vain this way.
_DIGIT_LOOKBACK = 26


def _scan(
    text: str, patterns: dict[str, re.Pattern[str]], accept: Callable[[re.Match[str]], bool]
) -> None:
    """Offer `accept` the matches of the combined patterns in text order, tried only near
    trigger words.

    A mention always contains a trigger (a digit, month, unit word, ...) and starts
    with a lead word (digit, "the", "last", a number word, ...) at most a few words
    before it; trying the patterns only there gives the same matches as scanning every
    position, at a fraction of the cost. Accepted matches never overlap. Of the lead
    words before a trigger, those with a word no mention holds between them and the
    trigger are skipped (`_bridge_start`): most tries there failed ("[the] company's
    profits rose this [year]").
    """
    next_start = 0  # no candidate may start before this: accepted or already tried
    fallback = patterns.get("")
    pattern_for = patterns.get
    leads = lead_pattern().finditer  # bound once: this loop runs for every trigger
    for trigger in trigger_pattern().finditer(text):
        position, stop = trigger.span()
        if position < next_start:
            continue
        low = position - (_DIGIT_LOOKBACK if text[position].isdigit() else _LOOKBACK)
        bridge = -1  # leads before this cannot reach the trigger; -1 = not read yet
        for start_match in leads(text, low if low > next_start else next_start, stop):
            start = start_match.start()
            if start < next_start:
                continue
            next_start = start + 1
            if start < position:
                if bridge < 0:
                    bridge = _bridge_start(text, start, position)
                if start < bridge:
                    continue
            pattern = pattern_for(text[start].lower(), fallback)
            if pattern is None:
                continue
            match = pattern.match(text, start)
            if match is not None and accept(match):
                next_start = match.end()


def _bridge_start(text: str, low: int, position: int) -> int:
    """Where the words a mention can be made of begin, going back from the trigger at
    `position` no further than `low`: the end of the last other word in between.

    A lead tried for a trigger has no other trigger between them (that one would have
    been tried first), so a mention starting there must reach this trigger, across
    words of `bridge_words` only.
    """
    known = bridge_words()
    bridge = low
    for word in WORD.finditer(text, low, position):
        if len(word.group()) > 2 and word.group().lower() not in known:
            bridge = word.end()
    return bridge


def _mention(
    text: str,
    sentences: list[Sentence],
    found: Found,
    start: int,
    end: int,
    rule: str,
    sentence: int,
) -> DateMention:
    """The record for one normalised match (or one part of a split match); `sentence` is
    the index of the sentence the match starts in."""
    if found.span is not None and found.span[0] != start:
        sentence = sentence_at(sentences, found.span[0]) if sentences else 0
    if found.span is not None:
        start, end = found.span
    return DateMention(
        sentence=sentence,
        char_start=start,
        char_end=end,
        surface=text[start:end],
        kind=found.kind,
        value=found.value,
        precision=found.precision,
        start_date=found.start,
        end_date=found.end,
        anchor=found.anchor,
        rule=rule,
    )


# Compile every pattern at import (about 0.3 s once per process) rather than inside the
# first article's extraction, so per-article timings and worker start-up are predictable.
compiled()
trigger_pattern()
lead_pattern()
bridge_words()
