#!/usr/bin/env bash
# Set up a virtual environment, install petseg with its dev extra, install the system programs two tests need
# (tools/system_packages.sh: PostgreSQL and Chromium, as root or through sudo; else those tests are skipped, saying so,
# except under CI=true), check the code's structural rules, that the notebooks and the package agree, run every
# notebook's tests, and click through the mask browser in headless Chromium. Ends with "notebooks: N passed, M failed".
# Data: $PETSEG_DATA, else fastai's untar_data(URLs.PETS) (downloaded once into ~/.fastai/data). Tests that score a
# whole split or compare published numbers select the committed models' three breeds, so the suite takes about as long
# on the full dataset as on the offline subset.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
# Everything the install and the tests write to temporary files (training runs, checkpoints, exports, servers' folders:
# gigabytes a run) goes in one folder, removed when this script ends; like /tmp, other users (postgres, apt's) may use it.
export TMPDIR=$(mktemp -d -t petseg-test.XXXXXX) && chmod 1777 "$TMPDIR" || exit 1
trap 'rm -rf "$TMPDIR"' EXIT

fresh=  # set for a new environment, whose bytecode compileall writes below on every core (pip compiles on one)
if [ ! -d .venv ]; then
  free_gb=$(df -Pk . | awk 'NR==2 {print int($4 / 1048576)}')
  [ "$free_gb" -ge 10 ] || echo "warning: ${free_gb} GB free here; the virtual environment needs about 7 GB"
  "$PY" -m venv .venv || exit 1
  fresh=1
fi
. .venv/bin/activate
pip install -q --upgrade pip >/dev/null
pip install -q ${fresh:+--no-compile} -e '.[dev]' || { echo "install failed"; exit 1; }
# Every later process reads these .pyc files: where PYTHONDONTWRITEBYTECODE is set, none would be written at import.
# compileall's output is dropped: it names the few files of newer Python syntax, which pip's own compiling skips in silence.
[ -z "$fresh" ] || python -m compileall -q -j0 "$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" >/dev/null 2>&1
bash tools/system_packages.sh || exit 1

echo "== tools/lint.py: function size, positional arguments, no private fastai overrides, tests that show values, the layout"
python tools/lint.py || exit 1
echo "== actionlint: the GitHub Actions workflows"
actionlint || exit 1

echo "== nbdev-export and tools/readme.py leave petseg/ and README.md unchanged"
nbdev-export || exit 1
python tools/readme.py --quiet
if [ -n "$(git status --porcelain -- petseg pyproject.toml README.md)" ]; then
  git status --porcelain -- petseg pyproject.toml README.md; git --no-pager diff --stat -- petseg README.md
  echo "petseg/ or README.md differs from what the notebooks give: run nbdev-export and python tools/readme.py, then commit"; exit 1
fi
readme_bytes=$(wc -c < README.md); second_command=$(grep -n '^```bash' README.md | sed -n 2p | cut -d: -f1)
if [ "$readme_bytes" -gt 15000 ] || [ -z "$second_command" ] || [ "$second_command" -gt 60 ]; then  # main job and tests
  echo "README.md is a landing page: at most 15,000 bytes (it has $readme_bytes), its two commands within the first 60 lines (the second is at line ${second_command:-none})"; exit 1
fi

echo "== tools/docs.py: the documentation site, built offline; every internal link and each module's page checked"
python tools/docs.py | tail -n 20 || exit 1

# Measurements petseg caches between runs (the precision --precision auto chose) start afresh: no test reads an earlier run's.
export PETSEG_CACHE="$TMPDIR/cache"
# The mask browser's check waits in Chromium most of its time (it stays on the page past 90 s: see browser_check.py), so
# it runs beside the notebooks, and what it printed is shown after them.
browser_log=$(mktemp)
PETSEG_BROWSER_LIMIT=24 bash tools/browser_check.sh > "$browser_log" 2>&1 &
browser_pid=$!
echo "== every notebook's tests: tools/nbtest.py (nbdev-test, longest first; PETSEG_DATA=${PETSEG_DATA:-download})"
log=$(mktemp)
python tools/nbtest.py "$@" 2>&1 | tee "$log"  # nbdev-test, the longest notebooks started first
status=${PIPESTATUS[0]}
total=$(find nbs -name '*.ipynb' -not -path '*/_*' -not -path '*/.*' | wc -l)  # the library, the results and the tests
failed=$(sed -n '/Failed On The Following Notebooks/,$p' "$log" | grep -c '\.ipynb' || true)
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=$total
rm -f "$log"

wait "$browser_pid"; browser=$?
echo "== the mask browser in headless Chromium, served by Voila (run beside the notebooks): first render, next, sort"
cat "$browser_log"; rm -f "$browser_log"
if [ "$browser" -eq 3 ] && [ "${CI:-}" != true ]; then echo "skipped the browser check: no Chromium (see above)"
elif [ "$browser" -ne 0 ]; then status=1; fi

left=$(ls -A "$TMPDIR"); echo "== left in the temporary folder (removed now): $(du -sh "$TMPDIR" | cut -f1):" $left
echo "notebooks: $((total - failed)) passed, $failed failed"
exit $status
