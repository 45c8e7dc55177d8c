"""The Parquet lake and its commit protocol.

A load writes its files where no reader looks (a private staging folder on disk, unnamed
keys on an object store: see newsfacts/storage.py), publishes them, and then commits by
atomically writing a manifest that lists them. Only files named by a manifest are part of
the lake: a load that dies before its manifest is written leaves orphans that a later
writer deletes, never half a load.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newsfacts.contracts import TABLES, contract
from newsfacts.errors import WarehouseError
from newsfacts.failpoints import reached
from newsfacts.settings import Warehouse
from newsfacts.storage import MANIFESTS, ROW_GROUP_SIZE, LakeStorage, lake_storage

#: Names a compaction's output file, after the attempt id.
COMPACT_SUFFIX = "-compact"


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
    storage = lake_storage(wh)
    manifests = []
    for key in storage.list_keys(MANIFESTS, ".json"):
        try:
            raw = json.loads(storage.read_text(key))
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
                f"manifest {storage.location(key)} is unreadable ({exc}); "
                "run `newsfacts check` for details"
            ) from exc
    return manifests


def published_keys(wh: Warehouse, manifests: list[Manifest] | None = None) -> dict[str, list[str]]:
    """The keys ("articles/x.parquet") each table consists of now, in commit order."""
    files: dict[str, list[str]] = {table: [] for table in TABLES}
    for manifest in manifests if manifests is not None else read_manifests(wh):
        for table, names in manifest.removes.items():
            gone = set(names)
            files[table] = [f for f in files.get(table, []) if f not in gone]
        for table, names in manifest.adds.items():
            files.setdefault(table, []).extend(names)
    return files


def published_files(wh: Warehouse, manifests: list[Manifest] | None = None) -> dict[str, list[str]]:
    """Where each table's files are now (absolute paths or URLs), in commit order."""
    storage = lake_storage(wh)
    keys = published_keys(wh, manifests)
    return {table: [storage.location(k) for k in names] for table, names in keys.items()}


def lake_dataset(wh: Warehouse, locations: list[str], schema: pa.Schema | None = None) -> Any:
    """A pyarrow dataset over published files, wherever the lake lives."""
    filesystem = lake_storage(wh).arrow_filesystem
    return ds.dataset(locations, format="parquet", schema=schema, filesystem=filesystem)


def read_column(wh: Warehouse, locations: list[str], column: str) -> list[Any]:
    """One column of a table's published files (e.g. the ids already loaded)."""
    if not locations:
        return []
    return lake_dataset(wh, locations).to_table(columns=[column]).column(column).to_pylist()


#: Files a compaction replaced stay this long, so readers holding an older catalog can finish.
RETIRED_RETENTION_SECONDS = 3600.0


def clean_uncommitted(wh: Warehouse, retention: float = RETIRED_RETENTION_SECONDS) -> list[str]:
    """Delete staging leftovers, orphans of loads that never committed, and old retired files.

    Called under the writer lock, so no other load of this machine is mid-way. A file that
    a compaction or reprocess retired may still be read through an older catalog, so it
    stays `retention` seconds after the manifest that retired it. An orphan (a file no
    manifest named) was never visible: on a local disk it goes at once; on shared storage
    it may belong to a load still running on another machine, so it stays while that load
    keeps its lease fresh, and `retention` seconds after that.
    """
    storage = lake_storage(wh)
    removed = storage.discard_staging()
    manifests = read_manifests(wh)
    published = {k for keys in published_keys(wh, manifests).values() for k in keys}
    retired_at = {
        key: datetime.fromisoformat(m.committed_at).timestamp()
        for m in manifests
        for keys in m.removes.values()
        for key in keys
    }
    live = storage.live_loads(retention)
    now = time.time()
    for table in TABLES:
        for key in storage.list_keys(table, ".parquet"):
            if key in published:
                continue
            if key in retired_at:
                expired = now - retired_at[key] > retention
            elif storage.shared:
                expired = _load_of(key) not in live and _age(storage, key) > retention
            else:
                expired = True
            if expired:
                storage.delete(key)
                removed.append(storage.location(key))
    for key in storage.temporary_leftovers():
        storage.delete(key)
    for tmp in wh.root.glob(f".{wh.catalog.name}.*.tmp"):
        tmp.unlink(missing_ok=True)
    return removed


def _load_of(key: str) -> str:
    """The load (writer attempt) a data key belongs to: its name up to the table part."""
    table, name = key.split("/", 1)
    stem = name.removesuffix(".parquet")
    if stem.endswith(COMPACT_SUFFIX):
        return stem.removesuffix(COMPACT_SUFFIX)
    return stem.rsplit(f"-{table}-", 1)[0]


def _age(storage: LakeStorage, key: str) -> float:
    try:
        return storage.age_seconds(key)
    except FileNotFoundError:  # deleted meanwhile by another machine's clean-up
        return 0.0


def last_sequence(wh: Warehouse) -> int:
    """The sequence number of the newest manifest (0 for an empty lake)."""
    keys = lake_storage(wh).list_keys(MANIFESTS, ".json")
    return _sequence_of(keys[-1]) if keys else 0


def _sequence_of(key: str) -> int:
    return int(key.rsplit("/", 1)[-1][:8])


