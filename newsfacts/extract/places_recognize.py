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
from dataclasses import dataclass

from newsfacts.extract.gazetteer import Gazetteer
from newsfacts.extract.places_lexicon import Lexicon
from newsfacts.extract.places_normalize import fold, loose

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’ʿʾ‘][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|t|d|m)$", re.IGNORECASE)
# Lower-case particles inside names: "Maarat al-Numan", "Rio de Janeiro", "Stratford-upon-Avon".
_PARTICLES = frozenset(
    "al el an ad ar as ash at az ed en es ul bin ibn bint abu de del della di da das do "
    "dos du des la le les van von der den ter upon sur".split()
)
_ELIDED = frozenset({"d'", "d’", "l'", "l’"})  # "Côte d'Ivoire", "L'Aquila"
_DOTTED = frozenset({"St", "Mt", "Ft", "Pt"})  # "St. Petersburg" stays one run
_JOIN = frozenset({" ", "-", "‑"})
_MAX_NGRAM = 6
_SENTENCE_LEAD = frozenset("\"'“‘([")
_ORG_TAIL = re.compile(r" (?:for|of|and|on)(?: the)? ")
_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest outside near part parts "
    "heart centre center suburbs outskirts".split()
)
_SPEECH = frozenset("said says told added asked wrote explained noted argued".split())
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
    areas_only: bool = False
    words: tuple[str, ...] = ()


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str
    cap: bool


def _tokens(text: str, taken: list[tuple[int, int]]) -> list[_Tok]:
    out = []
    k = 0
    for m in _TOKEN.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        while k < len(taken) and taken[k][1] <= start:
            k += 1
        inside = k < len(taken) and taken[k][0] <= start
        if word.endswith(_POSSESSIVE):
            end -= 2
            word = word[:-2]
        upper = word[0].isupper() or (word[:2] in _ELIDED and word[2:3].isupper())
        cap = upper and not inside and not _CONTRACTION.search(word)
        out.append(_Tok(start, end, word, cap))
    return out


def _abbreviations(text: str, lex: Lexicon) -> list[Span]:
    spans = []
    for m in lex.abbreviation_re.finditer(text):
        target = lex.abbreviations[m.group()]
        spans.append(Span(m.start(), m.end(), fold(m.group()), (), "abbrev", target=target))
    return spans


