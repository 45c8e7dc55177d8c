"""Bytes to article text, refusing what is not text with a reason a person can act on."""

from __future__ import annotations

import re
from pathlib import Path


class BadInput(ValueError):
    """Input that is not an article; `check` is the short reason recorded in `rejects`."""

    def __init__(self, check: str, reason: str) -> None:
        super().__init__(reason)
        self.check = check
        self.reason = reason


def read_limited(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refused before reading when it is over the per-article limit."""
    size = path.stat().st_size
    if size > max_bytes:
        raise BadInput(
            "too_large",
            f"{size:,} bytes is over the limit of {max_bytes:,} bytes per article; "
            "split the file or raise --max-bytes",
        )
    return path.read_bytes()


def decode_text(data: bytes, max_bytes: int) -> str:
    """Decode UTF-8 article bytes into the exact text every offset will index.

    Only two things are changed, both invisible to readers: a leading byte-order mark is
    removed and line endings become "\\n". Anything else (Latin-1, UTF-16, binary) is
    refused rather than guessed, because a wrong guess silently corrupts every offset.
    """
    if len(data) > max_bytes:
        raise BadInput(
            "too_large",
            f"{len(data):,} bytes is over the limit of {max_bytes:,} bytes per article; "
            "split the file or raise --max-bytes",
        )
    if not data.strip():
        raise BadInput("empty", "the input is empty (or only white space)")
    if b"\x00" in data[:8192]:
        raise BadInput("binary", "the input contains NUL bytes: it is binary, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            reason = f"the input ends inside a UTF-8 character at byte {exc.start}: truncated?"
            raise BadInput("truncated", reason) from exc
        raise BadInput(
            "encoding",
            f"not valid UTF-8 at byte {exc.start} ({exc.reason}); re-encode the file as UTF-8 "
            "(e.g. `iconv -f latin1 -t utf-8`)",
        ) from exc
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _mostly_control(text):
        raise BadInput("binary", "the input is mostly control characters: not article text")
    if not text.strip():
        raise BadInput("empty", "the input is empty (or only white space)")
    return text


#: Unicode's control characters (category Cc: C0, DEL, C1) but for newline and tab. One
#: regex scan instead of a category lookup per character: this check runs on every article
#: in the orchestrator's single reading thread.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_characters(text: str) -> int:
    """How many characters of `text` are control characters other than newline and tab."""
    return len(CONTROL_CHARACTERS.findall(text))


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    return control_characters(sample) > len(sample) * 0.1
