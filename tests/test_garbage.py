"""Generated garbage never crashes a run and never costs a good article.

Hypothesis writes random files (bytes, broken UTF-8, JSONL with broken lines, odd fields,
impossible dates) next to a known good article; reading and processing must account for
every input and load the good article every time.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.pipeline import process_batch, select_new
from newsfacts.records import Article, SourceProblem
from newsfacts.sources import read_sources

GOOD = "Kabul: Two people were killed on Monday in Herat province."

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "title": json_values,
        "url": json_values,
        "published": st.one_of(json_values, st.dates().map(str), st.just("2021-02-30")),
        "text": st.one_of(json_values, st.text(max_size=200)),
        "extra": json_values,
    },
)
jsonl_lines = st.one_of(
    records.map(json.dumps),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
    st.text(max_size=80),
)
txt_payloads = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.text(min_size=1, max_size=50).map(lambda t: t.encode("utf-16")),
    st.text(min_size=2, max_size=50).map(lambda t: t.encode("utf-8")[:-1]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    txt=st.lists(txt_payloads, max_size=4),
    jsonl=st.lists(jsonl_lines, max_size=6),
)
def test_garbage_is_reported_and_the_good_article_loads(txt: list[bytes], jsonl: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        for index, payload in enumerate(txt):
            (folder / f"g{index}.txt").write_bytes(payload)
        (folder / "feed.jsonl").write_text(
            "\n".join(line.replace("\n", " ") for line in jsonl) + "\n",
            encoding="utf-8",
            errors="surrogatepass",
        )
        items = list(read_sources([folder]))
        batch = select_new(items, set())
        output = process_batch(batch, "run", None)

    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, SourceProblem)]
    # every .txt file is exactly one article or one problem
    txt_uris = {i.source_uri for i in items if not i.source_uri.split("#")[0].endswith(".jsonl")}
    assert len(txt_uris) == len(txt) + 1
    assert all(p.reason for p in problems)
    loaded = output.tables["articles"].column("text").to_pylist()
    assert GOOD in loaded
    stats = output.stats
    assert stats["articles_seen"] == len(articles)
    assert stats["articles_seen"] == (
        stats["articles_new"] + stats["articles_skipped"] + stats["articles_rejected"]
    )
    for table in ("dates", "counts", "places"):
        assert stats[f"{table}_extracted"] == stats[f"{table}_loaded"] + stats[f"{table}_rejected"]
