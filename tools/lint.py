"""Structural rules of petseg's code, checked on the generated package and the notebooks' tests:
no function body over 30 lines, no call with more than 4 positional arguments, no override of a private fastai method,
no test library in the package, no `test_eq(condition, True)` (a failure must show the values compared), no `test_eq` on a file's bytes (fastcore compares them one by one), no large
tracked file other than a committed model or a notebook (a stray export, a library's temporary file, a dataset image);
and the layout: each library notebook numbered once (`NN_name.ipynb`, no letters), its module importing only modules of
lower-numbered notebooks, and no visible code cell of a teaching notebook over 20 lines (tests live in nbs/tests/).
Prints one line per violation and exits 1 if there is any."""
import ast, json, re, subprocess, sys
from pathlib import Path

MAX_BODY, MAX_POSITIONAL, MAX_FILE_MB, MAX_CELL = 30, 4, 1, 20
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

NOTEBOOK_RULES = {r'test_eq\(.*,\s*True\)\s*$': "test_eq(..., True) hides the values compared",
                  r'test_eq\(.*read_bytes\(\)(?!\)\.|\[)': "test_eq on a file's bytes walks them one at a time (seconds a megabyte): compare digests"}

def notebook_problems(path):
    cells = json.loads(path.read_text())['cells']
    return [f"{path} cell {i}: {why}" for i, c in enumerate(cells) for rule, why in NOTEBOOK_RULES.items()
            if c['cell_type'] == 'code' and re.search(rule, ''.join(c['source']), re.M)]

LIBRARY_NB = re.compile(r'^(\d\d)_([a-z0-9_]+)\.ipynb$')
HIDDEN = re.compile(r'^#\|\s*(hide|include:\s*false)\s*$', re.M)

def notebook_numbers(root):
    "`{module: number}` of the library notebooks, and a problem for each notebook named otherwise or numbered twice."
    numbers, out = {}, []
    for nb in sorted((root/'nbs').glob('*.ipynb')):
        if nb.name == 'index.ipynb': continue
        m = LIBRARY_NB.match(nb.name)
        if not m: out.append(f"{nb}: a library notebook is named NN_name.ipynb (how-to pages, results and tests have folders of their own)"); continue
        if int(m[1]) in numbers.values(): out.append(f"{nb}: number {m[1]} is another notebook's too")
        exp = re.search(r'^#\|\s*default_exp\s+(\S+)', '\n'.join(''.join(c['source']) for c in json.loads(nb.read_text())['cells']), re.M)
        if exp: numbers[exp[1]] = int(m[1])
    return numbers, out

def imported_modules(path):
    "The petseg modules that module `path` imports anywhere (at its top, inside functions, or by `import_module`)."
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module: found.add(node.module.split('.')[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or '').startswith('petseg.'): found.add(node.module.split('.')[1])
        elif isinstance(node, ast.Import): found |= {a.name.split('.')[1] for a in node.names if a.name.startswith('petseg.')}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r'petseg\.[a-z0-9_]+', node.value):
            found.add(node.value.split('.')[1])
    return found

def upward_imports(root, numbers):
    "Each import of a module whose notebook has a number not lower than the importing module's."
    return [f"petseg/{m}.py (notebook {n:02d}) imports petseg.{i} (notebook {numbers[i]:02d}): a module imports only lower-numbered ones"
            for m, n in numbers.items() for i in sorted(imported_modules(root/'petseg'/f'{m}.py')) if i in numbers and numbers[i] >= n]

def import_table(root, numbers):
    "Each module, by notebook number, and the petseg modules it imports: the table CONTRIBUTING.md draws."
    order = sorted(numbers, key=numbers.get)
    return [f"{numbers[m]:02d} {m:<14} <- {', '.join(i for i in order if i in imported_modules(root/'petseg'/f'{m}.py'))}".rstrip()
            for m in order]

def drawn_imports(root, numbers):
    "A problem if CONTRIBUTING.md's import table is not the code's."
    text = (root/'CONTRIBUTING.md').read_text()
    drawn = re.search(r'<!-- imports:.*?-->\n```text\n(.*?)\n```', text, re.S)
    actual = import_table(root, numbers)
    if drawn and drawn[1].splitlines() == actual: return []
    return ["CONTRIBUTING.md: its import table is not the code's; it is now:\n" + '\n'.join(actual)]

def long_cells(path):
    "Visible code cells of a teaching notebook over MAX_CELL lines."
    cells = json.loads(path.read_text())['cells']
    return [f"{path} cell {c.get('id')}: {n} lines shown (> {MAX_CELL}): split it, or move test machinery to nbs/tests/ or under #| hide"
            for c in cells if c['cell_type'] == 'code' and not HIDDEN.search(s := ''.join(c['source'])) and (n := len(s.splitlines())) > MAX_CELL]

def stray_files(root):
    "Tracked files over MAX_FILE_MB that are neither models/*.pth nor notebooks."
    files = subprocess.run(['git', 'ls-files', '-z'], cwd=root, capture_output=True, text=True, check=True).stdout.split('\0')
    mb = {f: (root/f).stat().st_size / 2**20 for f in files if f and (root/f).exists()}
    return [f"{f}: {size:.1f} MB tracked (not a model or a notebook)" for f, size in mb.items()
            if size > MAX_FILE_MB and not (Path(f).match('models/*.pth') or f.endswith('.ipynb'))]

if __name__ == '__main__':
    root = Path(__file__).resolve().parent.parent
    problems = [p for f in sorted((root/'petseg').glob('*.py')) if f.name != '_modidx.py' for p in code_problems(f)]
    problems += [p for f in sorted((root/'nbs').rglob('*.ipynb')) for p in notebook_problems(f)]
    numbers, misnamed = notebook_numbers(root)
    problems += misnamed + upward_imports(root, numbers) + drawn_imports(root, numbers)
    problems += [p for f in sorted((root/'nbs').glob('*.ipynb')) for p in long_cells(f)]
    problems += stray_files(root)
    print('\n'.join(problems) or 'lint: no problems')
    sys.exit(1 if problems else 0)
