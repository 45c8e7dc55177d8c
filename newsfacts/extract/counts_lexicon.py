"""The count extractor's vocabulary, read from `resources/counts_*.json` and compiled once.

Word lists are data so linguists can extend them without touching code; this module turns
them into lookup tables and precompiled regexes (alternations sorted longest-first so
"more than" beats "more", "square miles" beats "miles").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsfacts.extract.numbers import DIGITS_PATTERN, cased, trie_pattern, word_number_pattern
from newsfacts.extract.resources import read_text


@dataclass(frozen=True, slots=True)
class Unit:
    """A measurement unit (or currency) and how to turn it into SI."""

    unit: str
    kind: str
    si_unit: str | None
    factor: float
    offset: float = 0.0


@cache
def resource(name: str) -> dict[str, Any]:
    """A parsed `counts_*.json` resource (cached: parsing happens once per process)."""
    data: dict[str, Any] = json.loads(read_text(name))
    return data


def _alternation(forms: list[str]) -> str:
    """Regex alternation of literal forms, longest first so the longest form wins."""
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


def _words_alternation(forms: list[str]) -> str:
    """Alternation of phrases where any run of spaces matches any whitespace."""
    unique = sorted(set(forms), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in unique)


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor looks up, compiled."""

    #: The source of the token pattern: numbers, skipped numeric shapes, number words,
    #: fractions, vague words and the cues of counts of one (kept for tests; only `scan`
    #: is compiled, compiling a pattern this size takes tens of milliseconds).
    master_source: str
    #: `master_source` behind one consumed non-word character: every branch needs a
    #: non-word character (or the text start) before it, and a pattern that opens with a
    #: character class lets the regex engine jump between candidates in C instead of
    #: trying every position (a third of the extractor's time). A match's token starts
    #: one character after `scan`'s match start: `Token` and `token_at` give its offsets.
    scan: re.Pattern[str]
    scale_after: re.Pattern[str]
    unit_after: re.Pattern[str]
    #: units written in capitals ("11 FEET"), tried when `unit_after` finds none
    unit_after_caps: re.Pattern[str]
    per_after: re.Pattern[str]
    per_lookup: dict[str, str]
    unit_lookup: dict[str, Unit]
    units_by_code: dict[str, Unit]  # "kg" -> its Unit: a unit carried over by ellipsis
    currency_before: dict[str, str]
    guarded_currency: frozenset[str]
    range_link: re.Pattern[str]
    range_second: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_lookup: dict[str, str]
    qualifier_last_words: frozenset[str]
    fraction_values: dict[str, float]
    vague_values: dict[str, float | None]
    cue_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    cue_category: dict[str, str]
    noun_category: dict[str, str]
    months: frozenset[str]
    day_words: frozenset[str]  # weekdays and "today": a capitalised one names no person
    year_prepositions: frozenset[str]
    identifier_before: frozenset[str]
    score_words: frozenset[str]
    stop_words: frozenset[str]
    modifier_words: frozenset[str]
    number_words: frozenset[str]
    not_heads: frozenset[str]
    address_words: frozenset[str]
    bare_scales: frozenset[str]
    collective_nouns: frozenset[str]
    cue_gap_blockers: frozenset[str]
    fraction_blockers: frozenset[str]
    one_blockers: frozenset[str]
    lemmas: dict[str, str]


#: Words too common to open the letter gate alone (see `lexicon`).
_GATE_WEAK = frozenset({"a", "an", "the", "has", "had"})


def _gate(words: list[str]) -> str:
    """A look-ahead on the possible first characters of `words`: one bitmap test lets
    the regex engine skip a whole alternative at most word starts."""
    first = sorted({w[0] for w in words if w})
    return "(?=[" + "".join(re.escape(c) for c in first) + "])"


def _norm(form: str) -> str:
    """Lookup key for a matched form: case-folded with whitespace collapsed."""
    return " ".join(form.split()).lower()


