"""Score the count extractor against NewsQuant (CQE's metrics) and ISAF press releases.

NewsQuant gold is per sentence (value, normalised unit, "change") with no offsets, so the
scoring follows the procedure of the CQE paper's evaluation: gold and predicted quantities
of a sentence are walked in unit order; a prediction with the same value (ranges compared
as pairs, rtol 1e-5) counts for value; it counts for value+change when the change also
matches, and it is consumed when the unit matches too. Precision divides by all
predictions, recall by all gold quantities. Our units are written as CQE unit names
through `resources/counts_cqe_units.json`; a count without a unit is scored with its
counted noun.

ISAF gold is per press release: min_killed, min_captured, start_date and province. A
record that runs two releases together is scored on the first. We sum the KILL and
ARREST counts of the release (vague words by `counts_isaf_vague.json`, a documented
convention), take the event date (the first day-precise date after the release-date
header, resolved against it; a date that dates the report or an earlier attack is passed
over) and the Afghan province with the most evidence ("X province" first, then bare
province names, then towns and districts), leaving the "KABUL, Afghanistan" dateline out.
"""

from __future__ import annotations

import json
import math
import pathlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from newsfacts.extract.counts import extract_counts
from newsfacts.extract.counts_context import counted_noun, counted_phrase
from newsfacts.extract.counts_lexicon import Lexicon, lexicon, normalise, resource
from newsfacts.extract.dates import extract_dates
from newsfacts.extract.gazetteer import load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.extract.places_normalize import fold, loose
from newsfacts.extract.text import split_sentences
from newsfacts.records import CountMention

FORMATS = ("newsquant", "isaf")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_RELEASE_DATE = re.compile(r"\((?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})(?:,\s*(?P<y>\d{4}))?\)")
#: Daily round-ups open with the day: "June 20: Afghan-ISAF Operations in ...".
_TITLE_DATE = re.compile(r"\s*(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2}):\s")
_TITLE_FULL_DATE = re.compile(r"\b(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>20\d\d)\s*$")
#: ISAF release numbers carry the year and month: "2012-06-S-026", "2010-09-CA-005";
#: drafts keep a placeholder serial ("2010-08-CA-XXX"); some are typed with en dashes
#: or a one-digit month ("2011-3-S-009").
_RELEASE_ID = re.compile(r"\b(?P<y>20\d\d)[-–](?P<m>[01]?\d)[-–][A-Z]{1,3}[-–](?:\d{2,4}|X{2,4})\b")
_TEXT_PREFIX = "PRESS RELEASE TEXT: "
_POSSESSIVE = re.compile(r"['’]s$")
_OF_STUFF = re.compile(r"\s+of\s+([A-Za-z]+)")
_ADDITIVE = re.compile(r"\s+(?:other|additional|more|further)\b", re.IGNORECASE)

Value = float | tuple[float, float]
_TALLY: re.Pattern[str] | None = None
_BACKGROUND: re.Pattern[str] | None = None
# Nouns that name no group of their own: "two individuals were detained" restates
# "detained two insurgents".
_GENERIC = frozenset({None, "individual", "person", "people", "man"})
_INCLUDING = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|one\s+of\s+whom)\b", re.IGNORECASE
)
#: "one of Zalmi's associates", "two of the facilitator's associates": a part of a group
#: tied to someone already named ("the leader and one of his associates" adds a person).
_PARTITIVE = re.compile(r"\s+of\s+(?:the\s+[\w-]+|[A-Z][\w-]*)['’]s\s")
_ANAPHORIC = re.compile(r"\b(?:the|all|both|these|those)\s+$", re.IGNORECASE)


def evaluate_counts(path: pathlib.Path, fmt: str, show_errors: bool = False) -> str:
    """Score the extractor on a NewsQuant JSON (file or folder) or the ISAF JSONL file."""
    if fmt == "newsquant":
        return _newsquant(_find(path, "NewsQuant.json"), show_errors)
    if fmt == "isaf":
        return _isaf(_find(path, "*.jsonl"), show_errors)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _find(path: pathlib.Path, pattern: str) -> pathlib.Path:
    """The gold file itself, or the first file matching `pattern` under a folder."""
    if path.is_file():
        return path
    found = sorted(path.rglob(pattern))
    if not found:
        raise ValueError(f"no {pattern} under {path}")
    return found[0]


# ----------------------------------------------------------------------------- NewsQuant


@dataclass
class _Tally:
    """Counters of the CQE procedure."""

    gold: int = 0
    predicted: int = 0
    value: int = 0
    unit: int = 0
    change: int = 0
    errors: list[str] = field(default_factory=list)


def _gold_value(raw: str) -> Value:
    """A NewsQuant value string: "6650.0" or a range "252.0-287.0"."""
    if "-" in raw[1:] and "E" not in raw:
        low, high = raw.split("-", 1) if not raw.startswith("-") else raw[1:].split("-", 1)
        return (float(low), float(high))
    return float(raw)


