"""Recognition: which character spans of an article might be places.

Without a statistical tagger (spaCy calls "Maarat al-Numan" a PERSON), names are found
as runs of capitalised words, joined by spaces, hyphens and Arabic/Romance particles
("al-", "de"), then cut into the longest pieces the gazetteer knows. Each run is judged
as a whole first: a run with an organisation word ("Syrian Observatory", "Manchester
United") is not a place; a run after a title ("President Bashar al-Assad") or starting
with a given name ("Paul Allen") is a person, and its words stay person words for the
whole article ("Allen said"); a run the gazetteer only partly covers ("Rami Abdel
Rahman") keeps only strong places. Feature words around a run ("Idlib province", "the
province of Idlib", "the M5 highway") say what kind of place it is. Whether a weak hit (a
village of 600 people) is kept is decided later, with the whole article as context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from newsfacts.extract.gazetteer import Gazetteer
from newsfacts.extract.places_lexicon import Lexicon
from newsfacts.extract.places_normalize import fold as _fold
from newsfacts.extract.places_normalize import loose as _loose
from newsfacts.extract.places_normalize import loose_token, particles

# Names recur across articles; folding is pure, so remembering it is safe.
fold = lru_cache(maxsize=200_000)(_fold)
_loose_token = lru_cache(maxsize=100_000)(loose_token)


def loose(folded: str) -> str:
    """`places_normalize.loose` with its words' skeletons remembered: a first pass meets
    "Tony Blair", then "Tony" and "Blair", and most names' words recur across articles."""
    return _loose(folded, _loose_token)


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’ʿʾ‘][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|t|d|m)$", re.IGNORECASE)
# Lower-case particles inside names: "Maarat al-Numan", "Rio de Janeiro", "Stratford-upon-Avon".
_PARTICLES = particles("particle")
# The Persian/Pashto ezafe, hyphen-attached: "Sar-e Pul", "Pul-e Khumri", "Qala-i-Naw".
_EZAFE = particles("ezafe")
_INNER = _PARTICLES | _EZAFE  # lower-case words that belong to the name around them
_ELIDED = frozenset({"d'", "d’", "l'", "l’"})  # "Côte d'Ivoire", "L'Aquila"
_DOTTED = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})  # "St. Petersburg", "Sault Ste. Marie"
_JOIN = frozenset({" ", "-", "‑"})
_LINKS = frozenset({" of ", " and ", " & "})
_MAX_NGRAM = 6
_SENTENCE_LEAD = frozenset("\"'“‘([")
_ORG_TAIL = re.compile(r" (?:for|of|and|on)(?: the)? ")
_DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "outside",
        "near",
        "part",
        "parts",
        "heart",
        "centre",
        "center",
        "suburbs",
        "outskirts",
    ]
)
# A residence after an age or a street address: "Joyce Glover, 22, Palestine", "400 S.
# Locust St., Lebanon". Countries are not written there: the name is a town.
_RESIDENCE = re.compile(
    r"(?:\b\d{1,3}|\b(?:St|Ave|Rd|Blvd|Dr|Ln|Hwy)\.|\b(?:Street|Avenue|Road|Drive|Lane)), $"
)
# English words that look like an assimilated Arabic article to the loose key ("An
# Albany man" is not "Albany" with "an-"): a run starting with one is never matched loosely.
_ENGLISH_LEADS = frozenset(["A", "An", "As", "At", "The", "In", "On"])
_LEADING_WATER = frozenset(["lake", "river", "loch", "lough"])  # "Lake Victoria"
_SPEECH = frozenset(
    ["said", "says", "told", "added", "asked", "wrote", "explained", "noted", "argued"]
)
_NAME_PREFIXES = ("Mc", "Mac", "O'", "O’", "De", "La", "Le", "Di", "Du", "Van", "Von")


@dataclass(slots=True)
class Span:
    """A possible place: where it is, what it matched and the evidence around it.

    match: exact | loose | demonym | abbrev | feature | person. `target` holds the
    resource target of demonyms and abbreviations ("SY", "US:CA"); `person` spans only
    carry person words to the resolver and never become mentions.
    """

    start: int
    end: int
    key: str
    rows: tuple[int, ...]
    match: str
    feature_hint: str | None = None
    cue: bool = False
    partial: bool = False
    qualifier: str | None = None
    target: str | None = None
    speaker: bool = False
    town: bool = False  # named as a town ("a Lebanon man", "Smith, 44, Lebanon")
    areas_only: bool = False
    words: tuple[str, ...] = ()
    feature_word: str = ""  # the feature word after the name: "province", "district"
    strength: str | None = None  # memos for the resolver
    own: frozenset[int] | None = None


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str
    cap: bool


