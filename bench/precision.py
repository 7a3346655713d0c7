"""What `--precision auto` chooses on this CPU, and how fast that is beside segmentation_models_pytorch, in one run:
training and inference of both committed architectures (random weights) in float32 and in bfloat16 autocast, petseg's
default (the precision the commands' own probes choose, measured afresh), and smp's `Unet('resnet34')` in float32 eager
(its default) and in bfloat16; at 256 px, batch 16, in interleaved rounds (medians). A training step is a forward and
backward pass with BCE and an Adam step; inference a forward pass without gradients (`petseg.compute.images_per_second`).
Run from the repository root: python bench/precision.py [--size 256] [--bs 16] [--steps 2] [--rounds 3] [--threads N]
This is a benchmark, not a test: it prints measurements and asserts nothing."""
import argparse, contextlib, io, os, statistics, tempfile
from datetime import date
import torch
from petseg.base import IMG_SIZE
from petseg.compute import CACHE_ENV, bf16_supported, images_per_second, pick_precision, processor
from petseg.models import machine_info, checkpoint_info
from petseg.training import training_probe
from petseg.evaluation import inference_probe
from infer import committed  # bench/infer.py: the committed architectures, built from the JSON beside each checkpoint
from peers import smp_unet

ARCHS = ('resnet34_unet', 'unet')
SMP = 'smp Unet(resnet34)'

def auto_choices(size, bs):
    "`{(task, arch): precision}` that `--precision auto` picks here, each probe run afresh, and the lines the probes printed."
    choices, err = {}, io.StringIO()
    with tempfile.TemporaryDirectory(prefix='petseg-') as cache, contextlib.redirect_stdout(err):
        os.environ[CACHE_ENV] = cache
        for arch in ARCHS:
            kwargs = checkpoint_info(f'models/{arch}.pth')['model_kwargs']
            choices['training', arch] = pick_precision('auto', 'cpu', probe=training_probe(arch, size, bs, kwargs))
            choices['inference', arch] = pick_precision('auto', 'cpu', probe=inference_probe(committed(arch, random_weights=True), size, bs))
        del os.environ[CACHE_ENV]
    return choices, err.getvalue().strip().splitlines()

def models():
    "name: a fresh model, petseg's committed architectures (random weights) and smp's `Unet('resnet34')`."
    return {**{arch: committed(arch, random_weights=True) for arch in ARCHS}, SMP: smp_unet()}

def measure(size, bs, steps, rounds):
    "`{(task, model, precision): median images/s}` over `rounds` interleaved rounds."
    nets, rates = {task: models() for task in ('training', 'inference')}, {}
    for i in range(rounds):
        for task, named in nets.items():
            for name, net in named.items():
                for precision in ('fp32', 'bf16'):
                    rates.setdefault((task, name, precision), []).append(
                        images_per_second(net, size, bs, precision, train=task == 'training', steps=steps))
        print(f"  round {i + 1} of {rounds} done", flush=True)
    return {k: statistics.median(v) for k, v in rates.items()}

def report(med, choices):
    "The table: each model and precision beside smp's default, and petseg's default (what auto chose) in bold."
    print("\n| task | model | precision | images/s | ÷ smp fp32 (smp's default) | ÷ smp bf16 |\n|---|---|---|---|---|---|")
    for (task, name, precision), v in med.items():
        default = choices.get((task, name)) == precision
        label = f"**{name}, petseg's default (auto)**" if default else name
        print(f"| {task} | {label} | {precision} | {v:.2f} | {v / med[task, SMP, 'fp32']:.2f}× | {v / med[task, SMP, 'bf16']:.2f}× |")

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--size', type=int, default=IMG_SIZE); p.add_argument('--bs', type=int, default=16)
    p.add_argument('--steps', type=int, default=2); p.add_argument('--rounds', type=int, default=3)
    p.add_argument('--threads', type=int, default=torch.get_num_threads())
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f"# --precision auto on a CPU: {machine_info()} ({processor()}), {date.today()}, {a.threads} threads, "
          f"{a.size}x{a.size}, batch {a.bs}; {a.rounds} interleaved rounds of {a.steps} steps after a warm-up step, medians\n", flush=True)
    choices, lines = auto_choices(a.size, a.bs)
    if not bf16_supported(): print('This processor has no native bf16 (oneDNN reports none): auto is float32, not measured.')
    else: print('What auto chose, as the commands print it:', *(f'    {l}' for l in lines), sep='\n')
    print('\n'.join(f"  {task} {arch}: {c}" for (task, arch), c in choices.items()), flush=True)
    report(measure(a.size, a.bs, a.steps, a.rounds), choices)

if __name__ == '__main__': main()
