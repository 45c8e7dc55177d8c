"""Date facts: find temporal expressions and normalise them to TimeML TIMEX3 values.

One pass of one precompiled pattern (built from `resources/dates_patterns.yaml`) finds
the candidates in text order; each is normalised by the rule that matched it
(`dates_rules.py`). Text order matters: anaphoric expressions ("the following year")
resolve against the dates already found. Pure: the only inputs are the text, the
publication date and the package's own data files.
"""

from __future__ import annotations

from datetime import date

from newsfacts.extract.dates_lexicon import compiled
from newsfacts.extract.dates_rules import NORMALISERS, Context, Found
from newsfacts.extract.text import sentence_at, split_sentences
from newsfacts.records import DateMention, Sentence

__all__ = ["extract_dates"]


def extract_dates(
    text: str, published: date | None, sentences: list[Sentence] | None = None
) -> list[DateMention]:
    """All temporal expressions in `text`, sorted by position and non-overlapping.

    `published` anchors relative expressions ("on Wednesday", "last year"); without it
    they keep value None and anchor "unresolved" rather than being guessed.
    """
    if sentences is None:
        sentences = split_sentences(text)
    pattern, rules = compiled()
    context = Context(text=text, published=published)
    mentions: list[DateMention] = []
    for match in pattern.finditer(text):
        key = match.lastgroup
        if key is None:
            continue
        rule = rules[key]
        start, end = match.span()
        index = sentence_at(sentences, start) if sentences else 0
        if sentences:
            sentence = sentences[index]
            context.sentence_start, context.sentence_end = sentence.start, sentence.end
        else:
            context.sentence_start, context.sentence_end = 0, len(text)
        groups = {plain: match.group(prefixed) for plain, prefixed in rule.groups}
        result = NORMALISERS[rule.name](groups, start, end, context)
        if result is None:
            continue
        for found in result if isinstance(result, list) else [result]:
            mentions.append(_mention(text, sentences, found, start, end, rule.name))
            if found.kind in ("date", "time") and found.start is not None:
                context.history.append(found)
    return mentions


def _mention(
    text: str, sentences: list[Sentence], found: Found, start: int, end: int, rule: str
) -> DateMention:
    """The record for one normalised match (or one part of a split match)."""
    if found.span is not None:
        start, end = found.span
    return DateMention(
        sentence=sentence_at(sentences, start) if sentences else 0,
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