def compact(wh: Warehouse, run_id: str) -> Manifest | None:
    """Merge each table's files into one, atomically (one manifest swaps them).

    Streams record batches, so memory stays flat whatever the table size. Returns None when
    there was nothing to merge.
    """
    writer = LakeWriter(wh, run_id, based_on=last_sequence(wh))
    for table, keys in published_keys(wh).items():
        if len(keys) < 2:
            continue
        schema = contract(table).arrow_schema()
        dataset = lake_dataset(wh, [writer.storage.location(k) for k in keys], schema=schema)
        writer.stage_stream(table, schema, dataset.to_batches(batch_size=ROW_GROUP_SIZE))
        writer.removes[table] = list(keys)
    if not writer.staged:
        writer.abandon()
        return None
    return writer.commit()


class LakeWriter:
    """One load transaction: stage tables, then commit them all at once or not at all."""

    def __init__(
        self,
        wh: Warehouse,
        run_id: str,
        known_rejects: set[str] | None = None,
        based_on: int | None = None,
    ) -> None:
        """`based_on`: the sequence of the last manifest the load's decisions were based on
        (read before the known ids); the commit creates the next one or fails, so a load
        never commits over a state it did not see. Default: the newest manifest now.
        """
        self.wh = wh
        self.run_id = run_id
        #: This attempt's own name for its files: a retried run never overwrites the
        #: files of an earlier attempt (on an object store they are written in place).
        self.attempt = f"{run_id}-{uuid.uuid4().hex[:8]}"
        #: Reject ids already recorded (in the lake or earlier in this load): one row each.
        self.known_rejects = known_rejects if known_rejects is not None else set()
        self._lock = threading.Lock()
        self._unnumbered = 0
        self.storage = lake_storage(wh)
        self.based_on = last_sequence(wh) if based_on is None else based_on
        self.storage.renew_lease(self.attempt)
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
        with self._lock:
            if sequence is None:
                self._unnumbered += 1
                label = f"z{self._unnumbered:05d}"  # after every numbered batch
            else:
                label = f"{sequence:06d}"
        key = f"{table}/{self.attempt}-{table}-{label}.parquet"
        self.storage.write_parquet(self.storage.staged_key(self.attempt, key), data)
        self.storage.renew_lease(self.attempt)
        with self._lock:
            self.staged.setdefault(table, []).append(key)
            if count:
                self.rows[table] = self.rows.get(table, 0) + data.num_rows

    def stage_stream(
        self, table: str, schema: pa.Schema, batches: Iterable[pa.RecordBatch]
    ) -> None:
        """Stage one file of `table` written batch by batch (compaction: flat memory)."""
        key = f"{table}/{self.attempt}{COMPACT_SUFFIX}.parquet"
        count = self.storage.write_batches(
            self.storage.staged_key(self.attempt, key), schema, batches
        )
        self.storage.renew_lease(self.attempt)
        with self._lock:
            self.staged.setdefault(table, []).append(key)
            self.rows[table] = self.rows.get(table, 0) + count

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
        for table, keys in self.staged.items():
            for key in sorted(keys):
                reached("commit:rename")
                self.storage.publish(self.storage.staged_key(self.attempt, key), key)
                adds.setdefault(table, []).append(key)
        self.storage.finish_publishing([k for keys in adds.values() for k in keys])
        manifest = write_manifest(
            self.wh,
            self.run_id,
            adds,
            removes=self.removes,
            rows=dict(self.rows),
            sequence=self.based_on + 1,
        )
        self.abandon()
        return manifest

    def abandon(self) -> None:
        """Drop what is left of this attempt's private state (staging folder, lease)."""
        self.storage.discard_staging(self.attempt)
        self.storage.release_lease(self.attempt)

    def drop_articles(self, article_ids: set[str], tables: tuple[str, ...] = TABLES) -> None:
        """Stage the removal of every row of these articles (for `newsfacts reprocess`).

        Only files holding such rows are rewritten (filtered copies staged here); at commit
        the manifest retires the originals, so readers switch in one step.
        """
        ids = pa.array(sorted(article_ids), type=pa.string())
        published = published_keys(self.wh)
        for table in tables:
            for key in published[table]:
                data = lake_dataset(self.wh, [self.storage.location(key)]).to_table()
                hit = pc.is_in(data.column("article_id"), value_set=ids)
                dropped = pc.sum(hit).as_py() or 0
                if not dropped:
                    continue
                self.removes.setdefault(table, []).append(key)
                self.removed_rows[table] = self.removed_rows.get(table, 0) + dropped
                self.stage(table, data.filter(pc.invert(pc.fill_null(hit, False))), count=False)


def write_manifest(
    wh: Warehouse,
    run_id: str,
    adds: dict[str, list[str]],
    removes: dict[str, list[str]] | None = None,
    rows: dict[str, int] | None = None,
    sequence: int | None = None,
) -> Manifest:
    """Commit: create manifest number `sequence` (default: the next) atomically, or fail.

    The manifest's name is its sequence number alone, and it is created only if absent: of
    two writers that based their loads on the same state, exactly one commits.
    """
    storage = lake_storage(wh)
    if sequence is None:
        sequence = last_sequence(wh) + 1
    manifest = Manifest(
        sequence=sequence,
        run_id=run_id,
        committed_at=datetime.now(UTC).isoformat(),
        adds=adds,
        removes=removes or {},
        rows=rows or {},
    )
    key = f"{MANIFESTS}/{sequence:08d}.json"
    storage.create_manifest(key, json.dumps(_manifest_json(manifest), indent=1))
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
