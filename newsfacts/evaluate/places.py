"""Score the place extractor against a gold geoparsing corpus.

Recognition is scored by span overlap (a prediction is right if it overlaps a gold
toponym; a gold toponym is found if some prediction overlaps it). Resolution is scored on
the gold toponyms that were found and have coordinates: great-circle error, accuracy
within 161 km (100 miles, the usual geoparsing threshold), mean/median error, the AUC of
the log-error curve (lower is better, as in the CamCoder paper) and the exact GeoNames id
rate where gold has an id. Corpus quirks are handled here, not in the extractor:
GeoVirus offsets are 1-based, TR-News offsets drift and are re-aligned by searching the
phrase nearby. In GeoWebNews, toponyms embedded in other names, homonyms and language
names are neither required nor held against us (we deliberately do not extract places
inside organisation names); every other toponym type is gold.
"""

from __future__ import annotations

import math
import pathlib
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from itertools import pairwise

from newsfacts.extract.gazetteer import Gazetteer, load_gazetteer
from newsfacts.extract.places import extract_places
from newsfacts.records import PlaceMention

FORMATS = ("gwn", "lgl", "trnews", "geovirus")
_GWN_IGNORED = frozenset({"Embedded_Literal", "Embedded_Non_Lit", "Homonym", "Language"})
_GWN_NOT_GOLD = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
_EARTH_KM = 6371.0088
_MAX_ERROR_KM = 20039.0


@dataclass(slots=True)
class Gold:
    """One gold toponym: span, optional coordinates and GeoNames id."""

    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    ignored: bool = False


@dataclass(slots=True)
class Doc:
    text: str
    gold: list[Gold] = field(default_factory=list)


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    return float(node.text)


def _realign(text: str, gold: Gold) -> Gold:
    """Move a drifted span onto the nearest occurrence of its phrase."""
    if text[gold.start : gold.end] == gold.name:
        return gold
    best = None
    for pos in _occurrences(text, gold.name):
        if best is None or abs(pos - gold.start) < abs(best - gold.start):
            best = pos
    if best is not None and abs(best - gold.start) <= 200:
        gold.start, gold.end = best, best + len(gold.name)
    return gold


def _occurrences(text: str, phrase: str) -> list[int]:
    out, pos = [], text.find(phrase)
    while pos >= 0:
        out.append(pos)
        pos = text.find(phrase, pos + 1)
    return out


