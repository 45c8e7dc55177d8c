"""All extractors over one article: the unit of work of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsfacts.extract.counts import extract_counts
from newsfacts.extract.dates import extract_dates
from newsfacts.extract.gazetteer import Gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.extract.text import split_sentences
from newsfacts.records import Article, CountMention, DateMention, PlaceMention


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    article: Article
    dates: list[DateMention]
    counts: list[CountMention]
    places: list[PlaceMention]


def extract_article(article: Article, gazetteer: Gazetteer | None = None) -> ArticleFacts:
    """Dates, counts and places of one article; the sentence split is shared by all three."""
    text = article.text
    sentences = split_sentences(text)
    return ArticleFacts(
        article=article,
        dates=extract_dates(text, article.published, sentences),
        counts=extract_counts(text, sentences),
        places=extract_places(text, sentences, gazetteer, dateline_place=article.dateline_place),
    )


#: One sentence with a date, a count and a place: extracting it once compiles every pattern
#: and reads every word list, the one-time start-up an extraction process pays before its
#: first article (the worker fork server does it before forking, benchmarks before timing).
WARM_UP_TEXT = "On Monday, at least 3 people were killed in Aleppo, Syria, police said."


def warm_up(gazetteer: Gazetteer | None) -> ArticleFacts:
    """Run every extractor once on WARM_UP_TEXT (see there)."""
    article = Article("warm-up", WARM_UP_TEXT, "warm-up", published=date(2020, 1, 6))
    return extract_article(article, gazetteer)
