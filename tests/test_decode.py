"""Bytes that are not article text are refused with a reason, never guessed at."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.sources.decode import BadInput, control_characters, decode_text

LIMIT = 1_000_000


@pytest.mark.parametrize(
    ("data", "check"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"abc\x00def", "binary"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 binary", "binary"),
        ("café au lait".encode("latin-1"), "encoding"),
        ("a story about Zürich".encode() + "ü".encode()[:1], "truncated"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data: bytes, check: str) -> None:
    with pytest.raises(BadInput) as info:
        decode_text(data, LIMIT)
    assert info.value.check == check
    assert info.value.reason


def test_too_large_is_refused_before_decoding() -> None:
    with pytest.raises(BadInput) as info:
        decode_text(b"a" * 101, max_bytes=100)
    assert info.value.check == "too_large"
    assert "100" in info.value.reason


def test_only_bom_and_line_endings_change() -> None:
    raw = "\ufeffDamascus: line one\r\nline two\rline three".encode()
    assert decode_text(raw, LIMIT) == "Damascus: line one\nline two\nline three"


@given(st.text(min_size=1).filter(lambda s: s.strip() and "\r" not in s and "\ufeff" not in s))
def test_valid_text_round_trips(text: str) -> None:
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    try:
        assert decode_text(text.encode("utf-8"), LIMIT) == text
    except BadInput as exc:
        # Only text that is mostly control characters (or NUL) may be refused.
        assert exc.check == "binary"
        assert control > 0


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)))
def test_control_characters_are_unicode_category_cc(text: str) -> None:
    # The regex must count exactly what Unicode calls a control character (minus \n, \t).
    expected = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t")
    assert control_characters(text) == expected
