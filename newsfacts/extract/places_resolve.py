"""Resolution: which gazetteer entry each recognised span means, and whether it is a place.

A name alone is ambiguous (Damascus, Syria or Damascus, Maryland; Aleppo the city or the
governorate), so candidates are ranked by a score that adds a population prior, a
feature prior, how well the name matched, and the article's context: countries named or
implied by strong mentions, demonyms and the dateline; qualifiers ("Paris, Texas"); and
feature cues ("Aleppo province" means the governorate). The same name resolves the same
way throughout an article (one sense per discourse). A second pass adds coherence: the
names accepted as places vote for the admin-1 areas they could lie in, so that local
news naming "Gainesville", "Dahlonega" and "Cumming" puts all three in Georgia, and a
named state pulls its towns ("Alexandria" next to "Virginia"). A name is not context for
itself (its own votes count less), and a hamlet needs more than state context to
displace a far bigger namesake in the same country (Louisville, Ohio vs Kentucky).
Weak hits (small villages, loose transliteration matches) survive only with a locative
cue or when the article is about their country: that is what keeps "Human" (Uman) or a surname out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from newsfacts.extract.gazetteer import Gazetteer
from newsfacts.extract.places_normalize import loose
from newsfacts.extract.places_recognize import Span

STRONG_POPULATION = 100_000
# Scoring weights (log10-population units), tuned on GeoWebNews and LGL only.
COUNTRY_BONUS = 1.5
COUNTRY_BONUS_PER_MENTION = 0.25
ADMIN1_BONUS = 2.5
PROMINENCE_RATIO = 20
ADMIN1_SHARE = 1.5  # a named state's bonus is full when it has 2/3 of the state mentions
SELF_VOTE_BONUS = 1.25  # an area only the name itself voted for: a prior, not context
ADMIN1_DISCOUNT = 1.0  # a state's population is the sum of its towns: see _prior
PRIMARY_NAME_BONUS = 0.7
WORLD_CITY_BONUS = 0.5
MEDIUM_POPULATION = 5_000
# Coherence: distinct names of the article that could lie in the same admin-1 area.
SUPPORT_BONUS = 1.5
SUPPORT_CAP = 2.0
SUPPORT_MIN_POPULATION = 1_000
SUPPORT_MAX_AREAS = 12
RERUN_MIN = 0.3  # support worth a second look (a bonus of 0.45 at least)
_AREA_FEATURES = frozenset({"country", "admin1", "continent", "region"})
# Feature words of second-level divisions usually named after their seat town (counties
# often are not: "Harris County" has no town Harris).
_SEAT_NAMED = frozenset({"district", "districts"})


@dataclass(slots=True)  # not frozen: built per candidate (see records.py)
class Resolved:
    """The chosen entry (row None for unresolved features) and why."""

    row: int | None
    feature: str
    confidence: float
    resolution: str
    country: str | None = None  # for unresolved mentions whose country/state is known
    admin1: str | None = None


@dataclass(slots=True)
class Context:
    """What the article as a whole says about where it is."""

    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    dateline_country: str | None = None
    # Per admin-1 area, the summed weight of the distinct names that could lie in it,
    # and per name its own weight and areas (subtracted when scoring that name).
    support: dict[tuple[str, str], float] = field(default_factory=dict)
    own_support: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)
    # Admin-1 areas voted for by a single name only, and that name: it must not count
    # as context for itself ("Gainesville" is not evidence that Gainesville is in Florida).
    voter: dict[tuple[str, str], str] = field(default_factory=dict)
    # Per country, its two best-supported areas (what a country candidate is scored on).
    country_areas: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # Per name, the country votes it cast itself in `countries` (not context for itself).
    own_countries: dict[str, Counter[str]] = field(default_factory=dict)
    # The same without the dateline's votes: a place the story is filed from keeps them.
    own_mentions: dict[str, Counter[str]] = field(default_factory=dict)

    def other_countries(self, key: str) -> set[str]:
        """Countries the article names apart from the name `key` itself."""
        own = self.own_countries.get(key)
        if own is None:
            return {c for c, n in self.countries.items() if n > 0}
        return {c for c, n in self.countries.items() if n > own.get(c, 0)}


def _strength(gaz: Gazetteer, span: Span) -> str:
    """strong | medium | weak, from the best candidate by population (memoised on the span,
    and per name on the gazetteer: match and key decide the rows)."""
    if span.strength is None:
        memo = _memo(gaz, "strength")
        found = memo.get((span.match, span.key)) if span.rows else None
        if found is None:
            found = _compute_strength(gaz, span)
            if span.rows:
                memo[(span.match, span.key)] = found
        span.strength = found
    return span.strength


_MEMO_SIZE = 100_000


def _memo(gaz: Gazetteer, name: str) -> dict:
    """A per-gazetteer memo, emptied when it grows past `_MEMO_SIZE` (flat memory)."""
    memo = gaz.memo.get(name)
    if memo is None or len(memo) > _MEMO_SIZE:
        memo = gaz.memo[name] = {}
    return memo


def _compute_strength(gaz: Gazetteer, span: Span) -> str:
    if span.match in ("demonym", "abbrev"):
        return "strong"
    if not span.rows or span.match != "exact":
        return "weak"  # a loose match is weak whatever its (often hundreds of) rows
    if not gaz.area_rows.isdisjoint(span.rows):
        return "strong"
    # Population counts only where the name is the place's own, not one of its many
    # foreign alternates ("Chen", "Li" and "BA" are alternates of somewhere).
    own = _own_rows(gaz, span)
    pop = max((gaz.populations[r] for r in own), default=0)
    if not own:
        pop = max(gaz.populations[r] for r in span.rows) // 20
    if pop >= STRONG_POPULATION:
        return "strong"
    return "medium" if pop >= MEDIUM_POPULATION else "weak"


def _town_strength(gaz: Gazetteer, span: Span, best: int) -> str:
    """The strength of a name whose chosen sense is a town.

    A name is strong when some candidate is an area, but an area that loses to a town
    vouches for nothing: "the Centre" (India's government) is a region of Burkina Faso
    and Cameroon, not evidence for Centre, Alabama. Unless a big town bears the name,
    the chosen town must pass as the medium or weak hit it is.
    """
    towns = [r for r in span.rows if gaz.features[r] not in _AREA_FEATURES]
    if max((gaz.populations[r] for r in towns), default=0) >= STRONG_POPULATION:
        return "strong"
    return "medium" if gaz.populations[best] >= MEDIUM_POPULATION else "weak"


def is_strong(gaz: Gazetteer, span: Span) -> bool:
    """A name the gazetteer is sure of (a country, a big town): never a person's name."""
    return span.match != "person" and bool(span.rows) and _strength(gaz, span) == "strong"


def build_context(
    gaz: Gazetteer,
    spans: list[Span],
    dateline_key: str | None,
    person_words: Container[str] = (),
) -> Context:
    """Countries and admin-1 areas the article's unambiguous mentions point to.

    Names the article also uses as a person's (`person_words`) vote only with a
    locative cue: "Bolton said" after "John Bolton" is the man, not the town.
    """
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str, str]] = Counter()
    voters: dict[tuple[str, str], Counter[str]] = {}
    own_countries: dict[str, Counter[str]] = {}
    own_mentions: dict[str, Counter[str]] = {}
    dateline_country = None
    for span in spans:
        if span.match == "org":
            _org_vote(gaz, span, admin1)
            continue
        if span.match in ("demonym", "abbrev"):
            target_row = gaz.area_row(span.target or "")
            if target_row is not None and gaz.countries[target_row]:
                countries[gaz.countries[target_row] or ""] += 1
                if gaz.features[target_row] == "admin1" and gaz.admin1[target_row]:
                    admin1[(gaz.countries[target_row] or "", gaz.admin1[target_row] or "")] += 1
            continue
        if span.match == "person" or span.partial or span.areas_only or not span.rows:
            continue
        if span.feature_hint == "admin2":  # "Chesterfield County" is not the town
            continue
        if span.key in person_words and not span.cue:
            continue
        if _strength(gaz, span) != "strong" or _ambiguous(gaz, span.rows):
            continue
        row = _top_row(gaz, span)
        code = gaz.countries[row]
        if code is None:
            continue
        countries[code] += 1
        own_countries.setdefault(span.key, Counter())[code] += 1
        own_mentions.setdefault(span.key, Counter())[code] += 1
        # Vote for an admin-1 area only if the name cannot mean two ("Springfield").
        areas = {
            (gaz.countries[r], gaz.admin1[r])
            for r in span.rows
            if gaz.features[r] in _AREA_FEATURES or gaz.populations[r] >= 50_000
        }
        if len(areas) == 1 and gaz.admin1[row] and gaz.features[row] in ("admin1", "city"):
            admin1[(code, gaz.admin1[row] or "")] += 1
            voters.setdefault((code, gaz.admin1[row] or ""), Counter())[span.key] += 1
        if dateline_key is not None and span.key == dateline_key and span.start < 5:
            dateline_country = code
            countries[code] += 2
            own_countries[span.key][code] += 2
    if dateline_key and dateline_country is None:
        # The dateline place need not be in the text (it may come from metadata).
        rows = gaz.lookup(dateline_key)
        if rows and not _ambiguous(gaz, rows):
            row = max(rows, key=lambda r: (_prior(gaz, r), -r))
            dateline_country = gaz.countries[row]
            if dateline_country:
                countries[dateline_country] += 2
                if gaz.admin1[row]:
                    admin1[(dateline_country, gaz.admin1[row] or "")] += 1
    ctx = Context(
        countries, admin1, dateline_country, own_countries=own_countries, own_mentions=own_mentions
    )
    ctx.voter = {
        area: next(iter(keys))
        for area, keys in voters.items()
        if len(keys) == 1 and keys.total() == admin1[area]
    }
    return ctx


