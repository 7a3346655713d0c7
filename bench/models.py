"""Training-step and inference throughput of petseg's models beside segmentation_models_pytorch and fastai.

Run: python bench/models.py [--size 256] [--bs 16] [--steps 3] [--threads 2]
Prints a table of images/s (fp32 and CPU bf16 autocast, channels_last) with each model's ratio to smp's Unet.
This is a benchmark, not a test: it prints measurements and asserts nothing.
"""
import argparse, time, warnings
from datetime import date
import torch, torch.nn.functional as F
from petseg.unet import UNet
from petseg.models import machine_info
from petseg.resnet34_unet import ResNet34_UNet

def peers():
    "Reference models, built only if their packages are installed."
    out = {}
    try:
        import segmentation_models_pytorch as smp
        out['smp Unet(resnet34)'] = lambda: smp.Unet('resnet34', encoder_weights=None, classes=1)
    except ImportError: warnings.warn('segmentation_models_pytorch not installed: skipped')
    from fastai.vision.all import DynamicUnet, create_body, resnet34
    out['fastai DynamicUnet(resnet34)'] = lambda: DynamicUnet(create_body(resnet34(), pretrained=False), 1, (256, 256))
    return out

def throughput(model, size, bs, steps, bf16, train):
    "Images per second of `steps` timed training steps (or forward passes), after one warm-up."
    model = model.to(memory_format=torch.channels_last).train(train)
    opt = torch.optim.Adam(model.parameters(), 1e-4)
    x = torch.randn(bs, 3, size, size).to(memory_format=torch.channels_last)
    y = (torch.rand(bs, 1, size, size) > .5).float()
    def step():
        with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16), torch.set_grad_enabled(train):
            out = model(x)
            if out.shape[-2:] != x.shape[-2:]: out = F.interpolate(out, x.shape[-2:])
            loss = F.binary_cross_entropy_with_logits(out.float(), y)
        if train: opt.zero_grad(); loss.backward(); opt.step()
    step()
    start = time.perf_counter()
    for _ in range(steps): step()
    return bs * steps / (time.perf_counter() - start)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--size', type=int, default=256); p.add_argument('--bs', type=int, default=16)
    p.add_argument('--steps', type=int, default=3); p.add_argument('--threads', type=int, default=2)
    p.add_argument('--models', nargs='*', help='substrings of model names to run (default: all)')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    models = {'petseg ResNet34_UNet': ResNet34_UNet, 'petseg UNet(width=64)': UNet,
              'petseg UNet(width=32)': lambda: UNet(width=32), 'petseg UNet(width=16)': lambda: UNet(width=16),
              'petseg UNet(width=16, depth=5)': lambda: UNet(width=16, depth=5), **peers()}
    if a.models: models = {k: v for k, v in models.items() if any(m in k for m in a.models)}
    print(f"# {machine_info()}, {date.today()}, {a.threads} threads, "
          f"{a.size}x{a.size}, batch {a.bs}, {a.steps} timed steps; images/s")
    rows = {}
    for name, make in models.items():
        torch.manual_seed(0)
        m = make()
        n = sum(p.numel() for p in m.parameters()) / 1e6
        rows[name] = [n] + [throughput(m, a.size, a.bs, a.steps, bf16, train)
                            for train in (True, False) for bf16 in (False, True)]
        print(f"  measured {name}", flush=True)
    ref = rows.get('smp Unet(resnet34)')
    print(f"\n| model | params (M) | train fp32 | train bf16 | infer fp32 | infer bf16 |" + (" bf16 train / smp | bf16 infer / smp |" if ref else ""))
    print("|---|---|---|---|---|---|" + ("---|---|" if ref else ""))
    for name, r in rows.items():
        line = f"| {name} | {r[0]:.1f} | " + " | ".join(f"{v:.1f}" for v in r[1:]) + " |"
        if ref: line += f" {r[2]/ref[2]:.2f} | {r[4]/ref[4]:.2f} |"
        print(line)

if __name__ == '__main__': main()
