"""Where the lake's files live: a local folder, or an object store such as S3.

The commit protocol needs three things from storage: write a file nobody reads yet, make it
part of the lake, and publish a manifest atomically and at most once per sequence number.
A local folder gives those with a private staging folder, `rename` and `fsync`. An object
store has no rename, but a new object is never visible half-written and a conditional PUT
("create only if absent") refuses a second manifest with the same name. So there files are
written straight to their final key (invisible to readers until a manifest names them) and
the manifest is created exclusively: two writers on two machines can never both commit the
same sequence number; the loser stops with an error and its files become orphans that a
later writer removes.

Keys are relative to the lake root and always use "/" ("articles/x.parquet").
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from newsfacts.errors import WarehouseError
from newsfacts.failpoints import reached
from newsfacts.settings import Warehouse

#: Row groups this large keep scans fast; pyarrow's small defaults made queries 3-5x slower.
ROW_GROUP_SIZE = 1 << 20
MANIFESTS = "_manifests"
STAGING = "_staging"
#: Shared storage: one small object per running load, rewritten while it stages files.
LEASES = "_leases"
LEASE_RENEWAL_SECONDS = 60.0
OBJECT_STORE_PROTOCOLS = ("s3", "s3a")


class LakeStorage(Protocol):
    """The few file operations the commit protocol and the readers need."""

    @property
    def url(self) -> str:
        """The lake root as users write it (a folder, or a URL such as s3://bucket/x/lake)."""
        ...

    @property
    def shared(self) -> bool:
        """Files written here may be read by another machine before this process ends."""
        ...

    def location(self, key: str) -> str:
        """What pyarrow and DuckDB are given to read `key`."""
        ...

    @property
    def arrow_filesystem(self) -> Any:
        """The filesystem pyarrow readers need for locations (None: the local disk)."""
        ...

    def register(self, con: duckdb.DuckDBPyConnection) -> None:
        """Let a DuckDB connection read this storage's locations."""
        ...

    def exists(self) -> bool:
        """Whether anything was ever committed here."""
        ...

    def list_keys(self, folder: str, suffix: str) -> list[str]: ...

    def read_text(self, key: str) -> str: ...

    def age_seconds(self, key: str) -> float: ...

    def delete(self, key: str) -> None: ...

    def staged_key(self, attempt: str, key: str) -> str:
        """Where a file of this load attempt is written before it is published as `key`."""
        ...

    def write_parquet(self, key: str, data: pa.Table) -> None: ...

    def write_batches(self, key: str, schema: pa.Schema, batches: Iterable[pa.RecordBatch]) -> int:
        """Stream record batches into one file (compaction); returns the rows written."""
        ...

    def publish(self, staged: str, key: str) -> None:
        """Make a staged file available under `key` (still invisible until a manifest)."""
        ...

    def finish_publishing(self, keys: list[str]) -> None:
        """Make the publications of these keys durable before the manifest names them."""
        ...

    def discard_staging(self, attempt: str | None = None) -> list[str]:
        """Drop what a load staged (all loads' when attempt is None); returns what went."""
        ...

    def renew_lease(self, attempt: str) -> None:
        """Tell other machines' clean-ups that this load is alive (shared storage only)."""
        ...

    def release_lease(self, attempt: str) -> None: ...

    def live_loads(self, retention: float) -> set[str]:
        """The load attempts whose lease was renewed within `retention` seconds."""
        ...

    def create_manifest(self, key: str, text: str) -> None:
        """Write a manifest atomically; refuse if the key exists (another writer's commit)."""
        ...

    def temporary_leftovers(self) -> list[str]: ...


@dataclass(frozen=True)
class LocalStorage:
    """A folder on this machine: private staging, renames and fsyncs."""

    root: Path
    shared: bool = False

    @property
    def url(self) -> str:
        return str(self.root)

    def location(self, key: str) -> str:
        return str(self.root / key)

    @property
    def arrow_filesystem(self) -> Any:
        return None

    def register(self, con: duckdb.DuckDBPyConnection) -> None:
        return None

    def exists(self) -> bool:
        return (self.root / MANIFESTS).is_dir()

    def list_keys(self, folder: str, suffix: str) -> list[str]:
        where = self.root / folder
        if not where.is_dir():
            return []
        return sorted(f"{folder}/{p.name}" for p in where.glob(f"*{suffix}"))

    def read_text(self, key: str) -> str:
        return (self.root / key).read_text(encoding="utf-8")

    def age_seconds(self, key: str) -> float:
        return time.time() - (self.root / key).stat().st_mtime

    def delete(self, key: str) -> None:
        (self.root / key).unlink(missing_ok=True)

    def staged_key(self, attempt: str, key: str) -> str:
        return f"{STAGING}/{attempt}/{key.replace('/', '__')}"

    def write_parquet(self, key: str, data: pa.Table) -> None:
        target = self.root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        reached("stage:write")
        _write_table(str(target), None, data)
        reached("stage:written")
        fsync(target)

    def write_batches(self, key: str, schema: pa.Schema, batches: Iterable[pa.RecordBatch]) -> int:
        target = self.root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        count = _write_batches(str(target), None, schema, batches)
        fsync(target)
        return count

    def publish(self, staged: str, key: str) -> None:
        target = self.root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.root / staged, target)

    def finish_publishing(self, keys: list[str]) -> None:
        for folder in sorted({(self.root / key).parent for key in keys}):
            fsync(folder)

    def discard_staging(self, attempt: str | None = None) -> list[str]:
        folder = self.root / STAGING / (attempt or "")
        if not folder.exists():
            return []
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):  # still in use by another attempt: keep it
            (self.root / STAGING).rmdir()
        return [str(folder)]

    def renew_lease(self, attempt: str) -> None:
        return None  # one machine: the writer lock already keeps other loads out

    def release_lease(self, attempt: str) -> None:
        return None

    def live_loads(self, retention: float) -> set[str]:
        return set()

    def create_manifest(self, key: str, text: str) -> None:
        final = self.root / key
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        reached("manifest:write")
        tmp.write_text(text)
        fsync(tmp)
        reached("manifest:rename")
        try:
            os.link(tmp, final)  # atomic, and never replaces an existing manifest
        except FileExistsError as exc:
            raise WarehouseError(_lost_race(str(final))) from exc
        finally:
            tmp.unlink(missing_ok=True)
        reached("manifest:committed")
        fsync(final.parent)

    def temporary_leftovers(self) -> list[str]:
        return [f"{MANIFESTS}/{p.name}" for p in (self.root / MANIFESTS).glob(".*.tmp")]


