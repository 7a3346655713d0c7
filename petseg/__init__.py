"""Binary pet segmentation on Oxford-IIIT Pet with UNet and ResNet34_UNet, on fastai.

The names a user starts with are here, each imported from its module on first use, so `import petseg` stays fast
(torch and fastai load only when one is used). `petseg.train` and `petseg.evaluate` are the functions; the rest of
their modules is reached with `from petseg.train import ...`. Docs: https://petseg.github.io/petseg/"""
__version__ = "0.1.0"

import importlib, sys, types, warnings
# fastai's import of torch.jit.script prints a deprecation warning on torch >= 2.9; keep it off every command's stderr
warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated', category=FutureWarning)

STARTERS = {'pet_dataloaders': 'data', 'pet_learner': 'train', 'train': 'train', 'evaluate': 'evaluate',
            'load_checkpoint': 'models', 'MaskBrowser': 'viz', 'PetsegError': 'base'}
__all__ = ['__version__', *STARTERS]

def _starter(name):
    "The name from its module, looked up on use; the import system's own assignment of a submodule is ignored."
    return property(lambda self: getattr(importlib.import_module(f'petseg.{STARTERS[name]}'), name), lambda self, value: None)

sys.modules[__name__].__class__ = type('petseg', (types.ModuleType,), {n: _starter(n) for n in STARTERS})