def _same_value(a: Value, b: Value) -> bool:
    """Equal values as CQE compares them (relative tolerance 1e-5; ranges pairwise)."""
    if isinstance(a, tuple) != isinstance(b, tuple):
        return False
    if isinstance(a, tuple) and isinstance(b, tuple):
        return all(
            math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8) for x, y in zip(a, b, strict=True)
        )
    assert isinstance(a, float) and isinstance(b, float)
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def as_cqe(text: str, count: CountMention, antecedent: str | None = None) -> dict[str, Any] | None:
    """One of our counts as a CQE-style quantity (value, normalized_unit, change).

    Convention differences are translated, not hidden: CQE writes a vague plural as the
    decade it names ("dozens" -> 12-120, "thousands" -> 1000-10000) where we keep ACLED's
    single figure, and CQE's unit for a count is the whole counted noun phrase.
    """
    table = resource("counts_cqe_units.json")
    if count.value is None:
        return None
    value: Value = count.value
    change = table["qualifiers"][count.qualifier]
    if count.direction is not None and count.qualifier not in ("more_than", "at_least"):
        change = count.direction  # NewsQuant writes "rose about 2%" as up, "rose over 2%" as >
    if count.qualifier == "range" and count.value_low is not None and count.value_high is not None:
        value = (count.value_low, count.value_high)
        if _hedged(count.surface):
            change = "~"  # "about 2000 - 2500 calories": CQE marks the hedged range
    elif count.qualifier == "vague":
        value, change = (count.value, count.value * 10), "="
    if count.kind == "age" and count.unit in table["age_units"]:
        unit = table["age_units"][count.unit]
    elif count.unit is not None:
        unit = table["units"].get(count.unit) or " per ".join(
            table["units"].get(u, u.lower()) for u in count.unit.split("/", 1)
        )
        stuff = _OF_STUFF.search(count.surface) or _OF_STUFF.match(text, count.char_end)
        if stuff is not None:  # "1 million barrels of oil": CQE names the unit with its stuff
            base, _, per = count.unit.partition("/")
            named = table["of_units"].get(f"{base} of {stuff.group(1).lower()}")
            if named is not None:
                unit = named + (f" per {table['units'].get(per, per.lower())}" if per else "")
    else:
        lex = lexicon()
        # an elided noun ("460 Kia and Hyundai vehicles ... with 63") takes the phrase of
        # the count it shares the noun with
        phrase = counted_phrase(text, count.char_end, lex) or antecedent or count.counted
        unit = _cqe_phrase(phrase.lower(), table["adjective_lemmas"]) if phrase else "-"
        unit = table["noun_units"].get(unit, unit)
        if phrase and phrase.lower() in table["adjective_lemmas"]:
            unit = "-"  # "25k or 40k cheaper": a comparative after a number counts nothing
        elif phrase and count.kind == "count":
            unit = _premodifier(text, count.char_start, lex) + unit
            unit += _count_rate(text, count.char_end, lex, table["units"])
        if count.kind == "fraction":
            unit = "% " + unit  # CQE writes "a third of the population" as "% population"
    return {"value": value, "unit": unit.lower(), "change": change}


_PREMODIFIED = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|this|these|those)[ \u00a0]+"
    r"(?P<word>[a-z][a-z-]*)[ \u00a0]+$",
    re.IGNORECASE,
)


def _premodifier(text: str, start: int, lex: Lexicon) -> str:
    """The modifier written between a determiner and the number, with a space ("top "
    for "the top three seeds"): CQE's unit is the noun chunk around the number without
    its determiner and the number, so such a modifier belongs to it ("a record 32 goals"
    -> "record goal"). Participles ("a combined 435 homes") and function words do not."""
    found = _PREMODIFIED.search(text, max(0, start - 40), start)
    if found is None:
        return ""
    word = found.group("word")
    if word.lower() in lex.stop_words or word.endswith(("ed", "ing")) or word[0].isupper():
        return ""
    return word + " "


def _count_rate(text: str, end: int, lex: Lexicon, names: dict[str, str]) -> str:
    """The rate suffix (" per day") when the counted noun is counted per unit of time or
    per thing ("3,000 tests per day", "12 flights a week"): CQE's unit is then the rate
    "test per day"."""
    _, _, head_end = counted_noun(text, end, lex)
    rate = lex.per_after.match(text, head_end)
    if rate is None:
        return ""
    code = lex.per_lookup.get(normalise(rate.group("per")))
    return f" per {names.get(code, code)}" if code else ""


#: CQE writes two levels of one quantity as one range, in text order: "fell from $2,415
#: to $2,315" -> 2415-2315, "$7/$9" -> 7-9. The gap may hold a few words ("from $36,040
#: at 10.45pm to $34,935"). ("rose to $7.36 billion from $6.78 billion" is two values in
#: NewsQuant as often as one range, so it is left as two.)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_FROM_TO_GAP = re.compile(r"(?:\s+[\w.,'’-]+){0,5}?\s+to\s+", re.IGNORECASE)


