"""The place extractor's word lists, read once from `resources/places_*`.

Kept apart from the rules so that linguists can extend the lists (and their examples)
without touching code, and so the tests can run every example a list carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsfacts.extract.resources import read_text, word_list


def tsv_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a resource, skipping blank lines and `#` comments."""
    rows = []
    for line in read_text(name).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything recognition needs besides the gazetteer."""

    demonyms: dict[str, str]  # "Syrian" -> "SY", "European" -> "continent:EU" (case-sensitive)
    abbreviations: dict[str, str]  # "Calif." -> "US:CA"
    given_names: frozenset[str]  # lower-case first names that start a person's name
    person_names: frozenset[str]  # given names and surnames: alone, a person unless cued
    features: dict[str, str]  # "province" -> "admin1" (lower-case keys)
    stopwords: frozenset[str]  # folded single words never taken alone as a place
    org_words: frozenset[str]  # capitalised words that make a run an organisation
    titles: frozenset[str]  # lower-case words that make the next run a person
    cues: frozenset[str]  # lower-case locative words before a name
    town_words: frozenset[str]  # lower-case words after a name that make it a town
    municipal_words: frozenset[str]  # town words that are a locative cue ("X police")
    lead_words: frozenset[str]  # function words opening a run, not part of the name
    compass: frozenset[str]  # lower-case words qualifying the place after them ("North")
    abbreviation_re: re.Pattern[str]  # any abbreviation, longest first, as a whole word


@cache
def lexicon() -> Lexicon:
    """The lexicon, built once per process."""
    org = {line.split("#", 1)[0].strip() for line in read_text("places_org_words.txt").splitlines()}
    abbreviations = {row[0]: row[1] for row in tsv_rows("places_abbreviations.tsv")}
    alternatives = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    return Lexicon(
        # No look-behind: it would defeat the engine's first-character scan (4x slower);
        # callers check the character before a match instead.
        abbreviation_re=re.compile(rf"(?:{alternatives})(?![\w]|\.\w)"),
        demonyms=_with_plurals({row[0]: row[1] for row in tsv_rows("places_demonyms.tsv")}),
        abbreviations=abbreviations,
        given_names=word_list("places_given_names.txt"),
        person_names=word_list("places_given_names.txt") | word_list("places_surnames.txt"),
        features={row[0].lower(): row[1] for row in tsv_rows("places_features.tsv")},
        stopwords=word_list("places_stopwords.txt"),
        org_words=frozenset(w for w in org if w),
        titles=word_list("places_person_titles.txt"),
        cues=word_list("places_cues.txt"),
        town_words=frozenset(row[0].lower() for row in tsv_rows("places_town_words.txt")),
        municipal_words=frozenset(row[0].lower() for row in tsv_rows("places_municipal_words.txt")),
        lead_words=frozenset(row[0].lower() for row in tsv_rows("places_lead_words.tsv")),
        compass=frozenset(row[0].lower() for row in tsv_rows("places_compass.tsv")),
    )


def _with_plurals(demonyms: dict[str, str]) -> dict[str, str]:
    """Add regular plurals ("Syrians", "Iraqis") of -an and -i demonyms."""
    out = dict(demonyms)
    for word, target in demonyms.items():
        if word.endswith(("an", "i")) and word + "s" not in out:
            out[word + "s"] = target
    return out
