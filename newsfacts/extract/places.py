"""Places: the public entry point of the geoparser.

`extract_places` is pure given a loaded gazetteer: it reads nothing but the text, the
optional dateline place and the package's own word lists. Recognition
(`places_recognize`) proposes spans; resolution (`places_resolve`) ranks their gazetteer
candidates with the whole article as context and drops spans that are not places.

Decisions (each has a test in tests/test_places.py):
- Organisations, teams and works named after places are not places, nor is any name
  inside them ("Syrian Observatory for Human Rights", "Manchester United"); a place
  that only modifies one is ("the Britain-based Observatory": Britain).
- People are not places: a run after a title or starting with a given name is a person,
  and its words stay person words for the article ("Allen said" after "Paul Allen").
- Historical and religious adjectives ("Roman", "Byzantine", "Ottoman", "Sunni") are not
  demonyms: no present-day country stands behind them. Country demonyms are places with
  `demonym=True` ("Syrian" -> Syria, "Russian-backed" -> Russia).
- "X province/governorate/state/region" and "the province of X" mean X's first-level
  division; the surface of the former includes the feature word ("Aleppo province").
- Named roads and waters are kept unresolved, the feature word included ("M5 highway",
  "the Hama-Aleppo road" -> "Hama-Aleppo road"): the places inside are not extracted.
- Coherence (see `places_resolve`): ambiguous towns go to the admin-1 area the article's
  other names agree on; "Georgia" among Georgia towns is the state, not the country.
- Names joined by "and"/"of" are one place only when the gazetteer knows the whole
  ("Trinidad and Tobago"); "Paris and London" stays two.
- Local news (tests in tests/test_places_local.py): a country name used where English
  uses a demonym ("a Lebanon man", "Lebanon police") or as a residence ("Smith, 44,
  Lebanon") is a town, for every mention; "X County" makes the article American; two
  known names side by side with nothing between ("Meadow Grove") are one unknown name;
  "the Gulf of Mexico" is a named water, not Mexico; named states share their evidence
  (a story naming four states says little about each).
- Transliteration and capitals (tests/test_places_names_and_capitals.py): a hyphenated
  Persian/Pashto ezafe joins one name ("Sar-e Pul", "Qala-i-Naw", "Pul-e ‘Alam"); a
  capitalised function word opening a run ("In Khost province") is the word before the
  name, not part of it; "X province" one slip from a province of the article's countries
  is that province ("Ghanzi" in Afghan news is Ghazni, not Botswana); a national capital
  is not displaced by a namesake that only a mention of its country favours ("US" does not
  make Athens Georgian); an area name whose chosen sense is a hamlet vouches for nothing
  ("the Centre"); a demonym then a given name is a person ("American Maurice Greene"); a
  district named after its seat gives that town's province.
- Agencies, persons and datelines (tests/test_places_agencies_and_datelines.py): a state
  named by an agency ("Florida Highway Patrol") is context for the article's towns though
  no mention; a first name with a middle initial, or a surname after one, is a person
  ("Virginia L. Lane", "Crystal N. Bright"); a capitalised place opening a sentence before
  a dash is a dateline ("HUDSON --"); municipal words make a locative cue ("Roselle
  police"); a party label gives the home town ("D-Oakland"); a lone letter is no place; "X
  County" inside a longer run is the run's place ("the Butler County Sheriff's Office"); a
  possessive inside a known name joins it ("Democratic People's Republic of Korea"); a
  person's name is no country evidence ("John Bolton" is not Bolton, England) and never a
  transliterated place ("a letter to Pruitt" is not Pratt); a feature cue does not move a
  country to a foreign state of its name ("the border territory of Georgia" in news about
  Azerbaijan); a dateline may carry its state and agency ("HAMMOND, Ind. (AP) —"); a
  two-word state or country after a town's comma qualifies it ("Greer, South Carolina"),
  unless a list goes on.
- Compass words and self-evidence (tests/test_places_compass_and_evidence.py): compass
  words opening a run qualify the place after them ("North West England", "Eastern
  Ukraine": the mention covers them), unless the gazetteer knows the whole ("North
  Korea"); a town's name is not country evidence for itself (a lone "Lancaster" among
  British words is English).
- resolution values: exact | alternate_name | fuzzy:translit | demonym | abbrev |
  context:country | context:qualifier | context:dateline | context:discourse |
  admin1:cue | admin2:state (a county: its state only) | unresolved:<feature>.
"""

from __future__ import annotations

import re

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places_lexicon import lexicon
from newsfacts.extract.places_normalize import fold
from newsfacts.extract.places_recognize import Span, find_spans
from newsfacts.extract.places_resolve import (
    Context,
    Resolved,
    add_support,
    build_context,
    is_strong,
    resolve,
)
from newsfacts.extract.text import sentence_at, split_sentences
from newsfacts.records import PlaceMention, Sentence

# "DAMASCUS:", "Paris, France (Reuters) -", "KABUL —" at the very start of an article.
_DATELINE = re.compile(
    r"\s*([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})(?:,\s*[A-Z][\w .]{1,30}?)?\s*"
    r"(?:\([^)\n]{1,40}\))?\s*(?::|—|–|--|\s-\s)"
)


