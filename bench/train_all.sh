#!/usr/bin/env bash
# Every training run behind models/ and bench/results_peers.md, in order. Rerun after an interruption:
# finished runs are skipped, an unfinished one resumes from its last epoch. Logs: runs/train_all.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export PETSEG_DATA=${PETSEG_DATA:-$(realpath ../shared/oxford-iiit-pet)}
BIN=${BIN:-.venv/bin}  # where petseg is installed
run() {  # run OUT MODEL ARGS...: train MODEL into OUT unless it finished there; resume if it started
  local out=$1 model=$2; shift 2
  if [ -f "$out/best_${model}_model.json" ]; then echo "done: $out"; return; fi
  local resume=(); [ -f "$out/last_${model}.pth" ] && resume=(--resume)
  "$BIN/petseg-train" --quiet --out "$out" --model "$model" "${resume[@]}" "$@"
}
# ResNet34_UNet: 60 epochs at 128 px (lr near the tuned 6.3e-4 plateau), then 15 at 256 px from its best epoch
run runs/r34_128 resnet34_unet --img_size 128 --epochs 60 --learning_rate 1e-3
run runs/r34_256 resnet34_unet --img_size 256 --epochs 15 --learning_rate 5e-4 --init runs/r34_128/best_resnet34_unet_model.pth
# UNet width 16 (width 64 trains at 0.5 img/s at 256 px here: 9 min an epoch), tuned learning rate, same two stages
run runs/unet_128 unet --width 16 --img_size 128 --epochs 60 --params tuning/tune_unet_64px.json
run runs/unet_256 unet --width 16 --img_size 256 --epochs 15 --learning_rate 3.5e-3 --init runs/unet_128/best_unet_model.pth
# peers: same data, pipeline, recipe and time budget
"$BIN/python" bench/peers.py train smp_unet fastai_unet
"$BIN/python" bench/peers.py report
