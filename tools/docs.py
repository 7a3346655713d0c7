"""Build the documentation site into _docs/ from the notebooks, offline, and check it.

nbdev processes the notebooks as it does for Quarto (`nbdev.serve.proc_nbs`: hidden cells dropped, each exported
symbol's signature and docments added by `show_doc`, backticked names linked). nbconvert turns each processed notebook
into a Markdown page with its saved outputs and figures; the how-to pages in nbs/how_to/ and bench/README.md are added;
MkDocs with the Material theme renders them all (a sidebar in notebook order, search), and `petseg-export --web` writes
the in-browser demo of the committed UNet into demo/. Each page is also written as
`<page>.html.md`, the address each module's docstring gives. Then every internal link and image of the site is checked,
and each module's page must exist: any failure is listed, and the exit status is 1.
Usage: python tools/docs.py"""
import os, re, shutil, subprocess, sys, warnings
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, unquote

ROOT = Path(__file__).resolve().parent.parent
from petseg.data import SUBSET_BREEDS, breeds_text
from readme import with_headline  # the headline results table of nbs/results/results.ipynb, where index.ipynb has its marker
PAGES, SITE = ROOT/'_pages', ROOT/'_docs'  # the Markdown pages MkDocs reads, the site it writes
SITE_URL = 'https://petseg.github.io/petseg/'
CELL_KEYS = ('cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count', 'attachments')
WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'

def page_name(path, first_cell):
    "The page a notebook becomes: nbdev's `output-file` (data.html -> data), else the name without its number."
    m = re.search(r'output-file:\s*(\S+)\.html', ''.join(first_cell.source)) if first_cell.cell_type == 'raw' else None
    return m.group(1) if m else re.sub(r'^\d+[a-z]?_', '', Path(path).stem)

def front_matter(cell):
    "Title and description from nbdev's front matter cell (YAML between two `---` lines)."
    import yaml
    return yaml.safe_load(''.join(cell.source).strip().strip('-')) if cell.cell_type == 'raw' else {}

def cell_options(source):
    "Quarto's cell options that nbdev leaves (`#| echo: false`), and the source without them."
    opts = dict(re.findall(r'^#\|\s*([\w-]+):\s*(.*?)\s*$', source, re.M))
    return opts, re.sub(r'^#\|.*\n?', '', source, flags=re.M).strip('\n')

PROGRESS_BAR = re.compile(r'\|[█-]{10,}\| *\d+\.\d+% \[')  # fastprogress's bar as text: |███---| 25.00% [4/16 00:03<00:11]
PROGRESS_LEFTOVER = re.compile(r'^(█|Epoch \d+/\d+ :\s*|\s*)$')  # what fastprogress leaves on a line it has cleared

LIBRARY_WARNING = re.compile(r'^\S+\.py:\d+: \w*Warning: .*\n(?:\s+warnings\.warn\(.*\n)?', re.M)  # a library's warning, with the build's path

def terminal_text(text):
    "Stream text as a terminal leaves it: of each line, what follows its last carriage return; cleared progress bars and libraries' warnings gone."
    lines = [line.rsplit('\r', 1)[-1] for line in LIBRARY_WARNING.sub('', text).split('\n')]
    kept = [l for l in lines if not (PROGRESS_LEFTOVER.match(l) or PROGRESS_BAR.search(l))]  # a bar stopped early (lr_find) too
    return '\n'.join(kept) + ('\n' if kept and text.endswith('\n') else '')

def shown_outputs(outputs):
    "The outputs a static page can show: no errors, widgets by their saved picture only, progress bars by what they leave."
    shown = [o for o in outputs if o.output_type != 'error' and WIDGET_VIEW not in o.get('data', {})]
    for o in shown:
        if o.output_type == 'stream': o.text = terminal_text(''.join(o.text))
    return [o for o in shown if o.output_type != 'stream' or o.text.strip()]

def static_cells(nb):
    "Apply the cell options (include, echo, output) and keep only nbformat's own cell keys."
    cells = []
    for c in nb.cells[1:] if nb.cells and nb.cells[0].cell_type == 'raw' else nb.cells:
        for k in [k for k in c if k not in CELL_KEYS]: del c[k]
        c.metadata = {}
        if c.cell_type == 'code':
            opts, c.source = cell_options(c.source)
            if opts.get('include') == 'false': continue
            c.outputs = [] if opts.get('output') == 'false' else shown_outputs(c.outputs)
            if opts.get('echo') == 'false': c.source = ''
        cells.append(c)
    nb.cells, nb.metadata = cells, {'language_info': {'name': 'python'}}
    return nb

