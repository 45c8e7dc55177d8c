"""The Parquet lake and its commit protocol.

A load writes its files into a private staging folder, moves them next to the published
files with atomic renames, and then commits by atomically writing a manifest that lists
them. Only files named by a manifest are part of the lake: a load that dies before its
manifest is written leaves orphans that the next writer deletes, never half a load.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from newsfacts.contracts import TABLES, contract
from newsfacts.errors import WarehouseError
from newsfacts.failpoints import reached
from newsfacts.settings import Warehouse

#: Row groups this large keep scans fast; pyarrow's small defaults made queries 3-5x slower.
ROW_GROUP_SIZE = 1 << 20


@dataclass(frozen=True, slots=True)
class Manifest:
    """One committed load: the files it added (and, for compactions, removed) per table."""

    sequence: int
    run_id: str
    committed_at: str
    adds: dict[str, list[str]]
    removes: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def read_manifests(wh: Warehouse) -> list[Manifest]:
    """All committed manifests in commit order. A malformed one is an error, never skipped."""
    if not wh.manifests.is_dir():
        return []
    manifests = []
    for path in sorted(wh.manifests.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            manifests.append(
                Manifest(
                    sequence=int(raw["sequence"]),
                    run_id=str(raw["run_id"]),
                    committed_at=str(raw["committed_at"]),
                    adds={k: list(v) for k, v in raw["adds"].items()},
                    removes={k: list(v) for k, v in raw.get("removes", {}).items()},
                    rows={k: int(v) for k, v in raw.get("rows", {}).items()},
                )
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise WarehouseError(
                f"manifest {path} is unreadable ({exc}); run `newsfacts check` for details"
            ) from exc
    return manifests


def published_files(
    wh: Warehouse, manifests: list[Manifest] | None = None
) -> dict[str, list[Path]]:
    """The files each table consists of now, as absolute paths, in commit order."""
    files: dict[str, list[str]] = {table: [] for table in TABLES}
    for manifest in manifests if manifests is not None else read_manifests(wh):
        for table, names in manifest.removes.items():
            gone = set(names)
            files[table] = [f for f in files.get(table, []) if f not in gone]
        for table, names in manifest.adds.items():
            files.setdefault(table, []).extend(names)
    return {table: [wh.lake / name for name in names] for table, names in files.items()}


def read_column(paths: list[Path], column: str) -> list[Any]:
    """One column of a table's published files (e.g. the ids already loaded)."""
    if not paths:
        return []
    table = ds.dataset([str(p) for p in paths], format="parquet").to_table(columns=[column])
    return table.column(column).to_pylist()


#: Files a compaction replaced stay this long, so readers holding an older catalog can finish.
RETIRED_RETENTION_SECONDS = 3600.0


def clean_uncommitted(wh: Warehouse, retention: float = RETIRED_RETENTION_SECONDS) -> list[Path]:
    """Delete staging leftovers, orphans of loads that never committed, and old retired files.

    Only called under the writer lock, so no live load can be mid-way. An orphan (a file no
    manifest ever named) was never visible to anyone and goes at once; a file retired by a
    compaction may still be read through an older catalog, so it waits `retention` seconds.
    """
    removed: list[Path] = []
    if wh.staging.exists():
        removed.append(wh.staging)
        shutil.rmtree(wh.staging, ignore_errors=True)
    manifests = read_manifests(wh)
    published = {p for paths in published_files(wh, manifests).values() for p in paths}
    ever = {wh.lake / name for m in manifests for names in m.adds.values() for name in names}
    now = time.time()
    for table in TABLES:
        folder = wh.table_dir(table)
        if not folder.is_dir():
            continue
        for path in folder.glob("*.parquet"):
            if path in published:
                continue
            if path not in ever or now - path.stat().st_mtime > retention:
                path.unlink(missing_ok=True)
                removed.append(path)
    leftovers = [*wh.manifests.glob(".*.tmp"), *wh.root.glob(f".{wh.catalog.name}.*.tmp")]
    for tmp in leftovers:
        tmp.unlink(missing_ok=True)
    return removed


def compact(wh: Warehouse, run_id: str) -> Manifest | None:
    """Merge each table's files into one, atomically (one manifest swaps them).

    Streams record batches, so memory stays flat whatever the table size. Returns None when
    there was nothing to merge.
    """
    adds: dict[str, list[str]] = {}
    removes: dict[str, list[str]] = {}
    rows: dict[str, int] = {}
    staging = wh.staging / run_id
    staging.mkdir(parents=True, exist_ok=True)
    for table, paths in published_files(wh).items():
        if len(paths) < 2:
            continue
        schema = contract(table).arrow_schema()
        name = f"{run_id}-compact.parquet"
        target = staging / f"{table}__{name}"
        count = 0
        with pq.ParquetWriter(target, schema, compression="zstd") as out:
            dataset = ds.dataset([str(p) for p in paths], format="parquet", schema=schema)
            for batch in dataset.to_batches(batch_size=ROW_GROUP_SIZE):
                out.write_batch(batch, row_group_size=ROW_GROUP_SIZE)
                count += batch.num_rows
        _fsync(target)
        folder = wh.table_dir(table)
        reached("compact:rename")
        os.replace(target, folder / name)
        adds[table] = [f"{table}/{name}"]
        removes[table] = [str(p.relative_to(wh.lake)) for p in paths]
        rows[table] = count
    shutil.rmtree(staging, ignore_errors=True)
    if not adds:
        return None
    return write_manifest(wh, run_id, adds, removes=removes, rows=rows)