def _org_vote(gaz: Gazetteer, span: Span, admin1: Counter[tuple[str, str]]) -> None:
    """The state an organisation is named after, as context: local news names its state
    mostly in its agencies ("Florida Highway Patrol", "University of Kentucky"). Only a
    first-level area, by its own name, that dwarfs the name's other areas by population
    ("Florida" the state, not Uruguay's department; "Georgia", a country or a state,
    says nothing) and that no big town shares. Countries are left out: sports news
    names its teams after them ("American League") while reporting from elsewhere."""
    areas = [r for r in span.rows if gaz.features[r] in ("country", "admin1")]
    if not areas:
        return
    pops = gaz.populations
    row = max(areas, key=lambda r: (pops[r], -r))
    if gaz.features[row] != "admin1" or _own_name(gaz, row) != span.key:
        return
    if any(pops[r] * PROMINENCE_RATIO > pops[row] for r in areas if r != row):
        return
    if any(pops[r] >= STRONG_POPULATION for r in _own_rows(gaz, span) if r not in gaz.area_rows):
        return  # "Washington Post", "New York Police Department": the city, if anything
    code, area = gaz.countries[row], gaz.admin1[row]
    if code and area:
        admin1[(code, area)] += 1


def add_support(
    gaz: Gazetteer, spans: list[Span], accepted: list[Resolved | None], ctx: Context
) -> set[str]:
    """Which admin-1 areas the accepted names agree on, ambiguous names included.

    Local news names its towns without their state: "Ocilla", "Fitzgerald" and
    "Gainesville" together point to Georgia, though two of them exist in several states.
    Each distinct name accepted as a place spreads one vote over the admin-1 areas its
    own candidates lie in (so "Springfield", found in a dozen states, says little).
    Returns the accepted names that are ambiguous between areas (worth a second pass).
    An accepted state also counts as a named state and for its country, which
    "Virginia" alone (a town in South Africa too) does not in `build_context`.
    """
    support: dict[tuple[str, str], float] = {}
    own: dict[str, dict[tuple[str, str], float]] = {}
    ambiguous: dict[str, frozenset[tuple[str, str]]] = {}
    counties: set[str] = set()
    added_country = False
    for span, resolved in zip(spans, accepted, strict=True):
        if span.key in own:
            continue
        if span.feature_hint == "admin2" and not span.partial and span.match != "person":
            states = _county_states(gaz, span)
            if states:
                counties.add(span.key)  # its state is decided in the second pass
                if not ctx.countries["US"]:
                    ctx.countries["US"] += 1  # "X County" is a US form: a US article
                    added_country = True
            if states and len(states) <= SUPPORT_MAX_AREAS:
                votes = {("US", state): 1.0 / len(states) for state in states}
                own[span.key] = votes
                for area, vote in votes.items():
                    support[area] = support.get(area, 0.0) + vote
            continue
        if resolved is None or resolved.row is None:
            continue
        if span.match in ("demonym", "abbrev"):
            row = resolved.row
            if gaz.features[row] != "admin1":
                continue
            areas = frozenset({(gaz.countries[row] or "", gaz.admin1[row] or "")})
        else:
            areas = _areas(gaz, _own_rows(gaz, span) or span.rows)
            # A country and a state of the same name ("Georgia") are ambiguous too.
            if len(areas) > 1 or (areas and gaz.features[resolved.row] != "city"):
                chosen = (gaz.countries[resolved.row] or "", gaz.admin1[resolved.row] or "")
                ambiguous[span.key] = areas - {chosen}
        if not areas:
            continue
        if gaz.features[resolved.row] == "admin1" and _own_name(gaz, resolved.row) == span.key:
            # A state named as such ("Virginia" resolved to the state) is its own vote,
            # and its country's, though the name alone was too ambiguous to vote.
            code = gaz.countries[resolved.row] or ""
            area = (code, gaz.admin1[resolved.row] or "")
            areas = frozenset({area})
            if not ctx.countries[code]:
                ctx.countries[code] += 1
                added_country = True
            if not ctx.admin1[area]:
                ctx.admin1[area] += 1
                ctx.voter[area] = span.key
                added_country = True
        elif len(areas) > SUPPORT_MAX_AREAS:
            continue
        votes = dict.fromkeys(areas, 1.0 / len(areas))
        own[span.key] = votes
        for area, vote in votes.items():
            support[area] = support.get(area, 0.0) + vote
    ctx.support, ctx.own_support = support, own
    best: dict[str, list[tuple[str, str]]] = {}
    for area in sorted(support, key=lambda a: -support[a]):
        kept = best.setdefault(area[0], [])
        if len(kept) < 2:
            kept.append(area)
    ctx.country_areas = best
    if added_country:
        return set(ambiguous) | counties
    # Only names with another candidate area that other names support can change sense.
    return counties | {
        key
        for key, areas in ambiguous.items()
        if any(support.get(a, 0.0) - own.get(key, {}).get(a, 0.0) > RERUN_MIN for a in areas)
    }


