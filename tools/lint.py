"""Structural rules of petseg's code, checked on the generated package and the notebooks' tests:
no function body over 30 lines, no call with more than 4 positional arguments, no override of a private fastai method,
no test library in the package, no `test_eq(condition, True)` (a failure must show the values compared), no large
tracked file other than a committed model or a notebook (a stray export, a library's temporary file, a dataset image).
Prints one line per violation and exits 1 if there is any."""
import ast, json, re, subprocess, sys
from pathlib import Path

MAX_BODY, MAX_POSITIONAL, MAX_FILE_MB = 30, 4, 1
FASTAI_PRIVATE = {'_do_fit', '_do_epoch', '_do_one_batch', '_do_epoch_train', '_do_epoch_validate', '_split', '_backward',
                  '_step', '_with_events', '_call_one', '_set_device', '_grab_cbs'}

def body_lines(fn):
    "Lines of `fn`'s body, its docstring left out."
    body = fn.body[1:] if ast.get_docstring(fn) and len(fn.body) > 1 else fn.body
    return fn.end_lineno - body[0].lineno + 1

def code_problems(path):
    tree, out = ast.parse(path.read_text()), []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if body_lines(node) > MAX_BODY: out.append(f"{path}:{node.lineno}: {node.name} has {body_lines(node)} body lines (> {MAX_BODY})")
            if node.name in FASTAI_PRIVATE: out.append(f"{path}:{node.lineno}: overrides fastai's private {node.name}")
        if isinstance(node, ast.Call):
            n = sum(not isinstance(a, ast.Starred) for a in node.args)
            if n > MAX_POSITIONAL: out.append(f"{path}:{node.lineno}: call with {n} positional arguments (> {MAX_POSITIONAL})")
        if isinstance(node, ast.ImportFrom) and (node.module or '').startswith('fastcore.test'):
            out.append(f"{path}:{node.lineno}: the package imports fastcore.test")
    return out

def notebook_problems(path):
    cells = json.loads(path.read_text())['cells']
    return [f"{path} cell {i}: test_eq(..., True) hides the values compared" for i, c in enumerate(cells)
            if c['cell_type'] == 'code' and re.search(r'test_eq\(.*,\s*True\)\s*$', ''.join(c['source']), re.M)]

def stray_files(root):
    "Tracked files over MAX_FILE_MB that are neither models/*.pth nor notebooks."
    files = subprocess.run(['git', 'ls-files', '-z'], cwd=root, capture_output=True, text=True, check=True).stdout.split('\0')
    mb = {f: (root/f).stat().st_size / 2**20 for f in files if f and (root/f).exists()}
    return [f"{f}: {size:.1f} MB tracked (not a model or a notebook)" for f, size in mb.items()
            if size > MAX_FILE_MB and not (Path(f).match('models/*.pth') or f.endswith('.ipynb'))]

if __name__ == '__main__':
    root = Path(__file__).resolve().parent.parent
    problems = [p for f in sorted((root/'petseg').glob('*.py')) if f.name != '_modidx.py' for p in code_problems(f)]
    problems += [p for f in sorted((root/'nbs').glob('*.ipynb')) for p in notebook_problems(f)]
    problems += stray_files(root)
    print('\n'.join(problems) or 'lint: no problems')
    sys.exit(1 if problems else 0)
