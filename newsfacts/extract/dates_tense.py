"""Tense of the clause around a mention: is "on Friday" the last Friday or the next one?

News reports mostly narrate the past, so the past is the default. A future cue ("will",
"is due", "scheduled") or a past cue ("said", "was") nearest to the mention inside its
sentence decides; cue words are data (`future_cues` / `past_cues` in dates_lexicon.yaml).
"""

from __future__ import annotations

import re
from functools import cache

from newsfacts.extract.dates_lexicon import lexicon
from newsfacts.extract.dates_regex import alternation

# A participle after one of these is future ("will be held", "should be completed in
# October", "would be paid in January"), an adverb between or not ("would still be held
# on April 24", "will also be paid"); not after "should have", nor after "could be" /
# "must be", which in news mostly report the past ("could not be located Wednesday").
_ADVERB = r"(?:(?:still|also|now|then|soon|only|not|never|already|[a-z]+ly)\s+)?"
_FUTURE_AUX = re.compile(
    rf"(?i)\b(?:(?:will|'ll|shall|to)\s+{_ADVERB}(?:be|have(?:\s+been)?)"
    rf"|(?:should|would)\s+{_ADVERB}be)\s+{_ADVERB}$"
)
# How far before a participle its auxiliary may start ("would probably be officially").
_AUX_REACH = 32

# A future cue after a past perfect is a plan that lay in the past ("had been due to
# expire Friday evening", "had been scheduled to expire at midnight Friday").
_PAST_PERFECT = re.compile(r"(?i)\bhad\s+(?:been\s+)?$")

PAST = -1
FUTURE = 1
UNKNOWN = 0


@cache
def _cue_pattern() -> re.Pattern[str]:
    lex = lexicon()

    def alt(words: tuple[str, ...]) -> str:
        # A trie, not a flat list: the pattern runs over every sentence with a mention.
        return alternation(list(words))

    # Any lower-case "-ed" word counts as a past verb; a capitalised one is a name
    # ("the United States Thursday").
    return re.compile(
        rf"(?i)(?<![\w'])(?:(?P<future>{alt(lex.future_cues)})|(?P<past>{alt(lex.past_cues)}|(?P<ed>(?-i:[a-z]{{2,}}(?<!e)ed))))(?!\w)"
    )


# An "-ed" word right after a determiner (an adverb may come between) is an adjective,
# not a verb in the past: "on a still unspecified date in January", "the expanded
# program". Words that are also pronouns are left out: "the plant that closed in May",
# "those polled on Sunday".
_DETERMINER_BEFORE = re.compile(
    r"(?i)(?<![\w'])(?:a|an|the|its|his|her|their|our|your)\s+(?:[a-z]+ly\s+|still\s+)?$"
)

# "Will" before a capitalised word is a name ("Will Smith"), not the future.
_NAME_AFTER = re.compile(r"\s+[A-Z]")


# A cue after the mention counts as this much farther away than one before it: the verb
# that governs a time adverbial mostly comes first ("will double its flights by August,
# [untouched] by the crisis").
_AFTER_WEIGHT = 2

# An attribution verb sets the tense only this close before the mention.
_ATTRIBUTION_REACH = 20


def tense_near(text: str, start: int, end: int, position: int) -> int:
    """PAST, FUTURE or UNKNOWN for the mention at `position` in sentence `text[start:end]`.

    The cue closest to the mention wins, so "said on Friday it will vote on Monday" reads
    Friday as past and Monday as future. Attribution verbs only count just before the
    mention ("said on Friday") or when the sentence has no other cue ("talks will be held
    on Monday, officials said" is about next Monday).
    """
    best = UNKNOWN
    best_distance = end - start + 1
    fallback = UNKNOWN
    attribution = lexicon().attribution_cues
    for match in _cue_pattern().finditer(text, start, end):
        distance = match.start() - position
        distance = position - match.start() if distance < 0 else _AFTER_WEIGHT * distance
        if distance >= best_distance:
            continue
        if match.group("ed") and _DETERMINER_BEFORE.search(
            text, max(start, match.start() - 24), match.start()
        ):
            continue
        if match.group() == "Will" and _NAME_AFTER.match(text, match.end()):
            continue
        tense = FUTURE if match.group("future") else PAST
        if tense == FUTURE and _PAST_PERFECT.search(
            text, max(start, match.start() - 12), match.start()
        ):
            tense = PAST
        if tense == PAST and _FUTURE_AUX.search(
            text, max(start, match.start() - _AUX_REACH), match.start()
        ):
            tense = FUTURE  # "will be held": a participle after a future auxiliary
        if (
            match.group().lower() in attribution
            and not 0 < position - match.start() <= _ATTRIBUTION_REACH
        ):
            fallback = fallback or tense
            continue
        best, best_distance = tense, distance
    return best or fallback


# Built at import like the tagger's patterns (see dates.py), not inside the first
# article that needs it: a first pass over a corpus should not pay for compiling it.
_cue_pattern()
