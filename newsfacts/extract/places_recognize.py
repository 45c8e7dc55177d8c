"""Recognition: which character spans of an article might be places.

Without a statistical tagger (spaCy calls "Maarat al-Numan" a PERSON), names are found
as runs of capitalised words, joined by spaces, hyphens and Arabic/Romance particles
("al-", "de"), then cut into the longest pieces the gazetteer knows. Each run is judged
as a whole first: a run with an organisation word ("Syrian Observatory", "Manchester
United") or after a title ("President Bashar al-Assad") is not a place; a run the
gazetteer only partly covers ("Rami Abdel Rahman") keeps only strong places. Feature
words around a run ("Idlib province", "the province of Idlib", "the M5 highway") say what
kind of place it is. Whether a weak hit (a village of 600 people) is kept is decided
later, with the whole article as context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfacts.extract.gazetteer import Gazetteer
from newsfacts.extract.places_lexicon import Lexicon
from newsfacts.extract.places_normalize import fold, loose
from newsfacts.records import Sentence

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’ʿʾ‘][^\W_]+)*")
_POSSESSIVE = ("'s", "’s")
# Lower-case particles inside names: "Maarat al-Numan", "Rio de Janeiro", "Stratford-upon-Avon".
_PARTICLES = frozenset(
    ["al", "el", "an", "ad", "ar", "as", "ash", "at", "az", "ad", "ed", "en", "es", "ul", "bin", "ibn", "bint", "abu", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "des", "la", "le", "les", "van", "von", "der", "den", "ter", "upon", "sur"]
)
_JOIN = frozenset({" ", "-", "‑"})
_MAX_NGRAM = 6
_ORG_TAIL = re.compile(r" (?:for|of|and|on)(?: the)? ")
_SENTENCE_LEAD = frozenset("\"'“‘([")


@dataclass(slots=True)
class Span:
    """A possible place: where it is, what it matched and the evidence around it."""

    start: int
    end: int
    key: str
    rows: tuple[int, ...]
    match: str  # exact | loose | demonym | feature
    feature_hint: str | None = None
    cue: bool = False
    partial: bool = False
    qualifier: str | None = None
    country: str | None = None  # set for demonyms


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str
    cap: bool


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if word.endswith(_POSSESSIVE):
            end -= 2
            word = word[:-2]
        out.append(_Tok(start, end, word, word[0].isupper()))
    return out


def find_spans(text: str, sentences: list[Sentence], gaz: Gazetteer, lex: Lexicon) -> list[Span]:
    """All candidate place spans of `text`, in order, not overlapping."""
    toks = _tokens(text)
    starts = {s.start for s in sentences}
    spans: list[Span] = []
    i, n = 0, len(toks)
    org_end = -1  # end of the last organisation name, to skip its "for Human Rights" tail
    while i < n:
        if not toks[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n and text[toks[j - 1].end : toks[j].start] in _JOIN:
            if toks[j].cap:
                j += 1
            elif (toks[j].word in _PARTICLES and j + 1 < n and toks[j + 1].cap
                  and text[toks[j].end : toks[j + 1].start] in _JOIN):
                j += 2
            else:
                break
        if org_end >= 0 and _ORG_TAIL.fullmatch(text[org_end : toks[i].start]):
            org_end = toks[j - 1].end
        elif _is_organisation(toks, i, j, lex):
            org_end = toks[j - 1].end
        else:
            org_end = -1
            spans.extend(_run(text, toks, i, j, starts, gaz, lex))
        i = j
    return spans


def _is_organisation(toks: list[_Tok], i: int, j: int, lex: Lexicon) -> bool:
    """An organisation word after the first token, or a run of organisation words only."""
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


def _run(text: str, toks: list[_Tok], i: int, j: int, starts: set[int], gaz: Gazetteer,
         lex: Lexicon) -> list[Span]:
    """Judge the capitalised run toks[i:j] and cut it into place spans."""
    # A title before or at the head of the run makes it a person's name.
    if _prev_word(text, toks, i) in lex.titles:
        return []
    if toks[i].word.lower().rstrip(".") in lex.titles and j - i > 1:
        return []
    prev = _prev_word(text, toks, i)
    feature_hint: str | None = None
    cue = prev in lex.cues
    # "the province of Idlib", "the town of Saraqeb", "north of Aleppo"
    if prev == "of" and i >= 2:
        before = toks[i - 2].word.lower()
        if before in lex.features:
            feature_hint = lex.features[before]
            cue = True
        elif before in ("north", "south", "east", "west", "outside", "near", "northeast",
                        "northwest", "southeast", "southwest", "part", "parts"):
            cue = True
    # A feature word after the run: "Idlib province", "M5 highway", "Euphrates River".
    last = toks[j - 1].word.lower()
    tail = None
    if j - i > 1 and last in lex.features and toks[j - 1].cap:
        tail, j = lex.features[last], j - 1
        tail_end = toks[j].end
    elif j < len(toks) and text[toks[j - 1].end : toks[j].start] == " ":
        word = toks[j].word.lower()
        if word in lex.features and not toks[j].cap:
            tail, tail_end = lex.features[word], toks[j].end
    if tail in ("road", "water"):
        start = toks[i].start
        if toks[i].word in ("The",) and j - i > 1:
            start = toks[i + 1].start
        return [Span(start, tail_end, fold(text[start:tail_end]), (), "feature",
                     feature_hint=tail, cue=True)]
    if tail is not None:
        feature_hint = tail
        cue = True
    if j < len(toks) and text[toks[j - 1].end : toks[j].start] == "-" and toks[j].word in (
        "based", "born", "bound", "headquartered"
    ):
        cue = True
    qualifier = None
    if j < len(toks) and text[toks[j - 1].end : toks[j].start] == ", " and toks[j].cap:
        qualifier = fold(toks[j].word)

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
        if pos == i and sentence_initial and width == 1 and span.match != "demonym" and (
            fold(toks[pos].word) in lex.stopwords
        ):
            pos += 1
            continue
        found.append(span)
        pos += width
    for span in found:
        span.partial = uncovered > 0
        span.cue = cue
        if feature_hint is not None and len(found) == 1:
            span.feature_hint = feature_hint
            if tail is not None:
                span.end = tail_end
    if found:
        found[-1].qualifier = qualifier
    return found


def _longest_piece(text: str, toks: list[_Tok], pos: int, j: int, gaz: Gazetteer,
                   lex: Lexicon) -> tuple[Span, int] | None:
    """The longest gazetteer/demonym match starting at token `pos` within the run."""
    first = toks[pos]
    if first.word in lex.demonyms:
        # A demonym heads a longer name only if the gazetteer knows it ("Indian Ocean").
        longer = _lookup_range(text, toks, pos, j, gaz, lex, min_width=2)
        if longer is not None:
            return longer
        return Span(first.start, first.end, fold(first.word), (), "demonym",
                    country=lex.demonyms[first.word]), 1
    return _lookup_range(text, toks, pos, j, gaz, lex, min_width=1)


def _lookup_range(text: str, toks: list[_Tok], pos: int, j: int, gaz: Gazetteer, lex: Lexicon,
                  min_width: int) -> tuple[Span, int] | None:
    for width in range(min(_MAX_NGRAM, j - pos), min_width - 1, -1):
        last = toks[pos + width - 1]
        if not last.cap:
            continue
        start, end = toks[pos].start, last.end
        key = fold(text[start:end])
        if width == 1 and key in lex.stopwords:
            continue
        rows = gaz.lookup(key)
        if rows:
            return Span(start, end, key, rows, "exact"), width
        if len(key) >= 5:
            rows = gaz.lookup_loose(loose(key))
            if rows:
                return Span(start, end, key, rows, "loose"), width
    return None
