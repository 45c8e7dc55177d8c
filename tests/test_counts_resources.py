"""Every example written inside a counts resource file is a test case.

Rules live in data with examples next to them; this runs each example through the
extractor so a rule edit that breaks its own example fails here.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsfacts.extract.counts import extract_counts
from newsfacts.extract.resources import read_text


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_text(name))
    return data


def _field_examples() -> list[tuple[str, str, dict[str, Any]]]:
    """(resource, text, expected fields) for every field-checking example."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for name in ("counts_fractions.json", "counts_qualifiers.json", "counts_directions.json"):
        out += [(name, text, fields) for text, fields in _load(name)["examples"]]
    for entry in _load("counts_units.json")["units"]:
        fields_base = {"unit": entry["unit"], "kind": entry["kind"]}
        out += [
            ("counts_units.json", text, {**fields_base, **fields})
            for text, fields in entry["examples"]
        ]
    for entry in _load("counts_currencies.json")["currencies"]:
        out += [
            ("counts_currencies.json", text, {"unit": entry["code"], "kind": "money", **fields})
            for text, fields in entry["examples"]
        ]
    for category, entry in _load("counts_categories.json")["categories"].items():
        out += [
            ("counts_categories.json", text, {"category": category, **fields})
            for text, fields in entry["examples"]
        ]
    return out


@pytest.mark.parametrize(("resource", "text", "fields"), _field_examples())
def test_resource_example(resource: str, text: str, fields: dict[str, Any]) -> None:
    counts = extract_counts(text)
    assert counts, f"{resource}: no count in {text!r}"
    first = counts[0]
    for field, expected in fields.items():
        got = getattr(first, field)
        if isinstance(expected, float) and got is not None:
            assert got == pytest.approx(expected, rel=1e-5), (resource, text, field)
        else:
            assert got == expected, (resource, text, field, got)


@pytest.mark.parametrize(("text", "n"), _load("counts_context.json")["examples"])
def test_context_example_count(text: str, n: int) -> None:
    assert len(extract_counts(text)) == n, extract_counts(text)


@pytest.mark.parametrize(("text", "fields"), _load("counts_categories.json")["singular_examples"])
def test_singular_example(text: str, fields: dict[str, Any] | None) -> None:
    counts = extract_counts(text)
    if fields is None:
        assert counts == []
        return
    assert counts
    for field, expected in fields.items():
        assert getattr(counts[0], field) == expected, (text, field)