_COUNTY_SUFFIXES = (" county", " parish")


def _county_states(gaz: Gazetteer, span: Span) -> list[str]:
    """The US states that have a county (or parish) of the span's name."""
    key = span.key
    for suffix in _COUNTY_SUFFIXES:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            break
    found = gaz.counties.get(key)
    return found.split(",") if found else []


def _county_state(gaz: Gazetteer, span: Span, ctx: Context) -> str | None:
    """The state of "X County" in a US article: the only one with such a county, or the
    one the article is about among several ("Henrico County" is in Virginia)."""
    states = _county_states(gaz, span)
    if not states:
        return None
    mine = ctx.own_support.get(span.key, {})
    named = [
        s
        for s in states
        if ctx.admin1.get(("US", s))
        or ctx.support.get(("US", s), 0.0) - mine.get(("US", s), 0.0) > RERUN_MIN
    ]
    if len(named) == 1:
        return named[0]
    # "X County" is a US form; elsewhere only when the article is not about other lands.
    about_us = ctx.countries.get("US") or not ctx.countries
    return states[0] if len(states) == 1 and about_us else None


def _areas(gaz: Gazetteer, rows: Iterable[int]) -> frozenset[tuple[str, str]]:
    return frozenset(
        (gaz.countries[r] or "", gaz.admin1[r] or "")
        for r in rows
        if gaz.admin1[r]
        and gaz.countries[r]
        and (gaz.features[r] == "admin1" or gaz.populations[r] >= SUPPORT_MIN_POPULATION)
    )


