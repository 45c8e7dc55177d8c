"""WARC sources: HTML responses become articles; other and corrupt records do not stop a crawl.

The archives are written inside each test with warcio's own writer.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfacts.records import Article, SourceProblem
from newsfacts.sources import read_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
STORY = (
    "<html><head><title>Ferry rescue</title></head><body><article>"
    "<h1>Ferry rescue</h1>"
    "<p>Colombo: The navy rescued 57 passengers from a ferry that ran aground on Sunday "
    "night, a spokesman said.</p>"
    "<p>Two crew members were missing and 8 people were treated for exposure.</p>"
    "</article></body></html>"
)
STORY_TEXT = (
    "Colombo: The navy rescued 57 passengers from a ferry that ran aground on Sunday night, "
    "a spokesman said.\nTwo crew members were missing and 8 people were treated for exposure."
)


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-03-10T06:30:00Z", "WARC-Record-ID": f"<urn:{url}>"},
    )
    writer.write_record(record)


def _crawl(gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    _response(writer, "https://port.example.org/ferry", STORY.encode())
    _response(writer, "https://port.example.org/logo.png", b"\x89PNG\r\n", "image/png")
    _response(writer, "https://port.example.org/gone", STORY.encode(), status="404 Not Found")
    _response(writer, "https://port.example.org/", (FIXTURES / "index.html").read_bytes())
    _response(writer, "https://times.example.org/quake", (FIXTURES / "quake.html").read_bytes())
    return out.getvalue()


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_round_trip(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    path.write_bytes(_crawl(gzip))
    items = list(read_sources([tmp_path]))  # the folder scan finds .warc.gz too
    ferry, quake = (i for i in items if isinstance(i, Article))
    assert ferry.text == STORY_TEXT
    assert (ferry.title, ferry.url, ferry.source_id) == (
        "Ferry rescue",
        "https://port.example.org/ferry",
        "<urn:https://port.example.org/ferry>",
    )
    # No date in the page: the capture date is the fallback, ahead of the dateline.
    assert (ferry.published, ferry.published_from) == (date(2024, 3, 10), "metadata")
    assert ferry.dateline_place == "Colombo"
    assert ferry.source_uri.startswith(f"{path}#")
    # The page's own date and title win; the URL is where the crawler found it.
    assert (quake.published, quake.title) == (date(2021, 5, 6), "Quake damages 40 buildings")
    assert quake.url == "https://times.example.org/quake"
    (problem,) = (i for i in items if isinstance(i, SourceProblem))
    assert problem.check == "no_text"
    assert name in problem.reason
    assert "https://port.example.org/" in problem.reason


def test_corrupt_record_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    data = _crawl(gzip=False)
    first = data.index(b"WARC/1.", 1)  # the ferry response, after the warcinfo record
    damaged = data[:first] + b"this is not a WARC header\r\n\r\n" + data[first + 8 :]
    path = tmp_path / "damaged.warc"
    path.write_bytes(damaged)
    items = list(read_sources([path]))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, SourceProblem)]
    assert [a.url for a in articles] == ["https://times.example.org/quake"]
    assert [p.check for p in problems] == ["warc", "no_text"]
    assert f"damaged.warc at byte {first}" in problems[0].reason


def test_corrupt_gzip_member_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    _response(writer, "https://port.example.org/ferry", STORY.encode())
    cut = len(out.getvalue())
    _response(writer, "https://times.example.org/quake", (FIXTURES / "quake.html").read_bytes())
    data = out.getvalue()
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(data[: cut // 2] + data[cut:])  # the first member is cut in half
    items = list(read_sources([path]))
    assert [i.url for i in items if isinstance(i, Article)] == ["https://times.example.org/quake"]
    problems = [i for i in items if isinstance(i, SourceProblem)]
    assert [p.check for p in problems] == ["warc"]
    assert "damaged.warc.gz" in problems[0].reason


def test_not_a_warc_and_oversized_page(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"hello, I am not an archive\n")
    (problem,) = read_sources([junk])
    assert isinstance(problem, SourceProblem)
    assert problem.check == "warc"
    assert "junk.warc" in problem.reason
    path = tmp_path / "crawl.warc"
    path.write_bytes(_crawl(gzip=False))
    checks = [i.check for i in read_sources([path], max_bytes=500) if isinstance(i, SourceProblem)]
    assert checks == ["no_text", "too_large"]
