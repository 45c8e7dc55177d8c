"""RSS/Atom sources: entries round-trip, unsafe XML is refused, URL feeds are fetched."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsfacts.records import Article, SourceProblem
from newsfacts.sources import read_sources
from newsfacts.sources.decode import BadInput
from newsfacts.sources.feeds import read_feed_url
from tests.conftest import split_items

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"


def test_rss_entries_round_trip() -> None:
    articles, problems = split_items(list(read_sources([FIXTURES / "wire.rss"])))
    first, last = articles
    assert first.text == (
        "Dhaka: Flood waters rose by 2 metres on Monday, forcing 3,000 families from their "
        "homes.\nOfficials said 14 shelters were open.\nMore rain is expected on Friday."
    )
    assert (first.source_id, first.title, first.url, first.source) == (
        "wire-0001",
        "Flood waters & rain",
        "https://news.example.org/2021/05/04/flood",
        "Example Wire",
    )
    # The entry's own day (23:30 at -05:00), not the UTC day after.
    assert (first.published, first.published_from) == (date(2021, 5, 4), "metadata")
    assert first.source_uri.endswith("wire.rss#entry-1")
    assert last.text == "The bridge reopened after 9 months of repairs costing $4 million."
    assert last.published == date(2021, 5, 6)
    assert last.source_uri.endswith("wire.rss#entry-3")
    (problem,) = problems
    assert problem.check == "missing_text"
    assert "wire.rss entry 2" in problem.reason


def test_atom_content_title_and_dates() -> None:
    articles, problems = split_items(list(read_sources([FIXTURES / "desk.atom"])))
    harvest, ferries = articles
    assert harvest.text == (
        "Nairobi\nThe maize harvest doubled to 40,000 tonnes in 2021.\n"
        "Rain: 20% above normal\nFarms: 1,200"
    )
    assert harvest.title == "Harvest doubles"
    assert (harvest.source_id, harvest.url, harvest.source) == (
        "urn:example:desk:17",
        "https://desk.example.org/harvest",
        "Example Desk",
    )
    assert harvest.published == date(2022, 2, 1)  # published wins over updated
    assert ferries.text == "Lagos: Two ferries collided on Tuesday <no tag>."  # text, not HTML
    assert ferries.published == date(2022, 2, 2)  # only <updated>
    (problem,) = problems
    assert (problem.check, problem.source_uri) == ("metadata", str(FIXTURES / "desk.atom"))
    assert "desk.atom entry 3" in problem.reason
    assert "sometime in spring" in problem.reason


@pytest.mark.parametrize("name", ["laughs.xml", "external.rss"])
def test_entity_declarations_are_refused(name: str) -> None:
    (problem,) = read_sources([FIXTURES / name])
    assert isinstance(problem, SourceProblem)
    assert problem.check == "unsafe_xml"
    assert name in problem.reason


def test_malformed_xml_with_entities_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    text = (FIXTURES / "laughs.xml").read_text(encoding="utf-8").replace("</channel>", "")
    path.write_text(text, encoding="utf-8")
    (problem,) = read_sources([path])
    assert isinstance(problem, SourceProblem)
    assert problem.check == "unsafe_xml"


def test_xml_that_is_not_a_feed_is_reported() -> None:
    (problem,) = read_sources([FIXTURES / "notafeed.xml"])
    assert isinstance(problem, SourceProblem)
    assert problem.check == "format"
    assert "notafeed.xml" in problem.reason


def test_feed_over_the_size_limit_is_refused() -> None:
    (problem,) = read_sources([FIXTURES / "wire.rss"], max_bytes=10)
    assert isinstance(problem, SourceProblem)
    assert problem.check == "too_large"
    assert "wire.rss" in problem.reason


class _FeedHandler(BaseHTTPRequestHandler):
    body = (FIXTURES / "wire.rss").read_bytes()

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.0)  # longer than the client's timeout; then hang up
            return
        if self.path != "/feed.rss":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def feed_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_feed_url_is_read_from_a_local_server(feed_server: str) -> None:
    url = f"{feed_server}/feed.rss"
    articles, problems = split_items(list(read_feed_url(url, None, 1_000_000, timeout=5)))
    assert [a.source_id for a in articles] == ["wire-0001", "wire-0003"]
    assert articles[0].source_uri == f"{url}#entry-1"
    assert articles[0].published == date(2021, 5, 4)
    assert [p.check for p in problems] == ["missing_text"]
    assert url in problems[0].reason


def test_feed_url_errors_are_problems(feed_server: str) -> None:
    (missing,) = read_feed_url(f"{feed_server}/nothing", None, 1_000_000, timeout=5)
    assert isinstance(missing, SourceProblem)
    assert (missing.check, "404" in missing.reason) == ("unreadable", True)
    (too_big,) = read_feed_url(f"{feed_server}/feed.rss", None, 10, timeout=5)
    assert isinstance(too_big, SourceProblem)
    assert too_big.check == "too_large"
    (slow,) = read_feed_url(f"{feed_server}/slow", None, 1_000_000, timeout=0.2)
    assert isinstance(slow, SourceProblem)
    assert slow.check == "unreadable"
    assert "timed out" in slow.reason
    (scheme,) = read_feed_url("file:///feed.rss", None, 1_000_000)
    assert isinstance(scheme, SourceProblem)
    assert scheme.check == "format"


def test_feed_url_fetch_is_injectable() -> None:
    calls: list[tuple[str, float, int]] = []

    def fetch(url: str, timeout: float, limit: int) -> bytes:
        calls.append((url, timeout, limit))
        return (FIXTURES / "desk.atom").read_bytes()

    items = list(read_feed_url("https://desk.example.org/feed", None, 1000, fetch=fetch))
    assert calls == [("https://desk.example.org/feed", 20.0, 20_000)]
    assert len([i for i in items if isinstance(i, Article)]) == 2

    def refuse(url: str, timeout: float, limit: int) -> bytes:
        raise BadInput("too_large", f"the feed is over {limit:,} bytes")

    (problem,) = read_feed_url("https://desk.example.org/feed", None, 1000, fetch=refuse)
    assert isinstance(problem, SourceProblem)
    assert problem.check == "too_large"


def test_read_sources_takes_a_feed_url(feed_server: str) -> None:
    from newsfacts.sources import read_sources

    url = f"{feed_server}/feed.rss"
    articles, _ = split_items(list(read_sources([url])))
    assert [a.source_id for a in articles] == ["wire-0001", "wire-0003"]
