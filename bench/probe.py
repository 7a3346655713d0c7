"""Quick probes behind the choices of the training recipe: short one-cycle runs at low resolution, same seed, petseg's
pipeline (`petseg.training.train`), each variant's best validation Dice printed.

Groups of variants (`PROBES`, plain data: name -> model and the `train` arguments that differ from the base):
- `init`: does weight initialisation explain smp's lead? ResNet34_UNet with PyTorch's default init, with He init
  (petseg's default), and smp's Unet.
- `batch`: more optimiser steps for the same epochs: ResNet34_UNet at batch 16 and 8 (same peak learning rate).
- `regularise`: is ResNet34_UNet held back by too much or too little regularisation? The default pipeline against a
  lighter one (crop and flips only) and a stronger one (wider crops, more rotation, everything more often), and weight
  decay 0 and 0.1 against fastai's default 0.01.

Run: python bench/probe.py init|batch|regularise [--epochs 20] [--size 64]   (PETSEG_DATA set; about 3 minutes a variant on 2 cores)
A quick probe, not a result: one seed, 30 validation images, low resolution.
"""
import argparse, json
import albumentations as A
from petseg.models import extra_models
from petseg.resnet34_unet import ResNet34_UNet
from petseg.training import train
from peers import smp_unet

def torch_default_init(model):
    "PyTorch's own initialisation of every layer (what petseg used before He init)."
    for m in model.modules():
        if hasattr(m, 'reset_parameters'): m.reset_parameters()
    return model

def light_augs(size=256, seed=None):
    "Geometry only: the default crop and flips, no affine, colour or noise."
    return A.Compose([A.RandomResizedCrop(size=(size, size), scale=(0.8, 1.0)), A.HorizontalFlip(p=0.5), A.VerticalFlip(p=0.5)], seed=seed)

def strong_augs(size=256, seed=None):
    "The default pipeline with wider crops, larger affine ranges and every transform applied more often."
    return A.Compose([
        A.RandomResizedCrop(size=(size, size), scale=(0.5, 1.0)), A.HorizontalFlip(p=0.5), A.VerticalFlip(p=0.5),
        A.Affine(translate_percent=(-0.1, 0.1), scale=(0.8, 1.2), rotate=(-30, 30), border_mode=0, p=0.8),
        A.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.3, hue=0.1, p=0.8),
        A.RGBShift(r_shift_limit=25, g_shift_limit=25, b_shift_limit=25, p=0.5),
        A.GaussNoise(std_range=(0.02, 0.1), p=0.5)], seed=seed)

EXTRA = dict(r34_torch_init=lambda: torch_default_init(ResNet34_UNet()), smp_unet=smp_unet)  # trained inside `extra_models(**EXTRA)`

BASE = dict(learning_rate=1e-3, batch_size=16)
PROBES = {'init': {'r34_torch_init': ('r34_torch_init', {}), 'resnet34_unet': ('resnet34_unet', {}), 'smp_unet': ('smp_unet', {})},
          'batch': {'bs16': ('resnet34_unet', {}), 'bs8': ('resnet34_unet', dict(batch_size=8))},
          'regularise': {'default': ('resnet34_unet', {}), 'augs_light': ('resnet34_unet', dict(augment=light_augs)),
                         'augs_strong': ('resnet34_unet', dict(augment=strong_augs)),
                         'wd_0': ('resnet34_unet', dict(wd=0.)), 'wd_0.1': ('resnet34_unet', dict(wd=0.1))}}

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('group', choices=list(PROBES))
    p.add_argument('--epochs', type=int, default=20); p.add_argument('--size', type=int, default=64)
    a = p.parse_args()
    res = {}
    with extra_models(**EXTRA): _run_probes(a, res)

def _run_probes(a, res):
    for name, (model, kw) in PROBES[a.group].items():
        s = train(model=model, epochs=a.epochs, img_size=a.size, out=f'runs/probe_{a.size}/{a.group}/{name}', force=True, quiet=True, **{**BASE, **kw})
        res[name] = s['valid_dice']; print(name, s['valid_dice'], s['training_seconds'], 's', flush=True)
    print(json.dumps(res))

if __name__ == '__main__': main()
