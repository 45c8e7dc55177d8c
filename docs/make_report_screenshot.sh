#!/usr/bin/env bash
# Regenerates docs/report.png: the seed article, the invented test feeds and the invented
# crash-test articles loaded into a scratch warehouse, reported, and shot in headless
# Chromium. Run from the repository root with the project installed in .venv.
set -euo pipefail
scratch=$(mktemp -d)
.venv/bin/python - "$scratch" <<'PY'
import sys
from pathlib import Path
from tests.crash_writer import write_inputs
write_inputs(Path(sys.argv[1]) / "inputs")
PY
.venv/bin/newsfacts run seeds/ tests/fixtures/sources/wire.rss tests/fixtures/sources/desk.atom \
  "$scratch/inputs/all" --warehouse "$scratch/wh" --published 2020-01-29 >/dev/null
.venv/bin/newsfacts report --warehouse "$scratch/wh" --out "$scratch/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$scratch/profile" --window-size=1200,1500 \
  --screenshot="$PWD/docs/report.png" "file://$scratch/report.html" 2>/dev/null
rm -rf "$scratch"
echo "docs/report.png updated"