def _top_row(gaz: Gazetteer, span: Span) -> int:
    """The candidate with the highest prior (memoised per name: the rows follow from the
    match and key)."""
    memo = _memo(gaz, "top")
    found = memo.get((span.match, span.key))
    if found is None:
        found = memo[(span.match, span.key)] = max(span.rows, key=lambda r: (_prior(gaz, r), -r))
    return found


def _own_name(gaz: Gazetteer, row: int) -> str:
    return gaz.own_keys.get(row) or gaz.own_key(row)


def _own_rows(gaz: Gazetteer, span: Span) -> frozenset[int]:
    """Candidates whose own (primary) name is the span's name, memoised on the span."""
    if span.own is None:
        memo = _memo(gaz, "own")
        found = memo.get((span.match, span.key))
        if found is None:
            keys, own_key, key = gaz.own_keys, gaz.own_key, span.key
            found = frozenset(r for r in span.rows if (keys.get(r) or own_key(r)) == key)
            memo[(span.match, span.key)] = found
        span.own = found
    return span.own


def _ambiguous(gaz: Gazetteer, rows: tuple[int, ...]) -> bool:
    """Serious candidates (areas, big towns) in more than one country: "Georgia", "Paris".

    Such names must not vote for their own country in the context they are then
    resolved with.
    """
    countries = {
        gaz.countries[r]
        for r in rows
        if gaz.features[r] in _AREA_FEATURES or gaz.populations[r] >= 50_000
    }
    return len(countries) > 1


