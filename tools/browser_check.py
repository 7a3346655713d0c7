"""Drive the mask browser served by Voila in headless Chromium as a user would: see its progress bar while it scores,
wait for the first render, click
'next', change the sort order, and check that the page shows a new image (info line and picture) each time; optionally
save a screenshot of the first render.
Usage: python tools/browser_check.py URL [SCREENSHOT.png]. Exits 1, naming the step, if the page does not respond.
The browser: $CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH, else Playwright's own
(`playwright install chromium`); exits 3 with one line if there is none."""
import os, re, shutil, sys, time
from playwright.sync_api import sync_playwright

ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync']
WEBGPU = ['--enable-unsafe-webgpu']  # Chromium offers WebGPU: its software adapter, SwiftShader, where there is no GPU

def info(page):
    "The browser's info line: image name, position and each model's Dice."
    line = next((l for l in page.inner_text('body').splitlines() if 'Dice' in l), None)
    if line is None: sys.exit("browser check: the info line (image, position, Dice) is not on the page")
    return line.strip()

def picture(page):
    "The source of the browser's picture (an ipywidgets Image: a new blob URL for each new PNG)."
    return page.locator('img').first.get_attribute('src')

def shown(page):
    "What the browser shows: its info line and its picture's source."
    return info(page), picture(page)

def rendered(page, seconds=600):
    "Wait for the first render (the info line with each model's Dice) and return what it shows."
    for _ in range(seconds * 2):
        if 'Dice' in page.inner_text('body'): return shown(page)
        page.wait_for_timeout(500)
    waiting = page.locator('.voila-skeleton-container').count()  # cells whose result Voila never sent to the page
    sys.exit(f"browser check: no first render within {seconds} s; {waiting} cell(s) still show Voila's placeholder")

def changed(page, before, step, seconds=60):
    "Wait until both the info line and the picture differ from `before` (what `shown` gave); exit naming `step` otherwise."
    for _ in range(seconds * 2):
        now = shown(page)
        if now[0] != before[0] and now[1] != before[1]: return now
        page.wait_for_timeout(500)
    sys.exit(f"browser check: '{step}' did not change the image shown (info line {'changed' if now[0] != before[0] else 'unchanged'}, "
             f"picture {'changed' if now[1] != before[1] else 'unchanged'}; was: {before[0]})")

BROWSERS = ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable')
MISSING = ("no Chromium found for the browser check: install it (Debian and Ubuntu: sudo apt-get install chromium), "
           "or run `playwright install chromium`, or set CHROMIUM to its path")

def launch(p, args=()):
    "Headless Chromium with more command-line `args`: $CHROMIUM, else one on PATH, else Playwright's own download."
    exe = os.environ.get('CHROMIUM') or next(filter(None, map(shutil.which, BROWSERS)), None)
    try: return p.chromium.launch(executable_path=exe, args=[*ARGS, *args])  # None: Playwright's own browser
    except Exception as e:
        if exe or "Executable doesn't exist" not in str(e): raise
        print(MISSING, file=sys.stderr); sys.exit(3)

def check(url, shot=None):
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={'width': 1300, 'height': 900})
        opened = time.time(); page.goto(url, timeout=600_000, wait_until='commit')
        try: page.wait_for_selector('text=/^\\d+\\/\\d+$/', timeout=600_000)  # the progress bar's 'done/total' while it scores
        except Exception: sys.exit("browser check: no progress bar was shown while the browser scored the images")
        print('progress shown:', page.locator('text=/^\\d+\\/\\d+$/').first.inner_text())
        first = rendered(page); print(f'first render ({time.time() - opened:.0f} s):', first[0])
        if not first[1]: sys.exit("browser check: the first render shows no picture")
        if shot: page.wait_for_timeout(1000); page.screenshot(path=shot, full_page=True); print(shot)  # the worst image
        # stay past 90 s: a websocket keep-alive that counted no pong used to drop the page then (see voila.json)
        page.wait_for_timeout(max(0, 100 - (time.time() - opened)) * 1000)
        page.get_by_role('button', name=re.compile('next')).click()
        second = changed(page, first, 'next'); print('after next:  ', second[0])
        page.locator('select').first.select_option('best first')
        third = changed(page, second, 'sort: best first'); print('best first:  ', third[0])
        browser.close()

if __name__ == '__main__': check(*sys.argv[1:3])
