"""Training DataLoader throughput: images/s of `pet_dataloaders`' training batches (decode-once cache, albumentations
inside fastai's DataBlock, the full augmentation pipeline) at 128 and 256 px for 0, 1 and 2 worker processes, after one
warm-up batch, across epoch boundaries (fastai starts its workers anew each epoch, which counts on a small split);
and the memory of the decode-once cache and of each worker process (resident, unique set size).
Run: python bench/loader.py [--sizes 128 256] [--workers 0 1 2] [--batches 10] [--bs 16]   (prints a table)"""
import argparse, os, time
import psutil
from petseg.data import pet_dataloaders, SUBSET_BREEDS
from petseg.models import machine_info

def uss_mb(p): return p.memory_full_info().uss / 2**20

def batches_of(dl):
    "The training batches of `dl`, epoch after epoch."
    while True: yield from dl

def throughput(dls, batches):
    "Training images/s over `batches` batches after one warm-up, and the workers' unique memory in MB."
    it, seen = batches_of(dls.train), {}
    next(it); t = time.perf_counter()
    for _ in range(batches): next(it)
    rate = batches * dls.bs / (time.perf_counter() - t)
    for _ in range(3):  # then the workers' memory, sampled over a few more batches (reading it is slow)
        next(it)
        for w in psutil.Process().children(recursive=True):
            try: seen[w.pid] = max(seen.get(w.pid, 0), uss_mb(w))
            except psutil.Error: pass
    return rate, sorted(round(m) for m in seen.values())

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--sizes', type=int, nargs='+', default=[128, 256]); p.add_argument('--workers', type=int, nargs='+', default=[0, 1, 2])
    p.add_argument('--batches', type=int, default=10); p.add_argument('--bs', type=int, default=16)
    a = p.parse_args(); me = psutil.Process()
    print(f"# Training loader throughput, {machine_info()}, batch {a.bs}, {a.batches} timed batches, breeds {','.join(SUBSET_BREEDS)}\n")
    print('| size | workers | images/s | cache MB (main process growth) | unique MB of each worker |\n|---|---|---|---|---|')
    for size in a.sizes:
        before = me.memory_info().rss
        base = pet_dataloaders(size=size, bs=a.bs, breeds=SUBSET_BREEDS)  # decodes once; the loaders below share the cache
        cache = (me.memory_info().rss - before) / 2**20
        for n in a.workers:
            dls = pet_dataloaders(size=size, bs=a.bs, breeds=SUBSET_BREEDS, num_workers=n) if n else base
            rate, workers = throughput(dls, a.batches)
            print(f"| {size} | {n} | {rate:.0f} | {cache:.0f} | {', '.join(map(str, workers)) or '-'} |", flush=True)
