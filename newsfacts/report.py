"""`newsfacts report`: one self-contained HTML page with a map, a timeline and top counts.

Self-contained means no network at view time: no tiles, no scripts, no fonts, only inline
SVG and CSS. The world outline is drawn from the gazetteer that ships with newsfacts: every
1-degree cell holding a GeoNames settlement is land, which outlines the inhabited world
without any map data file (deserts and ice stay blank, honestly so).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.query import connect_read_only
from newsfacts.settings import Warehouse

WIDTH, HEIGHT = 1080, 540  # equirectangular, 3 px per degree
_SCALE = WIDTH / 360
_CATEGORY_COLOURS = {
    "KILL": "#c0392b",
    "WOUND": "#e67e22",
    "DISPLACE": "#8e44ad",
    "ARREST": "#2c3e50",
    "KIDNAP": "#d35400",
    "MISSING": "#7f8c8d",
    "EVACUATE": "#16a085",
    "PROTEST": "#2980b9",
    "AFFECT": "#27ae60",
}


@dataclass(frozen=True, slots=True)
class ReportData:
    articles: int
    facts: dict[str, int]
    places: list[tuple[str, str | None, float, float, int]]  # name, country, lat, lon, n
    months: list[tuple[str, int]]  # YYYY-MM, date mentions
    top_counts: list[tuple[str, str | None, int, float | None]]  # category, country, n, sum


def collect(wh: Warehouse, limit: int = 25) -> ReportData:
    """Everything the page shows, in a handful of read-only queries."""
    con = connect_read_only(wh)
    try:
        (articles,) = con.execute("SELECT count(*) FROM articles").fetchone() or (0,)
        facts = {
            t: (con.execute(f"SELECT count(*) FROM {t}").fetchone() or (0,))[0]
            for t in ("dates", "counts", "places")
        }
        places = con.execute(
            "SELECT any_value(name), any_value(country_code), any_value(latitude), "
            "any_value(longitude), count(*) FROM places WHERE latitude IS NOT NULL "
            "GROUP BY geonameid, name ORDER BY count(*) DESC"
        ).fetchall()
        months = con.execute(
            "SELECT strftime(start_date, '%Y-%m') AS m, count(*) FROM dates "
            "WHERE precision IN ('day', 'week', 'weekend', 'month') AND start_date IS NOT NULL "
            "GROUP BY m ORDER BY m"
        ).fetchall()
        top = con.execute(
            "SELECT c.category, ac.country_code, count(*), sum(coalesce(c.value_low, c.value)) "
            "FROM counts c LEFT JOIN article_country ac USING (article_id) "
            "WHERE c.category IS NOT NULL AND c.kind = 'count' "
            "GROUP BY ALL ORDER BY 4 DESC NULLS LAST, 3 DESC "
            f"LIMIT {int(limit)}"
        ).fetchall()
    finally:
        con.close()
    return ReportData(int(articles), facts, places, months, top)


def land_cells(gazetteer: Gazetteer) -> frozenset[tuple[int, int]]:
    """1-degree cells (lon, lat) that hold at least one settlement."""
    cells = set()
    for feature, lat, lon in zip(gazetteer.features, gazetteer.lats, gazetteer.lons, strict=True):
        if feature == "city" and lat is not None and lon is not None:
            cells.add((math.floor(lon), math.floor(lat)))
    return frozenset(cells)


def _xy(lat: float, lon: float) -> tuple[float, float]:
    return (lon + 180) * _SCALE, (90 - lat) * _SCALE


def world_map(data: ReportData, cells: Iterable[tuple[int, int]]) -> str:
    step = _SCALE
    land = "".join(
        f"M{(lon + 180) * step:.0f} {(89 - lat) * step:.0f}h{step:.0f}v{step:.0f}h-{step:.0f}z"
        for lon, lat in sorted(cells)
    )
    largest = max((n for *_, n in data.places), default=1)
    dots = []
    for name, country, lat, lon, n in data.places:
        x, y = _xy(lat, lon)
        radius = 3 + 9 * math.sqrt(n / largest)
        label = html.escape(f"{name} ({country or '-'}): {n} mentions")
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"><title>{label}</title></circle>'
        )
    return (
        f'<svg class="map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="Map of the places mentioned">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" class="sea"/>'
        f'<path d="{land}" class="land"/>{"".join(dots)}</svg>'
    )


def continuous(months: list[tuple[str, int]], most: int = 240) -> list[tuple[str, int]]:
    """Every month from the first to the last (empty ones as 0), or years if too many."""
    counts = dict(months)
    (y0, m0), (y1, m1) = (map(int, months[0][0].split("-")), map(int, months[-1][0].split("-")))
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span <= most:
        keys = [f"{y0 + (m0 - 1 + i) // 12:04d}-{(m0 - 1 + i) % 12 + 1:02d}" for i in range(span)]
        return [(key, counts.get(key, 0)) for key in keys]
    years: dict[str, int] = {f"{y:04d}": 0 for y in range(y0, y1 + 1)}
    for month, n in months:
        years[month[:4]] += n
    return list(years.items())


def timeline(data: ReportData) -> str:
    if not data.months:
        return "<p>No dated mentions at day or month precision.</p>"
    series = continuous(data.months)
    width, height = 1080, 180
    bar = width / len(series)
    top = max(n for _, n in series) or 1
    bars = []
    for index, (month, n) in enumerate(series):
        h = (height - 30) * n / top
        x = index * bar
        bars.append(
            f'<rect x="{x + 1:.1f}" y="{height - 20 - h:.1f}" width="{max(bar - 2, 1):.1f}" '
            f'height="{h:.1f}"><title>{month}: {n}</title></rect>'
        )
    first, last = html.escape(series[0][0]), html.escape(series[-1][0])
    return (
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Date mentions per month">{"".join(bars)}'
        f'<text x="0" y="{height - 4}">{first}</text>'
        f'<text x="{width}" y="{height - 4}" text-anchor="end">{last}</text></svg>'
    )


def counts_table(data: ReportData) -> str:
    rows = "".join(
        f'<tr><td><span class="tag" style="background:{_CATEGORY_COLOURS.get(cat, "#555")}">'
        f"{html.escape(cat)}</span></td><td>{html.escape(country or '-')}</td>"
        f"<td>{n}</td><td>{'' if total is None else f'{total:,.0f}'}</td></tr>"
        for cat, country, n, total in data.top_counts
    )
    return (
        "<table><thead><tr><th>category</th><th>country</th><th>reports</th>"
        f"<th>total (lower bounds)</th></tr></thead><tbody>{rows}</tbody></table>"
    )


_CSS = """
body{font:15px/1.4 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222}
h1{font-size:22px} h2{font-size:17px;margin-top:28px}
.map,.timeline{width:100%;height:auto;display:block}
.sea{fill:#eef4f8} .land{fill:#cfd8c6} circle{fill:#c0392b;fill-opacity:.65;stroke:#7b241c}
.timeline rect{fill:#2980b9} .timeline text{font-size:12px;fill:#555}
table{border-collapse:collapse} td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}
.tag{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px}
.summary span{margin-right:18px}
"""


def render(data: ReportData, cells: Iterable[tuple[int, int]], generated: datetime) -> str:
    facts = " ".join(f"<span>{n:,} {t}</span>" for t, n in data.facts.items())
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>newsfacts report</title>"
        f"<style>{_CSS}</style></head><body>"
        "<h1>newsfacts report</h1>"
        f'<p class="summary"><span>{data.articles:,} articles</span>{facts}'
        f"<span>generated {generated:%Y-%m-%d %H:%M} UTC</span></p>"
        f"<h2>Where: {len(data.places):,} places</h2>{world_map(data, cells)}"
        f"<h2>When: dated mentions over time</h2>{timeline(data)}"
        f"<h2>How many: top counts by category and country</h2>{counts_table(data)}"
        "</body></html>"
    )


def build_report(wh: Warehouse) -> str:
    return render(collect(wh), land_cells(load_gazetteer()), datetime.now(UTC))