def detect_dateline(text: str) -> str | None:
    """The place of a leading dateline, if the article starts with one."""
    match = _DATELINE.match(text)
    return match.group(1).strip() if match else None


def extract_places(
    text: str,
    sentences: list[Sentence] | None = None,
    gazetteer: Gazetteer | None = None,
    dateline_place: str | None = None,
) -> list[PlaceMention]:
    """Place mentions of `text`, sorted by offset and non-overlapping.

    `dateline_place` (from the article's metadata) puts its country first in the
    context; when absent a leading "CITY:" dateline is detected in the text itself.
    """
    if sentences is None:
        sentences = split_sentences(text)
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    lex = lexicon()
    spans = find_spans(text, {s.start for s in sentences}, gaz, lex)
    dateline = dateline_place or detect_dateline(text)
    if dateline:
        dateline = dateline.split(",")[0]  # "BEIRUT, Lebanon": the place is the head
    dateline_key = fold(dateline) if dateline else None
    # One sense per discourse: a name once written as a town ("a Lebanon man") is one.
    towns = {s.key for s in spans if s.town}
    if towns:
        for s in spans:
            if s.key in towns:
                s.town = True
    person_words = {w for s in spans if s.match == "person" for w in s.words}
    # A person's name is no evidence of a country ("John Bolton" is not Bolton, England).
    ctx = build_context(gaz, spans, dateline_key, person_words)
    person_words |= {s.key for s in spans if s.partial and not is_strong(gaz, s)}
    persons = _Either(person_words, lex.person_names)
    # Two passes: a weak mention of a place accepted elsewhere in the article is kept.
    first = _resolve_all(gaz, spans, ctx, persons, dateline_key)
    # Coherence: names accepted as places vote for the admin-1 areas they could lie in,
    # and the ambiguous ones are ranked again with those votes.
    ambiguous = add_support(gaz, spans, first, ctx)
    if ambiguous:
        first = _resolve_all(gaz, spans, ctx, persons, dateline_key, ambiguous, first)
    accepted = {r.row for r in first if r is not None and r.row is not None}
    # A name settled by a qualifier or the dateline ("Springfield, Ill.") keeps that sense.
    settled: dict[str, Resolved] = {}
    for span, r in zip(spans, first, strict=True):
        if r is not None and r.resolution in ("context:qualifier", "context:dateline"):
            settled.setdefault(span.key, r)
    mentions: list[PlaceMention] = []
    for span, resolved in zip(spans, first, strict=True):
        if resolved is None and not span.partial and accepted.intersection(span.rows):
            resolved = resolve(gaz, span, ctx, persons, dateline_key, accepted)
        if resolved is not None and span.key in settled and not span.qualifier:
            sense = settled[span.key]
            if sense.row != resolved.row and resolved.feature == sense.feature:
                resolved = Resolved(sense.row, sense.feature, sense.confidence, "context:discourse")
        if resolved is not None:
            mentions.append(_mention(text, sentences, gaz, span, resolved))
    return mentions


def _resolve_all(
    gaz: Gazetteer,
    spans: list[Span],
    ctx: Context,
    persons: _Either,
    dateline_key: str | None,
    only: set[str] | None = None,
    previous: list[Resolved | None] | None = None,
) -> list[Resolved | None]:
    """`resolve` for every span (or only those whose key is in `only`).

    Names recur within an article ("China" five times); mentions that agree on
    everything `resolve` reads are resolved once.
    """
    memo: dict[tuple, Resolved | None] = {}
    out: list[Resolved | None] = []
    for k, span in enumerate(spans):
        if only is not None and previous is not None and span.key not in only:
            out.append(previous[k])
            continue
        sig = (
            span.key,
            span.match,
            span.target,
            span.feature_hint,
            span.cue,
            span.partial,
            span.qualifier,
            span.speaker,
            span.areas_only,
            span.town,
            span.start < 5,
        )
        if sig in memo:
            out.append(memo[sig])
        else:
            out.append(memo.setdefault(sig, resolve(gaz, span, ctx, persons, dateline_key)))
    return out


class _Either:
    """Membership in either of two sets, without copying the big one per article."""

    __slots__ = ("first", "second")

    def __init__(self, first: set[str], second: frozenset[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, key: object) -> bool:
        return key in self.first or key in self.second


def _mention(
    text: str, sentences: list[Sentence], gaz: Gazetteer, span: Span, resolved: Resolved
) -> PlaceMention:
    row = resolved.row
    surface = text[span.start : span.end]
    gid = lat = lon = None
    if row is not None:
        gid, lat, lon = gaz.point(row)
    return PlaceMention(
        sentence=sentence_at(sentences, span.start),
        char_start=span.start,
        char_end=span.end,
        surface=surface,
        name=gaz.names[row] if row is not None else surface,
        feature=resolved.feature,
        geonameid=gid,
        country_code=gaz.countries[row] if row is not None else resolved.country,
        # The admin-1 column of a continent row holds its continent code: not for output.
        admin1_code=gaz.admin1[row] if row is not None and gaz.countries[row] else resolved.admin1,
        latitude=lat,
        longitude=lon,
        demonym=span.match == "demonym",
        confidence=resolved.confidence,
        resolution=resolved.resolution,
    )