def _units(
    data: dict[str, Any], currencies: dict[str, Any]
) -> tuple[str, str, str, dict[str, Unit]]:
    """Regex sources for spaced, glued and all-capital unit forms, and the form -> Unit
    table. Capital forms get their own pattern, tried only before a capital letter, so
    the common case does not pay for them."""
    lookup: dict[str, Unit] = {}
    spaced: list[str] = []
    glued: list[str] = []
    capitals: list[str] = []
    for entry in data["units"]:
        unit = Unit(
            entry["unit"],
            entry["kind"],
            entry.get("si_unit"),
            float(entry["factor"]),
            float(entry.get("offset", 0.0)),
        )
        for form in entry["forms"]:
            spaced.append(form)
            lookup.setdefault(form, unit)
            lookup.setdefault(_norm(form), unit)
            if len(form) > 2 and form.islower() and form.replace(" ", "").isalpha():
                capitals.append(form.upper())  # headlines: "sea levels could rise 11 FEET"
                lookup.setdefault(form.upper(), unit)
        for form in entry.get("glued", []):
            glued.append(form)
            lookup.setdefault(form, unit)
    for entry in currencies["currencies"]:
        unit = Unit(entry["code"], "money", None, 1.0)
        for form in entry["after"]:
            spaced.append(form)
            lookup.setdefault(form, unit)
            lookup.setdefault(_norm(form), unit)
    # A form ending in " of" ("pounds of") is a cue, not part of the surface.
    parts = []
    for form in sorted(set(spaced), key=len, reverse=True):
        if form.endswith(" of"):
            parts.append(re.escape(form[:-3]) + r"(?=\s+of\b)")
        else:
            parts.append(r"\s+".join(re.escape(w) for w in form.split()))
    spaced_src = "|".join(parts)
    glued_src = _alternation(glued)
    capitals_src = "|".join(
        r"\s+".join(re.escape(w) for w in form.split())
        for form in sorted(set(capitals), key=len, reverse=True)
    )
    return spaced_src, glued_src, capitals_src, lookup


