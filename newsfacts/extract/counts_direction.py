"""Direction of a change: "rose 7%" is up, "fell by 3 points" is down.

Market and economy reports are mostly changes; a 7% rise stored as a plain "7%" reads as
a level and sums wrongly. The cue is the verb written right before the number (with an
optional "by"/"to" and the qualifier already consumed by the caller), or an explicit sign
on a percentage. Words come from `resources/counts_directions.json`; the window read is
constant-size, so the cost per number stays bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsfacts.extract.counts_lexicon import resource

_WINDOW = 40
_SIGNS = {"+": "up", "-": "down", "−": "down"}
_SIGNED_UNITS = frozenset({"%", "pp", "bp"})


@dataclass(frozen=True)
class _Directions:
    """The compiled cue table."""

    pattern: re.Pattern[str]
    lookup: dict[str, str]
    last_words: frozenset[str]
    particle_blockers: frozenset[str]


def _norm(form: str) -> str:
    return " ".join(form.split()).lower()


@cache
def _directions() -> _Directions:
    """Compile (once) the cue words into an end-anchored regex."""
    data = resource("counts_directions.json")
    lookup = {_norm(f): name for name in ("up", "down") for f in data[name]}
    forms = sorted(lookup, key=len, reverse=True)
    alternation = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms)
    links = "|".join(re.escape(w) for w in data["links"])
    pattern = re.compile(
        rf"(?<![\w-])(?P<d>(?i:{alternation}))(?:[ \u00a0]+(?i:{links}))?[ \u00a0]+$"
        # "grow sales by 35%", "cut its forecast by 10%": the object sits before "by"
        rf"|(?<![\w-])(?P<dobj>(?i:{alternation}))(?:[ \u00a0]+[\w'’-]+){{1,3}}[ \u00a0]+by[ \u00a0]+$"
    )
    last = {f.split()[-1] for f in lookup} | {_norm(w) for w in data["links"]}
    return _Directions(pattern, lookup, frozenset(last),
                       frozenset(_norm(w) for w in data["particle_blockers"]))


def direction_before(text: str, start: int, floor: int) -> str | None:
    """"up" or "down" when a change verb ends right before `start` (same sentence)."""
    if start - 2 < floor or text[start - 1] not in " \u00a0":
        return None
    table = _directions()
    window_start = max(floor, start - _WINDOW)
    space = max(text.rfind(" ", window_start, start - 1), text.rfind("\u00a0", window_start,
                                                                     start - 1))
    if space < 0:
        space = window_start - 1
    if text[space + 1 : start - 1].lower() not in table.last_words:
        return None  # cheap pre-check: most numbers follow no change verb
    match = table.pattern.search(text, window_start, start)
    if match is None:
        return None
    cue = _norm(match.group("d") or match.group("dobj"))
    if cue in ("up", "down"):
        before = text[max(floor, match.start() - 20) : match.start()].split()
        if before and before[-1].lower().strip(",;:") in table.particle_blockers:
            return None  # "gave up 517 yards": a phrasal verb's particle
    return table.lookup[cue]


def sign_direction(surface: str, unit: str | None) -> str | None:
    """"+0.2%" is up, "-1.3%" is down: an explicit sign on a percentage is a change."""
    if unit not in _SIGNED_UNITS or not surface:
        return None
    return _SIGNS.get(surface[0])
