"""GPU benchmark: training and inference images/s and peak GPU memory of petseg's ResNet34_UNet and UNet and
segmentation_models_pytorch's Unet('resnet34') at 256 px, in fp32 and at `--precision auto` (bf16 or fp16), batch 16
and 64; then (with --recipe) the wall time of the README's training command on this GPU.
Run on a machine with a CUDA GPU:  python bench/gpu.py [--recipe] > bench/results_gpu.md
Check the script itself on a CPU first (a minute):  python bench/gpu.py --device cpu --batch_sizes 2 --steps 1 --precisions fp32,bf16,fp16
Synthetic batches (random images and masks) measure the model alone; the recipe run uses the dataset ($PETSEG_DATA)."""
import argparse, subprocess, sys, time
import torch
from petseg.models import get_model, machine_info
from petseg.metrics import DiceBCELoss
from petseg.compute import pick_precision, AUTOCAST
from petseg.training import recipe_command
from peers import smp_unet

RECIPE = [*recipe_command('resnet34_unet').split(), '--out', 'runs/gpu_recipe', '--quiet', '--force']  # the README's command

MODELS = {'petseg ResNet34_UNet': lambda: get_model('resnet34_unet'), 'petseg UNet (width 16, depth 5)':
          lambda: get_model('unet', width=16, depth=5), 'smp Unet(resnet34)': smp_unet}

def synchronize(device):
    if device.type == 'cuda': torch.cuda.synchronize(device)

def step_time(model, x, y, precision, train=True, steps=10):
    "Seconds per step after warm-up: a training step (forward, loss, backward, Adam) or a forward pass."
    opt, loss_fn = torch.optim.Adam(model.parameters()), DiceBCELoss()
    scaler = torch.amp.GradScaler(x.device.type, enabled=precision == 'fp16')
    def step():
        with torch.autocast(x.device.type, dtype=AUTOCAST.get(precision), enabled=precision in AUTOCAST), \
             torch.set_grad_enabled(train):
            out = model(x)
            if not train: return
            loss = loss_fn(out, y)
        scaler.scale(loss).backward(); scaler.step(opt); scaler.update(); opt.zero_grad()
    model.train(train)
    for _ in range(3): step()
    synchronize(x.device); t = time.perf_counter()
    for _ in range(steps): step()
    synchronize(x.device)
    return (time.perf_counter() - t) / steps

def peak_memory_gib(device):
    return torch.cuda.max_memory_allocated(device) / 2**30 if device.type == 'cuda' else float('nan')

def row(name, make, bs, precision, device, steps, size=256):
    if device.type == 'cuda': torch.cuda.reset_peak_memory_stats(device)
    model = make().to(device, memory_format=torch.channels_last)
    x = torch.randn(bs, 3, size, size, device=device).contiguous(memory_format=torch.channels_last)
    y = (torch.rand(bs, size, size, device=device) > 0.5).long()
    tr, inf = step_time(model, x, y, precision, steps=steps), step_time(model, x, y, precision, train=False, steps=steps)
    return f"| {name} | {precision} | {bs} | {bs / tr:.0f} | {bs / inf:.0f} | {peak_memory_gib(device):.1f} |"

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--recipe', action='store_true', help="also time the README's training command")
    p.add_argument('--device', default='cuda', help="cuda (the benchmark) or cpu (to check the script)")
    p.add_argument('--batch_sizes', default='16,64'); p.add_argument('--steps', type=int, default=10)
    p.add_argument('--precisions', default='fp32,auto', help="auto: bf16 where the GPU has it, else fp16")
    a = p.parse_args()
    device = torch.device(a.device)
    if device.type == 'cuda' and not torch.cuda.is_available(): sys.exit("bench/gpu.py needs a CUDA GPU (or --device cpu)")
    precisions = dict.fromkeys(pick_precision(q, device.type) if q == 'auto' else q for q in a.precisions.split(','))
    name = torch.cuda.get_device_name(device) if device.type == 'cuda' else 'CPU (a check of the script, not a benchmark)'
    print(f"# GPU benchmark\n\n{name}; {machine_info()}; 256x256, synthetic batches\n")
    print("| model | precision | batch | train images/s | infer images/s | peak memory (GiB) |\n|---|---|---|---|---|---|")
    for model, make in MODELS.items():
        for precision in precisions:
            for bs in map(int, a.batch_sizes.split(',')): print(row(model, make, bs, precision, device, a.steps), flush=True)
    if a.recipe:
        t = time.perf_counter(); subprocess.run(RECIPE + ['--device', a.device], check=True)
        print(f"\nREADME recipe `{' '.join(RECIPE)}`: {(time.perf_counter() - t) / 60:.1f} min wall time")
