"""Places as GeoParquet: a WKB point column plus the `geo` metadata GIS tools read.

Written by hand (21 bytes per point) because DuckDB's spatial extension would have to be
downloaded at run time, and this must work offline. No `crs` key means OGC:CRS84
(longitude, latitude on WGS84) by the GeoParquet specification, which is what we store.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

GEOPARQUET_VERSION = "1.1.0"
_POINT = struct.Struct("<BIdd")  # little-endian, geometry type 1 (Point), x, y


def point_wkb(longitude: float | None, latitude: float | None) -> bytes | None:
    if longitude is None or latitude is None:
        return None
    return _POINT.pack(1, 1, longitude, latitude)


def with_geometry(places: pa.Table) -> pa.Table:
    """The places table plus a `geometry` column and GeoParquet metadata."""
    lons = places.column("longitude").to_pylist()
    lats = places.column("latitude").to_pylist()
    geometry = pa.array([point_wkb(x, y) for x, y in zip(lons, lats, strict=True)], pa.binary())
    located = [(x, y) for x, y in zip(lons, lats, strict=True) if x is not None and y is not None]
    column: dict[str, object] = {"encoding": "WKB", "geometry_types": ["Point"]}
    if located:
        xs, ys = zip(*located, strict=True)
        column["bbox"] = [min(xs), min(ys), max(xs), max(ys)]
    geo = {
        "version": GEOPARQUET_VERSION,
        "primary_column": "geometry",
        "columns": {"geometry": column},
    }
    table = places.append_column("geometry", geometry)
    metadata = dict(table.schema.metadata or {})
    metadata[b"geo"] = json.dumps(geo).encode()
    return table.replace_schema_metadata(metadata)


def write_geoparquet(places: pa.Table, target: Path) -> Path:
    """Write atomically (temp file, then rename)."""
    tmp = target.with_name(f".{target.name}.tmp")
    pq.write_table(with_geometry(places), tmp, compression="zstd")
    os.replace(tmp, target)
    return target
