"""What a count is about: its qualifier, the counted noun and the casualty category.

A bare number is useless to an analyst; "more than 3,80,000 people killed" must become
(380000, more_than, people, KILL). Everything here reads a short window around the number
inside its own sentence, so the cost per number is constant and the extractor stays linear.
"""

from __future__ import annotations

import re

from newsfacts.extract.counts_lexicon import Lexicon, normalise

_NP_WORD = re.compile(r"[ \u00a0]+([A-Za-z][A-Za-z'’-]*)")
_NP_FIRST = re.compile(r"([A-Za-z][A-Za-z'’-]*)")
_NP_LEAD = re.compile(
    r"(?:[ \u00a0]+|-(?=[a-z]))(?:of[ \u00a0]+)?"
    r"(?:(?:the|their|its|his|her|our|these|those|them)[ \u00a0]+)?",
    re.IGNORECASE,
)
_GAP_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_INHERIT = re.compile(
    r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|among\s+those|"
    r"among\s+the\s+(?:dead|victims|injured|wounded|killed)|mostly|mainly)\s*[,:]?\s*$",
    re.IGNORECASE,
)
_TOLL_GAP = re.compile(r"[^.;]{0,80}?(?:\b(?:to|at|reached|hit|of|is|was|as|stands|stood)|:)\s*")
_COORDINATED_OBJECT = re.compile(
    r"(?:[ \t]+[\w'’-]+){0,4}?(?:,[ \t]+(?:[\w'’-]+[ \t]+){0,5}[\w'’-]+)?,?"
    r"[ \t]+(?:and|as\s+well\s+as|along\s+with|together\s+with|plus)[ \t]+",
    re.IGNORECASE,
)
# "detained the leader along with several associates": the governed object's partner
_ALONG_WITH = re.compile(r"\b(?:along|together)\s+with\b|\bas\s+well\s+as\b", re.IGNORECASE)
_SHARED_HEAD = re.compile(r"[ \u00a0]+([A-Za-z][\w'’-]*)[ \u00a0]+([a-z][a-z'’-]*)")
_PARTNER = re.compile(r"\b(?:along|together)\s+with\s+$", re.IGNORECASE)
_COORDINATION = re.compile(r"\s+(?:or|and|and/or)\s+$")
_NAME_IN_GAP = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*(?:[ \t]+(?:of|e|al|ul)(?=[ \t]+[A-Z]))?)+")


def qualifier_before(text: str, start: int, floor: int, lex: Lexicon) -> tuple[str, int] | None:
    """The qualifier cue ending right before `start` and where it starts, if any."""
    window = text[max(floor, start - 30) : start]
    tail = window.rsplit(None, 1)[-1].lower().lstrip("([\"'“‘") if window.strip() else ""
    if tail not in lex.qualifier_last_words:
        return None  # cheap pre-check: most numbers have no qualifier
    match = lex.qualifier_before.search(text, max(floor, start - 30), start)
    if not match:
        return None
    return lex.qualifier_lookup[normalise(match.group("q"))], match.start("q")


def lemma(word: str, lex: Lexicon) -> str:
    """A light lemma of a counted noun ("civilians" -> "civilian", "children" -> "child")."""
    lower = word.lower().replace("’", "'")
    if lower in lex.lemmas:
        return lex.lemmas[lower]
    if lower.endswith("'s"):
        return lower[:-2]
    if len(lower) > 4 and lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes")):
        return lower[:-2]
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return lower[:-1]
    return lower


def looks_plural(word: str, lex: Lexicon) -> bool:
    """True when `word` is a plural noun, which ends the counted noun phrase."""
    lower = word.lower()
    if lower in lex.lemmas:
        return lex.lemmas[lower] != lower or lower in ("people", "police", "personnel", "staff")
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "'s", "’s"))