def cqe_quantities(text: str, counts: list[CountMention]) -> list[dict[str, Any]]:
    """Our counts of one sentence as CQE quantities, with CQE's from-to ranges joined."""
    lex = lexicon()
    phrases: dict[str, str] = {}  # counted lemma -> the last phrase written for it
    pairs = []
    for c in counts:
        own = counted_phrase(text, c.char_end, lex) if c.counted is not None else None
        q = as_cqe(text, c, phrases.get(c.counted) if c.counted and own is None else None)
        if own is not None and c.counted is not None:
            phrases[c.counted] = own
        if q is not None:
            pairs.append((c, q))
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(pairs):
        joined = _from_to(text, pairs[i], pairs[i + 1]) if i + 1 < len(pairs) else None
        if joined is not None:
            out.append(joined)
            i += 2
            continue
        out.append(pairs[i][1])
        i += 1
    return out


def _from_to(
    text: str,
    first: tuple[CountMention, dict[str, Any]],
    second: tuple[CountMention, dict[str, Any]],
) -> dict[str, Any] | None:
    """The CQE range of two single values written "from A to B" or "A/B" with the same
    unit (or one without a unit), else None."""
    (c1, q1), (c2, q2) = first, second
    if isinstance(q1["value"], tuple) or isinstance(q2["value"], tuple):
        return None
    short, long = sorted((q1["unit"], q2["unit"]), key=len)
    if short != long and short != "-" and not long.startswith(short + " per "):
        return None  # same unit, one without a unit, or "$9,400 to $8,950 a tonne"
    if c1.qualifier != "exact" or c2.qualifier != "exact" or c1.sentence != c2.sentence:
        return None
    head = text[max(0, c1.char_start - 6) : c1.char_start]
    gap = text[c1.char_end : c2.char_start]
    if not (_FROM_BEFORE.search(head) and _FROM_TO_GAP.fullmatch(gap)) and gap != "/":
        return None
    value = (q1["value"], q2["value"])
    return {"value": value, "unit": long, "change": "="}


def _hedged(surface: str) -> bool:
    """True when a range's surface starts with an "about" cue ("about 20-30", "~25 – 40")."""
    lower = surface.lower()
    return any(
        lower.startswith(cue) and not lower[len(cue) : len(cue) + 1].isalpha()
        for cue in resource("counts_qualifiers.json")["about"]
    )


def _cqe_phrase(phrase: str, adjectives: dict[str, str]) -> str:
    """A counted phrase as CQE lemmatises it: "airbnb's earliest investment" ->
    "airbnb early investment"."""
    words = (_POSSESSIVE.sub("", w) for w in phrase.split())
    # "eight more picks": "more" marks an increase of the count, not a kind of pick;
    # "digital and physical sales": CQE's unit keeps the content words
    return " ".join(adjectives.get(w, w) for w in words if w not in ("more", "and"))


def _score_sentence(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], tally: _Tally
) -> None:
    """The CQE matching procedure for one sentence."""
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    remaining = sorted(predicted, key=lambda q: q["unit"])
    budget = len(gold)
    for g in sorted(gold, key=lambda q: q["normalized_unit"]):
        g_value = _gold_value(g["value"])
        g_unit = g["normalized_unit"].lower()
        for p in list(remaining):
            if not _same_value(g_value, p["value"]):
                continue
            if budget > 0:
                tally.value += 1
                budget -= 1
            if p["change"] == g["change"]:
                tally.change += 1
            if p["unit"] == g_unit:
                tally.unit += 1
                remaining.remove(p)
                break


