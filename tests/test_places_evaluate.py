"""The places evaluator on tiny corpora written here in each gold format."""

from __future__ import annotations

import math
import pathlib

import pytest

from newsfacts.evaluate.places import auc, evaluate_places, haversine_km, read_corpus

TEXT = "Shelling hit Aleppo and Homs on Monday, officials in Damascus said."
# offsets: Aleppo 13-19, Homs 24-28, Damascus 53-61


def _write(tmp_path: pathlib.Path, name: str, body: str) -> pathlib.Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _lgl(tag: str = "toponym", shift: int = 0) -> str:
    tops = "".join(
        f"<{tag}><start>{s + shift}</start><end>{e + shift}</end><phrase>{p}</phrase>"
        f'<gaztag geonameid="{gid}"><lat>{lat}</lat><lon>{lon}</lon></gaztag></{tag}>'
        for s, e, p, gid, lat, lon in [
            (13, 19, "Aleppo", 170063, 36.20124, 37.16117),
            (24, 28, "Homs", 169577, 34.72682, 36.72339),
            (53, 61, "Damascus", 170654, 33.5102, 36.29128),
        ]
    )
    return f"<articles><article><text>{TEXT}</text><toponyms>{tops}</toponyms></article></articles>"


def test_lgl_format_scores_a_perfect_article(tmp_path: pathlib.Path) -> None:
    report = evaluate_places(_write(tmp_path, "lgl.xml", _lgl()), "lgl")
    assert "P=1.000 R=1.000 F1=1.000" in report
    assert "accuracy@161km=1.000" in report
    assert "exact GeoNames id=1.000 (of 3)" in report


def test_trnews_offsets_are_realigned(tmp_path: pathlib.Path) -> None:
    docs = read_corpus(_write(tmp_path, "tr.xml", _lgl(shift=3)), "trnews")
    assert [TEXT[g.start : g.end] for g in docs[0].gold] == ["Aleppo", "Homs", "Damascus"]
    # The same drift is not repaired in LGL, which has exact offsets.
    lgl = read_corpus(_write(tmp_path, "lgl.xml", _lgl(shift=3)), "lgl")
    assert TEXT[lgl[0].gold[0].start : lgl[0].gold[0].end] != "Aleppo"


def test_geovirus_offsets_are_one_based(tmp_path: pathlib.Path) -> None:
    body = (
        f"<articles><article><source>x</source><text>{TEXT}</text><locations>"
        "<location><name>Homs</name><start>25</start><end>29</end>"
        "<lat>34.73</lat><lon>36.72</lon></location></locations></article></articles>"
    )
    docs = read_corpus(_write(tmp_path, "gv.xml", body), "geovirus")
    gold = docs[0].gold[0]
    assert TEXT[gold.start : gold.end] == "Homs"
    report = evaluate_places(_write(tmp_path, "gv.xml", body), "geovirus")
    assert "R=1.000" in report and "P=0.333" in report  # two predictions are not gold


def test_gwn_ignores_embedded_toponyms_and_skips_expressions(tmp_path: pathlib.Path) -> None:
    def top(name: str, kind: str, start: int) -> str:
        return (
            f"<toponym><extractedName>{name}</extractedName><type>{kind}</type>"
            f"<start>{start}</start><end>{start + len(name)}</end></toponym>"
        )

    body = (
        f"<articles><article><text>{TEXT}</text><toponyms>"
        + top("Aleppo", "Literal", 13)
        + top("Homs", "Embedded_Literal", 24)
        + top("officials", "Non_Lit_Expression", 40)
        + top("Damascus", "Metonymic", 53)
        + "</toponyms></article></articles>"
    )
    docs = read_corpus(_write(tmp_path, "gwn.xml", body), "gwn")
    assert [(g.name, g.ignored) for g in docs[0].gold] == [
        ("Aleppo", False),
        ("Homs", True),
        ("Damascus", False),
    ]
    report = evaluate_places(_write(tmp_path, "gwn.xml", body), "gwn")
    assert "P=1.000 R=1.000" in report  # Homs is neither required nor counted


def test_unknown_format_is_refused(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        read_corpus(_write(tmp_path, "x.xml", "<articles/>"), "conll")


def test_haversine_and_auc() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(33.51, 36.29, 33.51, 36.29) == 0
    assert auc([0.0, 0.0, 0.0]) == 0
    assert auc([20039.0, 20039.0]) == pytest.approx(math.log(20040) / math.log(20039))
