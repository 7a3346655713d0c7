"""`nbdev-test --timing`, the longest notebooks started first: nbdev's own `test_nb` on every notebook nbdev-test would
run, in parallel over fastcore's `parallel`, but ordered so the workers finish together. nbdev-test starts them in
name order, which puts the system tests of nbs/tests/ (minutes each) last, and one worker then runs the last of them
alone; here they start longest first, by the times in `SECONDS` (a notebook not listed there first, as it may be long).
The workers share the cores: each notebook's torch (and the console scripts it starts) gets cores / workers threads
through `OMP_NUM_THREADS`, unless it is set, as `--nproc` gives each of its processes its share; without it, every
process runs a thread per core and the workers oversubscribe the cores. Prints each notebook's time (and, with
`--cell_timing`, each slower cell), then "Success." or nbdev-test's list of failed notebooks; exits 1 if any failed.
Run from the repository root: python tools/nbtest.py [--flags slow] [--n_workers N] [--cell_timing SECONDS]"""
import argparse, os, sys
from pathlib import Path
from fastcore.parallel import parallel
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb

SECONDS = {  # each notebook's time in one run of this script (2 workers on 2 cores of an AMD EPYC Zen 4, 2026-12-07): the order only
    'tests/cli_compile_pretrained': 243, 'results/results': 191, 'tests/web_page': 175, 'tests/cli_runs': 115, 'tests/tune_workers': 111,
    'tests/cli_processes': 96, 'tests/cli_bad_input': 77, '12_evaluation': 75, '13_viz': 72, '15_export': 60, 'tests/cli_precision': 47,
    'tests/inference_pictures': 32, '10_training': 18, '11_tune': 13, '05_resnet34_unet': 10, '03_data': 9, 'index': 8, '02_compute': 5,
    '08_callbacks': 4, '06_models': 4, '04_unet': 1,
    **dict.fromkeys(('00_base', '01_locks', '07_metrics', '09_distributed', '14_web', '16_cli'), 0)}

CORES = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count() or 1  # petseg.compute.usable_cores,
# which this script cannot import: torch, imported here, would start the workers with this process's threads

def order(path):
    "Sort key: the longest first by `SECONDS`, a notebook it does not list before them all; ties by name."
    rel = path.relative_to(get_config().nbs_path).with_suffix('').as_posix()
    return (-SECONDS.get(rel, float('inf')), rel)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--flags', default='', help='test flags to run that are normally skipped, e.g. slow')
    p.add_argument('--n_workers', type=int, default=min(CORES, 8), help='notebooks run at once')
    p.add_argument('--cell_timing', type=float, default=None, help='print each cell slower than this many seconds')
    a = p.parse_args()
    os.environ.setdefault('OMP_NUM_THREADS', str(max(1, CORES // a.n_workers)))  # before any worker imports torch
    cfg = get_config()
    files = sorted((Path(f).absolute() for f in nbglob(cfg.nbs_path) if not (Path(f).parent/'.notest').exists()), key=order)  # as nbdev-test skips
    skip = cfg.tst_flags.split() if isinstance(cfg.tst_flags, str) else list(cfg.tst_flags)
    with working_directory(cfg.nbs_path):
        results = parallel(test_nb, files, skip_flags=skip, force_flags=a.flags.split(), n_workers=a.n_workers,
                           basepath=cfg.config_path, cell_timeout=cfg.cell_timeout or None, cell_timing_min=a.cell_timing)
    passed, times = zip(*results)
    for f, t in sorted(zip(files, times), key=lambda o: o[1], reverse=True): print(f"{f.name}: {int(t)} secs")
    if all(passed): return print("Success.")
    failed = '\n\t'.join(f.name for ok, f in zip(passed, files) if not ok)
    sys.stderr.write(f"\nnbdev Tests Failed On The Following Notebooks:\n{'=' * 50}\n\t{failed}\n")
    sys.exit(1)

if __name__ == '__main__': main()
