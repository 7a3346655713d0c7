"""GPU benchmark: training and inference images/s and peak GPU memory of petseg's ResNet34_UNet and UNet and
segmentation_models_pytorch's Unet('resnet34') at 256 px, in fp32 and at `--precision auto` (bf16 or fp16), batch 16
and 64; then (with --recipe) the wall time of the README's training command on this GPU.
Run on a machine with a CUDA GPU:  python bench/gpu.py [--recipe] > bench/results_gpu.md
Synthetic batches (random images and masks) measure the model alone; the recipe run uses the dataset ($PETSEG_DATA)."""
import argparse, subprocess, sys, time
import torch
from petseg.models import get_model, machine_info
from petseg.metrics import DiceBCELoss
from petseg.callbacks import pick_precision
from petseg.evaluate import AUTOCAST

RECIPE = ['petseg-train', '--model', 'resnet34_unet', '--schedule', '128:60:1e-3,256:15:5e-4,256:15:2.5e-4',
          '--out', 'runs/gpu_recipe', '--quiet', '--force']

def smp_unet():
    import segmentation_models_pytorch as smp
    return smp.Unet('resnet34', encoder_weights=None, classes=1)

MODELS = {'petseg ResNet34_UNet': lambda: get_model('resnet34_unet'), 'petseg UNet (width 16, depth 5)':
          lambda: get_model('unet', width=16, depth=5), 'smp Unet(resnet34)': smp_unet}

def step_time(model, x, y, precision, train=True, steps=10):
    "Seconds per step after warm-up: a training step (forward, loss, backward, Adam) or a forward pass."
    opt, loss_fn = torch.optim.Adam(model.parameters()), DiceBCELoss()
    scaler = torch.amp.GradScaler(enabled=precision == 'fp16')
    def step():
        with torch.autocast('cuda', dtype=AUTOCAST.get(precision), enabled=precision in AUTOCAST), torch.set_grad_enabled(train):
            out = model(x)
            if not train: return
            loss = loss_fn(out, y)
        scaler.scale(loss).backward(); scaler.step(opt); scaler.update(); opt.zero_grad()
    model.train(train)
    for _ in range(3): step()
    torch.cuda.synchronize(); t = time.perf_counter()
    for _ in range(steps): step()
    torch.cuda.synchronize()
    return (time.perf_counter() - t) / steps

def row(name, make, bs, precision, size=256):
    torch.cuda.reset_peak_memory_stats()
    model = make().cuda().to(memory_format=torch.channels_last)
    x = torch.randn(bs, 3, size, size, device='cuda').contiguous(memory_format=torch.channels_last)
    y = (torch.rand(bs, size, size, device='cuda') > 0.5).long()
    tr, inf = step_time(model, x, y, precision), step_time(model, x, y, precision, train=False)
    mem = torch.cuda.max_memory_allocated() / 2**30
    return f"| {name} | {precision} | {bs} | {bs / tr:.0f} | {bs / inf:.0f} | {mem:.1f} |"

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--recipe', action='store_true', help="also time the README's training command")
    a = p.parse_args()
    if not torch.cuda.is_available(): sys.exit("bench/gpu.py needs a CUDA GPU")
    auto = pick_precision('auto', 'cuda')
    print(f"# GPU benchmark\n\n{torch.cuda.get_device_name()}; {machine_info()}; 256x256, synthetic batches\n")
    print("| model | precision | batch | train images/s | infer images/s | peak memory (GiB) |\n|---|---|---|---|---|---|")
    for name, make in MODELS.items():
        for precision in ('fp32', auto):
            for bs in (16, 64): print(row(name, make, bs, precision), flush=True)
    if a.recipe:
        t = time.perf_counter(); subprocess.run(RECIPE, check=True)
        print(f"\nREADME recipe `{' '.join(RECIPE)}`: {(time.perf_counter() - t) / 60:.1f} min wall time")
