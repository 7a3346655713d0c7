#!/usr/bin/env bash
# The checks a GPU machine runs in one call (10 minutes at most), most valuable first; each step's output is a
# file in $OUT, and each step stops in time for the call to end within $BUDGET seconds:
#   1. the GPU path on real data: petseg-train on the tree in $PETSEG_DATA (the 3-breed subset fits the upload) for 5
#      epochs at 256 px, batch 64, default loaders, eager and then with --compile, while nvidia-smi samples GPU
#      utilisation and memory twice a second; bench/gpu_run.py turns the logs into bench/results_gpu_run.md (epoch time,
#      images/s, utilisation, peak memory, and whether the loaders or the GPU set the pace); then petseg-evaluate of the
#      eager run's checkpoint on the GPU and on the CPU;
#   2. bench/loader.py with that machine's default workers, the loaders' own rate at batch 64;
#   3. bench/gpu.py: train and infer images/s and peak memory of the three models, fp32 and bf16/fp16, synthetic batches;
#   4. petseg-export of the GPU-trained checkpoint (int8, calibrated on the CPU while fastai's default device is the GPU);
#   5. if the processor is an Intel one: bench/infer.py pinned to two of its cores, the size of a small CI runner or laptop.
# Prepare here: cp -r "$PETSEG_DATA" .gpu_pets (images/, annotations/*.txt and trimaps/: the 3-breed subset is about
# 60 MB; python bench/pets_subset.py .gpu_pets --per_breed 60 makes a smaller one); pip wheel --no-deps . -w .whl.
# Run there: OUT=dir bash bench/device.sh   (ONLY="file ..." runs those steps alone)
set -u
OUT=${OUT:-/tmp/device_out}; BUDGET=${BUDGET:-560}; mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 PETSEG_DATA=${PETSEG_DATA:-$PWD/.gpu_pets}
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
sampled() {  # sampled NAME SECONDS COMMAND...: `step NAME.log`, time-stamped, while nvidia-smi writes NAME.smi.csv
  local name=$1 secs=$2; shift 2
  nvidia-smi --query-gpu=timestamp,utilization.gpu,memory.used --format=csv,noheader,nounits -lms 500 > "$OUT/$name.smi.csv" &
  local smi=$!; step "$name.log" "$secs" python3 bench/gpu_run.py --stamp "$@"; kill $smi 2>/dev/null; wait $smi 2>/dev/null
}
run=(petseg-train --model resnet34_unet --epochs 5 --batch_size 64 --quiet --force)
sampled train_eager 150 "${run[@]}" --out /tmp/run_eager
sampled train_compile 200 "${run[@]}" --out /tmp/run_compile --compile
step results_gpu_run.md 20 python3 bench/gpu_run.py "$OUT" /tmp/run_eager /tmp/run_compile
ckpt=/tmp/run_eager/best_resnet34_unet_model.pth
step evaluate_gpu.log 45 petseg-evaluate --model $ckpt --model_type resnet34_unet
step evaluate_cpu.log 60 petseg-evaluate --model $ckpt --model_type resnet34_unet --device cpu
workers=$(python3 -c 'from petseg.compute import loader_workers; print(loader_workers())')  # what a training run there gets
step results_loader_gpu.md 60 python3 bench/loader.py --sizes 256 --bs 64 --workers 0 "$workers" --epochs 3
step results_gpu.md 120 python3 bench/gpu.py
step export.log 90 petseg-export --model $ckpt
if grep -q Intel /proc/cpuinfo; then
  cpus=$(lscpu -p=CPU,CORE | grep -v '^#' | sort -t, -k2,2n -u | head -2 | cut -d, -f1 | paste -sd,)  # two cores
  echo "bench/infer.py pinned to CPUs $cpus (taskset)" > "$OUT/cpus.txt"
  step results_infer_xeon.md 600 taskset -c "$cpus" python3 bench/infer.py --random_weights
fi
