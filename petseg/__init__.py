"""Binary pet segmentation on Oxford-IIIT Pet with UNet and ResNet34_UNet, on fastai.

The names a user starts with are here, each imported from its module on first use, so `import petseg` stays fast
(torch and fastai load only when one is used): `from petseg import train` is the function of `petseg.training`,
`from petseg import evaluate` that of `petseg.evaluation`. Docs: https://petseg.github.io/petseg/"""
__version__ = "0.1.0"

import importlib, warnings
# fastai's import of torch.jit.script prints a deprecation warning on torch >= 2.9; keep it off every command's stderr
warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated', category=FutureWarning)

STARTERS = {'pet_dataloaders': 'data', 'pet_learner': 'training', 'train': 'training', 'evaluate': 'evaluation',
            'load_checkpoint': 'models', 'MaskBrowser': 'viz', 'PetsegError': 'base'}
__all__ = ['__version__', *STARTERS]

def __getattr__(name):
    "A starter name, from its module on first use (PEP 562); no module of petseg has a starter's name."
    if name not in STARTERS: raise AttributeError(f"module 'petseg' has no attribute {name!r}")
    return getattr(importlib.import_module(f'petseg.{STARTERS[name]}'), name)

def __dir__(): return sorted({*globals(), *STARTERS})
