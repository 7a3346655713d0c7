"""Screenshot the mask browser served by Voila, once its widgets show a Dice (headless Debian chromium via Playwright)."""
import sys
from playwright.sync_api import sync_playwright

url, out = sys.argv[1], sys.argv[2]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path='/usr/bin/chromium', args=[
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'])
    page = browser.new_page(viewport={'width': 1300, 'height': 900})
    page.goto(url, timeout=600_000)
    page.wait_for_selector('text=Dice', timeout=600_000)  # the browser's info line, written after its first render
    page.wait_for_selector('img', timeout=120_000)  # the figure inside the widget's output area
    page.wait_for_timeout(2000)
    page.screenshot(path=out, full_page=True)
    browser.close()
print(out)