@dataclass(frozen=True)
class ObjectStorage:
    """An fsspec filesystem (S3 and friends): files go straight to their final keys."""

    fs: Any  # an fsspec AbstractFileSystem
    base: str  # "bucket/prefix/lake", without the protocol
    protocol: str
    shared: bool = True
    #: attempt -> when this process last renewed its lease
    renewed: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    @property
    def url(self) -> str:
        return f"{self.protocol}://{self.base}"

    def location(self, key: str) -> str:
        return f"{self.url}/{key}"

    @property
    def arrow_filesystem(self) -> Any:
        return self.fs

    def register(self, con: duckdb.DuckDBPyConnection) -> None:
        con.register_filesystem(self.fs)

    def exists(self) -> bool:
        return bool(self.list_keys(MANIFESTS, ".json"))

    def list_keys(self, folder: str, suffix: str) -> list[str]:
        try:
            names = self.fs.ls(f"{self.base}/{folder}", detail=False, refresh=True)
        except FileNotFoundError:
            return []
        prefix = f"{self.base}/"
        return sorted(n[len(prefix) :] for n in names if n.endswith(suffix))

    def read_text(self, key: str) -> str:
        data: bytes = self.fs.cat_file(f"{self.base}/{key}")
        return data.decode("utf-8")

    def age_seconds(self, key: str) -> float:
        modified = self.fs.modified(f"{self.base}/{key}")
        return time.time() - modified.timestamp()

    def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(f"{self.base}/{key}")

    def staged_key(self, attempt: str, key: str) -> str:
        return key  # a new object is invisible until a manifest names it

    def write_parquet(self, key: str, data: pa.Table) -> None:
        reached("stage:write")
        _write_table(f"{self.base}/{key}", self.fs, data)
        reached("stage:written")

    def write_batches(self, key: str, schema: pa.Schema, batches: Iterable[pa.RecordBatch]) -> int:
        return _write_batches(f"{self.base}/{key}", self.fs, schema, batches)

    def publish(self, staged: str, key: str) -> None:
        if staged != key:
            raise WarehouseError(f"object storage cannot move {staged} to {key}")

    def finish_publishing(self, keys: list[str]) -> None:
        """Refuse to commit if a file of this load is gone (removed as an orphan meanwhile)."""
        folders = {key.rsplit("/", 1)[0] for key in keys}
        present = {k for folder in folders for k in self.list_keys(folder, ".parquet")}
        missing = sorted(set(keys) - present)
        if missing:
            raise WarehouseError(
                f"{len(missing)} files of this load vanished before its commit (e.g. "
                f"{self.location(missing[0])}): another machine's clean-up took them for "
                "orphans (a lease older than the retention?); nothing was published, run again"
            )

    def discard_staging(self, attempt: str | None = None) -> list[str]:
        return []  # nothing is staged apart from the final keys

    def renew_lease(self, attempt: str) -> None:
        now = time.time()
        if now - self.renewed.get(attempt, 0.0) < LEASE_RENEWAL_SECONDS:
            return
        self.renewed[attempt] = now
        self.fs.pipe_file(f"{self.base}/{LEASES}/{attempt}", str(now).encode())

    def release_lease(self, attempt: str) -> None:
        self.renewed.pop(attempt, None)
        self.delete(f"{LEASES}/{attempt}")

    def live_loads(self, retention: float) -> set[str]:
        live = set()
        for key in self.list_keys(LEASES, ""):
            try:
                if self.age_seconds(key) <= retention:
                    live.add(key.rsplit("/", 1)[-1])
            except FileNotFoundError:
                continue  # released meanwhile
        return live

    def create_manifest(self, key: str, text: str) -> None:
        reached("manifest:write")
        try:
            with self.fs.open(f"{self.base}/{key}", "xb") as out:
                out.write(text.encode("utf-8"))
        except FileExistsError as exc:
            raise WarehouseError(_lost_race(self.location(key))) from exc
        reached("manifest:committed")

    def temporary_leftovers(self) -> list[str]:
        return []