def notebook_page(path):
    "A processed notebook as (page name, Markdown, {figure file: bytes})."
    import nbformat
    from nbconvert import MarkdownExporter
    warnings.filterwarnings('ignore', message='Your element with mimetype')  # outputs left empty: nothing to show
    nb = nbformat.read(path, as_version=4)
    name, fm = page_name(path, nb.cells[0]), front_matter(nb.cells[0])
    body, res = MarkdownExporter().from_notebook_node(static_cells(nb), resources={'output_files_dir': f'{name}_files'})
    body = re.sub(r'```python\n\s*```\n', '', body)  # the code blocks of cells shown by their output only
    head = f"# {fm.get('title', name)}\n\n" + (f"> {fm['description']}\n\n" if 'description' in fm else '')
    return name, head + site_links(with_headline(body)), res.get('outputs', {})

def site_links(text):
    "Links as they resolve on the site: its own absolute ones relative, the repository's files (`../tuning/`) at its root."
    text = text.replace(SITE_URL, '').replace('](bench/README.md)', '](bench.html)').replace('](CONTRIBUTING.md)', '](contributing.html)')
    text = re.sub(r'\]\((?:\.\./)*nbs/(?:results/)?(?:\d+_)?(\w+)\.ipynb\)', r'](\1.html)', text)  # a notebook is its page
    return re.sub(r'(\]\(|src=")(?:\.\./)+(docs|tuning)/', r'\1\2/', text)

def write_page(name, text, files=None):
    (PAGES/f'{name}.md').write_text(text)
    for f, data in (files or {}).items(): (PAGES/f).parent.mkdir(parents=True, exist_ok=True); (PAGES/f).write_bytes(data)
    return name

def notebook_pages():
    "Process the notebooks with nbdev (not the tests in nbs/tests/); one page each: index, the library in number order; the results."
    from nbdev.serve import proc_nbs
    proc = proc_nbs(n_workers=2, skip_folder_re=r'^([_.]|tests$)')
    nbs = sorted(proc.glob('*.ipynb'), key=lambda p: (p.stem != 'index', p.stem))
    return [write_page(*notebook_page(p)) for p in nbs], [write_page(*notebook_page(p)) for p in sorted(proc.glob('results/*.ipynb'))]

def how_to_pages():
    "The how-to pages (nbs/how_to/*.md, in name order), bench/README.md and CONTRIBUTING.md, copied as they are."
    return ([write_page(re.sub(r'^\d+_', '', p.stem), site_links(p.read_text())) for p in sorted((ROOT/'nbs'/'how_to').glob('*.md'))],
            write_page('bench', site_links((ROOT/'bench'/'README.md').read_text())),
            write_page('contributing', site_links((ROOT/'CONTRIBUTING.md').read_text())))

def title_of(name): return re.search(r'^# (.+)$', (PAGES/f'{name}.md').read_text(), re.M).group(1)

def mkdocs_config(library, results, how_to, bench, contributing):
    "MkDocs' settings: the committed mkdocs.yml, with where the pages are and the sidebar: the library in notebook order, then the rest."
    nav = [{'Home': 'index.md'}, {'Library': [{title_of(n): f'{n}.md'} for n in library if n != 'index']},
           {'Results': [{title_of(n): f'{n}.md'} for n in results]}, {'How-to': [{title_of(n): f'{n}.md'} for n in how_to]},
           {'Benchmarks': f'{bench}.md'}, {'Contributing': f'{contributing}.md'}]
    import yaml
    conf = dict(INHERIT=str(ROOT/'mkdocs.yml'), docs_dir=str(PAGES), site_dir=str(SITE), nav=nav)
    (ROOT/'_proc'/'mkdocs.yml').write_text(yaml.safe_dump(conf, sort_keys=False))
    return ROOT/'_proc'/'mkdocs.yml'

