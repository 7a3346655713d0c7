"""How fast can this CPU train a segmentation net at all? Measures one 3x3 convolution (128 -> 128 channels, 64x64,
batch 16, channels_last) forward and backward in float32 and under bfloat16 autocast, in GFLOP/s, and counts the
FLOPs of one training step (forward + backward) per 256x256 image of each model, so that a throughput in images/s can be
checked against what the convolutions allow.

Run: python bench/conv_peak.py   (a few seconds; prints measurements, asserts nothing)
"""
import time, torch
from torch.utils.flop_counter import FlopCounterMode
from datetime import date
from petseg.models import MODELS, machine_info
from peers import smp_unet

def conv_gflops(bf16, n=6, c=128, hw=64, bs=16):
    "Forward and backward GFLOP/s of one 3x3 conv, best of `n` after a warm-up."
    conv = torch.nn.Conv2d(c, c, 3, padding=1, bias=False).to(memory_format=torch.channels_last)
    x = torch.randn(bs, c, hw, hw).to(memory_format=torch.channels_last).requires_grad_()
    flops, fwd, bwd = 2 * bs * c * c * 9 * hw * hw, [], []
    for i in range(n + 1):
        t0 = time.perf_counter()
        with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16): y = conv(x)
        t1 = time.perf_counter(); y.float().sum().backward(); t2 = time.perf_counter()
        if i: fwd.append(flops / (t1 - t0) / 1e9); bwd.append(2 * flops / (t2 - t1) / 1e9)
    return max(fwd), max(bwd)

def train_gflop_per_image(model, size=256):
    "FLOPs of one forward and backward pass of `model` on one image, in GFLOP."
    with FlopCounterMode(display=False) as f: model(torch.randn(1, 3, size, size)).sum().backward()
    return f.get_total_flops() / 1e9

if __name__ == '__main__':
    torch.set_num_threads(2)
    print(f'# {machine_info()}, {date.today()}, 2 threads')
    for bf16 in (False, True):
        fwd, bwd = conv_gflops(bf16)
        print(f"3x3 conv {'bf16' if bf16 else 'fp32'}: forward {fwd:.0f}, backward {bwd:.0f} GFLOP/s")
    for name, make in [('ResNet34_UNet', MODELS['resnet34_unet']), ('UNet(width=16)', lambda: MODELS['unet'](width=16)), ('smp Unet(resnet34)', smp_unet)]:
        print(f"{name}: {train_gflop_per_image(make()):.1f} GFLOP per 256-px training image")
