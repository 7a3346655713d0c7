"""The web page of `petseg-export --web` against the Python path: for N test images of the three breeds, the share of
pixels where the page's mask (`window.petseg.segment` in headless Chromium, ONNX Runtime Web on WebAssembly, one thread)
equals the one `petseg-inference --images` writes with the same export, and each path's milliseconds per image for the
model (the page: `session.run` as the page reports it; Python: ONNX Runtime on the CPU, `predict` of one image).
Run: python bench/web.py WEB_DIR [--n 20]   (WEB_DIR: a folder written by petseg-export --web; prints a table)"""
import argparse, json, shutil, subprocess, sys, tempfile, time
from datetime import date
from pathlib import Path
import numpy as np, torch
from PIL import Image
from petseg.data import pets_path, read_split, SUBSET_BREEDS, load_image, pet_normalize
from petseg.evaluation import predict
from petseg.models import load_checkpoint, machine_info
from petseg.web import serve

def python_ms(onnx, files, size):
    "Milliseconds per image of the export in ONNX Runtime (Python), one image at a time, after one warm-up."
    from fastai.vision.all import TensorImage
    model, norm, times = load_checkpoint(onnx), pet_normalize(cuda=False), []
    for i, f in enumerate([files[0], *files]):
        x = norm(TensorImage(torch.from_numpy(load_image(f, size)).permute(2, 0, 1)[None].float() / 255))
        t = time.perf_counter(); predict(model, [(x, torch.zeros(1, size, size))]); times.append(time.perf_counter() - t)
    return 1000 * float(np.median(times[1:]))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0]); p.add_argument('web'); p.add_argument('--n', type=int, default=20)
    a = p.parse_args(); web = Path(a.web); settings = json.loads((web/'petseg.json').read_text())
    names = list(read_split(pets_path(), 'test', SUBSET_BREEDS).name[:a.n])
    photos = [Path(shutil.copy(pets_path()/'images'/f'{n}.jpg', web)) for n in names]
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(['petseg-inference', '--model', str(web/'model.onnx'), '--images', *map(str, photos), '--out', f'{d}/py'], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        server, url = serve(web); Path(d, 'page').mkdir()
        try: report = json.loads(subprocess.run([sys.executable, str(Path(__file__).parent.parent/'tools'/'web_check.py'), url, f'{d}/page',
                                                 *map(str, photos)], capture_output=True, text=True, check=True).stdout)
        finally: server.shutdown()
        agree = {f.name: float(((np.asarray(Image.open(f'{d}/page/{f.stem}_page.png')) > 127) == (np.asarray(Image.open(f'{d}/py/{f.stem}_mask.png')) > 127)).mean()) for f in photos}
    for f in photos: f.unlink()
    py = python_ms(web/'model.onnx', [pets_path()/'images'/f'{n}.jpg' for n in names], settings['size'])
    page_ms = float(np.median(list(report['ms'].values())[1:]))
    print(f"# The web page against petseg-inference: {settings['model']} {settings['precision']} ONNX, {len(photos)} test images, {machine_info()}, {date.today()}\n")
    print('| image | pixels agreeing | page ms |\n|---|---|---|')
    for n in agree: print(f"| {n} | {agree[n]:.4%} | {report['ms'][n]:.0f} |")
    print(f"\nagreement: min {min(agree.values()):.4%}, mean {np.mean(list(agree.values())):.4%}; model time per image (median, after the first): "
          f"page {page_ms:.0f} ms (ONNX Runtime Web {settings['onnxruntime_web']}, WebAssembly, one thread), Python {py:.0f} ms (ONNX Runtime, {torch.get_num_threads()} threads)")
