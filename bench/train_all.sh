#!/usr/bin/env bash
# Every training run behind models/ and bench/results_peers.md, in order. Rerun after an interruption:
# finished runs are skipped, an unfinished one resumes from its last epoch. Logs: runs/train_all.log.
# The recipes are written once, as RECIPES in bench/peers.py.
set -euo pipefail
cd "$(dirname "$0")/.."
# Data: $PETSEG_DATA, else fastai's download; every run selects the committed models' three breeds (BREEDS in bench/peers.py).
BIN=${BIN:-.venv/bin}  # where petseg is installed
run() {  # run OUT MODEL OPTIONS...: train MODEL into OUT with petseg-train unless it finished there; resume if it started
  local out=$1 model=$2; shift 2
  if [ -f "$out/best_${model}_model.json" ]; then echo "done: $out"; return; fi
  local resume=(); [ -f "$out/last_${model}.pth" ] && resume=(--resume)
  "$BIN/petseg-train" --quiet --out "$out" --model "$model" "${resume[@]}" "$@"
}
# petseg's ResNet34_UNet and UNet, three stages each (128 px, then twice 256 px, each from the previous best weights)
eval "$("$BIN/python" bench/peers.py commands)"
# peers: same data, pipeline, recipe and time budget
"$BIN/python" bench/peers.py train smp_unet fastai_unet
"$BIN/python" bench/peers.py report
