"""Direction of a change: "rose 7%" is up, "fell by 3 points" is down.

Market and economy reports are mostly changes; a 7% rise stored as a plain "7%" reads as
a level and sums wrongly. The cue is the verb written right before the number (with an
optional "by"/"to" and the qualifier already consumed by the caller), or an explicit sign
on a percentage. Words come from `resources/counts_directions.json`; the window read is
constant-size, so the cost per number stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsfacts.extract.counts_lexicon import resource

_WINDOW = 40
_SIGNS = {"+": "up", "-": "down", "−": "down"}
_SIGNED_UNITS = frozenset({"%", "pp", "bp"})


@dataclass(frozen=True)
class _Directions:
    """The cue table: one-word cues (a two-word cue such as "edged up" ends with a
    one-word cue of the same direction, so the last word decides)."""

    lookup: dict[str, str]
    links: frozenset[str]
    last_words: frozenset[str]
    particle_blockers: frozenset[str]


def _norm(form: str) -> str:
    return " ".join(form.split()).lower()


@cache
def _directions() -> _Directions:
    """Read (once) the cue words."""
    data = resource("counts_directions.json")
    lookup = {_norm(f).split()[-1]: name for name in ("up", "down") for f in data[name]}
    links = frozenset(_norm(w) for w in data["links"])
    return _Directions(
        lookup,
        links,
        frozenset(lookup) | links,
        frozenset(_norm(w) for w in data["particle_blockers"]),
    )


def cue_last_words() -> frozenset[str]:
    """The words a change cue can end with, for a caller's cheap pre-check."""
    return _directions().last_words


def direction_before(text: str, start: int, floor: int) -> str | None:
    """ "up" or "down" when a change verb ends right before `start` (same sentence):
    "rose 7%", "fell by 3", "climbed to 6.7%", or with its object before "by" ("grow
    sales by 35%"). Word lookups on a short window, no regex: this runs per number."""
    window = text[max(floor, start - _WINDOW) : start]
    if not window.endswith(" "):
        return None
    words = window.lower().split()
    if not words:
        return None
    table = _directions()
    at = len(words) - 1
    if words[at] in table.links:
        at -= 1
        if at < 0:
            return None
        if words[at] not in table.lookup:
            if words[-1] != "by":
                return None
            # "grow sales by 35%": a verb (not a particle) one to three words before "by"
            for i in range(at - 1, max(at - 4, -1), -1):
                if words[i] in table.lookup and words[i] not in ("up", "down"):
                    return table.lookup[words[i]]
            return None
    cue = words[at]
    if cue not in table.lookup:
        return None
    if cue in ("up", "down") and at > 0 and words[at - 1].strip(",;:") in table.particle_blockers:
        return None  # "gave up 517 yards": a phrasal verb's particle
    return table.lookup[cue]


def sign_direction(surface: str, unit: str | None) -> str | None:
    """ "+0.2%" is up, "-1.3%" is down: an explicit sign on a percentage is a change."""
    if unit not in _SIGNED_UNITS or not surface:
        return None
    return _SIGNS.get(surface[0])
