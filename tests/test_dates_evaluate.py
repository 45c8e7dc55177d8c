"""The TimeML / MEANTIME readers and the TempEval-3 scores, on tiny hand-made files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsfacts.evaluate.dates import evaluate_dates, score_documents
from newsfacts.evaluate.timeml import read_corpus, read_meantime, read_timeml

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
Shares in A&amp;B <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> of gains.
Profit <TIMEX3 tid="t3" type="DATE" value="2012">in 2012</TIMEX3> doubled, it said <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3>.
Analysts met on <TIMEX3 tid="t5" type="DATE" value="2013-W11">the last week</TIMEX3> of talks.
</TEXT>
</TimeML>
"""

CAT = """<?xml version="1.0" encoding="UTF-8"?>
<Document doc_id="1" doc_name="d.xml" lang="en">
<token t_id="1" sentence="0" number="0">Markets</token>
<token t_id="2" sentence="0" number="1">fall</token>
<token t_id="3" sentence="1" number="0">March</token>
<token t_id="4" sentence="1" number="1">1</token>
<token t_id="5" sentence="1" number="2">,</token>
<token t_id="6" sentence="1" number="3">2008</token>
<token t_id="7" sentence="2" number="0">Stocks</token>
<token t_id="8" sentence="2" number="1">fell</token>
<token t_id="9" sentence="2" number="2">on</token>
<token t_id="10" sentence="2" number="3">Friday</token>
<token t_id="11" sentence="6" number="0">Last</token>
<token t_id="12" sentence="6" number="1">year</token>
<Markables>
<TIMEX3 m_id="20" type="DATE" value="2008-03-01" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 m_id="21" type="DATE" value="2008-02-29"><token_anchor t_id="10"/></TIMEX3>
<TIMEX3 m_id="22" type="DURATION" value="P1Y" beginPoint="20"/>
</Markables>
</Document>
"""


@pytest.fixture()
def timeml_file(tmp_path: Path) -> Path:
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    return path


def test_read_timeml_offsets_and_dct(timeml_file: Path) -> None:
    doc = read_timeml(timeml_file)
    assert doc.published == date(2013, 3, 22)
    assert "A&B" in doc.text
    assert [doc.text[t.start : t.end] for t in doc.timexes] == [
        "Thursday", "three years", "in 2012", "now", "the last week",
    ]  # fmt: skip
    assert [t.value for t in doc.timexes][:2] == ["2013-03-21", "P3Y"]


def test_scores_count_strict_relaxed_and_value(timeml_file: Path) -> None:
    scores = score_documents([read_timeml(timeml_file)])
    assert scores.gold == 5
    # Gold "in 2012" overlaps the system's "2012": a relaxed but not a strict match.
    assert scores.relaxed == 5 and scores.strict == 4
    assert scores.value == 5
    report = evaluate_dates(timeml_file, "timeml", show_errors=True)
    assert "relaxed span  P 1.0000  R 1.0000  F1 1.0000" in report


def test_spurious_and_missed_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "miss.tml"
    path.write_text(
        TIMEML.replace(
            '<TIMEX3 tid="t3" type="DATE" value="2012">in 2012</TIMEX3>', "in 2012"
        ).replace("of gains", 'of gains <TIMEX3 tid="t9" type="DATE" value="XXXX">era</TIMEX3>'),
        encoding="utf-8",
    )
    report = evaluate_dates(path, "timeml", show_errors=True)
    assert "MISSED DATE (1)" in report and "'era'" in report
    assert "SPURIOUS year (1)" in report


def test_read_meantime_scope_and_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "d.xml"
    path.write_text(CAT, encoding="utf-8")
    doc = read_meantime(path)
    assert doc.published == date(2008, 3, 1)
    assert doc.text.splitlines()[1] == "March 1 , 2008"
    assert [t.text for t in doc.timexes] == ["March 1 , 2008", "Friday"]
    assert doc.text[doc.scope_end :].strip() == "Last year"  # sentence 6 is out of scope
    scores = score_documents([doc])
    assert (scores.gold, scores.system, scores.value) == (2, 2, 2)


@pytest.mark.parametrize(
    "creation", ['value="03-01-2008" functionInDocument="CREATION_TIME"', 'value="2008-03-01"']
)
def test_meantime_date_line_stands_in_for_a_missing_creation_time(
    tmp_path: Path, creation: str
) -> None:
    """A creation time that is no date (or none at all): the date line gives the day,
    as the pipeline's dateline does, so "Friday" still resolves."""
    path = tmp_path / "d.xml"
    text = CAT.replace('value="2008-03-01" functionInDocument="CREATION_TIME"', creation)
    path.write_text(text, encoding="utf-8")
    doc = read_meantime(path)
    assert doc.published == date(2008, 3, 1)
    assert score_documents([doc]).value == 1 + (creation.startswith('value="2008'))


def test_a_document_in_two_folders_counts_once(tmp_path: Path) -> None:
    """MEANTIME ships every file twice (intra-doc and cross-doc folders)."""
    for folder in ("intra-doc", "cross-doc"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "d.xml").write_text(CAT, encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "d.xml").write_text(CAT.replace("Friday", "Monday"), encoding="utf-8")
    docs = read_corpus(tmp_path, "meantime")
    assert len(docs) == 2
    assert "(meantime, 2 documents): 4 gold" in evaluate_dates(tmp_path, "meantime")


def test_unknown_format_is_refused(timeml_file: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        evaluate_dates(timeml_file, "brat")
