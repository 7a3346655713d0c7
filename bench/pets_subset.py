"""Copy a small Oxford-IIIT Pet tree in the official layout: the first `--per_breed` names of each breed in each
official list, their images and trimaps, and the lists cut to them. For a machine the dataset cannot travel to whole
(a remote GPU machine reached through a small upload): speed checks, int8 calibration and a smoke run of the commands, never a score.
Run: python bench/pets_subset.py OUT [--src $PETSEG_DATA] [--per_breed 8]"""
import argparse, shutil
from pathlib import Path
from petseg.data import pets_path, read_split

def copy_subset(src, out, per_breed=8):
    "Write the subset of `src` to `out` (which must not exist); return how many names it holds."
    src, out = pets_path(src), Path(out)
    (out/'annotations'/'trimaps').mkdir(parents=True); (out/'images').mkdir()
    n = 0
    for split in ('trainval', 'test'):
        lines = [l for l in (src/'annotations'/f'{split}.txt').read_text().splitlines() if l.strip() and not l.startswith('#')]
        keep = set(read_split(src, split).groupby('breed').head(per_breed).name)
        kept = [l for l in lines if l.split()[0] in keep]
        (out/'annotations'/f'{split}.txt').write_text('\n'.join(kept) + '\n')
        for name in keep:
            shutil.copy(src/'images'/f'{name}.jpg', out/'images')
            shutil.copy(src/'annotations'/'trimaps'/f'{name}.png', out/'annotations'/'trimaps')
        n += len(keep)
    return n

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('out'); p.add_argument('--src', default=None); p.add_argument('--per_breed', type=int, default=8)
    a = p.parse_args()
    print(f"{copy_subset(a.src, a.out, a.per_breed)} names copied to {a.out}")