# A capitalised word, found without tokenising the lower-case text around it: only these,
# and the few words next to them, are ever looked at. The pattern starts with a character
# class (the look-behind comes after the first letter) so that the engine can skip to
# candidate letters quickly: 3x faster than a leading look-behind. Upper-case letters of
# the Latin, Greek and Cyrillic blocks; "d'Ivoire" and "l'Aquila" are found apart. A word
# opened by an ʿayn mark or a single quote ("Pul-e ‘Alam", "‘Kabul’") is a word.
_CAP = re.compile(
    r"[A-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff]"
    r"(?:(?<![\w'’ʿʾ‘].)|(?<=[\s\-‑][‘ʿ'].))"
    r"(?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W_]*(?:['’ʿʾ‘][^\W_]+)*)"
)
# Like _CAP, the look-behind follows the first letter: "I'd", "we'll" make the elided
# forms' trigger common, and a leading look-behind is tried at every position.
_ELIDED_CAP = re.compile(r"[dl](?<![\w'’ʿʾ‘].)['’][^\W\d_a-z][^\W_]*(?:['’ʿʾ‘][^\W_]+)*")
# A particle between two capitalised words, or an ezafe after a hyphen; an ʿayn mark may
# open the next word ("Pul-e ‘Alam").
_PARTICLE_GAP = re.compile(
    r"(?:[ \-‑](?:{})|[\-‑](?:{}))[ \-‑][‘ʿ']?".format(
        "|".join(sorted(_PARTICLES)), "|".join(sorted(_EZAFE))
    )
)
_NEXT = re.compile(r"([ \t]*[,\-‑]?[ \t]*)([^\W\d_][\w'’]*)?")


def _start(match: re.Match[str]) -> int:
    return match.start()


