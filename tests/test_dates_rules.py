"""Every example attached to a rule in resources/dates_patterns.yaml runs here.

The examples are the documentation of the rules; running them keeps the data file and
the normalisers honest with each other.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsfacts.extract.dates import extract_dates
from newsfacts.extract.dates_lexicon import compiled, example_published

_RULES = list(compiled()[1].values())
_EXAMPLES = [
    pytest.param(rule.name, example, id=f"{rule.name}-{i}")
    for rule in _RULES
    for i, example in enumerate(rule.examples)
]


def _published(example: dict[str, Any]) -> date | None:
    value = example.get("published", example_published())
    return None if value in (None, "none") else value


def test_every_rule_has_examples() -> None:
    assert all(rule.examples for rule in _RULES)


@pytest.mark.parametrize(("rule", "example"), _EXAMPLES)
def test_rule_example(rule: str, example: dict[str, Any]) -> None:
    mentions = extract_dates(example["text"], _published(example))
    surfaces = {m.surface: m for m in mentions}
    for absent in example.get("absent", []):
        assert absent not in surfaces, f"{absent!r} should not be a date: {mentions}"
    if "surface" in example:
        assert example["surface"] in surfaces, f"no {example['surface']!r} in {mentions}"
        mention = surfaces[example["surface"]]
        assert mention.value == example["value"], mention
        assert mention.rule == rule, mention
