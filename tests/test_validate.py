"""pandera contracts: good rows pass, bad rows are quarantined with the failed check."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from newsfacts.contracts import TABLES, contract
from newsfacts.validate import validate_rows

TEXT = "In 2018, rebels killed 12 people near Homs."
ART = "0123456789abcdef"


def date_row(**changes: Any) -> dict[str, Any]:
    row = {
        "article_id": ART,
        "mention_id": f"{ART}:3-7",
        "sentence": 0,
        "char_start": 3,
        "char_end": 7,
        "surface": "2018",
        "kind": "date",
        "value": "2018",
        "precision": "year",
        "start_date": date(2018, 1, 1),
        "end_date": date(2018, 12, 31),
        "anchor": "absolute",
        "rule": "year",
    }
    row.update(changes)
    return row


def count_row(**changes: Any) -> dict[str, Any]:
    row = {
        "article_id": ART,
        "mention_id": f"{ART}:23-25",
        "sentence": 0,
        "char_start": 23,
        "char_end": 25,
        "surface": "12",
        "value": 12.0,
        "value_low": 12.0,
        "value_high": 12.0,
        "qualifier": "exact",
        "unit": None,
        "kind": "count",
        "counted": "people",
        "category": "KILL",
        "si_value": None,
        "si_unit": None,
        "rule": "digits",
    }
    row.update(changes)
    return row


def place_row(**changes: Any) -> dict[str, Any]:
    row = {
        "article_id": ART,
        "mention_id": f"{ART}:38-42",
        "sentence": 0,
        "char_start": 38,
        "char_end": 42,
        "surface": "Homs",
        "name": "Homs",
        "feature": "city",
        "geonameid": 169577,
        "country_code": "SY",
        "admin1_code": "11",
        "latitude": 34.73,
        "longitude": 36.71,
        "demonym": False,
        "confidence": 0.9,
        "resolution": "exact",
    }
    row.update(changes)
    return row


def test_every_contract_parses_with_descriptions() -> None:
    for table in TABLES:
        spec = contract(table)
        assert spec.columns, table
        assert all(c.description for c in spec.columns), table


def test_good_rows_pass() -> None:
    texts = {ART: TEXT}
    for table, row in (("dates", date_row()), ("counts", count_row()), ("places", place_row())):
        result = validate_rows(table, [row], "run", texts)
        assert result.rejects == [], (table, result.rejects)
        assert result.good.num_rows == 1


@pytest.mark.parametrize(
    ("table", "row", "check"),
    [
        ("dates", date_row(surface="2019"), "span_matches_text"),
        ("dates", date_row(char_end=99, surface="2018"), "span_matches_text"),
        ("dates", date_row(start_date=date(2019, 1, 1)), "start_not_after_end"),
        ("dates", date_row(value=None), "range_only_when_resolved"),
        ("dates", date_row(anchor="guessed"), "isin"),
        ("counts", count_row(value_low=20.0), "value_within_bounds"),
        ("counts", count_row(category="MURDER"), "isin"),
        ("places", place_row(latitude=95.0), "less_than_or_equal_to"),
        ("places", place_row(country_code="ZZ"), "iso_country_code"),
        ("places", place_row(longitude=None), "coordinates_together"),
    ],
)
def test_bad_rows_are_rejected_with_the_check(table: str, row: dict[str, Any], check: str) -> None:
    good = {"dates": date_row, "counts": count_row, "places": place_row}[table]()
    good["mention_id"] = "other"
    result = validate_rows(table, [good, row], "run-1", {ART: TEXT})
    assert result.good.num_rows == 1
    (reject,) = result.rejects
    assert check in reject["check"]
    assert reject["table_name"] == table
    assert reject["run_id"] == "run-1"
    assert reject["article_id"] == ART
    assert '"surface"' in reject["row"]


def test_rows_of_the_wrong_type_are_rejected_not_crashing() -> None:
    rows = [date_row(), date_row(mention_id="x", sentence="two")]
    result = validate_rows("dates", rows, "r", {ART: TEXT})
    assert result.good.num_rows == 1
    assert [r["check"] for r in result.rejects] == ["dtype"]
    assert result.extracted == 2


def test_duplicate_mention_ids_are_rejected() -> None:
    result = validate_rows("dates", [date_row(), date_row()], "r", {ART: TEXT})
    assert result.good.num_rows == 0
    assert len(result.rejects) == 2
    assert all("unique" in r["check"] for r in result.rejects)


def test_accounting_must_balance() -> None:
    run = {c: 0 for c in contract("runs").column_names}
    now = datetime.now(UTC)
    run.update(
        run_id="r",
        flow_name="f",
        started_at=now,
        finished_at=now,
        sources="[]",
        extractor_version="1",
        articles_seen=3,
        articles_new=2,
        articles_skipped=1,
        dates_extracted=5,
        dates_loaded=4,
        dates_rejected=1,
    )
    assert validate_rows("runs", [run], "r").rejects == []
    run["dates_loaded"] = 5
    (reject,) = validate_rows("runs", [run], "r").rejects
    assert reject["check"] == "accounting_balances"


def test_reject_ids_are_stable() -> None:
    first = validate_rows("counts", [count_row(category="X")], "a", {ART: TEXT}).rejects
    second = validate_rows("counts", [count_row(category="X")], "b", {ART: TEXT}).rejects
    assert first[0]["reject_id"] == second[0]["reject_id"]
