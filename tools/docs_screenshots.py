"""Screenshots of the built documentation site (_docs/, from `bash tools/docs.sh`) in headless Chromium, served over
HTTP on a free port of 127.0.0.1 as GitHub Pages would serve it: the home page and the training page.
Usage: python tools/docs_screenshots.py [OUT_DIR]; writes OUT_DIR/docs_home.png and OUT_DIR/docs_train.png (default docs/)."""
import sys
from pathlib import Path
from playwright.sync_api import sync_playwright
from petseg.web import serve
from browser_check import launch

SITE = Path(__file__).resolve().parent.parent/'_docs'
SHOTS = {'docs_home.png': 'index.html', 'docs_train.png': 'training.html'}

def screenshots(out):
    server, url = serve(SITE)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={'width': 1280, 'height': 800})
            for name, path in SHOTS.items():
                page.goto(url + path, wait_until='networkidle'); page.screenshot(path=str(Path(out)/name)); print(Path(out)/name)
            browser.close()
    finally: server.shutdown()

if __name__ == '__main__':
    if not (SITE/'index.html').exists(): sys.exit('no site in _docs/: run bash tools/docs.sh first')
    screenshots(sys.argv[1] if len(sys.argv) > 1 else 'docs')