def _prior(gaz: Gazetteer, row: int) -> float:
    """Population and feature prior of a row (memoised on the gazetteer)."""
    score = gaz.priors.get(row)
    if score is None:
        score = gaz.priors[row] = _compute_prior(gaz, row)
    return score


def _compute_prior(gaz: Gazetteer, row: int) -> float:
    feature = gaz.features[row]
    score = math.log10(gaz.populations[row] + 1)
    if feature == "city" and gaz.populations[row] >= 1_000_000:
        score += WORLD_CITY_BONUS  # world cities are known beyond their country's news
    if feature == "country":
        score += 2.0
    elif feature in ("continent", "region"):
        score += 1.0
    elif feature in ("admin1", "admin2"):
        # A state's population is the sum of its towns: discount it, so that bare
        # "Washington" is the capital, while "Washington state" still finds the state.
        score -= ADMIN1_DISCOUNT
    return score


def _scores(
    gaz: Gazetteer, rows: tuple[int, ...], span: Span, ctx: Context, qualifier: set[str]
) -> dict[int, float]:
    """Per candidate: prior plus name quality plus article context (see the module
    docstring). One loop over the candidates with the article's lookups hoisted: the
    commonest work of resolution (a name has seven candidates on average)."""
    own = _own_rows(gaz, span)
    priors, countries, admin1, populations = gaz.priors, gaz.countries, gaz.admin1, gaz.populations
    named, named_total = ctx.admin1, ctx.admin1.total() if ctx.admin1 else 0
    mentioned = ctx.countries
    features, support, country_areas = gaz.features, ctx.support, ctx.country_areas.get
    mine = ctx.own_support.get(span.key, {})
    # A town's name is not context for itself: its own country votes do not count for
    # its towns and states (a lone "Lancaster" among British words is not American because
    # Lancaster, California is the biggest namesake). A country keeps them: "Italy" named
    # in a Texas story is still the country.
    self_votes = ctx.own_mentions.get(span.key)
    top: dict[str, int] = {}
    scores: dict[int, float] = {}
    for row in rows:
        score = priors.get(row)
        if score is None:
            score = _prior(gaz, row)
        is_own = row in own
        if is_own:
            score += PRIMARY_NAME_BONUS
        code = countries[row]
        if code is None:
            scores[row] = score
            continue
        mentions = mentioned.get(code)  # .get: a Counter's [] calls __missing__
        if mentions and self_votes and features[row] != "country":
            mentions -= self_votes.get(code, 0)
        if mentions:
            score += COUNTRY_BONUS + COUNTRY_BONUS_PER_MENTION * min(mentions, 4)
        # Named states and names that agree on a state add up (local news rarely names
        # its state, and a named state plus agreeing towns is stronger evidence).
        area_bonus = 0.0
        if named:
            area = (code, admin1[row] or "")
            if named.get(area):
                area_bonus = ADMIN1_BONUS if ctx.voter.get(area) != span.key else SELF_VOTE_BONUS
                # Named states share the evidence: a national story naming four states
                # says less about each than a local one naming its own state only.
                area_bonus *= min(1.0, ADMIN1_SHARE * named[area] / named_total)
        if support and not (own and not is_own and populations[row] < STRONG_POPULATION):
            # Coherence: other names of the article could lie in this candidate's area.
            # A country contains all its areas, so it gets the best of them (coherence
            # must not turn "Mexico" into Mexico City); "Washington" is not Watervliet,
            # whatever its alternate names.
            if features[row] == "country":
                others = max(
                    (support.get(a, 0.0) - mine.get(a, 0.0) for a in country_areas(code, ())),
                    default=0.0,
                )
            elif admin1[row]:
                area = (code, admin1[row] or "")
                others = support.get(area, 0.0) - mine.get(area, 0.0)
            else:
                others = 0.0
            if others > 0.01:
                area_bonus += SUPPORT_BONUS * min(others, SUPPORT_CAP)
        if area_bonus and populations[row] < STRONG_POPULATION and own and not is_own:
            # "Maryville" is an old name of Beeville, Texas: where the name is some
            # towns' own, a small town that only had it gets no state context.
            area_bonus = 0.0
        if area_bonus and _prominent(gaz, span, code, top, row):
            # A hamlet does not displace its country's famous namesake on state context
            # alone ("Louisville" in a story that also names towns of Ohio).
            area_bonus *= 0.5
        score += area_bonus
        if qualifier and (code in qualifier or f"{code}:{admin1[row]}" in qualifier):
            score += 8.0
        scores[row] = score
    return scores


