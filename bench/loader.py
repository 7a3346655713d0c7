"""Training DataLoader throughput: images/s of `pet_dataloaders`' training batches (decode-once cache, albumentations
inside fastai's DataBlock, the full augmentation pipeline) at 128 and 256 px for 0, 1 and 2 worker processes, and the
memory of the decode-once cache and of each worker process (unique set size).
fastai starts its workers anew at every epoch, so each epoch is timed in two parts: the wait for its first batch (the
workers starting) and the images/s of the rest (the steady rate, which sets the pace of a large dataset's epoch);
"overall" is images over the whole time, which on a small split counts the starts many times.
Run: python bench/loader.py [--sizes 128 256] [--workers 0 1 2] [--epochs 4] [--bs 16]   (prints a table)"""
import argparse, statistics, time
from datetime import date
import psutil
from petseg.data import pet_dataloaders, SUBSET_BREEDS
from petseg.models import machine_info

def uss_mb(p): return p.memory_full_info().uss / 2**20

def worker_memory(seen):
    "Record in `seen` the largest unique memory (MB) of each worker process of this one so far."
    for w in psutil.Process().children(recursive=True):
        try: seen[w.pid] = max(seen.get(w.pid, 0), uss_mb(w))
        except psutil.Error: pass

def epoch_timings(dl, epochs):
    "For each of `epochs` epochs of `dl`: seconds to its first batch, images/s of its other batches, images, seconds."
    rows, seen = [], {}
    for e in range(epochs):
        start = time.perf_counter(); it = iter(dl); first_n = len(next(it)[0]); first = time.perf_counter()
        n, paused = first_n, 0.
        for i, (x, _) in enumerate(it):
            n += len(x)
            if e == epochs - 1 and i == 2:  # the workers' memory, mid-epoch (reading it is slow: not timed)
                t = time.perf_counter(); worker_memory(seen); paused += time.perf_counter() - t
        end = time.perf_counter() - paused
        rows.append((first - start, (n - first_n) / (end - first) if end > first else float('nan'), n, end - start))
    return rows, sorted(round(m) for m in seen.values())

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--sizes', type=int, nargs='+', default=[128, 256]); p.add_argument('--workers', type=int, nargs='+', default=[0, 1, 2])
    p.add_argument('--epochs', type=int, default=4); p.add_argument('--bs', type=int, default=16)
    p.add_argument('--breeds', default=','.join(SUBSET_BREEDS))
    a = p.parse_args(); me = psutil.Process()
    print(f"# Training loader throughput, {machine_info()}, {date.today()}, batch {a.bs}, {a.epochs} epochs each (the first one's steady rate "
          f"left out of the median), breeds {a.breeds}\n")
    print('| size | workers | batches per epoch | wait for an epoch\'s first batch (s) | steady images/s | overall images/s '
          '| cache MB (main process growth) | unique MB of each worker |\n|---|---|---|---|---|---|---|---|')
    for size in a.sizes:
        before = me.memory_info().rss
        base = pet_dataloaders(size=size, bs=a.bs, breeds=a.breeds)  # decodes once; the loaders below share the cache
        cache = (me.memory_info().rss - before) / 2**20
        for n in a.workers:
            dls = pet_dataloaders(size=size, bs=a.bs, breeds=a.breeds, num_workers=n) if n else base
            rows, workers = epoch_timings(dls.train, a.epochs)
            wait = statistics.median(r[0] for r in rows); steady = statistics.median(r[1] for r in rows[1:] or rows)
            overall = sum(r[2] for r in rows) / sum(r[3] for r in rows)
            print(f"| {size} | {n} | {len(dls.train)} | {wait:.2f} | {steady:.0f} | {overall:.0f} | {cache:.0f} | "
                  f"{', '.join(map(str, workers)) or '-'} |", flush=True)
