"""Counts: the seed article's figures, our own variants, and the record invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.extract.counts import extract_counts
from newsfacts.extract.text import sentence_at, split_sentences
from newsfacts.records import CountMention

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_9629f5ceb7f60afd.txt"


def only(text: str) -> CountMention:
    """The single count in `text` (fails if there is not exactly one)."""
    counts = extract_counts(text)
    assert len(counts) == 1, counts
    return counts[0]


def check_invariants(text: str, counts: list[CountMention]) -> None:
    """Span, sentence, order and value-bound rules every extractor output must keep."""
    sentences = split_sentences(text)
    previous_end = 0
    for count in counts:
        assert text[count.char_start : count.char_end] == count.surface
        assert count.sentence == sentence_at(sentences, count.char_start)
        assert count.char_start >= previous_end
        previous_end = count.char_end
        if count.value is not None:
            if count.value_low is not None:
                assert count.value_low <= count.value
            if count.value_high is not None:
                assert count.value <= count.value_high


@pytest.mark.skipif(not SEED.exists(), reason="seed article not in this checkout")
def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    counts = extract_counts(text)
    check_invariants(text, counts)
    killed = [c for c in counts if c.value == 380000]
    assert len(killed) == 1
    k = killed[0]
    assert (k.qualifier, k.value_low, k.value_high, k.counted, k.category) == (
        "more_than",
        380000,
        None,
        "people",
        "KILL",
    )
    half = [c for c in counts if c.category == "DISPLACE"]
    assert len(half) == 1 and half[0].kind == "fraction" and half[0].value == 0.5
    assert half[0].qualifier == "more_than"
    km = next(c for c in counts if c.unit == "km")
    assert (km.value, km.kind, km.si_value, km.si_unit) == (10, "length", 10000, "m")
    mi = next(c for c in counts if c.unit == "mi")
    assert mi.value == 6 and mi.si_value == pytest.approx(9656.064)
    surfaces = " ".join(c.surface for c in counts)
    for not_a_count in ("2011", "2018", "M5", "5"):
        assert not_a_count not in surfaces.split()
    several = next(c for c in counts if c.surface == "several")
    assert several.value is None and several.qualifier == "vague" and several.counted == "village"


def test_indian_grouping_variant_other_numbers_and_verbs() -> None:
    c = only("The insurgency has displaced nearly 12,50,000 people since 2009.")
    assert (c.value, c.qualifier, c.category, c.counted) == (1250000, "about", "DISPLACE", "people")


def test_including_gives_two_counts_with_one_category() -> None:
    counts = extract_counts("Gunmen killed at least 12 people, including three children, in Jos.")
    assert [(c.value, c.qualifier, c.counted, c.category) for c in counts] == [
        (12, "at_least", "people", "KILL"),
        (3, "exact", "child", "KILL"),
    ]


def test_including_other_verb_and_numbers() -> None:
    counts = extract_counts("Police arrested 45 men, among them seven minors, in Mosul.")
    assert [(c.value, c.category) for c in counts] == [(45, "ARREST"), (7, "ARREST")]


@pytest.mark.parametrize(
    ("text", "value", "category"),
    [
        ("12 were killed when the bridge collapsed.", 12, "KILL"),
        ("Nine were wounded in Herat on Tuesday.", 9, "WOUND"),
        ("By Sunday the death toll rose to 40.", 40, "KILL"),
        ("The death toll from the quake in Van has risen to 217.", 217, "KILL"),
        ("A bomb hit the bus, killing at least three.", 3, "KILL"),
        ("The storm killed or injured 28 villagers.", 28, "KILL"),
        ("Rebels abducted 31 students from a school in Kaduna.", 31, "KIDNAP"),
        ("More than 600 residents were evacuated from Leeds.", 600, "EVACUATE"),
        ("Some 70 people are still missing.", 70, "MISSING"),
        ("Troops detained 14 suspects.", 14, "ARREST"),
        ("The drought has affected 2.4 million people.", 2_400_000, "AFFECT"),
        ("Five thousand demonstrators gathered in the square.", 5000, "PROTEST"),
    ],
)
def test_categories(text: str, value: float, category: str) -> None:
    c = only(text)
    assert (c.value, c.category) == (value, category)


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("The country spent $1.2bn on arms.", 1.2e9, "USD", "money"),
        ("The club paid £300m for the stadium.", 3e8, "GBP", "money"),
        ("The state budget is Rs 1,00,00,000.", 1e7, "INR", "money"),
        ("Sales rose to 2.5 million units.", 2.5e6, None, "count"),
        ("The ceasefire line runs 25 miles east.", 25, "mi", "length"),
        ("Turnout was 40 per cent.", 40, "%", "percent"),
        ("It gained 7% in March.", 7, "%", "percent"),
        ("The fund is worth €3.5 billion.", 3.5e9, "EUR", "money"),
        ("Tickets cost 15 euros.", 15, "EUR", "money"),
    ],
)
def test_money_measures_and_scales(text: str, value: float, unit: str | None, kind: str) -> None:
    c = only(text)
    assert c.value == pytest.approx(value)
    assert (c.unit, c.kind) == (unit, kind)


def test_dozens_of_protesters_is_a_vague_twelve() -> None:
    c = only("Police dispersed dozens of protesters in Minsk.")
    assert (c.value, c.value_low, c.qualifier, c.category, c.counted) == (
        12,
        12,
        "vague",
        "PROTEST",
        "protester",
    )


def test_ranges() -> None:
    c = only("Between 150 and 200 families fled.")
    assert (c.qualifier, c.value, c.value_low, c.value_high, c.category) == (
        "range",
        150,
        150,
        200,
        "DISPLACE",
    )
    d = only("Officials expect 3-4 million visitors.")
    assert (d.value_low, d.value_high) == (3e6, 4e6)


@pytest.mark.parametrize(
    "text",
    [
        "In 1998, the town was one of the first to rebel.",
        "The deal was signed in Moscow in 2016.",
        "Traffic on the M62 and the A1 was halted.",
        "The COVID-19 pandemic and the G20 summit.",
        "He installed Windows 11 on his laptop.",
        "Maria Lopez, 52, was questioned.",
        "A man aged 63 was questioned.",
        "The vote is on March 3 or 14 April.",
        "Doors open at 7:45 and close at 11pm.",
        "It is the 3rd time this year.",
        "Leeds won 2-1 at home.",
        "Call 0800 555 0199 for details.",
        "Prices peaked in the 1970s.",
    ],
)
def test_not_counts(text: str) -> None:
    assert extract_counts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A 19-year-old student was hurt.",
        "The 65-year-old worries about his income.",
        "He will be 30 years old by the end of the year.",
        "her 18 month-old daughter",
        "tunnels drilled from 400 million-year-old bedrock",
    ],
)
def test_ages_are_not_counts(text: str) -> None:
    """Ages are recognised (so "a 30-year-old" is not read as 30 years) and left out."""
    assert extract_counts(text) == []


def test_an_age_next_to_a_count_leaves_the_count() -> None:
    (killed,) = extract_counts("A 42-year-old man was arrested and 3 people were killed.")
    assert (killed.value, killed.category) == (3, "KILL")


def test_exact_counts_fill_both_bounds() -> None:
    c = only("Rescuers found 23 survivors.")
    assert (c.value_low, c.value, c.value_high, c.qualifier) == (23, 23, 23, "exact")


def test_sentences_argument_is_used() -> None:
    text = "First line here.\nNow 12 people fled."
    counts = extract_counts(text, split_sentences(text))
    assert counts[0].sentence == 1


FRAGMENTS = [
    "killed more than 3,80,000 people",
    "in 2011",
    "the M5 highway",
    "about 40 per cent",
    "dozens of protesters",
    "between 20 and 30 homes",
    "$1.2bn",
    "six miles",
    "aged 25",
    "at 10:30",
    "12 were wounded",
    "half the population",
    "several other villages",
    ",",
    ".",
    "\n",
    "including three children",
    "up to 50",
    "Section 4",
    "1,00,00,000",
    "the 3rd",
    "killed a man",
    "a suspect was arrested",
    "5% to",
    "$3 per",
    "aged 18 to",
    "and two",
    "dozen",
    "Four",
    "from 20",
    "to 30 km",
    "-",
    "2019-20",
    "a dozen",
    "more than",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.text(max_size=40))
def test_invariants_hold_on_any_mix(parts: list[str], noise: str) -> None:
    text = " ".join(parts) + noise
    check_invariants(text, extract_counts(text))


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Brent traded at $81.40 per barrel.", 81.40, "USD/bbl"),
        ("Output fell to 900,000 barrels a day.", 900000, "bbl/d"),
        ("The flat rents for £1,250 a month.", 1250, "GBP/mo"),
    ],
)
def test_rates_keep_both_units(text: str, value: float, unit: str) -> None:
    c = only(text)
    assert (c.value, c.unit, c.si_value) == (pytest.approx(value), unit, None)


def test_article_counts_one_person_only_with_a_cue() -> None:
    counts = extract_counts("Troops detained a senior commander along with four of his guards.")
    assert [(c.surface, c.value, c.category, c.counted) for c in counts] == [
        ("a", 1, "ARREST", "commander"),
        ("four", 4, "ARREST", "guard"),
    ]
    assert extract_counts("Rebels captured the village and a bridge.") == []
    passive = only("In Basra an engineer was abducted on Monday.")
    assert (passive.value, passive.category, passive.rule) == (1, "KIDNAP", "article+cue")


def test_coordinated_objects_share_the_verb() -> None:
    counts = extract_counts("Police arrested 6 men and two women in Lyon.")
    assert [(c.value, c.category) for c in counts] == [(6, "ARREST"), (2, "ARREST")]


def test_coordination_after_a_long_name_and_in_lists() -> None:
    counts = extract_counts(
        "Troops detained a Tehrik-e Taliban Pakistan Movement of Swat commander and several "
        "other fighters."
    )
    assert [(c.value, c.category) for c in counts] == [(1, "ARREST"), (None, "ARREST")]
    listed = extract_counts("Police arrested a commander, a financier and a courier in Herat.")
    assert [(c.counted, c.category) for c in listed] == [
        ("commander", "ARREST"),
        ("financier", "ARREST"),
        ("courier", "ARREST"),
    ]
    # an apposition is the same person
    assert len(extract_counts("Police detained a suspect, a man from Kabul, on Friday.")) == 1


def test_coordinated_passive_subjects_each_count() -> None:
    counts = extract_counts("A bomb maker and a courier were arrested in Kandahar.")
    assert [(c.counted, c.value, c.category) for c in counts] == [
        ("maker", 1, "ARREST"),
        ("courier", 1, "ARREST"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Voters aged 18 to 24 stayed home.",
        "The FTSE 100 and the Nasdaq 100 closed higher.",
        "A baker's dozen loaves.",
    ],
)
def test_more_non_counts(text: str) -> None:
    assert extract_counts(text) == []


def test_percent_written_pc_and_unit_ranges() -> None:
    assert only("Gilts yield 4.1pc.").unit == "%"
    c = only("Growth of between 5% and 6% is expected.")
    assert (c.qualifier, c.value_low, c.value_high, c.unit) == ("range", 5, 6, "%")


def test_a_bare_level_after_to_continues_the_points() -> None:
    counts = extract_counts("The Nikkei shed 210.5 points, or 0.9%, to close at 23,480.16.")
    assert [(c.value, c.counted) for c in counts] == [
        (210.5, "point"),
        (0.9, None),
        (23480.16, "point"),
    ]
    # a small whole number is a rank or a score, not an index level
    ranked = extract_counts("The index fell 3.5 points, or 2%, and the club slid to 12.")
    assert ranked[-1].counted is None


def test_a_governed_pronoun_is_one_person() -> None:
    killed = only("The patrol returned fire, killing him.")
    assert (killed.value, killed.category, killed.rule) == (1, "KILL", "pronoun+cue")
    passive = only("He was detained near the market.")
    assert (passive.value, passive.category, passive.counted) == (1, "ARREST", "person")
    assert extract_counts("Gunmen killed her brother.") == []


def test_a_person_named_after_a_killing_verb_is_one() -> None:
    named = only("The patrol returned fire, killing Gul Mohammad.")
    assert (named.surface, named.value, named.category, named.rule) == (
        "Gul Mohammad",
        1,
        "KILL",
        "name+cue",
    )
    # a title, a noun cue or a weekday is no name
    assert extract_counts("She starred in The Killing Fields, a film.") == []
    assert extract_counts("It changed the lives of Kashmiris.") == []
    assert extract_counts("The blast killing Sunday shoppers.") == []
