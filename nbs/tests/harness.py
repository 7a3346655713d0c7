"""What the test notebooks share: running the console scripts as a user does, in a subprocess, and checking their one-line errors.

The test notebooks run with this folder as their working directory (nbdev-test's), so the repository's files are `../../`."""
import json, math, operator, os, shutil, signal, socket, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np, pandas as pd, psutil, torch
from PIL import Image
from fastcore.test import *

ROOT = Path(__file__).resolve().parents[2]  # the repository
CKPT = '../../models/unet.pth'  # the committed UNet, as a user names it from here

def run_cli(*args, **kw):
    "Run a console script of this package in a subprocess (with `PETSEG_DATA` as set for the tests)."
    return subprocess.run(list(args), capture_output=True, text=True, **kw)

ROWS = '''
import contextlib, io, json, sys, traceback
from importlib.metadata import entry_points
scripts = {e.name: e for e in entry_points(group='console_scripts')}
results = []
for argv in json.load(sys.stdin):
    err, sys.argv = io.StringIO(), argv
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try: scripts[argv[0]].load()(); code = 0
        except SystemExit as e: code = e.code if isinstance(e.code, int) else 1
        except Exception: traceback.print_exc(); code = 1
    results.append((code, err.getvalue()))
json.dump(results, sys.stdout)
'''

def run_rows(rows, env=None, index=None):
    "`{index[k]: (exit code, stderr)}` of each command line in `rows`, run by its console script's entry point, in one process."
    r = subprocess.run([sys.executable, '-c', ROWS], input=json.dumps(rows), capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    return dict(zip(range(len(rows)) if index is None else index, map(tuple, json.loads(r.stdout))))

def run_table(argv, env=None):
    "`{i: (exit code, stderr)}` of the command lines `argv`: each command's first row as its console script, the rest by `run_rows`."
    first = {a[0]: i for i, a in reversed(list(enumerate(argv)))}
    results = {i: (lambda r: (r.returncode, r.stderr))(run_cli(*argv[i], env=env)) for i in first.values()}
    rest = [i for i in range(len(argv)) if i not in results]
    return {**results, **run_rows([argv[i] for i in rest], env=env, index=rest)}

def test_one_line(cases, results):
    "Each of `cases` (a command line, what its message says) ended with exit status 2 and one line naming its command and saying it."
    for i, (args, msg) in enumerate(cases):
        code, err = results[i]
        test_eq((args, code, len(err.strip().splitlines())), (args, 2, 1))
        test(err, f'{args[0]}: error: ', operator.contains, 'contains')
        test(err, msg, operator.contains, 'contains')