def build():
    "Write every page into _pages/, the pictures the README shows beside them, and render the site."
    shutil.rmtree(PAGES, ignore_errors=True); PAGES.mkdir(parents=True)
    for d in ('docs', 'tuning'): shutil.copytree(ROOT/d, PAGES/d, ignore=shutil.ignore_patterns('*.json'))  # the README's pictures
    (library, results), (how_to, bench, contributing) = notebook_pages(), how_to_pages()
    shutil.rmtree(SITE, ignore_errors=True)
    mkdocs = [sys.executable, '-m', 'mkdocs', 'build', '--strict', '--quiet', '-f',
              str(mkdocs_config(library, results, how_to, bench, contributing))]
    subprocess.run(mkdocs, check=True, env={**os.environ, 'NO_MKDOCS_2_WARNING': '1'})
    for p in PAGES.glob('*.md'): shutil.copy(p, SITE/f'{p.stem}.html.md')  # the addresses the modules' docstrings give
    demo()
    return [*library, *results, *how_to, bench, contributing]

DEMO = ['petseg-export', '--model', 'models/unet.pth', '--breeds', breeds_text(SUBSET_BREEDS), '--limit', '32',
        '--out', '_proc/demo', '--web', '_docs/demo', '--force']

def demo():
    "The web page of the committed UNet's int8 export in _docs/demo (it needs the dataset and npm), or a page saying so."
    r = subprocess.run(DEMO, cwd=ROOT, capture_output=True, text=True)
    if r.returncode == 0: return print('docs: the web demo is the committed UNet, int8')
    why = (r.stderr.strip().splitlines() or ['?'])[-1]
    print(f'docs: no web demo ({why})')
    (SITE/'demo').mkdir(exist_ok=True)
    (SITE/'demo'/'index.html').write_text(f"<!doctype html><title>petseg demo</title><p>This build has no demo: {why}. "
                                          f"<code>{' '.join(DEMO)}</code> writes it where the dataset and npm are at hand.</p>")

class Links(HTMLParser):
    "The links, sources and element ids of one HTML page."
    def __init__(self):
        super().__init__(); self.links, self.ids = [], set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a: self.ids.add(a['id'])
        if tag == 'a' and a.get('name'): self.ids.add(a['name'])
        if tag == 'link' and a.get('rel') == 'canonical': return  # the page's own address on the published site
        for k in ('href', 'src'):
            if a.get(k): self.links.append(a[k])

def parsed(page, cache={}):
    if page not in cache: cache[page] = Links(); cache[page].feed(page.read_text(errors='replace'))
    return cache[page]

def broken_link(page, link):
    "Why `link` on `page` leads nowhere, or None; links off the site are not followed."
    u = urlsplit(link)
    if u.scheme or link.startswith('//'): return 'absolute link to this site' if link.startswith(SITE_URL) else None
    base = SITE if u.path.startswith('/') else page.parent  # site-absolute paths start with the site's own path
    path = unquote(u.path).removeprefix(urlsplit(SITE_URL).path if u.path.startswith('/') else '')
    target = (base/path).resolve() if u.path else page
    if target.is_dir(): target = target/'index.html'
    if not target.exists(): return f'no {target.relative_to(SITE) if target.is_relative_to(SITE) else target}'
    if u.fragment and target.suffix == '.html' and unquote(u.fragment) not in parsed(target).ids: return f'no #{u.fragment} in {target.name}'

def check(pages):
    "Every internal link and image of the site resolves, each page and each module's documented page exists, no page shows a progress bar."
    problems = [f'{p}.html: missing' for p in pages if not (SITE/f'{p}.html').exists()]
    for m in sorted((ROOT/'petseg').glob('*.py')):
        url = re.search(rf'Docs: {re.escape(SITE_URL)}(\S+?)"""', m.read_text())
        if url and not (SITE/url.group(1)).exists(): problems.append(f'{m.name} documents itself at {url.group(1)}, which is missing')
    if not (SITE/'search'/'search_index.json').exists(): problems.append('no search index')
    for page in sorted(SITE.rglob('*.html')):
        if PROGRESS_BAR.search(page.read_text()): problems.append(f'{page.relative_to(SITE)}: a progress bar as text')
        for link in parsed(page).links:
            if why := broken_link(page, link): problems.append(f'{page.relative_to(SITE)}: {link} ({why})')
    return problems

if __name__ == '__main__':
    pages = build()
    problems = check(pages)
    for p in problems: print('broken:', p)
    print(f"docs: {len(pages)} pages in {SITE.relative_to(ROOT)}/, {len(problems)} broken link(s) or missing page(s)")
    sys.exit(1 if problems else 0)