def _free_score(gaz: Gazetteer, row: int, span: Span) -> float:
    """A candidate's score without any context: its prior and name quality."""
    return _prior(gaz, row) + (PRIMARY_NAME_BONUS if row in _own_rows(gaz, span) else 0.0)


def _keep_capital(
    gaz: Gazetteer, span: Span, ctx: Context, ranked: list[int], scores: dict[int, float]
) -> list[int]:
    """Put back first a capital that only a mention of another country displaced.

    National capitals are written bare in news from anywhere. That an article names the
    US ("US", "Americans") says nothing about which town of the US it means, so it must
    not carry Athens, Georgia past Athens, Greece: a town that beats the capital (of
    100,000+) of another, unnamed country on country context alone (no state or
    coherence evidence: weighing that against the capital's prior instead cost LGL's
    local Paris, Kentucky) yields to it, unless the article is datelined in the town's
    country (Tripoli in a story from Beirut is Lebanon's). Non-capital namesakes keep the country
    context: local news writes "Alexandria" for its own town.
    """
    best = ranked[0]
    if gaz.features[best] != "city" or len(ranked) < 2:
        return ranked
    if len(ranked) == len(span.rows):  # all candidates: the lead is the name's own
        memo = _memo(gaz, "lead")
        lead = memo.get((span.match, span.key))
        if lead is None:
            lead = memo[(span.match, span.key)] = max(
                ranked, key=lambda r: (_free_score(gaz, r, span), -r)
            )
    else:
        lead = max(ranked, key=lambda r: (_free_score(gaz, r, span), -r))
    code = gaz.countries[lead]
    if (
        lead == best
        or gaz.features[lead] != "city"
        or lead not in gaz.capitals
        or gaz.populations[lead] < STRONG_POPULATION
        or code == gaz.countries[best]
        or gaz.countries[best] == ctx.dateline_country  # written from there: local
        or ctx.countries.get(code or "")
        or (best in _own_rows(gaz, span) and lead not in _own_rows(gaz, span))
    ):
        return ranked
    mentions = ctx.countries.get(gaz.countries[best] or "", 0)
    country = COUNTRY_BONUS + COUNTRY_BONUS_PER_MENTION * min(mentions, 4) if mentions else 0.0
    if scores[best] - _free_score(gaz, best, span) - country > 0.01:
        return ranked  # state or coherence evidence: a local reading
    return [lead, *(r for r in ranked if r != lead)]


def _prominent(gaz: Gazetteer, span: Span, code: str, top: dict[str, int], row: int) -> bool:
    """Whether a far bigger town of the same name and country exists (memoised in `top`)."""
    if code not in top:
        top[code] = max(
            (
                gaz.populations[r]
                for r in _own_rows(gaz, span) or span.rows
                if gaz.countries[r] == code and gaz.features[r] == "city"
            ),
            default=0,
        )
    return gaz.populations[row] * PROMINENCE_RATIO < top[code]


def _qualifier_targets(gaz: Gazetteer, key: str | None) -> set[str]:
    """Country codes and "CC:admin1" codes a trailing ", Texas" can mean."""
    if not key:
        return set()
    targets: set[str] = set()
    if key.startswith("@"):
        return {key[1:]}
    for row in gaz.lookup(key):
        code = gaz.countries[row]
        if gaz.features[row] == "country" and code:
            targets.add(code)
        elif gaz.features[row] == "admin1" and code:
            targets.add(f"{code}:{gaz.admin1[row]}")
    return targets