@cache
def lexicon() -> Lexicon:
    """Build (once) the compiled lexicon from the resource files."""
    numbers = resource("counts_numbers.json")
    units = resource("counts_units.json")
    currencies = resource("counts_currencies.json")
    quals = resource("counts_qualifiers.json")
    fracs = resource("counts_fractions.json")
    cats = resource("counts_categories.json")["categories"]
    ctx = resource("counts_context.json")

    currency_before: dict[str, str] = {}
    for entry in currencies["currencies"]:
        for form in entry["before"]:
            currency_before[form] = entry["code"]
    cur_src = trie_pattern(list(currency_before))
    words_src = word_number_pattern()
    frac_words = cased([f.lower() for f in fracs["fractions"]])
    vague_words = cased([f.lower() for f in fracs["vague"]])
    number_words = cased(
        [
            *numbers["units"],
            *numbers["tens"],
            *numbers["hundred"],
            *numbers["scales"],
            *numbers["dozen"],
            "a",
            "an",
            "half",
        ]
    )
    frac_src = trie_pattern(frac_words)
    vague_src = trie_pattern(vague_words)
    digits = rf"[-−+]?(?:{DIGITS_PATTERN})"
    before_cues = sorted({_norm(f) for e in cats.values() for f in e["before"]})
    after_cues = sorted({_norm(f) for e in cats.values() for f in e["after"] if " " not in f})
    acue_src = trie_pattern(cased(before_cues))
    pcue_src = trie_pattern(after_cues)
    # Every first word any word branch can start with: one trie walk rejects most words
    # of running text before the branches are tried one by one. Articles and auxiliaries
    # are the commonest words of all, so for them the gate takes the next word too ("a
    # few", "the arrest", "has been"): a bare "the" is rejected by the gate alone.
    gate_scales = cased([*numbers["hundred"], *numbers["scales"], *numbers["dozen"]])
    first_words = {"was", "is", "were", "has been", "had been"}
    for form in [*frac_words, *number_words, *vague_words, *cased(before_cues)]:
        words = re.split(r"[\s-]", form, maxsplit=2)
        if words[0].lower() not in _GATE_WEAK:
            first_words.add(words[0])
        elif len(words) > 1:
            first_words.add(f"{words[0]} {words[1]}")
    # a bare article starts a number only before a scale word ("a dozen", "a million")
    first_words |= {f"{a} {w}" for a in cased(["a", "an"]) for w in gate_scales}
    letter_gate = rf"(?=(?:{trie_pattern(sorted(first_words))})(?![A-Za-z]))"

    # Alternatives are tried in order at each position: currency + number first (so "RM50"
    # is money), then things that look numeric but are never counts (skipped wholesale),
    # then bare digits, words, fractions and vague quantities. Digits glued to letters
    # ("M5", "G8", "COVID-19") never start a match: the look-behinds exclude them.
    # Each branch starts with a one-character look-ahead so positions inside words are
    # rejected with a single test (this keeps the scan near 0.1 ms per article).
    master = (
        rf"(?=[$£€¥₹₦₪₽A-Z])(?<![\w$£€¥₹])(?P<cur>{cur_src})[ \u00a0]?(?P<cnum>{digits})"
        # "1/2 pound", "1⁄32 of a quart": a written fraction (checked by the reader)
        # (one look-ahead for the numeric branches: most positions fail it once)
        r"|(?=[\d'’+(\-−.])(?:(?<![\w.,/])(?P<sfrac>\d{1,3}[/⁄]\d{1,3})(?![\d/⁄.,])|(?P<skip>"
        r"(?<![\w.])\+?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){2,}(?![\d.,]?\d)"  # phone numbers
        r"|(?<![\w.,])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?"  # clock times
        r"|(?<![\w.,])\d{1,4}[/.]\d{1,2}[/.]\d{2,4}(?![\d])"  # numeric dates
        r"|(?<![\w.,])\d{4}-\d{2}-\d{2}"  # ISO dates
        r"|(?<![\w.,])\d+(?:\.\d+){2,}"  # version numbers
        r"|(?<![\w.,])\d+/\d+"  # "24/7", "3/4"
        r"|(?<![\w.,])\d+[-–](?:for|in|of)[-–]\d+"  # ratios: "5-for-1", "1-in-10"
        r"|(?<![\w.,])\d+(?:st|nd|rd|th)\b"  # ordinals
        r"|(?<![\w.,])(?:\d{2})?\d0(?:s|'s|’s)\b|['’]\d0s\b"  # decades
        r"|(?<![\w.,])\d{1,2}(?:\.\d\d)?\s?(?:[ap]\.m\.|[ap]m\b)"  # "3pm", "10.30 a.m."
        r")"
        rf"|(?:(?<![\w.,:/\-−+])|(?<=[Mm]inus-)|(?<=[Ss]ub-))(?P<num>{digits}))"
        rf"|(?=[A-Za-z])(?<![\w-]){letter_gate}(?:"
        rf"{_gate(frac_words)}(?P<frac>{frac_src})\b"
        rf"|{_gate(number_words)}(?P<words>{words_src})(?!\w|-\d)"
        rf"|{_gate(vague_words)}(?P<vague>{vague_src})\b"
        # counts of one ("killed a ...", "... was arrested"), read by counts_singular
        rf"|{_gate(cased(before_cues))}(?P<acue>{acue_src})"
        r"(?=[ \t]+(?:an?|the|another)[ \t]|[ \t]+[A-Z]|[ \t]+him\b)"
        r"|(?=[wih])(?:was|is|were|has[ \t]+been|had[ \t]+been)[ \t]+"
        # "he was subsequently killed", "he was engaged and killed"
        r"(?:(?:[a-z]{3,}ly|later|also|then)[ \t]+)?(?:[a-z]{3,}[ \t]+and[ \t]+)?"
        rf"(?P<pcue>{pcue_src})(?![\w-]))"
    )

    abbreviated = list(numbers["abbreviated_scales"])
    scale_words = list(numbers["scales"]) + list(numbers["hundred"]) + list(numbers["dozen"])
    scale_after = re.compile(
        rf"(?P<glued>{_alternation(abbreviated)})(?![A-Za-z])"
        rf"|[ \u00a0](?P<spaced>bn|mn|tn|mln|bln)\b"
        rf"|[ \u00a0]+(?P<word>(?i:{_alternation(scale_words)}))\b"
    )
    spaced_src, glued_src, capitals_src, unit_lookup = _units(units, currencies)
    unit_after = re.compile(
        rf"(?P<glued>{glued_src}|{spaced_src})(?![A-Za-z\d])"
        rf"|[ \u00a0]?-?(?P<spaced>{spaced_src})(?![A-Za-z\d])",
    )
    unit_after_caps = re.compile(
        rf"(?P<glued>(?!))|[ \u00a0]?-?(?P<spaced>{capitals_src})(?![A-Za-z\d])"
    )
    unit_lookup_ci = dict(unit_lookup)
    # Rates: "$58.24 per barrel", "$3,500 a month", "800,000 barrels a day", "a 52,000
    # barrel-a-day refinery".
    per_lookup = {_norm(f): u.unit for f, u in unit_lookup.items() if u.kind != "money"}
    per_lookup.update({_norm(k): v for k, v in units.get("per_words", {}).items()})
    per_forms = [f for f in per_lookup if not f.endswith(" of")]
    # "a week earlier", "a year on" are times, not rates; "per share on Friday" is a rate.
    per_after = re.compile(
        rf"(?:(?:[ \u00a0]+|-)(?:per|(?P<art>a|an))(?:[ \u00a0]+|-)|/)"
        rf"(?P<per>(?i:{_words_alternation(per_forms)}))"
        r"(?![A-Za-z\d])(?(art)(?![ \u00a0]+(?:earlier|ago|before|later|on)\b))"
    )
    range_link = re.compile(r"\s*(?:-|–|—|\bto\b|\band\b)\s*")
    range_second = re.compile(
        rf"(?P<cur>{cur_src})?[ \u00a0]?(?P<num>{DIGITS_PATTERN})"
        rf"|(?i:(?P<words>{words_src}))(?![\w-])"
    )

    qualifier_lookup: dict[str, str] = {}
    for name in ("more_than", "at_least", "about", "up_to", "less_than", "at_most", "range_open"):
        for form in quals[name]:
            qualifier_lookup[_norm(form)] = name
    qualifier_before = re.compile(
        rf"(?<![\w])(?P<q>(?i:{_words_alternation(list(qualifier_lookup))}))\s*$"
    )

    cue_category: dict[str, str] = {}
    after_forms: list[str] = []
    before_forms: list[str] = []
    noun_category: dict[str, str] = {}
    for category, entry in cats.items():
        for form in entry["before"]:
            cue_category.setdefault("b:" + _norm(form), category)
            before_forms.append(form)
        for form in entry["after"]:
            cue_category.setdefault("a:" + _norm(form), category)
            after_forms.append(form)
        for noun in entry["nouns"]:
            noun_category.setdefault(_norm(noun), category)
    # a trie: this pattern is searched across a window before every counted number
    cue_before = re.compile(
        rf"(?<![\w-])(?i:{trie_pattern(sorted({_norm(f) for f in before_forms}))})(?![\w-])"
    )
    aux = (
        r"(?:(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|later|all|who|"
        r"allegedly|subsequently|then|now|still|either|both|of\s+them|of\s+whom)\s+)*"
    )
    # "Two associates of the weapons dealer were detained", "four men linked to the ring
    # were taken into custody": a short post-modifier (`postmodifiers` in
    # counts_context.json) may sit between the counted noun and an auxiliary.
    post = _words_alternation(ctx["postmodifiers"])
    of_phrase = (
        rf"(?:[ \t]+(?i:{post})[ \t]+(?:(?:the|a|an|his|her|their)[ \t]+)?"
        r"(?:[\w'’-]+[ \t]+){0,3}[\w'’-]+(?=[ \t]+(?:were|was|have|had|are|into[ \t]+custody)\b))?"
    )
    cue_after = re.compile(
        rf"{of_phrase}[ \t]*,?[ \t]*{aux}(?P<cue>(?i:{_words_alternation(after_forms)}))(?![\w-])",
        re.IGNORECASE,
    )

    return Lexicon(
        master_source=master,
        scan=re.compile(rf"[^\w](?:{master})"),
        scale_after=scale_after,
        unit_after=unit_after,
        unit_after_caps=unit_after_caps,
        unit_lookup=unit_lookup_ci,
        units_by_code={u.unit: u for u in unit_lookup_ci.values() if u.kind != "money"},
        per_after=per_after,
        per_lookup=per_lookup,
        currency_before=currency_before,
        guarded_currency=frozenset(currencies.get("guarded_before", [])),
        range_link=range_link,
        range_second=range_second,
        qualifier_before=qualifier_before,
        qualifier_lookup=qualifier_lookup,
        qualifier_last_words=frozenset(k.split()[-1] for k in qualifier_lookup),
        fraction_values={_norm(k): float(v) for k, v in fracs["fractions"].items()},
        vague_values={
            _norm(k): (None if v is None else float(v)) for k, v in fracs["vague"].items()
        },
        cue_before=cue_before,
        cue_after=cue_after,
        cue_category=cue_category,
        noun_category=noun_category,
        months=frozenset(ctx["months"]),
        day_words=frozenset(ctx["day_words"]),
        year_prepositions=frozenset(ctx["year_prepositions"]),
        identifier_before=frozenset(ctx["identifier_before"]),
        score_words=frozenset(ctx["score_words"]),
        stop_words=frozenset(ctx["stop_words"]),
        modifier_words=frozenset(ctx["modifier_words"]),
        not_heads=frozenset(ctx["not_heads"]),
        address_words=frozenset(ctx["address_words"]),
        bare_scales=frozenset([*numbers["scales"], *numbers["hundred"], *numbers["dozen"]]),
        collective_nouns=frozenset(ctx["collective_nouns"]),
        cue_gap_blockers=frozenset(ctx["cue_gap_blockers"]),
        fraction_blockers=frozenset(ctx["fraction_blockers"]),
        one_blockers=frozenset(ctx["one_blockers"]),
        number_words=frozenset(
            w for role in ("units", "tens", "hundred", "scales", "dozen") for w in numbers[role]
        ),
        lemmas=dict(ctx["lemmas"]),
    )


