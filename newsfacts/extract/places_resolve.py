"""Resolution: which gazetteer entry each recognised span means, and whether it is a place.

A name alone is ambiguous (Damascus, Syria or Damascus, Maryland; Aleppo the city or the
governorate), so candidates are ranked by a score that adds a population prior, a
feature prior, how well the name matched, and the article's context: countries named or
implied by strong mentions, demonyms and the dateline; qualifiers ("Paris, Texas"); and
feature cues ("Aleppo province" means the governorate). The same name resolves the same
way throughout an article (one sense per discourse). Weak hits (small villages, loose
transliteration matches) survive only with a locative cue or when the article is about
their country: that is what keeps "Human" (Uman) or a surname out.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from newsfacts.extract.gazetteer import Gazetteer
from newsfacts.extract.places_normalize import fold
from newsfacts.extract.places_recognize import Span

STRONG_POPULATION = 100_000
MEDIUM_POPULATION = 5_000
_AREA_FEATURES = frozenset({"country", "admin1", "continent", "region"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """The chosen entry (row None for unresolved features) and why."""

    row: int | None
    feature: str
    confidence: float
    resolution: str


@dataclass(slots=True)
class Context:
    """What the article as a whole says about where it is."""

    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    dateline_country: str | None = None


def _strength(gaz: Gazetteer, span: Span) -> str:
    """strong | medium | weak, from the best candidate by population."""
    if span.match == "demonym":
        return "strong"
    if not span.rows:
        return "weak"
    best = max(span.rows, key=lambda r: gaz.populations[r])
    if span.match == "exact" and any(gaz.features[r] in _AREA_FEATURES for r in span.rows):
        return "strong"
    pop = gaz.populations[best]
    if span.match == "exact" and pop >= STRONG_POPULATION:
        return "strong"
    if span.match == "exact" and pop >= MEDIUM_POPULATION:
        return "medium"
    return "weak"


def build_context(gaz: Gazetteer, spans: list[Span], dateline_key: str | None) -> Context:
    """Countries and admin-1 areas the article's unambiguous mentions point to."""
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str, str]] = Counter()
    dateline_country = None
    for span in spans:
        if span.match == "demonym" and span.country:
            countries[span.country] += 1
            continue
        if span.partial or _strength(gaz, span) != "strong":
            continue
        row = max(span.rows, key=lambda r: (_prior(gaz, r), -r))
        code = gaz.countries[row]
        if code is None:
            continue
        countries[code] += 1
        if gaz.features[row] == "admin1" and gaz.admin1[row]:
            admin1[(code, gaz.admin1[row] or "")] += 1
        if dateline_key is not None and span.key == dateline_key and dateline_country is None:
            dateline_country = code
            countries[code] += 2
    return Context(countries, admin1, dateline_country)


def _prior(gaz: Gazetteer, row: int) -> float:
    feature = gaz.features[row]
    score = math.log10(gaz.populations[row] + 1)
    if feature == "country":
        score += 2.0
    elif feature in ("continent", "region"):
        score += 1.0
    elif feature == "admin1":
        score += 1.0
    return score


def _score(gaz: Gazetteer, row: int, span: Span, ctx: Context, qualifier: set[str]) -> float:
    score = _prior(gaz, row)
    if fold(gaz.names[row]) == span.key:
        score += 0.7
    code = gaz.countries[row]
    if code is not None and ctx.countries[code]:
        score += 2.5 + 0.5 * min(ctx.countries[code], 4)
    if code is not None and ctx.admin1[(code, gaz.admin1[row] or "")]:
        score += 2.0
    if qualifier and (code in qualifier or f"{code}:{gaz.admin1[row]}" in qualifier):
        score += 8.0
    return score


def _qualifier_targets(gaz: Gazetteer, key: str | None) -> set[str]:
    """Country codes and "CC:admin1" codes a trailing ", Texas" can mean."""
    if not key:
        return set()
    targets: set[str] = set()
    for row in gaz.lookup(key):
        code = gaz.countries[row]
        if gaz.features[row] == "country" and code:
            targets.add(code)
        elif gaz.features[row] == "admin1" and code:
            targets.add(f"{code}:{gaz.admin1[row]}")
    return targets


def resolve(gaz: Gazetteer, span: Span, ctx: Context, person_keys: set[str],
            dateline_key: str | None) -> Resolved | None:
    """The resolution of one span, or None when it is judged not to be a place."""
    if span.match == "feature":
        feature = span.feature_hint or "other"
        return Resolved(None, feature, 0.6, f"unresolved:{feature}")
    if span.match == "demonym":
        row = gaz.country_row(span.country or "")
        return Resolved(row, "country", 0.9, "demonym")
    strength = _strength(gaz, span)
    qualifier = _qualifier_targets(gaz, span.qualifier)
    ranked = sorted(span.rows, key=lambda r: (-_score(gaz, r, span, ctx, qualifier), r))
    best = ranked[0]
    in_context = bool(gaz.countries[best] and ctx.countries[gaz.countries[best] or ""])
    if strength != "strong":
        if span.partial or span.key in person_keys:
            return None
        if strength == "weak" and not (span.cue or in_context or qualifier):
            return None
        if strength == "weak" and span.match == "loose" and not in_context:
            return None
    resolution = _resolution(gaz, span, best, ranked, ctx, qualifier, dateline_key)
    feature = gaz.features[best]
    if span.feature_hint == "admin1" and feature != "admin1":
        admin_row = _admin1_of(gaz, best, ranked)
        if admin_row is not None:
            best, feature, resolution = admin_row, "admin1", "admin1:cue"
    confidence = _confidence(gaz, span, best, ranked, ctx, qualifier, strength)
    return Resolved(best, feature, confidence, resolution)


def _admin1_of(gaz: Gazetteer, best: int, ranked: list[int]) -> int | None:
    """The admin-1 area a "X province" cue means: a same-named one, else the city's own."""
    for row in ranked:
        if gaz.features[row] == "admin1" and gaz.countries[row] == gaz.countries[best]:
            return row
    code, admin1 = gaz.countries[best], gaz.admin1[best]
    if code and admin1:
        return gaz.admin1_row(code, admin1)
    return None


def _resolution(gaz: Gazetteer, span: Span, best: int, ranked: list[int], ctx: Context,
                qualifier: set[str], dateline_key: str | None) -> str:
    if dateline_key is not None and span.key == dateline_key:
        return "context:dateline"
    if qualifier:
        return "context:qualifier"
    by_prior = max(ranked, key=lambda r: (_prior(gaz, r), -r))
    if by_prior != best:
        return "context:country"
    if span.match == "loose":
        return "fuzzy:translit"
    if fold(gaz.names[best]) == span.key:
        return "exact"
    return "alternate_name"


def _confidence(gaz: Gazetteer, span: Span, best: int, ranked: list[int], ctx: Context,
                qualifier: set[str], strength: str) -> float:
    """Share of the winner in a softmax over candidate scores, scaled by match quality."""
    scores = [_score(gaz, r, span, ctx, qualifier) for r in ranked]
    top = scores[0]
    share = 1.0 / sum(math.exp(s - top) for s in scores)
    base = {"strong": 0.95, "medium": 0.85, "weak": 0.7}[strength]
    if span.match == "loose":
        base -= 0.1
    return round(max(0.05, min(1.0, base * (0.5 + 0.5 * share))), 3)
