"""Counts of one written with an article: "killed the Taliban leader", "a suspect was arrested".

Casualty and arrest reports often give no digit for a single person, yet an analyst
summing victims needs that 1. Only an article governed by a category cue and heading a
person noun (`person_nouns` in `resources/counts_categories.json`) counts, so "captured
the town" is never a count. The surface is the article itself, the rule "article+cue".
A pronoun governed by a cue ("killing him", "he was detained") is a count of one person
with rule "pronoun+cue" (whom it names is for the reader of the whole text to decide).
"""

from __future__ import annotations

import re
from functools import cache

from newsfacts.extract import counts_context as ctx
from newsfacts.extract.counts_lexicon import Lexicon, Token, lexicon, normalise, resource
from newsfacts.extract.text import sentence_at
from newsfacts.records import CountMention, Sentence

_DET_AFTER = re.compile(r"[ \t]+(?P<det>an?|the|another)(?=[ \t])")
_NAME_AFTER = re.compile(r",?[ \t]+[A-Z][a-z]")
_PHRASE_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’/-]*)")
_AND_DET = re.compile(r",?[ \t]+and[ \t]+(?P<det>an?|another)(?=[ \t])")
# A bare personal name right after a killing verb, ended by punctuation or a clause word.
_PERSON_NAME = re.compile(
    r"[ \t]+(?P<det>[A-Z][a-z][\w'’-]*(?:[ \t]+(?:[A-Z][a-z][\w'’-]*|bin|al|ul))*)"
    r"(?=[,.;]|[ \t]+(?:and|in|during|on|at|with|who|after|while|as)\b)"
)
# The verb itself, written in lower case ("killing", "killed"; not "The Killing Fields"
# nor a noun cue such as "the lives of").
_KILLING_VERB = re.compile(r"[a-z ]*(?:ed|ing|kills?|slew)")
_HIM_AFTER = re.compile(r"[ \t]+(?P<det>him)\b")
_HE_BEFORE = re.compile(r"(?<![\w-])(?P<det>[Hh]e)[ \t]+$")
_LIST_DET = re.compile(r",[ \t]+(?P<det>an?|another)(?=[ \t])")
_AND_NEXT = re.compile(r",?[ \t]+and[ \t]")
# A passive subject with its place set off by commas: "A leader | in X district, Y
# province, | was arrested".
_DET_IN_PLACE = re.compile(
    r"(?<![\w-])(?P<det>[Aa]n?)[ \t]+(?:[\w'’-]+[ \t]+){0,3}?[\w'’-]+"
    r"(?P<place>[ \t]+(?:in|near)[ \t]+[^.;,]{1,50},(?:[ \t]+[^.;,]{1,40},)?)[ \t]+$"
)
# The first of two coordinated passive subjects: "A leader | and a suspect were arrested".
_DET_AND_BEFORE = re.compile(
    r"(?<![\w-])(?P<det>[Aa]n?)[ \t]+(?:[\w'’-]+[ \t]+){0,3}[\w'’-]+(?P<and>[ \t]+and[ \t]+)$"
)
# A proper name modifying the person noun: capitalised words, possibly joined by "of".
_NAME_RUN = re.compile(
    r"(?:[ \t]+(?:[A-Z][\w'’/-]*|of|al|bin|ul|e)){1,8}?(?=[ \t]+[a-z][\w-]*(?:[ \t]|[,.;]|$))"
)
# The article of a passive subject: "A Taliban leader | was arrested" (at most 4 words).
_DET_BEFORE = re.compile(
    r"(?<![\w-])(?P<det>[Aa]n?|[Tt]he)[ \t]+(?:(?!and[ \t])[\w'’-]+[ \t]+){1,4}$"
)


@cache
def _persons() -> frozenset[str]:
    """Nouns that make an article a count of one person."""
    return frozenset(resource("counts_categories.json")["person_nouns"])


def singular_count(text: str, sentences: list[Sentence], match: Token) -> list[CountMention]:
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
            pronoun = _HIM_AFTER.match(text, match.end())
            if pronoun is not None and category is not None:
                # "the security force returned fire, killing him": one person
                start, end = pronoun.span("det")
                return [one_of(text, sentences, start, end, "person", category, "pronoun+cue")]
            titled = _titled(text, sentences, lex, match.end(), category)
            verb = match.group("acue")
            if titled is None and category == "KILL" and _KILLING_VERB.fullmatch(verb):
                named = _PERSON_NAME.match(text, match.end())
                if named is not None and named.group("det").split()[0].lower() not in lex.day_words:
                    # "killing Malawi Sahib": one person, named without a title
                    start, end = named.span("det")
                    return [one_of(text, sentences, start, end, "person", category, "name+cue")]
            return [] if titled is None else [titled]
        first = _mention(text, sentences, lex, det.span("det"), category, None)
        if first is None:
            return []
        out = [first[0]]
        end = first[1]
        for _ in range(3):  # "captured a leader, a facilitator and a courier"
            listed = _LIST_DET.match(text, end)
            second = listed or _AND_DET.match(text, end)
            if second is None:
                break
            more = _mention(text, sentences, lex, second.span("det"), category, None)
            if more is None or (listed is not None and not _AND_NEXT.match(text, more[1])):
                break  # "a suspect, a man from Kabul": an apposition, not a list
            out.append(more[0])
            end = more[1]
        return out
    category = lex.cue_category.get("a:" + normalise(match.group("pcue")))
    det = _DET_BEFORE.search(text, max(0, match.start() - 60), match.start())
    phrase_end = match.start()
    if det is None:
        # "A Haqqani leader in Pul-e Alam district, Logar province, was arrested"
        det = _DET_IN_PLACE.search(text, max(0, match.start() - 110), match.start())
        if det is None:
            pronoun = _HE_BEFORE.search(text, max(0, match.start() - 6), match.start())
            if pronoun is None or category is None:
                return []
            start, end = pronoun.span("det")  # "He was killed": one person
            return [one_of(text, sentences, start, end, "person", category, "pronoun+cue")]
        phrase_end = det.start("place")
    found = _mention(text, sentences, lex, det.span("det"), category, phrase_end)
    if found is None:
        return []
    # "A Taliban leader and a suspected insurgent were captured": both subjects count.
    partner = _DET_AND_BEFORE.search(text, max(0, det.start() - 60), det.start())
    if partner is not None and det.group("det").lower() != "the":
        before = _mention(text, sentences, lex, partner.span("det"), category, partner.start("and"))
        if before is not None:
            return [before[0], found[0]]
    return [found[0]]


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
