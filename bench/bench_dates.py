"""Speed of the date extractor on the BBC News corpus, against dateparser.search_dates.

Usage: python bench/bench_dates.py [BBC_DIR] [--limit N] [--repeat R]

Reads every `*.txt` under BBC_DIR (default ../shared/corpora/bbc-news), then times
`extract_dates` over all articles (best of R runs, one core) and, when dateparser is
installed, `dateparser.search_dates` on the same articles in the same run. Prints
ms per article, ms per 2 kB and articles per second. The texts are only read, never
copied. The corpus has no publication dates, so a fixed one is passed to both tools
(dateparser gets it as RELATIVE_BASE).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bbc import read_articles

from newsfacts.extract.dates import extract_dates
from newsfacts.extract.text import split_sentences

PUBLISHED = dt.date(2005, 3, 16)


def time_runs(run: Callable[[str], object], texts: list[str], repeat: int) -> tuple[float, int]:
    """Best wall time over `repeat` passes, and the number of results of the last pass."""
    best = float("inf")
    found = 0
    for _ in range(repeat):
        found = 0
        start = time.perf_counter()
        for text in texts:
            result = run(text)
            found += len(result) if isinstance(result, list) else 0
        best = min(best, time.perf_counter() - start)
    return best, found


def report(name: str, seconds: float, found: int, texts: list[str]) -> None:
    n = len(texts)
    kb2 = sum(len(t) for t in texts) / 2048
    print(
        f"{name:<26} {1000 * seconds / n:8.3f} ms/article  {1000 * seconds / kb2:8.3f} ms/2kB  "
        f"{n / seconds:10.1f} articles/s  {found:6d} mentions"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="../shared/corpora/bbc-news")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dateparser-limit", type=int, default=300,
                        help="articles for dateparser (it is slow); 0 = all")  # fmt: skip
    args = parser.parse_args()
    texts = read_articles(Path(args.folder), args.limit)
    if not texts:
        sys.exit(f"no .txt files under {args.folder}")
    sizes = [len(t) for t in texts]
    print(f"{len(texts)} articles, mean {statistics.mean(sizes):.0f} chars")
    extract_dates("warm-up on Friday, 3 March 2004.", PUBLISHED)  # compile patterns
    # The pipeline splits sentences once and hands them to every extractor.
    split = {id(t): split_sentences(t) for t in texts}
    seconds, found = time_runs(lambda t: extract_dates(t, PUBLISHED, split[id(t)]), texts,
                               args.repeat)  # fmt: skip
    report("newsfacts extract_dates", seconds, found, texts)
    seconds, found = time_runs(lambda t: extract_dates(t, PUBLISHED), texts, args.repeat)
    report("  + sentence splitting", seconds, found, texts)
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser not installed: pip install dateparser to compare")
        return
    subset = texts if args.dateparser_limit == 0 else texts[: args.dateparser_limit]
    base = dt.datetime(PUBLISHED.year, PUBLISHED.month, PUBLISHED.day)
    settings = {"RELATIVE_BASE": base}
    search_dates("warm-up on Friday", languages=["en"], settings=settings)

    def run_dateparser(text: str) -> list[object]:
        return search_dates(text, languages=["en"], settings=settings) or []

    seconds, found = time_runs(run_dateparser, subset, 1)
    report(f"dateparser ({len(subset)} art.)", seconds, found, subset)
    seconds, found = time_runs(lambda t: extract_dates(t, PUBLISHED), subset, args.repeat)
    report(f"newsfacts ({len(subset)} art.)", seconds, found, subset)


if __name__ == "__main__":
    main()
