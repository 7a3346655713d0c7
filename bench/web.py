"""The web page's speed beside the Python path's: milliseconds of the model per camera frame in live mode (the page's
median over its last 30 frames, alone and with the frame's resize to the model's input, ONNX Runtime Web on WebAssembly, in headless Chromium on a fake camera) at the live size
and at 256 px, on one thread (`?isolation=off`) and on every core (cross-origin isolated by the page's service worker),
for the int8 and the float32 export; beside ONNX Runtime in Python on the same file, size and thread count. Then WebGPU
(`?backend=webgpu`, the float32 export, at the live size), on whatever adapter Chromium offers with WebGPU on: a GPU, or
SwiftShader, Chromium's software one, where there is none.
Run: python bench/web.py [--model models/unet.pth] [--seconds 8] > bench/results_web.md   (PETSEG_DATA set; a few minutes)"""
import argparse, json, os, subprocess, sys, tempfile, time
from datetime import date
from pathlib import Path
import numpy as np
from petseg.base import IMG_SIZE
from petseg.data import pets_path, read_split, SUBSET_BREEDS, breeds_text
from petseg.models import machine_info
from petseg.web import LIVE_SIZE, serve

TOOLS = Path(__file__).resolve().parent.parent/'tools'

def pages(model, d):
    "The int8 and float32 pages of checkpoint `model`, written into `d` by petseg-export --web: {precision: folder}."
    common = ['petseg-export', '--model', model, '--limit', '16', '--breeds', breeds_text(SUBSET_BREEDS)]
    for precision, extra in (('int8', []), ('fp32', ['--fp32'])):
        subprocess.run([*common, '--out', f'{d}/{precision}_onnx', '--web', f'{d}/{precision}', *extra], check=True, capture_output=True)
    return {p: Path(d)/p for p in ('int8', 'fp32')}

def page_ms(folder, clip, size, isolation, seconds, webgpu=False):
    "The page's live statistics for `folder` at input `size`, with cross-origin isolation on or off, on WebAssembly or WebGPU."
    server, url = serve(folder)
    precision = json.loads((Path(folder)/'petseg.json').read_text())['precision']  # the export's own file: ?precision= forces it
    backend, flags = ('webgpu', ['--webgpu']) if webgpu else ('wasm', [])
    try: r = subprocess.run([sys.executable, str(TOOLS/'live_check.py'), f'{url}?live_size={size}&precision={precision}&backend={backend}', str(folder), str(clip),
                             '--seconds', str(seconds), '--isolation', isolation, '--stats_only', *flags], capture_output=True, text=True)
    finally: server.shutdown()
    if r.returncode: raise SystemExit(f"bench/web.py: the page in Chromium failed: {r.stderr.strip()[-500:]}")
    return json.loads(r.stdout)

def webgpu_row(folder, clip, seconds):
    "The float32 page on WebGPU at the live size, as a line of the results: the adapter, the warm-up and live times."
    try: s = page_ms(folder, clip, LIVE_SIZE, 'on', seconds, webgpu=True)
    except SystemExit as e: return f"WebGPU: not measured ({str(e).splitlines()[-1]})"
    return (f"WebGPU (the float32 export at {LIVE_SIZE}x{LIVE_SIZE}, adapter: {s['adapter']}): {s['warmup_ms']['webgpu fp32']:.0f} ms a frame at load, "
            f"{s['frames']} live frames in {seconds} s ({s['fps']:.2f} frames/s, the model {s['ms']:.0f} ms a frame).")

def python_ms(onnx, size, threads, runs=20):
    "Median milliseconds of one image through ONNX Runtime in Python, `threads` intra-op threads, after a warm-up."
    import onnxruntime as ort
    so = ort.SessionOptions(); so.intra_op_num_threads = threads
    s = ort.InferenceSession(str(onnx), so, providers=['CPUExecutionProvider'])
    x = {s.get_inputs()[0].name: np.random.rand(1, 3, size, size).astype(np.float32)}
    s.run(None, x); times = []
    for _ in range(runs): t = time.perf_counter(); s.run(None, x); times.append(time.perf_counter() - t)
    return 1000 * float(np.median(times))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--model', default='models/unet.pth'); p.add_argument('--seconds', type=int, default=8)
    a = p.parse_args()
    photo = pets_path()/'images'/f"{read_split(pets_path(), 'test', SUBSET_BREEDS).name.iloc[0]}.jpg"
    print(f"# The web page's speed against ONNX Runtime in Python: {a.model}, {machine_info()}, {date.today()}\n")
    print(f"Live mode on a 640x480 fake camera playing {photo.name}, {a.seconds} s each; the page's threads: one without "
          "cross-origin isolation, every core with it.\n")
    print('| export | input | threads | page: model ms a frame | page: with the resize | page: frames/s | Python: model ms | page ÷ Python (model) |\n|---|---|---|---|---|---|---|---|')
    with tempfile.TemporaryDirectory() as d:
        clip = subprocess.run([sys.executable, str(TOOLS/'fake_camera.py'), f'{d}/clip.y4m', str(photo), '--frames', '40'], check=True)
        for precision, folder in pages(a.model, d).items():
            for size in (LIVE_SIZE, IMG_SIZE):
                for isolation in ('off', 'on'):
                    s = page_ms(folder, f'{d}/clip.y4m', size, isolation, a.seconds)
                    py = python_ms(folder/'model.onnx', size, s['threads'])
                    print(f"| {precision} | {size}x{size} | {s['threads']} | {s['ms']:.0f} | {s['worker_ms']:.0f} | {s['fps']:.1f} | {py:.0f} | {s['ms'] / py:.2f} |", flush=True)
        print('\n' + webgpu_row(Path(d)/'fp32', f'{d}/clip.y4m', a.seconds))
