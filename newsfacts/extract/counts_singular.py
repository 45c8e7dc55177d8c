"""Counts of one written with an article: "killed the Taliban leader", "a suspect was arrested".

Casualty and arrest reports often give no digit for a single person, yet an analyst
summing victims needs that 1. Only an article governed by a category cue and heading a
person noun (`person_nouns` in `resources/counts_categories.json`) counts, so "captured
the town" is never a count. The surface is the article itself, the rule "article+cue".
"""

from __future__ import annotations

import re
from functools import cache

from newsfacts.extract import counts_context as ctx
from newsfacts.extract.counts_lexicon import Lexicon, lexicon, normalise, resource
from newsfacts.extract.text import sentence_at
from newsfacts.records import CountMention, Sentence

_DET_AFTER = re.compile(r"[ \t]+(?P<det>an?|the|another)(?=[ \t])")
_NAME_AFTER = re.compile(r",?[ \t]+[A-Z][a-z]")
_PHRASE_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’/-]*)")
_AND_DET = re.compile(r",?[ \t]+and[ \t]+(?P<det>an?|another)(?=[ \t])")
# A proper name modifying the person noun: capitalised words, possibly joined by "of".
_NAME_RUN = re.compile(
    r"(?:[ \t]+(?:[A-Z][\w'’/-]*|of|al|bin|ul|e)){1,8}?(?=[ \t]+[a-z][\w-]*(?:[ \t]|[,.;]|$))"
)
# The article of a passive subject: "A Taliban leader | was arrested" (at most 4 words).
_DET_BEFORE = re.compile(r"(?<![\w-])(?P<det>[Aa]n?|[Tt]he)[ \t]+(?:[\w'’-]+[ \t]+){1,4}$")


@cache
def _persons() -> frozenset[str]:
    """Nouns that make an article a count of one person."""
    return frozenset(resource("counts_categories.json")["person_nouns"])


def singular_count(
    text: str, sentences: list[Sentence], match: re.Match[str]
) -> list[CountMention]:
    """The counts of one for a scanner hit on a cue: "killed a ..." (group `acue`, the
    article follows) or "... was arrested" (group `pcue`, the article is looked up
    backwards, at most four words before the auxiliary).

    A governed object may be coordinated with a second one: "captured a network leader
    and a facilitator" is two counts of one.
    """
    lex = lexicon()
    if match.group("acue") is not None:
        category = lex.cue_category.get("b:" + normalise(match.group("acue")))
        det = _DET_AFTER.match(text, match.end())
        if det is None:
            titled = _titled(text, sentences, lex, match.end(), category)
            return [] if titled is None else [titled]
        first = _mention(text, sentences, lex, det.span("det"), category, None)
        if first is None:
            return []
        out = [first[0]]
        second = _AND_DET.match(text, first[1])
        if second is not None:
            more = _mention(text, sentences, lex, second.span("det"), category, None)
            if more is not None:
                out.append(more[0])
        return out
    category = lex.cue_category.get("a:" + normalise(match.group("pcue")))
    det = _DET_BEFORE.search(text, max(0, match.start() - 60), match.start())
    if det is None:
        return []
    found = _mention(text, sentences, lex, det.span("det"), category, match.start())
    return [] if found is None else [found[0]]


def _titled(
    text: str, sentences: list[Sentence], lex: Lexicon, end: int, category: str | None
) -> CountMention | None:
    """A count of one for a person named with a title and no article: "killed Taliban
    leader Saifullah", "confirmed the arrest of Haqqani leader Mullah Rahman". The
    surface is the title noun; a capitalised name must follow it."""
    if category is None:
        return None
    name = _NAME_RUN.match(text, end)
    if name is None:
        return None
    counted, surface, head_end = ctx.counted_noun(text, name.end(), lex)
    if counted is None or surface is None or counted not in _persons():
        return None
    if ctx.looks_plural(surface, lex) or not _NAME_AFTER.match(text, head_end):
        return None
    start = head_end - len(surface)
    return one_of(text, sentences, start, head_end, counted, category, "title+cue")


def _person_in_phrase(text: str, end: int, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """The first singular person noun among the next few words of a long descriptive
    noun phrase ("a Taliban improvised explosive device facilitator", "a suspected
    weapons facilitator"); the scan stops at punctuation and function words."""
    for match in _PHRASE_WORD.finditer(text, end, min(len(text), end + 80)):
        word = match.group(1)
        lower = word.lower()
        if lower in lex.stop_words and lower != "of":
            break
        if lower in _persons():
            return lower, word, match.end()
        if match.end() < len(text) and text[match.end()] in ",.;:()":
            break
    return None, None, end


def _mention(
    text: str,
    sentences: list[Sentence],
    lex: Lexicon,
    span: tuple[int, int],
    category: str | None,
    phrase_end: int | None,
) -> tuple[CountMention, int] | None:
    """The count of one for the article at `span` and the end of its noun phrase, or
    None when its noun is not a single person (or, for a passive, when the noun phrase
    does not reach the verb)."""
    if category is None:
        return None
    start, end = span
    counted, surface, head_end = ctx.counted_noun(text, end, lex)
    if counted is None or counted not in _persons():
        name = _NAME_RUN.match(text, end)  # "an Islamic Movement of Uzbekistan facilitator"
        if name is not None:
            counted, surface, head_end = ctx.counted_noun(text, name.end(), lex)
    if (counted is None or counted not in _persons()) and phrase_end is None:
        counted, surface, head_end = _person_in_phrase(text, end, lex)
    if counted is None or surface is None or counted not in _persons():
        return None
    if ctx.looks_plural(surface, lex):
        return None
    if phrase_end is not None and text[head_end:phrase_end].strip():
        return None
    return one_of(text, sentences, start, end, counted, category, "article+cue"), head_end


def one_of(
    text: str,
    sentences: list[Sentence],
    start: int,
    end: int,
    counted: str | None,
    category: str | None,
    rule: str,
) -> CountMention:
    """A count of exactly one ("a suspect was arrested", "killed Taliban leader X")."""
    return CountMention(
        sentence=sentence_at(sentences, start),
        char_start=start,
        char_end=end,
        surface=text[start:end],
        value=1.0,
        value_low=1.0,
        value_high=1.0,
        qualifier="exact",
        unit=None,
        kind="count",
        counted=counted,
        category=category,
        rule=rule,
    )
