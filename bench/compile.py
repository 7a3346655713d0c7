"""Training and inference images/s of petseg's two models, eager and compiled as `--compile` compiles them, beside
segmentation_models_pytorch's eager `Unet('resnet34')`, in one run: channels_last, 256 px, batch 16, steady state after
compilation, in interleaved rounds (medians), with each compiled model's compile time (its first step).
Training is a step of petseg's Dice + BCE loss and Adam; inference a forward pass in eval mode without gradients.
`--profile` adds torch.profiler tables of the top operators of one training step, compiled ResNet34_UNet and smp eager.
Run: python bench/compile.py [--size 256] [--bs 16] [--steps 3] [--rounds 3] [--threads 2] [--precision fp32] [--profile]
This is a benchmark, not a test: it prints measurements and asserts nothing."""
import argparse, statistics, time
from datetime import date
import torch
from petseg.models import machine_info
from petseg.metrics import DiceBCELoss
from petseg.compute import COMPILE, AUTOCAST, compiled_for_inference
from infer import committed  # bench/infer.py: the committed architectures, built from the JSON beside each checkpoint
from peers import smp_unet

def models():
    "name: a function making a fresh model, petseg's committed architectures (random weights) and smp's Unet('resnet34')."
    return {'petseg ResNet34_UNet': lambda: committed('resnet34_unet', random_weights=True),
            'petseg UNet': lambda: committed('unet', random_weights=True),
            'smp Unet(resnet34)': smp_unet}

class Runner:
    "One model in one mode: `step()` runs a training step or a forward pass on a fixed batch."
    def __init__(self, make, train, compiled, size, bs, precision):
        torch.manual_seed(0)
        self.model, self.train, self.bs = make().to(memory_format=torch.channels_last).train(train), train, bs
        self.x = torch.randn(bs, 3, size, size).to(memory_format=torch.channels_last)
        self.y = (torch.rand(bs, 1, size, size) > .5).float()
        self.autocast = dict(device_type='cpu', dtype=AUTOCAST.get(precision), enabled=precision in AUTOCAST)
        if train:
            self.loss, self.opt = DiceBCELoss(), torch.optim.Adam(self.model.parameters(), 1e-4)
            if compiled: self.model.compile(**COMPILE)  # in place, as petseg's CompileModel callback does
        elif compiled: self.model = compiled_for_inference(self.model)
        start = time.perf_counter(); self.step()
        self.first = time.perf_counter() - start  # compilation and one step
    def step(self):
        with torch.set_grad_enabled(self.train), torch.autocast(**self.autocast):
            out = self.model(self.x)
            if not self.train: return
            loss = self.loss(out.float(), self.y)
        self.opt.zero_grad(); loss.backward(); self.opt.step()
    def rate(self, steps):
        start = time.perf_counter()
        for _ in range(steps): self.step()
        return steps * self.bs / (time.perf_counter() - start)

def profile(runner, rows=12):
    "torch.profiler's table of the operators taking most CPU time in two steps of `runner`."
    from torch.profiler import profile as prof, ProfilerActivity
    with prof(activities=[ProfilerActivity.CPU]) as p:
        for _ in range(2): runner.step()
    return p.key_averages().table(sort_by='self_cpu_time_total', row_limit=rows)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--size', type=int, default=256); p.add_argument('--bs', type=int, default=16)
    p.add_argument('--steps', type=int, default=3); p.add_argument('--rounds', type=int, default=3)
    p.add_argument('--threads', type=int, default=2); p.add_argument('--precision', default='fp32', choices=('fp32', 'bf16'))
    p.add_argument('--profile', action='store_true')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f"# torch.compile on a CPU: {machine_info()}, {date.today()}, {a.threads} threads, {a.size}x{a.size}, batch {a.bs}, {a.precision}, "
          f"channels_last; {a.rounds} interleaved rounds of {a.steps} steps, medians\n", flush=True)
    runners = {}
    for task in ('training', 'inference'):
        for name, make in models().items():
            for compiled in ((False,) if name.startswith('smp') else (False, True)):
                r = runners[task, name, compiled] = Runner(make, task == 'training', compiled, a.size, a.bs, a.precision)
                print(f"  built {task} {name} {'compiled' if compiled else 'eager'}: first step {r.first:.1f} s", flush=True)
    rates = {k: [] for k in runners}
    for i in range(a.rounds):
        for k, r in runners.items(): rates[k].append(r.rate(a.steps))
        print(f"  round {i + 1} of {a.rounds} done", flush=True)
    print("\n| task | model | mode | images/s | ÷ smp eager | ÷ own eager | first step (s) |\n|---|---|---|---|---|---|---|")
    med = {k: statistics.median(v) for k, v in rates.items()}
    for (task, name, compiled), v in med.items():
        smp, own = med[task, 'smp Unet(resnet34)', False], med[task, name, False]
        print(f"| {task} | {name} | {'compiled' if compiled else 'eager'} | {v:.2f} | {v / smp:.2f}× | {v / own:.2f}× | "
              f"{runners[task, name, compiled].first:.1f} |")
    if a.profile:
        for k in (('training', 'petseg ResNet34_UNet', True), ('training', 'smp Unet(resnet34)', False)):
            print(f"\n## Top operators, two {k[0]} steps of {k[1]} {'compiled' if k[2] else 'eager'}\n\n```\n{profile(runners[k])}```")

if __name__ == '__main__': main()