class LakeWriter:
    """One load transaction: stage tables, then commit them all at once or not at all."""

    def __init__(self, wh: Warehouse, run_id: str, known_rejects: set[str] | None = None) -> None:
        self.wh = wh
        self.run_id = run_id
        #: Reject ids already recorded (in the lake or earlier in this load): one row each.
        self.known_rejects = known_rejects if known_rejects is not None else set()
        self._lock = threading.Lock()
        self._unnumbered = 0
        self.folder = wh.staging / run_id
        self.staged: dict[str, list[str]] = {}
        self.rows: dict[str, int] = {}
        self.removes: dict[str, list[str]] = {}
        self.removed_rows: dict[str, int] = {}

    def stage(
        self, table: str, data: pa.Table, count: bool = True, sequence: int | None = None
    ) -> None:
        """Write `data` as a new file of `table` into staging (invisible to readers).

        Safe to call from several threads: `sequence` (the batch number) names the file,
        so the committed order is the input order whatever order batches finish in.
        `count=False` for rows that are only rewritten (kept rows of a replaced file), so
        the manifest's row counts say what the load added.
        """
        if data.num_rows == 0:
            return
        schema = contract(table).arrow_schema()
        data = data.select(schema.names).cast(schema)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            if sequence is None:
                self._unnumbered += 1
                label = f"z{self._unnumbered:05d}"  # after every numbered batch
            else:
                label = f"{sequence:06d}"
        name = f"{self.run_id}-{table}-{label}.parquet"
        target = self.folder / f"{table}__{name}"
        reached("stage:write")
        pq.write_table(
            data, target, compression="zstd", row_group_size=ROW_GROUP_SIZE, write_statistics=True
        )
        reached("stage:written")
        _fsync(target)
        with self._lock:
            self.staged.setdefault(table, []).append(name)
            if count:
                self.rows[table] = self.rows.get(table, 0) + data.num_rows

    def stage_rejects(self, rejects: list[dict[str, Any]], sequence: int | None = None) -> None:
        """Stage the rejects not recorded before (the same problem is one row, ever)."""
        schema = contract("rejects").arrow_schema()
        with self._lock:
            fresh: dict[str, dict[str, Any]] = {}
            for row in rejects:
                rid = row["reject_id"]
                if rid not in self.known_rejects and rid not in fresh:
                    fresh[rid] = {**row, "run_id": self.run_id}
            self.known_rejects.update(fresh)
        table = pa.Table.from_pylist(list(fresh.values()), schema=schema)
        self.stage("rejects", table, sequence=sequence)

    def commit(self) -> Manifest:
        """Publish every staged file: renames first, then the manifest (the commit point)."""
        adds: dict[str, list[str]] = {}
        for table, names in self.staged.items():
            folder = self.wh.table_dir(table)
            folder.mkdir(parents=True, exist_ok=True)
            for name in sorted(names):
                reached("commit:rename")
                os.replace(self.folder / f"{table}__{name}", folder / name)
                adds.setdefault(table, []).append(f"{table}/{name}")
            _fsync(folder)
        manifest = write_manifest(
            self.wh, self.run_id, adds, removes=self.removes, rows=dict(self.rows)
        )
        shutil.rmtree(self.folder, ignore_errors=True)
        return manifest

    def drop_articles(self, article_ids: set[str], tables: tuple[str, ...] = TABLES) -> None:
        """Stage the removal of every row of these articles (for `newsfacts reprocess`).

        Only files holding such rows are rewritten (filtered copies staged here); at commit
        the manifest retires the originals, so readers switch in one step.
        """
        ids = pa.array(sorted(article_ids), type=pa.string())
        for table in tables:
            for path in published_files(self.wh)[table]:
                data = pq.read_table(path)
                hit = pc.is_in(data.column("article_id"), value_set=ids)
                dropped = pc.sum(hit).as_py() or 0
                if not dropped:
                    continue
                self.removes.setdefault(table, []).append(str(path.relative_to(self.wh.lake)))
                self.removed_rows[table] = self.removed_rows.get(table, 0) + dropped
                self.stage(table, data.filter(pc.invert(pc.fill_null(hit, False))), count=False)


def write_manifest(
    wh: Warehouse,
    run_id: str,
    adds: dict[str, list[str]],
    removes: dict[str, list[str]] | None = None,
    rows: dict[str, int] | None = None,
) -> Manifest:
    """Atomically write the next manifest: a temp file, fsync, then rename into place."""
    wh.manifests.mkdir(parents=True, exist_ok=True)
    existing = sorted(wh.manifests.glob("*.json"))
    sequence = int(existing[-1].name.split("-", 1)[0]) + 1 if existing else 1
    manifest = Manifest(
        sequence=sequence,
        run_id=run_id,
        committed_at=datetime.now(UTC).isoformat(),
        adds=adds,
        removes=removes or {},
        rows=rows or {},
    )
    final = wh.manifests / f"{sequence:08d}-{run_id}.json"
    tmp = wh.manifests / f".{final.name}.tmp"
    reached("manifest:write")
    tmp.write_text(json.dumps(_manifest_json(manifest), indent=1))
    _fsync(tmp)
    reached("manifest:rename")
    os.replace(tmp, final)
    reached("manifest:committed")
    _fsync(wh.manifests)
    return manifest


def _manifest_json(manifest: Manifest) -> dict[str, Any]:
    return {
        "sequence": manifest.sequence,
        "run_id": manifest.run_id,
        "committed_at": manifest.committed_at,
        "adds": manifest.adds,
        "removes": manifest.removes,
        "rows": manifest.rows,
    }


def _fsync(path: Path) -> None:
    """Flush a file, or a folder after a rename (on POSIX the entry itself must be synced)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
