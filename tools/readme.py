"""Write README.md from nbs/index.ipynb: markdown cells as they are, code cells as python blocks without nbdev
directives followed by their saved text output, and the headline results table of nbs/results/results.ipynb where
index.ipynb has its marker. `nbdev-readme` does this through Quarto, which cannot be installed offline; this needs
only the standard library. Usage: python tools/readme.py [--quiet]"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = '<!-- headline results: nbs/results/results.ipynb -->'
HEADLINE = re.compile(r'<!-- headline results -->\n(.*?)<!-- end headline results -->', re.S)

def cells(nb_path): return json.loads(Path(nb_path).read_text())['cells']
def source(c): return ''.join(c['source'])

def headline(results=ROOT/'nbs'/'results/results.ipynb'):
    "The headline results table, as nbs/results/results.ipynb writes it (the one its tests check)."
    found = [m.group(1).strip() for c in cells(results) if c['cell_type'] == 'markdown' and (m := HEADLINE.search(source(c)))]
    if len(found) != 1: sys.exit(f'{results} has {len(found)} headline tables; it needs one')
    return found[0]

def with_headline(text): return text.replace(MARKER, headline()) if MARKER in text else text  # 08_results read where needed

def text_output(c):
    "The text a code cell printed or returned, as saved in the notebook."
    parts = []
    for o in c.get('outputs', []):
        if o['output_type'] == 'stream': parts.append(''.join(o['text']))
        elif 'text/plain' in o.get('data', {}): parts.append(''.join(o['data']['text/plain']))
    return re.sub(r'\x1b\[[0-9;]*m', '', ''.join(p if p.endswith('\n') else p + '\n' for p in parts)).strip()

def readme(nb_path=ROOT/'nbs'/'index.ipynb'):
    parts = []
    for c in cells(nb_path):
        src = source(c)
        if c['cell_type'] == 'markdown': parts.append(with_headline(src))
        elif c['cell_type'] == 'code':
            code = '\n'.join(l for l in src.splitlines() if not re.match(r'\s*#\s*\|', l)).strip()
            if code: parts.append(f"```python\n{code}\n```")
            if out := text_output(c): parts.append(f"```\n{out}\n```")
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    (ROOT/'README.md').write_text(readme())
    print('README.md written' if '--quiet' not in sys.argv else '', end='')