def resolve(
    gaz: Gazetteer,
    span: Span,
    ctx: Context,
    person_words: Container[str],
    dateline_key: str | None,
    accepted: set[int] | None = None,
) -> Resolved | None:
    """The resolution of one span, or None when it is judged not to be a place.

    `accepted` holds rows already accepted elsewhere in the article: a weak mention of
    a place the article has established is accepted too (one sense per discourse).
    """
    if span.match in ("person", "org"):
        return None
    if span.feature_hint == "admin2" and not span.partial:
        # "Henrico County": a US county's state, whatever town shares its name.
        state = _county_state(gaz, span, ctx)
        if state is not None:
            return Resolved(None, "other", 0.6, "admin2:state", "US", state)
    if span.match == "feature":
        feature = span.feature_hint or "other"
        if feature == "admin2":
            feature = "other"
        return Resolved(None, feature, 0.6, f"unresolved:{span.feature_hint or 'other'}")
    if span.match in ("demonym", "abbrev"):
        row = gaz.area_row(span.target or "")
        if row is None:
            return None
        return Resolved(row, gaz.features[row], 0.9, span.match)
    rows = span.rows
    if span.areas_only:
        rows = tuple(r for r in rows if gaz.features[r] in _AREA_FEATURES)
        if not rows:
            return None
    if span.town:
        # "a Lebanon man": a country is named by its demonym there, so not the country.
        rows = tuple(r for r in rows if gaz.features[r] != "country") or rows
    strength = _strength(gaz, span)
    named_person = span.key in person_words
    if named_person and span.match == "loose":
        return None  # "Vladimir Putin ... a call to Putin": a cue cannot make it Potton
    person = (named_person or span.speaker) and not span.cue
    has_area = not gaz.area_rows.isdisjoint(rows)
    if (span.partial or person) and not (strength == "strong" and has_area):
        return None  # decided before any scoring: most rejected spans end here
    if (
        strength != "strong"
        and not (span.cue or span.qualifier)
        and not (accepted and accepted.intersection(rows))
    ):
        # Without a cue, a weak or medium hit needs its state (weak) or country (medium)
        # in the article; if no candidate has one, no ranking can save it.
        if strength == "weak":
            if not ctx.admin1:
                return None
            admin1, countries, named = gaz.admin1, gaz.countries, ctx.admin1
            if not any((countries[r] or "", admin1[r] or "") in named for r in rows):
                return None
        elif not any(ctx.countries.get(gaz.countries[r] or "") for r in rows) and not (
            ctx.admin1
            and any((gaz.countries[r] or "", gaz.admin1[r] or "") in ctx.admin1 for r in rows)
        ):
            return None  # (a state named only by an agency is not in `countries`)
    qualifier = _qualifier_targets(gaz, span.qualifier)
    scores = _scores(gaz, rows, span, ctx, qualifier)
    ranked = sorted(rows, key=lambda r: (-scores[r], r))
    if not qualifier:
        ranked = _keep_capital(gaz, span, ctx, ranked, scores)
    best = ranked[0]
    code = gaz.countries[best]
    in_admin1 = bool(code and ctx.admin1[(code, gaz.admin1[best] or "")])
    known = accepted is not None and best in accepted
    is_area = gaz.features[best] in _AREA_FEATURES
    if not (strength == "strong" and is_area) and (span.partial or person):
        return None
    if strength == "strong" and not (is_area or span.town) and span.feature_hint != "admin1":
        strength = _town_strength(gaz, span, best)
    if strength != "strong" and not known:
        if strength == "weak" and not (span.cue or in_admin1 or qualifier):
            return None
        if strength == "medium" and not (
            span.cue or in_admin1 or qualifier or (code and ctx.countries[code])
        ):
            return None
        if span.match == "loose" and not (code and ctx.countries[code]):
            return None
    resolution = _resolution(gaz, span, best, ranked, ctx, qualifier, dateline_key)
    feature = gaz.features[best]
    if span.feature_hint == "admin1":
        admin_row = _admin1_for_cue(gaz, span, ctx, best, ranked)
        if admin_row is None:
            return Resolved(None, "admin1", 0.5, "unresolved:admin1")
        if admin_row != best:
            best, feature, resolution = admin_row, "admin1", "admin1:cue"
    elif span.feature_hint == "admin2":
        # No county shapes offline, and a same-named town is more often elsewhere than
        # inside the county (27 right, 42 wrong on LGL): keep only its state, and only
        # when that state is one the article is about. A district is named after its
        # seat ("Qalat district", "Musa Qal'ah district"): a town of that name in one of
        # the article's countries gives its province.
        seat = span.feature_word in _SEAT_NAMED and bool(code and ctx.countries.get(code))
        if not (in_admin1 or seat):
            return Resolved(None, "other", 0.5, "unresolved:admin2")
        return Resolved(None, "other", 0.6, "admin2:state", code, gaz.admin1[best])
    confidence = _confidence(span, [scores[r] for r in ranked], strength)
    return Resolved(best, feature, confidence, resolution)


