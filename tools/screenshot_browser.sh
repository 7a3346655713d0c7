#!/usr/bin/env bash
# Render the mask browser for real: serve tools/browser_app.ipynb with Voila, load it in headless Chromium and save
# a screenshot to docs/mask_browser.png. Needs: pip install voila playwright; Debian's chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
export PETSEG_DATA=${PETSEG_DATA:-$(cd ../shared/oxford-iiit-pet && pwd)} PETSEG_ROOT=$(pwd)
port=${PORT:-8866}
voila tools/browser_app.ipynb --port=$port --no-browser --Voila.ip=127.0.0.1 > /tmp/voila_server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for i in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/api/status" && break; sleep 1; done
mkdir -p docs
python tools/screenshot_browser.py "http://127.0.0.1:$port/" docs/mask_browser.png
