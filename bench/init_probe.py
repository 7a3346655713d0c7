"""Does weight initialisation explain smp's lead? ResNet34_UNet with PyTorch's default init, with He (kaiming normal)
init of every conv (petseg's default since session 3, as in torchvision's ResNet and smp's decoder), and smp's Unet,
each trained from the same seed with petseg's pipeline: 20 one-cycle epochs at 64 px, lr 1e-3. Prints the best
validation Dice of each.

Run: python bench/init_probe.py [--epochs 20] [--size 64]   (PETSEG_DATA set; about 3 minutes a model on 2 cores)
A quick probe, not a result: one seed, 30 validation images, low resolution.
"""
import argparse, json, sys
from pathlib import Path
from petseg.models import MODELS
from petseg.resnet34_unet import ResNet34_UNet
from petseg.train import train
sys.path.insert(0, str(Path(__file__).parent))
from peers import smp_unet

def torch_default_init(model):
    "PyTorch's own initialisation of every layer (what petseg used before He init)."
    for m in model.modules():
        if hasattr(m, 'reset_parameters'): m.reset_parameters()
    return model

MODELS.update(r34_torch_init=lambda: torch_default_init(ResNet34_UNet()), smp_unet=smp_unet)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--epochs', type=int, default=20); p.add_argument('--size', type=int, default=64)
    a = p.parse_args()
    res = {}
    for m in ('r34_torch_init', 'resnet34_unet', 'smp_unet'):
        s = train(model=m, epochs=a.epochs, lr=1e-3, img_size=a.size, out=f'runs/probe_{a.size}/{m}', force=True, quiet=True)
        res[m] = s['valid_dice']; print(m, s['valid_dice'], s['training_seconds'], 's', flush=True)
    print(json.dumps(res))

if __name__ == '__main__': main()
