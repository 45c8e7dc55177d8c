"""Extraction output and EXTRACTOR_VERSION change together.

Every article row records the extractor version that made its facts, and `newsfacts
reprocess` re-extracts the articles of older versions. If the output changed and the
version did not, users' warehouses would keep stale facts with no way to find them. The
golden files are the record of the output: their fingerprint is kept per version in
tests/golden/extractor_versions.json.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsfacts import EXTRACTOR_VERSION

GOLDEN = Path(__file__).parent / "golden"
VERSIONS = GOLDEN / "extractor_versions.json"


def golden_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(GOLDEN.rglob("*")):
        if path.is_file() and path != VERSIONS:
            digest.update(path.relative_to(GOLDEN).as_posix().encode())
            digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def test_the_golden_outputs_are_those_of_the_current_extractor_version() -> None:
    versions = json.loads(VERSIONS.read_text(encoding="utf-8"))
    fingerprint = golden_fingerprint()
    assert versions.get(EXTRACTOR_VERSION) == fingerprint, (
        "the golden extraction outputs changed: bump EXTRACTOR_VERSION in "
        "newsfacts/__init__.py and record the new version with fingerprint "
        f"{fingerprint} in {VERSIONS.name} (and a line in CHANGELOG.md)"
    )
    assert list(versions)[-1] == EXTRACTOR_VERSION, "the newest version is recorded last"
    assert len(set(versions.values())) == len(versions), "each version has its own output"
