"""Plain-text articles, one per file, with an optional `<name>.meta.json` sidecar."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from newsfacts.records import Article, SourceProblem
from newsfacts.sources.article import make_article
from newsfacts.sources.decode import BadInput, decode_text, read_limited
from newsfacts.sources.metadata import unknown_fields


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def read_txt(
    path: Path, default_published: date | None, max_bytes: int
) -> Iterator[Article | SourceProblem]:
    """One article from a .txt file; problems with the file or its sidecar are reported."""
    uri = str(path)
    try:
        text = decode_text(read_limited(path, max_bytes), max_bytes)
    except BadInput as exc:
        yield SourceProblem(uri, exc.check, f"{path.name}: {exc.reason}")
        return
    except OSError as exc:
        yield SourceProblem(uri, "unreadable", f"{path.name}: cannot read the file: {exc}")
        return
    try:
        meta = _read_sidecar(sidecar_path(path))
        article = make_article(text, uri, meta, default_published)
    except ValueError as exc:
        reason = f"{path.name}: bad metadata in {sidecar_path(path).name}: {exc}"
        yield SourceProblem(uri, "metadata", reason)
        return
    extra = unknown_fields(meta)
    if extra:
        reason = (
            f"{sidecar_path(path).name}: unknown fields {extra} were ignored (known: title, "
            "published, url, source, id); the article was loaded"
        )
        yield SourceProblem(uri, "unknown_fields", reason, fatal=False)
    yield article


def _read_sidecar(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable metadata sidecar: {exc}") from exc
    if not isinstance(meta, dict):
        raise ValueError("the metadata sidecar must hold a JSON object")
    return meta
