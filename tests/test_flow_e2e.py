"""End to end: a real Prefect flow run into a temporary warehouse, queried with DuckDB.

The flow runs once per session (the `loaded` fixture in conftest.py); the tests query what
it loaded: the seed article (published 2020-01-29 by its sidecar), an article of our own
with other towns, numbers and weekdays, and broken files that must be reported while
everything else loads.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from newsfacts.runner import run_ingest
from newsfacts.settings import DEFAULT_MAX_ARTICLE_BYTES, Warehouse
from tests.conftest import Loaded


def query(wh: Warehouse, sql: str, *params: object) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(wh.catalog), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def seed_id(wh: Warehouse) -> str:
    (row,) = query(
        wh, "select article_id from articles where source_uri like '%000_9629f5ceb7f60afd.txt'"
    )
    return str(row[0])


def test_run_accounting(loaded: Loaded) -> None:
    wh, summary, _ = loaded
    assert summary["articles_seen"] == 2
    assert summary["articles_new"] == 2
    assert summary["inputs_rejected"] == 4
    for table in ("dates", "counts", "places"):
        loaded_rows = query(wh, f"select count(*) from {table}")[0][0]
        rejected = query(wh, "select count(*) from rejects where table_name = ?", table)[0][0]
        assert (
            summary[f"{table}_extracted"]
            == summary[f"{table}_loaded"] + summary[f"{table}_rejected"]
        )
        assert loaded_rows == summary[f"{table}_loaded"]
        assert rejected == summary[f"{table}_rejected"]
    (run,) = query(wh, "select run_id, articles_new, inputs_rejected from runs")
    assert run == (summary["run_id"], 2, 4)


def test_bad_inputs_are_in_rejects_with_file_and_reason(loaded: Loaded) -> None:
    wh, _, _ = loaded
    rows = query(
        wh,
        "select source_uri, \"check\", line, reason from rejects where table_name = 'articles' order by source_uri, line",
    )
    by_check = {(Path(uri).name, check): (line, reason) for uri, check, line, reason in rows}
    assert ("empty.txt", "source:empty") in by_check
    assert ("binary.txt", "source:binary") in by_check
    assert ("latin1.txt", "source:encoding") in by_check
    assert by_check[("feed.jsonl", "source:json")][0] == 2
    assert all(reason for _, reason in by_check.values())


def test_seed_counts(loaded: Loaded) -> None:
    wh, _, _ = loaded
    sid = seed_id(wh)
    killed = query(
        wh,
        "select value, value_low, qualifier, counted, category, surface from counts where article_id = ? and category = 'KILL'",
        sid,
    )
    assert [(v, q, c, cat) for v, _, q, c, cat, _ in killed] == [
        (380000.0, "more_than", "people", "KILL")
    ]
    assert killed[0][1] == 380000.0
    fraction = query(
        wh,
        "select value, qualifier, category from counts where article_id = ? and kind = 'fraction'",
        sid,
    )
    assert fraction == [(0.5, "more_than", "DISPLACE")]
    lengths = query(
        wh,
        "select value, unit from counts where article_id = ? and kind = 'length' order by char_start",
        sid,
    )
    assert lengths == [(10.0, "km"), (6.0, "mi")]
    not_counts = query(
        wh,
        "select surface from counts where article_id = ? and (surface like '%2011%' or surface like '%2018%' or surface like '%M5%')",
        sid,
    )
    assert not_counts == []


def test_seed_dates(loaded: Loaded) -> None:
    wh, _, _ = loaded
    sid = seed_id(wh)
    rows = query(
        wh,
        "select surface, value, precision, start_date, end_date, anchor from dates where article_id = ? order by char_start",
        sid,
    )
    wednesdays = [r for r in rows if "Wednesday" in r[0]]
    assert len(wednesdays) == 3
    assert {r[1] for r in wednesdays} == {"2020-01-29"}
    by_value = {}
    for surface, value, precision, *_ in rows:
        by_value.setdefault(value, []).append((surface, precision))
    assert ("2018", "year") in by_value["2018"]
    assert len([s for s, _ in by_value["2011"] if "2011" in s]) == 2
    assert any("following year" in s.lower() for s, _ in by_value["2012"])
    assert any("this year" in s for s, _ in by_value["2020"])
    year_2018 = next(r for r in rows if r[1] == "2018")
    assert str(year_2018[3]) == "2018-01-01" and str(year_2018[4]) == "2018-12-31"


def test_seed_places(loaded: Loaded) -> None:
    wh, _, _ = loaded
    sid = seed_id(wh)
    rows = query(
        wh,
        "select surface, geonameid, feature, country_code, demonym from places where article_id = ? order by char_start",
        sid,
    )
    numan = [r for r in rows if "Numan" in r[0]]
    assert len(numan) == 4 and {r[1] for r in numan} == {167611}
    assert ("Saraqeb", 164816) in [(r[0], r[1]) for r in rows]
    damascus = [r for r in rows if r[0] == "Damascus"]
    assert damascus and {r[1] for r in damascus} == {170654}
    aleppo_city = [r for r in rows if r[0] == "Aleppo" and r[2] == "city"]
    assert aleppo_city and {r[1] for r in aleppo_city} == {170063}
    admin1 = [r for r in rows if r[2] == "admin1"]
    assert any("Aleppo" in r[0] and r[3] == "SY" for r in admin1)
    idlib_province = [r for r in rows if "Idlib" in r[0] and "province" in r[0]]
    assert idlib_province and all(r[2] == "admin1" and r[3] == "SY" for r in idlib_province)
    countries = {(r[1], r[4]) for r in rows if r[2] == "country"}
    assert (2017370, False) in countries  # Russia
    assert (2635167, False) in countries  # Britain -> United Kingdom
    assert (163843, True) in countries  # Syria, from "Syrian"
    roads = [r for r in rows if r[2] == "road"]
    assert any("M5" in r[0] and r[1] is None for r in roads)
    assert not [r for r in rows if "Observatory" in r[0]]


def test_every_fact_is_traceable(loaded: Loaded) -> None:
    wh, _, _ = loaded
    for table in ("dates", "counts", "places"):
        bad = query(
            wh,
            f"""
            select f.mention_id from {table} f join articles a using (article_id)
            where substr(a.text, f.char_start + 1, f.char_end - f.char_start) <> f.surface
        """,
        )
        assert bad == [], table


def test_second_run_changes_nothing(loaded: Loaded) -> None:
    wh, _, inputs = loaded
    tables = ("articles", "dates", "counts", "places", "rejects")
    before = {t: query(wh, f"select count(*) from {t}")[0][0] for t in tables}
    summary = run_ingest(
        [str(inputs / "seeds"), str(inputs / "broken")],
        wh.root,
        None,
        100,
        DEFAULT_MAX_ARTICLE_BYTES,
    )
    after = {t: query(wh, f"select count(*) from {t}")[0][0] for t in tables}
    assert after == before
    assert summary["articles_new"] == 0 and summary["articles_skipped"] == 2
    assert query(wh, "select count(*) from runs")[0][0] == 2


def test_variant_article_of_our_own(loaded: Loaded) -> None:
    """Other towns, numbers and weekdays: nothing above is specific to the seed."""
    wh, _, _ = loaded
    (row,) = query(
        wh,
        "select article_id, published, published_from, dateline_place, source_id, title from articles where source_id = 'v-1'",
    )
    vid = row[0]
    assert row[1:] == (date(2019, 3, 6), "dateline", "BEIRUT, Lebanon", "v-1", "Arsal retaken")
    dates = dict(query(wh, "select surface, value from dates where article_id = ?", vid))
    assert dates["Tuesday"] == "2019-03-05"  # past tense, published on a Wednesday
    assert dates["The following year"] == "2014"  # after "since 2013"
    counts = query(
        wh,
        "select value, qualifier, counted, category from counts where article_id = ? and kind = 'count'",
        vid,
    )
    assert (120000.0, "at_least", "people", "KILL") in counts
    percent = query(
        wh,
        "select value, qualifier, category from counts where article_id = ? and kind = 'percent'",
        vid,
    )
    assert percent == [(40.0, "about", "DISPLACE")]
    places = {
        s: (g, f, c)
        for s, g, f, c in query(
            wh,
            "select surface, geonameid, feature, country_code from places where article_id = ?",
            vid,
        )
    }
    assert places["Tripoli"][2] == "LB"  # Lebanon's Tripoli, not Libya's: context
    assert places["Arsal"][2] == "LB"
    assert places["Homs province"][1:] == ("admin1", "SY")


def test_analyst_views(loaded: Loaded) -> None:
    wh, _, _ = loaded
    sid = seed_id(wh)
    (syria,) = query(
        wh, "select largest, reports from kill_counts_by_country where country_code = 'SY'"
    )
    assert syria[0] >= 380000
    months = query(wh, "select month, mentions from place_month where geonameid = 167611")
    assert months == [(date(2020, 1, 1), 4)]
    near = query(
        wh, "select distinct surface from places_within(35.65, 36.67, 25) where article_id = ?", sid
    )
    assert {"Maarat al-Numan", "Maaret al-Numan"} <= {s for (s,) in near}
    assert "Damascus" not in {s for (s,) in near}


def test_run_publishes_prefect_artifacts(loaded: Loaded) -> None:
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    _, summary, _ = loaded

    async def artifacts() -> dict[str, object]:
        async with get_client() as client:
            found = await client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    key=ArtifactFilterKey(any_=["newsfacts-run-tables", "newsfacts-run-summary"])
                )
            )
            return {a.key: a.data for a in found if str(a.flow_run_id) == summary["run_id"]}

    found = asyncio.run(artifacts())
    assert "newsfacts-run-summary" in found and summary["run_id"] in str(
        found["newsfacts-run-summary"]
    )
    table = found["newsfacts-run-tables"]
    rows = json.loads(table) if isinstance(table, str) else table
    places = [r for r in rows if r["table"] == "places"]
    assert places == [
        {
            "table": "places",
            "extracted": summary["places_extracted"],
            "loaded": summary["places_loaded"],
            "rejected": summary["places_rejected"],
        }
    ]
