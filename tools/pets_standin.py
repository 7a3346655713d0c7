"""A stand-in for the full Oxford-IIIT Pet download, for testing petseg where the release cannot be downloaded.

    python tools/pets_standin.py SRC DEST

SRC is an Oxford-IIIT Pet tree with some of the release's breeds (such as the 3-breed offline subset); DEST gets those
breeds' files and lines unchanged, plus generated images and trimaps of every other breed of the release, so that DEST has
the full release's layout, list format, 37 breeds and split sizes (3,680 trainval and 3,669 test names). The generated
photos are drawn shapes, not pets: scores on them mean nothing, but every path that reads, splits, selects or loops over
the full dataset runs as it would on the download.
"""
import argparse, shutil, sys
from pathlib import Path
import numpy as np
from PIL import Image, ImageDraw
from petseg.data import RELEASE_BREEDS

CATS, DOGS = RELEASE_BREEDS['cat'], RELEASE_BREEDS['dog']
RELEASE = {'trainval': 3680, 'test': 3669}  # names in the full release's lists
HEADER = ['#Image CLASS-ID SPECIES BREED ID', '#ID: 1:37 Class ids', '#SPECIES: 1:Cat 2:Dog', '#BREED ID: 1-25:Cat 1:12:Dog',
          '#All images with 1st letter as captial are cat images', '#images with small first letter are dog images']

def class_ids():
    "Breed -> (class id, species, breed id) as the release numbers them: classes alphabetically, ignoring case."
    ids = {b: i + 1 for i, b in enumerate(sorted(CATS + DOGS, key=str.lower))}
    return {b: (ids[b], 1 if b in CATS else 2, (CATS if b in CATS else DOGS).index(b) + 1) for b in CATS + DOGS}

def read_lines(src, split):
    "The non-comment lines of `src`'s official list `split`."
    return [l for l in (src/'annotations'/f'{split}.txt').read_text().splitlines() if l.strip() and not l.startswith('#')]

def counts(total, n):
    "`total` items spread over `n` groups, the first ones one larger."
    return [total // n + (i < total % n) for i in range(n)]

def draw_pet(rng, name, dest):
    "A photo of a drawn ellipse on a blotchy background, and its trimap (1 inside, 3 on the border, 2 outside)."
    w, h = int(rng.integers(160, 320)), int(rng.integers(120, 260))
    img = Image.fromarray(rng.integers(0, 255, (h // 8 + 1, w // 8 + 1, 3), dtype=np.uint8)).resize((w, h), Image.BILINEAR)
    box = [int(rng.integers(0, w // 3)), int(rng.integers(0, h // 3)), int(rng.integers(2 * w // 3, w)), int(rng.integers(2 * h // 3, h))]
    ImageDraw.Draw(img).ellipse(box, fill=tuple(int(c) for c in rng.integers(0, 255, 3)))
    trimap = Image.new('L', (w, h), 2); d = ImageDraw.Draw(trimap)
    d.ellipse(box, fill=3); d.ellipse([box[0] + 2, box[1] + 2, box[2] - 2, box[3] - 2], fill=1)
    img.save(dest/'images'/f'{name}.jpg', quality=85); trimap.save(dest/'annotations'/'trimaps'/f'{name}.png')

def copy_real(src, dest, breeds):
    "Copy every file of `breeds` from `src` (images, trimaps, head boxes) into `dest`."
    for sub, pattern in (('images', '{}_*.jpg'), ('annotations/trimaps', '{}_*.png'), ('annotations/xmls', '{}_*.xml')):
        (dest/sub).mkdir(parents=True, exist_ok=True)
        for b in breeds:
            for f in (src/sub).glob(pattern.format(b)) if (src/sub).exists() else ():
                if f.name.rsplit('_', 1)[0] == b: shutil.copyfile(f, dest/sub/f.name)

def build(src, dest, seed=0):
    "Write the stand-in tree in `dest`; return how many names each list has."
    src, dest, ids, rng = Path(src), Path(dest), class_ids(), np.random.default_rng(seed)
    real = {s: read_lines(src, s) for s in RELEASE}
    have = sorted({l.split()[0].rsplit('_', 1)[0] for ls in real.values() for l in ls})
    if unknown := [b for b in have if b not in ids]: sys.exit(f"{src}: breeds not in the release: {', '.join(unknown)}")
    copy_real(src, dest, have)
    made = [b for b in sorted(ids, key=str.lower) if b not in have]
    lines = {s: {b: [l for l in ls if l.split()[0].rsplit('_', 1)[0] == b] for b in have} for s, ls in real.items()}
    sizes = {s: counts(RELEASE[s] - len(real[s]), len(made)) for s in RELEASE}
    for i, b in enumerate(made):
        n_tv, n_test = sizes['trainval'][i], sizes['test'][i]
        for k in range(1, n_tv + n_test + 1): draw_pet(rng, f'{b}_{k}', dest)
        line = lambda k: f'{b}_{k} {ids[b][0]} {ids[b][1]} {ids[b][2]}'
        lines['trainval'][b] = [line(k) for k in range(1, n_tv + 1)]
        lines['test'][b] = [line(k) for k in range(n_tv + 1, n_tv + n_test + 1)]
    order = sorted(ids, key=str.lower)
    for s in RELEASE: (dest/'annotations'/f'{s}.txt').write_text(''.join(l + '\n' for b in order for l in lines[s][b]))
    every = sorted((l for s in RELEASE for b in order for l in lines[s][b]), key=lambda l: (int(l.split()[1]), l))
    (dest/'annotations'/'list.txt').write_text('\n'.join(HEADER + every) + '\n')
    return {s: sum(len(v) for v in lines[s].values()) for s in RELEASE}

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('src', help='an Oxford-IIIT Pet tree with some of the breeds (its files are copied, not changed)')
    p.add_argument('dest', help='the new tree (must not exist)')
    a = p.parse_args()
    if Path(a.dest).exists(): sys.exit(f"{a.dest} exists: give a new folder")
    n = build(a.src, a.dest)
    print(f"{a.dest}: {n['trainval']} trainval and {n['test']} test names of 37 breeds")
