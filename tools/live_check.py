"""Drive the page's live mode in headless Chromium with a fake camera (a clip from tools/fake_camera.py), as a test would:
start it through `window.petseg.live`, let it run SECONDS, save the last frames the model saw (OUT/live_<k>_frame.png) with
the page's mask of each (OUT/live_<k>_page.png, 0 or 255), read each background mode's composite of the last frame, take a screenshot with the background blurred (OUT/live.png), stop;
then, with the network off, load the page again and start live mode from what it kept.
Prints one JSON object: {"stats": {fps, frames, threads, backend, precision, size}, "isolated": bool, "saved": [k...],
"composites": {mode: [width, height]}, "frame": [width, height], "offline": {frames, fps} or an error text}.
With --stats_only: only run live mode SECONDS and print its statistics (bench/web.py).
With --webgpu, Chromium offers WebGPU (its software adapter, SwiftShader, where there is no GPU).
Usage: python tools/live_check.py URL OUT CLIP [--seconds 6] [--isolation off] [--stats_only] [--webgpu] (exit 3 without Chromium)."""
import argparse, json, time
from pathlib import Path
import numpy as np
from PIL import Image
from playwright.sync_api import sync_playwright, Error as PlaywrightError
from browser_check import launch, WEBGPU
from web_check import save_mask

LAST = "() => { const l = window.petseg.live.last(); return [l.width, l.height, Array.from(l.frame), Array.from(l.mask).join('')]; }"
MODES = ('overlay', 'blur', 'colour', 'picture', 'cutout')

def ready(page, seconds=180):
    "Wait for the page's API, through the one reload the service worker may ask for."
    end = time.time() + seconds
    while time.time() < end:
        try:
            if page.evaluate("() => window.petseg !== undefined"): return
        except PlaywrightError: pass  # the page is reloading
        page.wait_for_timeout(250)
    raise SystemExit(f"live check: the page did not start; it says: {page.inner_text('#error') or page.inner_text('#about')}")

def save_last(page, out, k):
    "The frame the model last saw and the page's mask of it, as PNGs."
    w, h, rgba, bits = page.evaluate(LAST)
    frame = np.array(rgba, np.uint8).reshape(h, w, 4)[..., :3]
    Image.fromarray(frame).save(Path(out)/f'live_{k}_frame.png')
    save_mask(bits, w, h, Path(out)/f'live_{k}_page.png')
    return [w, h]

def run_live(page, out, seconds):
    "Start live mode, let it run, save three frames, read each mode's composite; the page's statistics."
    page.evaluate("() => window.petseg.live.start()")
    page.wait_for_timeout(seconds * 1000)
    stats = page.evaluate("() => window.petseg.live.stats()")  # over the last frames of a run nothing else slowed
    saved = []
    for k in range(3):
        size = save_last(page, out, k); saved.append(k); page.wait_for_timeout(700)
    composites = {m: page.evaluate(f"() => {{ const c = window.petseg.live.composited('{m}'); return [c.width, c.height, c.rgba.length]; }}")
                  for m in MODES}
    page.select_option('#mode', 'blur'); page.wait_for_timeout(1500)  # a user's view: the background blurred, live
    page.screenshot(path=str(Path(out)/'live.png'), full_page=True)
    page.evaluate("() => window.petseg.live.stop()")
    return dict(stats=stats, saved=saved, frame=size, composites=composites)

def offline_visit(context, url):
    "Load the page again with the network off and run live mode briefly: what it kept serves it."
    context.set_offline(True)
    page = context.new_page()
    try:
        page.goto(url); ready(page, 60)
        page.evaluate("() => window.petseg.live.start()"); page.wait_for_timeout(2000)
        s = page.evaluate("() => window.petseg.live.stats()"); page.evaluate("() => window.petseg.live.stop()")
        return dict(frames=s['frames'], fps=s['fps'])
    except (PlaywrightError, SystemExit) as e: return f"offline: {e}"

def live_stats(page, seconds):
    "Live mode's statistics after `seconds` of frames."
    page.evaluate("() => window.petseg.live.start()"); page.wait_for_timeout(seconds * 1000)
    stats = page.evaluate("() => window.petseg.live.stats()"); page.evaluate("() => window.petseg.live.stop()")
    return stats

def check(url, out, clip, seconds=6, isolation='on', stats_only=False, webgpu=False):
    camera = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', f'--use-file-for-fake-video-capture={clip}']
    with sync_playwright() as p:
        browser = launch(p, [*camera, *(WEBGPU if webgpu else [])])
        context = browser.new_context(viewport={'width': 900, 'height': 900}, permissions=['camera'])
        page = context.new_page()
        page.goto(url + (('&' if '?' in url else '?') + 'isolation=off' if isolation == 'off' else '')); ready(page, 600 if webgpu else 180)  # software WebGPU: seconds a frame
        if stats_only: print(json.dumps(live_stats(page, seconds))); return browser.close()
        result = run_live(page, out, seconds)
        result['isolated'] = page.evaluate("() => self.crossOriginIsolated")
        if isolation != 'off': result['offline'] = offline_visit(context, url)
        browser.close()
    print(json.dumps(result))

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument('url'); a.add_argument('out'); a.add_argument('clip')
    a.add_argument('--seconds', type=int, default=6); a.add_argument('--isolation', default='on', choices=('on', 'off'))
    a.add_argument('--stats_only', action='store_true')
    a.add_argument('--webgpu', action='store_true', help="Chromium's WebGPU, on its software adapter where there is no GPU")
    args = a.parse_args()
    check(args.url, args.out, args.clip, args.seconds, args.isolation, args.stats_only, args.webgpu)