def _cap_words(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Capitalised words outside abbreviations, without possessives and contractions.

    The plain words (nearly all) are collected by a comprehension; only words with an
    apostrophe go through the slower loop that strips or drops them.
    """
    covered = {pos for a, b in taken for pos in range(a, b)}
    matches: Iterable[re.Match[str]] = _CAP.finditer(text)
    if "d'" in text or "l'" in text or "d’" in text or "l’" in text:
        elided = list(_ELIDED_CAP.finditer(text))
        if elided:
            matches = sorted([*matches, *elided], key=_start)
    words = [
        (m.start(), m.end(), word)
        for m in matches
        if (word := m.group())[0].isupper() or word[:2] in _ELIDED
    ]
    if not covered and "'" not in text and "’" not in text:
        return words
    out = []
    for start, end, word in words:
        if "'" in word or "’" in word:
            if word.endswith(_POSSESSIVE):
                end -= 2
                word = word[:-2]
            elif _CONTRACTION.search(word):
                continue
        if start in covered:
            continue
        out.append((start, end, word))
    return out


def _run_tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [
        _Tok(m.start(), m.end(), m.group(), m.group()[0].isupper() or m.group()[:2] in _ELIDED)
        for m in _TOKEN.finditer(text, start, end)
    ]


# Numbered roads: "Interstate 55", "Route 66", "I-95", "Highway 401", "County Road 35"
# (a county's road, not the county: "County" opens no county name here; "the A1" is left
# to the feature word that follows it, "the A1 motorway").
# No leading \b (it defeats the engine's first-character scan): the caller checks it.
_NUMBERED_ROAD = re.compile(
    r"(?:Interstate|Route|Highway|State Route|US Route|County Road|County Route|I-)\s?\d{1,4}\b"
)


def _abbreviations(text: str, lex: Lexicon) -> list[Span]:
    """Numbered roads and abbreviations ("U.S.", "Calif."), found before any other name."""
    spans = [
        Span(m.start(), m.end(), fold(m.group()), (), "feature", feature_hint="road", cue=True)
        for m in _NUMBERED_ROAD.finditer(text)
        if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"))
    ]
    taken = [(s.start, s.end) for s in spans]
    for m in lex.abbreviation_re.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if before.isalnum() or before in "._":
            continue  # inside a word: "BUS", "f.U.S."
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        target = lex.abbreviations[m.group()]
        spans.append(Span(m.start(), m.end(), fold(m.group()), (), "abbrev", target=target))
    return spans


def find_spans(text: str, starts: set[int], gaz: Gazetteer, lex: Lexicon) -> list[Span]:
    """All candidate place spans of `text` in order (person spans included, see Span)."""
    spans: list[Span] = _abbreviations(text, lex)
    caps = _cap_words(text, [(s.start, s.end) for s in spans])
    i, n = 0, len(caps)
    org_end = -1  # end of the last organisation name, to skip its "for Human Rights" tail
    lone_stop = gaz.memo.get("lone_stop")
    if lone_stop is None or len(lone_stop) > _MEMO_SIZE:
        lone_stop = gaz.memo["lone_stop"] = {}
    # The text between each capitalised word and the next, sliced once (a run's end and
    # the tests after it read it again), and where each word's run ends.
    gaps = _gaps(text, caps)
    ends, with_particles = _run_ends(caps, gaps)
    org_words = lex.org_words
    while i < n:
        j, particles = ends[i], with_particles[i]
        if j < n and gaps[j - 1] == " of " and lex.features.get(caps[j - 1][2].lower()) == "water":
            # "the Gulf of Mexico", "the Sea of Japan": a named water, not Mexico.
            k = ends[j]
            if not any(c[2] in lex.org_words for c in caps[j:k]):
                toks = [_Tok(a, b, w, True) for a, b, w in caps[i:j]]
                spans.append(_feature_span(text, toks, 0, caps[k - 1][1], "water"))
                org_end = -1
                i = k
                continue
        if j == i + 1:
            word = caps[i][2]
            stop = lone_stop.get(word)
            if stop is None:
                stop = lone_stop[word] = word not in lex.demonyms and fold(word) in lex.stopwords
            if stop and not (
                j < n and gaps[i] in _OPEN_GAPS and _opens_area(text, caps, i, j, gaz)
            ):
                # A lone "The", "But", "Monday": the commonest run, settled without context
                # (unless it opens a country's or region's name: "Republic of Korea").
                org_end = -1
                i = j
                continue
        if j < n and gaps[j - 1] in _OPEN_GAPS:
            j = _extend(text, caps, i, j, gaz)
        run_start, run_end = caps[i][0], caps[j - 1][1]
        # A lone word is the commonest run: no comprehension (a function call in 3.11).
        words = [caps[i][2]] if j == i + 1 else [c[2] for c in caps[i:j]]
        org_tail = org_end >= 0 and _ORG_TAIL.fullmatch(text[org_end:run_start])
        if org_tail or (
            not org_words.isdisjoint(words)
            and _is_organisation(text, run_start, run_end, words, gaz, lex)
        ):
            if not org_tail:
                spans.extend(_org_context(text, caps, i, j, gaz, lex))
            org_end = run_end
        else:
            org_end = -1
            if particles:
                toks = _run_tokens(text, run_start, run_end)
            elif j == i + 1:
                toks = [_Tok(run_start, run_end, words[0], True)]
            else:
                toks = [_Tok(a, b, w, True) for a, b, w in caps[i:j]]
            spans.extend(_run(text, toks, starts, gaz, lex))
        i = j
    spans.sort(key=lambda s: s.start)
    return spans


def _org_context(
    text: str, caps: list[tuple[int, int, str]], i: int, j: int, gaz: Gazetteer, lex: Lexicon
) -> list[Span]:
    """Areas that name an organisation ("Florida Highway Patrol", "Indiana State Police"):
    not mentions, but evidence of where the article is, as spans of match "org" that only
    the context reads (see `places_resolve._org_vote`). Exact names of areas only, so a
    plain index look-up per piece (no transliteration key, no memo)."""
    found = []
    pos = i
    while pos < j:
        for stop in range(min(j, pos + 3), pos, -1):
            if any(text[caps[k - 1][1] : caps[k][0]] != " " for k in range(pos + 1, stop)):
                continue
            start, end = caps[pos][0], caps[stop - 1][1]
            key = fold(text[start:end])
            rows = gaz.lookup(key)
            if rows and key not in lex.stopwords and not gaz.area_rows.isdisjoint(rows):
                found.append(Span(start, end, key, rows, "org"))
                pos = stop
                break
        else:
            pos += 1
    return found


def _gaps(text: str, caps: list[tuple[int, int, str]]) -> list[str]:
    """The text after each capitalised word up to the next one ("" after the last)."""
    gaps = [text[a[1] : b[0]] for a, b in pairwise(caps)]
    gaps.append("")
    return gaps


def _run_ends(caps: list[tuple[int, int, str]], gaps: list[str]) -> tuple[list[int], list[bool]]:
    """Per capitalised word, the end (exclusive) of the run of capitalised words it
    starts, and whether lower-case particles join that run ("Maarat al-Numan").

    One pass from the last word back: a word joined to the next one ends where the next
    one's run ends.
    """
    n = len(caps)
    ends = list(range(1, n + 1))
    particles = [False] * n
    for k in range(n - 2, -1, -1):
        gap = gaps[k]
        if gap in _JOIN or (gap == ". " and caps[k][2] in _DOTTED):
            ends[k], particles[k] = ends[k + 1], particles[k + 1]
        elif len(gap) <= 8 and _PARTICLE_GAP.fullmatch(gap):  # " della ‘" is the longest
            ends[k], particles[k] = ends[k + 1], True
    return ends, particles


def _extend_with_of(
    text: str, caps: list[tuple[int, int, str]], i: int, j: int, gaz: Gazetteer
) -> int:
    """Join "X of Y" or "X and Y" when the gazetteer knows the whole ("United States of
    America", "Trinidad and Tobago"); "Paris and London" stays two names."""
    n = len(caps)
    end = caps[j - 1][1]
    # "The Republic of Korea": the article is no part of the name looked up.
    first = i + 1 if j - i > 1 and caps[i][2] == "The" else i
    if j < n and 3 <= caps[j][0] - end <= 5 and text[end : caps[j][0]] in _LINKS:
        for stop in (j + 2, j + 1):
            if (
                stop <= n
                and all(text[caps[k - 1][1] : caps[k][0]] == " " for k in range(j + 1, stop))
                and gaz.lookup(fold(text[caps[first][0] : caps[stop - 1][1]]))
            ):
                return stop
    return j


_POSSESSIVE_GAPS = frozenset({"'s ", "’s "})
_OPEN_GAPS = _LINKS | _POSSESSIVE_GAPS  # gaps across which a longer name may go on
_INSIDE = _JOIN | _LINKS  # gaps inside a name


def _opens_area(
    text: str, caps: list[tuple[int, int, str]], i: int, j: int, gaz: Gazetteer
) -> bool:
    """Whether the lone word `caps[i]` opens a longer name of an area ("Republic of
    Korea", "People's Republic of China"); "City of Richmond" is a town's alternate name,
    and "Richmond" alone says more."""
    k = _extend(text, caps, i, j, gaz)
    if k == j:
        return False
    return not gaz.area_rows.isdisjoint(gaz.lookup(fold(text[caps[i][0] : caps[k - 1][1]])))


def _extend(text: str, caps: list[tuple[int, int, str]], i: int, j: int, gaz: Gazetteer) -> int:
    """The run `caps[i:j]` extended over "of", "and" or a possessive into a longer known
    name, if there is one."""
    if j == len(caps):
        return j
    gap = text[caps[j - 1][1] : caps[j][0]]
    if gap in _POSSESSIVE_GAPS:
        return _extend_possessive(text, caps, i, j, gaz)
    if gap in _LINKS:
        return _extend_with_of(text, caps, i, j, gaz)
    return j


def _extend_possessive(
    text: str, caps: list[tuple[int, int, str]], i: int, j: int, gaz: Gazetteer
) -> int:
    """Join across a possessive when the gazetteer knows the whole ("Democratic People's
    Republic of Korea", "Martha's Vineyard"); "China's President" stays apart."""
    n = len(caps)
    stop = j + 1
    while stop < min(n, j + 4) and text[caps[stop - 1][1] : caps[stop][0]] in _INSIDE:
        stop += 1
    for end in range(stop, j, -1):
        if gaz.lookup(fold(text[caps[i][0] : caps[end - 1][1]])):
            return end
    return j


def _is_organisation(
    text: str, start: int, end: int, words: list[str], gaz: Gazetteer, lex: Lexicon
) -> bool:
    """An organisation word after the first word, or a run of organisation words only.

    Not when the whole run is a known area ("West Bank", "Bank" notwithstanding).
    """
    if lex.org_words.isdisjoint(words):
        return False
    if len(words) > 1 and words[0] in ("The", "A", "An"):  # "The United States appreciates"
        words = words[1:]
        start = text.index(words[0], start)
    whole = gaz.lookup(fold(text[start:end]))
    if any(gaz.features[r] in ("country", "admin1", "region", "continent") for r in whole):
        return False
    if any(w in lex.org_words for w in words[1:]):
        return True
    return all(w in lex.org_words for w in words)


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The lower-cased word ending just before the spaces before `pos`, and its start.

    Only spaces may separate it from `pos` ("" after a comma or a line break), so that
    "in Aleppo" is a cue but "in. Aleppo" is not. A scan of a few characters: cheaper
    than a regex search over a window.
    """
    if pos >= 2 and text[pos - 1] == " " and text[pos - 2] not in " \t":
        # The common case, one space after a plain word: two C-level string calls.
        space = text.rfind(" ", max(0, pos - 24), pos - 1)
        if space >= 0:
            word = text[space + 1 : pos - 1]
            if word.isalpha():
                return word.lower(), space + 1
    return _scan_word_before(text, pos)


def _scan_word_before(text: str, pos: int) -> tuple[str, int]:
    """`_word_before` character by character (any spacing, dotted words)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i == pos - 1 or i < 0:
        return "", pos
    end = i + 1
    while i >= 0 and (text[i].isalnum() or text[i] == "."):
        i -= 1
    word = text[i + 1 : end]
    if not word or not word[0].isalpha():
        return "", pos
    return word.lower(), i + 1


def _is_sentence_start(text: str, pos: int, starts: set[int]) -> bool:
    while pos > 0 and text[pos - 1] in _SENTENCE_LEAD:
        pos -= 1
    return pos in starts or pos == 0


_COUNTY_WORDS = frozenset({"County", "Parish"})
_PARTIES = frozenset({"D", "R", "I"})


def _party_label(text: str, toks: list[_Tok]) -> bool:
    """US news writes a legislator's party and home after the name: "Rep. Barbara Lee,
    D-Oakland", "(R-Florence)". The letter is no part of the place."""
    first = toks[0]
    return (
        first.word in _PARTIES
        and text[first.end : first.end + 1] == "-"
        and first.start > 0
        and text[first.start - 1] in " ("
        and text[first.start - 2 : first.start] in (", ", " (")
    )


_GIVEN_AND_INITIAL = re.compile(r"(?<![\w.])[A-Z][a-z]+ [A-Z]\. \Z")


def _after_initial(text: str, start: int) -> bool:
    """A surname after a given name and an initial: "Crystal N. Bright", "Terry A. Corbin"
    (the run after the initial is no town Bright or Corbin)."""
    return (
        text[start - 2 : start] == ". "
        and text[start - 3 : start - 2].isupper()
        and _GIVEN_AND_INITIAL.search(text, max(0, start - 24), start) is not None
    )


def _middle_initial(text: str, toks: list[_Tok]) -> bool:
    """A name, then an initial and a capitalised word: a person ("Virginia L. Lane",
    "Paris J. Smith"), whatever place the first name also names."""
    last = toks[-1]
    return (
        len(toks) == 2
        and len(last.word) == 1
        and last.word.isupper()
        and text[last.end : last.end + 2] == ". "
        and text[last.end + 2 : last.end + 3].isupper()
    )


def _person(toks: list[_Tok]) -> list[Span]:
    words = tuple(fold(t.word) for t in toks if t.cap)
    return [Span(toks[0].start, toks[-1].end, "", (), "person", words=words)]


def _run(text: str, toks: list[_Tok], starts: set[int], gaz: Gazetteer, lex: Lexicon) -> list[Span]:
    """Judge one capitalised run (its tokens `toks`) and cut it into place spans."""
    j = len(toks)
    run_start = toks[0].start
    lone = _lone_piece(text, toks[0], gaz, lex) if j == 1 else None
    if j == 1 and lone is None:
        # The commonest run, a lone unknown word ("Smith", "Microsoft"): only a title
        # before it (a person) or a feature word after it ("Foo province") matter.
        after = _NEXT.match(text, toks[0].end)
        assert after is not None  # both groups are optional: it always matches
        next_word = after.group(2) or ""
        if not (after.group(1) == " " and next_word.lower() in lex.features):
            prev = _word_before(text, run_start)[0]
            return _person(toks) if prev.rstrip(".") in lex.titles else []
    prev, at = _word_before(text, run_start)
    if j > 1 and toks[0].word.lower() in lex.lead_words:
        piece = _longest_piece(text, toks, 0, j, gaz, lex)
        lead = piece is None or piece[1] == 1  # "The Hague", "In Salah" are names
    else:
        lead = False
    if lead:
        # "In Khost province", "The Kandahar police": a capitalised function word opens
        # the run (a sentence, a line, a title) and is the word before the name.
        prev, at = toks[0].word.lower(), run_start
        toks, j = toks[1:], j - 1
        run_start = toks[0].start
    party = j > 1 and _party_label(text, toks)
    if party:
        # "Sen. Ray Miller, D-Columbus": a legislator's party, then the home town.
        prev, at = "", run_start
        toks, j = toks[1:], j - 1
        run_start = toks[0].start
    prev2 = _word_before(text, at)[0] if prev in ("of", "to") else ""
    # (A lone word, the commonest run, skips the tests that need two words or more.)
    first = toks[0].word.lower().rstrip(".") if j > 1 else ""
    is_title = j > 1 and first in lex.titles and not (toks[0].word.isupper() and len(first) <= 3)
    if (
        prev.rstrip(".") in lex.titles
        or is_title
        or (j == 2 and _middle_initial(text, toks))
        or _after_initial(text, run_start)
    ):
        return _person(toks)
    if j > 2:
        # "Athens Mayor Randy Daniel", "Syrian President Bashar al-Assad": a place, then
        # a person.
        for k in range(1, j - 1):
            word = toks[k].word
            if toks[k].cap and word.lower().rstrip(".") in lex.titles and not word.isupper():
                return _run(text, toks[:k], starts, gaz, lex) + _person(toks[k:])
        # "the Butler County Sheriff's Office", "Laurel County Adult Education": a county
        # names what follows it, and is the place of the run.
        for k in range(1, j - 1):
            if toks[k].word in _COUNTY_WORDS and text[toks[k - 1].end : toks[k].start] == " ":
                return _run(text, toks[: k + 1], starts, gaz, lex)
    if j > 1 and first in lex.given_names and toks[-1].word.lower() not in lex.features:
        piece = _longest_piece(text, toks, 0, j, gaz, lex)
        if piece is None or piece[1] < j:
            return _person(toks)
    if j > 2 and toks[1].cap and toks[1].word.lower() in lex.given_names:
        # "American Maurice Greene", "Swede Daniel Persson": a demonym, then a person.
        opening = _longest_piece(text, toks, 0, j, gaz, lex)
        if opening is not None and opening[0].match == "demonym" and opening[1] == 1:
            rest = _longest_piece(text, toks, 1, j, gaz, lex)
            if rest is None or rest[1] < j - 1:
                return _run(text, toks[:1], starts, gaz, lex) + _person(toks[1:])
    compass_start = None
    if j > 1 and toks[0].word.lower() in lex.compass:
        compass_start = _compass(text, toks, prev, gaz, lex)
    if compass_start is not None:
        # "North West England", "Eastern Ghouta": the place after the compass words.
        while toks[0].word.lower() in lex.compass:
            toks, j = toks[1:], j - 1
    feature_hint: str | None = None
    cue = party or (prev in lex.cues and not (prev == "to" and prev2 == "according"))
    # "the province of Idlib", "the town of Saraqeb", "north of Aleppo"
    if prev == "of" and prev2:
        if prev2 in lex.features:
            feature_hint = lex.features[prev2]
            cue = True
        elif prev2 in _DIRECTIONS:
            cue = True
    after = _NEXT.match(text, toks[-1].end)
    assert after is not None  # both groups are optional: it always matches
    gap_after, next_word = after.group(1), after.group(2) or ""
    # A feature word after the run: "Idlib province", "M5 highway", "Euphrates River".
    tail, tail_end, tail_word = None, 0, ""
    next_lower = next_word.lower()
    whole: tuple[int, ...] = ()
    last = head = ""
    if j > 1:
        last = toks[-1].word.lower()
        head = toks[0].word.lower()
        if last in lex.features or head in lex.features:
            whole = gaz.lookup(fold(text[run_start : toks[-1].end]))
    if j > 1 and last in lex.features and not whole:
        tail, tail_word, j = lex.features[last], last, j - 1
        tail_end = toks[j].end
        toks = toks[:j]
        gap_after, next_word, next_lower = "", "", ""
    elif gap_after == " " and next_lower in lex.features and next_word[0].islower():
        tail, tail_end = lex.features[next_lower], after.end()
        tail_word = next_lower
    if j > 1 and not whole and head in _LEADING_WATER:
        return [_feature_span(text, toks, 0, toks[-1].end, "water")]  # "Lake Victoria"
    if tail in ("road", "water"):
        return [_feature_span(text, toks, 0, tail_end, tail)] if _named(toks, lex) else []
    if tail is not None:
        feature_hint = tail
        cue = True
    if gap_after == "-" and next_word in ("based", "born", "bound", "headquartered"):
        cue = True
    town_after = gap_after == " " and next_lower in lex.town_words
    if town_after and next_lower in lex.municipal_words:
        cue = True  # "Roselle police", "Woodstock Mayor": a town, state or not
    town_before = (
        text[run_start - 2 : run_start] == ", "
        and _RESIDENCE.search(text, max(0, run_start - 12), run_start) is not None
    )
    # "Noma said", or "... said Noma." closing a quote: a speaker, not a place.
    speaker = j == 1 and (
        (gap_after == " " and next_word in _SPEECH)
        or (prev in _SPEECH and text[toks[-1].end : toks[-1].end + 1] in (".", ",", ""))
    )
    qualifier = None
    if gap_after == ", ":
        abbrev = lex.abbreviation_re.match(text, toks[-1].end + 2)
        if abbrev:
            qualifier = "@" + lex.abbreviations[abbrev.group()]
        elif next_word[:1].isupper():
            # A country or state is not qualified ("Japan, South Korea." is a list).
            own = gaz.lookup(fold(text[run_start : toks[-1].end]))
            area = not gaz.area_rows.isdisjoint(own)
            qualifier = (not area and _area_qualifier(text, toks[-1].end + 2, gaz)) or fold(
                next_word
            )

    # Cut the run into the longest known pieces.
    found: list[Span] = []
    uncovered = 0
    pos = 0
    while pos < j:
        piece = lone if lone is not None else _longest_piece(text, toks, pos, j, gaz, lex)
        if piece is None:
            initial = pos == 0 and _is_sentence_start(text, run_start, starts)
            if not initial and toks[pos].word not in _INNER:
                uncovered += 1
            pos += 1
            continue
        span, width = piece
        if span.match == "loose" and width == 1 and j > 1:
            uncovered += 1  # "Conor McGregor": a loose one-word hit does not make a name
        found.append(span)
        pos += width
    if not found and tail in ("admin1", "admin2") and _named(toks, lex):
        return [_feature_span(text, toks, 0, tail_end, tail)]
    if len(found) > 1 and all(
        a.match in ("exact", "loose")
        and b.match in ("exact", "loose")
        and text[a.end : b.start] == " "
        for a, b in pairwise(found)
    ):
        # "Meadow Grove", "Flat Creek": two places side by side with nothing between
        # them are one name the gazetteer does not know (lists use commas).
        uncovered += 1
    for span in found:
        span.partial = uncovered > 0
        span.cue = cue
        span.speaker = speaker
        if feature_hint is not None and len(found) == 1:
            span.feature_hint = feature_hint
            if tail is not None:
                span.end = tail_end
                span.feature_word = tail_word
    if (
        len(found) == 1
        and text[found[0].start + 1 : found[0].start + 2].isupper()  # cheap first test
        and _is_dateline(text, toks, found[0], starts, lex)
    ):
        found[0].cue = True  # the place the story was filed from
        found[0].areas_only = False  # "HUDSON --" is written in capitals, not a code
    if found:
        found[-1].qualifier = qualifier
        if town_after:
            found[-1].town = True
        if town_before:
            found[0].town = True
        if compass_start is not None and found[0].start == toks[0].start:
            found[0].start = compass_start  # the mention is "North West England"
    return found


def _compass(text: str, toks: list[_Tok], prev: str, gaz: Gazetteer, lex: Lexicon) -> int | None:
    """The start of a run's compass words ("North West England", "Eastern Ghouta") when
    they qualify the one place after them, else None.

    Not when the gazetteer knows the whole run exactly ("North Korea", "West Bank"), and
    only when the place after them is an area or follows a locative cue: "the West Wing"
    is no village called Wing.
    """
    j = len(toks)
    k = 0
    while k < min(j - 1, 2) and toks[k].word.lower() in lex.compass:
        k += 1
    if k == 0:
        return None
    whole = _longest_piece(text, toks, 0, j, gaz, lex)
    if whole is not None and whole[1] == j and whole[0].match == "exact":
        return None
    rest = _longest_piece(text, toks, k, j, gaz, lex)
    if rest is None or rest[1] != j - k or rest[0].match != "exact":
        return None
    if prev in lex.cues or not gaz.area_rows.isdisjoint(rest[0].rows):
        return toks[0].start
    return None


# After a dateline's place (and its state: "SOUTH CHARLESTON, W.Va. --"): a dash.
_DATELINE_DASH = re.compile(
    r"(?:,[ \t]+[A-Z][\w.]*(?: [A-Z][\w.]*)?)?(?:[ \t]*\([A-Z][\w .]{0,20}\))?"
    r"[ \t]*(?:--|—|–|-)[ \t]"
)
_LIST_GOES_ON = re.compile(r",? (?:and|or) [A-Z]|, [A-Z]")
# Up to three capitalised words after a name's comma: "Greer, South Carolina".
_QUALIFIER_WORDS = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}")


def _is_dateline(text: str, toks: list[_Tok], span: Span, starts: set[int], lex: Lexicon) -> bool:
    """A capitalised place opening a sentence or line, then a dash: a dateline, as local
    papers print one after the headline ("Fire hits mill. HUDSON -- Officials say")."""
    if not (span.start == toks[0].start and span.end == toks[-1].end):
        return False
    surface = text[span.start : span.end]
    letters = sum(c.isalpha() for c in surface)
    if not surface.isupper() or letters < 3:
        return False
    if not (span.start == 0 or text[span.start - 1] == "\n" or span.start in starts):
        return False
    if text[span.end : span.end + 2] == ", " and lex.abbreviation_re.match(text, span.end + 2):
        return True  # "SALINA, Kan. Strong winds": a state after a town in capitals
    dash = _DATELINE_DASH.match(text, span.end)
    # A short acronym before a plain hyphen is a company in an aside ("EADS - Airbus'
    # owner - said"); datelines of short names use a long dash ("GAZA --", "LIMA —").
    return dash is not None and (letters >= 5 or not dash.group().rstrip().endswith(" -"))


def _area_qualifier(text: str, pos: int, gaz: Gazetteer) -> str | None:
    """The folded name of a country or state of up to three words at `pos` ("South
    Carolina", "New Zealand"), longest first, or None."""
    found = _QUALIFIER_WORDS.match(text, pos)
    if found is None or " " not in found.group():
        return None
    words = found.group().split(" ")
    for width in range(len(words), 1, -1):
        name = " ".join(words[:width])
        key = fold(name)
        if not gaz.area_rows.isdisjoint(gaz.lookup(key)):
            # "stops in Washington, New York and Boston": a list, not a qualifier.
            return None if _LIST_GOES_ON.match(text, pos + len(name)) else key
    return None


def _named(toks: list[_Tok], lex: Lexicon) -> bool:
    """Whether a run has a word that is not a stopword ("The River" names nothing)."""
    return any(fold(t.word) not in lex.stopwords for t in toks)


def _feature_span(text: str, toks: list[_Tok], i: int, end: int, feature: str) -> Span:
    """A named road, river or unknown district, kept even though unresolved."""
    start = toks[i].start
    if toks[i].word == "The" and text[toks[i].end : end].strip():
        start = toks[i + 1].start
    return Span(start, end, fold(text[start:end]), (), "feature", feature_hint=feature, cue=True)


def _longest_piece(
    text: str, toks: list[_Tok], pos: int, j: int, gaz: Gazetteer, lex: Lexicon
) -> tuple[Span, int] | None:
    """The longest gazetteer/demonym match starting at token `pos` within the run."""
    first = toks[pos]
    pair = None
    if pos + 1 < j and text[first.end : toks[pos + 1].start] == " ":
        pair = f"{first.word} {toks[pos + 1].word}"
    for word, width in ((pair, 2), (first.word, 1)):
        if word is None or word not in lex.demonyms:
            continue
        # A demonym heads a longer name only if the gazetteer knows it ("Indian Ocean").
        longer = _lookup_range(text, toks, pos, j, gaz, lex, min_width=width + 1)
        if longer is not None:
            return longer
        end = toks[pos + width - 1].end
        return Span(first.start, end, fold(word), (), "demonym", target=lex.demonyms[word]), width
    return _lookup_range(text, toks, pos, j, gaz, lex, min_width=1)


def _lone_piece(text: str, tok: _Tok, gaz: Gazetteer, lex: Lexicon) -> tuple[Span, int] | None:
    """`_longest_piece` of a one-word run, the commonest (its surface is the word)."""
    word = tok.word
    if word in lex.demonyms:
        return _longest_piece(text, [tok], 0, 1, gaz, lex)
    memo = gaz.memo.get("surface")
    if memo is None or len(memo) > _MEMO_SIZE:
        memo = gaz.memo["surface"] = {}
    found = memo.get(word)
    if found is None:
        found = memo[word] = _match_surface(word, False, gaz, lex)
    if not found:
        return None
    key, rows, match, code = found
    return Span(tok.start, tok.end, key, rows, match, areas_only=code and tok.start > 0), 1


def _lookup_range(
    text: str, toks: list[_Tok], pos: int, j: int, gaz: Gazetteer, lex: Lexicon, min_width: int
) -> tuple[Span, int] | None:
    memo = gaz.memo.get("surface")
    if memo is None or len(memo) > _MEMO_SIZE:  # bounded: memory stays flat on long runs
        memo = gaz.memo["surface"] = {}
    for width in range(min(_MAX_NGRAM, j - pos), min_width - 1, -1):
        last = toks[pos + width - 1]
        if not last.cap:
            continue
        start, end = toks[pos].start, last.end
        surface = text[start:end]
        english = width > 1 and toks[pos].word in _ENGLISH_LEADS
        key = "\0" + surface if english else surface  # a string key: no tuple to build
        found = memo.get(key)
        if found is None:
            found = memo[key] = _match_surface(surface, english, gaz, lex)
        if found:
            key, rows, match, code = found
            areas_only = code and start > 0  # not a "KABUL:" dateline
            return Span(start, end, key, rows, match, areas_only=areas_only), width
    return None


# Surfaces recur across articles: their gazetteer match is memoised on the gazetteer.
_MEMO_SIZE = 100_000


def _match_surface(
    surface: str, english_lead: bool, gaz: Gazetteer, lex: Lexicon
) -> tuple[str, tuple[int, ...], str, bool] | tuple[()]:
    """(key, rows, "exact"|"loose", looks like a code) for a surface, or () for no match."""
    key = fold(surface)
    if len(key) < 2 or key in lex.stopwords:
        return ()  # a lone letter ("W. Columbia", "Plan B") is an alternate of somewhere
    code = _looks_like_code(surface)
    rows = gaz.lookup(key)
    if rows:
        return key, rows, "exact", code
    if len(key) >= 5 and not code and not english_lead:
        rows = gaz.lookup_loose(loose(key))
        if rows:
            return key, rows, "loose", False
    return ()


def _looks_like_code(surface: str) -> bool:
    """All capitals ("NATO", "BA") or inner capitals ("UConn", "MoD"): an acronym or brand."""
    if surface[1:].islower() or (" " in surface and surface.istitle()):
        return False
    letters = list(filter(str.isalpha, surface))  # C-level loops: map/filter, no genexpr
    if len(letters) > 1 and all(map(str.isupper, letters)) and len(letters) <= 6:
        return True
    for word in surface.split():
        word = word.lstrip("‘ʿ'")  # "Pul-e ‘Alam": an ʿayn mark opens the word
        if word.startswith(_NAME_PREFIXES):
            continue
        if any(map(str.isupper, word[1:])) and not word.isupper() and "-" not in word:
            return True
    return False
