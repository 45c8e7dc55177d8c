"""The gazetteer index: dump import, cache keying and atomic writes.

These tests use the tiny dump-format fixture in tests/fixtures/geonames_dump, so they
never build the full index.
"""

from __future__ import annotations

import pathlib
import threading

import pytest

from newsfacts.extract import gazetteer as gz
from newsfacts.extract.gazetteer_dump import build_from_dump, import_geonames_dump
from newsfacts.extract.places import extract_places

DUMP = pathlib.Path(__file__).parent / "fixtures" / "geonames_dump"


@pytest.fixture()
def dump_gazetteer() -> gz.Gazetteer:
    return build_from_dump(
        DUMP / "allCountries.txt", DUMP / "alternateNamesV2.txt", DUMP / "admin1CodesASCII.txt"
    )


def _ids(gaz: gz.Gazetteer, key: str) -> list[int | None]:
    return [gaz.ids[r] for r in gaz.lookup(key)]


def test_dump_rows_keep_ids_features_and_names(dump_gazetteer: gz.Gazetteer) -> None:
    gaz = dump_gazetteer
    assert sorted(_ids(gaz, "paris")) == [2988507, 4717560]
    assert _ids(gaz, "france") == [3017382]  # from the alternatenames column
    assert _ids(gaz, "city of light") == [2988507]  # from alternateNamesV2
    assert _ids(gaz, "kafr zita test") == [9999001]
    texas = gaz.lookup("texas")[0]
    assert (gaz.features[texas], gaz.countries[texas], gaz.admin1[texas]) == ("admin1", "US", "TX")
    assert gaz.features[gaz.lookup("lough neagh test")[0]] == "water"


def test_dump_skips_links_historic_names_other_scripts_and_unused_classes(
    dump_gazetteer: gz.Gazetteer,
) -> None:
    gaz = dump_gazetteer
    assert not gaz.lookup("lutetia")  # historic
    assert not any("wikipedia" in k for k in gaz.fold_index)  # link
    assert not gaz.lookup("somewhere mountain")  # class T is not indexed
    assert all(k.isascii() for k in gaz.fold_index)


def test_import_writes_into_cache_and_load_prefers_it(tmp_path: pathlib.Path) -> None:
    path = import_geonames_dump(
        DUMP / "allCountries.txt",
        DUMP / "alternateNamesV2.txt",
        DUMP / "admin1CodesASCII.txt",
        tmp_path,
    )
    assert path.parent == tmp_path and path.exists()
    assert not list(tmp_path.glob("*.tmp"))
    gaz = gz.load_gazetteer(tmp_path)
    assert gaz.source.startswith("geonames-dump")
    assert gz.load_gazetteer(tmp_path) is gaz  # memoised
    mentions = extract_places(
        "Storms hit Paris, Texas and hit villages in Kafr Zita Test.", gazetteer=gaz
    )
    assert [(m.surface, m.geonameid) for m in mentions] == [
        ("Paris", 4717560),
        ("Texas", 4736286),
        ("Kafr Zita Test", 9999001),
    ]


def test_import_without_optional_files(tmp_path: pathlib.Path) -> None:
    path = import_geonames_dump(DUMP / "allCountries.txt", None, None, tmp_path)
    gaz = gz.read_gazetteer(path)
    assert _ids(gaz, "paris") and not gaz.lookup("city of light")


def test_save_and_read_round_trip(tmp_path: pathlib.Path, dump_gazetteer: gz.Gazetteer) -> None:
    path = gz.save_gazetteer(dump_gazetteer, tmp_path / "g.marshal")
    again = gz.read_gazetteer(path)
    assert again.fold_index == dump_gazetteer.fold_index
    assert again.lats == dump_gazetteer.lats


def test_concurrent_writers_leave_one_complete_file(
    tmp_path: pathlib.Path, dump_gazetteer: gz.Gazetteer
) -> None:
    target = tmp_path / "g.marshal"
    threads = [
        threading.Thread(target=gz.save_gazetteer, args=(dump_gazetteer, target)) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gz.read_gazetteer(target).ids == dump_gazetteer.ids
    assert [p.name for p in tmp_path.iterdir()] == ["g.marshal"]


def test_cache_name_changes_with_build_version(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = gz.cache_path(tmp_path)
    monkeypatch.setattr(gz, "BUILD_VERSION", gz.BUILD_VERSION + "-next")
    assert gz.cache_path(tmp_path) != before
    assert gz.cache_path(tmp_path).parent == tmp_path


def test_cache_dir_follows_environment(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(tmp_path))
    assert gz.default_cache_dir() == tmp_path


def test_dump_marks_capitals(dump_gazetteer: gz.Gazetteer) -> None:
    gaz = dump_gazetteer
    assert [gaz.ids[r] for r in gaz.capitals] == [2988507]  # PPLC: Paris, France only


def test_numeric_columns_are_typed_arrays_that_keep_gaps(tmp_path: pathlib.Path) -> None:
    from array import array

    builder = gz._Builder()
    kwargs = {"feature": "city", "country": "SY", "admin1": None, "population": 4_000_000_000}
    builder.add(gid=None, name="No Id Town", lat=None, lon=None, **kwargs)  # type: ignore[arg-type]
    builder.add(gid=1234567, name="Full Town", lat=35.5, lon=-0.25, **kwargs)  # type: ignore[arg-type]
    gaz = builder.finish(source="test")
    for loaded in (gaz, gz.read_gazetteer(gz.save_gazetteer(gaz, tmp_path / "g.marshal"))):
        assert isinstance(loaded.populations, array) and loaded.populations[1] == 4_000_000_000
        assert isinstance(loaded.ids, gz.OptionalColumn) and loaded.ids.data.itemsize == 4
        assert list(loaded.ids) == [None, 1234567]
        assert (loaded.lats[0], loaded.lons[0]) == (None, None)
        assert (loaded.lats[1], loaded.lons[1]) == (35.5, -0.25)
        assert loaded.lats[:] == [None, 35.5] and len(loaded.lons) == 2
        assert loaded.countries[0] is loaded.countries[1]  # codes are shared strings


def test_own_names_are_compiled_and_share_the_index_keys(tmp_path: pathlib.Path) -> None:
    """The folded primary name of each row is built with the index (not folded per name on
    a first pass) and is the index's own key string, so marshal writes it once."""
    builder = gz._Builder()
    kwargs = {"feature": "city", "country": "SY", "admin1": None, "population": 1000}
    builder.add(gid=1, name="Ma‘arrat an-Nu‘mān", lat=35.6, lon=36.7, **kwargs)  # type: ignore[arg-type]
    builder.add(gid=2, name="Town 7", lat=35.0, lon=36.0, **kwargs)  # type: ignore[arg-type]
    gaz = builder.finish(source="test")
    loaded = gz.read_gazetteer(gz.save_gazetteer(gaz, tmp_path / "g.marshal"))
    for g in (gaz, loaded):
        assert g.own_names == ["maarrat an numan", "town 7"]  # unusable names too
        assert [g.own_key(r) for r in range(2)] == g.own_names
        key = next(k for k in g.fold_index if k == "maarrat an numan")
        assert g.own_names[0] is key
    hand_built = gz.Gazetteer(**{**gz._to_payload(gaz), "own_names": []} | _arrays(gaz))
    assert hand_built.own_key(0) == "maarrat an numan"  # folded on demand


def _arrays(gaz: gz.Gazetteer) -> dict:
    return {
        "ids": list(gaz.ids),
        "populations": list(gaz.populations),
        "lats": list(gaz.lats),
        "lons": list(gaz.lons),
    }
