"""The BBC throughput corpus as a list of texts, shared by the benchmark scripts."""

from __future__ import annotations

from pathlib import Path


def read_articles(folder: Path, limit: int | None = None) -> list[str]:
    """Article texts in a stable order; one file is Latin-1, so fall back when UTF-8 fails."""
    texts: list[str] = []
    for path in sorted(folder.rglob("*.txt")):
        if path.name.upper() == "README.TXT":
            continue
        raw = path.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("latin-1"))
        if limit and len(texts) >= limit:
            break
    return texts
