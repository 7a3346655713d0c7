__version__ = "0.1.0"

import warnings
# fastai's import of torch.jit.script prints a deprecation warning on torch >= 2.9; keep it off every command's stderr
warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated', category=FutureWarning)