def find_spans(text: str, starts: set[int], gaz: Gazetteer, lex: Lexicon) -> list[Span]:
    """All candidate place spans of `text` in order (person spans included, see Span)."""
    abbrevs = _abbreviations(text, lex)
    toks = _tokens(text, [(s.start, s.end) for s in abbrevs])
    spans: list[Span] = list(abbrevs)
    i, n = 0, len(toks)
    org_end = -1  # end of the last organisation name, to skip its "for Human Rights" tail
    while i < n:
        if not toks[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n:
            gap = text[toks[j - 1].end : toks[j].start]
            if gap in _JOIN or (gap == ". " and toks[j - 1].word in _DOTTED):
                if toks[j].cap:
                    j += 1
                    continue
                if (toks[j].word in _PARTICLES and j + 1 < n and toks[j + 1].cap
                        and text[toks[j].end : toks[j + 1].start] in _JOIN):
                    j += 2
                    continue
            break
        j = _extend_with_of(text, toks, i, j, gaz)
        if org_end >= 0 and _ORG_TAIL.fullmatch(text[org_end : toks[i].start]):
            org_end = toks[j - 1].end
        elif _is_organisation(text, toks, i, j, gaz, lex):
            org_end = toks[j - 1].end
        else:
            org_end = -1
            spans.extend(_run(text, toks, i, j, starts, gaz, lex))
        i = j
    spans.sort(key=lambda s: s.start)
    return spans


def _extend_with_of(text: str, toks: list[_Tok], i: int, j: int, gaz: Gazetteer) -> int:
    """Join "X of Y" when the gazetteer knows the whole ("United States of America")."""
    n = len(toks)
    if j + 1 < n and toks[j].word == "of" and toks[j + 1].cap and (
        text[toks[j - 1].end : toks[j].start] == " " == text[toks[j].end : toks[j + 1].start]
    ):
        for end in (j + 3, j + 2):
            if end <= n and all(t.cap for t in toks[j + 1 : end]) and gaz.lookup(
                fold(text[toks[i].start : toks[end - 1].end])
            ):
                return end
    return j


def _is_organisation(text: str, toks: list[_Tok], i: int, j: int, gaz: Gazetteer,
                     lex: Lexicon) -> bool:
    """An organisation word after the first token, or a run of organisation words only.

    Not when the whole run is a known area ("West Bank", "Bank" notwithstanding).
    """
    whole = gaz.lookup(fold(text[toks[i].start : toks[j - 1].end]))
    if any(gaz.features[r] in ("country", "admin1", "region", "continent") for r in whole):
        return False
    if any(t.word in lex.org_words for t in toks[i + 1 : j]):
        return True
    return all(t.word in lex.org_words for t in toks[i:j])


def _prev_word(text: str, toks: list[_Tok], i: int) -> str:
    """The word before token i, lower-cased, if only spaces separate them."""
    if i == 0 or text[toks[i - 1].end : toks[i].start].strip():
        return ""
    return toks[i - 1].word.lower()


def _is_sentence_start(text: str, tok: _Tok, starts: set[int]) -> bool:
    pos = tok.start
    while pos > 0 and text[pos - 1] in _SENTENCE_LEAD:
        pos -= 1
    return pos in starts or pos == 0


def _person(text: str, toks: list[_Tok], i: int, j: int) -> list[Span]:
    words = tuple(fold(t.word) for t in toks[i:j] if t.cap)
    return [Span(toks[i].start, toks[j - 1].end, "", (), "person", words=words)]


def _run(text: str, toks: list[_Tok], i: int, j: int, starts: set[int], gaz: Gazetteer,
         lex: Lexicon) -> list[Span]:
    """Judge the capitalised run toks[i:j] and cut it into place spans."""
    prev = _prev_word(text, toks, i)
    first = toks[i].word.lower().rstrip(".")
    is_title = first in lex.titles and not (toks[i].word.isupper() and len(first) <= 3)
    if prev in lex.titles or (is_title and j - i > 1):
        return _person(text, toks, i, j)
    if first in lex.given_names and j - i > 1:
        piece = _longest_piece(text, toks, i, j, gaz, lex)
        if piece is None or piece[1] < j - i:
            return _person(text, toks, i, j)
    feature_hint: str | None = None
    cue = prev in lex.cues and not (prev == "to" and i >= 2 and toks[i - 2].word == "according")
    # "the province of Idlib", "the town of Saraqeb", "north of Aleppo"
    if prev == "of" and i >= 2:
        before = toks[i - 2].word.lower()
        if before in lex.features:
            feature_hint = lex.features[before]
            cue = True
        elif before in _DIRECTIONS:
            cue = True
    # A feature word after the run: "Idlib province", "M5 highway", "Euphrates River".
    tail, tail_end = None, 0
    whole = gaz.lookup(fold(text[toks[i].start : toks[j - 1].end]))
    last = toks[j - 1].word.lower()
    if j - i > 1 and last in lex.features and not whole:
        tail, j = lex.features[last], j - 1
        tail_end = toks[j].end
    elif j < len(toks) and text[toks[j - 1].end : toks[j].start] == " ":
        word = toks[j].word.lower()
        if word in lex.features and not toks[j].cap:
            tail, tail_end = lex.features[word], toks[j].end
    named = any(fold(t.word) not in lex.stopwords for t in toks[i:j])
    head = toks[i].word.lower()
    if j - i > 1 and not whole and lex.features.get(head) == "water":
        return [_feature_span(text, toks, i, toks[j - 1].end, "water")]  # "Lake Victoria"
    if tail in ("road", "water"):
        return [_feature_span(text, toks, i, tail_end, tail)] if named else []
    if tail is not None:
        feature_hint = tail
        cue = True
    after = toks[j] if j < len(toks) else None
    gap_after = text[toks[j - 1].end : after.start] if after else ""
    if after and gap_after == "-" and after.word in ("based", "born", "bound", "headquartered"):
        cue = True
    speaker = bool(after and gap_after == " " and after.word in _SPEECH and j - i == 1)
    qualifier = None
    if after and gap_after == ", ":
        abbrev = lex.abbreviation_re.match(text, after.start)
        if abbrev:
            qualifier = "@" + lex.abbreviations[abbrev.group()]
        elif after.cap:
            qualifier = fold(after.word)

    # Cut the run into the longest known pieces.
    found: list[Span] = []
    uncovered = 0
    pos = i
    sentence_initial = _is_sentence_start(text, toks[i], starts)
    while pos < j:
        piece = _longest_piece(text, toks, pos, j, gaz, lex)
        if piece is None:
            if not (pos == i and sentence_initial) and toks[pos].word not in _PARTICLES:
                uncovered += 1
            pos += 1
            continue
        span, width = piece
        found.append(span)
        pos += width
    if not found and tail in ("admin1", "admin2") and named:
        return [_feature_span(text, toks, i, tail_end, tail)]
    for span in found:
        span.partial = uncovered > 0
        span.cue = cue
        span.speaker = speaker
        if feature_hint is not None and len(found) == 1:
            span.feature_hint = feature_hint
            if tail is not None:
                span.end = tail_end
    if found:
        found[-1].qualifier = qualifier
    return found


def _feature_span(text: str, toks: list[_Tok], i: int, end: int, feature: str) -> Span:
    """A named road, river or unknown district, kept even though unresolved."""
    start = toks[i].start
    if toks[i].word == "The" and text[toks[i].end : end].strip():
        start = toks[i + 1].start
    return Span(start, end, fold(text[start:end]), (), "feature", feature_hint=feature, cue=True)


def _longest_piece(text: str, toks: list[_Tok], pos: int, j: int, gaz: Gazetteer,
                   lex: Lexicon) -> tuple[Span, int] | None:
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


def _lookup_range(text: str, toks: list[_Tok], pos: int, j: int, gaz: Gazetteer, lex: Lexicon,
                  min_width: int) -> tuple[Span, int] | None:
    for width in range(min(_MAX_NGRAM, j - pos), min_width - 1, -1):
        last = toks[pos + width - 1]
        if not last.cap:
            continue
        start, end = toks[pos].start, last.end
        surface = text[start:end]
        key = fold(surface)
        if key in lex.stopwords:
            continue
        areas_only = start > 0 and _looks_like_code(surface)  # not a "KABUL:" dateline
        rows = gaz.lookup(key)
        if rows:
            return Span(start, end, key, rows, "exact", areas_only=areas_only), width
        if len(key) >= 5 and not areas_only:
            rows = gaz.lookup_loose(loose(key))
            if rows:
                return Span(start, end, key, rows, "loose"), width
    return None


def _looks_like_code(surface: str) -> bool:
    """All capitals ("NATO", "BA") or inner capitals ("UConn", "MoD"): an acronym or brand."""
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and len(letters) <= 6:
        return True
    for word in surface.split():
        if word.startswith(_NAME_PREFIXES):
            continue
        if any(c.isupper() for c in word[1:]) and not word.isupper() and "-" not in word:
            return True
    return False
