"""Date extraction: resolution against the publication date, anaphora, false positives.

Texts here are written for the tests (variants of the seed article with other weekdays,
years and tenses), so the rules cannot be tuned to one article.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsfacts.extract.dates import extract_dates
from newsfacts.extract.text import split_sentences
from newsfacts.records import DateMention

WEDNESDAY = date(2020, 1, 29)
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_9629f5ceb7f60afd.txt"


def _by_surface(mentions: list[DateMention]) -> dict[str, list[DateMention]]:
    out: dict[str, list[DateMention]] = {}
    for mention in mentions:
        out.setdefault(mention.surface, []).append(mention)
    return out


def _check_invariants(text: str, mentions: list[DateMention]) -> None:
    sentences = split_sentences(text)
    previous_end = -1
    for mention in mentions:
        assert text[mention.char_start : mention.char_end] == mention.surface
        assert mention.char_start >= previous_end, "overlap or out of order"
        previous_end = mention.char_end
        sentence = sentences[mention.sentence]
        assert sentence.start <= mention.char_start < sentence.end
        if mention.start_date is not None:
            assert mention.end_date is not None and mention.start_date <= mention.end_date
        assert mention.anchor in {"absolute", "publication", "previous_mention", "unresolved"}


@pytest.mark.skipif(not SEED.exists(), reason="seed article not in this checkout")
def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = extract_dates(text, WEDNESDAY)
    _check_invariants(text, mentions)
    found = _by_surface(mentions)
    assert [m.value for m in found["Wednesday"]] == ["2020-01-29"] * 3
    assert all(m.anchor == "publication" and m.precision == "day" for m in found["Wednesday"])
    (year_2018,) = found["2018"]
    assert (year_2018.value, year_2018.precision) == ("2018", "year")
    assert (year_2018.start_date, year_2018.end_date) == (date(2018, 1, 1), date(2018, 12, 31))
    assert [m.value for m in found["2011"]] == ["2011", "2011"]
    (following,) = found["The following year"]
    assert (following.value, following.anchor) == ("2012", "previous_mention")
    (this_year,) = found["this year"]
    assert (this_year.value, this_year.anchor) == ("2020", "publication")
    for not_a_date in ("3,80,000", "80,000", "M5", "10", "10 kilometres", "pre-war", "six miles"):
        assert not_a_date not in found


VARIANT = (
    "Beirut: Rebels said on Friday that they had taken the town of Kafr Nabl.\n"
    "In 2015, the town was shelled for weeks. The following year, it fell to the army.\n"
    "The rebels will hold talks next Monday and again on Thursday, officials said.\n"
    "The offensive began in 1998 and ended two years later.\n"
)


def test_variant_with_other_weekdays_tenses_and_years() -> None:
    published = date(2021, 3, 10)  # a Wednesday
    mentions = extract_dates(VARIANT, published)
    _check_invariants(VARIANT, mentions)
    found = {m.surface: m for m in mentions}
    assert found["Friday"].value == "2021-03-05"  # past tense: the Friday before
    assert found["2015"].value == "2015"
    assert found["The following year"].value == "2016"
    assert found["next Monday"].value == "2021-03-15"
    assert found["Thursday"].value == "2021-03-11"  # "will hold": the coming Thursday
    assert found["two years later"].value == "2000"
    assert found["two years later"].anchor == "previous_mention"


@pytest.mark.parametrize(
    ("published", "sentence", "surface", "value"),
    [
        (date(2019, 6, 12), "The minister resigned on Friday.", "Friday", "2019-06-07"),
        (date(2019, 6, 12), "The minister will resign on Friday.", "Friday", "2019-06-14"),
        (date(2019, 6, 12), "The minister resigned on Wednesday.", "Wednesday", "2019-06-12"),
        (date(2019, 6, 12), "The vote was last Wednesday.", "last Wednesday", "2019-06-05"),
        (date(2019, 6, 12), "The vote is next Wednesday.", "next Wednesday", "2019-06-19"),
        (date(2019, 6, 12), "Shops reopened yesterday.", "yesterday", "2019-06-11"),
        (date(2019, 6, 12), "Prices rose last month.", "last month", "2019-05"),
        (date(2019, 6, 12), "Prices rose last year.", "last year", "2018"),
        (date(2019, 6, 12), "Prices will rise next year.", "next year", "2020"),
        (date(2019, 6, 12), "Sales rose this week.", "this week", "2019-W24"),
        (date(2019, 6, 12), "Troops left three weeks ago.", "three weeks ago", "2019-W21"),
        (date(2019, 6, 12), "Elections were held in November.", "November", "2018-11"),
        (date(2019, 6, 12), "Elections will be held in November.", "November", "2019-11"),
        (date(2019, 6, 12), "The decade ended in the 1980s.", "the 1980s", "198X"),
        # Tense: "should be" + participle is future; a capitalised "-ed" word is a
        # name, no past verb ("the United States Thursday").
        (date(2009, 6, 5), "The sale should be completed in October.", "October", "2009-10"),
        (
            date(2000, 4, 5),
            "The father would be traveling to the United States Thursday.",
            "Thursday",
            "2000-04-06",
        ),
        (date(2000, 3, 29), "Police did not plan to act on Thursday.", "Thursday", "2000-03-30"),
        (date(1989, 11, 2), "The index closed at 2082.1 in 1989.", "1989", "1989"),
        (
            date(2019, 6, 12),
            "Net profit fell in the third quarter.",
            "the third quarter",
            "2018-Q3",
        ),
        (
            date(2019, 6, 12),
            "Net profit fell in the first quarter.",
            "the first quarter",
            "2019-Q1",
        ),
    ],
)
def test_relative_resolution(published: date, sentence: str, surface: str, value: str) -> None:
    found = {m.surface: m for m in extract_dates(sentence, published)}
    assert surface in found, found
    assert found[surface].value == value


def test_no_publication_date_means_unresolved_never_guessed() -> None:
    text = "The army said on Tuesday it would withdraw next year. Talks began yesterday."
    mentions = extract_dates(text, None)
    assert {m.surface for m in mentions} == {"Tuesday", "next year", "yesterday"}
    for mention in mentions:
        assert mention.value is None
        assert mention.anchor == "unresolved"
        assert mention.start_date is None and mention.end_date is None


def test_anaphora_uses_last_date_of_fitting_precision() -> None:
    text = "Talks began on Monday, March 4, 2013. In 2016 they collapsed. The next day, a truce."
    found = {m.surface: m for m in extract_dates(text, date(2020, 1, 1))}
    # "The next day" needs a day: it skips the year 2016 and uses March 4, 2013.
    assert found["The next day"].value == "2013-03-05"
    assert found["The next day"].anchor == "previous_mention"


@pytest.mark.parametrize(
    "text",
    [
        "The civil war has killed more than 3,80,000 people.",
        "Chelsea won 3-1 and Arsenal drew 2-2 at 2000 hours.",
        "The match finished 19:45 and the odds were 21:30.",
        "A 2015 people attended, paying $2019 or £1999 each, up 2018%.",
        "A 45-year-old man, aged 45 years old, was arrested.",
        "Prices may rise. Theresa May said troops will march on. The March was peaceful.",
        "He may visit in may, said Jan Smith of the Sun.",
        "The road is 10 kilometres long; the M5 and A1 were closed.",
        "Room 2020 on floor 12 held 1,999 files and 2.5 million records.",
        "She scored twice in the second half of the match.",
        "Release 2013-01-S-025 and file 2010-09-CA-005 were issued.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert extract_dates(text, WEDNESDAY) == []


def test_clock_times_are_times_not_dates() -> None:
    """Times of day never make a date of their own; TimeML tags them as TIME values."""
    text = "The match kicked off at 19:45 and ended at 21:30 on Saturday."
    mentions = extract_dates(text, WEDNESDAY)
    assert [(m.surface, m.kind, m.value, m.precision) for m in mentions] == [
        ("19:45", "time", "2020-01-29T19:45", "time"),
        ("21:30 on Saturday", "time", "2020-01-25T21:30", "time"),
    ]


def test_durations_and_sets() -> None:
    text = "He served for three years and was paid twice a month. Reports come out every week."
    found = {m.surface: m for m in extract_dates(text, WEDNESDAY)}
    assert (found["three years"].kind, found["three years"].value) == ("duration", "P3Y")
    assert found["three years"].start_date is None
    assert (found["twice a month"].kind, found["twice a month"].value) == ("set", "P1M")
    assert (found["every week"].kind, found["every week"].value) == ("set", "P1W")


def test_rates_are_not_durations() -> None:
    """The unit of a rate after an amount is no time: TimeML data leaves it untagged."""
    text = (
        "It pays $1.76 a year, saves $500 million a year, adds 700 seats a week and runs "
        "four flights a week, 24 hours a day; the deal lasts a year."
    )
    found = [(m.surface, m.value) for m in extract_dates(text, WEDNESDAY)]
    assert found == [("24 hours", "PT24H"), ("a year", "P1Y")]


def test_explicit_formats() -> None:
    text = (
        "Signed on Jan. 25, 2013, on 25 January 2005, on 2020-01-29 and on 29/01/2020; "
        "results in Q3 2004, fiscal 2006 and the 2006-07 season."
    )
    values = [m.value for m in extract_dates(text, None)]
    assert values == ["2013-01-25", "2005-01-25", "2020-01-29", "2020-01-29", "2004-Q3",
                      "2006", "2006"]  # fmt: skip


def test_sentences_argument_is_used() -> None:
    text = "First line.\nOn Friday it rained."
    sentences = split_sentences(text)
    (mention,) = extract_dates(text, WEDNESDAY, sentences)
    assert mention.sentence == 1


def test_mentions_never_cross_a_line_break() -> None:
    text = "Markets closed until Friday\nSeptember 18, 2008 was calm."
    surfaces = [m.surface for m in extract_dates(text, date(2008, 9, 18))]
    assert surfaces == ["Friday", "September 18, 2008"]


@pytest.mark.parametrize(
    ("published", "text", "surface", "value", "start", "end"),
    [
        # ISO weeks across a year boundary: 2020 has 53 weeks.
        (date(2021, 1, 6), "Prices rose last week.", "last week", "2020-W53",
         date(2020, 12, 28), date(2021, 1, 3)),
        # Winter spans the turn of the year and takes December's year.
        (date(2021, 1, 20), "Snow fell early this winter.", "early this winter", "2020-WI",
         date(2020, 12, 1), date(2021, 2, 28)),
        # Day arithmetic through a leap day; a month shift of a day gives a month.
        (date(2020, 5, 1), "It opened on Feb. 28, 2020. Two days later it was sold.",
         "Two days later", "2020-03-01", date(2020, 3, 1), date(2020, 3, 1)),
        (date(2019, 5, 1), "It opened on March 31, 2019. Two months earlier it was sold.",
         "Two months earlier", "2019-01", date(2019, 1, 1), date(2019, 1, 31)),
        # A leap day one year on: the year is what is meant, not a day.
        (date(2019, 5, 1), "It opened on Feb. 29, 2016. A year later it closed.",
         "A year later", "2017", date(2017, 1, 1), date(2017, 12, 31)),
        (date(2019, 5, 1), "Use peaked in the 2000s.", "the 2000s", "200X",
         date(2000, 1, 1), date(2009, 12, 31)),
        (date(2019, 5, 1), "It was built in the 21st century.", "the 21st century", "20",
         date(2000, 1, 1), date(2099, 12, 31)),
        (date(2019, 5, 1), "Profit doubled in the second half of 2018.",
         "the second half of 2018", "2018-H2", date(2018, 7, 1), date(2018, 12, 31)),
    ],
)  # fmt: skip
def test_calendar_edges(
    published: date, text: str, surface: str, value: str, start: date, end: date
) -> None:
    found = {m.surface: m for m in extract_dates(text, published)}
    mention = found[surface]
    assert (mention.value, mention.start_date, mention.end_date) == (value, start, end)