def _f1(correct: int, gold: int, predicted: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent."""
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def _newsquant(path: pathlib.Path, show_errors: bool) -> str:
    """NewsQuant report: value, value+unit and value+change P/R/F1 (CQE definitions)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    tally = _Tally()
    for item in data:
        text = item["text"]
        predicted = cqe_quantities(text, extract_counts(text))
        before = (tally.value, tally.unit)
        _score_sentence(item["quantities"], predicted, tally)
        missed = len(item["quantities"]) - (tally.unit - before[1])
        if show_errors and (missed or len(predicted) != len(item["quantities"])):
            gold = [(q["value"], q["normalized_unit"], q["change"]) for q in item["quantities"]]
            got = [(p["value"], p["unit"], p["change"]) for p in predicted]
            tally.errors.append(f"- {item['text'][:160]}\n    gold {gold}\n    ours {got}")
    lines = [
        f"NewsQuant: {len(data)} sentences, {tally.gold} gold quantities, "
        f"{tally.predicted} predicted",
        f"{'metric':<16}{'P':>7}{'R':>7}{'F1':>7}   (CQE F1)",
    ]
    published = {"value": 92.0, "value+unit": 85.6, "value+change": 88.1}
    for name, correct in (
        ("value", tally.value),
        ("value+unit", tally.unit),
        ("value+change", tally.change),
    ):
        p, r, f = _f1(correct, tally.gold, tally.predicted)
        lines.append(f"{name:<16}{p:7.1f}{r:7.1f}{f:7.1f}   ({published[name]})")
    if show_errors:
        lines.append("errors (sentences where gold and ours differ):")
        lines.extend(tally.errors)
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- ISAF


def _header(text: str) -> re.Match[str] | None:
    """The release-date header: the "(Jan. 25, 2013)" dateline, else a title that starts
    with the day of the release ("June 20: Afghan-ISAF Operations in ...") or a title
    that ends with its full date ("... Evening Operational Update June 13, 2011")."""
    found = _RELEASE_DATE.search(text) or _TITLE_DATE.match(text)
    if found is None:
        line_end = text.find("\n")
        found = _TITLE_FULL_DATE.search(text, 0, line_end if line_end >= 0 else len(text))
    return found


def release_date(text: str) -> date | None:
    """The release date from the dateline "KABUL, Afghanistan (Jan. 25, 2013)" or, for
    releases without one, from a "June 20:" title.

    Part of reading this corpus: a date without a year ("(June 14)") takes it from the
    release number ("2012-06-S-026"), as a reader of the release would.
    """
    match = _header(text)
    if not match:
        return None
    month = _MONTHS.get(match.group("m")[:3].lower())
    if month is None:
        return None
    year = match.groupdict().get("y")
    if year is None:
        release = _RELEASE_ID.search(text)
        if release is None:
            return None
        year = int(release.group("y")) + (1 if int(release.group("m")) == 12 and month == 1 else 0)
    try:
        return date(int(year), month, int(match.group("d")))
    except ValueError:
        return None


def first_release(text: str) -> str:
    """The text of the first press release when a record holds several.

    Some records run two releases together ("2012-08-S-037 ... 2012-08-S-040 ..."); the
    gold describes the first. The second starts at a release number written after the
    first release's dateline (or, without a dateline, well after its own number).
    """
    numbers = list(_RELEASE_ID.finditer(text))
    if len(numbers) < 2:
        return text
    dateline = _RELEASE_DATE.search(text)
    after = dateline.end() if dateline else numbers[0].end() + 200
    for number in numbers[1:]:
        if number.start() >= after and number.group() != numbers[0].group():
            return text[: number.start()]
    return text


def _tally_cues() -> re.Pattern[str]:
    """Cues of a running total (`counts_tallies.json`), compiled once."""
    global _TALLY
    if _TALLY is None:
        cues = sorted(resource("counts_tallies.json")["cues"], key=len, reverse=True)
        words = "|".join(r"\s+".join(re.escape(w) for w in c.split()) for c in cues)
        _TALLY = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    return _TALLY


def is_running_total(sentence: str) -> bool:
    """True when a count's sentence reports a total over a period ("have detained more
    than 30 ... since Dec. 1"), not the release's own event."""
    return _tally_cues().search(sentence) is not None


def _event_counts(text: str, counts: list[CountMention]) -> list[CountMention]:
    """The counts that report the release's own event: not running totals ("have
    detained more than 30 ... since Dec. 1") nor the toll of an earlier attack the
    target is blamed for ("an IED attack that killed four soldiers")."""
    sentences = split_sentences(text)
    background = _background_cues()
    return [
        c
        for c in counts
        if not is_running_total(text[sentences[c.sentence].start : sentences[c.sentence].end])
        and background.search(text, max(0, c.char_start - 60), c.char_start) is None
    ]


def _background_cues() -> re.Pattern[str]:
    """Cues of another event's toll (`counts_tallies.json`), compiled once."""
    global _BACKGROUND
    if _BACKGROUND is None:
        nouns = "|".join(re.escape(n) for n in resource("counts_tallies.json")["event_nouns"])
        _BACKGROUND = re.compile(
            rf"\b(?:{nouns})s?\s+(?:that|which)\s+(?:[\w-]+\s+){{1,3}}$", re.IGNORECASE
        )
    return _BACKGROUND


def _member_of(text: str, count: CountMention, counts: list[CountMention]) -> bool:
    """True when a count of one is introduced as part of a group counted just before it
    in the same sentence ("two insurgents ..., including a Taliban commander")."""
    group = next(
        (
            c
            for c in counts
            if c.sentence == count.sentence
            and c.category == count.category
            and c.char_end <= count.char_start
            and c is not count
        ),
        None,
    )
    return (
        group is not None and _INCLUDING.search(text, group.char_end, count.char_start) is not None
    )


def _named(text: str, count: CountMention) -> bool:
    """True when a definite count of one names its person: "killed the Taliban commander
    Fayez Jan" introduces someone, unlike an anaphoric "the leader"."""
    if count.counted is None:
        return False
    head = re.compile(rf"\b{re.escape(count.counted)}s?,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b")
    found = head.search(text, count.char_end, count.char_end + 60)
    return found is not None and found.start() - count.char_end <= 40


def _own_forces(text: str, count: CountMention) -> bool:
    """True for a count of the security forces' own dead ("two coalition soldiers were
    killed", "one coalition service member"): the corpus counts the people the
    operations killed (`own_forces` in counts_tallies.json)."""
    if count.counted is None:
        return False
    phrase = counted_phrase(text, count.char_end, lexicon()) or count.counted
    return any(phrase == f or phrase.endswith(" " + f) for f in _own_force_nouns())


@cache
def _own_force_nouns() -> tuple[str, ...]:
    """The `own_forces` nouns of counts_tallies.json."""
    return tuple(resource("counts_tallies.json")["own_forces"])


def totals(text: str, counts: list[CountMention]) -> tuple[int, int]:
    """Total killed and captured in one release.

    Releases restate their event ("killed one insurgent ... the insurgent was killed"),
    so a (category, counted noun, value) triple counts once, a count without a noun or
    with a definite article ("Seventeen killed", "the two attackers") only when no count
    of the same figure exists, and "the leader" only when nothing else does. Count
    words without a number ("several insurgents") follow the annotators' convention in
    `counts_isaf_vague.json`: they add to numbers in the same sentence and to counts of
    one ("arrested a leader ... also detained several suspects"), and are otherwise a
    summary of the figures given elsewhere. A lead figure that later sentences only tell
    again in parts ("killed nine insurgents ... five were killed ... killing four") counts
    once, unless a later sentence says it adds or names a place; the security forces' own
    dead are not the operation's (`own_forces` in counts_tallies.json).
    """
    vague = resource("counts_isaf_vague.json")
    vague_values, vague_default = vague["values"], vague["default"]
    seen: set[tuple[str, str | None, float]] = set()
    sums = {"KILL": 0, "ARREST": 0}
    definite = {"KILL": 0, "ARREST": 0}
    summary = {"KILL": 0, "ARREST": 0}
    extra = {"KILL": 0, "ARREST": 0}
    counts = _event_counts(text, _without_headline(text, counts))
    restated = _restating_sentences(text, counts)
    counts = [c for c in counts if c.value is None or (c.category, c.sentence) not in restated]
    weak: list[tuple[str, float]] = []
    lead: dict[str, tuple[int, int]] = {}  # category -> (first sentence, its figures)
    parts: dict[str, list[int]] = {"KILL": [], "ARREST": []}
    numbered_sentences = {(c.category, c.sentence) for c in counts if c.value is not None}
    # Categories with a real figure ("two", "11"), not only counts of one ("a leader").
    figured = {
        c.category
        for c in counts
        if c.value is not None
        and c.rule not in ("article+cue", "title+cue", "pronoun+cue", "name+cue")
    }
    for count in counts:
        category = count.category
        if category not in sums or (category == "KILL" and _own_forces(text, count)):
            continue
        figure = count.value_low if count.value_low is not None else count.value
        if figure is None:
            value = int(vague_values.get(count.surface.lower(), vague_default))
            # "arrested a leader and detained several suspects" adds; a vague sentence
            # of its own next to numbers elsewhere is their summary.
            if (
                (category, count.sentence) in numbered_sentences
                or category not in figured
                or _ADDITIVE.match(text, count.char_end)
            ):
                extra[category] = max(extra[category], value)
            else:
                summary[category] = max(summary[category], value)
            continue
        if count.rule in ("pronoun+cue", "name+cue") or (
            count.rule == "article+cue"
            and count.surface.lower() == "the"
            and not _named(text, count)
        ):
            definite[category] = 1  # "the leader": usually someone already counted
            continue
        if count.rule in ("article+cue", "title+cue") and _member_of(text, count, counts):
            continue  # "detained several insurgents, including a Haqqani leader"
        if count.qualifier == "more_than" and figure == int(figure):
            figure += 1  # "more than 10 suspects": at least 11 people
        if (
            count.counted in _GENERIC
            or _ANAPHORIC.search(text, max(0, count.char_start - 8), count.char_start)
            or _PARTITIVE.match(text, count.char_end)
        ):
            # "Seventeen killed", "killing the two attackers", "one of his associates
            # was detained": a figure already given, unless none matches it
            weak.append((category, figure))
            continue
        key = (category, count.counted, figure)
        if key not in seen:
            seen.add(key)
            sums[category] += int(figure)
            if category not in lead or lead[category][0] == count.sentence:
                first_sentence, first_figure = lead.get(category, (count.sentence, 0))
                lead[category] = (first_sentence, first_figure + int(figure))
            else:
                parts[category].append(count.sentence)
    # A count with no noun or a definite one restates a count of the same figure if
    # there is one ("killed two insurgents ... killing the two attackers").
    figures = {(category, figure) for category, _, figure in seen}
    for category, figure in weak:
        if (category, figure) not in figures:
            figures.add((category, figure))
            sums[category] += int(figure)
    for category, (_, figure) in lead.items():
        rest = sums[category] - figure
        if figure > 1 and 0 < rest <= figure and not _adds(text, parts[category]):
            sums[category] = figure  # a lead total told again in parts
    out = []
    for category in ("KILL", "ARREST"):
        base = sums[category] + extra[category]
        out.append(base or summary[category] or definite[category])
    return out[0], out[1]


_TITLE_LINE = re.compile(r"[^\n\u2028]*[A-Za-z0-9)'’\"”]\s*[\n\u2028]")


def _without_headline(text: str, counts: list[CountMention]) -> list[CountMention]:
    """The counts less those of the headline that the body tells with a figure of its own:
    "More than 20 Insurgents Captured" over a body that says "several ... were captured"
    is the same group. A headline count the body has no figure for ("Several Suspects
    Detained" over "detained suspected insurgents") is kept."""
    body = _body_start(text)
    figured = {
        c.category
        for c in counts
        if c.char_start >= body and c.value is not None and c.rule.startswith(("digits", "words"))
    } | {c.category for c in counts if c.char_start >= body and c.value is None}
    return [c for c in counts if c.char_start >= body or c.category not in figured]


def _body_start(text: str) -> int:
    """Where the release's body starts: after the dateline "(Jan. 25, 2013)", else after a
    headline (a first line that ends without a full stop). A headline restates the body
    in short ("More than 20 Insurgents Captured ..."), so its figures do not add."""
    dateline = _RELEASE_DATE.search(text)
    if dateline is not None:
        return dateline.end()
    title = _TITLE_LINE.match(text)
    return title.end() if title is not None else 0


def _adds(text: str, sentence_indexes: list[int]) -> bool:
    """True when one of these sentences says it adds to what came before ("also",
    "additional") or tells of another place (`restatement` in counts_tallies.json)."""
    cues = _restatement_cues()
    sentences = split_sentences(text)
    for index in sentence_indexes:
        body = text[sentences[index].start : sentences[index].end]
        if cues["additive"].search(body) or cues["place"].search(body):
            return True
    return False


def _restating_sentences(text: str, counts: list[CountMention]) -> set[tuple[str, int]]:
    """(category, sentence) pairs whose counts retell an earlier sentence's group.

    A release first gives its figure ("detained four suspected insurgents, including a
    commander") and later retells it in parts ("the commander and three additional
    suspects were detained", "the leader and one of his associates"). A later sentence
    restates an earlier one of the same category when its figures add up to the same
    total (or to no more, when it refers back with "the leader"), it names no new place,
    and it does not say it adds ("also", "another", `restatement` in
    counts_tallies.json). Vague counts are left to the vague convention.
    """
    cues = _restatement_cues()
    sentences = split_sentences(text)
    groups: dict[tuple[str, int], list[CountMention]] = defaultdict(list)
    for count in counts:
        if count.category in ("KILL", "ARREST") and count.value is not None:
            groups[(count.category, count.sentence)].append(count)
    totals_by: dict[tuple[str, int], float] = {
        key: sum(c.value_low if c.value_low is not None else c.value or 0 for c in group)
        for key, group in groups.items()
    }
    out: set[tuple[str, int]] = set()
    for (category, index), group in sorted(groups.items(), key=lambda kv: kv[0][1]):
        sentence = sentences[index]
        body = text[sentence.start : sentence.end]
        # "the leader and one of his associates": a group that refers back
        anaphoric = any(c.surface.lower() == "the" or c.rule == "pronoun+cue" for c in group) or (
            _PARTNER_BEFORE.search(text, max(0, group[0].char_start - 40), group[0].char_start)
            is not None
        )
        if len(group) < 2 and not anaphoric:
            continue  # a single figure restating is handled by the (noun, figure) rule
        if cues["place"].search(body) or (not anaphoric and cues["additive"].search(body)):
            continue
        total = totals_by[(category, index)]
        for (other_category, other), earlier in totals_by.items():
            if other_category != category or other >= index or (category, other) in out:
                continue
            if total == earlier or (anaphoric and total < earlier):
                out.add((category, index))
                break
    return out


_RESTATEMENT: dict[str, re.Pattern[str]] | None = None
_PARTNER_BEFORE = re.compile(
    r"\b(?:the|he)\s+(?:[\w-]+\s+)?(?:and|along\s+with)\s+$|\bhe\s+and\s+$", re.IGNORECASE
)


def _restatement_cues() -> dict[str, re.Pattern[str]]:
    """The `restatement` cues of counts_tallies.json, compiled once."""
    global _RESTATEMENT
    if _RESTATEMENT is None:
        table = resource("counts_tallies.json")["restatement"]
        _RESTATEMENT = {
            key: re.compile(
                r"\b(?:" + "|".join(re.escape(w) for w in table[key]) + r")\b", re.IGNORECASE
            )
            for key in ("additive", "place")
        }
    return _RESTATEMENT


def _event_date(text: str, published: date | None) -> str | None:
    """The date of the release's event: the first day-precise date (or a time of day:
    "last night") after the release-date header, else the release date.

    A date that dates the report rather than the event ("forces confirmed today the
    arrest ... Sunday", "ISAF today confirmed the capture ... June 14") is passed over
    when its sentence has another date: reporting cues are in `counts_event_dates.json`.
    """
    header = _header(text)
    offset = header.end() if header else 0
    sentences = split_sentences(text)
    candidates = [
        m
        for m in extract_dates(text, published, sentences)
        if m.char_start >= offset and m.precision in ("day", "time") and m.start_date
    ]
    # "the July 2 attack", "Tuesday's attack", "an attack Jan. 7": the date of an earlier
    # event the release mentions as background.
    events = [m for m in candidates if not _dates_background(text, m.char_start, m.char_end)]
    candidates = events or candidates
    if not candidates:
        if published and _OVERNIGHT.search(text, offset):
            return str(published - timedelta(days=1))  # the night before the release
        return str(published) if published else None
    reporting = _reporting_cues()
    first = candidates[0]
    sentence = sentences[first.sentence] if sentences else None
    if sentence is not None and reporting.search(
        text,
        max(sentence.start, first.char_start - _REPORT_WINDOW),
        min(sentence.end, first.char_end + _REPORT_WINDOW),
    ):
        other = next(
            (
                m
                for m in candidates[1:]
                if m.sentence == first.sentence and m.start_date != first.start_date
            ),
            None,
        )
        if other is None and first.start_date == published:
            # "Forces today confirmed they recently detained two insurgents. ... was
            # arrested Oct. 4.": the report's own day; the event is the earlier date told
            # after it
            other = next(
                (
                    m
                    for m in candidates[1:]
                    if published and m.start_date is not None and m.start_date < published
                ),
                None,
            )
        if other is not None:
            first = other
    return str(first.start_date)


def _numbered_event_date(text: str) -> str | None:
    """The event date of a release with no dated header: the first date written with its
    month ("July 16") after the release number ("2010-07-S-010"), which gives the year.
    A relative date ("yesterday") cannot be resolved without the day of the release."""
    number = _RELEASE_ID.search(text)
    if number is None:
        return None
    year, month = int(number.group("y")), int(number.group("m"))
    # the first day after the release's month: a month-day date resolves into that year
    anchor = date(year + month // 12, month % 12 + 1, 1)
    for mention in extract_dates(text, anchor, split_sentences(text)):
        if (
            mention.char_start >= number.end()
            and mention.precision == "day"
            and mention.start_date
            and _NAMED_MONTH.match(mention.surface)
            and not _dates_background(text, mention.char_start, mention.char_end)
        ):
            return str(mention.start_date)
    return None


#: "detained ... overnight", "during an overnight operation": a release tells of the
#: night that ended on its own day, so the event began the day before.
_OVERNIGHT = re.compile(r"\bovernight\b", re.IGNORECASE)
_NAMED_MONTH = re.compile(
    r"(?:(?:on|the)\s+)?(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s"
)


def _dates_background(text: str, start: int, end: int) -> bool:
    """True when the date at text[start:end] names an earlier event as background: an
    event noun (`counts_tallies.json`) right after it ("the July 2 attack", "Tuesday's
    “insider” attack") or just before it ("an attack Jan. 7"), or the start or end of a
    period ("the 60th leader captured since Oct. 1")."""
    nouns = "|".join(re.escape(n) for n in resource("counts_tallies.json")["event_nouns"])
    after = re.match(rf"(?:['’]s)?\s+(?:[\w“”\"'’-]+\s+)?(?:{nouns})s?\b", text[end : end + 40])
    before = re.search(
        rf"\b(?:(?:{nouns})s?\s+(?:on\s+)?|since\s+|until\s+)$", text[max(0, start - 20) : start]
    )
    return bool(after or before)


#: How close (characters) a reporting verb must be to a date to date the report.
_REPORT_WINDOW = 50
_REPORTING: re.Pattern[str] | None = None


def _reporting_cues() -> re.Pattern[str]:
    """Reporting verbs of `counts_event_dates.json`, compiled once."""
    global _REPORTING
    if _REPORTING is None:
        words = "|".join(re.escape(w) for w in resource("counts_event_dates.json")["reporting"])
        _REPORTING = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    return _REPORTING


def _fold(name: str) -> str:
    """A province spelling reduced to its transliteration skeleton, without spaces.

    Gold and gazetteer spell Afghan names differently ("paktya"/"Paktiyā",
    "sar_e_pul"/"Sar-e Pol", "khost"/"Khowst"); the places module's skeleton (vowel
    quality, digraphs, doubled letters) makes them meet.
    """
    return loose(fold(name.replace("_", " "))).replace(" ", "")


#: Weights of the evidence for the release's province: a name written "X province" says
#: it outright, a bare admin-1 name is likely the province, a town or district only
#: says which province it lies in (and towns are the less reliably resolved).
_PROVINCE_WEIGHT = {"province": 2.0, "admin1": 1.0, "inside": 0.5}


def dateline_span(text: str) -> tuple[int, int]:
    """Offsets of the "KABUL, Afghanistan (Jan. 25, 2013)" dateline, or (0, 0).

    The dateline names where the release was issued (always Kabul), not the event.
    """
    match = _RELEASE_DATE.search(text)
    if match is None:
        return (0, 0)
    return (text.rfind("\n", 0, match.start()) + 1, match.end())


#: "Kandahar province", "Sar-e Pul Province", "Kunar and Nangarhar provinces".
_PROVINCE_PHRASE = re.compile(
    r"(?P<names>(?:(?:[A-Z][\w'’]*|[a-z]{1,2})[- ]){0,3}[A-Z][\w'’]*"
    r"(?:,? and (?:[A-Z][\w'’]*[- ]){0,2}[A-Z][\w'’]*)?)[ \u00a0]+[Pp]rovinces?\b"
)
_PROVINCE_NEXT = re.compile(r"[ \u00a0]+[Pp]rovinces?\b")


def _afghan_provinces() -> dict[str, str]:
    """Skeleton -> name of every Afghan admin-1 area in the gazetteer (memoised)."""
    global _AF_PROVINCES
    if _AF_PROVINCES is None:
        gazetteer = load_gazetteer()
        _AF_PROVINCES = {
            _fold(gazetteer.names[row]): gazetteer.names[row]
            for row, feature in enumerate(gazetteer.features)
            if feature == "admin1" and gazetteer.countries[row] == "AF"
        }
    return _AF_PROVINCES


_AF_PROVINCES: dict[str, str] | None = None


def _named_provinces(text: str, skip: tuple[int, int]) -> list[tuple[str, int]]:
    """(skeleton, offset) of each Afghan province written with "province": the longest
    run of capitalised words before "province" that is a province name ("In Khost
    province" -> Khost, "Sar-e Pul province" -> Sar-e Pul). Read here because the name
    before the word is the evidence the release gives, whatever the place tagger made
    of it."""
    provinces = _afghan_provinces()
    found: list[tuple[str, int]] = []
    for match in _PROVINCE_PHRASE.finditer(text):
        if skip[0] <= match.start() < skip[1]:
            continue
        for part in re.split(r",? and ", match.group("names")):
            words = re.split(r"(?<=[ -])", part)
            for i in range(len(words)):
                key = _fold("".join(words[i:]))
                if key in provinces:
                    found.append((key, match.start("names") + len("".join(words[:i]))))
                    break
    return found


def _province(text: str) -> str | None:
    """The main Afghan admin-1 place of the release (its folded skeleton).

    Places inside the dateline are left out. "X province" says it outright and counts
    double; a bare admin-1 name counts once; a town or district counts half for the
    province it lies in, so that a release naming only "Kandahar city" or "Sangin
    district" still has a province. Ties go to the first mentioned.
    """
    skip_start, skip_end = dateline_span(text)
    weight: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for key, offset in _named_provinces(text, (skip_start, skip_end)):
        weight[key] += _PROVINCE_WEIGHT["province"]
        first.setdefault(key, offset)
    gazetteer = None
    for place in extract_places(text):
        if skip_start <= place.char_start < skip_end:
            continue
        if "province" in place.surface.lower() or _PROVINCE_NEXT.match(text, place.char_end):
            continue  # read above
        if place.feature == "admin1" and place.country_code in (None, "AF"):
            name, kind = place.name, "admin1"
        elif place.country_code == "AF" and place.admin1_code and place.feature != "country":
            gazetteer = gazetteer or load_gazetteer()
            row = gazetteer.admin1_row("AF", place.admin1_code)
            if row is None:
                continue
            name, kind = gazetteer.names[row], "inside"
        else:
            continue
        key = _fold(name)
        weight[key] += _PROVINCE_WEIGHT[kind]
        first[key] = min(first.get(key, place.char_start), place.char_start)
    if not weight:
        return None
    return max(weight, key=lambda k: (weight[k], -first[k]))


def _same_province(predicted: str | None, gold: list[str]) -> bool:
    """Province match on the transliteration skeleton (spellings vary: Paktya/Paktiyā)."""
    return predicted is not None and any(_fold(g) == predicted for g in gold if _fold(g))


def _isaf(path: pathlib.Path, show_errors: bool) -> str:
    """ISAF report: accuracy of killed, captured, event date and province per release."""
    hits: Counter[str] = Counter()
    n = 0
    errors: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        turns = json.loads(line)["conversations"]
        text = next(t["value"] for t in turns if t["from"] == "human")
        text = first_release(text.removeprefix(_TEXT_PREFIX))
        gold = json.loads(next(t["value"] for t in turns if t["from"] == "gpt"))
        n += 1
        killed, captured = totals(text, extract_counts(text))
        ok = {
            "killed": killed == int(gold.get("min_killed") or 0),
            "captured": captured == int(gold.get("min_captured") or 0),
        }
        published = release_date(text)
        event = _event_date(text, published) if published else _numbered_event_date(text)
        province = _province(text)
        ok["event date"] = event == gold["start_date"]
        ok["province"] = _same_province(province, gold["province"])
        for key, good in ok.items():
            hits[key] += good
        if show_errors and not all(ok.values()):
            wrong = ", ".join(k for k, v in ok.items() if not v)
            errors.append(
                f"- [{wrong}] killed {killed}/{gold.get('min_killed')} captured "
                f"{captured}/{gold.get('min_captured')} date {event}/"
                f"{gold['start_date']} province {province}/{gold['province']}: "
                f"{text[:200]!r}"
            )
    lines = [f"ISAF press releases: {n}", f"{'field':<12}{'accuracy':>9}"]
    for key in ("killed", "captured", "event date", "province"):
        lines.append(f"{key:<12}{hits[key] / n if n else 0.0:9.3f}")
    if show_errors:
        lines.append("errors:")
        lines.extend(errors)
    return "\n".join(lines) + "\n"
