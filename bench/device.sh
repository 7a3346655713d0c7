#!/usr/bin/env bash
# The checks a GPU machine runs in one call (10 minutes at most), most valuable first; each step's output is a
# file in $OUT, and each step stops in time for the call to end within $BUDGET seconds:
#   1. bench/gpu.py: train and infer images/s and peak memory of the three models, fp32 and bf16/fp16;
#   2. the commands a GPU user types, with their defaults (device and precision auto, progress bars on), on a small
#      tree from bench/pets_subset.py: petseg-train, then petseg-evaluate of its checkpoint on the GPU and on the CPU;
#   3. petseg-export of the GPU-trained checkpoint (int8, calibrated on the CPU while fastai's default device is the GPU);
#   4. if the processor is an Intel one: bench/infer.py pinned to two of its cores, the size of a small CI runner or laptop.
# Prepare here: python bench/pets_subset.py .mini_pets --per_breed 12; pip wheel --no-deps . -w .whl (plus wheels of
# what the machine lacks). Run there: OUT=dir bash bench/device.sh   (ONLY="file ..." runs those steps alone)
set -u
OUT=${OUT:-/tmp/device_out}; BUDGET=${BUDGET:-560}; mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 PETSEG_DATA=$PWD/.mini_pets
if ls .whl/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site PATH=/tmp/site/bin:$PATH
fi
step() {  # step FILE SECONDS COMMAND...: run COMMAND into $OUT/FILE for at most SECONDS, or what the budget has left
  local name=$1 limit=$(( $2 < BUDGET - SECONDS ? $2 : BUDGET - SECONDS )); shift 2
  if [[ -n "${ONLY:-}" && " $ONLY " != *" $name "* ]]; then return; fi
  if (( limit < 10 )); then echo "== $name: skipped, out of time"; return; fi
  echo "== $name (at most $limit s): $*"; local t=$SECONDS
  timeout "$limit" "$@" > "$OUT/$name" 2>&1; echo "   exit $?, $((SECONDS - t)) s"
}
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Core|Socket|Flags' | cut -c1-400
  python3 -c "import torch, onnxruntime as o; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'onnxruntime', o.__version__)"
} > "$OUT/machine.txt" 2>&1
step results_gpu.md 120 python3 bench/gpu.py
ckpt=/tmp/run_gpu/best_resnet34_unet_model.pth
step train_gpu.log 100 petseg-train --model resnet34_unet --epochs 3 --batch_size 8 --out /tmp/run_gpu
step evaluate_gpu.log 45 petseg-evaluate --model $ckpt --model_type resnet34_unet
step evaluate_cpu.log 45 petseg-evaluate --model $ckpt --model_type resnet34_unet --device cpu
step export.log 90 petseg-export --model $ckpt
if grep -q Intel /proc/cpuinfo; then
  cpus=$(lscpu -p=CPU,CORE | grep -v '^#' | sort -t, -k2,2n -u | head -2 | cut -d, -f1 | paste -sd,)  # two cores
  echo "bench/infer.py pinned to CPUs $cpus (taskset)" > "$OUT/cpus.txt"
  step results_infer_xeon.md 600 taskset -c "$cpus" python3 bench/infer.py --random_weights
fi
