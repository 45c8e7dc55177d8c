"""`newsfacts report`: a self-contained page, rendered for real in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from tests.conftest import Loaded

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.fixture(scope="module")
def report(loaded: Loaded, tmp_path_factory: pytest.TempPathFactory) -> Path:
    wh, _, _ = loaded
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", "--out", str(out), "-w", str(wh.root)])
    assert result.exit_code == 0, result.output
    return out


def test_report_is_self_contained_with_map_timeline_and_counts(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    assert "<script" not in page
    assert page.count('class="map"') == 1 and page.count('class="timeline"') == 1
    assert "<title>Damascus (SY): 4 mentions</title>" in page
    assert "<title>2020-01: 3</title>" in page  # the three Wednesdays
    assert "<title>2019-12: 0</title>" in page  # months with nothing are shown as such
    assert ">KILL</span></td><td>SY</td>" in page
    land = re.search(r'<path d="([^"]+)" class="land"', page)
    assert land is not None and land.group(1).count("M") > 5000  # the inhabited world


def test_report_renders_in_chromium_without_errors(report: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    image = pytest.importorskip("PIL.Image")
    shot = tmp_path / "report.png"
    done = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1200,1400",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file(), done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    with image.open(shot) as png:
        colours = png.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20  # not blank: map, dots, bars, text
    assert max(count for count, _ in colours) < 0.9 * 1200 * 1400  # no colour fills the page


def test_timeline_is_continuous_and_keeps_totals() -> None:
    from newsfacts.report import continuous

    months = [("2019-11", 2), ("2020-02", 3)]
    assert continuous(months) == [("2019-11", 2), ("2019-12", 0), ("2020-01", 0), ("2020-02", 3)]
    decades = continuous([("1990-01", 2), ("1990-07", 1), ("2020-02", 3)])
    assert decades[0] == ("1990", 3) and decades[-1] == ("2020", 3) and len(decades) == 31
