"""The count evaluation: CQE translation of our records and ISAF per-release totals.

The corpora are not needed: tiny NewsQuant/ISAF-shaped files are written here, with
sentences of our own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsfacts.evaluate.counts import as_cqe, evaluate_counts, is_running_total, totals
from newsfacts.extract.counts import extract_counts
from newsfacts.extract.resources import read_text


def _cqe(text: str) -> list[dict[str, Any]]:
    return [q for c in extract_counts(text) if (q := as_cqe(text, c)) is not None]


def test_change_direction_is_cqe_change() -> None:
    got = _cqe("The Hang Seng fell 1.3% and the Nikkei rose about 0.4%.")
    assert [(q["value"], q["change"]) for q in got] == [(1.3, "down"), (0.4, "up")]


def test_bounded_change_keeps_its_bound() -> None:
    """NewsQuant writes "climbed more than 3%" as ">", not as up."""
    assert _cqe("Its shares climbed more than 7% this year.")[0]["change"] == ">"


def test_superlative_units() -> None:
    assert _cqe("A 34-year-old man was charged.") == []  # ages are not counts
    best = _cqe("It is one of the largest reservoirs in Wales.")[0]
    assert best["unit"] == "large reservoir"


@pytest.mark.parametrize(("sentence", "expected"),
                         json.loads(read_text("counts_tallies.json"))["examples"])
def test_running_total_examples(sentence: str, expected: bool) -> None:
    assert is_running_total(sentence) is expected


def _totals(text: str) -> tuple[int, int]:
    return totals(text, extract_counts(text))


@pytest.mark.parametrize(("text", "killed", "captured"), [
    # restatement: the same two people, once with a definite article
    ("Forces killed two insurgents in Zhari. The patrol returned fire, killing the two "
     "gunmen.", 2, 0),
    # a headline figure without a noun restates the body
    ("Nine Killed in Kunar\nForces killed nine insurgents in Kunar province.", 9, 0),
    # a running total and an earlier attack's toll are background
    ("Forces detained three suspects today. Forces have detained more than 40 suspects "
     "since March.", 0, 3),
    ("Forces detained a Taliban commander linked to a bombing that killed six police.", 0, 1),
    # a vague group adds to a count of one (annotators' minimum for "several": 3)
    ("Forces arrested a Taliban leader in Logar. The force also detained several "
     "suspected insurgents.", 0, 4),
])
def test_isaf_totals(text: str, killed: int, captured: int) -> None:
    assert _totals(text) == (killed, captured)


def test_evaluate_newsquant_file(tmp_path: Path) -> None:
    gold = [{"text": "Copper rose 2.5% to $9,100 a tonne.",
             "quantities": [{"change": "up", "value": "2.5", "unit": "%",
                             "normalized_unit": "percentage"},
                            {"change": "=", "value": "9100.0", "unit": "$",
                             "normalized_unit": "dollar per metric ton"}]}]
    path = tmp_path / "NewsQuant.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    report = evaluate_counts(path, "newsquant")
    change = next(line for line in report.splitlines() if line.startswith("value+change"))
    assert change.split()[1:4] == ["100.0", "100.0", "100.0"]


@pytest.mark.parametrize(("sentence", "background"),
                         json.loads(read_text("counts_tallies.json"))["background_examples"])
def test_background_toll_examples(sentence: str, background: bool) -> None:
    killed = [c for c in extract_counts(sentence) if c.category == "KILL"]
    assert killed, sentence
    assert (_totals(sentence)[0] == 0) is background
