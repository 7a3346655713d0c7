#!/usr/bin/env bash
# Build the documentation site into _docs/ from the notebooks, offline (tools/docs.py: nbdev's notebook processing,
# MkDocs with the Material theme), and check that every internal link and each module's page resolves.
# Uses .venv when there is one (bash tools/test.sh makes it); else the Python on PATH, which needs petseg[docs].
# Then `python tools/docs_screenshots.py` takes the screenshots under docs/, and `python -m http.server -d _docs` serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .venv/bin/activate ] && . .venv/bin/activate
python tools/docs.py
