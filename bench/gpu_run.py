"""Summarise `bench/device.sh`'s training runs on real data: for each run (eager, `--compile`), the time of each epoch,
images/s in the steady epochs, GPU utilisation and memory as nvidia-smi sampled them, and whether the loaders or the GPU
set the pace (a GPU busy less than half the time waits for its loaders).
Run: python bench/gpu_run.py OUT RUN_DIR...   (OUT holds train_NAME.log, time-stamped, and train_NAME.smi.csv; each RUN_DIR
is the --out of one petseg-train run, in the order eager, compile)
     python bench/gpu_run.py --stamp COMMAND...   (runs COMMAND, printing each line of its output after the Unix time)"""
import json, statistics, subprocess, sys, time
from datetime import datetime
from pathlib import Path

def epoch_times(log):
    "Seconds of each epoch from a time-stamped `petseg-train --quiet` log (the first from the command's start)."
    stamps = [(float(t), rest) for t, _, rest in (l.partition(' ') for l in Path(log).read_text().splitlines()) if t[:1].isdigit()]
    start = stamps[0][0]
    ends = [t for t, rest in stamps if rest.startswith('epoch ')]
    compile_line = next((rest for _, rest in stamps if rest.startswith('torch.compile:')), None)
    return [b - a for a, b in zip([start, *ends], ends)], ends, compile_line

def gpu_samples(csv, after=0., before=float('inf')):
    "(utilisation %, memory MiB) of each nvidia-smi sample taken between `after` and `before` (Unix times)."
    out = []
    for line in Path(csv).read_text().splitlines():
        try: stamp, util, mem = (x.strip() for x in line.split(','))
        except ValueError: continue
        t = datetime.strptime(stamp, '%Y/%m/%d %H:%M:%S.%f').timestamp()
        if after <= t <= before: out.append((float(util), float(mem)))
    return out

def main(out, *runs):
    out = Path(out)
    print("| run | epoch times (s) | steady epoch (s) | images/s (train + valid) | GPU busy (steady epochs) | peak GPU memory (MiB) | pace set by |")
    print("|---|---|---|---|---|---|---|")
    notes = []
    for name, run in zip(('eager', 'compile'), runs):
        times, ends, compiled = epoch_times(out/f'train_{name}.log')
        info = json.loads(next(Path(run).glob('best_*_model.json')).read_text())
        steady = statistics.median(times[1:]) if len(times) > 1 else float('nan')
        n = info['train_images'] + info['valid_images']
        smi = out/f'train_{name}.smi.csv'
        samples = gpu_samples(smi, after=ends[0], before=ends[-1]) if len(ends) > 1 else []  # the steady epochs
        whole = gpu_samples(smi)
        busy = statistics.mean(u for u, _ in samples) if samples else float('nan')
        peak = max((m for _, m in whole), default=float('nan'))
        print(f"| {name} | {', '.join(f'{t:.1f}' for t in times)} | {steady:.2f} | {n / steady:.0f} | {busy:.0f}% | {peak:.0f} | "
              f"{'the loaders' if busy < 50 else 'the GPU'} |")
        if compiled: notes.append(f"{name}: {compiled}")
    print('\nThe first epoch includes start-up, the decode-once cache and, with --compile, compilation.')
    for n in notes: print(f"- {n}")

def stamp(*cmd):
    "Run `cmd`, printing each line of its output (stdout and stderr) after the time it came; exit with its status."
    print(f"{time.time():.2f} start", flush=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout: print(f"{time.time():.2f} {line}", end='', flush=True)
    sys.exit(proc.wait())

if __name__ == '__main__':
    if sys.argv[1:2] == ['--stamp']: stamp(*sys.argv[2:])
    else: main(*sys.argv[1:])
