"""Readers for temporally annotated corpora: TempEval-3 TimeML and MEANTIME CAT XML.

Both turn a file into an `AnnotatedDoc`: plain text, publication date, gold TIMEX3 spans
as character offsets into that text, and the part of the text that was annotated. Users
evaluate on their own annotated data, so the readers accept any file in these formats,
not only the corpora we develop on.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsfacts.extract.dates import extract_dates
from newsfacts.records import Sentence

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?value=\"([^\"]+)\".*?</DCT>", re.DOTALL)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One annotated temporal expression."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class AnnotatedDoc:
    """A document with its gold timexes; `scope_end` bounds the annotated text."""

    name: str
    text: str
    published: date | None
    timexes: tuple[GoldTimex, ...]
    scope_end: int
    sentences: tuple[Sentence, ...] | None = None


def parse_day(value: str | None) -> date | None:
    """The calendar day of a TIMEX3 value like 2013-03-22 or 19980108 (else None)."""
    if not value:
        return None
    compact = value.replace("-", "")
    if len(compact) >= 8 and compact[:8].isdigit():
        try:
            return date(int(compact[:4]), int(compact[4:6]), int(compact[6:8]))
        except ValueError:
            return None
    return None


def read_timeml(path: Path) -> AnnotatedDoc:
    """A TempEval-3 `.tml` file: the DCT is the publication date, gold comes from <TEXT>.

    Offsets are counted over the tag-stripped, entity-decoded text of <TEXT>.
    """
    raw = path.read_text(encoding="utf-8")
    dct = _DCT.search(raw)
    body = _TEXT.search(raw)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    content = body.group(1)
    for tag in _TAG.finditer(content):
        chunk = html.unescape(content[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing and tag.group(4) != "/":
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif closing and open_timex is not None:
            start, attrs = open_timex
            surface = "".join(pieces)[start:length]
            timexes.append(
                GoldTimex(start, length, surface, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    tail = html.unescape(content[position:])
    pieces.append(tail)
    text = "".join(pieces)
    return AnnotatedDoc(
        name=path.name,
        text=text,
        published=parse_day(dct.group(1)) if dct else None,
        timexes=tuple(timexes),
        scope_end=len(text),
    )


def read_meantime(path: Path, max_sentence: int = 5) -> AnnotatedDoc:
    """A MEANTIME CAT file; text = tokens joined by spaces, one sentence per line.

    Only sentences 0..`max_sentence` are annotated in MEANTIME, so `scope_end` stops
    there. The creation-time TIMEX3 is text in the date line, so it counts as gold too.
    """
    root = ET.parse(path).getroot()
    token_span: dict[str, tuple[int, int]] = {}
    lines: list[str] = []
    sentences: list[Sentence] = []
    current: int | None = None
    offset = 0
    line_tokens: list[str] = []
    line_start = 0
    scope_end = 0

    def close_line() -> None:
        nonlocal offset
        if current is None:
            return
        line = " ".join(line_tokens)
        lines.append(line)
        sentences.append(
            Sentence(index=len(sentences), start=line_start, end=line_start + len(line))
        )
        offset = line_start + len(line) + 1

    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if sentence != current:
            close_line()
            current = sentence
            line_tokens = []
            line_start = offset
        word = token.text or ""
        start = line_start + sum(len(t) + 1 for t in line_tokens)
        line_tokens.append(word)
        token_span[token.get("t_id", "")] = (start, start + len(word))
        if sentence <= max_sentence:
            scope_end = start + len(word)
    close_line()
    text = "\n".join(lines)
    published: date | None = None
    timexes: list[GoldTimex] = []
    markables = root.find("Markables")
    for timex in markables.iter("TIMEX3") if markables is not None else []:
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = parse_day(timex.get("value"))
        anchors = [a.get("t_id", "") for a in timex.findall("token_anchor")]
        spans = [token_span[a] for a in anchors if a in token_span]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        timexes.append(
            GoldTimex(start, end, text[start:end], timex.get("type", ""), timex.get("value", ""))
        )
    timexes.sort(key=lambda t: t.start)
    if published is None and sentences:
        published = _date_line_day(text, sentences[:_DATE_LINE_SENTENCES])
    return AnnotatedDoc(
        name=path.name,
        text=text,
        published=published,
        timexes=tuple(timexes),
        scope_end=scope_end,
        sentences=tuple(sentences),
    )


# MEANTIME puts the title in sentence 0 and the date line in sentence 1.
_DATE_LINE_SENTENCES = 2


def _date_line_day(text: str, head: list[Sentence]) -> date | None:
    """The first full calendar date written in the title or date line.

    Some files have no creation time, or one that is not a date ("03-02-2009"); the
    pipeline then takes the publication date from the article's dateline, and so does
    the evaluation, instead of leaving every relative expression unresolved.
    """
    for sentence in head:
        for mention in extract_dates(text[sentence.start : sentence.end], None):
            if mention.precision == "day" and mention.anchor == "absolute":
                return mention.start_date
    return None


def read_corpus(path: Path, fmt: str) -> list[AnnotatedDoc]:
    """Every document under `path` (a file or a folder, searched recursively).

    A document found twice (same file name, same text and gold, as in MEANTIME's two
    annotation folders) counts once, so it does not weigh double in the scores.
    """
    if fmt == "timeml":
        pattern, reader = "*.tml", read_timeml
    elif fmt == "meantime":
        pattern, reader = "*.xml", read_meantime
    else:
        raise ValueError(f"unknown format {fmt!r} (timeml | meantime)")
    files = [path] if path.is_file() else sorted(path.rglob(pattern))
    docs: list[AnnotatedDoc] = []
    seen: set[tuple[str, str, tuple[GoldTimex, ...]]] = set()
    for file in files:
        doc = reader(file)
        key = (doc.name, doc.text, doc.timexes)
        if key not in seen:
            seen.add(key)
            docs.append(doc)
    return docs
