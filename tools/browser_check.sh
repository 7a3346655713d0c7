#!/usr/bin/env bash
# Serve apps/mask_browser.ipynb with Voila on 127.0.0.1 and click through it in headless Chromium (tools/browser_check.py).
# Usage: bash tools/browser_check.sh [SCREENSHOT.png]. Needs the dev extra (voila, ipykernel, playwright) and a Chromium
# (see tools/browser_check.py; exit status 3 without one). Data: $PETSEG_DATA, else fastai's download.
# PETSEG_BROWSER_LIMIT=N scores only the first N test images (the test command uses 24).
# Voila reads ./voila.json, run from the repository's root: progressive rendering (each cell's output shows as it comes),
# and the server's websocket keep-alive off (ws_ping_interval 0). With Voila 0.5.13 and jupyter_server 2.21 that
# keep-alive counted no pong from Chromium and dropped the page's connection 90 s after it opened, so a page still
# scoring then never showed its result (a cell that sleeps 120 s shows it).
set -uo pipefail
cd "$(dirname "$0")/.."
export PETSEG_ROOT=$(pwd)
port=${PORT:-$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}  # a free one
log=$(mktemp)
voila apps/mask_browser.ipynb --port=$port --no-browser --Voila.ip=127.0.0.1 > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for i in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/api/status" && break; sleep 1; done
python tools/browser_check.py "http://127.0.0.1:$port/" "$@"; rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { echo "voila log:"; tail -20 "$log"; }
exit $rc
