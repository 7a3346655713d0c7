"""Training images per second of petseg's models on this machine, float32 against bf16 autocast (CPU), at 256 px, batch 16.
Run: python bench/train_speed.py [--models resnet34_unet unet] [--size 256] [--bs 16] [--batches 3] [--bf16]
Prints one line per model and precision, and the bf16/fp32 ratio. bf16 on a CPU without native bf16 support (see
`petseg.compute.bf16_supported`) can be ten times slower: it is measured only when asked (--bf16) or supported."""
import argparse, time
import torch
from petseg.data import pet_dataloaders
from petseg.models import machine_info
from petseg.training import pet_learner
from petseg.compute import bf16_supported

def train_speed(learn, n_batches=3):
    "Training images per second of `learn` over `n_batches` batches, after one warm-up batch, with its callbacks."
    it = iter(learn.dls.train)
    learn.model.train(); learn.create_opt()
    with learn.no_bar(), learn.no_logging(): learn('before_fit')  # as `fit` does: e.g. `ChannelsLast` converts the model
    for i in range(n_batches + 1):
        if i == 1: start = time.perf_counter()
        xb, yb = next(it)
        learn.xb, learn.yb = (xb,), (yb,); learn('before_batch')
        learn.pred = learn.model(*learn.xb); learn('after_pred')
        learn.loss_grad = learn.loss_func(learn.pred, *learn.yb); learn('after_loss')
        learn.loss_grad.backward(); learn.opt.step(); learn.opt.zero_grad()
    return n_batches * learn.dls.bs / (time.perf_counter() - start)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--models', nargs='+', default=['resnet34_unet'])
    p.add_argument('--size', type=int, default=256); p.add_argument('--bs', type=int, default=16)
    p.add_argument('--batches', type=int, default=3)
    p.add_argument('--breeds', default=None, help='only these breeds (default: all; the images decoded are the few timed)')
    p.add_argument('--bf16', action='store_true', help='time bf16 even where the CPU lacks native support')
    a = p.parse_args()
    print(f"{machine_info()}; native bf16: {bf16_supported()}; {a.size} px, batch {a.bs}")
    dls = pet_dataloaders(size=a.size, bs=a.bs, limit=a.bs * (a.batches + 1), breeds=a.breeds)
    for model in a.models:
        speeds = {}
        for precision in (['fp32', 'bf16'] if a.bf16 or bf16_supported() else ['fp32']):
            speeds[precision] = s = train_speed(pet_learner(dls, model, precision=precision), a.batches)
            print(f"{model:<15} {precision}: {s:.2f} training images/s", flush=True)
        if 'bf16' in speeds: print(f"{model:<15} bf16 / fp32: {speeds['bf16'] / speeds['fp32']:.2f}")