def _admin1_for_cue(
    gaz: Gazetteer, span: Span, ctx: Context, best: int, ranked: list[int]
) -> int | None:
    """The admin-1 area an "X province" cue means.

    A same-named admin-1 area (exact, else by transliteration skeleton), preferring the
    article's countries; else the admin-1 area of the chosen town. When the article is
    about other countries than every candidate's, None: better unresolved than a
    province of the wrong country ("Nineveh province" is not in Ohio).
    """
    areas = [r for r in ranked if gaz.features[r] == "admin1"]
    if not areas:
        areas = [r for r in gaz.lookup_loose(loose(span.key)) if gaz.features[r] == "admin1"]
    others = ctx.other_countries(span.key)
    if (
        areas
        and others
        and gaz.features[best] == "country"
        and all(gaz.countries[r] != gaz.countries[best] for r in areas)
        and (gaz.countries[best] in others or not any(gaz.countries[r] in others for r in areas))
    ):
        # "the border territory of Georgia" in news about Azerbaijan and Georgia: the
        # country the context ranked first, not a foreign state of the same name (a
        # country's own namesake province, "the state of Mexico", is still taken).
        return best
    in_ctx = [r for r in areas if gaz.countries[r] in others]
    if in_ctx:
        return in_ctx[0]
    if others:
        # "Ghanzi province" in news about Afghanistan is Ghazni misspelt, not Botswana's
        # Ghanzi: one slip from a province of the article's (other) countries outweighs
        # an exact foreign match, whose only vote is its own.
        near = _near_admin1(gaz, span.key, others)
        if near is not None:
            return near
    if areas:
        return areas[0]
    code, admin1 = gaz.countries[best], gaz.admin1[best]
    if ctx.countries and not ctx.countries[code or ""]:
        return None
    if code and admin1:
        return gaz.admin1_row(code, admin1)
    return None


def _near_admin1(gaz: Gazetteer, key: str, countries: Iterable[str]) -> int | None:
    """The one admin-1 area of the article's countries whose name is a single edit
    (a letter added, dropped, changed or two swapped) from `key`, if exactly one is."""
    if len(key) < 5:
        return None
    found = {
        row
        for code in countries
        for row in gaz.admin1_areas(code)
        if _one_edit(key, _own_name(gaz, row))
    }
    return found.pop() if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one edit (optimal string alignment)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one letter changed
        return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]  # swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]  # one letter added or dropped


def _resolution(
    gaz: Gazetteer,
    span: Span,
    best: int,
    ranked: list[int],
    ctx: Context,
    qualifier: set[str],
    dateline_key: str | None,
) -> str:
    if dateline_key is not None and span.key == dateline_key and span.start < 5:
        return "context:dateline"
    if qualifier:
        return "context:qualifier"
    if len(ranked) == len(span.rows):
        by_prior = _top_row(gaz, span)  # ranked is the candidates in another order
    else:
        by_prior = max(ranked, key=lambda r: (_prior(gaz, r), -r))
    if by_prior != best:
        return "context:country"
    if span.match == "loose":
        return "fuzzy:translit"
    if _own_name(gaz, best) == span.key:
        return "exact"
    return "alternate_name"


def _confidence(span: Span, scores: list[float], strength: str) -> float:
    """Share of the winner in a softmax over candidate scores, scaled by match quality."""
    top = scores[0]
    share = 1.0 / sum(math.exp(s - top) for s in scores)
    base = {"strong": 0.95, "medium": 0.85, "weak": 0.7}[strength]
    if span.match == "loose":
        base -= 0.1
    return round(max(0.05, min(1.0, base * (0.5 + 0.5 * share))), 3)
