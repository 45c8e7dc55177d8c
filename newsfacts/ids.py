"""Stable identifiers: the same content always gets the same id, on any machine."""

from __future__ import annotations

import hashlib


def article_id(text: str) -> str:
    """A content hash, so one article read from two places (or twice) is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def mention_id(article: str, char_start: int, char_end: int) -> str:
    """Readable and stable: the article and the span are the mention's identity."""
    return f"{article}:{char_start}-{char_end}"
