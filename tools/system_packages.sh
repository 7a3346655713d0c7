#!/usr/bin/env bash
# The system programs three of the tests need, installed if they are missing: a PostgreSQL server (the tuning notebook's
# workers sharing a database), Chromium (the mask browser and the web page, driven headless) and npm (ONNX Runtime Web's
# files for the web page, from the npm package; not needed where PETSEG_ORT_WEB points at them).
# Installs with apt-get as root, or through `sudo -n` (no password prompt) where that works; otherwise prints one line per
# missing program, naming the package and the test that needs it, and those tests are skipped with the same line.
# Under CI=true a program still missing afterwards is an error (exit 1): CI skips nothing.
set -uo pipefail
cd "$(dirname "$0")/.."

have_postgres() { bash tools/postgres.sh check >/dev/null 2>&1; }
have_chromium() {
  [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ] && return 0
  local b; for b in chromium chromium-browser google-chrome google-chrome-stable; do command -v "$b" >/dev/null && return 0; done
  ls -d "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-* >/dev/null 2>&1
}
have_npm() { [ -n "${PETSEG_ORT_WEB:-}" ] || command -v npm >/dev/null; }
declare -A NEEDS=([postgresql]="the PostgreSQL workers' test in nbs/11_tune" [chromium]="the mask browser check (tools/browser_check.sh) and the web page's test in nbs/14_web"
                  [npm]="the web page (nbs/14_web and the docs' demo)")
missing=()
have_postgres || missing+=(postgresql)
have_chromium || missing+=(chromium)
have_npm || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

root=  # how to run apt-get as root: directly, through sudo -n, or not at all
if [ "$(id -u)" != 0 ]; then if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then root="sudo -n"; else root=none; fi; fi
if [ "$root" != none ] && command -v apt-get >/dev/null; then
  echo "installing ${missing[*]} with apt-get"
  { $root apt-get install -y -q "${missing[@]}" || { $root apt-get update -q && $root apt-get install -y -q "${missing[@]}"; }; } >/dev/null 2>&1
fi
still=()
have_postgres || still+=(postgresql)
have_chromium || still+=(chromium)
have_npm || still+=(npm)
for p in "${still[@]}"; do echo "missing system package $p (sudo apt-get install $p, or your system's equivalent): ${NEEDS[$p]} is skipped"; done
[ ${#still[@]} -gt 0 ] && [ "${CI:-}" = true ] && { echo "CI=true: nothing may be skipped"; exit 1; }
exit 0
