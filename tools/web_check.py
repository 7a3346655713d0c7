"""Drive the page `petseg-export --web` writes, served at URL, in headless Chromium as a user and a test would:
segment each PHOTO (the path of a file in the served folder, beside the page) through `window.petseg.segment`, saving each mask as OUT/<stem>_page.png
(0 or 255), with the model's milliseconds; give the file input a text file and read the page's error line; choose the
first photo and download the mask and the cut-out into OUT; take a screenshot, OUT/page.png.
Prints one JSON object: {"ms": {photo: ms}, "error": ..., "downloads": [...], "status": ..., "elsewhere": [URLs],
"precision": ..., "backend": ..., "warmup_ms": {...}}, "elsewhere" being every request the page made to anything but its
own server (none, so it works with the network off), "precision" and "backend" the export and the backend the page chose
at load (int8 or fp32; wasm or webgpu), "warmup_ms" the times it chose by ("wasm int8": ms, ...).
With --webgpu, Chromium offers WebGPU (its software adapter, SwiftShader, where there is no GPU).
Usage: python tools/web_check.py URL OUT PHOTO... [--webgpu] (Chromium as tools/browser_check.py finds it; exit 3 without one)."""
import argparse, json
from pathlib import Path
import numpy as np
from PIL import Image
from playwright.sync_api import sync_playwright
from browser_check import launch, WEBGPU

SEGMENT = "async src => { const r = await window.petseg.segment(src); return [r.width, r.height, Array.from(r.mask).join(''), r.ms]; }"

def save_mask(bits, w, h, fname):
    "Save the page's mask, one '0' or '1' a pixel in `bits`, as a PNG of 0 and 255."
    mask = (np.frombuffer(bits.encode(), np.uint8).reshape(h, w) - ord('0')) * 255
    Image.fromarray(mask.astype(np.uint8)).save(fname)

def segment_all(page, photos, out):
    "Each photo's mask from the page, saved as a PNG; the model's ms for each."
    ms = {}
    for name in (Path(p).name for p in photos):
        w, h, bits, ms[name] = page.evaluate(SEGMENT, name)
        save_mask(bits, w, h, Path(out)/f'{Path(name).stem}_page.png')
    return ms

def error_line(page):
    "What the page says when given a file that is not an image."
    page.set_input_files('#file', files=[dict(name='notes.txt', mimeType='text/plain', buffer=b'not a photo')])
    page.wait_for_function("document.getElementById('error').textContent !== ''")
    return page.inner_text('#error')

def downloads(page, photo, out):
    "Choose `photo`, then download the mask and the cut-out into `out`; their file names."
    page.set_input_files('#file', photo); page.wait_for_selector('#download-mask:not([disabled])')
    names = []
    for button in ('#download-mask', '#download-cutout'):
        with page.expect_download() as d: page.click(button)
        d.value.save_as(Path(out)/d.value.suggested_filename); names.append(d.value.suggested_filename)
    return names

def check(url, out, photos, webgpu=False):
    with sync_playwright() as p:
        browser = launch(p, WEBGPU if webgpu else [])
        page = browser.new_page(viewport={'width': 1100, 'height': 900})
        elsewhere, server = [], url.split('?')[0]  # requests that leave the server of the page: none, as the page works with the network off
        page.on('request', lambda r: r.url.startswith(server) or r.url.startswith(('blob:', 'data:')) or elsewhere.append(r.url))
        page.goto(url); page.wait_for_function('window.petseg !== undefined', timeout=120_000)
        result = dict(ms=segment_all(page, photos, out), error=error_line(page))
        result['downloads'] = downloads(page, photos[0], out)
        result['status'], result['elsewhere'] = page.inner_text('#status'), elsewhere
        stats = page.evaluate('() => window.petseg.live.stats()')  # the file and the backend the page chose to run
        result.update({k: stats[k] for k in ('precision', 'backend', 'warmup_ms')})
        page.screenshot(path=str(Path(out)/'page.png'), full_page=True)
        browser.close()
    print(json.dumps(result))

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument('url'); a.add_argument('out'); a.add_argument('photos', nargs='+')
    a.add_argument('--webgpu', action='store_true', help="Chromium's WebGPU, on its software adapter where there is no GPU")
    args = a.parse_args()
    check(args.url, args.out, args.photos, args.webgpu)