def _write_table(where: str, filesystem: Any, data: pa.Table) -> None:
    pq.write_table(
        data,
        where,
        filesystem=filesystem,
        compression="zstd",
        row_group_size=ROW_GROUP_SIZE,
        write_statistics=True,
    )


def _write_batches(
    where: str, filesystem: Any, schema: pa.Schema, batches: Iterable[pa.RecordBatch]
) -> int:
    count = 0
    with pq.ParquetWriter(where, schema, compression="zstd", filesystem=filesystem) as out:
        for batch in batches:
            out.write_batch(batch, row_group_size=ROW_GROUP_SIZE)
            count += batch.num_rows
    return count


def _lost_race(manifest: str) -> str:
    return (
        f"manifest {manifest} was committed by another writer first, after this load had "
        "read the lake; nothing of this run was published: run it again to load what is "
        "still new"
    )


def fsync(path: Path) -> None:
    """Flush a file, or a folder after a rename (on POSIX the entry itself must be synced)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@cache
def object_storage(url: str) -> ObjectStorage:
    """The storage behind a lake URL, with credentials and endpoint from the environment.

    Credentials come the usual way (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
    AWS_ENDPOINT_URL for S3-compatible servers, or ~/.aws). Only S3 is accepted: the commit
    relies on a conditional PUT ("create only if absent"), which s3fs sends and S3 (and
    servers that follow it) honours; other stores would need their own check.
    """
    protocol = url.split("://", 1)[0]
    if protocol not in OBJECT_STORE_PROTOCOLS:
        raise WarehouseError(
            f"cannot use {url} as a warehouse: only s3:// URLs (or a local folder) are "
            "supported, since the commit needs S3's conditional PUT"
        )
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:  # pragma: no cover - fsspec comes with the s3 extra
        raise WarehouseError(_missing_extra(url)) from exc
    options: dict[str, Any] = {}
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        options["endpoint_url"] = endpoint
    try:
        fs, base = url_to_fs(url, **options)
    except (ImportError, ValueError) as exc:
        raise WarehouseError(f"{_missing_extra(url)} ({exc})") from exc
    if isinstance(fs.protocol, str):
        name = fs.protocol
    else:
        name = protocol if protocol in fs.protocol else fs.protocol[0]
    return ObjectStorage(fs=fs, base=base.rstrip("/"), protocol=name)


def _missing_extra(url: str) -> str:
    return (
        f"cannot open the warehouse {url}: its filesystem is not installed; "
        "for S3 install newsfacts with the s3 extra (pip install 'newsfacts[s3]')"
    )


def lake_storage(wh: Warehouse) -> LakeStorage:
    """The storage of a warehouse's lake."""
    if wh.lake_url:
        return object_storage(wh.lake_url)
    return LocalStorage(wh.lake)
