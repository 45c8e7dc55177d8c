"""All extractors over one article: the unit of work of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass

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