def read_corpus(path: pathlib.Path, fmt: str) -> list[Doc]:
    """Articles and gold toponyms of a corpus file in one of `FORMATS`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    root = ET.parse(path).getroot()
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        doc = Doc(text)
        if fmt == "gwn":
            for top in art.iter("toponym"):
                kind = top.findtext("type") or ""
                if kind in _GWN_NOT_GOLD:
                    continue
                gid = top.findtext("geonamesID")
                doc.gold.append(
                    Gold(
                        int(top.findtext("start") or 0),
                        int(top.findtext("end") or 0),
                        top.findtext("extractedName") or "",
                        _float(top.find("latitude")),
                        _float(top.find("longitude")),
                        int(gid) if gid and gid.strip().isdigit() else None,
                        ignored=kind in _GWN_IGNORED,
                    )
                )
        elif fmt == "geovirus":
            for loc in art.iter("location"):
                doc.gold.append(
                    Gold(
                        int(loc.findtext("start") or 1) - 1,
                        int(loc.findtext("end") or 1) - 1,
                        loc.findtext("name") or "",
                        _float(loc.find("lat")),
                        _float(loc.find("lon")),
                    )
                )
        else:
            for top in art.iter("toponym"):
                tag = top.find("gaztag")
                gid = tag.get("geonameid") if tag is not None else None
                gold = Gold(
                    int(top.findtext("start") or 0),
                    int(top.findtext("end") or 0),
                    top.findtext("phrase") or "",
                    _float(tag.find("lat")) if tag is not None else None,
                    _float(tag.find("lon")) if tag is not None else None,
                    int(gid) if gid and gid.isdigit() else None,
                )
                doc.gold.append(_realign(text, gold) if fmt == "trnews" else gold)
        docs.append(doc)
    return docs


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass(slots=True)
class Tally:
    """Running counts over a corpus."""

    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_found: int = 0
    unresolved: int = 0
    errors: list[float] = field(default_factory=list)
    ids: int = 0
    ids_ok: int = 0
    lines: list[str] = field(default_factory=list)


def score_doc(doc: Doc, preds: list[PlaceMention], tally: Tally, show_errors: bool) -> None:
    """Add one article's predictions to the tally."""
    for p in preds:
        hits = [g for g in doc.gold if _overlaps(p.char_start, p.char_end, g.start, g.end)]
        if hits and all(g.ignored for g in hits):
            continue
        tally.pred += 1
        if hits:
            tally.pred_ok += 1
        elif show_errors:
            tally.lines.append(f"  FP {p.surface!r} -> {p.name} ({p.feature}, {p.resolution})")
    for g in doc.gold:
        if g.ignored:
            continue
        tally.gold += 1
        match = next(
            (p for p in preds if _overlaps(p.char_start, p.char_end, g.start, g.end)), None
        )
        if match is None:
            if show_errors:
                context = doc.text[max(0, g.start - 30) : g.end + 30]
                tally.lines.append(f"  FN {g.name!r} ...{context!r}")
            continue
        tally.gold_found += 1
        if g.lat is None or g.lon is None:
            continue
        if match.latitude is None or match.longitude is None:
            tally.unresolved += 1
            continue
        err = haversine_km(g.lat, g.lon, match.latitude, match.longitude)
        tally.errors.append(err)
        if g.geonameid is not None:
            tally.ids += 1
            tally.ids_ok += int(match.geonameid == g.geonameid)
        if show_errors and err > 161:
            tally.lines.append(
                f"  GEO {g.name!r} -> {match.name} {match.country_code} ({match.resolution}) "
                f"{err:.0f} km"
            )


def auc(errors: list[float]) -> float:
    """Area under the sorted log(1 + error) curve, normalised to [0, 1] (lower is better)."""
    if len(errors) < 2:
        return 0.0
    logs = [math.log(e + 1) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in pairwise(logs))
    return area / (math.log(_MAX_ERROR_KM) * (len(logs) - 1))


def report(tally: Tally, fmt: str, n_docs: int) -> str:
    """The printed report."""
    p = tally.pred_ok / tally.pred if tally.pred else 0.0
    r = tally.gold_found / tally.gold if tally.gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    errs = tally.errors
    acc = sum(e <= 161 for e in errs) / len(errs) if errs else 0.0
    lines = [
        f"places evaluation ({fmt}, {n_docs} articles)",
        f"recognition: P={p:.3f} R={r:.3f} F1={f1:.3f} "
        f"(pred {tally.pred}, gold {tally.gold}, found {tally.gold_found})",
        f"resolution over {len(errs)} found gold toponyms with coordinates "
        f"({tally.unresolved} found but left unresolved):",
        f"  accuracy@161km={acc:.3f} mean={statistics.fmean(errs) if errs else 0:.1f} km "
        f"median={statistics.median(errs) if errs else 0:.1f} km AUC={auc(errs):.3f}",
    ]
    if errs or tally.unresolved:
        ok = sum(e <= 161 for e in errs)
        lines.append(
            f"  accuracy@161km counting unresolved as misses="
            f"{ok / (len(errs) + tally.unresolved):.3f}"
        )
    if tally.ids:
        lines.append(f"  exact GeoNames id={tally.ids_ok / tally.ids:.3f} (of {tally.ids})")
    return "\n".join(lines + tally.lines)


def evaluate_places(
    path: pathlib.Path, fmt: str, show_errors: bool = False, gazetteer: Gazetteer | None = None
) -> str:
    """Run the extractor over a gold corpus and return the printed report."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    docs = read_corpus(path, fmt)
    tally = Tally()
    for doc in docs:
        score_doc(doc, extract_places(doc.text, gazetteer=gaz), tally, show_errors)
    return report(tally, fmt, len(docs))