def counted_noun(text: str, end: int, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """The counted noun after a number: (lemma, surface word, end of the noun phrase).

    Reads at most four words, stops at function words and punctuation, and takes the
    first plural (or the last word) as the head: "3 Afghan civilians were" -> civilian.
    """
    lead = _NP_LEAD.match(text, end)
    if not lead:
        return None, None, end
    pos = lead.end()
    head: str | None = None
    head_end = end
    for i in range(4):
        match = (_NP_FIRST if i == 0 else _NP_WORD).match(text, pos)
        if not match:
            break
        word = match.group(1)
        if word.endswith("-"):
            break  # "0-to-60 mph", "200,000 to-260,000": a hyphen into another number
        lower = word.lower()
        if lower == "and" and i == 1 and head is not None:
            shared = _SHARED_HEAD.match(text, match.end())
            if shared is not None and looks_plural(shared.group(2), lex):
                # "4.3m digital and physical sales", "460 Kia and Hyundai vehicles": two
                # modifiers of one plural head
                head, head_end, pos = shared.group(2), shared.end(), shared.end()
                break
        if lower in lex.stop_words or lower in lex.months:
            break
        if (
            lower not in lex.modifier_words
            and lower.endswith(("ed", "ing"))
            and (i > 0 or lower not in lex.lemmas)
            and not _plural_follows(text, match.end(), lex)
        ):
            break  # a participle ends the phrase: "12 page document labeled", "73 raising"
        if (
            i > 0
            and word[0].isupper()
            and head is not None
            and head[0].islower()
            and head.lower() not in lex.modifier_words
        ):
            break  # a proper name after a common noun starts something else
        if (
            i > 0
            and head is not None
            and head.lower() not in lex.modifier_words
            and looks_plural(word, lex)
            and not looks_plural(head, lex)
            and _counts_one(text, lead)
        ):
            break  # after "one" a plural is the verb: "One proposal asks", "one man says"
        if i > 0 and head is not None and lower in lex.modifier_words and lower.endswith("ed"):
            after = _NP_WORD.match(text, match.end())
            if after is None or after.group(1).lower() in lex.stop_words:
                break  # a participle after its noun: "one individual suspected to be"
        head, head_end, pos = word, match.end(), match.end()
        if lower in lex.modifier_words or lemma(lower, lex) in lex.modifier_words:
            if lemma(lower, lex) != lower and looks_plural(word, lex):
                break  # a plural heads the phrase: "two suspected insurgents overnight"
            continue  # "suspected", "police", "civilian" may modify a following noun
        if looks_plural(word, lex):
            break
        if i == 0 and word[0].islower() and _compound_modifier(text, lead, match.end(), lex):
            break  # "a four-cylinder engine", "a 12 page document": cylinders, pages
    if head is None:
        return None, None, end
    counted = lemma(head, lex)
    if counted in lex.number_words or head.lower() in lex.not_heads:
        return None, None, end  # "2,000 more", "one in four": no noun is counted
    return counted, head, head_end


_LAST_TOKEN = re.compile(r"[\w.,]+$")
_ONE = frozenset({"1", "one", "a", "an", "single"})


def _counts_one(text: str, lead: re.Match[str]) -> bool:
    """True when the number before the noun phrase is one ("one", "a", "1") and the
    phrase is not partitive ("one of the best speakers" counts among a plural)."""
    if "of" in lead.group().lower().split():
        return False
    number = _LAST_TOKEN.search(text, max(0, lead.start() - 12), lead.start())
    return number is not None and number.group().lower() in _ONE


def _compound_modifier(text: str, lead: re.Match[str], pos: int, lex: Lexicon) -> bool:
    """True when the singular noun right after a number is what is counted, because
    number and noun together modify a later noun: joined by a hyphen ("a 52-seat plane",
    "a three-bedroom house"), or followed by a singular noun phrase with no plural head
    ("a 3 cylinder engine", "a 12 page document"; "two coalition soldiers" counts
    soldiers). Not after "one": "one particular demand" counts the demand."""
    number = _LAST_TOKEN.search(text, max(0, lead.start() - 12), lead.start())
    if number is None or number.group().lower() in _ONE:
        return False
    if lead.group() == "-":
        return _NP_WORD.match(text, pos) is not None
    if lead.group().strip() or text[pos - 2 : pos] in ("'s", "’s"):
        return False  # "half the country's population": a determiner, no compound
    words = []
    for _ in range(3):
        match = _NP_WORD.match(text, pos)
        if not match:
            break
        word = match.group(1)
        if word.lower() in lex.stop_words or not word[0].islower():
            break
        words.append(word)
        pos = match.end()
    return bool(words) and not any(looks_plural(w, lex) for w in words)


def _plural_follows(text: str, pos: int, lex: Lexicon) -> bool:
    """True when the next word is a plural noun, so a participle before it is a modifier:
    "400 charging stations", "300 recorded songs", "1,100 public housing properties"."""
    match = _NP_WORD.match(text, pos)
    if match is None:
        return False
    word = match.group(1)
    return word.lower() not in lex.stop_words and word[0].islower() and looks_plural(word, lex)


def counted_phrase(text: str, end: int, lex: Lexicon) -> str | None:
    """The whole counted noun phrase with its head lemmatised ("different boss").

    Used to compare with annotations that keep modifiers (NewsQuant); the record itself
    keeps only the head lemma in `counted`.
    """
    counted, _, head_end = counted_noun(text, end, lex)
    if counted is None:
        return None
    lead = _NP_LEAD.match(text, end)
    words = text[lead.end() if lead else end : head_end].split()
    return " ".join([*(w.lower() for w in words[:-1]), counted])


def category_after(text: str, np_end: int, lex: Lexicon) -> str | None:
    """Category from a cue after the number and its noun ("12 people were killed")."""
    match = lex.cue_after.match(text, np_end)
    if not match:
        return None
    return lex.cue_category.get("a:" + normalise(match.group("cue")))


def category_before(text: str, start: int, floor: int, lex: Lexicon) -> str | None:
    """Category from a governing verb or noun before the number ("has killed more than").

    The cue must be close (at most four words between it and the number, none of them a
    preposition or clause break), except "death toll ... to 40" which may be longer.
    """
    window_start = max(floor, start - 100)
    matches = list(lex.cue_before.finditer(text, window_start, start))
    if not matches:
        return None
    cue = matches[-1]
    key = normalise(cue.group())
    gap = text[cue.end() : start]
    if key.endswith("toll"):
        if not gap.strip() or _TOLL_GAP.fullmatch(gap):
            return lex.cue_category["b:" + key]
        return None
    tokens = _GAP_TOKEN.findall(_ALONG_WITH.sub(" ", gap))
    blocked = any(t.lower() in lex.cue_gap_blockers or not t[0].isalnum() for t in tokens)
    if len(tokens) > 4 or blocked:
        return None
    # "killed or wounded 12": the first of coordinated verbs names the category.
    if len(matches) > 1 and _COORDINATION.fullmatch(text, matches[-2].end(), cue.start()):
        key = normalise(matches[-2].group())
    return lex.cue_category.get("b:" + key)


def inherits_category(text: str, start: int, floor: int, previous_end: int) -> bool:
    """True when the count shares the previous count's category: "..., including three
    children", or a coordinated object close after it ("detained a leader and two
    associates")."""
    if _INHERIT.search(text, max(floor, start - 40), start) is not None:
        return True
    if _PARTNER.search(text, max(floor, start - 16), start) is not None:
        return True  # "detained a leader who ... in Kandahar province, along with one suspect"
    gap = text[previous_end:start]
    if len(gap) > 120:
        return False
    # A proper name is one word for this test: "detained an Islamic Movement of
    # Uzbekistan facilitator and several other insurgents".
    gap = _NAME_IN_GAP.sub(" N", gap)
    return len(gap) <= 50 and _COORDINATED_OBJECT.fullmatch(gap) is not None


def noun_category(surface: str | None, lex: Lexicon) -> str | None:
    """Category carried by the counted noun itself ("protesters", "refugees", "deaths")."""
    if surface is None:
        return None
    return lex.noun_category.get(surface.lower())
