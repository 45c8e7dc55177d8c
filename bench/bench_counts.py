"""Speed of the count extractor on the BBC News corpus, against quantulum3.

Usage: python bench/bench_counts.py [BBC_DIR] [--limit N] [--repeat R] [--peer-limit M]

Reads every `*.txt` under BBC_DIR (default ../shared/corpora/bbc-news), times
`extract_counts` over all articles (best of R runs, one core, sentences split beforehand
as the pipeline does), then checks linearity on one long text made of 1, 4 and 16 copies
of the articles, and, when quantulum3 is installed (benchmark only, never a runtime
dependency), times `quantulum3.parser.parse` on the first M articles of the same list and
shows both tools' reading of "more than 3,80,000 people". The texts are only read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bbc import read_articles

from newsfacts.extract.counts import extract_counts
from newsfacts.extract.text import split_sentences

PROBE = "The civil war has killed more than 3,80,000 people and displaced half the population."


def best_time(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Best wall time of `run` over `repeat` calls, and what the last call returned."""
    best = float("inf")
    found = 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = run()
        best = min(best, time.perf_counter() - start)
    return best, found


def report(name: str, seconds: float, texts: list[str], found: int) -> None:
    """One result line: ms per article, ms per 2 kB, articles per second."""
    chars = sum(len(t) for t in texts)
    print(
        f"{name:<14} {len(texts):5d} articles  {found:6d} counts  "
        f"{1000 * seconds / len(texts):8.3f} ms/article  "
        f"{1000 * seconds / (chars / 2000):8.3f} ms/2kB  {len(texts) / seconds:9.0f} art/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="../shared/corpora/bbc-news", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-limit", type=int, default=200)
    args = parser.parse_args()
    texts = read_articles(args.folder, args.limit)
    if not texts:
        sys.exit(f"no articles under {args.folder}")
    sizes = [len(t) for t in texts]
    print(f"{len(texts)} articles, mean {statistics.mean(sizes):.0f} chars")
    sentences = [split_sentences(t) for t in texts]
    extract_counts(texts[0])  # load resources and compile patterns outside the timing

    def ours() -> int:
        return sum(len(extract_counts(t, s)) for t, s in zip(texts, sentences, strict=True))

    seconds, found = best_time(ours, args.repeat)
    report("newsfacts", seconds, texts, found)

    print("linearity (one text of N copies):")
    base = "\n".join(texts[: min(len(texts), 50)])
    per_char = []
    for copies in (1, 4, 16):
        big = "\n".join([base] * copies)
        big_sentences = split_sentences(big)
        secs, _ = best_time(lambda b=big, s=big_sentences: len(extract_counts(b, s)), 2)
        per_char.append(secs / len(big))
        print(
            f"  x{copies:<3d} {len(big):9d} chars  {1000 * secs:8.1f} ms  "
            f"{1e9 * secs / len(big):7.1f} ns/char"
        )
    print(f"  ns/char ratio x16/x1: {per_char[-1] / per_char[0]:.2f} (1.0 = linear)")

    ours_probe = [(c.surface, c.value, c.qualifier, c.category) for c in extract_counts(PROBE)]
    print(f"ours on the probe: {ours_probe}")
    if args.peer_limit <= 0:
        print("--peer-limit 0: peer comparison skipped")
        return
    try:
        from quantulum3 import parser as q3
    except ImportError:
        print("quantulum3 not installed: peer comparison skipped")
        return
    sample = texts[: args.peer_limit]
    peer_seconds, peer_found = best_time(lambda: sum(len(q3.parse(t)) for t in sample), 1)
    ours_seconds, ours_found = best_time(
        lambda: sum(len(extract_counts(t)) for t in sample), args.repeat
    )
    report("quantulum3", peer_seconds, sample, peer_found)
    report("newsfacts", ours_seconds, sample, ours_found)
    print(f"speed-up on the same {len(sample)} articles: {peer_seconds / ours_seconds:.0f}x")
    peer_probe = [(q.surface, q.value, q.unit.name) for q in q3.parse(PROBE)]
    print(f"quantulum3 on the probe: {peer_probe}")


if __name__ == "__main__":
    main()