class Token:
    """A scanner hit as the readers see it: the offsets and groups of the token itself.

    `Lexicon.scan` matches one non-word character before the token; the token's own
    start is kept here, so the token pattern is compiled once, not a second time for
    reading the token where the scanner found it. `shift` is the length of the text
    put before the original one (see `token_at`)."""

    __slots__ = ("_match", "_shift", "_start", "lastgroup")

    def __init__(self, match: re.Match[str], start: int, shift: int = 0) -> None:
        self._match = match
        self._start = start
        self._shift = shift
        self.lastgroup = match.lastgroup

    def start(self, group: int | str = 0) -> int:
        """Start of the token (group 0) or of one of its groups."""
        return self._start if group == 0 else self._match.start(group) - self._shift

    def end(self, group: int | str = 0) -> int:
        """End of the token (group 0) or of one of its groups."""
        return self._match.end(group) - self._shift

    def group(self, group: int | str = 0) -> Any:
        """The token's text (group 0) or a group's text (None when it did not take part)."""
        if group == 0:
            return self._match.string[self._start + self._shift : self._match.end()]
        return self._match.group(group)


_WORD_CHAR = re.compile(r"\w")


def token_at(text: str, pos: int, lex: Lexicon) -> Token | None:
    """The token the scanner would find starting exactly at `pos`, or None.

    At the text start the scanner's non-word character is supplied by a space put
    before the text (every look-behind of the pattern treats a space as it treats the
    text start). After a word character no token starts (none of the pattern's branches
    but "'90s" decades may follow one, and callers never ask there)."""
    if pos == 0:
        found = lex.scan.match(" " + text)
        return Token(found, 0, 1) if found is not None else None
    if _WORD_CHAR.match(text, pos - 1):
        return None
    found = lex.scan.match(text, pos - 1)
    return Token(found, pos) if found is not None else None


def normalise(form: str) -> str:
    """Public lookup key used by the other count modules."""
    return _norm(form)
