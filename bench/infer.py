"""CPU inference and training speed, in one run: petseg's ResNet34_UNet and UNet (width 16, depth 5, as committed) in
eager PyTorch (fp32, channels_last), torch.compile, ONNX Runtime fp32 and ONNX Runtime int8 (`petseg-export`), beside
segmentation_models_pytorch's Unet('resnet34') in eager PyTorch; images/s at 256 px, batch 16, and the fraction of this
machine's fp32 convolution peak (bench/conv_peak.py's 3x3 conv) that each reaches.
Run: python bench/infer.py [--batches 8] [--no-compile] > bench/results_infer.md
To see PyTorch on an AVX2-only CPU from an AVX-512 one: ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 python bench/infer.py
Needs the committed checkpoints (models/) and, for the int8 calibration, the dataset ($PETSEG_DATA). Where the
checkpoints are not (a remote machine reached through a small upload), --random_weights builds the same architectures from the JSON
beside each; speed does not depend on the weights, and the calibration can come from bench/pets_subset.py's tree."""
import argparse, os, tempfile, time, warnings
from datetime import date
from pathlib import Path
import torch
from torch.utils.flop_counter import FlopCounterMode
from petseg.models import get_model, load_checkpoint, checkpoint_info, OnnxModel, machine_info
from petseg.data import PetImages
from petseg.metrics import DiceBCELoss
from petseg.export import export_onnx, quantize_int8
from conv_peak import conv_gflops
from peers import smp_unet

def images_per_s(fn, x, n):
    "Images per second of `fn` on batch `x`, over `n` calls after one warm-up."
    fn(x); t = time.perf_counter()
    for _ in range(n): fn(x)
    return n * len(x) / (time.perf_counter() - t)

def eager(model):
    model = model.eval().to(memory_format=torch.channels_last)
    def run(x):
        with torch.no_grad(): return model(x.contiguous(memory_format=torch.channels_last))
    return run

def train_step(model):
    "One training step (forward, Dice + BCE, backward, Adam) of `model` in fp32, channels_last."
    model = model.train().to(memory_format=torch.channels_last)
    opt, loss = torch.optim.Adam(model.parameters()), DiceBCELoss()
    y = None
    def run(x):
        nonlocal y
        y = (torch.rand(len(x), *x.shape[2:]) > 0.5).long() if y is None else y
        loss(model(x.contiguous(memory_format=torch.channels_last)), y).backward(); opt.step(); opt.zero_grad()
    return run

def isa_limit():
    "What ONEDNN_MAX_CPU_ISA (PyTorch's convolutions) restricts, if set; ONNX Runtime ignores it and uses every ISA."
    isa = os.environ.get('ONEDNN_MAX_CPU_ISA')
    return f", oneDNN limited to {isa} (ONNX Runtime is not: it picks its kernels from the CPU's own flags)" if isa else ""

def committed(name, random_weights=False):
    "The committed checkpoint `models/{name}.pth`, or (`random_weights`) its architecture, built from the JSON beside it."
    if not random_weights: return load_checkpoint(f'models/{name}.pth')
    info = checkpoint_info(f'models/{name}.pth')
    return get_model(info['model'], **info['model_kwargs'])

def forward_gflop(model, size=256):
    with FlopCounterMode(display=False) as f, torch.no_grad(): model.eval()(torch.randn(1, 3, size, size))
    return f.get_total_flops() / 1e9

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--batches', type=int, default=8); p.add_argument('--no-compile', action='store_true')
    p.add_argument('--random_weights', action='store_true', help="the committed architectures, without their checkpoints")
    a = p.parse_args()
    warnings.filterwarnings('ignore')
    torch.set_num_threads(2)
    x = torch.randn(16, 3, 256, 256)
    peak = conv_gflops(False)[0]
    print(f"# CPU inference speed\n\n{machine_info()}, {date.today()}, torch CPU capability {torch.backends.cpu.get_cpu_capability()}"
          f"{isa_limit()}; 256x256, batch 16, 2 threads; fp32 3x3-conv peak {peak:.0f} GFLOP/s"
          f"{'; random weights' if a.random_weights else ''}\n")
    print("| model | engine | GFLOP/image (forward) | images/s | of fp32 peak | vs smp eager |\n|---|---|---|---|---|---|")
    scratch = tempfile.TemporaryDirectory()  # the ONNX files (hundreds of MB), removed at exit
    tmp, pets = Path(scratch.name), PetImages(size=256)
    models = {'smp Unet(resnet34)': smp_unet(), 'petseg ResNet34_UNet': committed('resnet34_unet', a.random_weights),
              'petseg UNet (16, depth 5)': committed('unet', a.random_weights)}
    ref = None  # smp's eager images/s, measured first, so that each row prints as soon as it is measured
    for i, (name, model) in enumerate(models.items()):
        gf = forward_gflop(model)
        engines = {'eager fp32': eager(model)}
        if not name.startswith('smp'):
            if not a.no_compile: engines['torch.compile'] = eager(torch.compile(model))
            f = export_onnx(model, tmp/f'{i}.onnx')
            engines['ONNX Runtime fp32'] = OnnxModel(f)
            engines['ONNX Runtime int8'] = OnnxModel(quantize_int8(f, tmp/f'{i}.int8.onnx', pets))
        for engine, fn in engines.items():
            ips = images_per_s(fn, x, a.batches); ref = ref or ips
            print(f"| {name} | {engine} | {gf:.1f} | {ips:.1f} | {gf * ips / peak:.0%} | {ips / ref:.2f} |", flush=True)
    print("\n| model | training images/s (fp32, eager) | vs smp |\n|---|---|---|")
    trainers = {'smp Unet(resnet34)': smp_unet, 'petseg ResNet34_UNet': lambda: committed('resnet34_unet', a.random_weights)}
    ref = None
    for name, make in trainers.items():
        ips = images_per_s(train_step(make()), x, a.batches); ref = ref or ips
        print(f"| {name} | {ips:.2f} | {ips / ref:.2f} |", flush=True)
