"""The count evaluation: CQE translation of our records and ISAF per-release totals.

The corpora are not needed: tiny NewsQuant/ISAF-shaped files are written here, with
sentences of our own.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsfacts.evaluate.counts import (
    _event_date,
    _numbered_event_date,
    _province,
    _same_province,
    as_cqe,
    cqe_quantities,
    evaluate_counts,
    first_release,
    is_running_total,
    release_date,
    totals,
)
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


@pytest.mark.parametrize(
    ("sentence", "expected"), json.loads(read_text("counts_tallies.json"))["examples"]
)
def test_running_total_examples(sentence: str, expected: bool) -> None:
    assert is_running_total(sentence) is expected


def _totals(text: str) -> tuple[int, int]:
    return totals(text, extract_counts(text))


@pytest.mark.parametrize(
    ("text", "killed", "captured"),
    [
        # restatement: the same two people, once with a definite article
        (
            "Forces killed two insurgents in Zhari. The patrol returned fire, killing the two "
            "gunmen.",
            2,
            0,
        ),
        # a headline figure without a noun restates the body
        ("Nine Killed in Kunar\nForces killed nine insurgents in Kunar province.", 9, 0),
        # a running total and an earlier attack's toll are background
        (
            "Forces detained three suspects today. Forces have detained more than 40 suspects "
            "since March.",
            0,
            3,
        ),
        ("Forces detained a Taliban commander linked to a bombing that killed six police.", 0, 1),
        # a definite count of one that names its person is someone new
        ("Forces killed the Haqqani commander Gul Agha and one other insurgent in Paktika.", 2, 0),
        # a vague group adds to a count of one ("several": more than two, so at least 3)
        (
            "Forces arrested a Taliban leader in Logar. The force also detained several "
            "suspected insurgents.",
            0,
            4,
        ),
        # a later sentence that retells the group in parts is the same people
        (
            "Forces detained four suspected insurgents in Paktiya, including a Haqqani "
            "commander. After questioning at the scene, the commander and three additional "
            "suspects were detained.",
            0,
            4,
        ),
        (
            "Forces captured a Taliban leader and one suspected insurgent near Khost city. "
            "Questioning at the scene resulted in the leader and one of his associates being "
            "detained.",
            0,
            2,
        ),
        # ... but not when it names a place of its own or says it adds
        (
            "In Khost province, forces detained two suspects. In Logar province, the security "
            "force detained a Taliban facilitator and one other suspect.",
            0,
            4,
        ),
        (
            "Forces detained two suspects in Zhari. The force also detained a Taliban "
            "facilitator and one other suspect.",
            0,
            4,
        ),
        # coordinated objects and subjects each count
        (
            "The force detained an Islamic Movement of Uzbekistan facilitator and several "
            "other insurgents during an operation today.",
            0,
            4,
        ),
        ("A Taliban leader and a suspected insurgent were captured in Helmand.", 0, 2),
        # a pronoun is one person, unless someone counted already is meant
        ("The patrol was attacked and returned fire, killing him.", 1, 0),
        ("Forces killed a Taliban commander in Zabul. He was killed after he fired.", 1, 0),
    ],
)
def test_isaf_totals(text: str, killed: int, captured: int) -> None:
    assert _totals(text) == (killed, captured)


def test_evaluate_newsquant_file(tmp_path: Path) -> None:
    gold = [
        {
            "text": "Copper rose 2.5% to $9,100 a tonne.",
            "quantities": [
                {"change": "up", "value": "2.5", "unit": "%", "normalized_unit": "percentage"},
                {
                    "change": "=",
                    "value": "9100.0",
                    "unit": "$",
                    "normalized_unit": "dollar per metric ton",
                },
            ],
        }
    ]
    path = tmp_path / "NewsQuant.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    report = evaluate_counts(path, "newsquant")
    change = next(line for line in report.splitlines() if line.startswith("value+change"))
    assert change.split()[1:4] == ["100.0", "100.0", "100.0"]


@pytest.mark.parametrize(
    ("sentence", "background"), json.loads(read_text("counts_tallies.json"))["background_examples"]
)
def test_background_toll_examples(sentence: str, background: bool) -> None:
    killed = [c for c in extract_counts(sentence) if c.category == "KILL"]
    assert killed, sentence
    assert (_totals(sentence)[0] == 0) is background


def test_vague_convention_is_documented_not_gold() -> None:
    """The ISAF vague figures cite their sources and give each word the smallest number
    its sense allows ("multiple": more than one; "several": more than two)."""
    table = json.loads(read_text("counts_isaf_vague.json"))
    assert "ACLED" in table["sources"]["acled"]
    assert table["values"]["multiple"] == 2 and table["values"]["several"] == 3
    assert table["values"]["dozens"] == 12 and table["values"]["hundreds"] == 100
    assert _totals("Forces detained multiple suspected insurgents in Zabul.") == (0, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2012-04-S-011\nKABUL, Afghanistan (April 9, 2012)\nForces detained two men.",
            date(2012, 4, 9),
        ),
        # yearless dateline: the year comes from the release number
        ("2011-07-S-020\nKABUL, Afghanistan (July 9)\nForces detained two men.", date(2011, 7, 9)),
        # a daily round-up without a dateline opens with its day
        (
            "Aug. 14: Afghan-ISAF Operations in Southern Afghanistan\n2010-08-CA-031\nForces "
            "detained two men last night.",
            date(2010, 8, 14),
        ),
        ("Forces detained two men last night.", None),
        # a draft's placeholder serial still gives the year
        (
            "2010-08-CA-XXX\nKABUL, Afghanistan (Aug. 17)\nForces detained two men.",
            date(2010, 8, 17),
        ),
    ],
)
def test_release_date(text: str, expected: date | None) -> None:
    assert release_date(text) == expected


def test_event_date_of_a_release_without_a_dated_header() -> None:
    # the release number gives the year of a date written with its month ...
    text = "2010-07-S-112\nFor Immediate Release\nForces detained two men in Zabul July 16."
    assert _numbered_event_date(text) == "2010-07-16"
    # ... but not the day a relative date counts from
    assert _numbered_event_date("2011-07-S-003\nForces detained two men yesterday.") is None


def test_first_release_of_a_joined_record() -> None:
    text = (
        "2012-04-S-011\nKABUL, Afghanistan (April 9, 2012)\nForces detained two men in "
        "Zabul.\n\n2012-04-S-014\nKABUL, Afghanistan (April 10, 2012)\nForces killed "
        "one gunman in Kunar."
    )
    assert first_release(text).endswith("Zabul.\n\n")
    single = "2011-05-C-089 2011-05-S-090\nKABUL, Afghanistan (May 25, 2011)\nText."
    assert first_release(single) == single


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    json.loads(read_text("counts_event_dates.json"))["examples"],
)
def test_event_date_examples(sentence: str, published: str, expected: str) -> None:
    text = f"KABUL, Afghanistan ({date.fromisoformat(published):%b. %d, %Y})\n{sentence}"
    assert _event_date(text, release_date(text)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the date of a background attack is not the event's
        (
            "Forces detained the planner of the May 2 attack in Logar province yesterday.",
            "2011-05-11",
        ),
        (
            "Forces detained a man responsible for an attack May 2 during an operation today.",
            "2011-05-12",
        ),
        (
            "Forces detained the planner of Monday's “insider” attack in Logar province today.",
            "2011-05-12",
        ),
        # the start of a period is not the event
        (
            "Forces have detained their 40th facilitator since March 3 in an operation yesterday.",
            "2011-05-11",
        ),
        # "last night" is precise to the day
        ("Forces detained two men in Logar province last night.", "2011-05-11"),
    ],
)
def test_event_date_rules(sentence: str, expected: str) -> None:
    text = f"KABUL, Afghanistan (May 12, 2011)\n{sentence}"
    assert _event_date(text, release_date(text)) == expected


def test_province_spellings_meet() -> None:
    assert _same_province(_province("Forces detained two men in Paktiya province."), ["paktya"])
    assert _same_province(_province("Forces detained two men in Khowst province."), ["khost"])
    assert not _same_province(_province("Forces detained two men in Kabul province."), ["zabul"])


def test_province_ignores_the_dateline_and_falls_back_to_towns() -> None:
    text = "KABUL, Afghanistan (May 12, 2011)\nForces detained two men in Kandahar city yesterday."
    assert _same_province(_province(text), ["kandahar"])
    titled = (
        "Forces Detain Facilitator in Helmand\nKABUL, Afghanistan (May 12, 2011)\n"
        "Forces detained a facilitator in Helmand province yesterday."
    )
    assert _same_province(_province(titled), ["helmand"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CQE writes two levels "from A to B" as one range, in text order, even falling
        (
            "Copper slid from $9,400 in March to $8,950 a tonne.",
            [((9400.0, 8950.0), "dollar per metric ton")],
        ),
        ("Its estimate is $12/$15 a share.", [((12.0, 15.0), "dollar per share")]),
        # a change and a level stay two quantities
        ("Copper rose $120 on the day, to $9,400.", [(120.0, "dollar"), (9400.0, "dollar")]),
    ],
)
def test_cqe_from_to_ranges(text: str, expected: list[tuple[Any, str]]) -> None:
    assert [(q["value"], q["unit"]) for q in cqe_quantities(text, extract_counts(text))] == expected


@pytest.mark.parametrize(
    ("text", "gold"),
    [
        # the words before "province" name it, whatever the place tagger made of them
        ("In Sar-e Pol province, forces detained two men. The men were questioned.", "sar_e_pul"),
        ("In Khowst province forces detained two men.", "khost"),
        # "X province" outweighs a bare mention of another province
        (
            "Forces from Kabul detained two men in Wardak province. The men were taken to a base "
            "in Wardak province.",
            "wardak",
        ),
    ],
)
def test_province_named_with_province(text: str, gold: str) -> None:
    assert _same_province(_province(text), [gold])
