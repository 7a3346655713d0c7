"""Write README.md from nbs/index.ipynb (markdown cells as they are, code cells as python blocks without nbdev
directives). `nbdev-readme` does this through Quarto, which cannot be installed offline; this needs only the standard library."""
import json, re, sys
from pathlib import Path

def readme(nb_path='nbs/index.ipynb'):
    cells = json.loads(Path(nb_path).read_text())['cells']
    parts = []
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': parts.append(src)
        elif c['cell_type'] == 'code':
            code = '\n'.join(l for l in src.splitlines() if not re.match(r'\s*#\s*\|', l)).strip()
            if code: parts.append(f"```python\n{code}\n```")
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    root = Path(__file__).resolve().parent.parent
    text = readme(root/'nbs'/'index.ipynb')
    (root/'README.md').write_text(text)
    print('README.md written' if '--quiet' not in sys.argv else '', end='')
