"""Article metadata fields, checked the same way for every source."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
#: Publication dates outside this range are typos, not news.
EARLIEST, LATEST = date(1800, 1, 1), date(2200, 12, 31)


#: Fields an input may carry; anything else is reported (a typo like "publshed" must not
#: silently lose the publication date) and ignored.
KNOWN_FIELDS = frozenset({"id", "url", "title", "published", "text", "source"})


def unknown_fields(meta: dict[str, Any]) -> list[str]:
    return sorted(set(meta) - KNOWN_FIELDS)


def parse_published(value: Any) -> date | None:
    """An ISO date or timestamp ("2020-01-29", "2020-01-29T08:00:00Z") to a date.

    Raises ValueError naming the value when it is not a real calendar date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _ISO_DATE.match(str(value))
    if not match:
        raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD)")
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise ValueError(f"published {value!r} is not a real date: {exc}") from exc
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"published {value!r} is outside {EARLIEST}..{LATEST}")
    return day


def optional_text(meta: dict[str, Any], key: str) -> str | None:
    """A metadata string, or None; non-strings are refused rather than stringified."""
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int):
        raise ValueError(f"{key} must be a string, got {type(value).__name__}")
    return str(value)
