"""Name keys for gazetteer matching.

Place names reach us in many spellings: with or without diacritics, with ʿayn written as
an apostrophe, a backtick or nothing, with the Arabic article assimilated ("an-Numan") or
not ("al-Numan"), with doubled letters and shifting vowels ("Maarat"/"Maaret"/"Ma'arrat").
Two keys absorb that: `fold` (exact up to case, diacritics and punctuation), used for
trusted matches, and `loose` (a transliteration skeleton), used only when `fold` finds
nothing and always ranked below an exact match, so "Hama" stays Hama.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from newsfacts.extract.resources import read_text

# Letters NFKD does not decompose into ASCII + combining marks.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
    }
)
# Apostrophe-like marks (ʿayn, hamza, quotes) vanish; separators become spaces.
_DROP = re.compile(r"[ʿʾʻʼ'’‘`´′]")
_SEPARATE = re.compile(r"[^a-z0-9]+")
_PARTICLES_FILE = "places_particles.tsv"


@cache
def particles(role: str) -> frozenset[str]:
    """Words of `resources/places_particles.tsv` with `role`: "article" (Arabic article
    forms, all "al" in a loose key), "leading" (a leading article a name is also written
    without) or "particle" (a lower-case word inside a capitalised name).

    One list for the normaliser, the recogniser and the gazetteer build, so that they
    cannot disagree about what an article is.
    """
    words = set()
    for line in read_text(_PARTICLES_FILE).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, roles, *_ = line.split("\t")
        if role in roles.split(","):
            words.add(word.strip())
    return frozenset(words)


# Arabic article forms, assimilated or not, all become "al".
ARTICLES = particles("article")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


def _single(match: re.Match[str]) -> str:
    """The repeated letter once. A function, not the template r"\\1": a template sends
    every `sub` call through the `re` module's Python code (1.5 against 0.4 µs a word)."""
    return match.group(1)


_DIGRAPHS = (("ph", "f"), ("q", "k"), ("ck", "k"), ("ou", "u"), ("w", "u"), ("j", "y"))


def fold(name: str) -> str:
    """Lower-case, strip diacritics and apostrophes, turn any punctuation into one space."""
    if name.isascii():
        low = name.lower()
        if low.isalpha():  # one plain word, the commonest name: nothing to drop or split
            return low
        return _SEPARATE.sub(" ", _DROP.sub("", low)).strip()
    text = name.translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text.lower())
    return _SEPARATE.sub(" ", text).strip()


def loose_token(token: str) -> str:
    """The transliteration skeleton of one word (not an article) of a folded name."""
    for old, new in _DIGRAPHS:
        token = token.replace(old, new)
    if len(token) > 3 and token.endswith("h") and token[-2] in "aeiou":
        token = token[:-1]
    token = _VOWEL_RUN.sub("a", token)
    return _DOUBLE.sub(_single, token)


def loose(folded: str, token_key: Callable[[str], str] = loose_token) -> str:
    """A transliteration skeleton of a folded name.

    Normalises article forms (and drops a leading article), common digraph variants,
    vowel quality and doubled letters: "maaret al numan" and "marrat an numan" meet.
    `token_key` skeletonises one word: callers pass a memoised `loose_token`, since the
    words of names recur far more than whole names.
    """
    tokens = folded.split()
    out: list[str] = []
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if i < last and token in ARTICLES:
            if out:
                out.append("al")
            continue
        out.append(token_key(token))
    return " ".join(out)
